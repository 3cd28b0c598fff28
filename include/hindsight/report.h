/*
 * report.h - the tables hindsight's reports are made of.  Column names and
 * order are a stable interface (docs/output.md): add columns at the end.
 */
#ifndef HINDSIGHT_REPORT_H
#define HINDSIGHT_REPORT_H

#include "score.h"
#include "table.h"

/* How the text form shortens (hs_table_shorten, docs/output.md): ids --
 * forecast and question ids, a (question, date) group with its date --
 * to this many columns with the ellipsis in the middle, question titles
 * at the end; and how it shows a group without a name (forecasts without
 * an organization, or a bulk row without a source).  CSV and JSON never
 * shorten: every text is whole there, and an unnamed group's name "". */
#define HS_TEXT_ID_WIDTH 32
#define HS_TEXT_TITLE_WIDTH 40
#define HS_TEXT_NO_NAME "(none)"

/* One row per group: rank, KEY, forecasts, scored, pending, void,
 * questions, brier, brier_low, brier_high, skill, log_score,
 * defaulted_deadlines, and with a crowd (g->crowd) relative_brier.
 * Returns 0 or -1 (out of memory). */
int hs_report_groups(hs_table *t, const hs_groups *g);

/* Under --by question or question-date, columns added at the end of a
 * group table t made by hs_report_groups() from g (same rows, any columns
 * added in between): title (the question's title), and under question-date
 * question (its id) and date (the resolution date; empty for an event
 * question).  The text form shows the title right after the group's name
 * and leaves out question and date, which that name holds.  Nothing for
 * other keys.  Returns 0 or -1 (out of memory). */
int hs_report_group_questions(hs_table *t, const hs_groups *g, const hs_dataset *ds);

/* One row per forecast, in data order.  Returns 0 or -1. */
int hs_report_forecasts(hs_table *t, const hs_run *run);

#endif
