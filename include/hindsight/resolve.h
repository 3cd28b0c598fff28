/*
 * resolve.h - what each forecast's status is as of a date (DESIGN.md §3).
 *
 * Only outcome records dated on or before the as-of date are used.  For a
 * forecast on question Q, made M, deadline D:
 *   Q annulled                          -> void (annulled)
 *   condition C annulled                -> void (annulled)
 *   C occurred after D, or not occurred
 *     as of A >= D                      -> void (condition-not-met)
 *   C not yet known to occur by D       -> pending
 *   Q occurred on E < M                 -> void (event-before-statement)
 *   Q occurred on E, M <= E <= D        -> yes
 *   Q occurred on E > D                 -> no
 *   Q not occurred as of A >= D         -> no
 *   otherwise                           -> pending
 * A dated question Q (docs/formats.md, kind "dated") is answered as of
 * each date: the forecast resolves by Q's record dated D (its deadline)
 * alone: yes -> yes, no -> no, value o -> scored against o (graded),
 * annulled -> void (annulled), none (or D after the as-of date) -> pending.
 * Conditions apply first, as above.
 */
#ifndef HINDSIGHT_RESOLVE_H
#define HINDSIGHT_RESOLVE_H

#include "dataset.h"

enum hs_status { HS_PENDING, HS_YES, HS_NO, HS_VOID };
enum hs_void_reason {
    HS_VOID_NONE,
    HS_VOID_ANNULLED,
    HS_VOID_CONDITION_NOT_MET,
    HS_VOID_EVENT_BEFORE_STATEMENT
};

/* What the records dated <= as-of say about one question. */
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
     * dataset) and the as-of date that limits them */
    int dated;
    const size_t *dated_records;
    size_t n_dated_records;
    const hs_record *records;
    hs_date as_of;
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

/* Fill know[0 .. ds->n_questions) from the records dated <= as_of. */
void hs_knowledge_compute(const hs_dataset *ds, hs_date as_of, hs_knowledge *know);

/* Resolve one forecast given the knowledge of every question. */
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
const char *hs_void_reason_name(enum hs_void_reason r);

#endif
