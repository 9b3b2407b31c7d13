/*
 * A Jekyll site's data files (_data/, or the folder data_dir: names), read
 * for the values pages name as {{ site.data.<file>.<key> }}: Jekyll's
 * DataReader makes site.data of them, a file a key named by its name
 * without the extension, a folder a key holding its own files. init writes
 * the text values pages name in params:, as it does _config.yml's
 * (migrate_hooks.c); CSV and TSV files, which Jekyll reads as lists of
 * rows, hold no value a page names as text, and are not read.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "folio/yaml.h"
#include "model/migrate_internal.h"
#include "util/alloc.h"
#include "util/fs.h"
#include "util/text.h"
#include "util/banned.h"

enum { DATA_DEPTH = 8, DATA_FILES = 2000, DATA_FILE_BYTES = 4 << 20 };

/* The key Jekyll gives a name (its sanitize_filename keeps word
 * characters, '-' and blanks): the name as it is when made of those
 * alone, else NULL (such names are rare, and not guessed at). */
static bool plain_key(const char *name, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (!(c == '_' || c == '-' || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z')))
			return false;
	}
	return true;
}

static mode_t type_of(const migration *m, const char *rel, off_t *size)
{
	char *path = folio_fs_join(m->dir, rel);
	struct stat st;
	mode_t type = lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0;
	*size = type ? st.st_size : 0;
	free(path);
	return type;
}

/* The value of the YAML or JSON file rel, or NULL when it cannot be read. */
static json_t *read_file(const migration *m, const char *rel)
{
	char *path = folio_fs_join(m->dir, rel);
	folio_buf text = FOLIO_BUF_INIT;
	int rc = folio_fs_read(&text, path);
	free(path);
	json_t *v = NULL;
	if (rc == 0) {
		folio_diags d;
		folio_diags_init(&d);
		folio_yaml_doc *doc = NULL;
		folio_yaml_parse_last_wins(&doc, text.ptr, text.size, rel, FOLIO_RULE_CONFIG_SYNTAX, &d);
		const json_t *root = doc ? folio_yaml_root(doc) : NULL;
		if (root && !d.count)
			v = json_deep_copy(root);
		folio_yaml_free(doc);
		folio_diags_dispose(&d);
	}
	folio_buf_dispose(&text);
	return v;
}

/* Folder rel's files into obj, then its folders, as Jekyll reads them
 * (a later file of one key wins); symbolic links skipped, as Jekyll does. */
static void read_folder(const migration *m, const char *rel, json_t *obj, int depth, size_t *files)
{
	static const char *const exts[] = { ".yml", ".yaml", ".json" };
	size_t n;
	char **names = folio_migrate__list_dir(m, rel, &n);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			if (names[i][0] == '.')
				continue;
			char *sub = folio_migrate__join_rel(rel, names[i]);
			off_t size;
			mode_t type = type_of(m, sub, &size);
			const char *dot = strrchr(names[i], '.');
			size_t klen = dot ? (size_t)(dot - names[i]) : strlen(names[i]);
			bool ext = false;
			for (size_t k = 0; dot && k < sizeof(exts) / sizeof(*exts); k++)
				ext = ext || !strcmp(dot, exts[k]);
			if (pass == 0 && type == S_IFREG && ext && plain_key(names[i], klen) &&
			    size <= DATA_FILE_BYTES && *files < DATA_FILES) {
				++*files;
				json_t *v = read_file(m, sub);
				char *key = folio_xstrndup(names[i], klen);
				if (v)
					json_object_set_new(obj, key, v);
				free(key);
			} else if (pass == 1 && type == S_IFDIR && depth < DATA_DEPTH &&
			           plain_key(names[i], strlen(names[i]))) {
				json_t *inner = json_object();
				read_folder(m, sub, inner, depth + 1, files);
				json_object_set_new(obj, names[i], inner);
			}
			free(sub);
		}
	}
	folio_migrate__free_names(names, n);
}

json_t *folio_migrate__jekyll_data(const migration *m)
{
	const char *dir = folio_migrate__get_text(m->cfg, "data_dir");
	char *rel = folio_xstrdup(dir && *dir ? dir : "_data");
	while (*rel && rel[strlen(rel) - 1] == '/')
		rel[strlen(rel) - 1] = '\0';
	json_t *data = json_object();
	size_t files = 0;
	if (*rel && rel[0] != '/' && !strstr(rel, "..") && folio_migrate__is_dir(m, rel))
		read_folder(m, rel, data, 0, &files);
	free(rel);
	return data;
}
