/*
 * ISBN parsing, check digits, hyphenation and the range tables: a table
 * of vectors checked against the compiled-in ranges and the same ranges
 * loaded from testdata/isbn/RangeMessage.xml at run time, a doctored range
 * message that must change the answers, and a random cross-check of the
 * two tables. Expected hyphenations come from the agency's ranges, worked
 * out apart from this code.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/isbn_ranges.h"

#define RANGES_XML FOLIO_TESTDATA "/isbn/RangeMessage.xml"
#define RANGES_DATE "Mon, 8 Jan 2024 13:37:37 GMT"

typedef struct {
	const char *input;
	folio_isbn_status status;
	folio_rule rule; /* FOLIO_RULE__COUNT when valid */
	const char *isbn13, *isbn10, *digits13;
} isbn_vector;

/* Valid ones, ISBN-10s (X check digits), wrong check digits, wrong
 * hyphenation, unknown ranges, lengths and stray characters, prefixes. */
static const isbn_vector vectors[] = {
	{ "978-2-296-01368-1", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "978-0-306-40615-7", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-0-306-40615-7", "0-306-40615-2", "9780306406157" },
	{ "978-1-4028-9462-6", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-1-4028-9462-6", "1-4028-9462-7", "9781402894626" },
	{ "978-3-16-148410-0", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-3-16-148410-0", "3-16-148410-X", "9783161484100" },
	{ "978-0-596-52068-7", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-0-596-52068-7", "0-596-52068-9", "9780596520687" },
	{ "978-0-262-03384-8", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-0-262-03384-8", "0-262-03384-4", "9780262033848" },
	{ "978-1-59327-584-6", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-1-59327-584-6", "1-59327-584-6", "9781593275846" },
	{ "978-2-07-036002-4", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-07-036002-4", "2-07-036002-4", "9782070360024" },
	{ "978-2-07-040850-4", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-07-040850-4", "2-07-040850-7", "9782070408504" },
	{ "978-4-06-519981-7", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-4-06-519981-7", "4-06-519981-6", "9784065199817" },
	{ "978-7-02-000220-7", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-7-02-000220-7", "7-02-000220-X", "9787020002207" },
	{ "978-84-376-0494-7", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-84-376-0494-7", "84-376-0494-X", "9788437604947" },
	{ "978-952-10-2345-3", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-952-10-2345-3", "952-10-2345-7", "9789521023453" },
	{ "978-90-274-3964-2", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-90-274-3964-2", "90-274-3964-8", "9789027439642" },
	{ "978-972-20-0000-0", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-972-20-0000-0", "972-20-0000-4", "9789722000000" },
	{ "978-1-84356-028-9", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-1-84356-028-9", "1-84356-028-3", "9781843560289" },
	{ "978-0-14-044913-6", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-0-14-044913-6", "0-14-044913-2", "9780140449136" },
	{ "978-0-19-953556-9", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-0-19-953556-9", "0-19-953556-6", "9780199535569" },
	{ "978-1-56619-909-4", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-1-56619-909-4", "1-56619-909-3", "9781566199094" },
	{ "979-10-90636-07-1", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "979-10-90636-07-1", "", "9791090636071" },
	{ "979-8-6024-0545-3", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "979-8-6024-0545-3", "", "9798602405453" },
	{ "978-2-7011-4567-9", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-7011-4567-9", "2-7011-4567-8", "9782701145679" },
	{ "978-2-86744-000-7", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-86744-000-7", "2-86744-000-9", "9782867440007" },
	{ "978-2-9199430-0-5", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-9199430-0-5", "2-9199430-0-6", "9782919943005" },
	{ "978-2-9500000-0-2", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-9500000-0-2", "2-9500000-0-2", "9782950000002" },
	{ "978-3-423-13115-5", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-3-423-13115-5", "3-423-13115-2", "9783423131155" },
	{ "978-3-8274-2962-9", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-3-8274-2962-9", "3-8274-2962-5", "9783827429629" },
	{ "978-3-9700000-0-3", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-3-9700000-0-3", "3-9700000-0-9", "9783970000003" },
	{ "978-88-04-66853-4", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-88-04-66853-4", "88-04-66853-9", "9788804668534" },
	{ "978-5-17-118366-0", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-5-17-118366-0", "5-17-118366-X", "9785171183660" },
	{ "978-65-5535-001-2", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-65-5535-001-2", "65-5535-001-6", "9786555350012" },
	{ "979-11-5654-001-4", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "979-11-5654-001-4", "", "9791156540014" },
	{ "979-12-200-0000-0", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "979-12-200-0000-0", "", "9791220000000" },
	{ "979-10-976000-0-6", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "979-10-976000-0-6", "", "9791097600006" },
	{ "979-8-9850000-0-9", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "979-8-9850000-0-9", "", "9798985000009" },
	{ "978-99937-1-000-4", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-99937-1-000-4", "99937-1-000-8", "9789993710004" },
	{ "978-9919-9000-0-7", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-9919-9000-0-7", "9919-9000-0-1", "9789919900007" },
	{ "978-0-9003710-0-4", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-0-9003710-0-4", "0-9003710-0-5", "9780900371004" },
	{ "978-1-000-00000-9", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-1-000-00000-9", "1-000-00000-1", "9781000000009" },
	{ "978-621-00-0000-9", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-621-00-0000-9", "621-00-0000-2", "9786210000009" },
	{ "978-0-00-000000-2", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-0-00-000000-2", "0-00-000000-0", "9780000000002" },
	{ "9782296013681", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "9791090636071", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "979-10-90636-07-1", "", "9791090636071" },
	{ "9798602405453", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "979-8-6024-0545-3", "", "9798602405453" },
	{ "978 2 296 01368 1", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "978 0 306 40615 7", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-0-306-40615-7", "0-306-40615-2", "9780306406157" },
	{ "ISBN 978-2-296-01368-1", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "ISBN-13: 978-2-296-01368-1", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "isbn13 9782296013681", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "ISBN-10: 2-296-01368-6", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "  978-2-296-01368-1  ", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "2-296-01368-6", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "2296013686", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "0-306-40615-2", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-0-306-40615-7", "0-306-40615-2", "9780306406157" },
	{ "0306406152", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-0-306-40615-7", "0-306-40615-2", "9780306406157" },
	{ "0-8044-2957-X", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-0-8044-2957-3", "0-8044-2957-X", "9780804429573" },
	{ "080442957x", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-0-8044-2957-3", "0-8044-2957-X", "9780804429573" },
	{ "0-9752298-0-X", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-0-9752298-0-4", "0-9752298-0-X", "9780975229804" },
	{ "3-16-148410-X", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-3-16-148410-0", "3-16-148410-X", "9783161484100" },
	{ "7-02-000220-X", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-7-02-000220-7", "7-02-000220-X", "9787020002207" },
	{ "84-376-0494-X", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-84-376-0494-7", "84-376-0494-X", "9788437604947" },
	{ "1-84356-028-3", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-1-84356-028-9", "1-84356-028-3", "9781843560289" },
	{ "99937-1-000-8", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-99937-1-000-4", "99937-1-000-8", "9789993710004" },
	{ "2-07-036002-4", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-2-07-036002-4", "2-07-036002-4", "9782070360024" },
	{ "4-06-519981-6", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-4-06-519981-7", "4-06-519981-6", "9784065199817" },
	{ "965-00-0000-3", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT, "978-965-00-0000-4", "965-00-0000-3", "9789650000004" },
	{ "9782296013682", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_CHECK_DIGIT, "", "", "" },
	{ "978-2-296-01368-2", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_CHECK_DIGIT, "", "", "" },
	{ "978-0-306-40615-8", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_CHECK_DIGIT, "", "", "" },
	{ "2-296-01368-X", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_CHECK_DIGIT, "", "", "" },
	{ "229601368X", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_CHECK_DIGIT, "", "", "" },
	{ "0-306-40615-3", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_CHECK_DIGIT, "", "", "" },
	{ "0-8044-2957-9", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_CHECK_DIGIT, "", "", "" },
	{ "979-10-90636-07-2", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_CHECK_DIGIT, "", "", "" },
	{ "9798602405454", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_CHECK_DIGIT, "", "", "" },
	{ "978229601368X", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_CHECK_DIGIT, "", "", "" },
	{ "978-22-96013-68-1", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_HYPHENATION, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "978-2296-01368-1", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_HYPHENATION, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "9782-296-01368-1", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_HYPHENATION, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "978-2-29601-368-1", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_HYPHENATION, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "978--2-296-01368-1", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_HYPHENATION, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "978-2-296-01368-1-", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_HYPHENATION, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "978 2 29601368 1", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_HYPHENATION, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "2-29601368-6", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_HYPHENATION, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "22-96-01368-6", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_HYPHENATION, "978-2-296-01368-1", "2-296-01368-6", "9782296013681" },
	{ "979-1-090636-07-1", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_HYPHENATION, "979-10-90636-07-1", "", "9791090636071" },
	{ "979-86-024-0545-3", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_HYPHENATION, "979-8-6024-0545-3", "", "9798602405453" },
	{ "0-30640-615-2", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_HYPHENATION, "978-0-306-40615-7", "0-306-40615-2", "9780306406157" },
	{ "978-0-8044-29573", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_HYPHENATION, "978-0-8044-2957-3", "0-8044-2957-X", "9780804429573" },
	{ "9786100000003", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9786100000003" },
	{ "9789900000006", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9789900000006" },
	{ "9789990000009", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9789990000009" },
	{ "9786600000008", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9786600000008" },
	{ "9790260000438", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9790260000438" },
	{ "9791300000005", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9791300000005" },
	{ "9792000000005", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9792000000005" },
	{ "9799000000004", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9799000000004" },
	{ "9781066000005", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9781066000005" },
	{ "9786110000000", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9786110000000" },
	{ "9798000000007", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9798000000007" },
	{ "9791200000006", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9791200000006" },
	{ "9798910000005", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9798910000005" },
	{ "9786126000001", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9786126000001" },
	{ "6100000008", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9786100000003" },
	{ "979-0-2600-0043-8", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE, "", "", "9790260000438" },
	{ "", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "   ", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "1", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "978229601368", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "97822960136811", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "229601368", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "22960136866", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "978-2-296-01368", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "978-2-296-01368-11", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "97A2296013681", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "978-2-296-01368-1!", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "abc", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "978_2_296_01368_1", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "978.2.296.01368.1", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "97X2296013681", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "2-296-0136X-6", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "X", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "ISBN978-2-296-01368-1", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "978\342\200\2202\342\200\220296\342\200\22001368\342\200\2201", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "978\342\200\2232\342\200\223296\342\200\22301368\342\200\2231", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "978\t2296013681", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "\331\251\331\247\331\250\331\242\331\242\331\251\331\246\331\240\331\241\331\243\331\246\331\250\331\241", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_LENGTH, "", "", "" },
	{ "9771234567898", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_PREFIX, "", "", "" },
	{ "9800000000000", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_PREFIX, "", "", "" },
	{ "0000000000000", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_PREFIX, "", "", "" },
	{ "1234567890128", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_PREFIX, "", "", "" },
	{ "9771234567003", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_PREFIX, "", "", "" },
};

#define NVECTORS (sizeof(vectors) / sizeof(vectors[0]))

static const char *status_name(folio_isbn_status s)
{
	return s == FOLIO_ISBN_VALID ? "valid" : s == FOLIO_ISBN_INVALID ? "invalid" : "unknown-range";
}

/* Compare one answer with its vector; print what differs. */
static bool vector_holds(const isbn_vector *v, const folio_isbn_info *info)
{
	bool ok = info->status == v->status && info->rule == v->rule &&
	          !strcmp(info->isbn13, v->isbn13) && !strcmp(info->isbn10, v->isbn10) &&
	          !strcmp(info->digits13, v->digits13) &&
	          (info->status == FOLIO_ISBN_VALID) == !info->message[0];
	if (!ok)
		print_error("\"%s\": got %s %s \"%s\" \"%s\" \"%s\" (%s), expected %s %s \"%s\" \"%s\" \"%s\"\n",
		            v->input, status_name(info->status),
		            info->rule < FOLIO_RULE__COUNT ? folio_rule_name(info->rule) : "-",
		            info->isbn13, info->isbn10, info->digits13, info->message,
		            status_name(v->status), v->rule < FOLIO_RULE__COUNT ? folio_rule_name(v->rule) : "-",
		            v->isbn13, v->isbn10, v->digits13);
	return ok;
}

static void check_all_vectors(void)
{
	size_t failed = 0;
	for (size_t i = 0; i < NVECTORS; i++) {
		folio_isbn_info info;
		assert_int_equal(folio_isbn_parse(&info, vectors[i].input), 0);
		if (!vector_holds(&vectors[i], &info))
			failed++;
	}
	if (failed)
		fail_msg("%zu of %zu ISBN vectors failed", failed, NVECTORS);
}

/* A small range message that moves 978-2's hyphens, adds group 978-610,
 * and knows neither 978-0 nor the 979 prefix. */
static const char doctored_xml[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<ISBNRangeMessage>\n"
	"  <MessageSerialNumber>doctored</MessageSerialNumber>\n"
	"  <MessageDate>Tue, 1 Jan 2030 00:00:00 GMT</MessageDate>\n"
	"  <EAN.UCCPrefixes>\n"
	"    <EAN.UCC><Prefix>978</Prefix><Agency>x</Agency><Rules>\n"
	"      <Rule><Range>6000000-6999999</Range><Length>3</Length></Rule>\n"
	"      <Rule><Range>0000000-5999999</Range><Length>1</Length></Rule>\n"
	"    </Rules></EAN.UCC>\n"
	"  </EAN.UCCPrefixes>\n"
	"  <RegistrationGroups>\n"
	"    <Group><Prefix>978-610</Prefix><Agency>new</Agency><Rules>\n"
	"      <Rule><Range>0000000-9999999</Range><Length>2</Length></Rule>\n"
	"    </Rules></Group>\n"
	"    <Group><Prefix>978-2</Prefix><Agency>French language</Agency><Rules>\n"
	"      <Rule><Range>0000000-9999999</Range><Length>2</Length></Rule>\n"
	"    </Rules></Group>\n"
	"  </RegistrationGroups>\n"
	"</ISBNRangeMessage>\n";

/* Write doctored_xml (or other content) to dir/name; caller frees the path. */
static char *write_xml(const char *dir, const char *name, const char *content)
{
	test_write_file(dir, name, content);
	char *path = malloc(4096);
	snprintf(path, 4096, "%s/%s", dir, name);
	return path;
}

static void expect_parse(const char *input, folio_isbn_status status, folio_rule rule,
                         const char *isbn13, const char *isbn10, const char *digits13)
{
	isbn_vector v = { input, status, rule, isbn13, isbn10, digits13 };
	folio_isbn_info info;
	folio_isbn_parse(&info, input);
	if (!vector_holds(&v, &info))
		fail_msg("\"%s\" gave the wrong answer", input);
}

static void isbn_vectors_hold_with_compiled_ranges(void **state)
{
	(void)state;
	assert_string_equal(folio_isbn_ranges_date(), RANGES_DATE);
	check_all_vectors();
	print_message("%zu ISBN vectors\n", NVECTORS);
}

static void isbn_vectors_hold_with_ranges_loaded_at_run_time(void **state)
{
	(void)state;
	assert_folio_ok(folio_isbn_ranges_load(RANGES_XML));
	assert_ptr_not_equal(folio_isbn__ranges_current(), &folio_isbn__builtin);
	assert_string_equal(folio_isbn_ranges_date(), RANGES_DATE);
	check_all_vectors();
	assert_folio_ok(folio_isbn_ranges_load(NULL));
	assert_ptr_equal(folio_isbn__ranges_current(), &folio_isbn__builtin);
}

static void isbn_doctored_ranges_change_the_answers(void **state)
{
	(void)state;
	char *dir = test_tempdir("isbn");
	char *path = write_xml(dir, "RangeMessage.xml", doctored_xml);
	assert_folio_ok(folio_isbn_ranges_load(path));
	assert_string_equal(folio_isbn_ranges_date(), "Tue, 1 Jan 2030 00:00:00 GMT");
	expect_parse("9782296013681", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT,
	             "978-2-29-601368-1", "2-29-601368-6", "9782296013681");
	expect_parse("978-2-296-01368-1", FOLIO_ISBN_INVALID, FOLIO_RULE_ISBN_HYPHENATION,
	             "978-2-29-601368-1", "2-29-601368-6", "9782296013681");
	expect_parse("9786100000003", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT,
	             "978-610-00-0000-3", "610-00-0000-8", "9786100000003");
	expect_parse("9780306406157", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE,
	             "", "", "9780306406157");
	expect_parse("979-10-90636-07-1", FOLIO_ISBN_UNKNOWN_RANGE, FOLIO_RULE_ISBN_UNKNOWN_RANGE,
	             "", "", "9791090636071");
	/* Going back to the compiled-in table undoes it all. */
	assert_folio_ok(folio_isbn_ranges_load(NULL));
	assert_string_equal(folio_isbn_ranges_date(), RANGES_DATE);
	expect_parse("978-2-296-01368-1", FOLIO_ISBN_VALID, FOLIO_RULE__COUNT,
	             "978-2-296-01368-1", "2-296-01368-6", "9782296013681");
	test_rm_rf(dir);
	free(path);
	free(dir);
}

/* A message date over several lines is read as one line: hints quote it. */
static void isbn_ranges_date_is_read_on_one_line(void **state)
{
	(void)state;
	static const char xml[] =
	        "<ISBNRangeMessage><MessageDate>\n  Tue, 1 Jan\n\n\t2030 </MessageDate>"
	        "<EAN.UCCPrefixes><EAN.UCC><Prefix>978</Prefix><Rules><Rule>"
	        "<Range>0000000-9999999</Range><Length>1</Length></Rule></Rules></EAN.UCC>"
	        "</EAN.UCCPrefixes><RegistrationGroups><Group><Prefix>978-2</Prefix><Rules><Rule>"
	        "<Range>0000000-1999999</Range><Length>2</Length></Rule></Rules></Group>"
	        "</RegistrationGroups></ISBNRangeMessage>";
	folio_isbn__loaded *loaded = NULL;
	assert_folio_ok(folio_isbn__ranges_parse(&loaded, xml, strlen(xml), "date.xml"));
	const folio_isbn__ranges *r = folio_isbn__ranges_of(loaded);
	assert_string_equal(r->date, "Tue, 1 Jan 2030");
	folio_isbn_info info;
	folio_isbn__parse_with(&info, "9782296013681", r);
	assert_int_equal(info.status, FOLIO_ISBN_UNKNOWN_RANGE);
	assert_string_equal(info.hint, "check the ISBN, or use ranges newer than Tue, 1 Jan 2030");
	folio_isbn__ranges_free(loaded);
}

/* A group's prefix without its "-<code>" ("970"): refused, read within its
 * bytes (the fuzzer found the group's code read past a 3-byte prefix). */
static void isbn_ranges_group_prefix_alone_is_refused(void **state)
{
	(void)state;
	static const char *const prefixes[] = { "970", "970-", "978-123456", "97a-1" };
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++) {
		char xml[1024];
		snprintf(xml, sizeof(xml),
		         "<ISBNRangeMessage><MessageDate>Mon</MessageDate>"
		         "<EAN.UCCPrefixes><EAN.UCC><Prefix>978</Prefix><Rules><Rule>"
		         "<Range>0000000-9999999</Range><Length>1</Length></Rule></Rules></EAN.UCC>"
		         "</EAN.UCCPrefixes><RegistrationGroups><Group><Prefix>%s</Prefix><Rules><Rule>"
		         "<Range>0000000-1999999</Range><Length>2</Length></Rule></Rules></Group>"
		         "</RegistrationGroups></ISBNRangeMessage>", prefixes[i]);
		folio_isbn__loaded *loaded = NULL;
		assert_true(folio_isbn__ranges_parse(&loaded, xml, strlen(xml), "g.xml") < 0);
		assert_null(loaded);
		assert_non_null(strstr(folio_error_last(), "<Group> has a bad or no <Prefix>"));
	}
}

static void isbn_ranges_load_keeps_old_table_on_failure(void **state)
{
	(void)state;
	static const struct {
		const char *content, *reason;
	} bad[] = {
		{ "not xml at all", "isbn ranges" },
		{ "<other/>", "not an ISBNRangeMessage" },
		{ "<ISBNRangeMessage><EAN.UCCPrefixes/><RegistrationGroups/></ISBNRangeMessage>",
		  "no <MessageDate>" },
		{ "<ISBNRangeMessage><MessageDate>d</MessageDate><EAN.UCCPrefixes><EAN.UCC>"
		  "<Prefix>978</Prefix><Rules><Rule><Range>0000000-5999999</Range><Length>1</Length></Rule>"
		  "<Rule><Range>5000000-9999999</Range><Length>2</Length></Rule></Rules></EAN.UCC>"
		  "</EAN.UCCPrefixes><RegistrationGroups/></ISBNRangeMessage>",
		  "overlapping ranges" },
		{ "<ISBNRangeMessage><MessageDate>d</MessageDate><EAN.UCCPrefixes><EAN.UCC>"
		  "<Prefix>978</Prefix><Rules><Rule><Range>0000000-599999</Range><Length>1</Length></Rule>"
		  "</Rules></EAN.UCC></EAN.UCCPrefixes><RegistrationGroups/></ISBNRangeMessage>",
		  "bad rule" },
		{ "<ISBNRangeMessage><MessageDate>d</MessageDate><EAN.UCCPrefixes><EAN.UCC>"
		  "<Prefix>978</Prefix><Rules><Rule><Range>0000000-9999999</Range><Length>1</Length></Rule>"
		  "</Rules></EAN.UCC></EAN.UCCPrefixes><RegistrationGroups><Group><Prefix>978-123456</Prefix>"
		  "<Rules/></Group></RegistrationGroups></ISBNRangeMessage>",
		  "bad or no <Prefix>" },
		{ "<ISBNRangeMessage><MessageDate>d</MessageDate><EAN.UCCPrefixes><EAN.UCC>"
		  "<Prefix>978</Prefix><Rules><Rule><Range>0000000-9999999</Range><Length>1</Length></Rule>"
		  "</Rules></EAN.UCC><EAN.UCC><Prefix>978</Prefix><Rules/></EAN.UCC></EAN.UCCPrefixes>"
		  "<RegistrationGroups/></ISBNRangeMessage>",
		  "appears twice" },
	};
	char *dir = test_tempdir("isbn");
	char *good = write_xml(dir, "good.xml", doctored_xml);
	assert_folio_ok(folio_isbn_ranges_load(good));
	assert_int_equal(folio_isbn_ranges_load("/nonexistent/RangeMessage.xml"), FOLIO_ERROR);
	assert_non_null(strstr(folio_error_last(), "does not exist"));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *path = write_xml(dir, "bad.xml", bad[i].content);
		assert_int_equal(folio_isbn_ranges_load(path), FOLIO_ERROR);
		if (!strstr(folio_error_last(), bad[i].reason))
			fail_msg("bad range message %zu: \"%s\" does not say \"%s\"", i,
			         folio_error_last(), bad[i].reason);
		assert_string_equal(folio_isbn_ranges_date(), "Tue, 1 Jan 2030 00:00:00 GMT");
		free(path);
	}
	assert_folio_ok(folio_isbn_ranges_load(NULL));
	test_rm_rf(dir);
	free(good);
	free(dir);
}

static void isbn_ranges_come_from_environment(void **state)
{
	(void)state;
	char *dir = test_tempdir("isbn");
	char *path = write_xml(dir, "RangeMessage.xml", doctored_xml);
	unsetenv("FOLIO_ISBN_RANGES");
	assert_folio_ok(folio_isbn_ranges_init_from_env());
	assert_string_equal(folio_isbn_ranges_date(), RANGES_DATE);
	setenv("FOLIO_ISBN_RANGES", "", 1);
	assert_folio_ok(folio_isbn_ranges_init_from_env());
	assert_string_equal(folio_isbn_ranges_date(), RANGES_DATE);
	setenv("FOLIO_ISBN_RANGES", path, 1);
	assert_folio_ok(folio_isbn_ranges_init_from_env());
	assert_string_equal(folio_isbn_ranges_date(), "Tue, 1 Jan 2030 00:00:00 GMT");
	setenv("FOLIO_ISBN_RANGES", "/nonexistent.xml", 1);
	assert_int_equal(folio_isbn_ranges_init_from_env(), FOLIO_ERROR);
	assert_non_null(strstr(folio_error_last(), "FOLIO_ISBN_RANGES: "));
	unsetenv("FOLIO_ISBN_RANGES");
	assert_folio_ok(folio_isbn_ranges_load(NULL));
	test_rm_rf(dir);
	free(path);
	free(dir);
}

static void expect_message(const char *input, const char *message, const char *hint)
{
	folio_isbn_info info;
	folio_isbn_parse(&info, input);
	assert_string_equal(info.message, message);
	assert_string_equal(info.hint, hint);
}

static void isbn_messages_say_what_is_wrong_and_how_to_fix_it(void **state)
{
	(void)state;
	expect_message("9782296013682", "ISBN check digit is 2, expected 1",
	               "if the other digits are right, the last one is 1; check them against the book");
	expect_message("2-296-01368-X", "ISBN check digit is X, expected 6",
	               "if the other digits are right, the last one is 6; check them against the book");
	expect_message("978-22-96013-68-1", "ISBN \"978-22-96013-68-1\" is hyphenated wrongly",
	               "write 978-2-296-01368-1");
	expect_message("ISBN 2-29601368-6", "ISBN \"2-29601368-6\" is hyphenated wrongly",
	               "write 2-296-01368-6");
	expect_message("12345", "ISBN \"12345\" has 5 digits, expected 10 or 13", "");
	expect_message("", "ISBN is empty", "");
	expect_message("97A2296013681", "ISBN \"97A2296013681\" holds \"A\", which is not a digit", "");
	expect_message("97X2296013681", "ISBN \"97X2296013681\" has an X before its last digit",
	               "only an ISBN-10 may end in X, its check digit");
	expect_message("978\xe2\x80\x93" "2296013681",
	               "ISBN \"978\xe2\x80\x93" "2296013681\" holds a dash that is not a hyphen-minus",
	               "write hyphens as \"-\"");
	expect_message("9771234567003", "ISBN \"9771234567003\" starts with 977, expected 978 or 979",
	               "an EAN starting with 977 is an ISSN, not an ISBN");
	expect_message("9786100000003", "ISBN \"9786100000003\" is in no registration group the ranges know",
	               "check the ISBN, or use ranges newer than " RANGES_DATE);
	expect_message("9781066000005",
	               "ISBN \"9781066000005\" is in a registrant range of group 978-1 the ranges do not know",
	               "check the ISBN, or use ranges newer than " RANGES_DATE);
	expect_message("978-2-296-01368-1", "", "");
}

static void isbn_message_quotes_long_or_binary_input_on_one_line(void **state)
{
	(void)state;
	folio_isbn_info info;
	folio_isbn_parse(&info, "97822960\n1368\x01" "1");
	assert_string_equal(info.message, "ISBN \"97822960?1368?1\" holds byte 0x0A, which is not a digit");
	folio_isbn_parse(&info, "0123456789012345678901234567890123456789abc");
	assert_string_equal(info.message,
		"ISBN \"0123456789012345678901234567890123456789...\" holds \"a\", which is not a digit");
	/* A cut never splits a UTF-8 character, and stray bytes become '?'. */
	folio_isbn_parse(&info, "012345678901234567890123456789012345678\xc3\xa9");
	assert_string_equal(info.message,
		"ISBN \"012345678901234567890123456789012345678...\" holds byte 0xC3, which is not a digit");
	folio_isbn_parse(&info, "97822960\xff\xfe");
	assert_string_equal(info.message, "ISBN \"97822960??\" holds byte 0xFF, which is not a digit");
}

static void ean13_check_finds_length_and_check_digit(void **state)
{
	(void)state;
	folio_rule rule;
	char msg[120];
	assert_int_equal(folio_ean13_check("9782296013681", &rule, msg, sizeof(msg)), 0);
	assert_int_equal(rule, FOLIO_RULE__COUNT);
	assert_string_equal(msg, "");
	folio_ean13_check("4006381333931", &rule, msg, sizeof(msg));
	assert_int_equal(rule, FOLIO_RULE__COUNT);
	folio_ean13_check("9782296013682", &rule, msg, sizeof(msg));
	assert_int_equal(rule, FOLIO_RULE_ISBN_CHECK_DIGIT);
	assert_string_equal(msg, "EAN check digit is 2, expected 1");
	folio_ean13_check("978229601368", &rule, msg, sizeof(msg));
	assert_int_equal(rule, FOLIO_RULE_ISBN_LENGTH);
	assert_string_equal(msg, "EAN \"978229601368\" has 12 digits, expected 13");
	folio_ean13_check("978-2296013681", &rule, msg, sizeof(msg));
	assert_int_equal(rule, FOLIO_RULE_ISBN_LENGTH);
	assert_string_equal(msg, "EAN \"978-2296013681\" holds characters other than digits");
	folio_ean13_check("", &rule, NULL, 0);
	assert_int_equal(rule, FOLIO_RULE_ISBN_LENGTH);
}

/* Both tables sorted the same way and equal entry for entry. */
static void compare_tables(const folio_isbn__ranges *a, const folio_isbn__ranges *b)
{
	assert_string_equal(a->date, b->date);
	assert_string_equal(a->serial, b->serial);
	assert_int_equal(a->neans, b->neans);
	assert_int_equal(a->ngroups, b->ngroups);
	assert_int_equal(a->nrules, b->nrules);
	for (size_t i = 0; i < a->neans + a->ngroups; i++) {
		const folio_isbn__group *x = i < a->neans ? &a->eans[i] : &a->groups[i - a->neans];
		const folio_isbn__group *y = i < a->neans ? &b->eans[i] : &b->groups[i - a->neans];
		assert_string_equal(x->prefix, y->prefix);
		assert_int_equal(x->count, y->count);
		for (uint32_t k = 0; k < x->count; k++) {
			const folio_isbn__rule *rx = &a->rules[x->first + k], *ry = &b->rules[y->first + k];
			assert_int_equal(rx->lo, ry->lo);
			assert_int_equal(rx->hi, ry->hi);
			assert_int_equal(rx->length, ry->length);
			if (k)
				assert_true(rx->lo > a->rules[x->first + k - 1].hi);
		}
		if (i && i != a->neans)
			assert_true(strcmp(x[-1].prefix, x->prefix) < 0);
	}
}

static folio_isbn__loaded *load_testdata(void)
{
	char *xml = test_read_file(RANGES_XML, NULL);
	assert_non_null(xml);
	folio_isbn__loaded *loaded = NULL;
	assert_folio_ok(folio_isbn__ranges_parse(&loaded, xml, strlen(xml), RANGES_XML));
	free(xml);
	return loaded;
}

static void isbn_compiled_table_equals_loaded_table(void **state)
{
	(void)state;
	folio_isbn__loaded *loaded = load_testdata();
	const folio_isbn__ranges *r = folio_isbn__ranges_of(loaded);
	compare_tables(&folio_isbn__builtin, r);
	assert_int_equal(folio_isbn__builtin.neans, 2);
	assert_int_equal(folio_isbn__builtin.ngroups, 270);
	assert_string_equal(folio_isbn__builtin.serial, "6d1a25e5-7cf6-4b34-84a6-0d05a18375c4");
	folio_isbn__ranges_free(loaded);
}

static unsigned long lcg_next(unsigned long *seed)
{
	*seed = (*seed * 6364136223846793005UL + 1442695040888963407UL);
	return *seed >> 33;
}

/* A random ISBN-13 in a random known group (or, one time in 8, anywhere). */
static void random_isbn(char out[14], unsigned long *seed)
{
	const folio_isbn__ranges *r = &folio_isbn__builtin;
	size_t n = 0;
	if (lcg_next(seed) % 8) {
		const char *prefix = r->groups[lcg_next(seed) % r->ngroups].prefix;
		n = strlen(prefix);
		memcpy(out, prefix, n);
	} else {
		memcpy(out, lcg_next(seed) % 2 ? "978" : "979", 3);
		n = 3;
	}
	for (; n < 12; n++)
		out[n] = (char)('0' + lcg_next(seed) % 10);
	unsigned sum = 0;
	for (int i = 0; i < 12; i++)
		sum += (unsigned)(out[i] - '0') * (i % 2 ? 3 : 1);
	out[12] = (char)('0' + (10 - sum % 10) % 10);
	out[13] = '\0';
}

static void isbn_random_isbns_agree_between_tables_and_round_trip(void **state)
{
	(void)state;
	folio_isbn__loaded *loaded = load_testdata();
	unsigned long seed = 20240108;
	size_t valid = 0, unknown = 0;
	for (int i = 0; i < 600; i++) {
		char d[14];
		random_isbn(d, &seed);
		folio_isbn_info a, b, again;
		folio_isbn__parse_with(&a, d, &folio_isbn__builtin);
		folio_isbn__parse_with(&b, d, folio_isbn__ranges_of(loaded));
		if (memcmp(&a, &b, sizeof(a)))
			fail_msg("%s: compiled and loaded tables disagree (%s / %s)", d, a.isbn13, b.isbn13);
		assert_string_equal(a.digits13, d);
		if (a.status == FOLIO_ISBN_UNKNOWN_RANGE) {
			unknown++;
			continue;
		}
		assert_int_equal(a.status, FOLIO_ISBN_VALID);
		valid++;
		/* The hyphenated forms are themselves valid and mean the same ISBN. */
		folio_isbn_parse(&again, a.isbn13);
		assert_int_equal(again.status, FOLIO_ISBN_VALID);
		assert_string_equal(again.isbn13, a.isbn13);
		assert_int_equal(strlen(a.isbn13), 17);
		if (a.isbn10[0]) {
			folio_isbn_parse(&again, a.isbn10);
			assert_int_equal(again.status, FOLIO_ISBN_VALID);
			assert_string_equal(again.digits13, d);
			assert_int_equal(strlen(a.isbn10), 13);
			assert_memory_equal(a.isbn10, a.isbn13 + 4, 12);
		} else {
			assert_memory_equal(d, "979", 3);
		}
	}
	print_message("random ISBNs: %zu valid, %zu in unknown ranges\n", valid, unknown);
	assert_true(valid > 400);
	assert_true(unknown > 10);
	folio_isbn__ranges_free(loaded);
}

static void isbn_generated_table_is_up_to_date(void **state)
{
	(void)state;
	char *dir = test_tempdir("isbn");
	test_sh("python3 '%s/scripts/gen-isbn-ranges.py' '%s' -o '%s/isbn_ranges.c'",
	        FOLIO_SOURCE_DIR, RANGES_XML, dir);
	char path[4096];
	snprintf(path, sizeof(path), "%s/isbn_ranges.c", dir);
	char *fresh = test_read_file(path, NULL);
	char *committed = test_read_file(FOLIO_SOURCE_DIR "/src/model/isbn_ranges.c", NULL);
	assert_non_null(fresh);
	assert_non_null(committed);
	if (strcmp(fresh, committed))
		fail_msg("src/model/isbn_ranges.c differs from what scripts/gen-isbn-ranges.py writes; rerun it");
	free(fresh);
	free(committed);
	test_rm_rf(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(isbn_vectors_hold_with_compiled_ranges),
		cmocka_unit_test(isbn_vectors_hold_with_ranges_loaded_at_run_time),
		cmocka_unit_test(isbn_doctored_ranges_change_the_answers),
		cmocka_unit_test(isbn_ranges_date_is_read_on_one_line),
		cmocka_unit_test(isbn_ranges_group_prefix_alone_is_refused),
		cmocka_unit_test(isbn_ranges_load_keeps_old_table_on_failure),
		cmocka_unit_test(isbn_ranges_come_from_environment),
		cmocka_unit_test(isbn_messages_say_what_is_wrong_and_how_to_fix_it),
		cmocka_unit_test(isbn_message_quotes_long_or_binary_input_on_one_line),
		cmocka_unit_test(ean13_check_finds_length_and_check_digit),
		cmocka_unit_test(isbn_compiled_table_equals_loaded_table),
		cmocka_unit_test(isbn_random_isbns_agree_between_tables_and_round_trip),
		cmocka_unit_test(isbn_generated_table_is_up_to_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
