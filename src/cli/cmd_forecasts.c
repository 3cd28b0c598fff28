/* cmd_forecasts.c - `hindsight forecasts`: every forecast and its status. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "report.h"

const char cmd_forecasts_usage[] =
    "usage: hindsight [--data DIR] forecasts [options]\n"
    "\n"
    "List every forecast with its probability of 'yes', deadline (stated by\n"
    "the speaker, set by the curator, or defaulted), status as of a date (yes,\n"
    "no, pending, void and why), Brier score and the outcome record that\n"
    "decided it.\n"
    "\n"
    "Options:\n"
    CLI_HELP_AS_OF_REPLAY
    "  --horizon SPAN       deadline for forecasts that state none (default 2y)\n"
    "  --lexicon NAME|PATH  hedge table (default: default)\n"
    "  --format FORMAT      table (default), csv or json\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 success, 1 data errors (run 'hindsight check'), 2 usage error.\n";

int cmd_forecasts(int argc, char **argv, cli_options *opt)
{
    cli_session s;
    hs_table t;
    int first = cli_begin(argc, argv, "forecasts", "as-of replay horizon format lexicon", 0, 0, opt);
    int status;

    if (first < 0)
        return -1 - first;
    hs_table_init(&t);
    if ((status = cli_session_open(&s, opt)) != EXIT_OK)
        goto cleanup;
    if (hs_report_forecasts(&t, &s.run) < 0) {
        fprintf(stderr, "hindsight: out of memory\n");
        status = EXIT_DATA;
        goto cleanup;
    }
    if (opt->format == FORMAT_TABLE)
        report_preamble(stdout, &s.run, opt, NULL);
    status = cli_write_table(&t, opt->format);
    if (status == EXIT_OK && opt->format == FORMAT_TABLE)
        report_footer(stdout, &s.run, NULL);
cleanup:
    hs_table_release(&t);
    cli_session_close(&s);
    return status;
}
