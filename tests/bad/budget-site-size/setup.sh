# the site lowers the server's site-size budget below what it writes
printf 'limits:\n  site-size: 100K\n' >> folio.yaml
