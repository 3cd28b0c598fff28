/*
 * score.h - scoring rules and group scores (DESIGN.md §5).
 *
 * The rules themselves (Brier, skill) live in score.c and nowhere else.
 * Probabilities and Brier scores are exact (prob.h): a forecast's Brier
 * term is an integer in units of 1e-18 and a group's sum an exact integer,
 * so every sort, tie and rank compares exact values; the doubles here
 * (brier, skill, log_score) are for printing and are made from the exact
 * values at the end (docs/scoring.md).
 * Ownership: hs_run and hs_groups own their arrays; strings in an hs_run
 * are borrowed from the hs_dataset it was computed from, and so are group
 * names from hs_groups_compute() (hs_agg_groups() lends the aggregate's).
 */
#ifndef HINDSIGHT_SCORE_H
#define HINDSIGHT_SCORE_H

#include "crowd.h"
#include "dataset.h"
#include "lexicon.h"
#include "prob.h"
#include "resolve.h"

/* The Brier score of one forecast is (p - o)^2 with p the probability of
 * "yes" and o 1 when the event happened by the deadline, else 0 (Brier
 * 1950), scale 0-1: hs_prob_sqerr() gives it exactly, in units of 1e-18,
 * and hs_sqerr_to_double() as a number. */
/* Skill against a reference score: 1 - bs / ref. */
double hs_skill(double bs, double ref);
#define HS_BRIER_COIN 0.25

typedef struct hs_scored {
    hs_resolution res;
    hs_prob p_stance;        /* confidence in the stated stance, exact */
    hs_prob p_yes;           /* probability of "yes": p_stance for stance
                                yes, HS_PROB_ONE - p_stance for no (exact) */
    hs_sqerr sqerr;          /* exact Brier score (units of 1e-18); only
                                when res.status is yes or no, else 0 */
    double brier;            /* sqerr as a number; NaN unless yes or no */
    double log_score;        /* hs_log_score(), same condition */
    const hs_hedge *hedge;   /* lexicon row used, NULL if explicit/curator */
    int fell_back;           /* the hedge came from the lexicon's fallback */
} hs_scored;

typedef struct hs_run_options {
    hs_date as_of;
    enum hs_replay replay;       /* which records count as of as_of */
    hs_horizon horizon;
    const hs_lexicon *lexicon;   /* with its fallback chain */
} hs_run_options;

/* Every forecast of a dataset that existed on the as-of date, resolved and
 * scored.  ds is the data set as of that date: the loaded one when every
 * forecast had been made by then, else a view of it (owned by the run,
 * strings borrowed from the loaded one) without the forecasts made later
 * (hs_forecast_exists); questions, sources and records keep their indices,
 * forecast_ids is empty in a view. */
typedef struct hs_run {
    const hs_dataset *ds;
    hs_dataset *view;        /* owned; NULL when ds is the loaded data set */
    hs_run_options opt;
    hs_scored *items;        /* one per ds->forecasts, same order */
    size_t n;
    const char **qdate;      /* one per forecast: its group under
                                HS_BY_QUESTION_DATE, "ID@DATE" for a dated
                                question, NULL for an event question; the
                                array is NULL when no forecast is on a dated
                                question (hs_run_question_dates) */
    char **qdate_names;      /* the distinct names qdate points at, owned */
    size_t n_qdate_names;
} hs_run;

/* Resolve and score one forecast as of what know says (know from
 * hs_knowledge_compute()).  hedge is the lexicon row of f's hedge when
 * f->basis is lexicon (ignored otherwise), fell_back whether it came from
 * the lexicon's fallback table.  Fills *s. */
void hs_score_forecast(const hs_forecast *f, const hs_hedge *hedge, int fell_back,
                       const hs_knowledge *know, hs_horizon horizon, hs_scored *s);

/* Resolve and score every forecast made on or before opt->as_of.  The dataset must have loaded without
 * errors against opt->lexicon.  Returns 0, or -1 when out of memory or when
 * a hedge is missing from the lexicon (the data was not checked with it). */
int hs_run_compute(hs_run *run, const hs_dataset *ds, const hs_run_options *opt);
void hs_run_release(hs_run *run);

/* Fill run->qdate (hs_run_compute does): the (question, date) group of each
 * of the run->n forecasts of run->ds on a dated question, its deadline
 * stated or made + run->opt.horizon, as hs_resolve() takes it.  Needs only
 * ds, n and opt (not the items).  Returns 0 or -1 (out of memory). */
int hs_run_question_dates(hs_run *run);

/* The group name of a dated question's forecasts resolving on date under
 * HS_BY_QUESTION_DATE: "ID@YYYY-MM-DD" (a new string, NULL when out of
 * memory).  Event questions keep their id as the name. */
char *hs_question_date_name(const char *id, hs_date date);
/* The question (index into ds->questions) and date of a group name under
 * HS_BY_QUESTION_DATE (or HS_BY_QUESTION): a question id of ds (returns 0,
 * *date untouched), or the id of a dated question, '@' and a date (returns
 * 1); -1 when name is neither.  An id is tried whole before it is split at
 * its last '@'. */
int hs_question_date_split(const hs_dataset *ds, const char *name, size_t *question,
                           hs_date *date);

enum hs_group_key { HS_BY_FORECASTER, HS_BY_ORGANIZATION, HS_BY_SOURCE, HS_BY_QUESTION,
                    HS_BY_TAG, HS_BY_QUESTION_DATE };
/* The group of forecasts whose question has no tags, under HS_BY_TAG. */
#define HS_UNTAGGED "(untagged)"
/* Parse "forecaster", "organization" (or "organisation"), "source",
 * "question", "tag", "question-date".  Returns 0 or -1. */
int hs_group_key_parse(const char *s, enum hs_group_key *out);
/* The key as --by takes it ("question-date"), and as a column of a table
 * names it ("question_date"; the others are the same). */
const char *hs_group_key_name(enum hs_group_key k);
const char *hs_group_key_column(enum hs_group_key k);
/*
 * The groups forecast i belongs to under a grouping, the one rule every
 * command groups by: call fn(ctx, name) once for each distinct name.
 * Forecaster, organization, question: one name.  Source: the primary
 * source and each other source reporting the same statement.  Tag: each
 * distinct tag of its question, or HS_UNTAGGED when it has none.  Question
 * and date: run->qdate's name for a forecast on a dated question (its
 * question and resolution date), the question id for an event question.
 * Names are borrowed from the run or its dataset (or static).  Returns 0, or the first
 * non-zero value fn returned (the walk stops there).
 */
int hs_group_each(const hs_run *run, size_t i, enum hs_group_key key,
                  int (*fn)(void *ctx, const char *name), void *ctx);
/* The first of those names (for HS_BY_SOURCE the primary source). */
const char *hs_group_name_of(const hs_run *run, size_t i, enum hs_group_key key);

/* What skill is measured against. */
enum hs_reference {
    HS_REF_COIN,             /* 0.25, a coin flip on every question */
    HS_REF_BASE_RATE         /* obar (1 - obar), always forecasting the run's
                                base rate obar of "yes" among scored forecasts */
};

typedef struct hs_group_options {
    size_t min_n;            /* rank only groups with >= min_n scored */
    size_t bootstrap;        /* replicates for intervals; 0 = no intervals */
    unsigned long seed;      /* bootstrap seed (mixed with each group name) */
    double level;            /* interval level, e.g. 0.95 */
    enum hs_reference reference;
    enum hs_crowd_kind crowd;  /* add the crowd (crowd.h) as a group of its own,
                                  and each group's relative_brier */
    int overall;               /* append the overall rows (hs_agg_overall):
                                  pooled, and each question tag weighted
                                  equally */
} hs_group_options;

/* Fill in the defaults: min_n 1, 2000 replicates, seed 1, 95 %, coin, no
 * crowd, no overall rows. */
void hs_group_options_init(hs_group_options *o);

/* Why a group has no interval. */
enum hs_ci_state { HS_CI_OK, HS_CI_OFF, HS_CI_FEW_QUESTIONS };

typedef struct hs_group {
    const char *name;
    size_t n_forecasts, n_scored, n_pending, n_void;
    size_t n_defaulted;      /* forecasts whose deadline was defaulted */
    size_t n_questions;      /* distinct questions among the scored */
    hs_sqsum sq_sum;         /* exact sum of the scored forecasts' Brier
                                scores (units of 1e-18) */
    double brier;            /* sq_sum / n_scored as a number; NaN when none */
    double skill;            /* 1 - brier / reference; NaN when undefined */
    double log_score;        /* mean log score over scored; NaN when none */
    enum hs_ci_state ci_state;
    double ci_low, ci_high;  /* interval of brier when HS_CI_OK */
    int ci_analytic;         /* 1: the cluster-robust t interval (the group
                                rests on HS_CI_ANALYTIC_MIN_QUESTIONS or more
                                questions), 0: the question bootstrap */
    size_t rank;             /* 1-based among ranked groups, 0 = unranked */
    hs_sqsum crowd_sq_sum;   /* with a crowd: exact sum of the crowd's Brier
                                scores on the units of the scored forecasts */
    double relative_brier;   /* (sq_sum - crowd_sq_sum) / n_scored: mean Brier
                                minus the crowd's on the same units (negative =
                                better than the crowd); NaN when no crowd or
                                none scored */
    int is_crowd;            /* this group is the crowd (HS_CROWD_NAME) */
} hs_group;

typedef struct hs_groups {
    enum hs_group_key key;
    enum hs_crowd_kind crowd;  /* the crowd's kind, HS_CROWD_NONE when off */
    hs_group_options opt;
    double reference;        /* the Brier score skill is measured against */
    hs_group *items;
    size_t n, alloc;
    const char *name_taken;  /* when hs_groups_compute() returned 1: the
                                name a group of the data already had
                                (hs_agg_name_taken), static */
} hs_groups;

/* Counts over every forecast of a run, each counted once. */
typedef struct hs_totals {
    size_t n;                /* forecasts */
    size_t n_status[4];      /* by enum hs_status */
    size_t n_stated;         /* deadlines stated (the others defaulted) */
    size_t n_by_curator;     /* ... of which the curator set */
    size_t n_fell_back;      /* hedges taken from the lexicon's fallback */
    size_t n_graded;         /* scored against a graded outcome in [0, 1] */
    size_t n_no_binary;      /* resolved "no", not graded */
    uint64_t outcome_sum;    /* sum of scored outcomes, units of 1e-9 (graded too) */
} hs_totals;

/* Count one scored forecast in t. */
void hs_totals_add(hs_totals *t, const hs_scored *s);
/* The totals of a whole run. */
void hs_totals_of_run(hs_totals *t, const hs_run *run);
/* The Brier score of the reference opt asks for, given the totals: 0.25, or
 * obar (1 - obar) with obar the mean outcome among scored forecasts (the
 * share of "yes" when none is graded; NaN when none is scored). */
double hs_reference_score(enum hs_reference ref, const hs_totals *t);

/*
 * Group a run's forecasts (through hs_agg, aggregate.h).  Each forecast counts once in each group it
 * belongs to (hs_group_each): by source in its primary source and every
 * source in also_reported_by, by tag in each tag of its question.  Groups
 * are ordered by mean Brier (best first), then by name, equal scores
 * sharing a rank (competition ranking 1, 2, 2, 4); means are compared
 * exactly (hs_mean_cmp on sq_sum / n_scored), so means equal on paper share
 * a rank; groups with fewer than opt->min_n
 * scored forecasts (or none) come after, unranked.  Each group's interval
 * resamples its questions (hs_bootstrap_mean_ci) with a seed mixed from
 * opt->seed and the group's name, so output is reproducible.
 * With opt->crowd, the crowd is one more group, ranked like any other, and
 * every group has its relative_brier (crowd.h).  With opt->overall, the
 * two overall rows of hs_agg_overall() come last.
 * Returns 0, -1 when out of memory, or 1 when a group already has the name
 * of the crowd (asked for) or of an overall row (asked for): g is then
 * empty but for g->name_taken, that name.
 */
int hs_groups_compute(hs_groups *g, const hs_run *run, enum hs_group_key key,
                      const hs_group_options *opt);
void hs_groups_release(hs_groups *g);

#endif
