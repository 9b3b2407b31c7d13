sed -i 's/^    template: book$/    template: livre/' folio.yaml
