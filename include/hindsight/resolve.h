/*
 * resolve.h - what each forecast's status is as of a date T.
 *
 * The rules are written down once for users in docs/resolution.md (one
 * table, in precedence order) and implemented once, in the same order, in
 * src/resolve.c.  In short, for a forecast on question Q, made M, deadline
 * D, conditional on C when it has a condition:
 *
 *   made after T (M > T)                -> not in the replay at all
 *   1 Q annulled                        -> void (annulled)
 *   2 C annulled                        -> void (annulled)
 *   3 C occurred after D, or C not
 *     occurred as of A >= D             -> void (condition-not-met)
 *   4 C not yet known to occur          -> pending
 *   5 Q occurred on E < M               -> void (event-before-statement)
 *   6 Q occurred on E before C's date   -> void (event-before-condition)
 *   7 Q occurred on E, M <= E <= D      -> yes
 *   8 Q occurred on E > D               -> no
 *   9 Q not occurred as of A >= D       -> no
 *  10 otherwise                         -> pending
 *
 * Which records count on T depends on the replay (enum hs_replay): what had
 * happened by T (records dated on or before T), or what the data set knew
 * on T (those that were also recorded on or before T).
 *
 * A dated question Q (docs/formats.md, kind "dated") is answered as of
 * each date: after rows 1-4 (conditions), the forecast resolves by Q's
 * record dated D (its deadline) alone, if that record counts in the
 * replay: yes -> yes, no -> no, value o -> scored against o (graded),
 * annulled -> void (annulled), none -> pending.
 */
#ifndef HINDSIGHT_RESOLVE_H
#define HINDSIGHT_RESOLVE_H

#include "dataset.h"

enum hs_status { HS_PENDING, HS_YES, HS_NO, HS_VOID };
enum hs_void_reason {
    HS_VOID_NONE,
    HS_VOID_ANNULLED,
    HS_VOID_CONDITION_NOT_MET,
    HS_VOID_EVENT_BEFORE_STATEMENT,
    HS_VOID_EVENT_BEFORE_CONDITION   /* Q happened before its condition C */
};

/* Which outcome records a replay as of T uses (docs/resolution.md). */
enum hs_replay {
    HS_REPLAY_HAPPENED,      /* records whose date is <= T: what had
                                happened by T, as the world now knows it */
    HS_REPLAY_KNOWN          /* records whose date and recorded date are
                                both <= T: what the data set knew on T */
};

/* What the records counted as of T say about one question. */
typedef struct hs_knowledge {
    int occurred;            /* an occurred record exists */
    hs_date occurred_on;     /* its date (earliest) */
    size_t occurred_record;  /* index of that record */
    int not_occurred;        /* a not_occurred record exists */
    hs_date not_as_of;       /* latest such date */
    size_t not_record;
    int annulled;
    size_t annulled_record;
    /* dated questions: the question's records by date (borrowed from the
     * dataset) and the as-of date and replay that limit them */
    int dated;
    const size_t *dated_records;
    size_t n_dated_records;
    const hs_record *records;
    hs_date as_of;
    enum hs_replay replay;
} hs_knowledge;

typedef struct hs_resolution {
    enum hs_status status;
    enum hs_void_reason reason;
    hs_date deadline;        /* stated or made + horizon */
    int deadline_stated;     /* the forecast gives a deadline (not defaulted) */
    int deadline_by_curator; /* ... and the curator, not the speaker, chose it */
    size_t evidence;         /* record that decided it, HS_NONE if none */
    int graded;              /* scored against a value in [0, 1] (a dated
                                question's 'value' record): status is yes
                                when outcome >= 0.5, else no, but only
                                outcome is the truth */
    hs_prob outcome;         /* yes/no: 1 or 0 (HS_PROB_ONE or 0); graded:
                                the value */
} hs_resolution;

/* Did forecast f exist on T?  A statement made after T had not been made
 * yet: a replay as of T neither lists nor counts it. */
int hs_forecast_exists(const hs_forecast *f, hs_date as_of);

/* Does record r count in a replay as of T? */
int hs_record_counts(const hs_record *r, hs_date as_of, enum hs_replay replay);

/* Fill know[0 .. ds->n_questions) from the records that count as of T. */
void hs_knowledge_compute(const hs_dataset *ds, hs_date as_of, enum hs_replay replay,
                          hs_knowledge *know);

/* Resolve one forecast given the knowledge of every question (rows 1-10
 * above; the caller has already left out forecasts that did not exist). */
hs_resolution hs_resolve(const hs_forecast *f, const hs_knowledge *know,
                         hs_horizon default_horizon);

/*
 * Forecasts still pending as of as_of although their deadline (stated, or
 * made + default_horizon) is more than `after` before it: no record covers
 * them, so a data set would otherwise stay silently pending.  *idx gets a
 * new array (caller frees with hs_free) of their indices in data order,
 * *n its length.  The dataset must be linked.  Returns 0, or -1 when out
 * of memory.
 */
int hs_stale_forecasts(const hs_dataset *ds, hs_date as_of, hs_horizon default_horizon,
                       hs_horizon after, size_t **idx, size_t *n);

const char *hs_status_name(enum hs_status s);
/* How the deadline was set, as reports show it: "stated" (by the speaker),
 * "curator" (set by the curator from a time frame the speaker implied) or
 * "defaulted" (made + horizon). */
const char *hs_deadline_kind_name(const hs_resolution *r);
/* "" for HS_VOID_NONE, else the name printed in void_reason columns. */
const char *hs_void_reason_name(enum hs_void_reason r);
/* "happened" or "known"; hs_replay_parse accepts the same names, 0 or -1. */
const char *hs_replay_name(enum hs_replay r);
int hs_replay_parse(const char *s, enum hs_replay *out);

#endif
