/* publish/record_meta: a record's front matter read back is always the
 * value json_loads() gives: the same types, values and key order (dumped
 * again, the same text), and NULL where json_loads() refuses the text. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "publish/record_meta.h"

/* Both readers agree on text: both refuse it, or both dump the same. */
static void same_as_jansson(const char *text, bool by_jansson)
{
	bool jansson_read = !by_jansson;
	json_t *want = json_loads(text, 0, NULL), *got = folio_publish__meta_loads(text, &jansson_read);
	if (jansson_read != by_jansson)
		fail_msg("%s: read by %s", text, jansson_read ? "json_loads" : "the record reader");
	if (!want) {
		if (got)
			fail_msg("json_loads refuses %s, the record reader took it", text);
		return;
	}
	if (!got)
		fail_msg("json_loads takes %s, the record reader refused it", text);
	char *a = json_dumps(want, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	char *b = json_dumps(got, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	if (strcmp(a, b) || !json_equal(want, got))
		fail_msg("%s: json_loads gives %s, the record reader %s", text, a, b);
	free(a);
	free(b);
	json_decref(want);
	json_decref(got);
}

static void the_records_form_reads_as_jansson_reads_it(void **state)
{
	(void)state;
	const char *texts[] = {
		"{}",
		("{\"title\":\"À accompagnement\",\"authors\":[\"Nicolas Marchand\",\"Océane\"],"
		 "\"date\":\"2001-06-24\",\"pages\":620,\"draft\":false,\"x\":true,\"y\":null}"),
		"{\"b\":1,\"a\":2,\"c\":{\"z\":[],\"y\":{},\"x\":[[1],[2,[3]]]}}",
		"{\"n\":-9223372036854775808,\"m\":9223372036854775807,\"z\":0,\"neg\":-0}",
		"{\"esc\":\"a\\\"b\\\\c\\/d\\n\\t\\r\\b\\f\"}",
		"{\"k\\\"ey\":\"v\"}",
		"{\"dup\":1,\"other\":2,\"dup\":3}",
		"{\"emoji\":\"\xf0\x9f\x98\x80\",\"cjk\":\"\xe4\xb8\xad\"}",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		same_as_jansson(texts[i], false);
}

static void other_forms_are_jansson_s_to_read(void **state)
{
	(void)state;
	const char *texts[] = {
		"{\"r\":1.5,\"e\":1e3,\"E\":-2E-2}", /* reals */
		"{\"big\":92233720368547758080}",     /* out of range */
		"{\"u\":\"\\u00e9\\ud83d\\ude00\"}",   /* \u escapes */
		"{\"nul\":\"a\\u0000b\"}",
		"{\"a\\u0000\":1}",
		"{ \"spaced\" : [ 1 , 2 ] }\n",
		"[1,2]",
		"\"text\"",
		"{\"lead\":01}",
		"{\"bad\":tru}",
		"{\"open\":[1,2}",
		"{\"a\":1}trailing",
		"{\"a\":1,}",
		"{\"ctl\":\"a\tb\"}",
		"{\"bad utf8\":\"\xc3\x28\"}",
		"{\"\xff\":1}",
		"{\"esc\":\"\\x\"}",
		"",
	};
	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		same_as_jansson(texts[i], true);
	/* deeper than the reader goes: jansson's depth rules apply */
	char deep[2 * 200 + 16];
	size_t n = 0;
	n += (size_t)snprintf(deep, sizeof(deep), "{\"d\":");
	for (int i = 0; i < 200; i++)
		deep[n++] = '[';
	for (int i = 0; i < 200; i++)
		deep[n++] = ']';
	deep[n++] = '}';
	deep[n] = '\0';
	same_as_jansson(deep, true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_records_form_reads_as_jansson_reads_it),
		cmocka_unit_test(other_forms_are_jansson_s_to_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
