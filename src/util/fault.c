#include "util/fault.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#include "util/banned.h"

void folio__fault_step(void)
{
	static atomic_long step;
	static long fault_at = -1; /* read once, before any thread writes */
	if (fault_at < 0) {
		const char *env = getenv("FOLIO_FAULT_AT");
		fault_at = env && *env ? strtol(env, NULL, 10) : 0;
	}
	if (fault_at > 0 && atomic_fetch_add(&step, 1) + 1 == fault_at)
		kill(getpid(), SIGKILL);
}
