#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *test_tempdir(const char *tag)
{
	const char *base = getenv("TMPDIR");
	char *path = malloc(4096);
	snprintf(path, 4096, "%s/folio-test-%s-XXXXXX", base && *base ? base : "/tmp", tag);
	if (!mkdtemp(path))
		fail_msg("mkdtemp %s failed", path);
	return path;
}

void test_rm_rf(const char *path)
{
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	if (system(cmd) != 0)
		fail_msg("cannot remove %s", path);
}

void test_write_file(const char *dir, const char *relpath, const char *content)
{
	char path[4096], cmd[4200];
	snprintf(path, sizeof(path), "%s/%s", dir, relpath);
	char *slash = strrchr(path, '/');
	*slash = '\0';
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", path);
	if (system(cmd) != 0)
		fail_msg("mkdir %s failed", path);
	*slash = '/';
	FILE *fp = fopen(path, "wb");
	if (!fp)
		fail_msg("cannot write %s", path);
	fwrite(content, 1, strlen(content), fp);
	fclose(fp);
}

char *test_vformat(const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	char *s = malloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

void test_sh(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *cmd = test_vformat(fmt, ap);
	va_end(ap);
	int rc = system(cmd);
	if (rc != 0)
		fail_msg("command failed (%d): %s", rc, cmd);
	free(cmd);
}

char *test_sh_output(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *cmd = test_vformat(fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	if (!p)
		fail_msg("cannot run %s", cmd);
	size_t cap = 4096, len = 0;
	char *out = malloc(cap);
	size_t n;
	while ((n = fread(out + len, 1, cap - len - 1, p)) > 0) {
		len += n;
		if (cap - len < 2)
			out = realloc(out, cap *= 2);
	}
	out[len] = '\0';
	int rc = pclose(p);
	if (rc != 0)
		fail_msg("command failed (%d): %s", rc, cmd);
	free(cmd);
	return out;
}

char *test_read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	if (fread(s, 1, (size_t)n, fp) != (size_t)n) {
		fclose(fp);
		free(s);
		return NULL;
	}
	s[n] = '\0';
	fclose(fp);
	if (len)
		*len = (size_t)n;
	return s;
}

bool test_has_diag(const folio_diags *diags, folio_rule rule, unsigned line)
{
	for (size_t i = 0; i < diags->count; i++)
		if (diags->items[i].rule == rule && (!line || diags->items[i].line == line))
			return true;
	return false;
}

void test_print_diags(const folio_diags *diags)
{
	folio_diags_print_text(stderr, diags);
}
