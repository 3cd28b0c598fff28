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

int hs_compare(hs_comparison *c, const hs_run *run, enum hs_group_key key, const char *a,
               const char *b, const hs_group_options *opt)
{
    const hs_dataset *ds = run->ds;
    double *sum_a = NULL, *sum_b = NULL, *va = NULL, *vb = NULL;
    size_t *n_a = NULL, *n_b = NULL, q, i;
    int ret = -1, rc;

    memset(c, 0, sizeof(*c));
    c->mean_a = c->mean_b = c->diff = c->diff_low = c->diff_high = NAN;
    c->ci_state = HS_CI_OFF;
    sum_a = hs_calloc(ds->n_questions + 1, sizeof(double));
    sum_b = hs_calloc(ds->n_questions + 1, sizeof(double));
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
            sum_a[q] += run->items[i].brier;
            n_a[q]++;
        }
        if (in_b) {
            sum_b[q] += run->items[i].brier;
            n_b[q]++;
        }
    }
    for (q = 0; q < ds->n_questions; q++) {
        hs_compare_row *r;

        if (!n_a[q] || !n_b[q])
            continue;
        r = &c->rows[c->n++];
        r->question = ds->questions[q].id;
        r->a = sum_a[q] / (double)n_a[q];
        r->b = sum_b[q] / (double)n_b[q];
        r->n_a = n_a[q];
        r->n_b = n_b[q];
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
    double brier_sum = 0;

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
        p->n_noncommittal += s->p_stance <= HS_NONCOMMITTAL_MAX;
        p->boldness = (p->n == 1 ? 0 : p->boldness) + fabs(s->p_yes - 0.5);
        if (is_scored(s))
            brier_sum += s->brier;
    }
    if (p->n)
        p->boldness /= (double)p->n;
    if (p->n_scored)
        p->brier = brier_sum / (double)p->n_scored;
    return 0;
}

void hs_profile_release(hs_profile *p)
{
    hs_free(p->forecasts);
    memset(p, 0, sizeof(*p));
}
