/*
 * The outbox as an operator sees it (folio deliveries, the daemon's
 * /status and /metrics) and what an operator may do to it: retry a
 * delivery, enable a partner again. The rows come from publish/state_outbox.c; each
 * call holds the state, which the daemon's threads share.
 */
#include "folio/deliver.h"

#include <string.h>
#include <time.h>

#include "publish/state_outbox.h"
#include "util/log.h"
#include "util/banned.h"

static long long now_seconds(void)
{
	return (long long)time(NULL);
}

int folio_deliver_next_due(folio_state *st, long long *seconds)
{
	long long at;
	folio_state_hold(st);
	int rc = folio_outbox_next_due_at(st, &at);
	folio_state_release(st);
	*seconds = -1;
	if (rc == 0 && at >= 0) {
		long long wait = at - now_seconds();
		*seconds = wait > 0 ? wait : 0;
	}
	return rc;
}

int folio_deliver_retry(folio_state *st, const char *id)
{
	folio_state_hold(st);
	int rc = folio_outbox_retry(st, id, now_seconds());
	folio_state_release(st);
	return rc;
}

int folio_deliver_enable(folio_state *st, const char *partner)
{
	folio_state_hold(st);
	int rc = folio_outbox_enable(st, partner, now_seconds());
	folio_state_release(st);
	if (rc == 0)
		folio_log(FOLIO_LOG_INFO, "deliver", "partner '%s' enabled", partner);
	return rc;
}

/* A partner's row gains its status in one word. */
static void partner_status(json_t *o)
{
	const char *status = "ok";
	if (!json_is_null(json_object_get(o, "removed_at")))
		status = "removed";
	else if (!json_is_null(json_object_get(o, "disabled_at")))
		status = "disabled";
	else if (!json_is_null(json_object_get(o, "failed_at")))
		status = "failed";
	else if (json_integer_value(json_object_get(o, "failures")) > 0)
		status = "failing";
	json_object_set_new(o, "status", json_string(status));
}

int folio_deliver_list(folio_state *st, size_t limit, json_t **out)
{
	json_t *partners = NULL, *deliveries = NULL, *p;
	size_t i;
	*out = NULL;
	folio_state_hold(st); /* both from one moment */
	int rc = folio_outbox_partners_json(st, &partners);
	if (rc == 0)
		rc = folio_outbox_deliveries_json(st, limit, &deliveries);
	folio_state_release(st);
	if (rc < 0) {
		json_decref(partners);
		return rc;
	}
	json_array_foreach(partners, i, p)
		partner_status(p);
	*out = json_object();
	json_object_set_new(*out, "partners", partners);
	json_object_set_new(*out, "deliveries", deliveries);
	return 0;
}

int folio_deliver_show(folio_state *st, const char *id, json_t **out)
{
	json_t *attempts = NULL;
	folio_state_hold(st);
	int rc = folio_outbox_delivery_json(st, id, out, &attempts);
	folio_state_release(st);
	if (rc == 0 && !*out) {
		folio_error_set("no delivery '%s'; see 'folio deliveries list'", id);
		rc = FOLIO_ENOTFOUND;
	}
	if (rc == 0)
		json_object_set_new(*out, "attempt_log", attempts);
	else
		json_decref(attempts);
	return rc;
}

int folio_deliver_count(folio_state *st, folio_deliver_counts *out)
{
	folio_state_hold(st);
	int rc = folio_outbox_count(st, out);
	folio_state_release(st);
	return rc;
}
