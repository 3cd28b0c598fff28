/* cmd_check.c - `hindsight check`: validate every data file. */
#include <stdio.h>

#include "cli.h"

const char cmd_check_usage[] =
    "usage: hindsight [--data DIR] check [--lexicon NAME|PATH]\n"
    "\n"
    "Load every forecast, question, outcome record and the lexicon, and report\n"
    "every problem as FILE:LINE:COLUMN: MESSAGE on standard error.  Warnings\n"
    "(such as unknown fields) do not fail the check.\n"
    "\n"
    "Options:\n"
    "  --lexicon NAME|PATH  hedge table to check hedges against (default: default)\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 no errors, 1 errors found, 2 usage error.\n";

int cmd_check(int argc, char **argv, cli_options *opt)
{
    hs_lexicon lex;
    hs_dataset ds;
    hs_diags diags;
    hs_stream_counts counts;
    int first = cli_begin(argc, argv, "check", "lexicon", 0, 0, opt), status, loaded;

    if (first < 0)
        return -1 - first;
    hs_lexicon_init(&lex);
    hs_dataset_init(&ds);
    hs_diags_init(&diags);
    /* the bulk files streamed when they are sound: counts, not rows */
    loaded = cli_check_load(opt, &lex, &diags, &ds, &counts);
    printf("checked %zu forecast%s from %zu source%s, %zu question%s, %zu outcome record%s: "
           "%zu error%s, %zu warning%s\n",
           counts.n_forecasts, counts.n_forecasts == 1 ? "" : "s", counts.n_sources,
           counts.n_sources == 1 ? "" : "s", ds.n_questions, ds.n_questions == 1 ? "" : "s",
           ds.n_records, ds.n_records == 1 ? "" : "s", diags.n_errors,
           diags.n_errors == 1 ? "" : "s", diags.n_warnings,
           diags.n_warnings == 1 ? "" : "s");
    /* cli_load can fail without a diagnostic: out of memory before loading */
    status = loaded < 0 || diags.n_errors ? EXIT_DATA : EXIT_OK;
    hs_diags_release(&diags);
    hs_dataset_release(&ds);
    hs_lexicon_release(&lex);
    return status;
}
