/* cmd_sensitivity.c - `hindsight sensitivity`: would the ranking change if
 * "could" meant 0.3 instead of 0.4, or deadlines defaulted to 5 years? */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "report.h"

const char cmd_sensitivity_usage[] =
    "usage: hindsight [--data DIR] sensitivity [--by KEY] [options]\n"
    "\n"
    "Re-score under every hedge table in DATA/lexicons/ and under default\n"
    "horizons of 1, 2, 3 and 5 years.  For each forecaster (or organization)\n"
    "the mean Brier under each scenario and its range; for each scenario,\n"
    "Kendall's tau-b of its ranking against the default (1 = same order);\n"
    "and for each scored forecast, the Brier range its hedge's plausible\n"
    "probability range allows.  A hedge a table does not list keeps the default\n"
    "table's value; each scenario says how many did.\n"
    "\n"
    "Options:\n"
    "  --by KEY             forecaster (default), organization, source, question,\n"
    "                       question-date (by resolution date) or tag\n"
    CLI_HELP_AS_OF_REPLAY
    "  --horizon SPAN       the default scenario's horizon (default 2y)\n"
    "  --lexicon NAME|PATH  the default scenario's hedge table (default: default)\n"
    "  --format FORMAT      table (default), csv or json (the group table)\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 success, 1 data errors, 2 usage error.\n";

static int group_table(hs_table *t, const hs_sensitivity *s)
{
    size_t g, k;

    hs_table_column(t, hs_group_key_column(s->key), 0);
    for (k = 0; k < s->n_scenarios; k++)
        hs_table_column(t, s->scenarios[k].label, 4);
    hs_table_column(t, "min", 4);
    hs_table_column(t, "max", 4);
    hs_table_column(t, "range", 4);
    for (g = 0; g < s->n_groups; g++) {
        hs_table_row(t);
        hs_table_text(t, 0, s->groups[g]);
        for (k = 0; k < s->n_scenarios; k++)
            hs_table_real(t, k + 1, s->brier[g * s->n_scenarios + k]);
        hs_table_real(t, s->n_scenarios + 1, s->min[g]);
        hs_table_real(t, s->n_scenarios + 2, s->max[g]);
        hs_table_real(t, s->n_scenarios + 3, s->max[g] - s->min[g]);
    }
    return t->oom ? -1 : 0;
}

static int scenario_table(hs_table *t, const hs_sensitivity *s)
{
    size_t k;

    hs_table_column(t, "scenario", 0);
    hs_table_column(t, "kendall_tau", 3);
    hs_table_column(t, "hedges_from_default", 0);
    for (k = 0; k < s->n_scenarios; k++) {
        hs_table_row(t);
        hs_table_text(t, 0, s->scenarios[k].label);
        hs_table_real(t, 1, s->tau[k]);
        hs_table_int(t, 2, (long long)s->scenarios[k].n_fallback);
    }
    return t->oom ? -1 : 0;
}

/* Brier range over each scored forecast's plausible probabilities: its
 * hedge's range in the table that gave its value (the run's table, or the
 * default table for a hedge the run's table lacks); an explicit or curator
 * probability is a point.  Brier is monotone in p for a fixed outcome, so
 * the ends of the range give its extremes.  *n_points counts the points. */
static int forecast_table(hs_table *t, const hs_run *run, size_t *n_points)
{
    static const char *const names[] = {"id", "hedge", "p_low", "p_high", "brier",
                                        "brier_min", "brier_max", "basis", "table"};
    size_t i, c;

    *n_points = 0;
    for (c = 0; c < 9; c++)
        hs_table_column(t, names[c], c < 2 || c > 6 ? 0 : c < 4 ? 3 : 4);
    for (i = 0; i < run->n; i++) {
        const hs_scored *s = &run->items[i];
        const hs_forecast *f = &run->ds->forecasts[i];
        const hs_lexicon *from = NULL;
        hs_prob lo = s->p_yes, hi = s->p_yes;
        hs_sqerr b1, b2;
        int yes = s->res.status == HS_YES;

        if ((s->res.status != HS_YES && s->res.status != HS_NO) || s->res.graded)
            continue;
        if (s->hedge) {
            lo = f->stance_yes ? s->hedge->low : HS_PROB_ONE - s->hedge->high;
            hi = f->stance_yes ? s->hedge->high : HS_PROB_ONE - s->hedge->low;
            from = hs_lexicon_owner(run->opt.lexicon, s->hedge);
        } else {
            ++*n_points;
        }
        b1 = hs_prob_sqerr(lo, yes);
        b2 = hs_prob_sqerr(hi, yes);
        hs_table_row(t);
        hs_table_text(t, 0, f->id);
        hs_table_text(t, 1, f->hedge);
        hs_table_real(t, 2, hs_prob_to_double(lo));
        hs_table_real(t, 3, hs_prob_to_double(hi));
        hs_table_real(t, 4, s->brier);
        hs_table_real(t, 5, hs_sqerr_to_double(b1 < b2 ? b1 : b2));
        hs_table_real(t, 6, hs_sqerr_to_double(b1 < b2 ? b2 : b1));
        hs_table_text(t, 7, hs_basis_name(f->basis));
        if (from)
            hs_table_text(t, 8, from->name);
    }
    return t->oom ? -1 : 0;
}

int cmd_sensitivity(int argc, char **argv, cli_options *opt)
{
    static const hs_horizon horizons[] = {{1, 'y'}, {2, 'y'}, {3, 'y'}, {5, 'y'}};
    hs_lexicon *tables = NULL;
    const hs_lexicon **table_ptrs = NULL;
    size_t n_tables = 0, n_all = 0, i, n_points = 0;
    cli_session s;
    hs_sensitivity sens;
    hs_table groups, scenarios, forecasts;
    int status;
    int first = cli_begin(argc, argv, "sensitivity", "as-of replay horizon format lexicon by", 0, 0, opt);

    if (first < 0)
        return -1 - first;
    memset(&sens, 0, sizeof(sens));
    hs_table_init(&groups);
    hs_table_init(&scenarios);
    hs_table_init(&forecasts);
    if ((status = cli_session_open(&s, opt)) != EXIT_OK)
        goto cleanup;
    status = EXIT_DATA;
    hs_diags_release(&s.diags);   /* printed already; collect the tables' own */
    if (cli_load_tables(opt, &s.lex, &tables, &n_all, &table_ptrs, &n_tables, &s.diags) < 0) {
        hs_diags_sort(&s.diags);
        cli_print_diags(&s.diags);
        for (i = 0; i < s.diags.n && s.diags.items[i].severity != HS_SEV_ERROR; i++)
            ;
        if (i < s.diags.n)
            fprintf(stderr, "hindsight: not scoring: a hedge table has errors (listed above)\n");
        else
            fprintf(stderr, "hindsight: out of memory\n");
        goto cleanup;
    }
    if (hs_sensitivity_compute(&sens, &s.ds, opt->by, opt->as_of, opt->replay, &s.lex, opt->horizon,
                               table_ptrs, n_tables, horizons, 4) < 0 ||
        group_table(&groups, &sens) < 0 || scenario_table(&scenarios, &sens) < 0 ||
        forecast_table(&forecasts, &s.run, &n_points) < 0) {
        fprintf(stderr, "hindsight: out of memory\n");
        goto cleanup;
    }
    if (opt->format != FORMAT_TABLE) {
        status = cli_write_table(&groups, opt->format);
        goto cleanup;
    }
    report_preamble(stdout, &s.run, opt, NULL);
    printf("Mean Brier by %s under each scenario:\n\n", hs_group_key_name(opt->by));
    hs_table_write_text(&groups, stdout);
    printf("\nRanking agreement with the default (Kendall's tau-b over groups scored in both):\n\n");
    hs_table_write_text(&scenarios, stdout);
    printf("\nBrier range each scored forecast's probability allows:\n"
           "hedge ranges from table '%s'", s.lex.name);
    if (s.lex.fallback)
        printf(" (from '%s' for a hedge '%s' lacks)", s.lex.fallback->name, s.lex.name);
    printf(";\nan explicit or curator probability is a point (p_low = p_high)\n\n");
    status = cli_write_table(&forecasts, opt->format);
    if (status == EXIT_OK) {
        printf("\n%zu scored forecast%s: %zu with a hedge range, %zu with an explicit or curator probability\n",
               forecasts.n_rows, forecasts.n_rows == 1 ? "" : "s", forecasts.n_rows - n_points,
               n_points);   /* main() checks that the output was written */
    }
cleanup:
    hs_table_release(&forecasts);
    hs_table_release(&scenarios);
    hs_table_release(&groups);
    hs_sensitivity_release(&sens);
    for (i = 0; i < n_all; i++)
        hs_lexicon_release(&tables[i]);
    hs_free(tables);
    hs_free((void *)table_ptrs);
    cli_session_close(&s);
    return status;
}
