/* /metrics rendering (daemon_metrics.c) without a running daemon: label
 * escaping, histogram buckets, which families appear when. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "daemon/daemon.h"

static void label_escapes_backslash_quote_and_newline(void **state)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_daemon__metrics_label(&b, "a\\b\"c\nd/é");
	assert_string_equal(b.ptr, "a\\\\b\\\"c\\nd/é");
	folio_buf_dispose(&b);
}

static char *render(folio_daemon_status *s)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_daemon__metrics_render(&b, s);
	return folio_buf_detach(&b, NULL);
}

static void fresh_status(folio_daemon_status *s)
{
	memset(s, 0, sizeof(*s));
	pthread_mutex_init(&s->lock, NULL);
	s->branch = "main";
	s->started_at = 1764758400;
}

static void histogram_buckets_are_cumulative_and_bounds_inclusive(void **state)
{
	folio_daemon_status s;
	fresh_status(&s);
	folio_daemon__metrics_publish(&s.metrics, 0.1); /* on a bound: in le="0.1" (le is <=) */
	folio_daemon__metrics_publish(&s.metrics, 3.0);
	folio_daemon__metrics_publish(&s.metrics, 1000.0); /* past the last bound: +Inf only */
	char *text = render(&s);
	assert_non_null(strstr(text, "# TYPE folio_publish_duration_seconds histogram\n"));
	assert_non_null(strstr(text, "folio_publish_duration_seconds_bucket{le=\"0.1\"} 1\n"));
	assert_non_null(strstr(text, "folio_publish_duration_seconds_bucket{le=\"2.5\"} 1\n"));
	assert_non_null(strstr(text, "folio_publish_duration_seconds_bucket{le=\"5\"} 2\n"));
	assert_non_null(strstr(text, "folio_publish_duration_seconds_bucket{le=\"120\"} 2\n"));
	assert_non_null(strstr(text, "folio_publish_duration_seconds_bucket{le=\"+Inf\"} 3\n"));
	assert_non_null(strstr(text, "folio_publish_duration_seconds_sum 1003.100000\n"));
	assert_non_null(strstr(text, "folio_publish_duration_seconds_count 3\n"));
	assert_non_null(strstr(text, "folio_publishes_total 3\n"));
	free(text);
	pthread_mutex_destroy(&s.lock);
}

static void findings_and_deliveries_appear_once_known(void **state)
{
	folio_daemon_status s;
	fresh_status(&s);
	char *text = render(&s);
	assert_non_null(strstr(text, "# TYPE folio_findings_total counter\n"));
	assert_null(strstr(text, "folio_findings_total{"));
	assert_null(strstr(text, "folio_deliveries")); /* no delivery thread yet: no false 0 */
	assert_non_null(strstr(text, "folio_start_time_seconds 1764758400\n"));
	free(text);

	s.metrics.findings[FOLIO_RULE_LINK_BROKEN] = 2;
	s.metrics.deliveries[FOLIO_DELIVERY_FAILED] = 4;
	s.metrics.deliveries_known = true;
	s.queue = 3;
	text = render(&s);
	assert_non_null(strstr(text, "folio_findings_total{rule=\"link/broken\"} 2\n"));
	assert_non_null(strstr(text, "# TYPE folio_deliveries gauge\n"));
	assert_non_null(strstr(text, "folio_deliveries{state=\"failed\"} 4\n"));
	assert_non_null(strstr(text, "folio_deliveries{state=\"pending\"} 0\n"));
	assert_non_null(strstr(text, "folio_queue_length 3\n"));
	assert_int_equal(text[strlen(text) - 1], '\n');
	free(text);
	pthread_mutex_destroy(&s.lock);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(label_escapes_backslash_quote_and_newline),
		cmocka_unit_test(histogram_buckets_are_cumulative_and_bounds_inclusive),
		cmocka_unit_test(findings_and_deliveries_appear_once_known),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
