/*
 * The status page at /: the /status document (daemon_http.c builds it,
 * under the status lock, once per request) written as HTML for a person.
 * One source of truth: the page shows nothing /status does not hold, so
 * the two never disagree.
 *
 * Invariants: every string of the document is escaped before it is
 * written (commit subjects, file names and findings come from whoever can
 * push); a link is written only for a URL that starts with "/", "http://"
 * or "https://"; the page needs no JavaScript (it refreshes itself with a
 * meta tag) and nothing from elsewhere (its style is inline). The texts
 * are French for a site whose folio.yaml language is French, else English.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "daemon.h"
#include "folio/buf.h"
#include "util/banned.h"

#define REFRESH_SECONDS 10
#define SHORT_COMMIT 12

typedef enum { LANG_EN, LANG_FR, LANG__COUNT } page_lang;

typedef enum {
	T_TITLE, T_BRANCH, T_VERSION, T_UPTIME, T_SECONDS,
	T_FAILING, T_SINCE, T_ATTEMPTS, T_REWOUND, T_REWOUND_TO, T_AT,
	T_PUBLISHED, T_PUBLISHED_NONE, T_PUBLISHED_AT,
	T_QUEUE, T_QUEUE_NONE, T_QUEUE_ONE, T_QUEUE_MANY,
	T_COMMITS, T_COMMITS_NONE, T_COMMIT, T_MESSAGE, T_VERDICT, T_CHECKED,
	T_VALID, T_INVALID, T_COLON, T_ERROR_ONE, T_ERRORS, T_WARNING_ONE, T_WARNINGS,
	T_NO_FINDINGS, T_FINDINGS_UNKNOWN, T_FINDINGS_SHOWN,
	T_FINDINGS_OF, T_WHERE, T_SEVERITY, T_RULE, T_HINT, T_ERROR, T_WARNING,
	T_SCHEDULED, T_SCHEDULED_NONE, T_PREVIEWS, T_PREVIEWS_NONE,
	T_DELIVERIES, T_DELIVERIES_UNKNOWN, T_DELIVERIES_NONE, T_PARTNER, T_STATE, T_PENDING,
	T_FAILURES, T_NEXT_RETRY, T_ACKED, T_REASON,
	T_OK, T_FAILING_PARTNER, T_FAILED_PARTNER, T_DISABLED_PARTNER,
	T_FOOTER, T_NO_SUBJECT,
	T__COUNT
} text_id;

static const char *const texts[LANG__COUNT][T__COUNT] = {
	[LANG_EN] = {
		[T_TITLE] = "Publishing status", [T_BRANCH] = "branch", [T_VERSION] = "folio",
		[T_UPTIME] = "running for", [T_SECONDS] = "s",
		[T_FAILING] = "Publishing is failing", [T_SINCE] = "since",
		[T_ATTEMPTS] = "failed attempts in a row, retried automatically",
		[T_REWOUND] = "The branch was rewound (force-push or rollback) from",
		[T_REWOUND_TO] = "to", [T_AT] = "at",
		[T_PUBLISHED] = "Published", [T_PUBLISHED_NONE] = "Nothing is published yet.",
		[T_PUBLISHED_AT] = "published at",
		[T_QUEUE] = "Queue", [T_QUEUE_NONE] = "Nothing is waiting: every commit seen is checked.",
		[T_QUEUE_ONE] = "commit is waiting to be checked.",
		[T_QUEUE_MANY] = "commits are waiting to be checked.",
		[T_COMMITS] = "Recent commits", [T_COMMITS_NONE] = "No commit has been checked yet.",
		[T_COMMIT] = "Commit", [T_MESSAGE] = "Message", [T_VERDICT] = "Verdict",
		[T_CHECKED] = "Checked at", [T_VALID] = "valid", [T_INVALID] = "refused",
		[T_COLON] = ": ", [T_ERROR_ONE] = "error", [T_ERRORS] = "errors",
		[T_WARNING_ONE] = "warning", [T_WARNINGS] = "warnings", [T_NO_FINDINGS] = "No findings.",
		[T_FINDINGS_UNKNOWN] = "Its findings were not kept across the daemon's restart; read them with",
		[T_FINDINGS_SHOWN] = "The first", [T_FINDINGS_OF] = "findings are shown, of",
		[T_WHERE] = "File:line", [T_SEVERITY] = "Severity", [T_RULE] = "Rule", [T_HINT] = "Hint",
		[T_ERROR] = "error", [T_WARNING] = "warning",
		[T_SCHEDULED] = "Scheduled publications", [T_SCHEDULED_NONE] = "None scheduled.",
		[T_PREVIEWS] = "Previews", [T_PREVIEWS_NONE] = "No branch preview.",
		[T_DELIVERIES] = "Partner deliveries",
		[T_DELIVERIES_UNKNOWN] = "Not known yet (or deliveries are off: --no-deliver).",
		[T_DELIVERIES_NONE] = "No partner in folio.yaml.",
		[T_PARTNER] = "Partner", [T_STATE] = "State", [T_PENDING] = "Pending",
		[T_FAILURES] = "Failures", [T_NEXT_RETRY] = "Next retry", [T_ACKED] = "Has commit",
		[T_REASON] = "Reason",
		[T_OK] = "ok", [T_FAILING_PARTNER] = "failing, retrying",
		[T_FAILED_PARTNER] = "stopped by a permanent failure (folio deliveries retry)",
		[T_DISABLED_PARTNER] = "disabled (folio deliveries enable)",
		[T_FOOTER] = "This page refreshes itself every 10 seconds. The same data as JSON:",
		[T_NO_SUBJECT] = "(unknown)",
	},
	[LANG_FR] = {
		[T_TITLE] = "État de la publication", [T_BRANCH] = "branche", [T_VERSION] = "folio",
		[T_UPTIME] = "en marche depuis", [T_SECONDS] = "s",
		[T_FAILING] = "La publication échoue", [T_SINCE] = "depuis le",
		[T_ATTEMPTS] = "tentatives échouées d’affilée, reprises automatiquement",
		[T_REWOUND] = "La branche a été ramenée en arrière (push forcé ou retour) de",
		[T_REWOUND_TO] = "à", [T_AT] = "le",
		[T_PUBLISHED] = "Publié", [T_PUBLISHED_NONE] = "Rien n’est encore publié.",
		[T_PUBLISHED_AT] = "publié le",
		[T_QUEUE] = "File d’attente",
		[T_QUEUE_NONE] = "Rien n’attend : chaque commit reçu est vérifié.",
		[T_QUEUE_ONE] = "commit attend sa vérification.",
		[T_QUEUE_MANY] = "commits attendent leur vérification.",
		[T_COMMITS] = "Commits récents", [T_COMMITS_NONE] = "Aucun commit n’a encore été vérifié.",
		[T_COMMIT] = "Commit", [T_MESSAGE] = "Message", [T_VERDICT] = "Verdict",
		[T_CHECKED] = "Vérifié le", [T_VALID] = "valide", [T_INVALID] = "refusé",
		[T_COLON] = "\xc2\xa0: ", [T_ERROR_ONE] = "erreur", [T_ERRORS] = "erreurs",
		[T_WARNING_ONE] = "avertissement", [T_WARNINGS] = "avertissements", [T_NO_FINDINGS] = "Aucun problème.",
		[T_FINDINGS_UNKNOWN] = "Ses problèmes n’ont pas été gardés au redémarrage du démon ; lisez-les avec",
		[T_FINDINGS_SHOWN] = "Les", [T_FINDINGS_OF] = "premiers problèmes sont montrés, sur",
		[T_WHERE] = "Fichier:ligne", [T_SEVERITY] = "Gravité", [T_RULE] = "Règle", [T_HINT] = "Conseil",
		[T_ERROR] = "erreur", [T_WARNING] = "avertissement",
		[T_SCHEDULED] = "Publications programmées", [T_SCHEDULED_NONE] = "Aucune publication programmée.",
		[T_PREVIEWS] = "Prévisualisations", [T_PREVIEWS_NONE] = "Aucune prévisualisation de branche.",
		[T_DELIVERIES] = "Livraisons aux partenaires",
		[T_DELIVERIES_UNKNOWN] = "Pas encore connues (ou livraisons coupées : --no-deliver).",
		[T_DELIVERIES_NONE] = "Aucun partenaire dans folio.yaml.",
		[T_PARTNER] = "Partenaire", [T_STATE] = "État", [T_PENDING] = "En attente",
		[T_FAILURES] = "Échecs", [T_NEXT_RETRY] = "Prochain essai", [T_ACKED] = "A reçu",
		[T_REASON] = "Raison",
		[T_OK] = "à jour", [T_FAILING_PARTNER] = "en échec, nouvel essai prévu",
		[T_FAILED_PARTNER] = "arrêté par un échec définitif (folio deliveries retry)",
		[T_DISABLED_PARTNER] = "désactivé (folio deliveries enable)",
		[T_FOOTER] = "Cette page se rafraîchit toutes les 10 secondes. Les mêmes données en JSON :",
		[T_NO_SUBJECT] = "(inconnu)",
	},
};

/* Small, readable on a phone (tables scroll inside their box), light or dark. */
static const char style[] =
	":root{color-scheme:light dark;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--line:#8884}"
	"body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;padding:0 1rem 2rem;max-width:72rem}"
	"h1{font-size:1.5rem;margin:1rem 0 .25rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;"
	"border-bottom:1px solid var(--line)}h3{font-size:1rem;margin:1rem 0 .25rem}"
	".meta{margin:0;opacity:.8}.scroll{overflow-x:auto}"
	"table{border-collapse:collapse;width:100%;font-size:.95rem}"
	"th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid var(--line)}"
	"code{font:.9em ui-monospace,monospace;overflow-wrap:break-word}"
	".valid,.ok{color:var(--ok);font-weight:600}.invalid,.failed,.disabled,.error{color:var(--bad);"
	"font-weight:600}.failing,.warning{color:var(--warn);font-weight:600}"
	".alert{border:2px solid var(--bad);padding:.5rem 1rem;border-radius:.25rem}"
	"time{white-space:nowrap}"
	/* a phone: each row a block, each cell labelled by its column (data-label) */
	"@media (max-width:40rem){body{font-size:15px}thead{position:absolute;width:1px;height:1px;"
	"overflow:hidden;clip-path:inset(50%)}tr{display:block;padding:.4rem 0;"
	"border-bottom:1px solid var(--line)}th,td{display:block;border:0;padding:.1rem 0}"
	"td[data-label]::before{content:attr(data-label) \": \";font-weight:600;opacity:.8}}";

typedef struct {
	folio_buf *out;
	page_lang lang;
	const text_id *cols; /* the columns of the table being written (table_head) */
} page;

static const char *T(const page *p, text_id id)
{
	return texts[p->lang][id];
}

static void put(page *p, const char *s)
{
	folio_buf_puts(p->out, s);
}

/* Text from the document (anyone's), escaped; NULL writes nothing. */
static void esc(page *p, const char *s)
{
	if (s)
		folio_buf_put_html(p->out, s, strlen(s));
}

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long num(const json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

/* "fr", "fr-CA", "fr_BE" speak French; anything else, or none, English. */
static page_lang pick_lang(const char *language)
{
	if (language && !strncmp(language, "fr", 2) && (!language[2] || language[2] == '-' || language[2] == '_'))
		return LANG_FR;
	return LANG_EN;
}

/* A commit id, short, with the full one in its title. */
static void put_commit(page *p, const char *commit)
{
	if (!commit) {
		put(p, "—");
		return;
	}
	put(p, "<code title=\"");
	esc(p, commit);
	put(p, "\">");
	folio_buf_put_html(p->out, commit, strnlen(commit, SHORT_COMMIT));
	put(p, "</code>");
}

/* An RFC 3339 time of the document as "2026-12-03 10:41:36 UTC", machine-readable too. */
static void put_time(page *p, const char *stamp)
{
	if (!stamp) {
		put(p, "—");
		return;
	}
	put(p, "<time datetime=\"");
	esc(p, stamp);
	put(p, "\">");
	for (const char *c = stamp; *c; c++) {
		char one[2] = { *c == 'T' ? ' ' : *c == 'Z' && !c[1] ? '\0' : *c, '\0' };
		esc(p, one);
	}
	put(p, " UTC</time>");
}

static void put_count(page *p, long long n)
{
	folio_buf_printf(p->out, "%lld", n);
}

/* "1 error", "2 errors"; French takes the singular for 0 too. */
static void put_counted(page *p, long long n, text_id one, text_id many)
{
	put_count(p, n);
	put(p, " ");
	put(p, T(p, n == 1 || (n == 0 && p->lang == LANG_FR) ? one : many));
}

/* <section> with its heading; the id is what tests and readers link to. */
static void section_open(page *p, const char *id, text_id title)
{
	folio_buf_printf(p->out, "<section id=\"%s\" aria-labelledby=\"%s-h\"><h2 id=\"%s-h\">", id, id, id);
	put(p, T(p, title));
	put(p, "</h2>\n");
}

static void para(page *p, const char *cls, text_id text)
{
	folio_buf_printf(p->out, "<p class=\"%s\">", cls);
	put(p, T(p, text));
	put(p, "</p>\n");
}

/* <thead> of a table: one <th scope="col"> per text. */
static void table_head(page *p, const char *cls, const text_id *cols, size_t n)
{
	p->cols = cols;
	folio_buf_printf(p->out, "<div class=\"scroll\"><table class=\"%s\"><thead><tr>", cls);
	for (size_t i = 0; i < n; i++) {
		put(p, "<th scope=\"col\">");
		put(p, T(p, cols[i]));
		put(p, "</th>");
	}
	put(p, "</tr></thead><tbody>\n");
}

/* <td> of column col of the current table, labelled for phones; cls may be NULL. */
static void cell(page *p, size_t col, const char *cls)
{
	put(p, "<td");
	if (cls) {
		put(p, " class=\"");
		esc(p, cls);
		put(p, "\"");
	}
	put(p, " data-label=\"");
	put(p, T(p, p->cols[col]));
	put(p, "\">");
}

static void table_close(page *p)
{
	put(p, "</tbody></table></div>\n");
}

/* ---- the sections ---- */

static void header(page *p, const json_t *d)
{
	put(p, "<header><h1>");
	put(p, T(p, T_TITLE));
	put(p, "</h1><p class=\"meta\">");
	put(p, T(p, T_BRANCH));
	put(p, " <code id=\"branch\">");
	esc(p, str(d, "branch"));
	put(p, "</code> · ");
	put(p, T(p, T_VERSION));
	put(p, " ");
	esc(p, str(d, "version"));
	put(p, " · ");
	put(p, T(p, T_UPTIME));
	put(p, " ");
	put_count(p, num(d, "uptime"));
	put(p, " ");
	put(p, T(p, T_SECONDS));
	put(p, "</p></header>\n");
}

/* A failing turn and the last rewind, above all else: they are what needs a person. */
static void alerts(page *p, const json_t *d)
{
	const json_t *error = json_object_get(d, "error"), *rewound = json_object_get(d, "rewound");
	if (json_is_object(error)) {
		put(p, "<section id=\"error\" class=\"alert\" role=\"alert\" aria-labelledby=\"error-h\">"
		       "<h2 id=\"error-h\">");
		put(p, T(p, T_FAILING));
		put(p, "</h2><p>");
		put(p, T(p, T_SINCE));
		put(p, " ");
		put_time(p, str(error, "since"));
		put(p, " (");
		put_count(p, num(error, "attempts"));
		put(p, " ");
		put(p, T(p, T_ATTEMPTS));
		put(p, ")</p><p><code>");
		esc(p, str(error, "message"));
		put(p, "</code></p></section>\n");
	}
	if (json_is_object(rewound)) {
		put(p, "<p id=\"rewound\">");
		put(p, T(p, T_REWOUND));
		put(p, " ");
		put_commit(p, str(rewound, "from"));
		put(p, " ");
		put(p, T(p, T_REWOUND_TO));
		put(p, " ");
		put_commit(p, str(rewound, "to"));
		put(p, " ");
		put(p, T(p, T_AT));
		put(p, " ");
		put_time(p, str(rewound, "at"));
		put(p, ".</p>\n");
	}
}

/* The subject of commit among the verdicts, or NULL. */
static const char *subject_of(const json_t *d, const char *commit)
{
	const json_t *v;
	size_t i;
	json_array_foreach(json_object_get(d, "last_verdicts"), i, v) {
		if (commit && str(v, "commit") && !strcmp(str(v, "commit"), commit))
			return str(v, "subject");
	}
	return NULL;
}

static void published(page *p, const json_t *d)
{
	const char *commit = str(d, "published_commit");
	section_open(p, "published", T_PUBLISHED);
	if (!commit) {
		para(p, "none", T_PUBLISHED_NONE);
	} else {
		const char *subject = subject_of(d, commit);
		put(p, "<p>");
		put_commit(p, commit);
		if (subject) {
			put(p, " <q class=\"subject\">");
			esc(p, subject);
			put(p, "</q>");
		}
		put(p, ", ");
		put(p, T(p, T_PUBLISHED_AT));
		put(p, " ");
		put_time(p, str(d, "published_at"));
		put(p, "</p>\n");
	}
	put(p, "</section>\n");
}

static void queue(page *p, const json_t *d)
{
	long long n = num(d, "queue");
	section_open(p, "queue", T_QUEUE);
	if (!n) {
		para(p, "none", T_QUEUE_NONE);
	} else {
		put(p, "<p><strong>");
		put_count(p, n);
		put(p, "</strong> ");
		put(p, T(p, n == 1 ? T_QUEUE_ONE : T_QUEUE_MANY));
		put(p, "</p>\n");
	}
	put(p, "</section>\n");
}

static bool safe_href(const char *url)
{
	return url && ((url[0] == '/' && url[1] != '/') || !strncmp(url, "https://", 8) ||
	               !strncmp(url, "http://", 7));
}

static void finding_row(page *p, const json_t *f)
{
	const char *severity = str(f, "severity");
	bool error = severity && !strcmp(severity, "error");
	put(p, "<tr class=\"finding\">");
	const char *url = str(f, "url");
	cell(p, 0, "where");
	if (safe_href(url)) { /* the page in its branch's preview */
		put(p, "<a class=\"page\" href=\"");
		esc(p, url);
		put(p, "\">");
	}
	put(p, "<code>");
	esc(p, str(f, "path"));
	if (num(f, "line"))
		folio_buf_printf(p->out, ":%lld", num(f, "line"));
	put(p, safe_href(url) ? "</code></a></td>" : "</code></td>");
	cell(p, 1, error ? "error" : "warning");
	put(p, T(p, error ? T_ERROR : T_WARNING));
	put(p, "</td>");
	cell(p, 2, "rule");
	put(p, "<code>");
	esc(p, str(f, "rule"));
	put(p, "</code></td>");
	cell(p, 3, "message");
	esc(p, str(f, "message"));
	put(p, "</td>");
	cell(p, 4, "hint");
	esc(p, str(f, "hint"));
	put(p, "</td></tr>\n");
}

/* v's findings (a verdict of /status, or a preview), or why they are not known. */
static void findings_block(page *p, const json_t *v)
{
	static const text_id cols[] = { T_WHERE, T_SEVERITY, T_RULE, T_MESSAGE, T_HINT };
	const json_t *findings = json_object_get(v, "findings"), *f;
	long long errors = num(v, "errors"), warnings = num(v, "warnings");
	size_t i;
	if (!json_is_array(findings)) {
		if (errors + warnings) {
			put(p, "<p class=\"unknown\">");
			put(p, T(p, T_FINDINGS_UNKNOWN));
			put(p, " <code>git notes --ref=folio show ");
			esc(p, str(v, "commit"));
			put(p, "</code></p>\n");
		}
		return;
	}
	if (!json_array_size(findings)) {
		para(p, "none", T_NO_FINDINGS);
		return;
	}
	if ((long long)json_array_size(findings) < errors + warnings) {
		put(p, "<p>");
		put(p, T(p, T_FINDINGS_SHOWN));
		put(p, " ");
		put_count(p, (long long)json_array_size(findings));
		put(p, " ");
		put(p, T(p, T_FINDINGS_OF));
		put(p, " ");
		put_count(p, errors + warnings);
		put(p, ".</p>\n");
	}
	table_head(p, "findings", cols, sizeof(cols) / sizeof(cols[0]));
	json_array_foreach(findings, i, f)
		finding_row(p, f);
	table_close(p);
}

/* "valid: 0 errors, 1 warning" */
static void verdict_line(page *p, bool valid, long long errors, long long warnings)
{
	put(p, "<span class=\"verdict ");
	put(p, valid ? "valid\">" : "invalid\">");
	put(p, T(p, valid ? T_VALID : T_INVALID));
	put(p, "</span>");
	put(p, T(p, T_COLON));
	put_counted(p, errors, T_ERROR_ONE, T_ERRORS);
	put(p, ", ");
	put_counted(p, warnings, T_WARNING_ONE, T_WARNINGS);
}

/* One commit: its verdict, then its findings (or why they are not known). */
static void commit_entry(page *p, const json_t *v)
{
	put(p, "<article class=\"commit\" data-commit=\"");
	esc(p, str(v, "commit"));
	put(p, "\"><h3>");
	put_commit(p, str(v, "commit"));
	put(p, " <span class=\"subject\">");
	esc(p, str(v, "subject") ? str(v, "subject") : T(p, T_NO_SUBJECT));
	put(p, "</span></h3>\n<p>");
	verdict_line(p, json_is_true(json_object_get(v, "valid")), num(v, "errors"), num(v, "warnings"));
	put(p, " · ");
	put(p, T(p, T_CHECKED));
	put(p, " ");
	put_time(p, str(v, "checked_at"));
	put(p, "</p>\n");
	findings_block(p, v);
	put(p, "</article>\n");
}

static void commits(page *p, const json_t *d)
{
	const json_t *verdicts = json_object_get(d, "last_verdicts"), *v;
	size_t i;
	section_open(p, "commits", T_COMMITS);
	if (!json_array_size(verdicts))
		para(p, "none", T_COMMITS_NONE);
	json_array_foreach(verdicts, i, v)
		commit_entry(p, v);
	put(p, "</section>\n");
}

/* One value of a list nobody here knows the shape of: text, number or link. */
static void put_value(page *p, const char *key, const json_t *v)
{
	if (json_is_string(v) && !strcmp(key, "url") && safe_href(json_string_value(v))) {
		put(p, "<a href=\"");
		esc(p, json_string_value(v));
		put(p, "\">");
		esc(p, json_string_value(v));
		put(p, "</a>");
	} else if (json_is_string(v) && strlen(json_string_value(v)) == 40 && strstr(key, "commit")) {
		put_commit(p, json_string_value(v));
	} else if (json_is_string(v)) {
		esc(p, json_string_value(v));
	} else if (json_is_integer(v)) {
		put_count(p, (long long)json_integer_value(v));
	} else if (json_is_boolean(v)) {
		put(p, json_is_true(v) ? "✓" : "—");
	} else if (!json_is_null(v)) {
		char *text = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		esc(p, text);
		free(text);
	}
}

/*
 * A list of /status the daemon may not have yet ("scheduled", "previews":
 * other parts of folio fill them): an honest "none" while it is absent or
 * empty, else a table whose columns are the keys of its first object.
 */
static void generic_list(page *p, const json_t *d, const char *key, text_id title, text_id none)
{
	const json_t *list = json_object_get(d, key), *item, *first = json_array_get(list, 0);
	size_t i;
	section_open(p, key, title);
	if (!json_is_object(first)) {
		para(p, "none", none);
		put(p, "</section>\n");
		return;
	}
	const char *k;
	const json_t *v;
	folio_buf_printf(p->out, "<div class=\"scroll\"><table class=\"%s\"><thead><tr>", key);
	json_object_foreach((json_t *)first, k, v) {
		put(p, "<th scope=\"col\">");
		esc(p, k);
		put(p, "</th>");
	}
	put(p, "</tr></thead><tbody>\n");
	json_array_foreach(list, i, item) {
		put(p, "<tr>");
		json_object_foreach((json_t *)first, k, v) {
			put(p, "<td data-label=\"");
			esc(p, k);
			put(p, "\">");
			put_value(p, k, json_object_get(item, k));
			put(p, "</td>");
		}
		put(p, "</tr>\n");
	}
	table_close(p);
	put(p, "</section>\n");
}

/*
 * Each branch preview: its address (while a build is served), its tip's
 * verdict, and the tip's findings, each linked to its page in the preview.
 */
static void previews(page *p, const json_t *d)
{
	const json_t *list = json_object_get(d, "previews"), *x;
	size_t i;
	section_open(p, "previews", T_PREVIEWS);
	if (!json_array_size(list))
		para(p, "none", T_PREVIEWS_NONE);
	json_array_foreach(list, i, x) {
		const char *url = str(x, "url");
		put(p, "<article class=\"preview\" data-preview=\"");
		esc(p, str(x, "name"));
		put(p, "\"><h3>");
		if (safe_href(url)) {
			put(p, "<a href=\"");
			esc(p, url);
			put(p, "\">");
		}
		esc(p, str(x, "name"));
		put(p, safe_href(url) ? "</a>" : "");
		put(p, " <code class=\"ref\">");
		esc(p, str(x, "ref"));
		put(p, "</code></h3>\n<p>");
		put_commit(p, str(x, "commit"));
		put(p, " ");
		const char *verdict = str(x, "verdict");
		verdict_line(p, verdict && !strcmp(verdict, "valid"), num(x, "errors"), num(x, "warnings"));
		put(p, " · ");
		put(p, T(p, T_CHECKED));
		put(p, " ");
		put_time(p, str(x, "updated"));
		put(p, "</p>\n");
		findings_block(p, x);
		put(p, "</article>\n");
	}
	put(p, "</section>\n");
}

static text_id partner_state(const char *status)
{
	if (status && !strcmp(status, "failing"))
		return T_FAILING_PARTNER;
	if (status && !strcmp(status, "failed"))
		return T_FAILED_PARTNER;
	if (status && !strcmp(status, "disabled"))
		return T_DISABLED_PARTNER;
	return T_OK;
}

static void deliveries(page *p, const json_t *d)
{
	static const text_id cols[] = { T_PARTNER, T_STATE, T_PENDING, T_FAILURES, T_NEXT_RETRY, T_ACKED,
		                        T_REASON };
	const json_t *partners = json_object_get(d, "partners"), *x;
	size_t i;
	section_open(p, "deliveries", T_DELIVERIES);
	if (!json_is_array(partners)) {
		para(p, "unknown", T_DELIVERIES_UNKNOWN);
	} else if (!json_array_size(partners)) {
		para(p, "none", T_DELIVERIES_NONE);
	} else {
		table_head(p, "partners", cols, sizeof(cols) / sizeof(cols[0]));
		json_array_foreach(partners, i, x) {
			const char *status = str(x, "status");
			put(p, "<tr class=\"partner\" data-partner=\"");
			esc(p, str(x, "name"));
			put(p, "\" data-state=\"");
			esc(p, status);
			put(p, "\"><th scope=\"row\">");
			esc(p, str(x, "name"));
			put(p, "</th>");
			cell(p, 1, status);
			put(p, T(p, partner_state(status)));
			put(p, "</td>");
			cell(p, 2, NULL);
			put_count(p, num(x, "pending"));
			put(p, "</td>");
			cell(p, 3, NULL);
			put_count(p, num(x, "failures"));
			put(p, "</td>");
			cell(p, 4, NULL);
			put_time(p, str(x, "next_attempt_at"));
			put(p, "</td>");
			cell(p, 5, NULL);
			put_commit(p, str(x, "acked_commit"));
			put(p, "</td>");
			cell(p, 6, "reason");
			esc(p, str(x, "reason"));
			put(p, "</td></tr>\n");
		}
		table_close(p);
	}
	put(p, "</section>\n");
}

void folio_daemon__page_render(folio_buf *out, const json_t *status)
{
	page p = { .out = out, .lang = pick_lang(str(status, "language")) };
	folio_buf_printf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	                 "<meta http-equiv=\"refresh\" content=\"%d\">\n<title>",
	                 p.lang == LANG_FR ? "fr" : "en", REFRESH_SECONDS);
	put(&p, T(&p, T_TITLE));
	put(&p, " · ");
	esc(&p, str(status, "branch"));
	put(&p, "</title>\n<style>");
	put(&p, style);
	put(&p, "</style>\n</head>\n<body>\n");
	header(&p, status);
	put(&p, "<main>\n");
	alerts(&p, status);
	published(&p, status);
	queue(&p, status);
	commits(&p, status);
	generic_list(&p, status, "scheduled", T_SCHEDULED, T_SCHEDULED_NONE);
	deliveries(&p, status);
	previews(&p, status);
	put(&p, "</main>\n<footer><p>");
	put(&p, T(&p, T_FOOTER));
	put(&p, " <a href=\"/status\">/status</a> · <a href=\"/metrics\">/metrics</a></p></footer>\n"
	        "</body>\n</html>\n");
}
