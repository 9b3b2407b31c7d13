/*
 * The receiver's verification path: webhook headers and body as a request
 * brings them, and the check folio receive makes on the headers alone. Input: id, timestamp and signature header on the first
 * three lines, the body after. Checks that nothing crashes, that a
 * signature folio makes always verifies, and that the payload check never
 * accepts a collection name that could leave the directory.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "folio/deliver.h"
#include "fuzz_input.h"

#define NOW 1700000000LL
#define SECRET "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

static void check_payload(const char *body, size_t len)
{
	json_t *p = NULL;
	if (folio_receiver_check_payload(&p, body, len) < 0)
		return;
	const char *name;
	json_t *feed;
	json_object_foreach(json_object_get(p, "collections"), name, feed)
		if (!*name || strchr(name, '/') || strchr(name, '.') || !json_is_object(feed))
			abort();
	json_decref(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static folio_webhook_keys keys;
	static int ready;
	if (!ready) {
		folio_webhook_keys_init(&keys);
		if (folio_webhook_keys_parse(&keys, SECRET) < 0)
			abort();
		ready = 1;
	}
	char *id = fuzz_take_line(&data, &size);
	char *ts = fuzz_take_line(&data, &size);
	char *sig = fuzz_take_line(&data, &size);
	char *body = malloc(size + 1);
	memcpy(body, data, size);
	body[size] = '\0';

	/* what the receiver checks before reading a body never lets through what
	 * verification refuses on the headers alone */
	int early = folio_webhook_check_headers(id, ts, sig, NOW, FOLIO_WEBHOOK_TOLERANCE);
	int full = folio_webhook_verify(&keys, id, ts, sig, body, size, NOW, FOLIO_WEBHOOK_TOLERANCE);
	if (early < 0 && full == 0)
		abort();
	check_payload(body, size);

	/* the id line as a secret: the base64 decoder on any bytes */
	folio_webhook_keys other;
	folio_webhook_keys_init(&other);
	folio_webhook_keys_parse(&other, id);
	folio_webhook_keys_dispose(&other);

	/* folio's own signature verifies, also among fuzzed tokens */
	char *good = folio_webhook_sign(&keys, "msg_fuzz", NOW, body, size);
	if (folio_webhook_check_headers("msg_fuzz", "1700000000", good, NOW, 300) < 0)
		abort();
	if (folio_webhook_verify(&keys, "msg_fuzz", "1700000000", good, body, size, NOW, 300) < 0)
		abort();
	size_t glen = strlen(good), slen = strlen(sig);
	char *mixed = malloc(glen + slen + 2);
	memcpy(mixed, good, glen);
	mixed[glen] = ' ';
	memcpy(mixed + glen + 1, sig, slen + 1);
	if (folio_webhook_verify(&keys, "msg_fuzz", "1700000000", mixed, body, size, NOW, 300) < 0)
		abort();
	free(mixed);
	free(good);
	free(id);
	free(ts);
	free(sig);
	free(body);
	return 0;
}
