sed -i 's/^      startDate: \[date, start\]$/      startDate: [date]/' folio.yaml
