/*
 * The migration's plan, shared by migrate.c (reading the generator's tree
 * and configuration) and migrate_write.c (folio.yaml's text).
 */
#ifndef FOLIO_MIGRATE_INTERNAL_H
#define FOLIO_MIGRATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "folio/buf.h"
#include "folio/infer.h"
#include "folio/migrate.h"

typedef struct {
	char *name;    /* slug, unique */
	char *folder;  /* relative to the site */
	char *url;     /* "/posts/", or NULL for the folder's */
	char *label;
	char *note;    /* a permalink that could not be kept, or NULL */
	char *permalink; /* a date permalink ("/news/:year/:month/:slug/"), or NULL */
	bool flat;     /* only the files directly in folder (Hugo's content root) */
	bool posts;    /* Jekyll's _posts: the date from the file name */
	folio_infer *inf;
	size_t dates;  /* pages with a date */
} collection;

typedef struct {
	folio_migrate_from from;
	const char *dir;
	const char *config_name; /* the generator's configuration file read, or NULL */
	json_t *cfg;             /* its content, an object */
	collection *cols;
	size_t ncols, acols;
	json_t *exclude, *copy;  /* arrays of site paths */
	size_t other_markup;     /* .markdown, .html pages folio does not read */
	folio_buf *notes;
} migration;


/* obj[key] with key in any ASCII case: Hugo's keys are case-insensitive. */
json_t *folio_migrate__get_ci(const json_t *obj, const char *key);
/* The string at obj[key] (any case), or NULL. */
const char *folio_migrate__get_text(const json_t *obj, const char *key);
/* Whether rel is a folder (symbolic links are not followed). */
bool folio_migrate__is_dir(const migration *m, const char *rel);
/* The site's language as the generator's configuration says, else "en". */
const char *folio_migrate__language(const migration *m);
/* folio.yaml's text, owned by the caller. */
char *folio_migrate__site_config(migration *m);

#endif
