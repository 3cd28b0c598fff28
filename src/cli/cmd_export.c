/* cmd_export.c - `hindsight export`: files for spreadsheets. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cli.h"

const char cmd_export_usage[] =
    "usage: hindsight [--data DIR] export --out DIR [--excel] [options]\n"
    "\n"
    "Write the scores as files any spreadsheet opens: forecasters.csv,\n"
    "organizations.csv, forecasts.csv (one row per forecast: quote, source,\n"
    "probability and its basis, deadline, status, outcome, Brier score and the\n"
    "evidence that resolved it), questions.csv, tags.csv (the leaderboard by\n"
    "question tag), and scores.json with the same tables and the settings used.\n"
    "Columns are listed in hindsight(1); new ones are only ever added at the end.\n"
    "\n"
    "The six files are replaced as one set: each is written to a temporary\n"
    "file in DIR and synced, and only then are they renamed into place, while\n"
    "DIR is locked (a second export waits for the first).  On an error,\n"
    "Ctrl-C or SIGTERM nothing in DIR changes and no temporary file stays; the\n"
    "next export removes what a killed one left.  Other files in DIR are never\n"
    "touched, and nothing is written through a link planted in DIR.  A DIR\n"
    "others can write to is warned about.\n"
    "\n"
    "Text that a spreadsheet would run as a formula (starting with =, +, -, @,\n"
    "a tab or a carriage return) is written with a leading ' so that it stays\n"
    "text; numbers stay numbers.\n"
    "\n"
    "Options:\n"
    "  --out DIR            directory to write to (created if missing)\n"
    "  --excel              UTF-8 byte-order mark and CRLF line ends, so Excel\n"
    "                       opens the files without an import wizard\n"
    CLI_HELP_AS_OF_REPLAY
    "  --horizon SPAN       deadline for forecasts that state none (default 2y)\n"
    "  --lexicon NAME|PATH  hedge table (default: default)\n"
    "  --min-n N            rank only groups with at least N scored forecasts\n"
    "  --bootstrap N        replicates for the intervals of each mean Brier\n"
    "                       (default 2000; 0 = none); a group on 30 or more\n"
    "                       questions gets the cluster-robust t interval instead\n"
    "  --seed S             bootstrap seed (default 1)\n"
    "  --reference REF      skill against 'coin' (default) or 'base-rate'\n"
    "  --crowd median|mean  add the crowd, '(crowd)', to the leaderboards and a\n"
    "                       relative_brier column (as 'hindsight score --crowd')\n"
    "  --overall            add the rows '(all: pooled)' and '(all: tags equal)'\n"
    "                       to the leaderboards (as 'hindsight score --overall')\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 success, 1 data errors or DIR not writable, 2 usage error,\n"
    "75 another export kept DIR locked for 60 seconds (nothing was changed).\n";

/* How long an export waits for another one writing to the same DIR
 * (HINDSIGHT_TEST_LOCK_WAIT_MS shortens it for the tests). */
#define LOCK_WAIT_MS 60000

static unsigned lock_wait_ms(void)
{
    const char *v = getenv("HINDSIGHT_TEST_LOCK_WAIT_MS");

    return v && *v ? (unsigned)strtoul(v, NULL, 10) : LOCK_WAIT_MS;
}

int cmd_export(int argc, char **argv, cli_options *opt)
{
    cli_session s;
    hs_export ex;
    hs_diags out_diags;
    hs_outdir out;
    int first = cli_begin(argc, argv, "export",
                          "as-of replay horizon lexicon min-n bootstrap seed reference crowd overall out excel", 0, 0, opt);
    int status, rc, tries;

    if (first < 0)
        return -1 - first;
    if (!opt->out_dir || !opt->out_dir[0])
        return cli_usage_error(cli_find_command("export"), "say where to write with --out DIR");
    cli_test_hooks();
    cli_catch_signals();
    hs_export_init(&ex);
    hs_diags_init(&out_diags);
    hs_outdir_init(&out);
    if ((status = cli_session_open(&s, opt)) != EXIT_OK) {
        fprintf(stderr, "hindsight: nothing was exported; '%s' is unchanged\n", cli_esc(opt->out_dir));
        goto cleanup;
    }
    status = EXIT_DATA;
    if ((rc = hs_export_build(&ex, &s.run, &opt->groups)) != 0) {
        if (rc == 1)
            cli_name_taken(ex.taken_by, ex.name_taken);
        else
            fprintf(stderr, "hindsight: out of memory\n");
        fprintf(stderr, "hindsight: nothing was exported; '%s' is unchanged\n", cli_esc(opt->out_dir));
        goto cleanup;
    }
    /* another export may make DIR at the same moment, or remove it when it
     * fails after making it: open it again when it went while we waited */
    for (tries = 0;; tries++) {
        struct stat st;

        if (hs_outdir_open(&out, opt->out_dir, 1, &out_diags) < 0)
            goto failed;
        rc = hs_outdir_lock(&out, NULL, lock_wait_ms(), &out_diags);
        if (rc < 0)
            goto failed;
        if (rc == 1) {
            cli_print_diags(&out_diags);
            if (!hs_af_interrupted())
                fprintf(stderr, "hindsight: another export is writing to '%s' (it holds a lock on the directory); waited %g s, nothing was exported: try again later\n",
                        cli_esc(opt->out_dir), lock_wait_ms() / 1000.0);
            status = EXIT_TEMPFAIL;
            goto cleanup;
        }
        if (fstat(out.fd, &st) == 0 && st.st_nlink > 0)
            break;
        if (tries == 3)
            goto failed;
        hs_outdir_release(&out, 0);
    }
    hs_checkpoint("locked");
    if (hs_export_write(&ex, &out, opt->excel, &out_diags) < 0)
        goto failed;
    cli_print_diags(&out_diags);   /* warnings */
    printf("exported %zu forecasts, %zu forecasters, %zu organizations and %zu questions as of %s to %s/%s\n",
           ex.forecasts.n_rows, ex.forecasters.n_rows, ex.organizations.n_rows,
           ex.questions.n_rows, ex.as_of, cli_esc(opt->out_dir), opt->excel ? " (for Excel)" : "");
    status = EXIT_OK;   /* main() checks that the output was written */
    goto cleanup;
failed:
    cli_print_diags(&out_diags);
    fprintf(stderr, "hindsight: nothing was exported; '%s' is unchanged\n", cli_esc(opt->out_dir));
cleanup:
    hs_outdir_release(&out, status != EXIT_OK);
    hs_export_release(&ex);
    hs_diags_release(&out_diags);
    cli_session_close(&s);
    cli_reraise_signal();
    return status;
}
