/*
 * What the daemon's loop (daemon.c) shares with its HTTP thread
 * (daemon_http.c): the status shown on /status, guarded by one mutex, and
 * the eventfd a verified webhook writes to wake the loop.
 */
#ifndef FOLIO_DAEMON_INTERNAL_H
#define FOLIO_DAEMON_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <time.h>

#include <jansson.h>
#include <microhttpd.h>

#include "folio/daemon.h"
#include "folio/buf.h"
#include "folio/diag.h"
#include "folio/state.h"

#define FOLIO_DAEMON_VERDICTS 10
/* Findings kept per verdict for /status and the page at /: the first ones,
 * sorted; the counts say how many there were in all. */
#define FOLIO_DAEMON_FINDINGS 50
/* Longest commit subject kept, in bytes (cut at a UTF-8 boundary). */
#define FOLIO_DAEMON_SUBJECT 200

/* Upper bounds (seconds) of the publish-duration histogram on /metrics;
 * the last bucket, +Inf, is implied. */
#define FOLIO_DAEMON_DURATION_BUCKETS 9
extern const double folio_daemon__duration_bounds[FOLIO_DAEMON_DURATION_BUCKETS];

/* Deliveries by state, as /metrics shows them (read from the outbox). */
enum { FOLIO_DELIVERY_PENDING, FOLIO_DELIVERY_DELIVERED, FOLIO_DELIVERY_FAILED,
       FOLIO_DELIVERY_DISABLED, FOLIO_DELIVERY__STATES };

/* Counters of /metrics since the daemon started (Prometheus computes the rates). */
typedef struct {
	unsigned long long publishes;      /* publishes that succeeded */
	unsigned long long publish_buckets[FOLIO_DAEMON_DURATION_BUCKETS + 1]; /* not cumulative */
	double publish_seconds;            /* their durations summed */
	unsigned long long verdicts_valid, verdicts_invalid;
	unsigned long long findings[FOLIO_RULE__COUNT]; /* of the verdicts judged, by rule */
	unsigned long long preview_builds[2]; /* branch previews built, [0] refused tips, [1] published */
	double preview_seconds;            /* their durations summed */
	long long deliveries[FOLIO_DELIVERY__STATES]; /* set by the delivery thread */
	bool deliveries_known;             /* false before its first look (or with --no-deliver) */
} folio_daemon_metrics;

typedef struct {
	char commit[41];
	size_t errors, warnings;
	long long checked_at;
	char *subject;          /* the commit message's first line (owned); NULL: unknown */
	folio_diags findings;   /* the first FOLIO_DAEMON_FINDINGS (owned) */
	bool findings_known;    /* false for verdicts loaded from the state at start-up,
	                         * which keeps their report as text only */
	char *ref;              /* a preview's branch ("refs/heads/x", owned); NULL: the published one */
	char **urls;            /* per finding, its page in the preview (owned, NULL each where
	                         * the preview serves no page of that file); NULL: none at all */
} folio_daemon_verdict;

/* One branch preview, as /status shows it and the site's state keeps it. */
typedef struct {
	char name[FOLIO_PREVIEW_NAME_MAX + 1]; /* folio_daemon_preview_name() of ref */
	char ref[256];      /* "refs/heads/x"; longer refs get no preview */
	char judged[41];    /* the tip judged last */
	char commit[41];    /* the commit served ("" while none: its tip has errors) */
	size_t errors, warnings; /* of judged */
	long long updated;  /* when judged was judged (and, when valid, published) */
	long long pushed_at; /* when the daemon built judged, in ms, unique: eviction takes the oldest */
} folio_daemon_preview;

typedef struct {
	pthread_mutex_t lock; /* guards every field below */
	const char *branch;
	char published_commit[41]; /* "" when nothing is published */
	long long published_at;
	folio_daemon_verdict verdicts[FOLIO_DAEMON_VERDICTS]; /* newest first */
	size_t nverdicts;
	size_t queue;              /* commits seen but not processed yet */
	char rewound_from[41];     /* the last rewind or force-push of the branch: */
	char rewound_to[41];       /* from the commit processed last to the new tip */
	long long rewound_at;      /* ("" and 0 when none since the start) */
	int poll_seconds;          /* as configured now (a reload may change it) */
	char error[512];           /* why the last turn failed ("" when it did not) */
	long long error_since;     /* when the turns began to fail */
	unsigned error_attempts;   /* failed turns in a row, each one a retry */
	long long started_at;
	char *webhook_secret;      /* NULL: webhooks are refused */
	int wake_fd;               /* eventfd of the loop */
	bool mirror;               /* remote.origin.mirror: a webhook fetches origin first */
	char *partners_failed;     /* JSON array of partners stopped by a permanent delivery
	                            * failure, set by the delivery thread; NULL: none known */
	char *partners;            /* JSON array of every partner's delivery state (see
	                            * /status "partners"), set by the delivery thread; NULL:
	                            * none known (before its first look, or --no-deliver) */
	char language[36];         /* folio.yaml's language at the published commit; "": unknown */
	folio_daemon_metrics metrics;
	char *scheduled;           /* JSON array of folio_publish_schedule() for the published
	                            * commit, soonest first; NULL before the state is read */
	folio_daemon_preview *previews; /* branch previews, by name */
	folio_daemon_verdict preview_verdicts[FOLIO_DAEMON_VERDICTS]; /* their tips', one per ref,
	                                                             * the newest first */
	size_t npreview_verdicts;
	size_t npreviews;
	const char *previews_dir;  /* where they are served from; NULL: previews are off */
	const char *previews_url;  /* their public address, without trailing "/" */
} folio_daemon_status;

/* Free what s's verdicts and partner lists hold (at stop, no lock taken). */
void folio_daemon__status_dispose(folio_daemon_status *s);

/*
 * What the daemon runs with (daemon_config.c): each field the command
 * line's value (folio_daemon_options), else the --config file's, else the
 * default. Every string is owned; NULL where there is none.
 */
typedef struct {
	char *repo, *out_dir, *state_dir, *branch;
	char *listen, *socket_path;      /* NULL: no HTTP, no socket */
	char *webhook_secret_file;
	char *webhook_secret;            /* FOLIO_WEBHOOK_SECRET of the file; never logged */
	char *secrets_file;              /* partner secrets */
	char *partner_allow;             /* FOLIO_PARTNER_ALLOW (deliver.h); NULL: the default */
	long long delivery_max_bytes;    /* FOLIO_DELIVERY_MAX_BYTES; 0: the default */
	int poll_seconds;                /* > 0 once loaded */
	int jobs;                        /* 0: one per core; -1 in a file's settings: not set */
	folio_limits limits;             /* budgets: FOLIO_LIMIT_<NAME> of the file, else the defaults */
	bool strict_history;             /* FOLIO_STRICT_HISTORY=1: read by the pre-receive hook only */
	char *previews_dir;              /* FOLIO_PREVIEWS_DIR; default <parent of out>/previews */
	char *previews_url;              /* FOLIO_PREVIEWS_URL; default http://<listen>/previews */
	int previews_max;                /* FOLIO_PREVIEWS_MAX; default 10; 0: no previews */
	/* an s3:// output's endpoint, region and keys given in the file
	 * (folio_daemon__s3_keys order); applied to the environment at start */
	char *s3_env[7];
} folio_daemon_settings;

/* The names of folio_daemon_settings.s3_env, NULL-terminated. */
extern const char *const folio_daemon__s3_keys[8];
/* Put the file's S3 settings into the environment where it has none (the
 * environment wins, as under systemd's EnvironmentFile= the two agree).
 * Call before any thread starts: setenv is not thread-safe. */
void folio_daemon__s3_env_apply(const folio_daemon_settings *s);

/*
 * Merge opts, the file opts->config_file (when set) and the defaults into
 * *out, which the caller disposes. On failure (unreadable file, a line
 * folio does not understand, no repository at all) *out is empty and the
 * message names the file and line.
 */
int folio_daemon__settings_load(folio_daemon_settings *out, const folio_daemon_options *opts);
/* Set in *out the fields that file sets (KEY=value, as systemd reads it). */
int folio_daemon__config_read(folio_daemon_settings *out, const char *file);
void folio_daemon__settings_dispose(folio_daemon_settings *s);

typedef struct folio_daemon_http folio_daemon_http;

/*
 * The status page at /: HTML of the /status document status (borrowed), in
 * its "language" (French or English, else English), appended to out. Needs
 * no JavaScript; every string of status is escaped.
 */
void folio_daemon__page_render(folio_buf *out, const json_t *status);

/* The Content-Type of an output file, by its extension (previews, folio serve). */
const char *folio_daemon__content_type(const char *path);
/* No name of path starts with "." (the .folio-output marker, "..", temporary
 * files): what may be served of an output. */
bool folio_daemon__visible_path(const char *path);
/* Queue len bytes of data (copied) as the answer to c, with status code,
 * Content-Type type and Cache-Control: no-store (the daemon, folio serve). */
enum MHD_Result folio_daemon__reply_bytes(struct MHD_Connection *c, unsigned code, const char *type,
                                          const void *data, size_t len);
/* Serve /, /healthz, /status, /metrics and /webhook on listen ("host:port"). */
int folio_daemon__http_start(folio_daemon_http **out, const char *listen, folio_daemon_status *status);
void folio_daemon__http_stop(folio_daemon_http *http);

/* The delivery thread (daemon_deliver.c), on the daemon's state st (borrowed: it outlives the thread). */
typedef struct folio_daemon_deliverer folio_daemon_deliverer;
/*
 * partner_allow: the server's allow-list of partner URLs (FOLIO_PARTNER_ALLOW,
 * deliver.h), NULL for the default; max_payload: the bound of one delivery
 * request (FOLIO_DELIVERY_MAX_BYTES, 0 for the default), recorded in the state
 * for the publishes to come. status (borrowed) gets the partners a
 * permanent failure stopped, after each run.
 */
int folio_daemon__deliver_start(folio_daemon_deliverer **out, folio_state *st,
                                const char *secrets_file, const char *partner_allow,
                                size_t max_payload, folio_daemon_status *status);
/* Send what is due now (after a publish enqueued deliveries). NULL is accepted. */
void folio_daemon__deliver_poke(folio_daemon_deliverer *dd);
/* Finish the run in progress, then stop and free. NULL is accepted. */
void folio_daemon__deliver_stop(folio_daemon_deliverer *dd);

/* Count a publish of seconds (caller holds the lock). */
void folio_daemon__metrics_publish(folio_daemon_metrics *m, double seconds);
/* A label value as the Prometheus format wants it: \\, \" and \n escaped. */
void folio_daemon__metrics_label(folio_buf *out, const char *value);
/* /metrics: the Prometheus text format 0.0.4 of s, appended to out (takes the lock). */
void folio_daemon__metrics_render(folio_buf *out, folio_daemon_status *s);

/* ---- branch previews (daemon_previews.c) ---- */

/* The most previews FOLIO_PREVIEWS_MAX may ask for. */
#define FOLIO_DAEMON_PREVIEWS_LIMIT 1000

/*
 * Start the preview in out_dir and state_dir (both absent) from the
 * published site: site_out's files hard-linked, site_state copied
 * (consistently, VACUUM INTO) without partners, outbox or verdicts. *preview
 * is then the copy, open: the connection the preview's build borrows
 * throughout (caller closes). On failure nothing of it is left (*preview
 * NULL) and the publish builds the preview whole.
 */
int folio_daemon__preview_seed(folio_state **preview, folio_state *site_state, const char *site_out,
                               const char *out_dir, const char *state_dir);
/* Remove a preview's two folders. */
int folio_daemon__preview_remove(const char *out_dir, const char *state_dir);
/* The previews the site's state lists (meta "preview:<name>"), by name;
 * *out is the caller's to free. Entries folio did not write are skipped. */
int folio_daemon__previews_load(folio_daemon_preview **out, size_t *n, folio_state *st);
int folio_daemon__previews_save(folio_state *st, const folio_daemon_preview *p);
int folio_daemon__previews_forget(folio_state *st, const char *name);
/* Eviction marks: ref was evicted at tip (NULL: forget the mark), so that
 * it is not built again before its next push. */
int folio_daemon__previews_evict_mark(folio_state *st, const char *ref, const char *tip);
bool folio_daemon__previews_evicted_at(folio_state *st, const char *ref, const char *tip);
/* The refs that have an eviction mark; the caller frees each and the array. */
int folio_daemon__previews_marked(char ***out, size_t *n, folio_state *st);

#endif
