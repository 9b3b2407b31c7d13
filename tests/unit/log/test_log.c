/* Log lines: one per event, with a journald priority only when stderr is the journal. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "util/log.h"

/* Run fn with stderr sent to a fresh file, JOURNAL_STREAM set to that file's
 * dev:ino when journal is true (else to another file's); return what it wrote. */
static char *capture(bool journal, void (*fn)(void))
{
	char *dir = test_tempdir("log");
	char path[4096], other[4096], env[64];
	snprintf(path, sizeof(path), "%s/stderr", dir);
	snprintf(other, sizeof(other), "%s/other", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int fd_other = open(other, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0 && fd_other >= 0);
	struct stat st;
	assert_int_equal(fstat(journal ? fd : fd_other, &st), 0);
	snprintf(env, sizeof(env), "%llu:%llu", (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
	setenv("JOURNAL_STREAM", env, 1);
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	folio_log_init(); /* as at start-up, with this stderr */
	fn();
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(fd);
	close(fd_other);
	unsetenv("JOURNAL_STREAM");
	folio_log_init();
	char *text = test_read_file(path, NULL);
	test_rm_rf(dir);
	free(dir);
	return text;
}

static void log_levels(void)
{
	folio_log(FOLIO_LOG_ERROR, "test", "cannot open '%s'", "x");
	folio_log(FOLIO_LOG_WARN, "test", "a warning\nwith a newline");
	folio_log(FOLIO_LOG_INFO, "test", "an event");
}

static void journal_lines_carry_the_priority(void **state)
{
	char *text = capture(true, log_levels);
	char *l2 = strchr(text, '\n') + 1, *l3 = strchr(l2, '\n') + 1;
	assert_true(!strncmp(text, "<3>20", 5));
	assert_non_null(strstr(text, " error test: cannot open 'x'\n"));
	assert_true(!strncmp(l2, "<4>20", 5));
	assert_true(!strncmp(l3, "<6>20", 5));
	assert_string_equal(strchr(l3, '\n'), "\n"); /* three lines: the newline did not split one */
	free(text);
}

static void other_stderr_gets_no_priority(void **state)
{
	char *text = capture(false, log_levels);
	assert_true(!strncmp(text, "20", 2));
	assert_null(strchr(text, '<'));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(journal_lines_carry_the_priority),
		cmocka_unit_test(other_stderr_gets_no_priority),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
