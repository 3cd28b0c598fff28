/* report.h - the CLI's framing around the core's report tables. */
#ifndef HINDSIGHT_CLI_REPORT_H
#define HINDSIGHT_CLI_REPORT_H

#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "hindsight/report.h"

/* Score ds with the options' as-of date, horizon and lexicon (what
 * cli_session_open does after loading).  Returns 0 or -1 (out of memory). */
int report_run(hs_run *run, const hs_dataset *ds, const hs_lexicon *lex,
               const cli_options *opt);
/* The lines above a text table: what is measured, as of when, with what.
 * g is the grouping, or NULL for the forecast list. */
void report_preamble(FILE *out, const hs_run *run, const cli_options *opt,
                     const hs_groups *g);
/* The lines below a text table: counts by status and by deadline kind, and
 * how intervals were made. */
void report_footer(FILE *out, const hs_run *run, const hs_groups *g);
/* The same from the totals of the forecasts (a streamed load has no run);
 * lex is the table scored with ("none" when it was not loaded), or NULL. */
void report_preamble_totals(FILE *out, const hs_totals *tot, const hs_lexicon *lex,
                            const cli_options *opt, const hs_groups *g);
void report_footer_totals(FILE *out, const hs_totals *tot, const hs_groups *g);


#endif
