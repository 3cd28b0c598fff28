/*
 * analysis.h - the analyses built on a scored run (DESIGN.md sections 4
 * and 5): pairwise comparison, expert profiles and sensitivity to the hedge
 * table and the default horizon.
 *
 * Ownership: result structs own their arrays and are freed with their
 * _release; strings in them are borrowed from the run's dataset.
 */
#ifndef HINDSIGHT_ANALYSIS_H
#define HINDSIGHT_ANALYSIS_H

#include "score.h"
#include "stats.h"

/* Does forecast i belong to the group called name? */
int hs_group_has(const hs_run *run, size_t i, enum hs_group_key key, const char *name);

/* ---- comparison ---- */

typedef struct hs_compare_row {
    const char *question;    /* question id */
    double a, b;             /* each side's mean Brier on it */
    size_t n_a, n_b;         /* forecasts behind each mean */
} hs_compare_row;

typedef struct hs_comparison {
    hs_compare_row *rows;    /* questions both sides scored, in data order */
    size_t n;
    double mean_a, mean_b;   /* mean over those questions of the per-question means */
    double diff;             /* mean_a - mean_b: below 0 means A did better */
    int ci_state;            /* enum hs_ci_state */
    double diff_low, diff_high;  /* paired question-bootstrap interval */
    size_t a_forecasts, b_forecasts;  /* how many forecasts each side has at all */
} hs_comparison;

/* Compare groups a and b on the questions both have scored forecasts on.
 * Returns 0, or -1 when out of memory. */
int hs_compare(hs_comparison *c, const hs_run *run, enum hs_group_key key, const char *a,
               const char *b, const hs_group_options *opt);
void hs_comparison_release(hs_comparison *c);

/* ---- profile ---- */

/* A hedge is non-committal when the probability it gives the stance is at
 * most this: "could", "may", "might" leave the event about as likely not to
 * happen as to happen.  A forecast given as p_yes (no stance) is
 * non-committal when both p_yes and 1 - p_yes are at most this. */
#define HS_NONCOMMITTAL_MAX (HS_PROB_ONE * 6 / 10)

typedef struct hs_profile {
    size_t n, n_scored, n_pending, n_void;
    size_t n_conditional, n_defaulted, n_noncommittal;
    double boldness;         /* mean |p_yes - 0.5| over all forecasts */
    double brier;            /* mean over scored; NaN when none */
    size_t *forecasts;       /* indices, data order, owned */
} hs_profile;

/* Profile of the group called name.  Returns 0, or -1 when out of memory;
 * p->n == 0 when no forecast belongs to it. */
int hs_profile_compute(hs_profile *p, const hs_run *run, enum hs_group_key key,
                       const char *name);
void hs_profile_release(hs_profile *p);

/* ---- sensitivity ---- */

/* One way of scoring: a hedge table and a default horizon. */
typedef struct hs_scenario {
    char label[64];              /* "default", "lexicon kent-1964", "horizon 5y" */
    const hs_lexicon *lexicon;
    hs_horizon horizon;
    size_t n_fallback;           /* forecasts whose hedge the table lacks: the
                                    default table's value was used */
} hs_scenario;

typedef struct hs_sensitivity {
    enum hs_group_key key;
    hs_scenario *scenarios;      /* [0] is the default; owned */
    size_t n_scenarios;
    const char **groups;         /* group names, by default-scenario rank; owned
                                    array of owned copies */
    size_t n_groups;
    double *brier;               /* n_groups x n_scenarios, NaN when none scored */
    hs_sqsum *sq_sum;            /* n_groups x n_scenarios: the exact sums
                                    behind brier (units of 1e-18) */
    size_t *n_scored;            /* n_groups x n_scenarios: their counts */
    double *min, *max;           /* per group: its lowest and highest brier
                                    over the scenarios (chosen by exact
                                    comparison), NaN when none scored */
    double *tau;                 /* per scenario: Kendall's tau-b of its group
                                    Brier scores against the default's, on
                                    the exact means (equal means are ties) */
} hs_sensitivity;

/*
 * Re-score ds under each table in lexicons (with the default horizon) and
 * under each horizon in horizons (with the default table), as of as_of.
 * Hedges a table lacks come from its fallback (set it to the default
 * table) and are counted.
 * Returns 0, or -1 when out of memory.
 */
int hs_sensitivity_compute(hs_sensitivity *s, const hs_dataset *ds, enum hs_group_key key,
                           hs_date as_of, enum hs_replay replay,
                           const hs_lexicon *default_lexicon,
                           hs_horizon default_horizon, const hs_lexicon *const *lexicons,
                           size_t n_lexicons, const hs_horizon *horizons, size_t n_horizons);
void hs_sensitivity_release(hs_sensitivity *s);

#endif
