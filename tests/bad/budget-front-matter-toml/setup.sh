#!/bin/bash
# the site lowers the front-matter budget below this TOML page, above the sample pages
printf 'limits:\n  front-matter: 4K\n' >> folio.yaml
