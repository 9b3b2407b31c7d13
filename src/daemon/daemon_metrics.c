/*
 * /metrics: the daemon's counters (folio_daemon_metrics, in the shared
 * status) in the Prometheus text exposition format, version 0.0.4: a
 * "# HELP" and a "# TYPE" line per metric, then its samples.
 *
 * Invariant: the status is read under its mutex, in one go, so a scrape
 * sees the counters of one moment (a histogram's count equals its +Inf bucket).
 */
#include <stdio.h>
#include <string.h>

#include "daemon.h"
#include "util/banned.h"

const double folio_daemon__duration_bounds[FOLIO_DAEMON_DURATION_BUCKETS] = {
	0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120,
};

void folio_daemon__metrics_publish(folio_daemon_metrics *m, double seconds)
{
	size_t i = 0;
	while (i < FOLIO_DAEMON_DURATION_BUCKETS && seconds > folio_daemon__duration_bounds[i])
		i++;
	m->publish_buckets[i]++;
	m->publish_seconds += seconds;
	m->publishes++;
}

/* A label value as the format wants it: \\, \" and \n escaped. */
void folio_daemon__metrics_label(folio_buf *out, const char *value)
{
	for (const char *p = value; *p; p++) {
		if (*p == '\\')
			folio_buf_puts(out, "\\\\");
		else if (*p == '"')
			folio_buf_puts(out, "\\\"");
		else if (*p == '\n')
			folio_buf_puts(out, "\\n");
		else
			folio_buf_putc(out, *p);
	}
}

static void head(folio_buf *out, const char *name, const char *type, const char *help)
{
	folio_buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void histogram(folio_buf *out, const folio_daemon_metrics *m)
{
	unsigned long long sum = 0;
	head(out, "folio_publish_duration_seconds", "histogram", "Time a successful publish took.");
	for (size_t i = 0; i <= FOLIO_DAEMON_DURATION_BUCKETS; i++) {
		sum += m->publish_buckets[i];
		if (i < FOLIO_DAEMON_DURATION_BUCKETS)
			folio_buf_printf(out, "folio_publish_duration_seconds_bucket{le=\"%g\"} %llu\n",
			                 folio_daemon__duration_bounds[i], sum);
		else
			folio_buf_printf(out, "folio_publish_duration_seconds_bucket{le=\"+Inf\"} %llu\n", sum);
	}
	folio_buf_printf(out, "folio_publish_duration_seconds_sum %.6f\n", m->publish_seconds);
	folio_buf_printf(out, "folio_publish_duration_seconds_count %llu\n", m->publishes);
}

static void findings(folio_buf *out, const folio_daemon_metrics *m)
{
	head(out, "folio_findings_total", "counter",
	     "Findings of the commits the daemon judged, by rule (see docs/rules.md).");
	for (int r = 0; r < FOLIO_RULE__COUNT; r++) {
		if (!m->findings[r])
			continue; /* a series appears with its first finding, as client libraries do */
		folio_buf_puts(out, "folio_findings_total{rule=\"");
		folio_daemon__metrics_label(out, folio_rule_name((folio_rule)r));
		folio_buf_printf(out, "\"} %llu\n", m->findings[r]);
	}
}

static void deliveries(folio_buf *out, const folio_daemon_metrics *m)
{
	static const char *const names[FOLIO_DELIVERY__STATES] = { "pending", "delivered", "failed",
		                                                   "disabled" };
	if (!m->deliveries_known)
		return; /* no delivery thread, or before its first look: no sample rather than a false 0 */
	head(out, "folio_deliveries", "gauge",
	     "Partner deliveries in the outbox by state (disabled: pending for a disabled partner).");
	for (int i = 0; i < FOLIO_DELIVERY__STATES; i++)
		folio_buf_printf(out, "folio_deliveries{state=\"%s\"} %lld\n", names[i], m->deliveries[i]);
}

static void previews(folio_buf *out, const folio_daemon_status *s)
{
	const folio_daemon_metrics *m = &s->metrics;
	size_t served = 0, invalid = 0;
	for (size_t i = 0; i < s->npreviews; i++) {
		served += *s->previews[i].commit != 0;
		invalid += s->previews[i].errors != 0;
	}
	head(out, "folio_previews", "gauge",
	     "Branch previews kept (served: with a build served; invalid: whose tip has errors).");
	folio_buf_printf(out, "folio_previews{state=\"kept\"} %zu\n", s->npreviews);
	folio_buf_printf(out, "folio_previews{state=\"served\"} %zu\n", served);
	folio_buf_printf(out, "folio_previews{state=\"invalid\"} %zu\n", invalid);
	head(out, "folio_preview_builds_total", "counter",
	     "Branch tips judged and built for a preview since the start, by validity.");
	folio_buf_printf(out, "folio_preview_builds_total{valid=\"true\"} %llu\n", m->preview_builds[1]);
	folio_buf_printf(out, "folio_preview_builds_total{valid=\"false\"} %llu\n", m->preview_builds[0]);
	head(out, "folio_preview_build_seconds_total", "counter", "Time spent building previews.");
	folio_buf_printf(out, "folio_preview_build_seconds_total %.6f\n", m->preview_seconds);
}

void folio_daemon__metrics_render(folio_buf *out, folio_daemon_status *s)
{
	pthread_mutex_lock(&s->lock);
	const folio_daemon_metrics *m = &s->metrics;
	head(out, "folio_up", "gauge", "1 while the daemon runs.");
	folio_buf_puts(out, "folio_up 1\n");
	head(out, "folio_start_time_seconds", "gauge", "When the daemon started, in Unix seconds.");
	folio_buf_printf(out, "folio_start_time_seconds %lld\n", s->started_at);
	head(out, "folio_publishes_total", "counter", "Successful publishes since the start.");
	folio_buf_printf(out, "folio_publishes_total %llu\n", m->publishes);
	histogram(out, m);
	head(out, "folio_published_timestamp_seconds", "gauge",
	     "When the published commit was published, in Unix seconds (0: nothing published).");
	folio_buf_printf(out, "folio_published_timestamp_seconds %lld\n", s->published_at);
	head(out, "folio_verdicts_total", "counter", "Commits judged since the start, by validity.");
	folio_buf_printf(out, "folio_verdicts_total{valid=\"true\"} %llu\n", m->verdicts_valid);
	folio_buf_printf(out, "folio_verdicts_total{valid=\"false\"} %llu\n", m->verdicts_invalid);
	findings(out, m);
	head(out, "folio_queue_length", "gauge", "Commits seen on the branch but not processed yet.");
	folio_buf_printf(out, "folio_queue_length %zu\n", s->queue);
	head(out, "folio_error", "gauge", "1 while the daemon's turns fail (see /status for why).");
	folio_buf_printf(out, "folio_error %d\n", *s->error ? 1 : 0);
	deliveries(out, m);
	previews(out, s);
	pthread_mutex_unlock(&s->lock);
}
