/*
 * Path patterns (glob.h): the pattern is read as a list of steps and
 * matched by dynamic programming over the path's prefixes, one step at a
 * time, so that no pattern ("**a**a**a...") makes matching exponential.
 */
#include "util/glob.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/banned.h"

typedef enum {
	STEP_CHAR,        /* one given character */
	STEP_ONE,         /* ?: one character, not "/" */
	STEP_STAR,        /* *: any run within a segment */
	STEP_ANY,         /* ** not as a whole segment: any run, "/" included */
	STEP_SEGMENTS,    /* "**" + "/": zero or more whole segments */
} step_kind;

/* Is the "**" at p a whole segment, and followed by "/"? */
static bool segments_at(const char *pattern, const char *p)
{
	return (p == pattern || p[-1] == '/') && p[2] == '/';
}

/*
 * One step of the match: from reach[j] (the steps so far match the path's
 * first j bytes) to next[j] for this step, j from 0 to n.
 */
static void step(step_kind kind, char c, const char *path, size_t n, size_t lo, const bool *reach, bool *next)
{
	bool run = false; /* since the last "/": some k with next[k] (STEP_SEGMENTS) */
	memset(next, 0, lo); /* reach is false below lo, so is next */
	for (size_t j = lo; j <= n; j++) {
		char prev = j ? path[j - 1] : '\0';
		switch (kind) {
		case STEP_CHAR:
			next[j] = j && reach[j - 1] && prev == c;
			break;
		case STEP_ONE:
			next[j] = j && reach[j - 1] && prev != '/';
			break;
		case STEP_STAR:
			next[j] = reach[j] || (j && next[j - 1] && prev != '/');
			break;
		case STEP_ANY:
			next[j] = reach[j] || (j && next[j - 1]);
			break;
		case STEP_SEGMENTS:
			/* a segment that started where the pattern so far ended closes here */
			next[j] = reach[j] || (j && prev == '/' && run);
			if (prev == '/')
				run = false;
			run = run || next[j];
			break;
		}
	}
}

bool folio_glob_match(const char *pattern, const char *path)
{
	size_t n = strlen(path);
	bool *reach = folio_xmalloc(n + 1), *next = folio_xmalloc(n + 1);
	memset(reach, 0, n + 1);
	reach[0] = true;
	size_t lo = 0;
	for (const char *p = pattern; *p;) {
		step_kind kind = STEP_CHAR;
		char c = *p;
		size_t len = 1;
		if (p[0] == '*' && p[1] == '*') {
			kind = segments_at(pattern, p) ? STEP_SEGMENTS : STEP_ANY;
			len = kind == STEP_SEGMENTS ? 3 : 2;
		} else if (*p == '*') {
			kind = STEP_STAR;
		} else if (*p == '?') {
			kind = STEP_ONE;
		} else if (*p == '/' && !p[1]) {
			kind = STEP_ANY; /* "x/" is "x/" + "**"; the "/" itself first */
			step(STEP_CHAR, '/', path, n, lo, reach, next);
			bool *t = reach;
			reach = next;
			next = t;
		}
		step(kind, c, path, n, lo, reach, next);
		bool *t = reach;
		reach = next;
		next = t;
		p += len;
		/* no prefix of the path matches the pattern so far: the rest of
		 * it cannot (a pattern of 1,000 letters is a few steps, not 1,000
		 * passes over the path) */
		const bool *first = memchr(reach, true, n + 1);
		if (!first)
			break;
		lo = (size_t)(first - reach); /* each step starts at the first prefix matched */
	}
	bool ok = reach[n];
	free(reach);
	free(next);
	return ok;
}

const char *folio_glob_check(const char *pattern)
{
	if (!*pattern)
		return "it is empty";
	if (*pattern == '/')
		return "it starts with \"/\"; paths are relative to the site root";
	for (const char *s = pattern; s; s = strchr(s, '/')) {
		s += *s == '/';
		if (!strncmp(s, "..", 2) && (s[2] == '/' || !s[2]))
			return "it has a \"..\" segment";
	}
	return NULL;
}
