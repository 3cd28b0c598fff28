/*
 * difficulty.c - the two-way fixed-effects fit behind difficulty-adjusted
 * Brier scores (difficulty.h).
 *
 * Notation: side A is the side the normal equations are reduced to (the
 * one with fewer members), side B the one eliminated; row k joins A member
 * a_k and B member b_k; n_A[i], n_B[j] count rows.  With the model
 * y = x_A + e_B, eliminating B leaves S x = z with
 *
 *     S = D_A - N D_B^-1 N',    z_i = sum over i's rows of (y_k - ybar_B[b_k])
 *
 * (N the A-by-B row counts), and then e_B[j] = ybar_B[j] - mean of x over
 * j's rows.  S is singular, one null vector (a constant) per component;
 * grounding one member of a component (its x set to 0) makes the rest
 * positive definite, and its inverse padded with zeros is a generalised
 * inverse G of S, which is all the variances of estimable functions need.
 *
 * Variance of adjusted_f = a_f + mean_c(b) (ybar the row means, which are
 * uncorrelated with the reduced estimates, Frisch-Waugh-Lovell):
 *   A = forecasters:  sigma^2 [ sum_q 1/(Q_c^2 n_q) + (e_f - h)' G (e_f - h) ],
 *                     h_g = sum over g's rows of 1/(Q_c n_q(k));
 *   A = questions:    sigma^2 [ 1/n_f + w_f' G w_f ],
 *                     w_f = 1/Q_c on every question - (rows of f on q)/n_f.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "hindsight/aggregate.h"
#include "hindsight/alloc.h"
#include "hindsight/dataset.h"
#include "hindsight/difficulty.h"

void hs_fe_options_init(hs_fe_options *o)
{
    o->dense_max = HS_FE_DENSE_MAX;
    o->tol = 1e-13;
    o->max_iter = 20000;
}

void hs_fe_release(hs_fe *fit)
{
    hs_free(fit->adjusted);
    hs_free(fit->se);
    hs_free(fit->se_state);
    hs_free(fit->component);
    hs_free(fit->question_effect);
    hs_free(fit->question_component);
    hs_free(fit->components);
    memset(fit, 0, sizeof(*fit));
}

/* The working state of one fit. */
typedef struct fe_work {
    size_t n, n_a, n_b;
    const uint32_t *ia, *ib; /* each row's A and B member */
    const double *y;
    int a_is_forecaster;
    size_t *cnt_a, *cnt_b;   /* rows per member */
    double *ybar_b;
    size_t *comp_a, *comp_b; /* component per member, HS_NONE without rows */
    size_t *members_start;   /* [n_comp + 1] A members of each component ... */
    size_t *members;         /* ... in index order */
    size_t *local;           /* [n_a] position of an A member in its component */
    size_t *b_start, *b_rows;/* rows of each B member (CSR), dense fits only */
    size_t *bm_start, *bm;   /* B members of each component, dense fits only */
    double *x;               /* [n_a] the reduced solution */
    double *varfac;          /* [n_forecasters] variance / sigma^2 */
} fe_work;

static size_t uf_find(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

typedef struct comp_order {
    size_t n_f, first, prov;
} comp_order;

static int comp_cmp(const void *x_, const void *y_)
{
    const comp_order *x = x_, *y = y_;

    if (x->n_f != y->n_f)
        return x->n_f > y->n_f ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* Components by union-find over forecasters 0..nf-1 and questions nf..;
 * fills fit->component, question_component, components.  Returns 0 or -1. */
static int find_components(hs_fe *fit, const uint32_t *fc, const uint32_t *qc, size_t n)
{
    size_t nf = fit->n_forecasters, nq = fit->n_questions, k, i, n_prov = 0;
    size_t *parent = hs_malloc((nf + nq + 1) * sizeof(*parent));
    size_t *prov = hs_malloc((nf + nq + 1) * sizeof(*prov));
    comp_order *order = NULL;
    size_t *final = NULL;
    int ret = -1;

    if (!parent || !prov)
        goto cleanup;
    for (i = 0; i < nf + nq; i++) {
        parent[i] = i;
        prov[i] = HS_NONE;
    }
    for (k = 0; k < n; k++) {
        size_t r1 = uf_find(parent, fc[k]), r2 = uf_find(parent, nf + qc[k]);

        if (r1 != r2)
            parent[r1 < r2 ? r2 : r1] = r1 < r2 ? r1 : r2;
    }
    /* provisional numbers in order of first appearance */
    if (!(order = hs_calloc(n + 1, sizeof(*order))))
        goto cleanup;
    for (k = 0; k < n; k++) {
        size_t r = uf_find(parent, fc[k]);

        if (prov[r] == HS_NONE) {
            prov[r] = n_prov;
            order[n_prov].first = k;
            order[n_prov].prov = n_prov;
            n_prov++;
        }
    }
    for (i = 0; i < nf; i++)
        fit->component[i] = HS_NONE;
    for (i = 0; i < nq; i++)
        fit->question_component[i] = HS_NONE;
    for (k = 0; k < n; k++) {
        size_t c = prov[uf_find(parent, fc[k])];

        if (fit->component[fc[k]] == HS_NONE) {
            fit->component[fc[k]] = c;
            order[c].n_f++;
        }
        fit->question_component[qc[k]] = c;
    }
    if (n_prov)
        qsort(order, n_prov, sizeof(*order), comp_cmp);
    if (!(final = hs_malloc((n_prov + 1) * sizeof(*final))) ||
        !(fit->components = hs_calloc(n_prov + 1, sizeof(*fit->components))))
        goto cleanup;
    for (i = 0; i < n_prov; i++)
        final[order[i].prov] = i;
    fit->n_components = n_prov;
    for (i = 0; i < nf; i++)
        if (fit->component[i] != HS_NONE) {
            fit->component[i] = final[fit->component[i]];
            fit->components[fit->component[i]].n_forecasters++;
        }
    for (i = 0; i < nq; i++)
        if (fit->question_component[i] != HS_NONE) {
            fit->question_component[i] = final[fit->question_component[i]];
            fit->components[fit->question_component[i]].n_questions++;
        }
    for (k = 0; k < n; k++)
        fit->components[fit->component[fc[k]]].n_rows++;
    ret = 0;
cleanup:
    hs_free(parent);
    hs_free(prov);
    hs_free(order);
    hs_free(final);
    return ret;
}

/* Members of one side grouped by component, in index order (counting
 * sort): start[c]..start[c+1] index into list.  Returns 0 or -1. */
static int group_members(const size_t *comp, size_t n, size_t n_comp, size_t **start_out,
                         size_t **list_out)
{
    size_t *start = hs_calloc(n_comp + 2, sizeof(*start));
    size_t *list = hs_malloc((n + 1) * sizeof(*list));
    size_t i, c;

    if (!start || !list) {
        hs_free(start);
        hs_free(list);
        return -1;
    }
    for (i = 0; i < n; i++)
        if (comp[i] != HS_NONE)
            start[comp[i] + 2]++;
    for (c = 0; c < n_comp; c++)
        start[c + 2] += start[c + 1];
    for (i = 0; i < n; i++)
        if (comp[i] != HS_NONE)
            list[start[comp[i] + 1]++] = i;
    *start_out = start;
    *list_out = list;
    return 0;
}

/* out = S p over the whole A side; t has n_b room. */
static void apply_s(const fe_work *w, const double *p, double *out, double *t)
{
    size_t k, i, j;

    for (j = 0; j < w->n_b; j++)
        t[j] = 0;
    for (k = 0; k < w->n; k++)
        t[w->ib[k]] += p[w->ia[k]];
    for (j = 0; j < w->n_b; j++)
        if (w->cnt_b[j])
            t[j] /= (double)w->cnt_b[j];
    for (i = 0; i < w->n_a; i++)
        out[i] = (double)w->cnt_a[i] * p[i];
    for (k = 0; k < w->n; k++)
        out[w->ia[k]] -= t[w->ib[k]];
}

static double dot(const double *a, const double *b, size_t n)
{
    double s = 0;
    size_t i;

    for (i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

/* Preconditioned conjugate gradients on S x = z for the members of the
 * components not solved directly (z is 0 elsewhere, and x stays 0 there).
 * Returns 0 or -1 (out of memory). */
static int solve_cg(fe_work *w, hs_fe *fit, const double *z, const hs_fe_options *opt)
{
    size_t na = w->n_a, i, k, it;
    double *r = hs_calloc(na + 1, sizeof(double)), *p = hs_calloc(na + 1, sizeof(double));
    double *q = hs_calloc(na + 1, sizeof(double)), *m = hs_calloc(na + 1, sizeof(double));
    double *zr = hs_calloc(na + 1, sizeof(double)), *t = hs_calloc(w->n_b + 1, sizeof(double));
    double bnorm, rz, rz_new, alpha, beta, pq;
    int ret = -1;

    if (!r || !p || !q || !m || !zr || !t)
        goto cleanup;
    /* Jacobi preconditioner: the diagonal of S (n_A when it is not positive) */
    for (i = 0; i < na; i++)
        m[i] = (double)w->cnt_a[i];
    for (k = 0; k < w->n; k++)
        m[w->ia[k]] -= 1.0 / (double)w->cnt_b[w->ib[k]];
    for (i = 0; i < na; i++) {
        if (!(m[i] > 0))
            m[i] = w->cnt_a[i] ? (double)w->cnt_a[i] : 1;
        r[i] = z[i];
        zr[i] = r[i] / m[i];
        p[i] = zr[i];
    }
    bnorm = sqrt(dot(z, z, na));
    rz = dot(r, zr, na);
    fit->converged = 0;
    for (it = 0; it <= opt->max_iter; it++) {
        if (sqrt(dot(r, r, na)) <= opt->tol * bnorm) {
            fit->converged = 1;
            break;
        }
        if (it == opt->max_iter)
            break;
        apply_s(w, p, q, t);
        pq = dot(p, q, na);
        if (!(pq > 0)) {   /* exact solution reached in the subspace */
            fit->converged = 1;
            break;
        }
        alpha = rz / pq;
        for (i = 0; i < na; i++) {
            w->x[i] += alpha * p[i];
            r[i] -= alpha * q[i];
            zr[i] = r[i] / m[i];
        }
        rz_new = dot(r, zr, na);
        beta = rz_new / rz;
        rz = rz_new;
        for (i = 0; i < na; i++)
            p[i] = zr[i] + beta * p[i];
    }
    fit->iterations = it;
    ret = 0;
cleanup:
    hs_free(r);
    hs_free(p);
    hs_free(q);
    hs_free(m);
    hs_free(zr);
    hs_free(t);
    return ret;
}

/* The variance factors (variance / sigma^2) of component c's forecasters
 * from G (order d = m - 1, the last member grounded).  Returns 0 or -1. */
static int dense_variances(fe_work *w, hs_fe *fit, size_t c, const gsl_matrix *g, size_t m)
{
    const size_t *mem = w->members + w->members_start[c];
    size_t d = m - 1, l, i, j, k, k2;
    double qc = (double)fit->components[c].n_questions;
    double *h = hs_calloc(m + 1, sizeof(double)), *gh = hs_calloc(m + 1, sizeof(double));
    double hgh = 0, term1 = 0;

    if (!h || !gh) {
        hs_free(h);
        hs_free(gh);
        return -1;
    }
    if (w->a_is_forecaster) {
        /* h over the component's forecasters; term1 over its questions */
        for (j = w->bm_start[c]; j < w->bm_start[c + 1]; j++) {
            size_t b = w->bm[j];

            term1 += 1.0 / (qc * qc * (double)w->cnt_b[b]);
            for (k = w->b_start[b]; k < w->b_start[b + 1]; k++)
                h[w->local[w->ia[w->b_rows[k]]]] += 1.0 / (qc * (double)w->cnt_b[b]);
        }
        for (l = 0; l < d; l++) {
            for (i = 0; i < d; i++)
                gh[l] += gsl_matrix_get(g, l, i) * h[i];
            hgh += h[l] * gh[l];
        }
        for (l = 0; l < m; l++)
            w->varfac[mem[l]] = term1 + (l < d ? gsl_matrix_get(g, l, l) - 2 * gh[l] : 0) + hgh;
    } else {
        /* u = 1/Q_c on every question: gh = G u, hgh = u'G u; each
         * forecaster (a B member of c) from its rows */
        for (l = 0; l < d; l++) {
            for (i = 0; i < d; i++)
                gh[l] += gsl_matrix_get(g, l, i) / qc;
            hgh += gh[l] / qc;
        }
        for (j = w->bm_start[c]; j < w->bm_start[c + 1]; j++) {
            size_t f = w->bm[j], nf = w->cnt_b[f];
            double s1 = 0, s2 = 0;

            for (k = w->b_start[f]; k < w->b_start[f + 1]; k++) {
                size_t l1 = w->local[w->ia[w->b_rows[k]]];

                if (l1 >= d)
                    continue;
                s1 += gh[l1];
                for (k2 = w->b_start[f]; k2 < w->b_start[f + 1]; k2++) {
                    size_t l2 = w->local[w->ia[w->b_rows[k2]]];

                    if (l2 < d)
                        s2 += gsl_matrix_get(g, l1, l2);
                }
            }
            w->varfac[f] = 1.0 / (double)nf + hgh - 2 * s1 / (double)nf +
                           s2 / ((double)nf * (double)nf);
        }
    }
    hs_free(h);
    hs_free(gh);
    return 0;
}

/* Solve component c directly: x for its A members and, in varfac, its
 * forecasters' variance factors.  Returns 0, 1 when S is not numerically
 * positive definite (left to conjugate gradients), or -1. */
static int solve_dense(fe_work *w, hs_fe *fit, size_t c, const double *z)
{
    const size_t *mem = w->members + w->members_start[c];
    size_t m = w->members_start[c + 1] - w->members_start[c], d = m - 1, l, j, k1, k2;
    double *buf = NULL, *rhs = NULL, *sol = NULL;
    gsl_matrix_view sv;
    gsl_vector_view bv, xv;
    int ret = -1;

    if (d == 0) {
        w->x[mem[0]] = 0;
        return dense_variances(w, fit, c, NULL, m);
    }
    buf = hs_calloc(d * d, sizeof(double));
    rhs = hs_calloc(d, sizeof(double));
    sol = hs_calloc(d, sizeof(double));
    if (!buf || !rhs || !sol)
        goto cleanup;
    sv = gsl_matrix_view_array(buf, d, d);
    for (l = 0; l < d; l++) {
        buf[l * d + l] = (double)w->cnt_a[mem[l]];
        rhs[l] = z[mem[l]];
    }
    for (j = w->bm_start[c]; j < w->bm_start[c + 1]; j++) {
        size_t b = w->bm[j];
        double inv = 1.0 / (double)w->cnt_b[b];

        for (k1 = w->b_start[b]; k1 < w->b_start[b + 1]; k1++) {
            size_t l1 = w->local[w->ia[w->b_rows[k1]]];

            if (l1 >= d)
                continue;
            for (k2 = w->b_start[b]; k2 < w->b_start[b + 1]; k2++) {
                size_t l2 = w->local[w->ia[w->b_rows[k2]]];

                if (l2 < d)
                    buf[l1 * d + l2] -= inv;
            }
        }
    }
    bv = gsl_vector_view_array(rhs, d);
    xv = gsl_vector_view_array(sol, d);
    if (gsl_linalg_cholesky_decomp1(&sv.matrix) != GSL_SUCCESS) {
        ret = 1;
        goto cleanup;
    }
    if (gsl_linalg_cholesky_solve(&sv.matrix, &bv.vector, &xv.vector) != GSL_SUCCESS ||
        gsl_linalg_cholesky_invert(&sv.matrix) != GSL_SUCCESS) {
        ret = 1;
        goto cleanup;
    }
    for (l = 0; l < d; l++)
        w->x[mem[l]] = sol[l];
    w->x[mem[d]] = 0;
    ret = dense_variances(w, fit, c, &sv.matrix, m);
cleanup:
    hs_free(buf);
    hs_free(rhs);
    hs_free(sol);
    return ret;
}

static void work_release(fe_work *w)
{
    hs_free(w->cnt_a);
    hs_free(w->cnt_b);
    hs_free(w->ybar_b);
    hs_free(w->members_start);
    hs_free(w->members);
    hs_free(w->local);
    hs_free(w->b_start);
    hs_free(w->b_rows);
    hs_free(w->bm_start);
    hs_free(w->bm);
    hs_free(w->x);
    hs_free(w->varfac);
}

/* Rows of each B member (CSR).  Returns 0 or -1. */
static int index_b_rows(fe_work *w)
{
    size_t j, k;

    if (!(w->b_start = hs_calloc(w->n_b + 2, sizeof(size_t))) ||
        !(w->b_rows = hs_malloc((w->n + 1) * sizeof(size_t))))
        return -1;
    for (k = 0; k < w->n; k++)
        w->b_start[w->ib[k] + 2]++;
    for (j = 0; j < w->n_b; j++)
        w->b_start[j + 2] += w->b_start[j + 1];
    for (k = 0; k < w->n; k++)
        w->b_rows[w->b_start[w->ib[k] + 1]++] = k;
    return 0;
}

/* Everything after the components: solve, effects, residuals, errors. */
static int fit_effects(hs_fe *fit, fe_work *w, const hs_fe_options *opt)
{
    size_t nf = fit->n_forecasters, nq = fit->n_questions, k, i, j, c, n_cg = 0, params = 0;
    double *z = hs_calloc(w->n_a + 1, sizeof(double));
    double *t = hs_calloc(w->n_b + 1, sizeof(double));
    double *a_eff, *b_eff, *bbar = hs_calloc(fit->n_components + 1, sizeof(double));
    int ret = -1, any_dense = 0, rc;

    w->x = hs_calloc(w->n_a + 1, sizeof(double));
    w->varfac = hs_calloc(nf + 1, sizeof(double));
    w->local = hs_calloc(w->n_a + 1, sizeof(size_t));
    if (!z || !t || !bbar || !w->x || !w->varfac || !w->local ||
        group_members(w->comp_a, w->n_a, fit->n_components, &w->members_start, &w->members) < 0)
        goto cleanup;
    for (c = 0; c < fit->n_components; c++)
        for (i = w->members_start[c]; i < w->members_start[c + 1]; i++)
            w->local[w->members[i]] = i - w->members_start[c];
    /* ybar_B and z */
    for (k = 0; k < w->n; k++)
        w->ybar_b[w->ib[k]] += w->y[k];
    for (j = 0; j < w->n_b; j++)
        if (w->cnt_b[j])
            w->ybar_b[j] /= (double)w->cnt_b[j];
    for (k = 0; k < w->n; k++)
        z[w->ia[k]] += w->y[k] - w->ybar_b[w->ib[k]];
    for (c = 0; c < fit->n_components; c++) {
        size_t m = w->members_start[c + 1] - w->members_start[c];

        fit->components[c].dense = m <= opt->dense_max;
        any_dense |= fit->components[c].dense;
    }
    if (any_dense && (index_b_rows(w) < 0 ||
                      group_members(w->comp_b, w->n_b, fit->n_components, &w->bm_start,
                                    &w->bm) < 0))
        goto cleanup;
    for (c = 0; c < fit->n_components; c++) {
        if (!fit->components[c].dense)
            continue;
        if ((rc = solve_dense(w, fit, c, z)) < 0)
            goto cleanup;
        fit->components[c].dense = rc == 0;
    }
    /* the rest by conjugate gradients, on their members only */
    for (i = 0; i < w->n_a; i++) {
        if (w->comp_a[i] != HS_NONE && !fit->components[w->comp_a[i]].dense)
            n_cg++;
        else
            z[i] = 0;
    }
    fit->converged = 1;
    if (n_cg && solve_cg(w, fit, z, opt) < 0)
        goto cleanup;
    /* e_B = ybar_B - mean of x over the rows; residuals */
    for (k = 0; k < w->n; k++)
        t[w->ib[k]] += w->x[w->ia[k]];
    for (j = 0; j < w->n_b; j++)
        t[j] = w->cnt_b[j] ? w->ybar_b[j] - t[j] / (double)w->cnt_b[j] : NAN;
    for (k = 0; k < w->n; k++) {
        double e = w->y[k] - w->x[w->ia[k]] - t[w->ib[k]];

        fit->rss += e * e;
    }
    a_eff = w->a_is_forecaster ? w->x : t;
    b_eff = w->a_is_forecaster ? t : w->x;
    for (j = 0; j < nq; j++)
        if (fit->question_component[j] != HS_NONE)
            bbar[fit->question_component[j]] += b_eff[j];
    for (c = 0; c < fit->n_components; c++) {
        bbar[c] /= (double)fit->components[c].n_questions;
        params += fit->components[c].n_forecasters + fit->components[c].n_questions - 1;
    }
    fit->df = fit->n_rows - params;
    fit->sigma2 = fit->df ? fit->rss / (double)fit->df : NAN;
    for (j = 0; j < nq; j++)
        fit->question_effect[j] = fit->question_component[j] == HS_NONE
                                      ? NAN : b_eff[j] - bbar[fit->question_component[j]];
    for (i = 0; i < nf; i++) {
        c = fit->component[i];
        fit->se[i] = NAN;
        if (c == HS_NONE) {
            fit->adjusted[i] = NAN;
            fit->se_state[i] = HS_FE_SE_NONE;
            continue;
        }
        fit->adjusted[i] = a_eff[i] + bbar[c];
        if (!fit->components[c].dense) {
            fit->se_state[i] = HS_FE_SE_TOO_LARGE;
        } else if (fit->df == 0) {
            fit->se_state[i] = HS_FE_SE_NO_DF;
        } else {
            fit->se_state[i] = HS_FE_SE_OK;
            fit->se[i] = sqrt(fit->sigma2 * (w->varfac[i] > 0 ? w->varfac[i] : 0));
        }
    }
    ret = 0;
cleanup:
    hs_free(z);
    hs_free(t);
    hs_free(bbar);
    return ret;
}

int hs_fe_compute(hs_fe *fit, const uint32_t *forecaster, const uint32_t *question,
                  const double *y, size_t n, size_t n_forecasters, size_t n_questions,
                  const hs_fe_options *opt)
{
    hs_fe_options defaults;
    fe_work w;
    size_t k, used_f = 0, used_q = 0;
    size_t *cnt_f = NULL, *cnt_q = NULL;
    int ret = -1;

    memset(fit, 0, sizeof(*fit));
    memset(&w, 0, sizeof(w));
    if (!opt) {
        hs_fe_options_init(&defaults);
        opt = &defaults;
    }
    for (k = 0; k < n; k++)
        if (forecaster[k] >= n_forecasters || question[k] >= n_questions || !isfinite(y[k]))
            return -1;
    fit->n_forecasters = n_forecasters;
    fit->n_questions = n_questions;
    fit->n_rows = n;
    fit->adjusted = hs_calloc(n_forecasters + 1, sizeof(double));
    fit->se = hs_calloc(n_forecasters + 1, sizeof(double));
    fit->se_state = hs_calloc(n_forecasters + 1, sizeof(*fit->se_state));
    fit->component = hs_calloc(n_forecasters + 1, sizeof(size_t));
    fit->question_effect = hs_calloc(n_questions + 1, sizeof(double));
    fit->question_component = hs_calloc(n_questions + 1, sizeof(size_t));
    cnt_f = hs_calloc(n_forecasters + 1, sizeof(size_t));
    cnt_q = hs_calloc(n_questions + 1, sizeof(size_t));
    if (!fit->adjusted || !fit->se || !fit->se_state || !fit->component ||
        !fit->question_effect || !fit->question_component || !cnt_f || !cnt_q ||
        find_components(fit, forecaster, question, n) < 0)
        goto cleanup;
    for (k = 0; k < n; k++) {
        used_f += cnt_f[forecaster[k]]++ == 0;
        used_q += cnt_q[question[k]]++ == 0;
    }
    /* reduce to the side with fewer members */
    w.n = n;
    w.y = y;
    w.a_is_forecaster = used_f <= used_q;
    fit->reduced_to_forecasters = w.a_is_forecaster;
    w.ia = w.a_is_forecaster ? forecaster : question;
    w.ib = w.a_is_forecaster ? question : forecaster;
    w.n_a = w.a_is_forecaster ? n_forecasters : n_questions;
    w.n_b = w.a_is_forecaster ? n_questions : n_forecasters;
    w.cnt_a = w.a_is_forecaster ? cnt_f : cnt_q;
    w.cnt_b = w.a_is_forecaster ? cnt_q : cnt_f;
    w.comp_a = w.a_is_forecaster ? fit->component : fit->question_component;
    w.comp_b = w.a_is_forecaster ? fit->question_component : fit->component;
    cnt_f = cnt_q = NULL;   /* owned by w now */
    if (!(w.ybar_b = hs_calloc(w.n_b + 1, sizeof(double))) || fit_effects(fit, &w, opt) < 0)
        goto cleanup;
    ret = 0;
cleanup:
    hs_free(cnt_f);
    hs_free(cnt_q);
    work_release(&w);
    if (ret < 0)
        hs_fe_release(fit);
    return ret;
}

int hs_fe_of_agg(hs_fe *fit, const struct hs_agg *a, const hs_fe_options *opt)
{
    size_t n = hs_agg_n_pairs(a), k, group, question, count, n_q = 0;
    uint32_t *fc = hs_malloc((n + 1) * sizeof(*fc)), *qc = hs_malloc((n + 1) * sizeof(*qc));
    double *y = hs_malloc((n + 1) * sizeof(*y)), sum;
    int ret = -1;

    memset(fit, 0, sizeof(*fit));
    if (!fc || !qc || !y || !a->keep_sums)
        goto cleanup;
    for (k = 0; k < n; k++) {
        hs_agg_pair_at(a, k, &group, &question, &sum, &count);
        fc[k] = (uint32_t)group;
        qc[k] = (uint32_t)question;
        y[k] = sum / (double)count;
        if (question + 1 > n_q)
            n_q = question + 1;
    }
    ret = hs_fe_compute(fit, fc, qc, y, n, hs_agg_n_groups(a), n_q, opt);
cleanup:
    hs_free(fc);
    hs_free(qc);
    hs_free(y);
    return ret;
}
