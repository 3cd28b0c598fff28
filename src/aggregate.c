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
    hs_crowd_init(&a->crowd, HS_CROWD_NONE);
}

void hs_agg_release(hs_agg *a)
{
    size_t i;
    int keep, overall;
    enum hs_crowd_kind kind;

    for (i = 0; !a->borrow_names && i < a->n_groups; i++)
        hs_free((char *)a->groups[i].g.name);
    hs_free(a->groups);
    hs_free(a->pairs);
    hs_free(a->pair_sum);
    hs_free(a->pair_count);
    hs_free(a->pair_next);
    hs_free(a->slots);
    hs_free(a->chunks);
    hs_free(a->logs);
    hs_free(a->questions);
    hs_strmap_release(&a->name_index);
    hs_crowd_release(&a->crowd);
    keep = a->keep_sums;
    kind = a->crowd.kind;
    overall = a->overall;
    hs_agg_init(a, a->key, a->borrow_names);
    a->keep_sums = keep;
    a->crowd.kind = kind;
    a->overall = overall;
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

/* Without sums: list question among the group's (add_to_pair's
 * replacement, 4 bytes instead of up to 32). */
static int add_question(hs_agg *a, size_t group, size_t question)
{
    hs_agg_group *grp = &a->groups[group];
    uint32_t *tail = grp->q_tail ? &a->chunks[(size_t)(grp->q_tail - 1) * HS_AGG_CHUNK] : NULL;

    if (question >= UINT32_MAX)
        return -1;
    if (tail && grp->q_fill > 0 && tail[grp->q_fill - 1] == question)
        return 0;
    if (!tail || grp->q_fill == HS_AGG_CHUNK - 1) {
        size_t c = a->n_chunks;

        if (c >= UINT32_MAX - 1 ||
            hs_grow((void **)&a->chunks, &a->alloc_chunks, (c + 1) * HS_AGG_CHUNK,
                    sizeof(*a->chunks)) < 0)
            return -1;
        memset(&a->chunks[c * HS_AGG_CHUNK], 0, HS_AGG_CHUNK * sizeof(*a->chunks));
        if (tail)
            a->chunks[(size_t)(grp->q_tail - 1) * HS_AGG_CHUNK + HS_AGG_CHUNK - 1] =
                (uint32_t)c + 1;
        else
            grp->q_head = (uint32_t)c + 1;
        grp->q_tail = (uint32_t)c + 1;
        grp->q_fill = 0;
        a->n_chunks++;
        tail = &a->chunks[c * HS_AGG_CHUNK];
    }
    tail[grp->q_fill++] = (uint32_t)question;
    if (question >= a->question_end)
        a->question_end = question + 1;
    return 0;
}

/* Count a scored Brier score in its (group, question) pair. */
static int add_to_pair(hs_agg *a, size_t group, size_t question, double brier)
{
    hs_agg_group *grp = &a->groups[group];
    size_t slot, k, n = a->n_pairs;

    if (!a->keep_sums)
        return add_question(a, group, question);
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

/* How a recorded log score is made again (the top two bits of its second
 * word; the low 30 hold p_yes, at most 10^9 < 2^30). */
enum { LOG_NO, LOG_YES, LOG_GRADED, LOG_RAW };

/* Record group gi's log score s for hs_agg_merge(). */
static int record_log(hs_agg *a, size_t gi, const hs_scored *s)
{
    uint32_t w[4];
    size_t n = 2;
    uint64_t bits;

    w[0] = (uint32_t)gi;
    if (!s->res.graded && hs_log_score(s->p_yes, s->res.status == HS_YES) == s->log_score) {
        w[1] = (uint32_t)s->p_yes | (uint32_t)(s->res.status == HS_YES ? LOG_YES : LOG_NO) << 30;
    } else if (s->res.graded &&
               hs_log_score_graded(s->p_yes, s->res.outcome) == s->log_score) {
        w[1] = (uint32_t)s->p_yes | (uint32_t)LOG_GRADED << 30;
        w[2] = (uint32_t)s->res.outcome;
        w[3] = 0;
        n = 4;
    } else {
        memcpy(&bits, &s->log_score, sizeof(bits));
        w[1] = (uint32_t)LOG_RAW << 30;
        w[2] = (uint32_t)(bits >> 32);
        w[3] = (uint32_t)bits;
        n = 4;
    }
    if (gi >= UINT32_MAX ||
        hs_grow((void **)&a->logs, &a->alloc_logs, a->n_logs + n, sizeof(*a->logs)) < 0)
        return -1;
    memcpy(a->logs + a->n_logs, w, n * sizeof(*w));
    a->n_logs += n;
    return 0;
}

/* The recorded log score at a->logs[*k], stepping *k past it. */
static double recorded_log(const hs_agg *a, size_t *k)
{
    uint32_t code = a->logs[*k + 1];
    hs_prob p = (hs_prob)(code & 0x3fffffffu);
    uint64_t bits;
    double v;

    switch (code >> 30) {
    case LOG_NO:
    case LOG_YES:
        *k += 2;
        return hs_log_score(p, (code >> 30) == LOG_YES);
    case LOG_GRADED:
        v = hs_log_score_graded(p, (hs_prob)a->logs[*k + 2]);
        *k += 4;
        return v;
    default:
        bits = (uint64_t)a->logs[*k + 2] << 32 | a->logs[*k + 3];
        memcpy(&v, &bits, sizeof(v));
        *k += 4;
        return v;
    }
}

/* Add a forecast to group gi; unit is its crowd unit, HS_NONE for none. */
static int add_to_group(hs_agg *a, size_t gi, size_t question, size_t unit, const hs_scored *s)
{
    hs_group *grp = &a->groups[gi].g;

    grp->n_forecasts++;
    if (!s->res.deadline_stated)
        grp->n_defaulted++;
    if (s->res.status == HS_YES || s->res.status == HS_NO) {
        grp->n_scored++;
        grp->sq_sum += s->sqerr;
        grp->log_score += s->log_score;
        if ((a->record_logs && record_log(a, gi, s) < 0) ||
            add_to_pair(a, gi, question, s->brier) < 0 ||
            (unit != HS_NONE && hs_crowd_link_group(&a->crowd, unit, gi) < 0))
            return -1;
    } else if (s->res.status == HS_PENDING) {
        grp->n_pending++;
    } else {
        grp->n_void++;
    }
    return 0;
}

/* Count a scored forecast in its question's sums (overall rows). */
static int add_to_question(hs_agg *a, size_t question, const hs_scored *s)
{
    hs_agg_question *q;

    if (question >= a->n_questions) {
        if (hs_grow((void **)&a->questions, &a->alloc_questions, question + 1,
                    sizeof(*a->questions)) < 0)
            return -1;
        memset(&a->questions[a->n_questions], 0,
               (question + 1 - a->n_questions) * sizeof(*a->questions));
        a->n_questions = question + 1;
    }
    q = &a->questions[question];
    q->sq_sum += s->sqerr;
    q->brier_sum += s->brier;
    q->log_sum += s->log_score;
    q->n_scored++;
    return 0;
}

int hs_agg_add(hs_agg *a, const char *const *names, size_t n_names, size_t question,
               const hs_scored *s)
{
    int scored = s->res.status == HS_YES || s->res.status == HS_NO;
    size_t k, unit = HS_NONE;

    hs_totals_add(&a->totals, s);
    if (scored && a->overall && add_to_question(a, question, s) < 0)
        return -1;
    if (scored && a->crowd.kind != HS_CROWD_NONE &&
        hs_crowd_add(&a->crowd, question, s->res.deadline, s->res.status == HS_YES,
                     s->res.graded, s->res.outcome, s->p_yes, &unit) < 0)
        return -1;
    for (k = 0; k < n_names; k++) {
        size_t gi = group_of(a, names[k]);

        if (gi == HS_NONE || add_to_group(a, gi, question, unit, s) < 0)
            return -1;
    }
    return 0;
}

int hs_agg_merge(hs_agg *a, const hs_agg *from)
{
    const hs_totals *t = &from->totals;
    size_t i, k, *map;

    if (a->keep_sums || from->keep_sums || !from->record_logs || a->key != from->key ||
        a->crowd.kind != HS_CROWD_NONE || from->crowd.kind != HS_CROWD_NONE || a->overall ||
        from->overall ||
        !(map = hs_calloc(from->n_groups + 1, sizeof(*map))))
        return -1;
    a->totals.n += t->n;
    for (k = 0; k < sizeof(t->n_status) / sizeof(t->n_status[0]); k++)
        a->totals.n_status[k] += t->n_status[k];
    a->totals.n_stated += t->n_stated;
    a->totals.n_by_curator += t->n_by_curator;
    a->totals.n_fell_back += t->n_fell_back;
    a->totals.n_graded += t->n_graded;
    a->totals.n_no_binary += t->n_no_binary;
    a->totals.outcome_sum += t->outcome_sum;
    for (i = 0; i < from->n_groups; i++) {
        const hs_agg_group *fg = &from->groups[i];
        size_t gi = group_of(a, fg->g.name);
        hs_group *g;
        uint32_t c;

        if (gi == HS_NONE) {
            hs_free(map);
            return -1;
        }
        map[i] = gi;
        g = &a->groups[gi].g;
        g->n_forecasts += fg->g.n_forecasts;
        g->n_scored += fg->g.n_scored;
        g->n_pending += fg->g.n_pending;
        g->n_void += fg->g.n_void;
        g->n_defaulted += fg->g.n_defaulted;
        g->sq_sum += fg->g.sq_sum;
        for (c = fg->q_head; c != 0; c = from->chunks[(size_t)c * HS_AGG_CHUNK - 1]) {
            const uint32_t *q = &from->chunks[(size_t)(c - 1) * HS_AGG_CHUNK];
            size_t fill = c == fg->q_tail ? fg->q_fill : HS_AGG_CHUNK - 1;

            for (k = 0; k < fill; k++)
                if (add_question(a, gi, q[k]) < 0) {
                    hs_free(map);
                    return -1;
                }
        }
    }
    /* the log scores one by one, in from's order, as one aggregate adds
     * them (and recorded again when a records too) */
    for (k = 0; k < from->n_logs;) {
        size_t at = k, gi = map[from->logs[k]];
        double v = recorded_log(from, &k);

        a->groups[gi].g.log_score += v;
        if (a->record_logs &&
            (hs_grow((void **)&a->logs, &a->alloc_logs, a->n_logs + (k - at),
                     sizeof(*a->logs)) < 0)) {
            hs_free(map);
            return -1;
        }
        if (a->record_logs) {
            memcpy(a->logs + a->n_logs, from->logs + at, (k - at) * sizeof(*a->logs));
            a->logs[a->n_logs] = (uint32_t)gi;
            a->n_logs += k - at;
        }
    }
    hs_free(map);
    return 0;
}

const char *hs_agg_name_taken(const hs_agg *a)
{
    static const char *const overall[] = {HS_OVERALL_POOLED, HS_OVERALL_TAGS};
    size_t gi, i;

    if (a->crowd.kind != HS_CROWD_NONE && hs_strmap_get(&a->name_index, HS_CROWD_NAME, &gi))
        return HS_CROWD_NAME;
    for (i = 0; a->overall && i < sizeof(overall) / sizeof(*overall); i++)
        if (hs_strmap_get(&a->name_index, overall[i], &gi))
            return overall[i];
    return NULL;
}

int hs_agg_close(hs_agg *a)
{
    hs_crowd *c = &a->crowd;
    size_t gi, u, i;

    /* a group called like the crowd or an overall row would be mixed into
     * it, or printed twice under one name */
    if (!a->closed && hs_agg_name_taken(a))
        return 1;
    if (c->kind == HS_CROWD_NONE || a->closed) {
        a->closed = 1;
        return 0;
    }
    if (hs_crowd_finish(c) < 0 || (gi = group_of(a, HS_CROWD_NAME)) == HS_NONE)
        return -1;
    a->groups[gi].g.is_crowd = 1;
    /* the crowd forecasts once per unit, in order of first appearance */
    for (u = 0; u < c->n_units; u++) {
        const hs_crowd_unit *un = &c->units[u];
        hs_scored s;

        memset(&s, 0, sizeof(s));
        s.res.status = un->yes ? HS_YES : HS_NO;
        s.res.deadline = un->deadline;
        s.res.deadline_stated = 1;   /* the crowd's deadline is its unit's */
        s.res.evidence = HS_NONE;
        s.res.graded = un->graded;
        s.res.outcome = (hs_prob)un->outcome;
        s.p_stance = s.p_yes = c->p[u];
        s.sqerr = c->sqerr[u];
        s.brier = hs_sqerr_to_double(s.sqerr);
        s.log_score = un->graded ? hs_log_score_graded(s.p_yes, s.res.outcome)
                                 : hs_log_score(s.p_yes, un->yes);
        if (add_to_group(a, gi, un->question, u, &s) < 0)
            return -1;
    }
    for (i = 0; i < c->n_groups; i++)
        a->groups[c->groups[i].value].g.crowd_sq_sum += c->sqerr[c->groups[i].unit];
    /* each unit's scored forecasts lie on its question (overall rows) */
    for (u = 0; u < c->n_units && a->overall; u++)
        if (c->units[u].question < a->n_questions)
            a->questions[c->units[u].question].crowd_sq_sum +=
                (hs_sqsum)c->sqerr[u] * c->units[u].n;
    a->closed = 1;
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

/* Without sums: the distinct questions of group gi, through seen (a bit
 * per question, all clear, and left clear). */
static size_t distinct_questions(const hs_agg *a, size_t gi, uint64_t *seen)
{
    const hs_agg_group *grp = &a->groups[gi];
    size_t n = 0, pass, k;
    uint32_t c;

    for (pass = 0; pass < 2; pass++)
        for (c = grp->q_head; c != 0; c = a->chunks[(size_t)c * HS_AGG_CHUNK - 1]) {
            const uint32_t *q = &a->chunks[(size_t)(c - 1) * HS_AGG_CHUNK];
            size_t fill = c == grp->q_tail ? grp->q_fill : HS_AGG_CHUNK - 1;

            for (k = 0; k < fill; k++) {
                uint64_t bit = (uint64_t)1 << (q[k] & 63);

                if (pass == 1) {
                    seen[q[k] >> 6] &= ~bit;
                } else if (!(seen[q[k] >> 6] & bit)) {
                    seen[q[k] >> 6] |= bit;
                    n++;
                }
            }
        }
    return n;
}

/* (sq_sum - crowd_sq_sum) / n_scored, from the exact difference; NaN when
 * none scored. */
static double relative_mean(const hs_group *grp)
{
    if (grp->sq_sum >= grp->crowd_sq_sum)
        return hs_sqsum_mean(grp->sq_sum - grp->crowd_sq_sum, grp->n_scored);
    return -hs_sqsum_mean(grp->crowd_sq_sum - grp->sq_sum, grp->n_scored);
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
    uint64_t *seen = NULL;
    int ret = -1;

    memset(g, 0, sizeof(*g));
    if (a->crowd.kind != HS_CROWD_NONE && !a->closed)
        return -1;
    g->key = a->key;
    g->crowd = a->crowd.kind;
    g->opt = *opt;
    g->reference = hs_reference_score(opt->reference, &a->totals);
    g->items = hs_calloc(a->n_groups + 1, sizeof(*g->items));
    sum = hs_calloc(a->n_pairs + 1, sizeof(*sum));
    count = hs_calloc(a->n_pairs + 1, sizeof(*count));
    seen = hs_calloc(a->question_end / 64 + 1, sizeof(*seen));
    if (!g->items || !sum || !count || !seen || (opt->bootstrap > 0 && !a->keep_sums))
        goto cleanup;
    g->n = g->alloc = a->n_groups;
    for (i = 0; i < a->n_groups; i++) {
        hs_group *grp = &g->items[i];

        *grp = a->groups[i].g;
        if (!a->keep_sums)
            grp->n_questions = distinct_questions(a, i, seen);
        grp->brier = hs_sqsum_mean(grp->sq_sum, grp->n_scored);
        grp->log_score = grp->n_scored ? grp->log_score / (double)grp->n_scored : NAN;
        grp->skill = grp->n_scored && g->reference > 0 ? hs_skill(grp->brier, g->reference) : NAN;
        grp->rank = grp->n_scored > 0 && grp->n_scored >= opt->min_n;
        grp->relative_brier = g->crowd != HS_CROWD_NONE ? relative_mean(grp) : NAN;
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
    hs_free(seen);
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

/* The overall rows' per-tag sums. */
typedef struct tag_sums {
    hs_strmap index;         /* tag -> entry (names borrowed from ds) */
    hs_agg_question *items;
    size_t n, alloc;
} tag_sums;

static int tag_add(tag_sums *t, const char *tag, const hs_agg_question *q)
{
    size_t i = t->n;
    hs_agg_question *x;

    if (!hs_strmap_get(&t->index, tag, &i)) {
        if (hs_grow((void **)&t->items, &t->alloc, i + 1, sizeof(*t->items)) < 0 ||
            hs_strmap_put(&t->index, tag, i, NULL) < 0)
            return -1;
        memset(&t->items[i], 0, sizeof(t->items[i]));
        t->n++;
    }
    x = &t->items[i];
    x->sq_sum += q->sq_sum;
    x->crowd_sq_sum += q->crowd_sq_sum;
    x->log_sum += q->log_sum;
    x->n_scored += q->n_scored;
    return 0;
}

/* A row of the counts every forecast gives (the totals). */
static void overall_counts(const hs_agg *a, hs_group *grp, const char *name)
{
    const hs_totals *t = &a->totals;

    memset(grp, 0, sizeof(*grp));
    grp->name = name;
    grp->n_forecasts = t->n;
    grp->n_scored = t->n_status[HS_YES] + t->n_status[HS_NO];
    grp->n_pending = t->n_status[HS_PENDING];
    grp->n_void = t->n_status[HS_VOID];
    grp->n_defaulted = t->n - t->n_stated;
    grp->ci_state = HS_CI_OFF;
    grp->ci_low = grp->ci_high = NAN;
    grp->brier = grp->skill = grp->relative_brier = NAN;   /* log_score: 0, a sum */
}

int hs_agg_overall(const hs_agg *a, const hs_dataset *ds, const hs_group_options *opt,
                   hs_groups *g)
{
    tag_sums tags;
    double *sum = NULL, brier = 0, log_score = 0, relative = 0;
    size_t *count = NULL, i, j, k, n_q = 0;
    hs_group *pooled, *equal;
    int ret = -1, crowd = g->crowd != HS_CROWD_NONE;

    memset(&tags, 0, sizeof(tags));
    hs_strmap_init(&tags.index);
    sum = hs_calloc(a->n_questions + 1, sizeof(*sum));
    count = hs_calloc(a->n_questions + 1, sizeof(*count));
    if (!sum || !count || !a->closed ||
        hs_grow((void **)&g->items, &g->alloc, g->n + 2, sizeof(*g->items)) < 0)
        goto cleanup;
    pooled = &g->items[g->n];
    equal = &g->items[g->n + 1];
    overall_counts(a, pooled, HS_OVERALL_POOLED);
    for (i = 0; i < a->n_questions && i < ds->n_questions; i++) {
        const hs_agg_question *q = &a->questions[i];
        const hs_question *dq = &ds->questions[i];

        if (!q->n_scored)
            continue;
        pooled->sq_sum += q->sq_sum;
        pooled->crowd_sq_sum += q->crowd_sq_sum;
        pooled->log_score += q->log_sum;
        sum[n_q] = q->brier_sum;
        count[n_q++] = q->n_scored;
        /* the tags as hs_group_each() gives them: each distinct one once */
        if (dq->n_tags == 0 && tag_add(&tags, HS_UNTAGGED, q) < 0)
            goto cleanup;
        for (j = 0; j < dq->n_tags; j++) {
            for (k = 0; k < j && strcmp(dq->tags[k], dq->tags[j]) != 0; k++)
                ;
            if (k == j && tag_add(&tags, dq->tags[j], q) < 0)
                goto cleanup;
        }
    }
    pooled->n_questions = n_q;
    if (pooled->n_scored) {
        pooled->brier = hs_sqsum_mean(pooled->sq_sum, pooled->n_scored);
        pooled->log_score /= (double)pooled->n_scored;
        pooled->skill = g->reference > 0 ? hs_skill(pooled->brier, g->reference) : NAN;
        if (crowd)
            pooled->relative_brier = relative_mean(pooled);
    } else {
        pooled->log_score = NAN;
    }
    if (opt->bootstrap > 0) {
        int rc = hs_cluster_ci(sum, count, n_q, opt->bootstrap,
                               hs_seed_for(opt->seed, pooled->name), opt->level, &pooled->ci_low,
                               &pooled->ci_high, &pooled->ci_analytic);

        if (rc < 0)
            goto cleanup;
        pooled->ci_state = rc == 1 ? HS_CI_FEW_QUESTIONS : HS_CI_OK;
    }
    overall_counts(a, equal, HS_OVERALL_TAGS);
    equal->n_questions = n_q;
    equal->log_score = NAN;
    for (i = 0; i < tags.n; i++) {
        hs_group t;

        memset(&t, 0, sizeof(t));
        t.sq_sum = tags.items[i].sq_sum;
        t.crowd_sq_sum = tags.items[i].crowd_sq_sum;
        t.n_scored = tags.items[i].n_scored;
        brier += hs_sqsum_mean(t.sq_sum, t.n_scored);
        log_score += tags.items[i].log_sum / (double)t.n_scored;
        relative += relative_mean(&t);
    }
    if (tags.n) {
        equal->brier = brier / (double)tags.n;
        equal->log_score = log_score / (double)tags.n;
        equal->skill = g->reference > 0 ? hs_skill(equal->brier, g->reference) : NAN;
        if (crowd)
            equal->relative_brier = relative / (double)tags.n;
    }
    g->n += 2;
    ret = 0;
cleanup:
    hs_strmap_release(&tags.index);
    hs_free(tags.items);
    hs_free(sum);
    hs_free(count);
    return ret;
}
