# the site lowers the server's page-output budget: the event page is 12 KB
printf 'limits:\n  page-output: 10K\n' >> folio.yaml
