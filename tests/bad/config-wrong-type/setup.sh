sed -i 's/^page_size: 10$/page_size: dix/' folio.yaml
