/*
 * JSON values as the schema module sees them: equality and order by value
 * (1 == 1.0, key order ignored), exact decimal multiples (multipleOf), and
 * values written into messages (quoted, cut, numbers in their shortest form).
 * Pure functions; nothing here knows about nodes or findings.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>

#include "schema_graph.h"
#include "util/assert.h"
#include "util/banned.h"

/* Append s quoted, with control characters escaped, cut after max bytes. */
void folio_schema__put_quoted(folio_buf *b, const char *s, size_t n, size_t max)
{
	folio_buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (i >= max && (c & 0xC0) != 0x80) {
			folio_buf_puts(b, "...");
			break;
		}
		if (c == '"' || c == '\\')
			folio_buf_printf(b, "\\%c", c);
		else if (c == '\n')
			folio_buf_puts(b, "\\n");
		else if (c == '\t')
			folio_buf_puts(b, "\\t");
		else if (c < 0x20 || c == 0x7F)
			folio_buf_printf(b, "\\u%04x", c);
		else
			folio_buf_putc(b, (char)c);
	}
	folio_buf_putc(b, '"');
}

bool folio_schema__is_integral(const json_t *x)
{
	if (json_is_integer(x))
		return true;
	if (!json_is_real(x))
		return false;
	double d = json_real_value(x);
	return isfinite(d) && floor(d) == d;
}

long double folio_schema__number_value(const json_t *x)
{
	return json_is_integer(x) ? (long double)json_integer_value(x) : (long double)json_real_value(x);
}

/* Numbers compare by value: 1 and 1.0 are equal. */
int folio_schema__number_cmp(const json_t *a, const json_t *b)
{
	if (json_is_integer(a) && json_is_integer(b)) {
		json_int_t x = json_integer_value(a), y = json_integer_value(b);
		return x < y ? -1 : x > y;
	}
	long double x = folio_schema__number_value(a), y = folio_schema__number_value(b);
	return x < y ? -1 : x > y;
}

/* Deep equality as JSON Schema means it (1 == 1.0; key order ignored). */
bool folio_schema__json_same(const json_t *a, const json_t *b)
{
	if (json_is_number(a) && json_is_number(b))
		return folio_schema__number_cmp(a, b) == 0;
	if (json_typeof(a) != json_typeof(b))
		return false;
	switch (json_typeof(a)) {
	case JSON_STRING:
		return json_string_length(a) == json_string_length(b) &&
		       !memcmp(json_string_value(a), json_string_value(b), json_string_length(a));
	case JSON_ARRAY:
		if (json_array_size(a) != json_array_size(b))
			return false;
		for (size_t i = 0; i < json_array_size(a); i++)
			if (!folio_schema__json_same(json_array_get(a, i), json_array_get(b, i)))
				return false;
		return true;
	case JSON_OBJECT: {
		if (json_object_size(a) != json_object_size(b))
			return false;
		for (void *it = json_object_iter((json_t *)a); it; it = json_object_iter_next((json_t *)a, it)) {
			json_t *other = json_object_getn(b, json_object_iter_key(it),
			                                 json_object_iter_key_len(it));
			if (!other || !folio_schema__json_same(json_object_iter_value(it), other))
				return false;
		}
		return true;
	}
	default:
		return true; /* true, false, null: same type is same value */
	}
}

void folio_schema__put_number(folio_buf *b, const json_t *x)
{
	if (json_is_integer(x)) {
		folio_buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(x));
		return;
	}
	double d = json_real_value(x);
	char tmp[40];
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	folio_buf_puts(b, tmp);
}

void folio_schema__put_bound(folio_buf *b, const number_bound *nb)
{
	if (nb->is_int) {
		folio_buf_printf(b, "%" JSON_INTEGER_FORMAT, nb->i);
	} else {
		json_t *r = json_real(nb->d);
		folio_schema__put_number(b, r);
		json_decref(r);
	}
}

/* Compact JSON of a value for messages, or quoted string. */
void folio_schema__put_value(folio_buf *b, const json_t *x)
{
	if (json_is_string(x)) {
		folio_schema__put_quoted(b, json_string_value(x), json_string_length(x), 60);
		return;
	}
	if (json_is_number(x)) {
		folio_schema__put_number(b, x);
		return;
	}
	char *s = json_dumps(x, JSON_ENCODE_ANY | JSON_COMPACT | JSON_SORT_KEYS);
	if (!s) {
		folio_buf_puts(b, "(value)");
		return;
	}
	size_t n = strlen(s);
	if (n > 60) {
		folio_buf_put(b, s, 57);
		folio_buf_puts(b, "...");
	} else {
		folio_buf_put(b, s, n);
	}
	free(s);
}

int folio_schema__bound_cmp(const json_t *x, const number_bound *b)
{
	if (b->is_int && json_is_integer(x)) {
		json_int_t i = json_integer_value(x);
		return i < b->i ? -1 : i > b->i;
	}
	long double a = folio_schema__number_value(x), y = b->is_int ? (long double)b->i : (long double)b->d;
	return a < y ? -1 : a > y;
}

/*
 * A number as digits * 10^exp, digits without sign or leading zeros ("0" for
 * zero). An integer is its own digits; a real is the shortest decimal that
 * reads back as the same double: the literal as written whenever it has at
 * most 15 significant digits (YAML and jansson keep only the double).
 */
typedef struct {
	char digits[32];
	int exp;
} decimal;

static void decimal_of_json(decimal *out, const json_t *x)
{
	out->exp = 0;
	if (json_is_integer(x)) {
		json_int_t i = json_integer_value(x);
		unsigned long long u = i < 0 ? 0ULL - (unsigned long long)i : (unsigned long long)i;
		snprintf(out->digits, sizeof(out->digits), "%llu", u);
		return;
	}
	double d = fabs(json_real_value(x));
	char tmp[40];
	for (int prec = 0; prec <= 16; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	/* "D.DDDDe+XX" (the point is whatever the locale says: skip non-digits) */
	size_t n = 0;
	const char *p = tmp;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9' && n + 1 < sizeof(out->digits))
			out->digits[n++] = *p;
	out->digits[n] = '\0';
	int e = *p == 'e' ? atoi(p + 1) : 0;
	out->exp = e - (int)n + 1;
	while (n > 1 && out->digits[n - 1] == '0') { /* 1.50e+00: 15 * 10^-1 */
		out->digits[--n] = '\0';
		out->exp++;
	}
	if (!strcmp(out->digits, "0"))
		out->exp = 0;
}

/* The digits of a with (a.exp - e) zeros after them, as a big number. */
static BIGNUM *decimal_scaled(const decimal *a, int e)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_puts(&b, a->digits);
	for (int i = e; i < a->exp; i++)
		folio_buf_putc(&b, '0');
	BIGNUM *r = NULL;
	if (!BN_dec2bn(&r, b.ptr))
		FOLIO_BUG("OpenSSL cannot hold a decimal number");
	folio_buf_dispose(&b);
	return r;
}

/*
 * x is a multiple of m, in exact decimal arithmetic: with both written as
 * digits * 10^exp and brought to the smaller exponent, m's integer divides
 * x's. No tolerance: 5000000.001 is not a multiple of 0.01, nor 1.0 of 1e10.
 * A double's exponent is within +-324, so the integers stay below ~700 digits.
 */
bool folio_schema__is_multiple(const json_t *x, const number_bound *m)
{
	if (m->is_int && json_is_integer(x))
		return json_integer_value(x) % m->i == 0; /* m->i > 0: checked at compile time */
	decimal dx, dm;
	decimal_of_json(&dx, x);
	if (!strcmp(dx.digits, "0"))
		return true;
	json_t *mj = m->is_int ? json_integer(m->i) : json_real(m->d);
	decimal_of_json(&dm, mj);
	json_decref(mj);
	int e = dx.exp < dm.exp ? dx.exp : dm.exp;
	BIGNUM *a = decimal_scaled(&dx, e), *b = decimal_scaled(&dm, e), *r = BN_new();
	BN_CTX *ctx = BN_CTX_new();
	if (!r || !ctx || !BN_mod(r, a, b, ctx))
		FOLIO_BUG("OpenSSL cannot divide");
	bool ok = BN_is_zero(r);
	BN_CTX_free(ctx);
	BN_free(r);
	BN_free(b);
	BN_free(a);
	return ok;
}

