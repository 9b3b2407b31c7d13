/*
 * The state's clean-close stamp (state_stamp.h says what it vouches for).
 */
#include "publish/state_stamp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "folio/buf.h"
#include "util/alloc.h"
#include "util/fs.h"
#include "util/banned.h"

#define STAMP_NAME "clean"

/* The stamp of dir/state.sqlite, or NULL when it has a WAL with frames or
 * cannot be read. Caller frees. */
static char *describe(const char *dir)
{
	char *db = folio_fs_join(dir, "state.sqlite");
	char *wal = folio_xasprintf("%s-wal", db);
	struct stat s, w;
	char *out = NULL;
	if (stat(db, &s) == 0 && (stat(wal, &w) < 0 || w.st_size == 0))
		out = folio_xasprintf("%llu %llu %lld %lld.%09ld %lld.%09ld\n", (unsigned long long)s.st_dev,
		                      (unsigned long long)s.st_ino, (long long)s.st_size, (long long)s.st_ctim.tv_sec,
		                      s.st_ctim.tv_nsec, (long long)s.st_mtim.tv_sec, s.st_mtim.tv_nsec);
	free(wal);
	free(db);
	return out;
}

bool folio_state__stamp_take(const char *dir)
{
	char *path = folio_fs_join(dir, STAMP_NAME);
	folio_buf b = FOLIO_BUF_INIT;
	bool ok = false;
	if (access(path, F_OK) == 0 && folio_fs_read(&b, path) == 0) { /* none: no error set */
		/* gone before anything is written: a crash from here on leaves none */
		unlink(path);
		char *now = describe(dir);
		ok = now && b.size == strlen(now) && !memcmp(b.ptr, now, b.size);
		free(now);
	}
	folio_buf_dispose(&b);
	free(path);
	return ok;
}

void folio_state__stamp_leave(const char *dir)
{
	char *now = describe(dir);
	if (now) {
		char *path = folio_fs_join(dir, STAMP_NAME);
		/* not durable: a stamp lost with the power only costs a check */
		(void)folio_fs_write_atomic(path, now, strlen(now), false);
		free(path);
	}
	free(now);
}
