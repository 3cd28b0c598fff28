/*
 * aggregate.h - group scores built up one scored forecast at a time.  This
 * is the one place hindsight aggregates: hs_groups_compute() feeds it a
 * loaded run, hs_stream_load() (stream.h) a bulk file row by row.
 *
 * Memory grows with distinct group names and distinct (group, question)
 * pairs among scored forecasts: per group the counts and sums of hs_group,
 * per pair the sum and count of Brier scores, which is all a group's
 * interval over questions needs.  Without sums (no intervals) it keeps 4
 * bytes per scored forecast instead, for the count of distinct questions.
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

/* A (group, question) pair among scored forecasts, kept only with sums
 * (keep_sums): 8 bytes, plus 8 in the hash table, plus 16 for its sum,
 * count and chain.  Pairs are about as many as the forecasts when each
 * forecaster answers each question once. */
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
    uint32_t q_head, q_tail; /* without sums: its chunks of questions + 1 */
    uint32_t q_fill;         /* questions in its last chunk */
} hs_agg_group;

/* Without sums, a chunk holds HS_AGG_CHUNK - 1 question indices and, last,
 * the index + 1 of the group's next chunk (0 at the end). */
#define HS_AGG_CHUNK 16

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
    /* Without sums (keep_sums 0) there are no pairs: each group's scored
     * questions are listed as added (a repeat of the group's previous one
     * left out), 4 bytes a forecast, in chunks of HS_AGG_CHUNK; the
     * distinct ones are counted by hs_agg_groups(), so g.n_questions of
     * groups[] stays 0 in this mode. */
    uint32_t *chunks;
    size_t n_chunks, alloc_chunks;   /* chunks used; uint32_t allocated */
    size_t question_end;     /* 1 + the largest question index listed */
    /* With record_logs set (before adding), each scored forecast's group
     * and log score, in order, for hs_agg_merge(): the log-score sums are
     * floating point, whose sum depends on the order of adding.  Two words
     * a forecast (the group; p_yes and how the score was made, which is
     * made again from them), four for a graded outcome or a score that
     * cannot be made again that way. */
    int record_logs;
    uint32_t *logs;
    size_t n_logs, alloc_logs;
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

/*
 * Add everything from holds to a (both made without sums, keep_sums 0,
 * without a crowd or overall rows, and
 * with the same key; from with record_logs): totals, and each of from's
 * groups, in its order of first appearance, to a's group of that name,
 * then from's log scores one by one in their order.  Counts and Brier sums
 * are exact and the log scores are added in order, so aggregating the
 * forecasts of a file's two halves apart and merging the second into the
 * first gives, bit for bit, what adding them all to one aggregate gives.
 * A group new to a copies its name, or borrows from's when a borrows names
 * (from's then must outlive a).  Returns 0, or -1 when out of memory or
 * when the aggregates do not qualify.
 */
int hs_agg_merge(hs_agg *a, const hs_agg *from);

/* Add every forecast of a run, in order, to each group hs_group_each()
 * names for it (by source its primary and also_reported_by sources, by
 * tag each distinct tag of its question or "(untagged)").  Returns 0 or -1 (out of memory). */
int hs_agg_add_run(hs_agg *a, const hs_run *run);

/*
 * After the last add, before hs_agg_groups(): when the crowd is on, make
 * it (hs_crowd_finish), add it as the group HS_CROWD_NAME (one scored
 * forecast per unit, to the groups only, not to the totals) and sum each
 * group's crowd_sq_sum.  Nothing to do without a crowd.  Returns 0, -1
 * when out of memory, or 1 when a group (a forecaster, organization,
 * source, question or tag of the data) already has a name the run adds:
 * HS_CROWD_NAME with the crowd on, HS_OVERALL_POOLED or HS_OVERALL_TAGS
 * with overall set (hs_agg_name_taken() says which).
 */
int hs_agg_close(hs_agg *a);

/* The first name the run adds (HS_CROWD_NAME with the crowd on, then
 * HS_OVERALL_POOLED and HS_OVERALL_TAGS with overall set) that a group of
 * the data already has, as a static string; NULL when none is taken. */
const char *hs_agg_name_taken(const hs_agg *a);

/*
 * The groups as hs_groups_compute() describes them: means, skill against
 * opt->reference (from the totals), intervals (hs_cluster_ci over each
 * group's questions in order of first appearance: the bootstrap seeded with
 * opt->seed mixed with the group name, or the cluster-robust t interval for
 * a group on many questions), ordering and ranks.  g borrows the
 * names.  With a crowd, each group's relative_brier.  Returns 0, or -1
 * when out of memory, when intervals are asked for (opt->bootstrap > 0) of
 * an aggregate that did not keep its sums, or when the aggregate has a
 * crowd and was not closed.
 */
int hs_agg_groups(const hs_agg *a, hs_groups *g, const hs_group_options *opt);

/* Read access for the modules that fit models to the pairs (difficulty.h):
 * the number of groups and of pairs (pairs are made only when sums are
 * kept: without, there are none); pair k (0-based, in the order first
 * seen) with its group and question indices and the sum and count of its
 * Brier scores; the index of the group called
 * name (returns 0, or -1 when there is none). */
size_t hs_agg_n_groups(const hs_agg *a);
size_t hs_agg_n_pairs(const hs_agg *a);
void hs_agg_pair_at(const hs_agg *a, size_t k, size_t *group, size_t *question, double *sum,
                    size_t *count);
int hs_agg_group_index(const hs_agg *a, const char *name, size_t *gi);

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
