/*
 * Reading an S3 output's bucket (s3.c sends the requests): the listing
 * under the prefix (ListObjectsV2, every page, in key order) and the claim
 * on an empty prefix or one that holds folio's marker.
 */
#include "publish/s3.h"

#include "util/lazylib_xml.h"
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folio/common.h"
#include "publish/s3_request.h"
#include "util/alloc.h"
#include "util/beneath.h"
#include "util/banned.h"

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, name))
			return c;
	return NULL;
}

/* The text of n's child name, or NULL. Caller frees with xmlFree. */
static char *child_text(const xmlNode *n, const char *name)
{
	const xmlNode *c = child(n, name);
	return c ? (char *)xmlNodeGetContent(c) : NULL;
}

/* One page of ListObjectsV2: entries appended (every key when all, else
 * only those a request can name); *token set when more follow. */
static int list_page(folio_s3 *s, const char *token, size_t max_keys, bool all, folio_s3_entry **out,
                     size_t *n, size_t *alloc, char **token_out)
{
	folio_buf q = FOLIO_BUF_INIT;
	/* sorted by name, as curl 7.88 signs the query as written */
	if (token) {
		folio_buf_puts(&q, "continuation-token=");
		folio_s3__put_encoded(&q, token, false);
		folio_buf_putc(&q, '&');
	}
	folio_buf_puts(&q, "list-type=2");
	if (max_keys)
		folio_buf_printf(&q, "&max-keys=%zu", max_keys);
	folio_buf_puts(&q, "&prefix=");
	folio_s3__put_encoded(&q, s->prefix, false);
	request *r = folio_s3__requests_new(1);
	r->method = REQ_GET;
	r->query = q.ptr;
	int rc = folio_s3__run_batch(s, r, 1, false);
	*token_out = NULL;
	xmlDoc *doc = NULL;
	if (rc == 0 && !(doc = xmlReadMemory(r->resp.ptr, (int)r->resp.size, "list.xml", NULL,
	                                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)))
		rc = folio_error_set("s3: the listing of '%s' is no XML", s->url);
	const xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	size_t plen = strlen(s->prefix);
	for (const xmlNode *c = root ? root->children : NULL; rc == 0 && c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "Contents"))
			continue;
		char *key = child_text(c, "Key"), *etag = child_text(c, "ETag");
		/* a key with an empty, "." or ".." name below the prefix is none
		 * of folio's outputs, and no request could name it as it is
		 * (s3.c): left alone, never deleted; it still makes the prefix
		 * someone's (folio_s3_claim) */
		if (key && !strncmp(key, s->prefix, plen) && key[plen] && (all || folio_beneath_plain(key + plen))) {
			FOLIO_ARRAY_GROW(*out, *n, *alloc, *n + 1);
			folio_s3_entry *e = &(*out)[(*n)++];
			e->rel = folio_xstrdup(key + plen);
			const char *t = etag ? etag : "";
			t += *t == '"';
			snprintf(e->etag, sizeof(e->etag), "%.*s", (int)strcspn(t, "\""), t);
		}
		xmlFree(key);
		xmlFree(etag);
	}
	if (rc == 0) {
		char *trunc = child_text(root, "IsTruncated"), *next = child_text(root, "NextContinuationToken");
		if (trunc && !strcmp(trunc, "true") && next && *next)
			*token_out = folio_xstrdup(next);
		xmlFree(trunc);
		xmlFree(next);
	}
	xmlFreeDoc(doc);
	folio_s3__requests_dispose(r, 1);
	folio_buf_dispose(&q);
	return rc;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const folio_s3_entry *)a)->rel, ((const folio_s3_entry *)b)->rel);
}

static int list_upto(folio_s3 *s, size_t max, bool all, folio_s3_entry **out, size_t *n_out)
{
	size_t n = 0, alloc = 0;
	char *token = NULL;
	int rc;
	*out = NULL;
	do {
		char *next = NULL;
		rc = list_page(s, token, max, all, out, &n, &alloc, &next);
		free(token);
		token = next;
	} while (rc == 0 && token && !max);
	free(token);
	if (rc < 0) {
		folio_s3_entries_free(*out, n);
		*out = NULL;
		n = 0;
	}
	if (n)
		qsort(*out, n, sizeof(**out), cmp_entry);
	*n_out = n;
	return rc;
}

int folio_s3_list(folio_s3 *s, folio_s3_entry **out, size_t *n_out)
{
	return list_upto(s, 0, false, out, n_out);
}

void folio_s3_entries_free(folio_s3_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(e[i].rel);
	free(e);
}

int folio_s3_claim(folio_s3 *s, const void *marker, size_t marker_len)
{
	request *r = folio_s3__requests_new(1);
	r->method = REQ_GET; /* not HEAD: a refusal's body names its reason */
	r->rel = ".folio-output";
	int rc = folio_s3__run_batch(s, r, 1, true);
	long status = r->status;
	folio_s3__requests_dispose(r, 1);
	if (rc < 0 || status != 404)
		return rc;
	folio_s3_entry *e = NULL;
	size_t n = 0;
	if ((rc = list_upto(s, 1, true, &e, &n)) < 0)
		return rc;
	folio_s3_entries_free(e, n);
	if (n) {
		folio_error_set("output '%s' is not empty and not a folio output (no object .folio-output "
		                "in it): folio would replace what it holds; choose another prefix or empty "
		                "it (an output of a folio older than this check: upload .folio-output)",
		                s->url);
		return FOLIO_EEXISTS;
	}
	folio_s3_object o = { ".folio-output", NULL, marker, marker_len };
	return folio_s3_put_all(s, &o, 1);
}
