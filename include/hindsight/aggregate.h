/*
 * aggregate.h - group scores built up one scored forecast at a time.  This
 * is the one place hindsight aggregates: hs_groups_compute() feeds it a
 * loaded run, hs_stream_load() (stream.h) a bulk file row by row.
 *
 * Memory grows with distinct group names and distinct (group, question)
 * pairs among scored forecasts, never with the number of forecasts: per
 * group the counts and sums of hs_group, per pair the sum and count of
 * Brier scores, which is all the question-resampling bootstrap needs.
 *
 * Ownership: the aggregate copies (interns) every group name it is given,
 * or, when made with borrow_names, keeps the caller's pointers (which must
 * outlive it).  hs_groups made by hs_agg_groups() borrow the names the
 * aggregate holds.  Results do not depend on how the forecasts
 * reach the aggregate, only on their order: sums are taken in that order,
 * so a run and a stream of the same data give byte-identical reports.
 */
#ifndef HINDSIGHT_AGGREGATE_H
#define HINDSIGHT_AGGREGATE_H

#include <stddef.h>
#include <stdint.h>
#include "crowd.h"
#include "score.h"
#include "strmap.h"

/* A (group, question) pair among scored forecasts: 8 bytes, plus 8 in
 * the hash table, plus 16 for its sum, count and chain when sums are kept.
 * Pairs are about as many as the forecasts when each forecaster answers
 * each question once. */
typedef struct hs_agg_pair {
    uint32_t group, question;/* question: an index into the dataset's */
} hs_agg_pair;

/* Per question, when the aggregate follows the overall rows: its scored
 * forecasts' sums (about 60 bytes a question). */
typedef struct hs_agg_question {
    hs_sqsum sq_sum;         /* exact sum of Brier scores (units of 1e-18) */
    hs_sqsum crowd_sq_sum;   /* the crowd's on the same units (hs_agg_close) */
    double brier_sum, log_sum;
    size_t n_scored;
} hs_agg_question;

typedef struct hs_agg_group {
    hs_group g;              /* counts and sums; g.name owned unless borrowed */
    uint32_t first_pair, last_pair; /* its pairs + 1 in order of appearance */
} hs_agg_group;

typedef struct hs_agg {
    enum hs_group_key key;
    int borrow_names;        /* names are the caller's, not copies */
    hs_totals totals;        /* every forecast added, once each */
    hs_agg_group *groups;
    size_t n_groups, alloc_groups;
    hs_strmap name_index;    /* name -> group */
    int keep_sums;           /* 1 (hs_agg_init's default): keep each pair's
                                sum, count and order, which intervals need;
                                set to 0 before adding for counts only */
    hs_agg_pair *pairs;
    size_t n_pairs, alloc_pairs;
    double *pair_sum;        /* Brier scores of the pair's scored forecasts */
    uint32_t *pair_count;
    uint32_t *pair_next;     /* the group's next pair + 1, 0 at the end */
    size_t alloc_sum, alloc_count, alloc_next;
    uint32_t *slots;         /* open addressing: pair index + 1, 0 = empty */
    size_t cap_slots;
    hs_crowd crowd;          /* kind HS_CROWD_NONE (hs_agg_init's default):
                                no crowd; set crowd.kind before adding to
                                follow every scored forecast's unit */
    int closed;              /* hs_agg_close() was called */
    int overall;             /* 0 (hs_agg_init's default); set to 1 before
                                adding for hs_agg_overall() */
    hs_agg_question *questions;  /* indexed by question */
    size_t n_questions, alloc_questions;
} hs_agg;

void hs_agg_init(hs_agg *a, enum hs_group_key key, int borrow_names);
void hs_agg_release(hs_agg *a);

/*
 * Add one scored forecast: once to the totals, and to each of the n_names
 * groups named (a forecast reported by several sources belongs to each;
 * every other grouping gives one name).  question is the forecast's
 * question index (pairs are only made for scored forecasts).  Returns 0, or
 * -1 when out of memory (the aggregate is then unchanged or only partly
 * added to; release it).
 */
int hs_agg_add(hs_agg *a, const char *const *names, size_t n_names, size_t question,
               const hs_scored *s);

/* Add every forecast of a run, in order, to each group hs_group_each()
 * names for it (by source its primary and also_reported_by sources, by
 * tag each distinct tag of its question or "(untagged)").  Returns 0 or -1 (out of memory). */
int hs_agg_add_run(hs_agg *a, const hs_run *run);

/*
 * After the last add, before hs_agg_groups(): when the crowd is on, make
 * it (hs_crowd_finish), add it as the group HS_CROWD_NAME (one scored
 * forecast per unit, to the groups only, not to the totals) and sum each
 * group's crowd_sq_sum.  Nothing to do without a crowd.  Returns 0, -1
 * when out of memory, or 1 when a group is already called HS_CROWD_NAME
 * (a forecaster, organization, source, question or tag of the data).
 */
int hs_agg_close(hs_agg *a);

/*
 * The groups as hs_groups_compute() describes them: means, skill against
 * opt->reference (from the totals), intervals (hs_bootstrap_cluster_ci over
 * each group's questions in order of first appearance, seeded with
 * opt->seed mixed with the group name), ordering and ranks.  g borrows the
 * names.  With a crowd, each group's relative_brier.  Returns 0, or -1
 * when out of memory, when intervals are asked for (opt->bootstrap > 0) of
 * an aggregate that did not keep its sums, or when the aggregate has a
 * crowd and was not closed.
 */
int hs_agg_groups(const hs_agg *a, hs_groups *g, const hs_group_options *opt);

/* Names of the two overall rows (hs_agg_overall). */
#define HS_OVERALL_POOLED "(all: pooled)"
#define HS_OVERALL_TAGS "(all: tags equal)"

/*
 * Append the two overall rows to g (made by hs_agg_groups from a, which
 * must have been filled with overall set and closed), unranked:
 * HS_OVERALL_POOLED, every forecast once (counts from the totals; mean
 * Brier, log score and relative_brier over every scored forecast; its
 * interval resampling all questions, seeded with opt->seed mixed with its
 * name), and HS_OVERALL_TAGS, the same counts with the mean Brier, log
 * score and relative_brier of each question tag (as 'score --by tag': a
 * forecast counts in each distinct tag of its question, a question without
 * tags in HS_UNTAGGED) averaged with equal weight over the tags that have
 * a scored forecast; no interval.  ds gives the questions' tags (the data
 * set the forecasts were linked to).  Returns 0 or -1 (out of memory).
 */
int hs_agg_overall(const hs_agg *a, const hs_dataset *ds, const hs_group_options *opt,
                   hs_groups *g);

#endif
