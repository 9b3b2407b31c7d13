/*
 * TOML values that are not strings, arrays or tables: offset and local
 * date-times, dates and times (kept as text, checked against the calendar),
 * integers in four bases, floats with inf and nan, booleans. A bare value is
 * read as one token, then classified.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/i18n.h"
#include "model/toml_parser.h"
#include "util/alloc.h"
#include "util/text.h"
#include "util/banned.h"
static bool is_date_at(const char *s, size_t len)
{
	return len >= 10 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && is_digit(s[3]) &&
	       s[4] == '-' && is_digit(s[5]) && is_digit(s[6]) && s[7] == '-' && is_digit(s[8]) &&
	       is_digit(s[9]);
}

static bool is_time_at(const char *s, size_t len)
{
	return len >= 8 && is_digit(s[0]) && is_digit(s[1]) && s[2] == ':' && is_digit(s[3]) &&
	       is_digit(s[4]) && s[5] == ':' && is_digit(s[6]) && is_digit(s[7]);
}

static int two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

static bool valid_date(const char *s)
{
	int y = two(s) * 100 + two(s + 2), m = two(s + 5), d = two(s + 8);
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}

/*
 * A date, time or date-time token as an ISO 8601 string: "T" between date
 * and time, "Z" for UTC. NULL when the token is not one.
 */
static json_t *datetime(const char *s, size_t len)
{
	folio_buf b = FOLIO_BUF_INIT;
	size_t i = 0;
	json_t *v = NULL;
	bool date = is_date_at(s, len);
	if (date) {
		if (!valid_date(s))
			goto done;
		folio_buf_put(&b, s, 10);
		i = 10;
		if (i == len)
			goto ok;
		if (s[i] != 'T' && s[i] != 't' && s[i] != ' ')
			goto done;
		folio_buf_putc(&b, 'T');
		i++;
	}
	if (!is_time_at(s + i, len - i) || two(s + i) > 23 || two(s + i + 3) > 59 ||
	    two(s + i + 6) > 60)
		goto done;
	folio_buf_put(&b, s + i, 8);
	i += 8;
	if (i < len && s[i] == '.') {
		size_t j = i + 1;
		while (j < len && is_digit(s[j]))
			j++;
		if (j == i + 1)
			goto done;
		folio_buf_put(&b, s + i, j - i);
		i = j;
	}
	if (i < len && date) {
		if (s[i] == 'Z' || s[i] == 'z') {
			folio_buf_putc(&b, 'Z');
			i++;
		} else if ((s[i] == '+' || s[i] == '-') && len - i == 6 && is_digit(s[i + 1]) &&
		           is_digit(s[i + 2]) && s[i + 3] == ':' && is_digit(s[i + 4]) &&
		           is_digit(s[i + 5]) && two(s + i + 1) <= 23 && two(s + i + 4) <= 59) {
			folio_buf_put(&b, s + i, 6);
			i += 6;
		}
	}
	if (i != len)
		goto done;
ok:
	v = json_stringn(b.ptr, b.size);
done:
	folio_buf_dispose(&b);
	return v;
}

/* Digits of base with single underscores between digits; appends them to out. */
static bool digits(const char *s, size_t len, size_t *i, int base, folio_buf *out)
{
	size_t start = *i;
	bool prev_digit = false;
	for (; *i < len; (*i)++) {
		int c = (unsigned char)s[*i];
		int h = folio_hex_value(c);
		if (c == '_') {
			if (!prev_digit || *i + 1 >= len || folio_hex_value((unsigned char)s[*i + 1]) < 0 ||
			    folio_hex_value((unsigned char)s[*i + 1]) >= base)
				return false;
			prev_digit = false;
			continue;
		}
		if (h < 0 || h >= base)
			break;
		folio_buf_putc(out, (char)c);
		prev_digit = true;
	}
	return *i > start;
}

/* An integer or float token; NULL (and a finding) when it is neither. */
static json_t *number(parser *p, const char *s, size_t len, mark at)
{
	folio_buf b = FOLIO_BUF_INIT;
	json_t *v = NULL;
	size_t i = 0;
	bool sign = len && (s[0] == '+' || s[0] == '-');
	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b')) {
		int base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
		i = 2;
		if (!digits(s, len, &i, base, &b) || i != len)
			goto bad;
		unsigned long long n = 0;
		for (size_t k = 0; k < b.size; k++) {
			unsigned d = (unsigned)folio_hex_value((unsigned char)b.ptr[k]);
			if (n > ((unsigned long long)INT64_MAX - d) / (unsigned)base) {
				folio_toml__fail_at(p, at, "use a float, or a string", "integer \"%.*s\" does not fit in 64 bits",
				        (int)len, s);
				goto done;
			}
			n = n * (unsigned)base + d;
		}
		v = json_integer((json_int_t)n);
		goto done;
	}
	if (sign)
		folio_buf_putc(&b, s[i++]);
	size_t int_start = i;
	if (!digits(s, len, &i, 10, &b))
		goto bad;
	if (s[int_start] == '0' && i - int_start > 1) {
		folio_toml__fail_at(p, at, "remove the leading zeros (0o17 is octal)",
		        "leading zeros are not allowed in \"%.*s\"", (int)len, s);
		goto done;
	}
	bool is_float = false;
	if (i < len && s[i] == '.') {
		folio_buf_putc(&b, s[i++]);
		if (i >= len || !is_digit(s[i]) || !digits(s, len, &i, 10, &b))
			goto bad;
		is_float = true;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		folio_buf_putc(&b, s[i++]);
		if (i < len && (s[i] == '+' || s[i] == '-'))
			folio_buf_putc(&b, s[i++]);
		if (i >= len || !is_digit(s[i]) || !digits(s, len, &i, 10, &b))
			goto bad;
		is_float = true;
	}
	if (i != len)
		goto bad;
	if (is_float) {
		double d = folio_strtod_c(b.ptr);
		/* beyond double: the text, as YAML keeps what JSON cannot hold */
		v = isfinite(d) ? json_real(d) : json_stringn(s, len);
		goto done;
	}
	errno = 0;
	long long n = strtoll(b.ptr, NULL, 10);
	if (errno == ERANGE) {
		folio_toml__fail_at(p, at, "use a float, or a string", "integer \"%.*s\" does not fit in 64 bits",
		        (int)len, s);
		goto done;
	}
	v = json_integer(n);
	goto done;
bad:
	folio_toml__fail_at(p, at, "quote text; numbers are 42, -1_000, 0x2A, 3.14, 1e6; dates 2024-05-01",
	        "invalid value \"%.*s\"", (int)len, s);
done:
	folio_buf_dispose(&b);
	return v;
}

static bool is_token_char(int c)
{
	return is_bare(c) || c == '+' || c == '.' || c == ':';
}

/* A bare value: boolean, number, inf/nan, date or time. */
json_t *folio_toml__bare_value(parser *p, mark at)
{
	size_t start = p->i;
	while (is_token_char(peek(p, 0)))
		p->i++;
	/* a date-time may separate date and time with one space */
	if (p->i - start == 10 && is_date_at(p->s + start, 10) && peek(p, 0) == ' ' &&
	    p->i + 9 <= p->len && is_time_at(p->s + p->i + 1, 8)) {
		p->i++;
		while (is_token_char(peek(p, 0)))
			p->i++;
	}
	const char *s = p->s + start;
	size_t len = p->i - start;
	if (!len) {
		folio_toml__fail_expected(p, "a value");
		return NULL;
	}
	if (!folio_toml__charge(p, len, at))
		return NULL;
	if (len == 4 && !memcmp(s, "true", 4))
		return json_true();
	if (len == 5 && !memcmp(s, "false", 5))
		return json_false();
	const char *word = s + (s[0] == '+' || s[0] == '-');
	size_t wlen = len - (size_t)(word - s);
	if (wlen == 3 && (!memcmp(word, "inf", 3) || !memcmp(word, "nan", 3)))
		return json_stringn(s, len); /* JSON has no inf or nan: the text, as YAML's .inf */
	if (memchr(s, ':', len) || is_date_at(s, len)) {
		json_t *v = datetime(s, len);
		if (!v)
			folio_toml__fail_at(p, at, "write 1979-05-27, 07:32:00, 1979-05-27T07:32:00 or "
			               "1979-05-27T07:32:00Z (or +02:00)",
			        "invalid date or time \"%.*s\"", (int)len, s);
		return v;
	}
	return number(p, s, len, at);
}

