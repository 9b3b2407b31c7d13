/*
 * What the S3 output's files share: s3.c (opening, headers, requests, the
 * batch runner) and s3_list.c (listing, claim). See s3.c for how requests
 * are signed and retried.
 */
#ifndef FOLIO_PUBLISH_S3_REQUEST_H
#define FOLIO_PUBLISH_S3_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "util/lazylib_curl.h"

#include "folio/buf.h"
#include "publish/s3.h"

struct folio_s3 {
	char *url;      /* as given, for messages */
	char *endpoint; /* "http://host:port", no trailing slash */
	char *bucket;
	char *prefix;   /* "" or "a/b/" */
	char *sigv4;    /* "aws:amz:REGION:s3" */
	char *key_id, *secret, *token;
	int concurrency;
	CURLM *multi;
	folio_s3_counts counts;
};

/* ---- one request ---- */

typedef enum { REQ_PUT, REQ_DELETE, REQ_GET } req_method;

typedef struct {
	req_method method;
	const char *rel;   /* key below the prefix; NULL: the bucket itself */
	const char *query; /* sorted, encoded, or NULL */
	const char *file;  /* PUT body from a file ... */
	const void *data;  /* ... or from memory */
	size_t len;
	/* while running */
	folio_buf body;    /* PUT: the bytes when read from file */
	size_t sent;
	folio_buf resp;
	long status;
	int attempts;
	double not_before; /* monotonic seconds: a retry waits until then */
	CURL *easy;
	struct curl_slist *headers;
	char curl_error[CURL_ERROR_SIZE];
} request;

/* Percent-encode s for a URL as SigV4 expects it ('/' kept with keep_slash). */
void folio_s3__put_encoded(folio_buf *b, const char *s, bool keep_slash);
/*
 * Run reqs, at most s->concurrency at a time: 0 when each ended in 2xx (or
 * 404, with ok_404), else the first failure's code after the requests in
 * flight are stopped. reqs[i].status says how each ended.
 */
int folio_s3__run_batch(folio_s3 *s, request *reqs, size_t n, bool ok_404);
/* n requests, zeroed, their buffers ready; free with folio_s3__requests_dispose. */
request *folio_s3__requests_new(size_t n);
void folio_s3__requests_dispose(request *reqs, size_t n);

#endif
