/*
 * resolve.c - the resolution rules, in one place and in the order of the
 * table in docs/resolution.md (rows numbered as there).  Nothing else in
 * hindsight decides a forecast's status.
 */
#include <string.h>

#include "hindsight/alloc.h"

#include "hindsight/resolve.h"

int hs_forecast_exists(const hs_forecast *f, hs_date as_of)
{
    return f->made <= as_of;
}

int hs_record_counts(const hs_record *r, hs_date as_of, enum hs_replay replay)
{
    if (r->question == HS_NONE || r->date > as_of)
        return 0;   /* had not happened (or been observed) by T */
    return replay == HS_REPLAY_HAPPENED || r->recorded <= as_of;
}

void hs_knowledge_compute(const hs_dataset *ds, hs_date as_of, enum hs_replay replay,
                          hs_knowledge *know)
{
    size_t i;

    for (i = 0; i < ds->n_questions; i++) {
        memset(&know[i], 0, sizeof(know[i]));
        know[i].occurred_record = know[i].not_record = know[i].annulled_record = HS_NONE;
        know[i].dated = ds->questions[i].dated;
        know[i].dated_records = ds->questions[i].dated_records;
        know[i].n_dated_records = ds->questions[i].n_dated_records;
        know[i].records = ds->records;
        know[i].as_of = as_of;
        know[i].replay = replay;
    }
    for (i = 0; i < ds->n_records; i++) {
        const hs_record *r = &ds->records[i];
        hs_knowledge *k;

        if (!hs_record_counts(r, as_of, replay) || know[r->question].dated)
            continue;   /* not counted in this replay, or a dated question's */
        k = &know[r->question];
        switch (r->status) {
        case HS_REC_OCCURRED:
            if (!k->occurred || r->date < k->occurred_on) {
                k->occurred = 1;
                k->occurred_on = r->date;
                k->occurred_record = i;
            }
            break;
        case HS_REC_NOT_OCCURRED:
            if (!k->not_occurred || r->date > k->not_as_of) {
                k->not_occurred = 1;
                k->not_as_of = r->date;
                k->not_record = i;
            }
            break;
        case HS_REC_ANNULLED:
            if (!k->annulled) {
                k->annulled = 1;
                k->annulled_record = i;
            }
            break;
        default:
            break;      /* yes, no, value: dated questions only */
        }
    }
}

/* The answer of a dated question as of r.deadline. */
static hs_resolution resolve_dated(hs_resolution r, const hs_knowledge *q)
{
    size_t lo = 0, hi = q->n_dated_records;
    const hs_record *rec;

    if (r.deadline > q->as_of)
        return r;
    while (lo < hi) {   /* the first record dated >= the deadline */
        size_t mid = lo + (hi - lo) / 2;

        if (q->records[q->dated_records[mid]].date < r.deadline)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == q->n_dated_records)
        return r;
    rec = &q->records[q->dated_records[lo]];
    if (rec->date != r.deadline || !hs_record_counts(rec, q->as_of, q->replay))
        return r;
    r.evidence = q->dated_records[lo];
    switch (rec->status) {
    case HS_REC_ANNULLED:
        r.status = HS_VOID;
        r.reason = HS_VOID_ANNULLED;
        break;
    case HS_REC_VALUE:
        r.graded = 1;
        r.outcome = rec->value;
        r.status = rec->value >= HS_PROB_ONE / 2 ? HS_YES : HS_NO;
        break;
    default:
        r.outcome = rec->status == HS_REC_YES ? HS_PROB_ONE : 0;
        r.status = rec->status == HS_REC_YES ? HS_YES : HS_NO;
        break;
    }
    return r;
}

/* Set r to void for reason, decided by record rec. */
static hs_resolution void_for(hs_resolution r, enum hs_void_reason reason, size_t rec)
{
    r.status = HS_VOID;
    r.reason = reason;
    r.evidence = rec;
    return r;
}

hs_resolution hs_resolve(const hs_forecast *f, const hs_knowledge *know,
                         hs_horizon default_horizon)
{
    hs_resolution r;
    const hs_knowledge *q = &know[f->question];
    const hs_knowledge *c = f->condition != HS_NONE ? &know[f->condition] : NULL;

    r.status = HS_PENDING;
    r.reason = HS_VOID_NONE;
    r.evidence = HS_NONE;
    r.deadline_stated = f->has_deadline;
    r.deadline_by_curator = f->has_deadline && f->deadline_set_by == HS_DEADLINE_BY_CURATOR;
    r.deadline = f->has_deadline ? f->deadline : hs_horizon_add(f->made, default_horizon);
    r.graded = 0;
    r.outcome = 0;

    /* 1. the question is annulled: nothing about it can be judged */
    if (q->annulled)
        return void_for(r, HS_VOID_ANNULLED, q->annulled_record);
    if (c) {
        /* 2. the condition is annulled */
        if (c->annulled)
            return void_for(r, HS_VOID_ANNULLED, c->annulled_record);
        /* 3. the condition did not happen by the deadline */
        if (c->occurred && c->occurred_on > r.deadline)
            return void_for(r, HS_VOID_CONDITION_NOT_MET, c->occurred_record);
        if (!c->occurred && c->not_occurred && c->not_as_of >= r.deadline)
            return void_for(r, HS_VOID_CONDITION_NOT_MET, c->not_record);
        /* 4. the condition is not known to have happened yet */
        if (!c->occurred)
            return r;
    }
    /* a dated question: the record dated on the deadline decides
     * (docs/resolution.md, "Dated questions") */
    if (q->dated)
        return resolve_dated(r, q);
    if (q->occurred) {
        /* 5. it had happened when the statement was made */
        if (q->occurred_on < f->made)
            return void_for(r, HS_VOID_EVENT_BEFORE_STATEMENT, q->occurred_record);
        /* 6. "if C, then Q": Q before C is not Q as a consequence of C */
        if (c && q->occurred_on < c->occurred_on)
            return void_for(r, HS_VOID_EVENT_BEFORE_CONDITION, q->occurred_record);
        /* 7, 8. it happened by the deadline, or only after it */
        r.status = q->occurred_on <= r.deadline ? HS_YES : HS_NO;
        r.evidence = q->occurred_record;
        r.outcome = r.status == HS_YES ? HS_PROB_ONE : 0;
        return r;
    }
    /* 9. it had not happened as of a date on or after the deadline */
    if (q->not_occurred && q->not_as_of >= r.deadline) {
        r.status = HS_NO;
        r.evidence = q->not_record;
    }
    /* 10. otherwise pending */
    return r;
}

int hs_stale_forecasts(const hs_dataset *ds, hs_date as_of, hs_horizon default_horizon,
                       hs_horizon after, size_t **idx, size_t *n)
{
    hs_knowledge *know = hs_calloc(ds->n_questions + 1, sizeof(*know));
    size_t i;

    *idx = hs_calloc(ds->n_forecasts + 1, sizeof(**idx));
    *n = 0;
    if (!know || !*idx) {
        hs_free(know);
        hs_free(*idx);
        *idx = NULL;
        return -1;
    }
    hs_knowledge_compute(ds, as_of, HS_REPLAY_HAPPENED, know);
    for (i = 0; i < ds->n_forecasts; i++) {
        const hs_forecast *f = &ds->forecasts[i];
        hs_resolution r;

        if (f->question == HS_NONE)
            continue;
        r = hs_resolve(f, know, default_horizon);
        if (r.status == HS_PENDING && hs_horizon_add(r.deadline, after) < as_of)
            (*idx)[(*n)++] = i;
    }
    hs_free(know);
    return 0;
}

const char *hs_deadline_kind_name(const hs_resolution *r)
{
    return !r->deadline_stated ? "defaulted" : r->deadline_by_curator ? "curator" : "stated";
}

const char *hs_status_name(enum hs_status s)
{
    static const char *const names[] = {"pending", "yes", "no", "void"};

    return names[s];
}

const char *hs_void_reason_name(enum hs_void_reason r)
{
    static const char *const names[] = {"", "annulled", "condition-not-met",
                                        "event-before-statement", "event-before-condition"};

    return names[r];
}

const char *hs_replay_name(enum hs_replay r)
{
    return r == HS_REPLAY_KNOWN ? "known" : "happened";
}

int hs_replay_parse(const char *s, enum hs_replay *out)
{
    if (strcmp(s, "happened") == 0)
        *out = HS_REPLAY_HAPPENED;
    else if (strcmp(s, "known") == 0)
        *out = HS_REPLAY_KNOWN;
    else
        return -1;
    return 0;
}
