/* model/urlize: Hugo's urlize, the address a title gives (":slug"). */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "model/urlize.h"

/* want from urlize (in, remove): NULL when it gives none */
static void expect_of(char *(*urlize)(const char *, size_t, bool), const char *in, bool remove,
                      const char *want)
{
	char *got = urlize(in, strlen(in), remove);
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void expect(const char *in, bool remove, const char *want)
{
	expect_of(folio_urlize, in, remove, want);
}

static void urlize_spaces_and_punctuation(void **state)
{
	(void)state;
	expect("Migrer vers PostgreSQL", false, "migrer-vers-postgresql");
	expect("Vim (text editor)", false, "vim-text-editor");
	/* Hugo's own examples (urls.URLize) */
	expect("A B C", false, "a-b-c");
	expect("a b   c", false, "a-b-c");
	expect("< a, b, & c >", false, "a-b-c");
	expect("main.go", false, "main.go");
	expect("A - B", false, "a-b");
	expect("-a-", false, "-a-");
	expect("C'est l'heure: 10h30 !", false, "cest-lheure-10h30");
	expect("db_migrator v2.1 ~ git@x +1", false, "db_migrator-v2.1-~-git@x-+1");
	expect("a\tb\nc\xc2\xa0" "d", false, "a-b-c-d"); /* tab, newline, no-break space */
}

static void urlize_accents(void **state)
{
	(void)state;
	expect("La brêve histoire du fichier backup_label", false,
	       "la-brêve-histoire-du-fichier-backup_label");
	expect("La brêve histoire du fichier backup_label", true,
	       "la-breve-histoire-du-fichier-backup_label");
	expect("Index décomplexé", true, "index-decomplexe");
	expect("Hugö", false, "hugö");
	expect("À propos", true, "a-propos");
	expect("Œuvre", true, "œuvre"); /* a letter of its own, no mark to remove */
	expect("e\xcc\x81t\xc3\xa9", false, "e\xcc\x81t\xc3\xa9"); /* a combining mark is kept */
	expect("e\xcc\x81t\xc3\xa9", true, "ete");
	expect("Ärger", false, "ärger");
}

static void urlize_scripts_and_emoji(void **state)
{
	(void)state;
	expect("中点・テスト", false, "中点テスト");
	expect("全角　スペース", false, "全角-スペース"); /* U+3000 is white space */
	expect("Москва 2024", true, "москва-2024");
	expect("हिन्दी पाठ", false, "हिन्दी-पाठ"); /* Devanagari's vowel signs are marks */
	expect("Fête 🎉 party", false, "fête-party");
	expect("🎉🎉", false, NULL);
}

static void urlize_stays_one_segment(void **state)
{
	(void)state;
	expect("", false, NULL);
	expect("!!!", false, NULL);
	expect("   ", false, NULL);
	expect("...", false, NULL);
	expect("..", false, NULL);
	expect(".NET Core", false, "net-core");
	expect("../../etc/passwd", false, "etcpasswd");
	expect("a/b\\c#d%41?e", false, "abcd41e");
	expect("a\x01" "b\x7f" "c", false, "abc");
	expect("\xff\xfe", false, NULL); /* not UTF-8 */
	char nul[] = { 'a', 0, 'b' };
	char *got = folio_urlize(nul, sizeof(nul), false);
	assert_string_equal(got, "ab");
	free(got);
}

static void expect_path(const char *in, bool remove, const char *want)
{
	expect_of(folio_urlize_path, in, remove, want);
}

/* folio_urlize_path keeps Hugo's '/' when every name it leaves is plain */
static void urlize_path_keeps_slashes_between_names(void **state)
{
	(void)state;
	expect_path("Paiements en ligne / Financements", true, "paiements-en-ligne-/-financements");
	expect_path("TCP/IP pour tous", false, "tcp/ip-pour-tous");
	expect_path("En déplacement / Sécurité", false, "en-déplacement-/-sécurité");
	expect_path("No slash here", false, NULL); /* folio_urlize's */
	expect_path("../../etc/passwd", false, NULL); /* "/../etc/passwd" once the dots go */
	expect_path("a//b", false, NULL);
	expect_path("a/", false, NULL);
	expect_path("Notes /.cache/ vides", false, NULL);
	expect_path("a/../b", false, NULL);
	expect_path("a/./b", false, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(urlize_spaces_and_punctuation),
		cmocka_unit_test(urlize_accents),
		cmocka_unit_test(urlize_scripts_and_emoji),
		cmocka_unit_test(urlize_stays_one_segment),
		cmocka_unit_test(urlize_path_keeps_slashes_between_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
