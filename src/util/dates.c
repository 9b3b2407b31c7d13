#include "util/dates.h"

#include <string.h>

#include "util/banned.h"

static const char *fr_days[] = { "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche" };
static const char *fr_months[] = { "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	                           "août", "septembre", "octobre", "novembre", "décembre" };
static const char *en_days[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
static const char *en_months[] = { "January", "February", "March", "April", "May", "June", "July",
	                           "August", "September", "October", "November", "December" };

static bool digits(const char *s, int n, int *value)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*value = v;
	return true;
}

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : d[m - 1];
}

/* The first 10 of the n bytes at s are a calendar date "YYYY-MM-DD". */
static bool date_prefix(const char *s, size_t n, int *y, int *m, int *d)
{
	if (n < 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!digits(s, 4, y) || !digits(s + 5, 2, m) || !digits(s + 8, 2, d))
		return false;
	return *m >= 1 && *m <= 12 && *d >= 1 && *d <= days_in_month(*y, *m);
}

bool folio_date_parse(const char *s, int *year, int *month, int *day)
{
	return folio_date_parse_n(s, strlen(s), year, month, day);
}

bool folio_date_parse_n(const char *s, size_t n, int *year, int *month, int *day)
{
	return n == 10 && date_prefix(s, n, year, month, day);
}

bool folio_datetime_parse(const char *s, int *year, int *month, int *day, int *hour, int *minute)
{
	if (!date_prefix(s, strlen(s), year, month, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' '))
		return false;
	if (!digits(s + 11, 2, hour) || s[13] != ':' || !digits(s + 14, 2, minute))
		return false;
	return *hour < 24 && *minute < 60;
}

long long folio_date_days(int year, int month, int day)
{
	/* Howard Hinnant's days-from-civil: eras of 400 years, March-based years */
	long long y = year - (month <= 2);
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int folio_date_weekday(int y, int m, int d)
{
	long long wd = (folio_date_days(y, m, d) + 3) % 7; /* 1970-01-01 was a Thursday; 0 = Monday */
	return (int)(wd < 0 ? wd + 7 : wd);
}

bool folio_date_format_long(folio_buf *out, const char *s, const char *language)
{
	int y, m, d, hh = -1, mm = -1;
	if (!folio_date_parse(s, &y, &m, &d) && !folio_datetime_parse(s, &y, &m, &d, &hh, &mm))
		return false;
	int wd = folio_date_weekday(y, m, d);
	bool fr = language && !strncmp(language, "fr", 2);
	if (fr) {
		folio_buf_printf(out, "%s %d%s %s %d", fr_days[wd], d, d == 1 ? "er" : "",
		                 fr_months[m - 1], y);
		if (hh >= 0)
			folio_buf_printf(out, " à %d h %02d", hh, mm);
	} else {
		folio_buf_printf(out, "%s %d %s %d", en_days[wd], d, en_months[m - 1], y);
		if (hh >= 0)
			folio_buf_printf(out, " at %02d:%02d", hh, mm);
	}
	return true;
}
