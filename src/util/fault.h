/*
 * Fault injection for the crash tests: FOLIO_FAULT_AT=N kills the process
 * with SIGKILL at the Nth step counted. Steps sit between the writes, renames,
 * removals and transactions of a publish, so a sweep over N visits every gap
 * where a real crash could leave the output half-changed, on every machine
 * the same way (a SIGKILL after a random delay would depend on its speed).
 */
#ifndef FOLIO_UTIL_FAULT_H
#define FOLIO_UTIL_FAULT_H

/* Count a step; without FOLIO_FAULT_AT set, only the counting. */
void folio__fault_step(void);

#endif
