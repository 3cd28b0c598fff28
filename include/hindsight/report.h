/*
 * report.h - the tables hindsight's reports are made of.  Column names and
 * order are a stable interface (docs/output.md): add columns at the end.
 */
#ifndef HINDSIGHT_REPORT_H
#define HINDSIGHT_REPORT_H

#include "score.h"
#include "table.h"

/* One row per group: rank, KEY, forecasts, scored, pending, void,
 * questions, brier, brier_low, brier_high, skill, log_score,
 * defaulted_deadlines, and with a crowd (g->crowd) relative_brier.
 * Returns 0 or -1 (out of memory). */
int hs_report_groups(hs_table *t, const hs_groups *g);

/* One row per forecast, in data order.  Returns 0 or -1. */
int hs_report_forecasts(hs_table *t, const hs_run *run);

#endif
