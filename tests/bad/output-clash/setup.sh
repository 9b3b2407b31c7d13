# a collection whose folder is "sitemap.xml": its list page would make a
# folder where the site's sitemap.xml file goes, so no publish could succeed
python3 - <<'PY'
s = open("folio.yaml").read()
s = s.replace("\npartners:", "\n  - name: plan\n    folder: sitemap.xml\n    template: page\n\npartners:", 1)
open("folio.yaml", "w").write(s)
PY
