/*
 * crowd.h - the crowd: a pseudo-forecaster made of the run's own forecasts,
 * and the relative (peer) score of everyone against it (docs/scoring.md,
 * "The crowd and relative scores").
 *
 * The crowd forecasts once per unit: a question and a deadline (for a dated
 * question, the resolution date; for an event question, "by D").  Forecasts
 * on the same question with different deadlines ask different things, and
 * every scored forecast of one unit has the same outcome (docs/resolution.md).
 * Its probability is the median or the mean of the probabilities of "yes"
 * of every scored forecast in the unit, each counted once (as in every
 * group score), rounded to 9 decimals (half to even) so that it is an exact
 * hs_prob like any other probability.  The crowd's Brier score on the unit
 * is then exact too.
 *
 * A forecast's relative score is its Brier score minus the crowd's on its
 * unit (negative: better than the crowd); a group's relative_brier is their
 * mean, summed exactly as sq_sum - crowd_sq_sum over its scored forecasts.
 *
 * Memory: per scored forecast 8 bytes (its unit and probability), per
 * (forecast, group) 8 bytes (its unit and group), per unit 16 bytes plus
 * its hash slots.  Nothing else grows with the forecasts.
 *
 * Ownership: an hs_crowd owns its arrays; hs_crowd_release frees them.
 */
#ifndef HINDSIGHT_CROWD_H
#define HINDSIGHT_CROWD_H

#include <stddef.h>
#include <stdint.h>
#include "date.h"
#include "prob.h"

enum hs_crowd_kind { HS_CROWD_NONE, HS_CROWD_MEDIAN, HS_CROWD_MEAN };

/* The crowd's name in every table: parenthesised, like "(untagged)", so
 * that it never reads as a person's. */
#define HS_CROWD_NAME "(crowd)"

/* "median" or "mean" -> kind; returns 0 or -1. */
int hs_crowd_kind_parse(const char *s, enum hs_crowd_kind *out);
/* "median", "mean", or "" for HS_CROWD_NONE. */
const char *hs_crowd_kind_name(enum hs_crowd_kind k);

/*
 * The median of p[0..n), n > 0, exactly: the middle value for odd n; for
 * even n the mean of the two middle values, (a + b) / 2 in units of 1e-9
 * rounded half to even when a + b is odd (0.1 and 0.2 give 0.15; 1e-9 and
 * 2e-9 give 2e-9).  Sorts p.
 */
hs_prob hs_crowd_median(hs_prob *p, size_t n);
/* The mean of p[0..n), n > 0, in units of 1e-9 rounded half to even. */
hs_prob hs_crowd_mean(const hs_prob *p, size_t n);

/* One unit: a question and a deadline with at least one scored forecast. */
typedef struct hs_crowd_unit {
    uint32_t question;       /* index into the dataset's questions */
    int32_t deadline;        /* hs_date */
    uint32_t outcome;        /* hs_prob: 0, HS_PROB_ONE or a graded value */
    uint8_t yes, graded;     /* status yes (else no); scored against a value */
    uint32_t n;              /* scored forecasts in it (hs_crowd_finish) */
} hs_crowd_unit;

/* A (unit, value) or (unit, group) pair. */
typedef struct hs_crowd_link {
    uint32_t unit, value;
} hs_crowd_link;

typedef struct hs_crowd {
    enum hs_crowd_kind kind;
    hs_crowd_unit *units;    /* in order of first appearance */
    size_t n_units, alloc_units;
    uint32_t *slots;         /* open addressing: unit index + 1, 0 = empty */
    size_t cap_slots;
    hs_crowd_link *values;   /* per scored forecast: unit, p_yes */
    size_t n_values, alloc_values;
    hs_crowd_link *groups;   /* per (scored forecast, group): unit, group */
    size_t n_groups, alloc_groups;
    hs_prob *p;              /* hs_crowd_finish: the crowd's p_yes per unit */
    hs_sqerr *sqerr;         /* ... and its exact Brier score */
} hs_crowd;

void hs_crowd_init(hs_crowd *c, enum hs_crowd_kind kind);
void hs_crowd_release(hs_crowd *c);

/*
 * Count one scored forecast with probability of "yes" p_yes on question
 * with deadline, resolved yes or no (yes) against outcome (graded: a value
 * in [0, 1]).  *unit gets its unit, for hs_crowd_link_group.  Returns 0, or
 * -1 when out of memory or beyond 2^32 - 2 units or values.
 */
int hs_crowd_add(hs_crowd *c, size_t question, hs_date deadline, int yes, int graded,
                 hs_prob outcome, hs_prob p_yes, size_t *unit);
/* Note that a forecast of unit counts in group (once per group it is in).
 * Returns 0 or -1. */
int hs_crowd_link_group(hs_crowd *c, size_t unit, size_t group);

/* After the last hs_crowd_add: the crowd's probability (c->p) and exact
 * Brier score (c->sqerr) per unit, and each unit's count.  The values are
 * freed.  Returns 0 or -1 (out of memory). */
int hs_crowd_finish(hs_crowd *c);

#endif
