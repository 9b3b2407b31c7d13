/*
 * S3 output (see s3.h). Every request goes through one batch runner: a
 * queue of jobs, at most `concurrency` of them on the multi handle, each
 * retried on throttling and network errors after a backoff, the first
 * hard failure stopping the batch. libcurl signs (CURLOPT_AWS_SIGV4); we
 * send x-amz-content-sha256 ourselves, as curl 7.88 signs a payload hash
 * it does not send (radosgw then answers 403 SignatureDoesNotMatch), and
 * write query parameters in sorted order, as curl 7.88 does not sort them.
 * This file: opening, headers, requests and the batch runner; s3_list.c
 * reads the bucket (listing, claim). Both share s3_request.h.
 */
#include "publish/s3.h"

#include "util/lazylib_curl.h"
#include <errno.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "folio/common.h"
#include "publish/output.h"
#include "publish/s3_request.h"
#include "util/alloc.h"
#include "util/beneath.h"
#include "util/clock.h"
#include "util/fs.h"
#include "util/hash.h"
#include "util/log.h"
#include "util/banned.h"

#define MAX_ATTEMPTS 6          /* a request is sent at most this often */
#define BACKOFF_FIRST_MS 200    /* then doubled per attempt, with jitter */
#define BACKOFF_MAX_MS 5000
#define DEFAULT_CONCURRENCY 8
static const char empty_sha256[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

bool folio_s3_is_url(const char *out)
{
	return out && !strncmp(out, "s3://", 5);
}

static char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? folio_xstrdup(v) : fallback ? folio_xstrdup(fallback) : NULL;
}

static void curl_init_once(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

int folio_s3_open(folio_s3 **out, const char *url)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	*out = NULL;
	if (!folio_s3_is_url(url))
		return folio_error_set("'%s' is not an s3:// URL", url);
	const char *b = url + 5, *slash = strchr(b, '/');
	size_t blen = slash ? (size_t)(slash - b) : strlen(b);
	if (!blen || strspn(b, "abcdefghijklmnopqrstuvwxyz0123456789.-") < blen)
		return folio_error_set("output '%s' names no valid bucket; write s3://BUCKET/PREFIX "
		                       "(lowercase letters, digits, '.' and '-')", url);
	folio_s3 *s = folio_xcalloc(1, sizeof(*s));
	s->url = folio_xstrdup(url);
	s->bucket = folio_xstrndup(b, blen);
	/* "a//b/" is "a/b/": keys are the output's paths below it */
	folio_buf p = FOLIO_BUF_INIT;
	for (const char *c = slash ? slash : ""; *c;) {
		c += strspn(c, "/");
		size_t n = strcspn(c, "/");
		if (n == 1 && c[0] == '.') {
			c += n;
			continue;
		}
		if (n == 2 && c[0] == '.' && c[1] == '.') {
			folio_buf_dispose(&p);
			folio_s3_free(s);
			return folio_error_set("output '%s': '..' in an S3 prefix; name the prefix itself", url);
		}
		if (n) {
			folio_buf_put(&p, c, n);
			folio_buf_putc(&p, '/');
		}
		c += n;
	}
	s->prefix = folio_buf_detach(&p, NULL);
	char *region = env_or("AWS_REGION", NULL);
	if (!region)
		region = env_or("AWS_DEFAULT_REGION", "us-east-1");
	s->endpoint = env_or("AWS_ENDPOINT_URL_S3", NULL);
	if (!s->endpoint)
		s->endpoint = env_or("AWS_ENDPOINT_URL", NULL);
	if (!s->endpoint)
		s->endpoint = folio_xasprintf("https://s3.%s.amazonaws.com", region);
	size_t elen = strlen(s->endpoint);
	while (elen && s->endpoint[elen - 1] == '/')
		s->endpoint[--elen] = '\0';
	s->sigv4 = folio_xasprintf("aws:amz:%s:s3", region);
	free(region);
	s->key_id = env_or("AWS_ACCESS_KEY_ID", NULL);
	s->secret = env_or("AWS_SECRET_ACCESS_KEY", NULL);
	s->token = env_or("AWS_SESSION_TOKEN", NULL);
	if (!s->key_id || !s->secret) {
		folio_s3_free(s);
		return folio_error_set("output '%s' needs credentials: set AWS_ACCESS_KEY_ID and "
		                       "AWS_SECRET_ACCESS_KEY in folio's environment (or folio watch's config)", url);
	}
	const char *conc = getenv("FOLIO_S3_CONCURRENCY");
	s->concurrency = conc && atoi(conc) > 0 ? atoi(conc) : DEFAULT_CONCURRENCY;
	if (s->concurrency > 64)
		s->concurrency = 64;
	pthread_once(&once, curl_init_once);
	s->multi = curl_multi_init();
	curl_multi_setopt(s->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)s->concurrency);
	*out = s;
	return 0;
}

void folio_s3_free(folio_s3 *s)
{
	if (!s)
		return;
	if (s->multi)
		curl_multi_cleanup(s->multi);
	free(s->url);
	free(s->endpoint);
	free(s->bucket);
	free(s->prefix);
	free(s->sigv4);
	free(s->key_id);
	if (s->secret)
		memset(s->secret, 0, strlen(s->secret));
	free(s->secret);
	free(s->token);
	free(s);
}

folio_s3_counts folio_s3_counts_get(const folio_s3 *s)
{
	return s->counts;
}

/* ---- headers per kind of file ---- */

static const struct {
	const char *ext, *type;
} types[] = {
	{ ".html", "text/html; charset=utf-8" }, { ".htm", "text/html; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" }, { ".js", "text/javascript; charset=utf-8" },
	{ ".json", "application/json" }, { ".xml", "application/xml" },
	{ ".rss", "application/rss+xml" }, { ".atom", "application/atom+xml" },
	{ ".txt", "text/plain; charset=utf-8" }, { ".svg", "image/svg+xml" },
	{ ".png", "image/png" }, { ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
	{ ".gif", "image/gif" }, { ".webp", "image/webp" }, { ".avif", "image/avif" },
	{ ".ico", "image/vnd.microsoft.icon" }, { ".woff2", "font/woff2" }, { ".woff", "font/woff" },
	{ ".pdf", "application/pdf" }, { ".xsl", "application/xslt+xml" },
	{ ".webmanifest", "application/manifest+json" }, { ".mp4", "video/mp4" },
	{ ".mp3", "audio/mpeg" }, { ".csv", "text/csv; charset=utf-8" }, { ".wasm", "application/wasm" },
};

static const char *extension(const char *rel)
{
	const char *base = strrchr(rel, '/');
	const char *dot = strrchr(base ? base + 1 : rel, '.');
	return dot ? dot : "";
}

const char *folio_s3_content_type(const char *rel)
{
	const char *ext = extension(rel);
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcasecmp(ext, types[i].ext))
			return types[i].type;
	return !strcmp(rel, ".folio-output") ? "text/plain; charset=utf-8" : "application/octet-stream";
}

/* Pages, lists, feeds, index.json and the sitemap change with every
 * publish: a CDN or browser keeps them a minute. Static assets keep their
 * names across changes (no fingerprint in them), so "long" is a day, not
 * a year: a replaced logo shows within one. */
const char *folio_s3_cache_control(const char *rel)
{
	const char *ext = extension(rel);
	if (!strcasecmp(ext, ".html") || !strcasecmp(ext, ".htm") || !strcasecmp(ext, ".json") ||
	    !strcasecmp(ext, ".xml") || !strcasecmp(ext, ".rss") || !strcasecmp(ext, ".atom") ||
	    !strcmp(rel, ".folio-output"))
		return "public, max-age=60";
	return "public, max-age=86400";
}

/* ---- one request ---- */

/* Percent-encode a key for the URL path as SigV4 expects it ('/' kept). */
void folio_s3__put_encoded(folio_buf *b, const char *s, bool keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		if ((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		    *c == '-' || *c == '.' || *c == '_' || *c == '~' || (keep_slash && *c == '/')) {
			folio_buf_putc(b, (char)*c);
		} else {
			folio_buf_putc(b, '%');
			folio_buf_putc(b, hex[*c >> 4]);
			folio_buf_putc(b, hex[*c & 15]);
		}
	}
}

static char *request_url(const folio_s3 *s, const request *r)
{
	folio_buf b = FOLIO_BUF_INIT;
	folio_buf_printf(&b, "%s/%s", s->endpoint, s->bucket);
	if (r->rel) {
		folio_buf_putc(&b, '/');
		char *key = folio_xasprintf("%s%s", s->prefix, r->rel);
		folio_s3__put_encoded(&b, key, true);
		free(key);
	}
	if (r->query)
		folio_buf_printf(&b, "?%s", r->query);
	return folio_buf_detach(&b, NULL);
}

static size_t on_read(char *dst, size_t size, size_t n, void *payload)
{
	request *r = payload;
	const char *src = r->file ? r->body.ptr : r->data;
	size_t len = r->file ? r->body.size : r->len, take = len - r->sent;
	if (take > size * n)
		take = size * n;
	memcpy(dst, src + r->sent, take);
	r->sent += take;
	return take;
}

static size_t on_write(char *data, size_t size, size_t n, void *payload)
{
	request *r = payload;
	if (r->resp.size + size * n > (r->method == REQ_GET ? (size_t)1 << 31 : (size_t)1 << 20))
		return 0; /* an error body or a listing is small; an object is below 2 GiB */
	folio_buf_put(&r->resp, data, size * n);
	return size * n;
}

static const char *method_name(req_method m)
{
	return m == REQ_PUT ? "PUT" : m == REQ_DELETE ? "DELETE" : "GET";
}

static int request_start(folio_s3 *s, request *r)
{
	char hash[FOLIO_SHA256_HEX];
	folio_buf_clear(&r->resp);
	r->sent = 0;
	r->status = 0;
	r->curl_error[0] = '\0';
	/* curl folds a URL's "." and ".." segments: "prefix/../x" would be
	 * "x", outside the prefix, and "prefix/./index.html" the live page */
	if (r->rel && !folio_beneath_plain(r->rel))
		return folio_error_set("s3: refused to %s '%s%s': a name in the key is empty, '.' or '..', "
		                       "which the request would not keep", method_name(r->method), s->prefix,
		                       r->rel);
	if (r->method == REQ_PUT && r->file && !r->body.size) {
		int rc = folio_fs_read(&r->body, r->file);
		if (rc < 0)
			return rc;
	}
	const void *body = r->file ? r->body.ptr : r->data;
	size_t len = r->file ? r->body.size : r->len;
	if (r->method == REQ_PUT)
		folio_sha256_hex(hash, body, len);
	char *url = request_url(s, r);
	char *h = folio_xasprintf("x-amz-content-sha256: %s", r->method == REQ_PUT ? hash : empty_sha256);
	r->headers = curl_slist_append(NULL, h);
	free(h);
	if (s->token) {
		h = folio_xasprintf("x-amz-security-token: %s", s->token);
		r->headers = curl_slist_append(r->headers, h);
		free(h);
	}
	if (r->method == REQ_PUT && r->rel) {
		h = folio_xasprintf("Content-Type: %s", folio_s3_content_type(r->rel));
		r->headers = curl_slist_append(r->headers, h);
		free(h);
		h = folio_xasprintf("Cache-Control: %s", folio_s3_cache_control(r->rel));
		r->headers = curl_slist_append(r->headers, h);
		free(h);
	}
	CURL *e = r->easy = curl_easy_init();
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_AWS_SIGV4, s->sigv4);
	curl_easy_setopt(e, CURLOPT_USERNAME, s->key_id);
	curl_easy_setopt(e, CURLOPT_PASSWORD, s->secret);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, r->headers);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->curl_error);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, 10L);
	/* a stalled transfer (under 1 byte/s for 60 s) is a network error, retried */
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, 60L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_PRIVATE, r);
	/* curl 7.88 signs an "Expect:" that removes the header: keep 100-continue, briefly */
	curl_easy_setopt(e, CURLOPT_EXPECT_100_TIMEOUT_MS, 300L);
	switch (r->method) {
	case REQ_PUT:
		curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(e, CURLOPT_READFUNCTION, on_read);
		curl_easy_setopt(e, CURLOPT_READDATA, r);
		curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
		s->counts.puts++;
		break;
	case REQ_DELETE:
		curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, "DELETE");
		s->counts.deletes++;
		break;
	case REQ_GET:
		if (r->rel)
			s->counts.gets++;
		else
			s->counts.lists++;
		break;
	}
	free(url);
	r->attempts++;
	curl_multi_add_handle(s->multi, e);
	return 0;
}

static void request_end(folio_s3 *s, request *r)
{
	if (!r->easy)
		return;
	curl_multi_remove_handle(s->multi, r->easy);
	curl_easy_cleanup(r->easy);
	r->easy = NULL;
	curl_slist_free_all(r->headers);
	r->headers = NULL;
}

/* The <Code> of an S3 error body, or "". Caller frees. */
static char *error_code(const folio_buf *body)
{
	const char *a = strstr(body->ptr, "<Code>"), *b = a ? strstr(a, "</Code>") : NULL;
	return a && b ? folio_xstrndup(a + 6, (size_t)(b - a - 6)) : folio_xstrdup("");
}

static bool retryable(const request *r, CURLcode cc)
{
	if (cc != CURLE_OK)
		return cc != CURLE_READ_ERROR && cc != CURLE_WRITE_ERROR && cc != CURLE_URL_MALFORMAT &&
		       cc != CURLE_UNSUPPORTED_PROTOCOL;
	return r->status == 429 || r->status == 500 || r->status == 502 || r->status == 503 ||
	       r->status == 504;
}

/* Set the message for r's failure; returns FOLIO_ERROR. */
static int request_fail(folio_s3 *s, const request *r, CURLcode cc)
{
	const char *m = method_name(r->method);
	const char *rel = r->rel ? r->rel : "";
	if (cc != CURLE_OK)
		return folio_error_set("s3: %s 's3://%s/%s%s' at %s failed after %d attempts: %s", m,
		                       s->bucket, s->prefix, rel, s->endpoint, r->attempts,
		                       *r->curl_error ? r->curl_error : curl_easy_strerror(cc));
	char *code = error_code(&r->resp);
	int rc;
	if (r->status == 403)
		rc = folio_error_set("s3: access refused (403%s%s) for %s 's3://%s/%s%s' at %s; check "
		                     "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION and the bucket's "
		                     "policy", *code ? " " : "", code, m, s->bucket, s->prefix, rel, s->endpoint);
	else if (r->status == 404 && !strcmp(code, "NoSuchBucket"))
		rc = folio_error_set("s3: no bucket '%s' at %s; create it (folio never creates buckets)",
		                     s->bucket, s->endpoint);
	else if (retryable(r, cc))
		rc = folio_error_set("s3: %s 's3://%s/%s%s' at %s answered %ld%s%s after %d attempts; "
		                     "the store is overloaded or failing", m, s->bucket, s->prefix, rel, s->endpoint, r->status,
		                     *code ? " " : "", code, r->attempts);
	else
		rc = folio_error_set("s3: %s 's3://%s/%s%s' at %s answered %ld%s%s", m, s->bucket, s->prefix,
		                     rel, s->endpoint,
		                     r->status, *code ? " " : "", code);
	free(code);
	return rc;
}

static double backoff_seconds(int attempts)
{
	long ms = BACKOFF_FIRST_MS;
	for (int i = 1; i < attempts && ms < BACKOFF_MAX_MS; i++)
		ms *= 2;
	if (ms > BACKOFF_MAX_MS)
		ms = BACKOFF_MAX_MS;
	/* up to half again, so that throttled uploads do not return in step */
	return (double)(ms + rand() % (ms / 2 + 1)) / 1000.0;
}

/*
 * Run reqs, at most s->concurrency at a time: 0 when each ended in 2xx (or
 * 404, for a request in ok_404), else the first failure's code after the
 * requests in flight are stopped. reqs[i].status says how each ended.
 */
int folio_s3__run_batch(folio_s3 *s, request *reqs, size_t n, bool ok_404)
{
	size_t next = 0, running = 0, done = 0;
	size_t *waiting = folio_xmalloc((n ? n : 1) * sizeof(*waiting)); /* retries, by index */
	size_t nwaiting = 0;
	int rc = 0;
	while (rc == 0 && done < n) {
		double now = folio_clock_seconds(), wake = now + 1.0;
		/* retries whose time came first, then new requests */
		for (size_t i = 0; rc == 0 && i < nwaiting && running < (size_t)s->concurrency;) {
			request *r = &reqs[waiting[i]];
			if (r->not_before > now) {
				if (r->not_before < wake)
					wake = r->not_before;
				i++;
				continue;
			}
			waiting[i] = waiting[--nwaiting];
			if ((rc = request_start(s, r)) == 0)
				running++;
		}
		while (rc == 0 && next < n && running < (size_t)s->concurrency) {
			if ((rc = request_start(s, &reqs[next++])) == 0)
				running++;
		}
		if (rc < 0)
			break;
		int still = 0;
		CURLMcode mc = curl_multi_perform(s->multi, &still);
		if (mc == CURLM_OK && still) {
			int timeout = (int)((wake - now) * 1000);
			mc = curl_multi_poll(s->multi, NULL, 0, timeout > 0 ? timeout : 1, NULL);
		} else if (mc == CURLM_OK && !running && nwaiting) {
			/* only retries left: wait for the first of them */
			struct timespec ts = { 0, 0 };
			double d = wake - now;
			if (d > 0) {
				ts.tv_sec = (time_t)d;
				ts.tv_nsec = (long)((d - (double)ts.tv_sec) * 1e9);
				nanosleep(&ts, NULL);
			}
		}
		if (mc != CURLM_OK) {
			rc = folio_error_set("s3: curl: %s", curl_multi_strerror(mc));
			break;
		}
		CURLMsg *msg;
		int left;
		while (rc == 0 && (msg = curl_multi_info_read(s->multi, &left))) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			request *r = NULL;
			CURLcode cc = msg->data.result;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&r);
			curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &r->status);
			request_end(s, r);
			running--;
			if (cc == CURLE_OK && ((r->status >= 200 && r->status < 300) || (ok_404 && r->status == 404))) {
				folio_buf_dispose(&r->body); /* done with its bytes: memory stays bounded */
				done++;
				if (r->method == REQ_PUT || r->method == REQ_DELETE)
					folio__fault_step(); /* FOLIO_FAULT_AT counts each object stored or removed */
			} else if (retryable(r, cc) && r->attempts < MAX_ATTEMPTS) {
				s->counts.retries++;
				folio_log(FOLIO_LOG_INFO, "s3", "%s '%s' answered %ld (%s); retrying",
				          method_name(r->method), r->rel ? r->rel : "", r->status,
				          cc == CURLE_OK ? "throttled or failing" : curl_easy_strerror(cc));
				r->not_before = folio_clock_seconds() + backoff_seconds(r->attempts);
				waiting[nwaiting++] = (size_t)(r - reqs);
			} else {
				rc = request_fail(s, r, cc);
			}
		}
	}
	for (size_t i = 0; i < n; i++) { /* a failure stops what is still in flight */
		request_end(s, &reqs[i]);
		folio_buf_dispose(&reqs[i].body);
	}
	free(waiting);
	return rc;
}

void folio_s3__requests_dispose(request *reqs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		folio_buf_dispose(&reqs[i].resp);
	free(reqs);
}

request *folio_s3__requests_new(size_t n)
{
	request *reqs = folio_xcalloc(n ? n : 1, sizeof(*reqs));
	for (size_t i = 0; i < n; i++) {
		folio_buf_init(&reqs[i].resp);
		folio_buf_init(&reqs[i].body);
	}
	return reqs;
}

int folio_s3_put_all(folio_s3 *s, const folio_s3_object *objs, size_t n)
{
	request *reqs = folio_s3__requests_new(n);
	for (size_t i = 0; i < n; i++) {
		reqs[i].method = REQ_PUT;
		reqs[i].rel = objs[i].rel;
		reqs[i].file = objs[i].file;
		reqs[i].data = objs[i].data;
		reqs[i].len = objs[i].len;
	}
	int rc = folio_s3__run_batch(s, reqs, n, false);
	folio_s3__requests_dispose(reqs, n);
	return rc;
}

int folio_s3_delete_all(folio_s3 *s, char *const *rels, size_t n)
{
	request *reqs = folio_s3__requests_new(n);
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		/* a path the state holds from a folio before the path check names
		 * no object of the prefix (request_start): dropped, as the
		 * directory's writer drops it, not retried for ever */
		if (!folio_beneath_plain(rels[i])) {
			folio_log(FOLIO_LOG_WARN, "s3", "not deleting '%s%s', whose key has an empty, '.' or "
			          "'..' name; dropped from the state", s->prefix, rels[i]);
			continue;
		}
		reqs[m].method = REQ_DELETE;
		reqs[m++].rel = rels[i];
	}
	int rc = m ? folio_s3__run_batch(s, reqs, m, true) : 0;
	folio_s3__requests_dispose(reqs, n);
	return rc;
}

int folio_s3_get(folio_s3 *s, const char *rel, folio_buf *out)
{
	request *r = folio_s3__requests_new(1);
	r->method = REQ_GET;
	r->rel = rel;
	int rc = folio_s3__run_batch(s, r, 1, true);
	if (rc == 0 && r->status == 404)
		rc = FOLIO_ENOTFOUND;
	else if (rc == 0)
		folio_buf_put(out, r->resp.ptr, r->resp.size);
	folio_s3__requests_dispose(r, 1);
	return rc;
}
