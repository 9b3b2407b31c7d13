# a schema that says nothing of the date field's type: folio checks it as a date all the same
sed -i 's/"date": {"type": "string", "format": "date", /"date": {/' schemas/books.json
grep -q '"date": {"description"' schemas/books.json
