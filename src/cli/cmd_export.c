/* cmd_export.c - `hindsight export`: files for spreadsheets. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

const char cmd_export_usage[] =
    "usage: hindsight [--data DIR] export --out DIR [--excel] [options]\n"
    "\n"
    "Write the scores as files any spreadsheet opens: forecasters.csv,\n"
    "organizations.csv, forecasts.csv (one row per forecast: quote, source,\n"
    "probability and its basis, deadline, status, outcome, Brier score and the\n"
    "evidence that resolved it), questions.csv, and scores.json with the same\n"
    "tables and the settings used.  Columns are listed in hindsight(1); new ones\n"
    "are only ever added at the end.\n"
    "\n"
    "Each file goes to a temporary file in DIR, is synced to disk and renamed\n"
    "into place: on any error nothing in DIR changes, and other files in DIR are\n"
    "never touched.  Text that a spreadsheet would run as a formula (starting\n"
    "with =, +, -, @, a tab or a carriage return) is written with a leading '\n"
    "so that it stays text; numbers stay numbers.\n"
    "\n"
    "Options:\n"
    "  --out DIR            directory to write to (created if missing)\n"
    "  --excel              UTF-8 byte-order mark and CRLF line ends, so Excel\n"
    "                       opens the files without an import wizard\n"
    "  --as-of DATE         use only outcome records dated on or before DATE\n"
    "                       (YYYY-MM-DD; default today, UTC)\n"
    "  --horizon SPAN       deadline for forecasts that state none (default 2y)\n"
    "  --lexicon NAME|PATH  hedge table (default: default)\n"
    "  --min-n N            rank only groups with at least N scored forecasts\n"
    "  --bootstrap N        replicates for the intervals of each mean Brier\n"
    "                       (default 2000; 0 = none)\n"
    "  --seed S             bootstrap seed (default 1)\n"
    "  --reference REF      skill against 'coin' (default) or 'base-rate'\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 success, 1 data errors or DIR not writable, 2 usage error.\n";

int cmd_export(int argc, char **argv, cli_options *opt)
{
    cli_session s;
    hs_export ex;
    hs_diags out_diags;
    struct stat st;
    int first = cli_begin(argc, argv, "export",
                          "as-of horizon lexicon min-n bootstrap seed reference out excel", 0, 0, opt);
    int status, created = 0;

    if (first < 0)
        return -1 - first;
    if (!opt->out_dir || !opt->out_dir[0])
        return cli_usage_error(cli_find_command("export"), "say where to write with --out DIR");
    cli_test_hooks();
    hs_export_init(&ex);
    hs_diags_init(&out_diags);
    if ((status = cli_session_open(&s, opt)) != EXIT_OK) {
        fprintf(stderr, "hindsight: nothing was exported; '%s' is unchanged\n", cli_esc(opt->out_dir));
        goto cleanup;
    }
    status = EXIT_DATA;
    if (hs_export_build(&ex, &s.run, &opt->groups) < 0) {
        fprintf(stderr, "hindsight: out of memory\n");
        goto cleanup;
    }
    if (stat(opt->out_dir, &st) < 0 && errno == ENOENT) {
        if (mkdir(opt->out_dir, 0777) < 0) {
            fprintf(stderr, "hindsight: %s: cannot create the directory: %s\n", cli_esc(opt->out_dir),
                    strerror(errno));
            goto cleanup;
        }
        created = 1;
    }
    if (hs_export_write(&ex, opt->out_dir, opt->excel, &out_diags) < 0) {
        cli_print_diags(&out_diags);
        fprintf(stderr, "hindsight: nothing was exported; '%s' is unchanged\n", cli_esc(opt->out_dir));
        if (created)
            rmdir(opt->out_dir);
        goto cleanup;
    }
    cli_print_diags(&out_diags);   /* warnings */
    printf("exported %zu forecasts, %zu forecasters, %zu organizations and %zu questions as of %s to %s/%s\n",
           ex.forecasts.n_rows, ex.forecasters.n_rows, ex.organizations.n_rows,
           ex.questions.n_rows, ex.as_of, cli_esc(opt->out_dir), opt->excel ? " (for Excel)" : "");
    status = EXIT_OK;   /* main() checks that the output was written */
cleanup:
    hs_export_release(&ex);
    hs_diags_release(&out_diags);
    cli_session_close(&s);
    return status;
}
