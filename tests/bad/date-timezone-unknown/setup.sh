sed -i 's/^language: fr$/language: fr\ntimezone: Europe\/Pariss/' folio.yaml
grep -q '^timezone: Europe/Pariss$' folio.yaml
