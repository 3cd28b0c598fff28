/* cmd_score.c - `hindsight score`: the leaderboard. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "report.h"

const char cmd_score_usage[] =
    "usage: hindsight [--data DIR] score [--by KEY] [options]\n"
    "\n"
    "Rank forecasters (or organizations, sources, questions) by mean Brier\n"
    "score over their resolved forecasts, as of a date.  Brier is (p - o)^2 on\n"
    "a 0-1 scale: 0 is perfect, 0.25 a coin flip, 1 always wrong; brier_low\n"
    "and brier_high bound its 95% bootstrap interval.  Skill is\n"
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
    "                       resampling whole questions (default 2000; 0 = none)\n"
    "  --seed S             bootstrap seed (default 1): same seed, same output\n"
    "  --reference REF      skill against 'coin' (0.25, default) or 'base-rate'\n"
    "                       (always forecasting the share of 'yes' outcomes)\n"
    "  --profile            add each group's profile columns: conditional_share,\n"
    "                       defaulted_share, hedge_rate (share of non-committal\n"
    "                       hedges, p <= 0.6) and boldness (mean |p_yes - 0.5|)\n"
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

int cmd_score(int argc, char **argv, cli_options *opt)
{
    cli_session s;
    hs_groups groups;
    hs_table t;
    int first = cli_begin(argc, argv, "score",
                          "as-of replay horizon format lexicon by min-n bootstrap seed reference profile",
                          0, 0, opt);
    hs_totals tot;
    int status, rc;

    if (first < 0)
        return -1 - first;
    memset(&groups, 0, sizeof(groups));
    hs_table_init(&t);
    /* the profile columns need every forecast; the leaderboard only the
     * aggregate, which a bulk file can be streamed into */
    if (opt->profile) {
        if ((status = cli_session_open(&s, opt)) != EXIT_OK)
            goto cleanup;
        hs_totals_of_run(&tot, &s.run);
        rc = hs_groups_compute(&groups, &s.run, opt->by, &opt->groups);
    } else {
        if ((status = cli_session_open_agg(&s, opt, opt->by)) != EXIT_OK)
            goto cleanup;
        tot = s.agg.totals;
        rc = hs_agg_groups(&s.agg, &groups, &opt->groups);
    }
    if (rc < 0 || hs_report_groups(&t, &groups) < 0 ||
        (opt->profile && add_profile_columns(&t, &s.run, &groups) < 0) ||
        hs_report_group_questions(&t, &groups, &s.ds) < 0) {
        fprintf(stderr, "hindsight: out of memory\n");
        status = EXIT_DATA;
        goto cleanup;
    }
    if (opt->format == FORMAT_TABLE)
        report_preamble_totals(stdout, &tot, &s.lex, opt, &groups);
    status = cli_write_table(&t, opt->format);
    if (status == EXIT_OK && opt->format == FORMAT_TABLE)
        report_footer_totals(stdout, &tot, &groups);
cleanup:
    hs_table_release(&t);
    hs_groups_release(&groups);
    cli_session_close(&s);
    return status;
}
