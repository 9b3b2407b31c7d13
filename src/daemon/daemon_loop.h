/*
 * The daemon's loop, shared by its parts (private to src/daemon/): the
 * context of one folio watch, and what the loop (daemon.c), the turn
 * (daemon_turn.c), the verdicts (daemon_verdicts.c) and the branch
 * previews (daemon_branches.c) ask of each other. The loop thread alone
 * uses these, except where a field of status says it is guarded by its
 * lock.
 */
#ifndef FOLIO_DAEMON_LOOP_H
#define FOLIO_DAEMON_LOOP_H

#include <git2.h>
#include <signal.h>
#include <stdbool.h>

#include "daemon.h"
#include "folio/folio.h"

typedef struct {
	const folio_daemon_options *opts;
	folio_daemon_settings set; /* what it runs with: opts, then the config file */
	folio_daemon_status status;
	folio_state *st;     /* for meta and verdicts; never locked */
	int lock_fd, sig_fd, sock_fd, ino_fd;
	int name_fd;         /* the second lock, named after the state's path (take_name_lock) */
	int wd_heads, wd_sub, wd_root;
	int wd_lock;         /* the lock file: its removal wakes the loop, which then stops */
	bool stop, reload;
	bool lost_lock;      /* the lock file is not ours any more: stop (check_daemon_lock) */
	bool fetch;          /* a verified webhook came: fetch "origin" first */
	folio_daemon_http *http;
	folio_daemon_deliverer *deliverer; /* NULL with no_deliver */
	long long schedule_next;  /* first instant of the published schedule (clock of
	                           * folio_schedule_now()); 0: nothing scheduled */
	double schedule_retry;    /* after a failed scheduled publish: not before (folio_clock_seconds) */
	git_repository *repo; /* open during a turn (run_turn), for commit subjects; else NULL */
} daemon_ctx;

typedef struct {
	char commit[41];
	size_t errors, warnings;
	char *report;
	unsigned findings[FOLIO_RULE__COUNT]; /* by rule, for /metrics */
	folio_diags shown;                    /* the first FOLIO_DAEMON_FINDINGS, for /status */
	size_t pages;                         /* pages its check read (push-pages); 0 for a publish */
} verdict;

/* Read pending signals (never blocks): stop on TERM/INT, reload on HUP. */
void folio_daemon__check_signals(daemon_ctx *d);
/* 0 while the state's lock file is still ours (not removed or replaced), FOLIO_ERROR else. */
int folio_daemon__check_lock(daemon_ctx *d);
/* FOLIO_ERROR with "what: " and libgit2's last message. */
int folio_daemon__git_fail(const char *what);

/* At most this many commits of a branch are judged in one turn: the newest. */
#define MAX_BATCH 1000

/* ---- start-up and wake-ups (daemon_setup.c) ---- */

/* The daemon's lock (<state>/daemon.lock), and a second one named after
 * the state's path, so two daemons never share a state (see there). */
int folio_daemon__take_daemon_lock(daemon_ctx *d);
int folio_daemon__take_name_lock(daemon_ctx *d);
/* The webhook secret of set (a file only its owner reads, the config, the
 * environment); *out NULL: webhooks refused. */
int folio_daemon__read_secret(char **out, const folio_daemon_settings *set);
/* Make secret (taken) the one webhooks are checked against; the old one is wiped. */
void folio_daemon__set_secret(daemon_ctx *d, char *secret);
/* Block the stop and reload signals in every thread and read them from d->sig_fd. */
int folio_daemon__open_signals(daemon_ctx *d);
/* The signals the daemon reads from its signalfd: TERM and INT stop, HUP reloads. */
void folio_daemon__signal_set(sigset_t *set);
/* The socket the hooks notify (d->sock_fd); none without a path. */
int folio_daemon__open_socket(daemon_ctx *d);
/* (Re-)add the inotify watches that are missing (the branch's refs, packed-refs, the
 * lock file): a repository may disappear and come back. */
void folio_daemon__arm_watches(daemon_ctx *d);
/* Read the inotify events; true when one may have moved the branch (or the lock went). */
bool folio_daemon__drain_inotify(daemon_ctx *d);

/* ---- verdicts (daemon_verdicts.c) ---- */

/* Judge commit with the library's judgement (as folio check does) into v. */
int folio_daemon__judge(verdict *v, daemon_ctx *d, const char *commit);
/* Fill v from the findings of commit. */
void folio_daemon__verdict_from(verdict *v, const char *commit, const folio_diags *diags);
void folio_daemon__verdict_dispose(verdict *v);
/* Store v (state row and note), show it on /status, count and log it. */
int folio_daemon__record(daemon_ctx *d, const verdict *v, double start);
/* A branch commit's verdict: its note and a log line only. */
int folio_daemon__record_branch(daemon_ctx *d, const verdict *v, double start);
/* Judge commit and record it; *valid tells whether it has no error, *pages
 * how many pages its check read. */
int folio_daemon__judge_and_record(daemon_ctx *d, const char *commit, bool *valid, size_t *pages);
/* Show a verdict on /status (see daemon_verdicts.c for who owns what). */
void folio_daemon__remember_verdict(daemon_ctx *d, const char *commit, size_t errors, size_t warnings,
                                    long long at, char *subject, const folio_diags *findings,
                                    const char *ref, char **urls);
/* Drop the verdict of ref's preview, if any (under s->lock). */
void folio_daemon__forget_preview_verdict(folio_daemon_status *s, const char *ref);
/* commit's subject, cut on a UTF-8 boundary; NULL outside a turn. Caller frees. */
char *folio_daemon__commit_subject(daemon_ctx *d, const char *commit);

/* ---- one turn (daemon_turn.c) ---- */

/* Judge what is new on the branch and publish the newest valid commit. */
int folio_daemon__run_turn(daemon_ctx *d);
/*
 * Publish commit. With v, commit has not been judged: folio_publish's own
 * validation gives its verdict, and an invalid commit returns 0 with
 * v->errors set (one load of the site instead of two, for the tip).
 */
int folio_daemon__publish(daemon_ctx *d, const char *commit, verdict *v);
/* folio.yaml's language at commit into lang ("" when there is none or it
 * cannot be read), for the status page. */
void folio_daemon__site_language(char *lang, size_t size, const char *repo, const char *commit);

/* ---- branch previews (daemon_branches.c) ---- */

/* After the published branch: remove the previews of deleted refs, then
 * judge and build each ref whose tip moved. */
void folio_daemon__run_previews(daemon_ctx *d);

#endif
