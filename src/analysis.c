/* analysis.c - comparisons and profiles over a scored run. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/analysis.h"

static int is_named(void *ctx, const char *name)
{
    return strcmp(name, ctx) == 0;
}

int hs_group_has(const hs_run *run, size_t i, enum hs_group_key key, const char *name)
{
    return hs_group_each(run, i, key, is_named, (void *)name);
}

static int is_scored(const hs_scored *s)
{
    return s->res.status == HS_YES || s->res.status == HS_NO;
}

/*
 * Exact rationals num/den (den > 0, lowest terms) of Brier scores in units
 * of 1e-18, for the means of means a comparison makes.  ok is cleared when
 * an operation would overflow 128 bits (only for pathological counts); the
 * caller then falls back to floating point.
 */
__extension__ typedef __int128 i128;

typedef struct ratio {
    i128 num, den;
    int ok;
} ratio;

static i128 gcd_i128(i128 a, i128 b)
{
    if (a < 0)
        a = -a;
    while (b) {
        i128 t = a % b;

        a = b;
        b = t;
    }
    return a;
}

static void ratio_reduce(ratio *r)
{
    i128 g = gcd_i128(r->num, r->den);

    if (g > 1) {
        r->num /= g;
        r->den /= g;
    }
}

/* r += num / den, den > 0. */
static void ratio_add(ratio *r, i128 num, i128 den)
{
    i128 g, a, b, d;

    if (!r->ok)
        return;
    g = gcd_i128(r->den, den);
    if (__builtin_mul_overflow(r->num, den / g, &a) ||
        __builtin_mul_overflow(num, r->den / g, &b) ||
        __builtin_add_overflow(a, b, &a) ||
        __builtin_mul_overflow(r->den / g, den, &d)) {
        r->ok = 0;
        return;
    }
    r->num = a;
    r->den = d;
    ratio_reduce(r);
}

/* r /= m, m > 0. */
static void ratio_div(ratio *r, size_t m)
{
    if (r->ok && __builtin_mul_overflow(r->den, (i128)m, &r->den))
        r->ok = 0;
    if (r->ok)
        ratio_reduce(r);
}

/* The nearest double to r / 1e18 (within two units in the last place); the
 * same reduced fraction always gives the same double. */
static double ratio_value(const ratio *r)
{
    i128 q = r->num / r->den, rem = r->num % r->den;

    return ((double)q + (double)rem / (double)r->den) / 1e18;
}

int hs_compare(hs_comparison *c, const hs_run *run, enum hs_group_key key, const char *a,
               const char *b, const hs_group_options *opt)
{
    const hs_dataset *ds = run->ds;
    hs_sqsum *sum_a = NULL, *sum_b = NULL;
    double *va = NULL, *vb = NULL;
    size_t *n_a = NULL, *n_b = NULL, q, i;
    ratio ma = {0, 1, 1}, mb = {0, 1, 1}, diff;
    int ret = -1, rc;

    memset(c, 0, sizeof(*c));
    c->mean_a = c->mean_b = c->diff = c->diff_low = c->diff_high = NAN;
    c->ci_state = HS_CI_OFF;
    sum_a = hs_calloc(ds->n_questions + 1, sizeof(*sum_a));
    sum_b = hs_calloc(ds->n_questions + 1, sizeof(*sum_b));
    n_a = hs_calloc(ds->n_questions + 1, sizeof(size_t));
    n_b = hs_calloc(ds->n_questions + 1, sizeof(size_t));
    c->rows = hs_calloc(ds->n_questions + 1, sizeof(*c->rows));
    if (!sum_a || !sum_b || !n_a || !n_b || !c->rows)
        goto cleanup;
    for (i = 0; i < run->n; i++) {
        int in_a = hs_group_has(run, i, key, a), in_b = hs_group_has(run, i, key, b);

        c->a_forecasts += in_a;
        c->b_forecasts += in_b;
        if (!is_scored(&run->items[i]))
            continue;
        q = ds->forecasts[i].question;
        if (in_a) {
            sum_a[q] += run->items[i].sqerr;
            n_a[q]++;
        }
        if (in_b) {
            sum_b[q] += run->items[i].sqerr;
            n_b[q]++;
        }
    }
    for (q = 0; q < ds->n_questions; q++) {
        hs_compare_row *r;

        if (!n_a[q] || !n_b[q])
            continue;
        r = &c->rows[c->n++];
        r->question = ds->questions[q].id;
        r->a = hs_sqsum_mean(sum_a[q], n_a[q]);
        r->b = hs_sqsum_mean(sum_b[q], n_b[q]);
        r->n_a = n_a[q];
        r->n_b = n_b[q];
        ratio_add(&ma, (i128)sum_a[q], (i128)n_a[q]);
        ratio_add(&mb, (i128)sum_b[q], (i128)n_b[q]);
    }
    if (c->n) {
        va = hs_calloc(c->n, sizeof(double));
        vb = hs_calloc(c->n, sizeof(double));
        if (!va || !vb)
            goto cleanup;
        c->mean_a = c->mean_b = 0;
        for (i = 0; i < c->n; i++) {
            va[i] = c->rows[i].a;
            vb[i] = c->rows[i].b;
            c->mean_a += va[i] / (double)c->n;
            c->mean_b += vb[i] / (double)c->n;
        }
        c->diff = c->mean_a - c->mean_b;
        /* The means of means, and their difference, exactly: equal on
         * paper gives a difference of exactly 0. */
        ratio_div(&ma, c->n);
        ratio_div(&mb, c->n);
        diff = ma;
        ratio_add(&diff, -mb.num, mb.den);
        if (ma.ok && mb.ok && diff.ok) {
            c->mean_a = ratio_value(&ma);
            c->mean_b = ratio_value(&mb);
            c->diff = ratio_value(&diff);
        }
        if (opt->bootstrap) {
            char label[512];

            snprintf(label, sizeof(label), "%s\n%s", a, b);
            rc = hs_bootstrap_paired_ci(va, vb, c->n, opt->bootstrap,
                                        hs_seed_for(opt->seed, label), opt->level,
                                        &c->diff_low, &c->diff_high);
            if (rc < 0)
                goto cleanup;
            c->ci_state = rc == 0 ? HS_CI_OK : HS_CI_FEW_QUESTIONS;
        }
    }
    ret = 0;
cleanup:
    hs_free(sum_a);
    hs_free(sum_b);
    hs_free(n_a);
    hs_free(n_b);
    hs_free(va);
    hs_free(vb);
    if (ret < 0)
        hs_comparison_release(c);
    return ret;
}

void hs_comparison_release(hs_comparison *c)
{
    hs_free(c->rows);
    memset(c, 0, sizeof(*c));
}

int hs_profile_compute(hs_profile *p, const hs_run *run, enum hs_group_key key,
                       const char *name)
{
    size_t i;
    hs_sqsum brier_sum = 0;
    uint64_t bold = 0;          /* sum of |p_yes - 1/2|, 1e-9 units */

    memset(p, 0, sizeof(*p));
    p->brier = p->boldness = NAN;
    p->forecasts = hs_calloc(run->n + 1, sizeof(size_t));
    if (!p->forecasts)
        return -1;
    for (i = 0; i < run->n; i++) {
        const hs_scored *s = &run->items[i];
        const hs_forecast *f = &run->ds->forecasts[i];

        if (!hs_group_has(run, i, key, name))
            continue;
        p->forecasts[p->n++] = i;
        p->n_scored += is_scored(s);
        p->n_pending += s->res.status == HS_PENDING;
        p->n_void += s->res.status == HS_VOID;
        p->n_conditional += f->condition != HS_NONE;
        p->n_defaulted += !s->res.deadline_stated;
        /* a p_yes has no spoken stance: 0.02 is a confident "no" */
        p->n_noncommittal += f->plain ? (s->p_yes <= HS_NONCOMMITTAL_MAX &&
                                         HS_PROB_ONE - s->p_yes <= HS_NONCOMMITTAL_MAX)
                                      : s->p_stance <= HS_NONCOMMITTAL_MAX;
        bold += (uint64_t)(s->p_yes > HS_PROB_ONE / 2 ? s->p_yes - HS_PROB_ONE / 2
                                                      : HS_PROB_ONE / 2 - s->p_yes);
        if (is_scored(s))
            brier_sum += s->sqerr;
    }
    if (p->n)
        p->boldness = (double)bold / (double)p->n / (double)HS_PROB_ONE;
    if (p->n_scored)
        p->brier = hs_sqsum_mean(brier_sum, p->n_scored);
    return 0;
}

void hs_profile_release(hs_profile *p)
{
    hs_free(p->forecasts);
    memset(p, 0, sizeof(*p));
}
