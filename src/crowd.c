/*
 * crowd.c - the crowd pseudo-forecaster (crowd.h): its units, found
 * through one open-addressing table, the probabilities of the forecasts in
 * each, and the exact median or mean once every forecast is in.
 */
#include <stdlib.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/crowd.h"

int hs_crowd_kind_parse(const char *s, enum hs_crowd_kind *out)
{
    if (strcmp(s, "median") == 0)
        *out = HS_CROWD_MEDIAN;
    else if (strcmp(s, "mean") == 0)
        *out = HS_CROWD_MEAN;
    else
        return -1;
    return 0;
}

const char *hs_crowd_kind_name(enum hs_crowd_kind k)
{
    return k == HS_CROWD_MEDIAN ? "median" : k == HS_CROWD_MEAN ? "mean" : "";
}

/* num / den rounded to the nearest integer, half to even; num >= 0, den > 0. */
static hs_prob div_half_even(uint64_t num, uint64_t den)
{
    uint64_t q = num / den, r = num % den;

    if (r * 2 > den || (r * 2 == den && (q & 1)))
        q++;
    return (hs_prob)q;
}

static int by_prob(const void *a, const void *b)
{
    hs_prob x = *(const hs_prob *)a, y = *(const hs_prob *)b;

    return x < y ? -1 : x > y;
}

hs_prob hs_crowd_median(hs_prob *p, size_t n)
{
    qsort(p, n, sizeof(*p), by_prob);
    if (n % 2)
        return p[n / 2];
    return div_half_even((uint64_t)p[n / 2 - 1] + (uint64_t)p[n / 2], 2);
}

hs_prob hs_crowd_mean(const hs_prob *p, size_t n)
{
    uint64_t sum = 0;   /* n * 1e9 fits for n < 1.8e10 */
    size_t i;

    for (i = 0; i < n; i++)
        sum += (uint64_t)p[i];
    return div_half_even(sum, n);
}

void hs_crowd_init(hs_crowd *c, enum hs_crowd_kind kind)
{
    memset(c, 0, sizeof(*c));
    c->kind = kind;
}

void hs_crowd_release(hs_crowd *c)
{
    enum hs_crowd_kind kind = c->kind;

    hs_free(c->units);
    hs_free(c->slots);
    hs_free(c->values);
    hs_free(c->groups);
    hs_free(c->p);
    hs_free(c->sqerr);
    hs_crowd_init(c, kind);
}

static size_t unit_hash(size_t question, hs_date deadline, hs_prob outcome)
{
    uint64_t h = (uint64_t)question * 0x9e3779b97f4a7c15ULL ^
                 ((uint64_t)deadline << 32 | (uint64_t)outcome);

    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    return (size_t)h;
}

/* Slot of the unit, or of the empty slot where it would go.  The outcome is
 * part of the key although a unit's scored forecasts all share it: so a
 * unit can never mix two outcomes. */
static size_t unit_slot(const hs_crowd *c, size_t question, hs_date deadline, hs_prob outcome)
{
    size_t i = unit_hash(question, deadline, outcome) & (c->cap_slots - 1);

    while (c->slots[i]) {
        const hs_crowd_unit *u = &c->units[c->slots[i] - 1];

        if (u->question == question && u->deadline == deadline && u->outcome == outcome)
            break;
        i = (i + 1) & (c->cap_slots - 1);
    }
    return i;
}

static int grow_slots(hs_crowd *c)
{
    size_t cap = c->cap_slots ? c->cap_slots * 2 : 1024, i, old_cap = c->cap_slots;
    uint32_t *old = c->slots;

    if (!(c->slots = hs_calloc(cap, sizeof(*c->slots)))) {
        c->slots = old;
        return -1;
    }
    c->cap_slots = cap;
    for (i = 0; i < old_cap; i++)
        if (old[i]) {
            const hs_crowd_unit *u = &c->units[old[i] - 1];

            c->slots[unit_slot(c, u->question, u->deadline, u->outcome)] = old[i];
        }
    hs_free(old);
    return 0;
}

int hs_crowd_add(hs_crowd *c, size_t question, hs_date deadline, int yes, int graded,
                 hs_prob outcome, hs_prob p_yes, size_t *unit)
{
    size_t slot, n = c->n_units;

    if (question >= UINT32_MAX || n >= UINT32_MAX - 1 || c->n_values >= UINT32_MAX - 1 ||
        deadline < INT32_MIN || deadline > INT32_MAX ||
        ((n + 1) * 2 > c->cap_slots && grow_slots(c) < 0) ||
        hs_grow((void **)&c->values, &c->alloc_values, c->n_values + 1,
                sizeof(*c->values)) < 0)
        return -1;
    slot = unit_slot(c, question, deadline, outcome);
    if (!c->slots[slot]) {
        hs_crowd_unit *u;

        if (hs_grow((void **)&c->units, &c->alloc_units, n + 1, sizeof(*c->units)) < 0)
            return -1;
        u = &c->units[n];
        memset(u, 0, sizeof(*u));
        u->question = (uint32_t)question;
        u->deadline = (int32_t)deadline;
        u->outcome = (uint32_t)outcome;
        u->yes = yes != 0;
        u->graded = graded != 0;
        c->slots[slot] = (uint32_t)++c->n_units;
    }
    *unit = c->slots[slot] - 1;
    c->values[c->n_values].unit = (uint32_t)*unit;
    c->values[c->n_values++].value = (uint32_t)p_yes;
    return 0;
}

int hs_crowd_link_group(hs_crowd *c, size_t unit, size_t group)
{
    if (group >= UINT32_MAX ||
        hs_grow((void **)&c->groups, &c->alloc_groups, c->n_groups + 1, sizeof(*c->groups)) < 0)
        return -1;
    c->groups[c->n_groups].unit = (uint32_t)unit;
    c->groups[c->n_groups++].value = (uint32_t)group;
    return 0;
}

int hs_crowd_finish(hs_crowd *c)
{
    size_t *start = NULL, i, u;
    hs_prob *vals = NULL;
    int ret = -1;

    hs_free(c->p);
    hs_free(c->sqerr);
    c->p = hs_calloc(c->n_units + 1, sizeof(*c->p));
    c->sqerr = hs_calloc(c->n_units + 1, sizeof(*c->sqerr));
    start = hs_calloc(c->n_units + 1, sizeof(*start));
    vals = hs_calloc(c->n_values + 1, sizeof(*vals));
    if (!c->p || !c->sqerr || !start || !vals)
        goto cleanup;
    /* the values of each unit together, in data order (a counting sort) */
    for (i = 0; i < c->n_units; i++)
        c->units[i].n = 0;
    for (i = 0; i < c->n_values; i++)
        c->units[c->values[i].unit].n++;
    for (u = 0, i = 0; u < c->n_units; u++) {
        start[u] = i;
        i += c->units[u].n;
    }
    for (i = 0; i < c->n_values; i++)
        vals[start[c->values[i].unit]++] = (hs_prob)c->values[i].value;
    for (u = 0; u < c->n_units; u++) {
        const hs_crowd_unit *un = &c->units[u];
        hs_prob *p = vals + start[u] - un->n;

        c->p[u] = c->kind == HS_CROWD_MEAN ? hs_crowd_mean(p, un->n) : hs_crowd_median(p, un->n);
        c->sqerr[u] = hs_prob_sqerr_to(c->p[u], (hs_prob)un->outcome);
    }
    hs_free(c->values);
    c->values = NULL;
    c->n_values = c->alloc_values = 0;
    ret = 0;
cleanup:
    hs_free(start);
    hs_free(vals);
    return ret;
}
