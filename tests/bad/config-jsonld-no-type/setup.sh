sed -i 's/^      location: {type: Place, name: location, address: location}$/      location: {name: location}/' folio.yaml
