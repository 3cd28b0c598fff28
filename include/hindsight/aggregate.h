/*
 * aggregate.h - group scores built up one scored forecast at a time.  This
 * is the one place hindsight aggregates: hs_groups_compute() feeds it a
 * loaded run, hs_stream_load() (stream.h) a bulk file row by row.
 *
 * Memory grows with distinct group names and distinct (group, question)
 * pairs among scored forecasts, never with the number of forecasts: per
 * group the counts and sums of hs_group, per pair the sum and count of
 * Brier scores, which is all a group's interval over questions needs.
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
#include "score.h"
#include "strmap.h"

/* A (group, question) pair among scored forecasts: 8 bytes, plus 8 in
 * the hash table, plus 16 for its sum, count and chain when sums are kept.
 * Pairs are about as many as the forecasts when each forecaster answers
 * each question once. */
typedef struct hs_agg_pair {
    uint32_t group, question;/* question: an index into the dataset's */
} hs_agg_pair;

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
 * The groups as hs_groups_compute() describes them: means, skill against
 * opt->reference (from the totals), intervals (hs_cluster_ci over each
 * group's questions in order of first appearance: the bootstrap seeded with
 * opt->seed mixed with the group name, or the cluster-robust t interval for
 * a group on many questions), ordering and ranks.  g borrows the
 * names.  Returns 0, or -1 when out of memory or when intervals are asked
 * for (opt->bootstrap > 0) of an aggregate that did not keep its sums.
 */
int hs_agg_groups(const hs_agg *a, hs_groups *g, const hs_group_options *opt);

/* Read access for the modules that fit models to the pairs (difficulty.h):
 * the number of groups and of pairs; pair k (0-based, in the order first
 * seen) with its group and question indices and, when sums are kept (else
 * 0), the sum and count of its Brier scores; the index of the group called
 * name (returns 0, or -1 when there is none). */
size_t hs_agg_n_groups(const hs_agg *a);
size_t hs_agg_n_pairs(const hs_agg *a);
void hs_agg_pair_at(const hs_agg *a, size_t k, size_t *group, size_t *question, double *sum,
                    size_t *count);
int hs_agg_group_index(const hs_agg *a, const char *name, size_t *gi);

#endif
