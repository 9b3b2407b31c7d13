/*
 * folio init --from ... --baseline (cmd_init_baseline.c).
 */
#ifndef FOLIO_CLI_CMD_INIT_BASELINE_H
#define FOLIO_CLI_CMD_INIT_BASELINE_H

/* Checks the site in dir (its folio.yaml just written) and appends to
 * folio.yaml a rules: block that makes each error of a rule that is not
 * locked a warning on the pages that have it; says what it wrote. 0, or -1
 * after saying why on stderr. */
int folio_cli_init_baseline(const char *dir);

#endif
