/*
 * An S3 bucket (a prefix in it) as folio's output: "s3://BUCKET/PREFIX".
 *
 * Path-style requests (ENDPOINT/BUCKET/KEY) signed by libcurl's SigV4, so
 * any S3-compatible store answers: Ceph's radosgw, MinIO, AWS, OVH,
 * Scaleway. Endpoint, region and keys come from the environment only
 * (AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN), never from the content repository.
 *
 * Requests run concurrently on one curl multi handle, at most
 * FOLIO_S3_CONCURRENCY (default 8) at a time; throttling (429, 503
 * SlowDown), server errors and network errors are retried with backoff a
 * bounded number of times; anything else (403: refused credentials) fails
 * the batch with a message naming the request.
 */
#ifndef FOLIO_PUBLISH_S3_H
#define FOLIO_PUBLISH_S3_H

#include <stdbool.h>
#include <stddef.h>

#include "folio/buf.h"

typedef struct folio_s3 folio_s3;

/* Does out name an S3 output ("s3://...")? */
bool folio_s3_is_url(const char *out);

/* Parse url and read the endpoint and keys from the environment: 0 with
 * *out set (free with folio_s3_free), or FOLIO_ERROR with a message. No
 * request is sent. */
int folio_s3_open(folio_s3 **out, const char *url);
void folio_s3_free(folio_s3 *s);

/* An object to upload: its key below the prefix and its bytes, read from
 * file when the upload starts (so a batch holds only the uploads in flight
 * in memory), or data/len when file is NULL. */
typedef struct {
	const char *rel;
	const char *file;
	const void *data;
	size_t len;
} folio_s3_object;

/* Upload every object (Content-Type and Cache-Control from its name):
 * 0 when all are stored, else the first failure. */
int folio_s3_put_all(folio_s3 *s, const folio_s3_object *objs, size_t n);
/* Delete the objects rels (one missing is not an error). */
int folio_s3_delete_all(folio_s3 *s, char *const *rels, size_t n);
/* Append the object rel to out: 0, FOLIO_ENOTFOUND, or a failure. */
int folio_s3_get(folio_s3 *s, const char *rel, folio_buf *out);

/* An object under the prefix: its key below the prefix, and its ETag
 * (the MD5 of its bytes, hex, for an object uploaded in one PUT). */
typedef struct {
	char *rel;
	char etag[33];
} folio_s3_entry;
/* Every object under the prefix, in key order (caller frees with
 * folio_s3_entries_free). */
int folio_s3_list(folio_s3 *s, folio_s3_entry **out, size_t *n_out);
void folio_s3_entries_free(folio_s3_entry *e, size_t n);

/*
 * May folio write under this prefix? As for a directory (output.h): 0 when
 * the prefix holds the marker object, or holds nothing (the marker is
 * uploaded now); FOLIO_EEXISTS with a message when it holds anything else;
 * FOLIO_ERROR when the bucket cannot be read (missing, refused).
 */
int folio_s3_claim(folio_s3 *s, const void *marker, size_t marker_len);

/* Header values for an object named rel (by its extension). Borrowed. */
const char *folio_s3_content_type(const char *rel);
const char *folio_s3_cache_control(const char *rel);

/* Requests sent so far by kind (retries included), for stats and tests. */
typedef struct {
	size_t puts, deletes, gets, lists, retries;
} folio_s3_counts;
folio_s3_counts folio_s3_counts_get(const folio_s3 *s);

#endif
