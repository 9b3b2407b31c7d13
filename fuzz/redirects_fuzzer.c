/*
 * A web server's redirects as init --from reads them: Apache's .htaccess
 * (first byte 'a') or Netlify's _redirects (any other). Invariants: no
 * crash or sanitizer report, and every rule kept for folio.yaml passes
 * folio_config_redirect_check(), which check applies to folio.yaml: init
 * never writes a redirect the site then refuses.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/config.h"
#include "model/migrate_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	bool apache = data[0] == 'a';
	char *text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	folio_buf notes = FOLIO_BUF_INIT;
	migration m;
	memset(&m, 0, sizeof(m));
	m.notes = &notes;
	m.redirects = json_array();
	m.redirect_froms = json_object();
	if (apache)
		folio_migrate__htaccess_text(&m, ".htaccess", text);
	else
		folio_migrate__redirects_text(&m, "_redirects", text);
	size_t i;
	json_t *r;
	json_array_foreach(m.redirects, i, r) {
		const char *from = json_string_value(json_object_get(r, "from"));
		const char *to = json_string_value(json_object_get(r, "to"));
		if (!from || !to || folio_config_redirect_check(from, to, NULL) != FOLIO_REDIRECT_OK) {
			fprintf(stderr, "kept a redirect folio.yaml refuses: %s -> %s\n", from ? from : "(none)",
			        to ? to : "(none)");
			abort();
		}
	}
	json_decref(m.redirects);
	json_decref(m.redirect_froms);
	folio_buf_dispose(&notes);
	free(text);
	return 0;
}
