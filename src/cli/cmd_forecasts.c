/* cmd_forecasts.c - `hindsight forecasts`: every forecast and its status. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "report.h"

const char cmd_forecasts_usage[] =
    "usage: hindsight [--data DIR] forecasts [options]\n"
    "\n"
    "List every forecast with its probability of 'yes', deadline (stated or\n"
    "defaulted), status as of a date (yes, no, pending, void and why), Brier\n"
    "score and the outcome record that decided it.\n"
    "\n"
    "Options:\n"
    "  --as-of DATE         use only outcome records dated on or before DATE\n"
    "                       (YYYY-MM-DD; default today, UTC)\n"
    "  --horizon SPAN       deadline for forecasts that state none (default 2y)\n"
    "  --lexicon NAME|PATH  hedge table (default: default)\n"
    "  --format FORMAT      table (default), csv or json\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 success, 1 data errors (run 'hindsight check'), 2 usage error.\n";

int cmd_forecasts(int argc, char **argv, cli_options *opt)
{
    const cli_command *cmd = cli_find_command("forecasts");
    hs_lexicon lex;
    hs_dataset ds;
    hs_diags diags;
    hs_run run;
    hs_table t;
    int first = cli_parse(argc, argv, cmd, "as-of horizon format lexicon", opt);
    int status = EXIT_DATA;

    if (first == -2)
        return EXIT_OK;
    if (first < 0)
        return EXIT_USAGE;
    if (first < argc)
        return cli_usage_error(cmd, "unexpected argument '%s'", argv[first]);
    hs_lexicon_init(&lex);
    hs_dataset_init(&ds);
    hs_diags_init(&diags);
    memset(&run, 0, sizeof(run));
    hs_table_init(&t);
    if (cli_load(opt, &lex, &diags, &ds) < 0) {
        fprintf(stderr, "hindsight: not scoring: the data has errors (listed above)\n");
        goto cleanup;
    }
    if (report_run(&run, &ds, &lex, opt) < 0 || hs_report_forecasts(&t, &run) < 0) {
        fprintf(stderr, "hindsight: out of memory\n");
        goto cleanup;
    }
    if (opt->format == FORMAT_TABLE)
        report_preamble(stdout, &run, opt, NULL);
    status = cli_write_table(&t, opt->format);
    if (status == EXIT_OK && opt->format == FORMAT_TABLE)
        report_footer(stdout, &run, NULL);
cleanup:
    hs_table_release(&t);
    hs_run_release(&run);
    hs_diags_release(&diags);
    hs_dataset_release(&ds);
    hs_lexicon_release(&lex);
    return status;
}
