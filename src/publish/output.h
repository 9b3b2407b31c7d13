/* Writing output trees: shared by the full build and the publisher. */
#ifndef FOLIO_OUTPUT_H
#define FOLIO_OUTPUT_H

#include "folio/render.h"

#include "folio/path.h"
#include "folio/site.h"
#include "util/fault.h" /* folio__fault_step, between the steps of a publish */
#include "util/hash.h"

/*
 * The bytes of some outputs, which a sink keeps once written instead of
 * freeing them: a partner's feed, handed to the delivery planner from
 * memory rather than read back. want[i] (of the plan's count) says which;
 * the sink moves output i's bytes into data[i] and len[i].
 */
typedef struct {
	bool *want;
	char **data;
	size_t *len;
	size_t count;
} folio__kept;
/* Called by a sink once output i is written: its bytes go into k when k
 * wants them (k may be NULL), else they are freed. o->data is then NULL. */
void folio__keep_or_free(folio__kept *k, folio_output *o, size_t i);
void folio__kept_dispose(folio__kept *k);

/* Output o's bytes, in memory or in its scratch file (folio_output.scratch):
 * written into fd by folio__output_fill (a folio_fs_fill whose payload is
 * the output), hashed by folio__output_sha256 and folio__output_md5 (0, or
 * a negative code when the scratch file cannot be read back). */
int folio__output_fill(int fd, void *o);
int folio__output_sha256(char out[FOLIO_SHA256_HEX], const folio_output *o);
int folio__output_md5(char out[FOLIO_MD5_HEX], const folio_output *o);

/* A folio_output_sink writing each output under dir (a fresh staging tree,
 * swapped in whole once complete) and freeing its bytes (or keeping them,
 * as kept wants); with hashes, it first records the SHA-256 of output i in
 * hashes[i]. */
typedef struct {
	const char *dir;
	char (*hashes)[FOLIO_SHA256_HEX];
	folio__kept *kept;
} folio__tree_writer;
int folio__write_sink(folio_output *o, size_t index, void *payload);

/* Load and validate a site: 0 with *out set; FOLIO_EINVALID when it has
 * errors (findings in diags, *out NULL); negative on an operational failure. */
int folio__load_valid(folio_site **out, folio_source *src, int jobs, const folio_limits *limits,
                      folio_diags *diags);
/* folio_validate_site() of site with its output plan (output/clash), which
 * validation, below rendering, is given: the one way this stage validates. */
void folio__validate_site(const folio_site *site, folio_diags *diags);
/* The same with every site option given (folio serve's show_held). */
int folio__load_valid_with(folio_site **out, folio_source *src, const folio_site_options *so,
                           folio_diags *diags);
/* Every output of renderer written into out, replacing it whole in one
 * atomic exchange once synced (build.c); with hashes, hashes[i] is the
 * SHA-256 of output i; kept (may be NULL) keeps the bytes it wants. */
int folio__build_tree(folio_renderer *renderer, const char *out, int jobs,
                      char (*hashes)[FOLIO_SHA256_HEX], folio__kept *kept);
/* Make every file written under dir durable (syncfs: its file system). */
int folio__sync_tree(const char *dir);
/* Put the directory tmp in place of out in one atomic exchange; tmp is removed. */
int folio__swap_dir(const char *tmp, const char *out);
/* "<out>.tmp-folio-<pid>" for out without trailing slashes; caller frees. */
char *folio__temp_dir_for(const char *out);
/*
 * The marker file every output directory folio writes holds, so that folio
 * never replaces or deletes a directory it did not write (a git clone given
 * as --out by mistake). Its bytes are fixed: a full build and a publish
 * write the same ones.
 */
#define FOLIO_OUTPUT_MARKER FOLIO_PATH_MARKER
/*
 * May folio write into out? 0 when out is missing (it will be made, marker
 * included), empty (the marker is written there now) or holds the marker;
 * FOLIO_EEXISTS with a message saying what to do when it holds anything
 * else; FOLIO_ERROR when it cannot be read or is not a directory. An
 * s3:// output is asked the same of its prefix (s3.h, folio_s3_claim).
 */
int folio__output_claim(const char *out);
/* The marker's bytes (fixed: the directory and the S3 outputs hold the same). */
extern const char folio__output_marker_text[];
extern const size_t folio__output_marker_len;
/* out in one spelling: a directory normalized (folio_fs_normalize), an
 * s3:// URL without trailing slashes. Caller frees. */
char *folio__output_normalize(const char *out);
/* Write the marker into dir (a staging tree before its swap, or an empty output). */
int folio__output_mark(const char *dir);

#endif
