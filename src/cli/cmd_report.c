/* cmd_report.c - `hindsight report`: the static HTML report. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char cmd_report_usage[] =
    "usage: hindsight [--data DIR] report --out DIR [options]\n"
    "\n"
    "Write the scores as a static web site a newsroom can publish as it is:\n"
    "index.html with the settings and the leaderboards by forecaster and by\n"
    "organization (mean Brier as a dot, its 95% interval as a bar, scored,\n"
    "pending and void beside every row), a page per forecaster, organization\n"
    "and question (every quote, its source, hedge and probability, deadline,\n"
    "status, Brier score and the outcome record that resolved it), a\n"
    "calibration page and a sensitivity page.  Inline CSS and SVG only: no\n"
    "scripts, nothing fetched from anywhere; only http(s) sources are linked.\n"
    "\n"
    "DIR is replaced as a whole: the pages are written to a new directory\n"
    "beside it and DIR, a symbolic link hindsight keeps, is switched to it in\n"
    "one step; on any error DIR is as it was.  DIR may be new or an empty\n"
    "directory.  The same data and options give the same bytes.\n"
    "\n"
    "Options:\n"
    "  --out DIR            the report's directory\n"
    CLI_HELP_AS_OF_REPLAY
    "  --horizon SPAN       deadline for forecasts that state none (default 2y)\n"
    "  --lexicon NAME|PATH  hedge table (default: default)\n"
    "  --min-n N            rank only groups with at least N scored forecasts\n"
    "  --bootstrap N        replicates for the intervals of each mean Brier\n"
    "                       (default 2000; 0 = none); a group on 30 or more\n"
    "                       questions gets the cluster-robust t interval instead\n"
    "  --seed S             bootstrap seed (default 1)\n"
    "  --reference REF      skill against 'coin' (default) or 'base-rate'\n"
    "  --bins K             calibration bins (default 5, 2-100)\n"
    "  --page-rows N        rows per page of long lists (default 500, 1-100000);\n"
    "                       a page also ends before it would pass 2 MB\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 success, 1 data errors or DIR not writable, 2 usage error.\n";

int cli_write_site(const cli_session *s, const cli_options *opt, const char *dir,
                   hs_site_stats *stats, int publish, hs_diags *diags)
{
    hs_lexicon *tables = NULL;
    const hs_lexicon **table_ptrs = NULL;
    size_t n_tables = 0, n_all = 0, i;
    hs_site_options so;
    int rc = -1;

    memset(&so, 0, sizeof(so));
    so.groups = opt->groups;
    so.bins = opt->bins;
    so.page_rows = opt->page_rows;
    if (cli_load_tables(opt, &s->lex, &tables, &n_all, &table_ptrs, &n_tables, diags) < 0) {
        if (!diags->n)
            hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "out of memory");
        goto cleanup;
    }
    so.lexicons = table_ptrs;
    so.n_lexicons = n_tables;
    rc = publish ? hs_site_publish(&s->run, &so, dir, stats, diags)
                 : hs_site_write(&s->run, &so, dir, stats, diags);
cleanup:
    for (i = 0; i < n_all; i++)
        hs_lexicon_release(&tables[i]);
    hs_free(tables);
    hs_free((void *)table_ptrs);
    return rc;
}

int cmd_report(int argc, char **argv, cli_options *opt)
{
    cli_session s;
    hs_diags out_diags;
    hs_site_stats stats;
    char date[HS_DATE_TEXT_SIZE];
    int first, status;

    opt->bins = 5;   /* as `hindsight calibration` */
    first = cli_begin(argc, argv, "report",
                      "as-of replay horizon lexicon min-n bootstrap seed reference bins page-rows out", 0, 0, opt);

    if (first < 0)
        return -1 - first;
    if (!opt->out_dir || !opt->out_dir[0])
        return cli_usage_error(cli_find_command("report"), "say where to write with --out DIR");
    cli_test_hooks();
    hs_diags_init(&out_diags);
    if ((status = cli_session_open(&s, opt)) != EXIT_OK) {
        fprintf(stderr, "hindsight: no report was written; '%s' is unchanged\n", opt->out_dir);
        goto cleanup;
    }
    status = EXIT_DATA;
    if (cli_write_site(&s, opt, opt->out_dir, &stats, 1, &out_diags) < 0) {
        hs_diags_sort(&out_diags);
        cli_print_diags(&out_diags);
        fprintf(stderr, "hindsight: no report was written; '%s' is unchanged\n", opt->out_dir);
        goto cleanup;
    }
    cli_print_diags(&out_diags);   /* warnings: an old copy left behind */
    hs_date_format(s.run.opt.as_of, date);
    printf("report: %zu pages for %zu forecasts as of %s; open %s/index.html\n", stats.pages,
           s.run.n, date, opt->out_dir);
    status = EXIT_OK;   /* main() checks that the output was written */
cleanup:
    hs_diags_release(&out_diags);
    cli_session_close(&s);
    return status;
}
