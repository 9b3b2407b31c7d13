/* Catalogues: lookups by language, fallbacks, and findings in the
 * language set for them while the process's own stays English. */
#include "helpers.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "folio/buf.h"
#include "folio/i18n.h"

static void text_in_french_and_fallbacks(void **state)
{
	(void)state;
	assert_string_equal(folio_i18n_text("fr", "a draft"), "un brouillon");
	/* a region or a locale name falls back to the language */
	assert_string_equal(folio_i18n_text("fr-CA", "a draft"), "un brouillon");
	assert_string_equal(folio_i18n_text("fr_FR.UTF-8", "a draft"), "un brouillon");
	/* English is the source; a language without a catalogue reads it too */
	assert_string_equal(folio_i18n_text("en", "a draft"), "a draft");
	assert_string_equal(folio_i18n_text("de", "a draft"), "a draft");
	assert_string_equal(folio_i18n_text(NULL, "a draft"), "a draft");
	assert_string_equal(folio_i18n_text("C", "a draft"), "a draft");
	/* a message the catalogue lacks is shown as written */
	assert_string_equal(folio_i18n_text("fr", "no such message here"), "no such message here");
	assert_string_equal(folio_i18n_text("fr", ""), "");
}

static void counts_take_the_languages_singular(void **state)
{
	(void)state;
	assert_true(folio_i18n_singular("fr", 0)); /* "0 erreur" */
	assert_true(folio_i18n_singular("fr-CA", 1));
	assert_false(folio_i18n_singular("fr", 2));
	assert_false(folio_i18n_singular("en", 0)); /* "0 errors" */
	assert_true(folio_i18n_singular("en", 1));
	assert_false(folio_i18n_singular("", 0));
}

static void localedir_is_the_build_trees(void **state)
{
	(void)state;
	/* this test runs uninstalled, from the build tree */
	const char *dir = folio_i18n_localedir();
	assert_non_null(strstr(dir, "/locale"));
	assert_int_not_equal(strncmp(dir, "/usr/", 5), 0);
}

static void findings_speak_the_language_set(void **state)
{
	(void)state;
	unsetenv("FOLIO_FINDINGS_LANG"); /* ctest sets it to en for the other tests */
	folio_i18n_set_findings_language("fr");
	folio_diags d;
	folio_diags_init(&d);
	folio_diags_add(&d, FOLIO_RULE_LINK_BROKEN, "pages/a.md", 5, 5,
	                "add the file under static/ or fix the link",
	                "link to \"%s\": no such file in static/", "/static/x.png");
	folio_buf b = FOLIO_BUF_INIT;
	folio_diag_format_text(&b, &d.items[0]);
	/* path, line, severity word and rule id stay as they are */
	assert_string_equal(b.ptr,
		"pages/a.md:5:5: error: lien vers \"/static/x.png\" : ce fichier n'existe pas dans "
		"static/ [link/broken]\n"
		"  conseil : ajoutez le fichier dans static/, ou corrigez le lien\n");
	folio_buf_dispose(&b);

	/* the command line's language is another matter: LANG=C here */
	assert_string_equal(folio_i18n_cli("show this help"), "show this help");

	/* an English site, then the server's override */
	folio_i18n_set_findings_language("en");
	folio_diags_add(&d, FOLIO_RULE_HTML_RAW, "b.md", 1, 1, NULL, "raw HTML is not allowed on this site");
	assert_string_equal(d.items[1].message, "raw HTML is not allowed on this site");
	folio_i18n_set_findings_language("fr");
	setenv("FOLIO_FINDINGS_LANG", "en", 1);
	folio_diags_add(&d, FOLIO_RULE_HTML_RAW, "b.md", 1, 1, NULL, "raw HTML is not allowed on this site");
	assert_string_equal(d.items[2].message, "raw HTML is not allowed on this site");
	unsetenv("FOLIO_FINDINGS_LANG");
	folio_diags_add(&d, FOLIO_RULE_HTML_RAW, "b.md", 1, 1, NULL, "raw HTML is not allowed on this site");
	assert_string_equal(d.items[3].message, "le HTML brut n'est pas permis sur ce site");
	folio_diags_dispose(&d);
	folio_i18n_set_findings_language(NULL);
}

static void config_sets_the_findings_language(void **state)
{
	(void)state;
	unsetenv("FOLIO_FINDINGS_LANG");
	static const char yaml[] = "title: T\nbase_url: https://example.org\nlanguage: fr-CA\n"
	                           "page_sise: 3\ncollections:\n  - name: pages\n    template: page\n";
	folio_config *cfg = NULL;
	folio_diags d;
	folio_diags_init(&d);
	assert_int_equal(folio_config_parse(&cfg, yaml, strlen(yaml), "folio.yaml", &d), 0);
	assert_string_equal(folio_i18n_findings_language(), "fr-CA");
	/* the unknown key is reported in the site's language, though the
	 * language is set after it in the file */
	assert_true(d.count >= 1);
	assert_string_equal(d.items[0].message, "réglage inconnu \"page_sise\"");
	assert_string_equal(d.items[0].hint, "vouliez-vous dire \"page_size\" ?");
	folio_config_free(cfg);
	folio_diags_dispose(&d);

	/* a folio.yaml YAML cannot read still names its language */
	static const char broken[] = "title: \"T\nlanguage: fr\n";
	folio_diags_init(&d);
	cfg = NULL;
	folio_config_parse(&cfg, broken, strlen(broken), "folio.yaml", &d);
	assert_null(cfg);
	assert_int_equal(d.count, 1);
	assert_non_null(strstr(d.items[0].message, "fin du texte inattendue"));
	folio_diags_dispose(&d);
	folio_i18n_set_findings_language(NULL);
}

static char *fmt_in(const char *lang, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *fmt_in(const char *lang, const char *fmt, ...)
{
	folio_buf b = FOLIO_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	folio_i18n_vformat(&b, lang, fmt, ap);
	va_end(ap);
	return folio_buf_detach(&b, NULL);
}

#define NNBSP "\xe2\x80\xaf"

/* French groups whole numbers of five digits or more; English writes them as printf does. */
static void numbers_are_written_as_the_language_writes_them(void **state)
{
	(void)state;
	char *s = fmt_in("fr", "%s fait %zu octets, plus que %zu ; ligne %u, %d, %lld", "a.md", (size_t)160999,
	                 (size_t)65536, 12u, -1234567, 2026LL);
	assert_string_equal(s, "a.md fait 160" NNBSP "999 octets, plus que 65" NNBSP "536 ; ligne 12, -1" NNBSP
	                       "234" NNBSP "567, 2026");
	free(s);
	s = fmt_in("en", "%s is %zu bytes, more than %zu", "a.md", (size_t)160999, (size_t)65536);
	assert_string_equal(s, "a.md is 160999 bytes, more than 65536");
	free(s);
	/* widths, precisions, other conversions and %% as printf writes them */
	s = fmt_in("fr", "[%5d|%-4s|%.*s|%02u|%c|%x|%.1f|%%|%llu]", 42, "ab", 2, "xyz", 7u, 'q', 255u, 1.25,
	           18446744073709551615ULL);
	assert_string_equal(s, "[   42|ab  |xy|07|q|ff|1.2|%|18" NNBSP "446" NNBSP "744" NNBSP "073" NNBSP "709" NNBSP
	                       "551" NNBSP "615]");
	free(s);
}

/* Every message of po/fr.po is found in the compiled catalogue: the binary
 * search over the originals (util/search.c) reaches the first, the last and
 * each between. Single-line entries without escapes, most of them. */
static void every_message_of_the_catalogue_is_found(void **state)
{
	(void)state;
	size_t len, checked = 0;
	char *po = test_read_file(FOLIO_SOURCE_DIR "/po/fr.po", &len);
	assert_non_null(po);
	for (char *line = po, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (strncmp(line, "msgid \"", 7) || !next || strncmp(next, "msgstr \"", 8))
			continue;
		char *id = line + 7, *str = next + 8, *end = strchr(next, '\n');
		size_t idlen = strlen(id), slen = end ? (size_t)(end - str) : strlen(str);
		if (idlen < 2 || slen < 2 || strchr(id, '\\') || memchr(str, '\\', slen))
			continue; /* the header (msgid ""), an empty or escaped text */
		id[idlen - 1] = '\0';
		char *want = strndup(str, slen - 1);
		assert_string_equal(folio_i18n_text("fr", id), want);
		free(want);
		checked++;
	}
	assert_true(checked > 400); /* nearly all of them */
	free(po);
}

int main(void)
{
	setenv("LANG", "C", 1);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANGUAGE");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_in_french_and_fallbacks),
		cmocka_unit_test(counts_take_the_languages_singular),
		cmocka_unit_test(localedir_is_the_build_trees),
		cmocka_unit_test(findings_speak_the_language_set),
		cmocka_unit_test(config_sets_the_findings_language),
		cmocka_unit_test(numbers_are_written_as_the_language_writes_them),
		cmocka_unit_test(every_message_of_the_catalogue_is_found),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
