/* cmd_calibration.c - `hindsight calibration`: are 70 % forecasts right 70 % of the time? */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "report.h"

const char cmd_calibration_usage[] =
    "usage: hindsight [--data DIR] calibration [--by KEY] [--bins K] [options]\n"
    "\n"
    "Calibration of the scored forecasts (all together, or per group with --by):\n"
    "forecasts binned by their probability of 'yes', each bin's share of 'yes'\n"
    "outcomes with a Wilson 95% interval, a text chart, the decomposition of\n"
    "Stephenson, Coelho and Jolliffe (2008)\n"
    "  brier = reliability - resolution + uncertainty + within-bin variance\n"
    "          - within-bin covariance\n"
    "which adds up exactly, and discrimination: mean p when the event happened\n"
    "and when it did not, and the AUC.\n"
    "\n"
    "Options:\n"
    "  --by KEY             forecaster, organization, source, question,\n"
    "                       question-date (by resolution date) or tag\n"
    "                       (a forecast counts once in each tag of its\n"
    "                       question; questions without tags form '(untagged)')\n"
    "  --bins K             equal-width bins over [0, 1] (default 5, 2-100)\n"
    CLI_HELP_AS_OF_REPLAY
    "  --horizon SPAN       deadline for forecasts that state none (default 2y)\n"
    "  --lexicon NAME|PATH  hedge table (default: default)\n"
    "  --format FORMAT      table (default), csv or json\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 success, 1 data errors, 2 usage error.\n";

enum {
    C_GROUP, C_BIN_LOW, C_BIN_HIGH, C_N, C_MEAN_P, C_OBSERVED, C_OBS_LOW, C_OBS_HIGH,
    C_GROUP_N, C_BRIER, C_REL, C_RES, C_UNC, C_WBV, C_WBC, C_P_YES, C_P_NO, C_AUC, C_COUNT
};

static const struct { const char *name; int precision; } columns[C_COUNT] = {
    {"group", 0}, {"bin_low", 2}, {"bin_high", 2}, {"n", 0}, {"mean_p", 3},
    {"observed", 3}, {"observed_low", 3}, {"observed_high", 3}, {"group_n", 0},
    {"brier", 4}, {"reliability", 4}, {"resolution", 4}, {"uncertainty", 4},
    {"within_bin_variance", 4}, {"within_bin_covariance", 4}, {"mean_p_when_yes", 3},
    {"mean_p_when_no", 3}, {"auc", 3}};

/* One chart line: the bin's observed share (o) and its interval (-) on a
 * 0-1 track, against the bin's mean forecast (|) where a calibrated
 * forecaster's o would sit. */
static void chart_line(FILE *out, const hs_calib_bin *b)
{
    char track[42];
    int i, lo = (int)lround(b->obs_low * 40), hi = (int)lround(b->obs_high * 40);

    memset(track, ' ', 41);
    track[41] = '\0';
    for (i = lo; i <= hi; i++)
        track[i] = '-';
    track[lround(b->mean_p * 40)] = '|';
    track[lround(b->observed * 40)] = 'o';
    fprintf(out, "  %.2f-%.2f  n=%-4zu [%s]\n", b->lo, b->hi, b->n, track);
}

static void print_text(FILE *out, const char *name, const hs_calibration *c, hs_table *bins)
{
    size_t k;

    /* a group without a name: forecasts that give no organization (or source) */
    fprintf(out, "%s: %zu scored forecast%s\n", name[0] ? cli_esc(name) : HS_TEXT_NO_NAME, c->n,
            c->n == 1 ? "" : "s");
    if (c->n == 0) {
        fputs("  nothing scored yet\n\n", out);
        return;
    }
    hs_table_write_text(bins, out);
    fputs("\n  chart: o = observed share of 'yes', - = its 95% interval, | = mean forecast\n", out);
    fputs("               0        0.25      0.5       0.75       1\n", out);
    for (k = 0; k < c->n_bins; k++)
        if (c->bins[k].n)
            chart_line(out, &c->bins[k]);
    fprintf(out, "\n  brier %.4f = reliability %.4f - resolution %.4f + uncertainty %.4f\n"
                 "                + within-bin variance %.4f - within-bin covariance %.4f\n",
            c->brier, c->rel, c->res, c->unc, c->wbv, c->wbc);
    fprintf(out, "  discrimination: mean p when yes ");
    fprintf(out, isnan(c->mean_p_yes) ? "-" : "%.3f", c->mean_p_yes);
    fprintf(out, ", when no ");
    fprintf(out, isnan(c->mean_p_no) ? "-" : "%.3f", c->mean_p_no);
    fprintf(out, "; AUC ");
    fprintf(out, isnan(c->auc) ? "- (needs both outcomes)" : "%.3f", c->auc);
    fputs("\n\n", out);
}

/* Calibrate the scored forecasts of one group (name NULL: all of them) and
 * add its rows to all; print the text form when asked. */
static int calibrate(const hs_run *run, const cli_options *opt, int by_group,
                     const char *name, hs_table *all)
{
    hs_prob *p = hs_calloc(run->n + 1, sizeof(*p));
    int *o = hs_calloc(run->n + 1, sizeof(int));
    hs_calibration c;
    hs_table bins;
    size_t i, k, n = 0, col, n_graded = 0;
    int ret = -1;

    memset(&c, 0, sizeof(c));
    hs_table_init(&bins);
    if (!p || !o)
        goto cleanup;
    for (i = 0; i < run->n; i++) {
        const hs_scored *s = &run->items[i];

        if ((s->res.status != HS_YES && s->res.status != HS_NO) ||
            (by_group && !hs_group_has(run, i, opt->by, name)))
            continue;
        if (s->res.graded) {   /* no yes/no to bin or rank: left out */
            n_graded++;
            continue;
        }
        p[n] = s->p_yes;
        o[n++] = s->res.status == HS_YES;
    }
    if (hs_calibration_compute(&c, p, o, n, opt->bins) < 0)
        goto cleanup;
    for (col = C_BIN_LOW; col <= C_OBS_HIGH; col++)
        hs_table_column(&bins, columns[col].name, columns[col].precision);
    for (k = 0; k < c.n_bins; k++) {
        const hs_calib_bin *b = &c.bins[k];
        double row[C_COUNT];

        row[C_BIN_LOW] = b->lo;
        row[C_BIN_HIGH] = b->hi;
        row[C_MEAN_P] = b->mean_p;
        row[C_OBSERVED] = b->observed;
        row[C_OBS_LOW] = b->obs_low;
        row[C_OBS_HIGH] = b->obs_high;
        row[C_BRIER] = c.brier, row[C_REL] = c.rel, row[C_RES] = c.res, row[C_UNC] = c.unc;
        row[C_WBV] = c.wbv, row[C_WBC] = c.wbc, row[C_P_YES] = c.mean_p_yes;
        row[C_P_NO] = c.mean_p_no, row[C_AUC] = c.auc;
        hs_table_row(&bins);
        hs_table_row(all);
        hs_table_text(all, C_GROUP, name ? name : "all");
        for (col = C_BIN_LOW; col < C_COUNT; col++) {
            if (col == C_N || col == C_GROUP_N) {
                hs_table_int(all, col, (long long)(col == C_N ? b->n : c.n));
            } else {
                hs_table_real(all, col, row[col]);
            }
            if (col <= C_OBS_HIGH) {
                if (col == C_N)
                    hs_table_int(&bins, col - 1, (long long)b->n);
                else
                    hs_table_real(&bins, col - 1, row[col]);
            }
        }
    }
    if (bins.oom || all->oom)
        goto cleanup;
    if (opt->format == FORMAT_TABLE) {
        print_text(stdout, name ? name : "all forecasts", &c, &bins);
        if (n_graded)
            printf("%zu scored forecast%s against an outcome between 0 and 1 (a dated question's value) left out: calibration and AUC need yes or no\n\n",
                   n_graded, n_graded == 1 ? "" : "s");
    }
    ret = 0;
cleanup:
    hs_table_release(&bins);
    hs_calibration_release(&c);
    hs_free(p);
    hs_free(o);
    return ret;
}

int cmd_calibration(int argc, char **argv, cli_options *opt)
{
    cli_session s;
    hs_groups groups;
    hs_table all;
    int by_group = 0, status, first, i;
    size_t g, col;

    for (i = 1; i < argc; i++)
        if (strcmp(argv[i], "--by") == 0 || strncmp(argv[i], "--by=", 5) == 0)
            by_group = 1;
    opt->bins = 5;
    first = cli_begin(argc, argv, "calibration", "as-of replay horizon format lexicon by bins", 0, 0, opt);
    if (first < 0)
        return -1 - first;
    memset(&groups, 0, sizeof(groups));
    hs_table_init(&all);
    if ((status = cli_session_open(&s, opt)) != EXIT_OK)
        goto cleanup;
    status = EXIT_DATA;
    opt->groups.bootstrap = 0;
    if (by_group && hs_groups_compute(&groups, &s.run, opt->by, &opt->groups) < 0)
        goto oom;
    for (col = 0; col < C_COUNT; col++)
        hs_table_column(&all, columns[col].name, columns[col].precision);
    if (opt->format == FORMAT_TABLE)
        report_preamble(stdout, &s.run, opt, NULL);
    if (!by_group) {
        if (calibrate(&s.run, opt, 0, NULL, &all) < 0)
            goto oom;
    } else {
        for (g = 0; g < groups.n; g++)
            if (calibrate(&s.run, opt, 1, groups.items[g].name, &all) < 0)
                goto oom;
    }
    status = opt->format == FORMAT_TABLE ? EXIT_OK : cli_write_table(&all, opt->format);
    goto cleanup;
oom:
    fprintf(stderr, "hindsight: out of memory\n");
cleanup:
    hs_table_release(&all);
    hs_groups_release(&groups);
    cli_session_close(&s);
    return status;
}
