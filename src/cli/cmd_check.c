/* cmd_check.c - `hindsight check`: validate every data file. */
#include <stdio.h>

#include "cli.h"

const char cmd_check_usage[] =
    "usage: hindsight [--data DIR] check [--lexicon NAME|PATH] [--articles DIR]\n"
    "\n"
    "Load every forecast, question, outcome record and the lexicon, and report\n"
    "every problem as FILE:LINE:COLUMN: MESSAGE on standard error.  Warnings\n"
    "(such as unknown fields) do not fail the check.\n"
    "\n"
    "Options:\n"
    "  --lexicon NAME|PATH  hedge table to check hedges against (default: default)\n"
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
    int first = cli_begin(argc, argv, "check", "lexicon articles", 0, 0, opt), status, loaded;

    if (first < 0)
        return -1 - first;
    hs_lexicon_init(&lex);
    hs_dataset_init(&ds);
    hs_diags_init(&diags);
    hs_diags_init(&verify);
    loaded = cli_load(opt, &lex, &diags, &ds);
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
    status = loaded < 0 || errors ? EXIT_DATA : EXIT_OK;
    hs_diags_release(&verify);
    hs_diags_release(&diags);
    hs_dataset_release(&ds);
    hs_lexicon_release(&lex);
    return status;
}
