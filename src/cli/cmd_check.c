/* cmd_check.c - `hindsight check`: validate every data file. */
#include <stdio.h>

#include "cli.h"

const char cmd_check_usage[] =
    "usage: hindsight [--data DIR] check [--lexicon NAME|PATH] [--as-of DATE]\n"
    "                 [--horizon N(d|m|y)] [--stale-after N(d|m|y)] [--articles DIR]\n"
    "\n"
    "Load every forecast, question, outcome record and the lexicon, and report\n"
    "every problem as FILE:LINE:COLUMN: MESSAGE on standard error.  Warnings\n"
    "(such as unknown fields) do not fail the check.  When the data loads\n"
    "without errors, check also warns about questions nothing uses (no forecast,\n"
    "no condition, no outcome record) and about near-duplicate forecaster and\n"
    "organization names (within edit distance 1, or 2 for names of 12 or more\n"
    "characters, ignoring case).  With --stale-after, then list on standard\n"
    "output the forecasts still pending that long past their deadline: no\n"
    "outcome record covers them (1y is a good start).\n"
    "\n"
    "Options:\n"
    "  --lexicon NAME|PATH  hedge table to check hedges against (default: default)\n"
    "  --as-of DATE         date the stale list is judged at (default: today, UTC)\n"
    "  --horizon N(d|m|y)   deadline of forecasts that state none: made + N (default 2y)\n"
    "  --stale-after N(d|m|y)  list pending forecasts this long past their deadline\n"
    "  --articles DIR       verify every quote against its source's article,\n"
    "                       DIR/SEED (the source's \"seed\"); off by default\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 no errors, 1 errors found, 2 usage error.\n";

int cmd_check(int argc, char **argv, cli_options *opt)
{
    hs_lexicon lex;
    hs_dataset ds;
    hs_diags diags, verify;
    size_t errors, warnings;
    int first = cli_begin(argc, argv, "check", "lexicon as-of horizon stale-after articles", 0,
                          0, opt),
        status, loaded;
    size_t *stale = NULL, n_stale = 0, i;

    if (first < 0)
        return -1 - first;
    hs_lexicon_init(&lex);
    hs_dataset_init(&ds);
    hs_diags_init(&diags);
    hs_diags_init(&verify);
    loaded = cli_load(opt, &lex, &diags, &ds);
    if (loaded == 0 && diags.n_errors == 0) {
        /* checks of the whole, on data that loaded cleanly */
        size_t before = diags.n;
        hs_diags more;

        hs_check_unused_questions(&ds, &diags);
        hs_check_near_names(&ds, &diags);
        more = diags;
        more.items += before;
        more.n -= before;
        hs_diags_sort(&more);
        cli_print_diags(&more);
    }
    if (opt->articles_dir) {
        /* the quotes against their articles, reported after the data's own */
        hs_dataset_verify_quotes(&ds, opt->articles_dir, &verify);
        hs_diags_sort(&verify);
        cli_print_diags(&verify);
    }
    errors = diags.n_errors + verify.n_errors;
    warnings = diags.n_warnings + verify.n_warnings;
    printf("checked %zu forecast%s from %zu source%s, %zu question%s, %zu outcome record%s: "
           "%zu error%s, %zu warning%s\n",
           ds.n_forecasts, ds.n_forecasts == 1 ? "" : "s", ds.n_sources,
           ds.n_sources == 1 ? "" : "s", ds.n_questions, ds.n_questions == 1 ? "" : "s",
           ds.n_records, ds.n_records == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
           warnings, warnings == 1 ? "" : "s");
    /* cli_load can fail without a diagnostic: out of memory before loading */
    status = loaded < 0 || errors || diags.out_of_memory || verify.out_of_memory ? EXIT_DATA
                                                                                   : EXIT_OK;
    hs_diags_release(&verify);
    if (status == EXIT_OK && opt->stale_after.count > 0) {
        char asof[HS_DATE_TEXT_SIZE], after[32];

        if (hs_stale_forecasts(&ds, opt->as_of, opt->horizon, opt->stale_after, &stale,
                               &n_stale) < 0) {
            fprintf(stderr, "hindsight: out of memory\n");
            status = EXIT_DATA;
        }
        hs_date_format(opt->as_of, asof);
        hs_horizon_format(opt->stale_after, after, sizeof(after));
        if (n_stale)
            printf("%zu forecast%s still pending more than %s past the deadline as of %s, with no outcome record covering %s:\n",
                   n_stale, n_stale == 1 ? "" : "s", after, asof, n_stale == 1 ? "it" : "them");
        for (i = 0; i < n_stale; i++) {
            const hs_forecast *f = &ds.forecasts[stale[i]];
            hs_date d = f->has_deadline ? f->deadline : hs_horizon_add(f->made, opt->horizon);
            char dl[HS_DATE_TEXT_SIZE];

            hs_date_format(d, dl);
            printf("  %s  question %s%s%s  deadline %s%s  %s:%lu\n", cli_esc(f->id),
                   cli_esc(f->question_id), f->condition_id ? " if " : "",
                   f->condition_id ? cli_esc(f->condition_id) : "", dl,
                   f->has_deadline ? "" : " (defaulted)", cli_esc(f->pos.file), f->pos.line);
        }
        hs_free(stale);
    }
    hs_diags_release(&diags);
    hs_dataset_release(&ds);
    hs_lexicon_release(&lex);
    return status;
}
