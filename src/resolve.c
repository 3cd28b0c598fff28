/* resolve.c - resolution rules of DESIGN.md section 3, in one place. */
#include <string.h>

#include "hindsight/resolve.h"

void hs_knowledge_compute(const hs_dataset *ds, hs_date as_of, hs_knowledge *know)
{
    size_t i;

    for (i = 0; i < ds->n_questions; i++) {
        memset(&know[i], 0, sizeof(know[i]));
        know[i].occurred_record = know[i].not_record = know[i].annulled_record = HS_NONE;
    }
    for (i = 0; i < ds->n_records; i++) {
        const hs_record *r = &ds->records[i];
        hs_knowledge *k;

        if (r->question == HS_NONE || r->date > as_of)
            continue;   /* not known yet on the as-of date */
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
        }
    }
}

hs_resolution hs_resolve(const hs_forecast *f, const hs_knowledge *know,
                         hs_horizon default_horizon)
{
    hs_resolution r;
    const hs_knowledge *q = &know[f->question];

    r.status = HS_PENDING;
    r.reason = HS_VOID_NONE;
    r.evidence = HS_NONE;
    r.deadline_stated = f->has_deadline;
    r.deadline_by_curator = f->has_deadline && f->deadline_set_by == HS_DEADLINE_BY_CURATOR;
    r.deadline = f->has_deadline ? f->deadline : hs_horizon_add(f->made, default_horizon);

    if (q->annulled) {
        r.status = HS_VOID;
        r.reason = HS_VOID_ANNULLED;
        r.evidence = q->annulled_record;
        return r;
    }
    if (f->condition != HS_NONE) {
        const hs_knowledge *c = &know[f->condition];

        if (c->annulled) {
            r.status = HS_VOID;
            r.reason = HS_VOID_ANNULLED;
            r.evidence = c->annulled_record;
            return r;
        }
        if ((c->occurred && c->occurred_on > r.deadline) ||
            (!c->occurred && c->not_occurred && c->not_as_of >= r.deadline)) {
            r.status = HS_VOID;
            r.reason = HS_VOID_CONDITION_NOT_MET;
            r.evidence = c->occurred ? c->occurred_record : c->not_record;
            return r;
        }
        if (!c->occurred)
            return r;   /* condition not known to be met: pending */
    }
    if (q->occurred) {
        r.evidence = q->occurred_record;
        if (q->occurred_on < f->made) {
            r.status = HS_VOID;
            r.reason = HS_VOID_EVENT_BEFORE_STATEMENT;
        } else {
            r.status = q->occurred_on <= r.deadline ? HS_YES : HS_NO;
        }
        return r;
    }
    if (q->not_occurred && q->not_as_of >= r.deadline) {
        r.status = HS_NO;
        r.evidence = q->not_record;
    }
    return r;
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
                                        "event-before-statement"};

    return names[r];
}
