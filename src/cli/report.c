/* report.c - preamble and footer of the text reports. */
#include <math.h>

#include "report.h"

int report_run(hs_run *run, const hs_dataset *ds, const hs_lexicon *lex,
               const cli_options *opt)
{
    hs_run_options ro;

    memset(&ro, 0, sizeof(ro));
    ro.as_of = opt->as_of;
    ro.replay = opt->replay;
    ro.horizon = opt->horizon;
    ro.lexicon = lex;
    return hs_run_compute(run, ds, &ro);
}

void report_preamble_totals(FILE *out, const hs_totals *tot, const hs_lexicon *lex,
                            const cli_options *opt, const hs_groups *g)
{
    char date[HS_DATE_TEXT_SIZE], horizon[32];
    size_t fell_back = tot->n_fell_back;

    hs_date_format(opt->as_of, date);
    hs_horizon_format(opt->horizon, horizon, sizeof(horizon));
    if (g) {
        fprintf(out, "Mean Brier score by %s as of %s (0 = perfect, 0.25 = coin flip, 1 = always wrong)\n",
                hs_group_key_name(g->key), date);
        if (g->opt.reference == HS_REF_COIN)
            fprintf(out, "skill = 1 - brier/0.25 (coin flip); ");
        else if (isnan(g->reference))   /* nothing scored: no base rate, never "nan" or 0 */
            fprintf(out, "skill = 1 - brier/base rate of 'yes' (none yet: nothing scored); ");
        else
            fprintf(out, "skill = 1 - brier/%.4f (base rate of 'yes'); ", g->reference);
    } else {
        fprintf(out, "As of %s (p_yes = probability given to 'yes'; brier = (p_yes - outcome)^2)\n",
                date);
    }
    /* a table that was not loaded: none was there and no forecast needed one */
    fprintf(out, "lexicon: %s", lex && !lex->name ? "none" : cli_esc(opt->lexicon));
    if (fell_back)
        fprintf(out, " (%zu forecast%s' hedges not in it took the default table's value)", fell_back,
                fell_back == 1 ? "" : "s");
    fprintf(out, "; default horizon for unstated deadlines: %s", horizon);
    if (opt->replay == HS_REPLAY_KNOWN)
        fprintf(out, "; replay: known (only records recorded by %s)", date);
    if (g && g->opt.min_n > 1)
        fprintf(out, "; ranked when at least %zu scored", g->opt.min_n);
    fputs("\n\n", out);
}

void report_footer_totals(FILE *out, const hs_totals *tot, const hs_groups *g)
{
    const size_t *n = tot->n_status;

    /* graded outcomes (between 0 and 1) only when there are some */
    if (tot->n_graded)
        fprintf(out, "\n%zu forecasts: %zu scored (%zu yes, %zu no, %zu against a value between 0 and 1), %zu pending, %zu void; deadlines: %zu stated",
                tot->n, n[HS_YES] + n[HS_NO],
                n[HS_YES] + n[HS_NO] - tot->n_graded - tot->n_no_binary, tot->n_no_binary,
                tot->n_graded, n[HS_PENDING], n[HS_VOID], tot->n_stated - tot->n_by_curator);
    else
        fprintf(out, "\n%zu forecasts: %zu scored (%zu yes, %zu no), %zu pending, %zu void; deadlines: %zu stated",
                tot->n, n[HS_YES] + n[HS_NO], n[HS_YES], n[HS_NO], n[HS_PENDING], n[HS_VOID],
                tot->n_stated - tot->n_by_curator);
    /* the curator's count only when there is one, so that data without
     * curator-set deadlines keeps its familiar line */
    if (tot->n_by_curator)
        fprintf(out, ", %zu set by the curator", tot->n_by_curator);
    fprintf(out, ", %zu defaulted\n", tot->n - tot->n_stated);
    if (g && g->opt.bootstrap) {
        size_t i, analytic = 0;

        for (i = 0; i < g->n; i++)
            analytic += g->items[i].ci_state == HS_CI_OK && g->items[i].ci_analytic;
        fprintf(out, "brier_low..brier_high: %.0f%% bootstrap interval resampling questions (%zu replicates, seed %lu); none when a group rests on fewer than 2 questions",
                g->opt.level * 100, g->opt.bootstrap, g->opt.seed);
        /* said only when it happened, so small data keeps its line */
        if (analytic)
            fprintf(out, "; for groups on %d or more questions (%zu here) the cluster-robust t interval over questions instead",
                    HS_CI_ANALYTIC_MIN_QUESTIONS, analytic);
        fputc('\n', out);
    }
}

void report_preamble(FILE *out, const hs_run *run, const cli_options *opt, const hs_groups *g)
{
    hs_totals t;

    hs_totals_of_run(&t, run);
    report_preamble_totals(out, &t, run->opt.lexicon, opt, g);
}

void report_footer(FILE *out, const hs_run *run, const hs_groups *g)
{
    hs_totals t;

    hs_totals_of_run(&t, run);
    report_footer_totals(out, &t, g);
}
