/* cmd_score.c - `hindsight score`: the leaderboard. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"

const char cmd_score_usage[] =
    "usage: hindsight [--data DIR] score [--by KEY] [options]\n"
    "\n"
    "Rank forecasters (or organizations, sources, questions) by mean Brier\n"
    "score over their resolved forecasts, as of a date.  Brier is (p - o)^2 on\n"
    "a 0-1 scale: 0 is perfect, 0.25 a coin flip, 1 always wrong; brier_low\n"
    "and brier_high bound its 95% interval over questions.  Skill is\n"
    "1 - brier / reference (above 0 beats the reference).  log_score is the mean\n"
    "of -ln(p given to what happened), p clipped to [0.001, 0.999].  Pending and\n"
    "void forecasts are counted beside every score.\n"
    "\n"
    "Options:\n"
    "  --by KEY             forecaster (default), organization, source, question,\n"
    "                       question-date (a dated question's forecasts by\n"
    "                       resolution date, as ID@DATE) or tag (a forecast\n"
    "                       counts once in each tag of its question; questions\n"
    "                       without tags form '(untagged)'); by question and\n"
    "                       question-date a title column follows\n"
    CLI_HELP_AS_OF_REPLAY
    "  --horizon SPAN       deadline for forecasts that state none: made date +\n"
    "                       SPAN, such as 2y (default), 18m or 730d\n"
    "  --lexicon NAME|PATH  hedge table turning words into probabilities\n"
    "                       (default: default)\n"
    "  --min-n N            rank only groups with at least N scored forecasts\n"
    "                       (default 1); the others are listed unranked\n"
    "  --bootstrap N        replicates for the 95% intervals of each mean Brier,\n"
    "                       resampling whole questions (default 2000; 0 = none);\n"
    "                       a group on 30 or more questions gets the\n"
    "                       cluster-robust t interval instead (no resampling)\n"
    "  --seed S             bootstrap seed (default 1): same seed, same output\n"
    "  --reference REF      skill against 'coin' (0.25, default) or 'base-rate'\n"
    "                       (always forecasting the share of 'yes' outcomes)\n"
    "  --crowd median|mean  add the crowd, '(crowd)': on each question and\n"
    "                       deadline the median (or mean) p_yes of the scored\n"
    "                       forecasts, scored like a forecaster; and each\n"
    "                       group's relative_brier, its mean Brier minus the\n"
    "                       crowd's on the same question and deadline\n"
    "                       (negative = better than the crowd)\n"
    "  --overall            add two unranked rows: '(all: pooled)', every\n"
    "                       forecast once, and '(all: tags equal)', the mean of\n"
    "                       the question tags' means (as 'score --by tag'),\n"
    "                       each tag weighing the same\n"
    "  --profile            add each group's profile columns: conditional_share,\n"
    "                       defaulted_share, hedge_rate (share of non-committal\n"
    "                       hedges, p <= 0.6) and boldness (mean |p_yes - 0.5|)\n"
    "  --adjust difficulty  add adjusted_brier, adjusted_se and component: each\n"
    "                       group's Brier score on an average question, from a\n"
    "                       least-squares fit brier = group + question effect\n"
    "                       over its mean score on each question (--by\n"
    "                       forecaster or organization only); groups compare\n"
    "                       only within one component (linked by shared\n"
    "                       questions); adjusted_se is left empty in a component\n"
    "                       with over 1000 groups or questions, whichever the\n"
    "                       data has fewer of\n"
    "  --format FORMAT      table (default), csv or json\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 success, 1 data errors (run 'hindsight check'), 2 usage error.\n";

/* Append the profile columns of every group to t (same row order). */
static int add_profile_columns(hs_table *t, const hs_run *run, const hs_groups *g)
{
    size_t i, base = t->n_cols;

    if (hs_table_column(t, "conditional_share", 3) < 0 ||
        hs_table_column(t, "defaulted_share", 3) < 0 ||
        hs_table_column(t, "hedge_rate", 3) < 0 || hs_table_column(t, "boldness", 3) < 0)
        return -1;
    /* columns added after the rows: widen every row in place */
    for (i = 0; i < g->n; i++) {
        hs_profile p;
        double n;

        if (hs_profile_compute(&p, run, g->key, g->items[i].name) < 0)
            return -1;
        n = (double)p.n;
        hs_table_set_real(t, i, base, p.n ? (double)p.n_conditional / n : NAN);
        hs_table_set_real(t, i, base + 1, p.n ? (double)p.n_defaulted / n : NAN);
        hs_table_set_real(t, i, base + 2, p.n ? (double)p.n_noncommittal / n : NAN);
        hs_table_set_real(t, i, base + 3, p.boldness);
        hs_profile_release(&p);
    }
    return t->oom ? -1 : 0;
}

/* Append adjusted_brier, adjusted_se and component (1-based) to t, the
 * fit's group i being the aggregate's group i. */
static int add_adjusted_columns(hs_table *t, const hs_agg *agg, const hs_groups *g,
                                const hs_fe *fit)
{
    size_t i, gi, base = t->n_cols;

    if (hs_table_column(t, "adjusted_brier", 4) < 0 ||
        hs_table_column(t, "adjusted_se", 4) < 0 || hs_table_column(t, "component", 0) < 0)
        return -1;
    for (i = 0; i < g->n; i++) {
        if (hs_agg_group_index(agg, g->items[i].name, &gi) < 0 || gi >= fit->n_forecasters ||
            fit->component[gi] == HS_NONE)
            continue;   /* nothing scored: no row in the fit */
        hs_table_set_real(t, i, base, fit->adjusted[gi]);
        hs_table_set_real(t, i, base + 1, fit->se[gi]);
        hs_table_set_int(t, i, base + 2, (long long)fit->component[gi] + 1);
    }
    return t->oom ? -1 : 0;
}

/* What the text table's adjusted columns mean, after its footer. */
static void adjusted_footer(FILE *out, const hs_fe *fit, enum hs_group_key key,
                            const hs_fe_options *fe_opt)
{
    const char *who = hs_group_key_name(key);
    size_t c, n_large = 0;

    fprintf(out, "adjusted_brier: the %s's Brier score on its component's average question, from a least-squares fit brier = %s + question effect over %zu (%s, question) mean scores; ",
            who, who, fit->n_rows, who);
    if (fit->df)
        fprintf(out, "adjusted_se: its standard error (residual variance %.6g on %zu degrees of freedom)\n",
                fit->sigma2, fit->df);
    else
        fprintf(out, "adjusted_se: none, the fit is exact (no residual degrees of freedom)\n");
    if (fit->n_components > 1)
        fprintf(out, "component: %ss linked through shared questions (%zu components, the one with the most %ss first); adjusted_brier compares %ss within one component only\n",
                who, fit->n_components, who, who);
    for (c = 0; c < fit->n_components; c++)
        n_large += !fit->components[c].dense;
    if (n_large)
        fprintf(out, "adjusted_se: not computed in %zu component%s with more than %zu %ss (solved iteratively)\n",
                n_large, n_large == 1 ? "" : "s", fe_opt->dense_max,
                fit->reduced_to_forecasters ? who : "question");
}

/* The fit's options; HINDSIGHT_TEST_FE=DENSE,ITER (hindsight(1),
 * ENVIRONMENT) lowers its limits so tests reach both solvers' notes. */
static void fe_options(hs_fe_options *o)
{
    const char *v = getenv("HINDSIGHT_TEST_FE");
    unsigned long dense, iter;

    hs_fe_options_init(o);
    if (v && sscanf(v, "%lu,%lu", &dense, &iter) == 2) {
        o->dense_max = dense;
        o->max_iter = iter;
    }
}

int cmd_score(int argc, char **argv, cli_options *opt)
{
    cli_session s;
    hs_groups groups;
    hs_table t;
    hs_agg run_agg;   /* --profile --adjust: the run's pairs */
    const hs_agg *agg;
    hs_fe fit;
    hs_fe_options fe_opt;
    int first = cli_begin(argc, argv, "score",
                          "as-of replay horizon format lexicon by min-n bootstrap seed reference crowd overall profile adjust",
                          0, 0, opt);
    hs_totals tot;
    int status, rc;

    if (first < 0)
        return -1 - first;
    memset(&fit, 0, sizeof(fit));
    if (opt->adjust_difficulty && opt->by != HS_BY_FORECASTER && opt->by != HS_BY_ORGANIZATION)
        return cli_usage_error(cli_find_command("score"),
                               "--adjust difficulty needs --by forecaster or organization, not '%s' (a fit of group and question effects)",
                               hs_group_key_name(opt->by));
    memset(&groups, 0, sizeof(groups));
    hs_agg_init(&run_agg, opt->by, 1);
    run_agg.keep_sums = 1;
    hs_table_init(&t);
    /* the profile columns need every forecast; the leaderboard only the
     * aggregate, which a bulk file can be streamed into */
    if (opt->profile) {
        if ((status = cli_session_open(&s, opt)) != EXIT_OK)
            goto cleanup;
        hs_totals_of_run(&tot, &s.run);
        rc = hs_groups_compute(&groups, &s.run, opt->by, &opt->groups);
        /* the fit takes the crowd as one more forecaster, as the
         * leaderboard does (docs/scoring.md) */
        run_agg.crowd.kind = opt->groups.crowd;
        if (rc == 0 && opt->adjust_difficulty)
            rc = hs_agg_add_run(&run_agg, &s.run) < 0 || hs_agg_close(&run_agg) < 0 ? -1 : 0;
        agg = &run_agg;
    } else {
        if ((status = cli_session_open_agg(&s, opt, opt->by)) != EXIT_OK)
            goto cleanup;
        tot = s.agg.totals;
        if ((rc = hs_agg_close(&s.agg)) == 0)
            rc = hs_agg_groups(&s.agg, &groups, &opt->groups) < 0 ||
                 (opt->groups.overall && hs_agg_overall(&s.agg, &s.ds, &opt->groups, &groups) < 0)
                 ? -1 : 0;
        agg = &s.agg;
    }
    if (rc == 1) {
        cli_name_taken(opt->by, opt->profile ? groups.name_taken : hs_agg_name_taken(&s.agg));
        status = EXIT_DATA;
        goto cleanup;
    }
    if (rc == 0 && opt->adjust_difficulty) {
        fe_options(&fe_opt);
        rc = hs_fe_of_agg(&fit, agg, &fe_opt);
    }
    if (rc < 0 || hs_report_groups(&t, &groups) < 0 ||
        (opt->profile && add_profile_columns(&t, &s.run, &groups) < 0) ||
        (opt->adjust_difficulty && add_adjusted_columns(&t, agg, &groups, &fit) < 0) ||
        hs_report_group_questions(&t, &groups, &s.ds) < 0) {
        fprintf(stderr, "hindsight: out of memory\n");
        status = EXIT_DATA;
        goto cleanup;
    }
    if (opt->format == FORMAT_TABLE)
        report_preamble_totals(stdout, &tot, &s.lex, opt, &groups);
    status = cli_write_table(&t, opt->format);
    if (status == EXIT_OK && opt->format == FORMAT_TABLE) {
        report_footer_totals(stdout, &tot, &groups);
        if (opt->adjust_difficulty)
            adjusted_footer(stdout, &fit, opt->by, &fe_opt);
    }
    if (opt->adjust_difficulty && !fit.converged && fit.n_rows)
        fprintf(stderr, "hindsight: warning: the difficulty fit stopped after %zu iteration%s before converging; adjusted_brier is approximate\n",
                fit.iterations, fit.iterations == 1 ? "" : "s");
cleanup:
    hs_fe_release(&fit);
    hs_agg_release(&run_agg);
    hs_table_release(&t);
    hs_groups_release(&groups);
    cli_session_close(&s);
    return status;
}
