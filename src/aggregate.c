/*
 * aggregate.c - group scores one forecast at a time (aggregate.h).  Per
 * group the counts and sums; per (group, question) pair among scored
 * forecasts the sum and count of Brier scores, found through one
 * open-addressing table and chained per group in order of appearance.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight/aggregate.h"
#include "hindsight/alloc.h"
#include "hindsight/stats.h"

void hs_agg_init(hs_agg *a, enum hs_group_key key, int borrow_names)
{
    memset(a, 0, sizeof(*a));
    a->key = key;
    a->borrow_names = borrow_names;
    a->keep_sums = 1;
    hs_strmap_init(&a->name_index);
}

void hs_agg_release(hs_agg *a)
{
    size_t i;
    int keep;

    for (i = 0; !a->borrow_names && i < a->n_groups; i++)
        hs_free((char *)a->groups[i].g.name);
    hs_free(a->groups);
    hs_free(a->pairs);
    hs_free(a->pair_sum);
    hs_free(a->pair_count);
    hs_free(a->pair_next);
    hs_free(a->slots);
    hs_strmap_release(&a->name_index);
    keep = a->keep_sums;
    hs_agg_init(a, a->key, a->borrow_names);
    a->keep_sums = keep;
}

/* The group called name, added when new; HS_NONE when out of memory. */
static size_t group_of(hs_agg *a, const char *name)
{
    size_t i = a->n_groups;
    char *copy;

    if (hs_strmap_get(&a->name_index, name, &i))
        return i;
    if (i >= UINT32_MAX - 1 ||
        hs_grow((void **)&a->groups, &a->alloc_groups, i + 1, sizeof(*a->groups)) < 0 ||
        !(copy = a->borrow_names ? (char *)name : hs_strdup(name)))
        return HS_NONE;
    if (hs_strmap_put(&a->name_index, copy, i, NULL) < 0) {
        if (!a->borrow_names)
            hs_free(copy);
        return HS_NONE;
    }
    memset(&a->groups[i], 0, sizeof(a->groups[i]));
    a->groups[i].g.name = copy;
    a->groups[i].first_pair = a->groups[i].last_pair = 0;
    a->n_groups++;
    return i;
}

static size_t pair_hash(size_t group, size_t question)
{
    uint64_t h = (uint64_t)group * 0x9e3779b97f4a7c15ULL + (uint64_t)question;

    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 29;
    return (size_t)h;
}

/* Slot of the pair, or of the empty slot where it would go. */
static size_t pair_slot(const hs_agg *a, size_t group, size_t question)
{
    size_t i = pair_hash(group, question) & (a->cap_slots - 1);

    while (a->slots[i]) {
        const hs_agg_pair *c = &a->pairs[a->slots[i] - 1];

        if (c->group == group && c->question == question)
            break;
        i = (i + 1) & (a->cap_slots - 1);
    }
    return i;
}

static int grow_slots(hs_agg *a)
{
    size_t cap = a->cap_slots ? a->cap_slots * 2 : 1024, i, old_cap = a->cap_slots;
    uint32_t *old = a->slots;

    if (!(a->slots = hs_calloc(cap, sizeof(*a->slots)))) {
        a->slots = old;
        return -1;
    }
    a->cap_slots = cap;
    for (i = 0; i < old_cap; i++)
        if (old[i]) {
            const hs_agg_pair *c = &a->pairs[old[i] - 1];

            a->slots[pair_slot(a, c->group, c->question)] = old[i];
        }
    hs_free(old);
    return 0;
}

/* Count a scored Brier score in its (group, question) pair. */
static int add_to_pair(hs_agg *a, size_t group, size_t question, double brier)
{
    hs_agg_group *grp = &a->groups[group];
    size_t slot, k, n = a->n_pairs;

    if (question >= UINT32_MAX || n >= UINT32_MAX - 1 ||
        ((n + 1) * 2 > a->cap_slots && grow_slots(a) < 0))
        return -1;
    slot = pair_slot(a, group, question);
    if (!a->slots[slot]) {
        if (hs_grow((void **)&a->pairs, &a->alloc_pairs, n + 1, sizeof(*a->pairs)) < 0 ||
            (a->keep_sums &&
             (hs_grow((void **)&a->pair_sum, &a->alloc_sum, n + 1, sizeof(double)) < 0 ||
              hs_grow((void **)&a->pair_count, &a->alloc_count, n + 1, sizeof(uint32_t)) < 0 ||
              hs_grow((void **)&a->pair_next, &a->alloc_next, n + 1, sizeof(uint32_t)) < 0)))
            return -1;
        a->pairs[n].group = (uint32_t)group;
        a->pairs[n].question = (uint32_t)question;
        if (a->keep_sums) {
            a->pair_sum[n] = 0;
            a->pair_count[n] = 0;
            a->pair_next[n] = 0;
            if (grp->last_pair == 0)
                grp->first_pair = (uint32_t)n + 1;
            else
                a->pair_next[grp->last_pair - 1] = (uint32_t)n + 1;
            grp->last_pair = (uint32_t)n + 1;
        }
        a->slots[slot] = (uint32_t)++a->n_pairs;
        grp->g.n_questions++;
    }
    if (a->keep_sums) {
        k = a->slots[slot] - 1;
        if (a->pair_count[k] == UINT32_MAX)
            return -1;
        a->pair_sum[k] += brier;
        a->pair_count[k]++;
    }
    return 0;
}

int hs_agg_add(hs_agg *a, const char *const *names, size_t n_names, size_t question,
               const hs_scored *s)
{
    int scored = s->res.status == HS_YES || s->res.status == HS_NO;
    size_t k;

    hs_totals_add(&a->totals, s);
    for (k = 0; k < n_names; k++) {
        size_t gi = group_of(a, names[k]);
        hs_group *grp;

        if (gi == HS_NONE)
            return -1;
        grp = &a->groups[gi].g;
        grp->n_forecasts++;
        if (!s->res.deadline_stated)
            grp->n_defaulted++;
        if (scored) {
            grp->n_scored++;
            grp->sq_sum += s->sqerr;
            grp->log_score += s->log_score;
            if (add_to_pair(a, gi, question, s->brier) < 0)
                return -1;
        } else if (s->res.status == HS_PENDING) {
            grp->n_pending++;
        } else {
            grp->n_void++;
        }
    }
    return 0;
}

/* hs_agg_add_run's walk: collect one forecast's group names. */
typedef struct names_ctx {
    const char **names;
    size_t n, alloc;
} names_ctx;

static int collect_name(void *p, const char *name)
{
    names_ctx *c = p;

    if (hs_grow((void **)&c->names, &c->alloc, c->n + 1, sizeof(*c->names)) < 0)
        return -1;
    c->names[c->n++] = name;
    return 0;
}

int hs_agg_add_run(hs_agg *a, const hs_run *run)
{
    names_ctx c;
    size_t i;
    int ret = -1;

    memset(&c, 0, sizeof(c));
    for (i = 0; i < run->n; i++) {
        c.n = 0;
        /* membership as every command decides it (hs_group_each) */
        if (hs_group_each(run, i, a->key, collect_name, &c) != 0 ||
            hs_agg_add(a, c.names, c.n, run->ds->forecasts[i].question, &run->items[i]) < 0)
            goto cleanup;
    }
    ret = 0;
cleanup:
    hs_free(c.names);
    return ret;
}

/* Exact comparison of two groups' mean Brier scores (both scored). */
static int mean_cmp(const hs_group *x, const hs_group *y)
{
    return hs_mean_cmp(x->sq_sum, x->n_scored, y->sq_sum, y->n_scored);
}

/* Ranked groups (rank set to 1 before sorting) first, best Brier first. */
static int group_cmp(const void *x_, const void *y_)
{
    const hs_group *x = x_, *y = y_;
    int xr = x->rank != 0, yr = y->rank != 0, c;

    if (xr != yr)
        return yr - xr;
    if (xr && (c = mean_cmp(x, y)) != 0)
        return c;
    return strcmp(x->name, y->name);
}

/* The interval of group gi from its pairs; sum and count have room for
 * every pair. */
static int group_interval(const hs_agg *a, size_t gi, hs_group *grp,
                          const hs_group_options *opt, double *sum, size_t *count)
{
    size_t c, k = 0;
    int rc;

    grp->ci_low = grp->ci_high = NAN;
    if (opt->bootstrap == 0) {
        grp->ci_state = HS_CI_OFF;
        return 0;
    }
    for (c = a->groups[gi].first_pair; c != 0; c = a->pair_next[c - 1]) {
        sum[k] = a->pair_sum[c - 1];
        count[k++] = a->pair_count[c - 1];
    }
    rc = hs_cluster_ci(sum, count, k, opt->bootstrap, hs_seed_for(opt->seed, grp->name),
                       opt->level, &grp->ci_low, &grp->ci_high, &grp->ci_analytic);
    if (rc == 1) {
        grp->ci_state = HS_CI_FEW_QUESTIONS;
        rc = 0;
    }
    return rc;
}

int hs_agg_groups(const hs_agg *a, hs_groups *g, const hs_group_options *opt)
{
    double *sum = NULL;
    size_t *count = NULL, i;
    int ret = -1;

    memset(g, 0, sizeof(*g));
    g->key = a->key;
    g->opt = *opt;
    g->reference = hs_reference_score(opt->reference, &a->totals);
    g->items = hs_calloc(a->n_groups + 1, sizeof(*g->items));
    sum = hs_calloc(a->n_pairs + 1, sizeof(*sum));
    count = hs_calloc(a->n_pairs + 1, sizeof(*count));
    if (!g->items || !sum || !count || (opt->bootstrap > 0 && !a->keep_sums))
        goto cleanup;
    g->n = g->alloc = a->n_groups;
    for (i = 0; i < a->n_groups; i++) {
        hs_group *grp = &g->items[i];

        *grp = a->groups[i].g;
        grp->brier = hs_sqsum_mean(grp->sq_sum, grp->n_scored);
        grp->log_score = grp->n_scored ? grp->log_score / (double)grp->n_scored : NAN;
        grp->skill = grp->n_scored && g->reference > 0 ? hs_skill(grp->brier, g->reference) : NAN;
        grp->rank = grp->n_scored > 0 && grp->n_scored >= opt->min_n;
        if (group_interval(a, i, grp, opt, sum, count) < 0)
            goto cleanup;
    }
    if (g->n)
        qsort(g->items, g->n, sizeof(*g->items), group_cmp);
    /* competition ranking: equal scores share a rank (1, 2, 2, 4) */
    for (i = 0; i < g->n && g->items[i].rank; i++)
        g->items[i].rank = i > 0 && mean_cmp(&g->items[i], &g->items[i - 1]) == 0
                               ? g->items[i - 1].rank : i + 1;
    ret = 0;
cleanup:
    hs_free(sum);
    hs_free(count);
    if (ret < 0)
        hs_groups_release(g);
    return ret;
}

size_t hs_agg_n_groups(const hs_agg *a)
{
    return a->n_groups;
}

size_t hs_agg_n_pairs(const hs_agg *a)
{
    return a->n_pairs;
}

void hs_agg_pair_at(const hs_agg *a, size_t k, size_t *group, size_t *question, double *sum,
                    size_t *count)
{
    *group = a->pairs[k].group;
    *question = a->pairs[k].question;
    *sum = a->keep_sums ? a->pair_sum[k] : 0;
    *count = a->keep_sums ? a->pair_count[k] : 0;
}

int hs_agg_group_index(const hs_agg *a, const char *name, size_t *gi)
{
    return hs_strmap_get(&a->name_index, name, gi) ? 0 : -1;
}
