/*
 * test_difficulty.c - the two-way fixed-effects fit (difficulty.h) against
 * hand-computed examples and against a direct least-squares solve of the
 * explicit design matrix (gsl_multifit_linear) on random designs.  Every
 * random number comes from a pinned GSL seed.
 */
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_rng.h>
#include <stdint.h>
#include <stdlib.h>

#include "hindsight/hindsight.h"
#include "tests.h"

/*
 * A chain: forecaster A answered q1 and q2, B answered q2 and q3.
 *
 *          q1     q2     q3
 *     A   0.04   0.16    -
 *     B    -     0.36   0.64
 *
 * Four rows, four parameters (2 forecasters + 3 questions - 1): an exact
 * fit.  a_A + b1 = .04, a_A + b2 = .16, a_B + b2 = .36, a_B + b3 = .64 and
 * b1 + b2 + b3 = 0 give b2 = .16 - a_A, a_B = .20 + a_A, b1 = .04 - a_A,
 * b3 = .44 - a_A, so .64 - 3 a_A = 0: a_A = .64/3 = 0.213333..., a_B =
 * 0.413333...; b = (-0.173333, -0.053333, 0.226667).  Plain means are 0.10
 * and 0.50; on the one shared question B did 0.20 worse, and the adjusted
 * scores differ by exactly that.  No degrees of freedom: no standard error.
 */
static void test_chain_hand(void)
{
    uint32_t f[] = {0, 0, 1, 1}, q[] = {0, 1, 1, 2};
    double y[] = {0.04, 0.16, 0.36, 0.64};
    hs_fe fit;

    CHECK(hs_fe_compute(&fit, f, q, y, 4, 2, 3, NULL) == 0);
    CHECK_NEAR(fit.adjusted[0], 0.64 / 3, 1e-12);
    CHECK_NEAR(fit.adjusted[1], 0.64 / 3 + 0.2, 1e-12);
    CHECK_NEAR(fit.question_effect[0], 0.04 - 0.64 / 3, 1e-12);
    CHECK_NEAR(fit.question_effect[1], 0.16 - 0.64 / 3, 1e-12);
    CHECK_NEAR(fit.question_effect[2], 0.44 - 0.64 / 3, 1e-12);
    CHECK(fit.n_components == 1 && fit.component[0] == 0 && fit.component[1] == 0);
    CHECK(fit.df == 0 && isnan(fit.sigma2));
    CHECK(fit.se_state[0] == HS_FE_SE_NO_DF && isnan(fit.se[0]));
    CHECK_NEAR(fit.rss, 0, 1e-24);
    hs_fe_release(&fit);
}

/*
 * A complete 2 x 2 design: adjusted scores are the plain means.
 *
 *          q1    q2   mean
 *     A   0.1   0.3   0.2
 *     B   0.2   0.6   0.4
 *   mean  0.15  0.45  0.3 (grand)
 *
 * Residuals y - row mean - column mean + grand mean are +-0.05, RSS 0.01,
 * df = 4 - (2 + 2 - 1) = 1, sigma^2 = 0.01; in a complete design
 * Var(adjusted) = sigma^2 / (questions answered) = 0.005, SE 0.0707107.
 * Question effects: column mean - grand mean = -0.15, +0.15.
 */
static void test_complete_hand(void)
{
    uint32_t f[] = {0, 0, 1, 1}, q[] = {0, 1, 0, 1};
    double y[] = {0.1, 0.3, 0.2, 0.6};
    hs_fe fit;

    CHECK(hs_fe_compute(&fit, f, q, y, 4, 2, 2, NULL) == 0);
    CHECK_NEAR(fit.adjusted[0], 0.2, 1e-12);
    CHECK_NEAR(fit.adjusted[1], 0.4, 1e-12);
    CHECK_NEAR(fit.question_effect[0], -0.15, 1e-12);
    CHECK_NEAR(fit.question_effect[1], 0.15, 1e-12);
    CHECK(fit.df == 1);
    CHECK_NEAR(fit.sigma2, 0.01, 1e-12);
    CHECK(fit.se_state[0] == HS_FE_SE_OK && fit.se_state[1] == HS_FE_SE_OK);
    CHECK_NEAR(fit.se[0], 0.070710678118654752, 1e-12);
    CHECK_NEAR(fit.se[1], 0.070710678118654752, 1e-12);
    hs_fe_release(&fit);
}

/* A random design: components of given sizes, each connected (its first
 * forecaster answered every question, every other forecaster one at
 * random) plus extra random rows (which may repeat a pair), shuffled. */
#define MAX_ROWS 400
#define MAX_COMP 6
typedef struct design {
    size_t n, nf, nq, n_comp;
    size_t f0[MAX_COMP], q0[MAX_COMP], cf[MAX_COMP], cq[MAX_COMP];
    uint32_t f[MAX_ROWS], q[MAX_ROWS];
    double y[MAX_ROWS];
} design;

static void add_row(design *d, size_t f, size_t q, gsl_rng *r)
{
    d->f[d->n] = (uint32_t)f;
    d->q[d->n] = (uint32_t)q;
    d->y[d->n] = gsl_rng_uniform(r);
    d->n++;
}

static void make_design(design *d, const size_t (*spec)[3], size_t n_comp, gsl_rng *r)
{
    size_t c, i, k;

    memset(d, 0, sizeof(*d));
    d->n_comp = n_comp;
    for (c = 0; c < n_comp; c++) {
        d->f0[c] = d->nf;
        d->q0[c] = d->nq;
        d->cf[c] = spec[c][0];
        d->cq[c] = spec[c][1];
        d->nf += spec[c][0];
        d->nq += spec[c][1];
        for (i = 0; i < spec[c][1]; i++)
            add_row(d, d->f0[c], d->q0[c] + i, r);
        for (i = 1; i < spec[c][0]; i++)
            add_row(d, d->f0[c] + i, d->q0[c] + gsl_rng_uniform_int(r, spec[c][1]), r);
        for (i = 0; i < spec[c][2]; i++)
            add_row(d, d->f0[c] + gsl_rng_uniform_int(r, spec[c][0]),
                    d->q0[c] + gsl_rng_uniform_int(r, spec[c][1]), r);
    }
    for (k = d->n; k > 1; k--) {   /* Fisher-Yates */
        size_t j = gsl_rng_uniform_int(r, k);
        uint32_t tf = d->f[k - 1], tq = d->q[k - 1];
        double ty = d->y[k - 1];

        d->f[k - 1] = d->f[j];
        d->q[k - 1] = d->q[j];
        d->y[k - 1] = d->y[j];
        d->f[j] = tf;
        d->q[j] = tq;
        d->y[j] = ty;
    }
}

/*
 * The reference: the design matrix written out and solved by
 * gsl_multifit_linear.  Per component, one column per forecaster (its
 * adjusted score theta_f directly) and one per question but the last, in
 * sum-to-zero coding (the last question's rows get -1 in every question
 * column of the component), so y = theta_f + b_q with sum b_q = 0 and
 * full column rank.  cov = sigma^2 (X'X)^-1 with sigma^2 = chisq / (n - p).
 */
static void check_against_multifit(const design *d, const hs_fe_options *opt,
                                   const int *expect_dense)
{
    size_t p = 0, c, k, i, col_f[64], col_q[64], last_q[64];
    gsl_matrix *x, *cov;
    gsl_vector *yv, *coef;
    gsl_multifit_linear_workspace *ws;
    double chisq, sigma2;
    hs_fe fit;

    for (c = 0; c < d->n_comp; c++) {
        for (i = 0; i < d->cf[c]; i++)
            col_f[d->f0[c] + i] = p++;
        for (i = 0; i < d->cq[c]; i++) {
            last_q[d->q0[c] + i] = i == d->cq[c] - 1;
            col_q[d->q0[c] + i] = i < d->cq[c] - 1 ? p++ : 0;
        }
    }
    x = gsl_matrix_calloc(d->n, p);
    cov = gsl_matrix_alloc(p, p);
    yv = gsl_vector_alloc(d->n);
    coef = gsl_vector_alloc(p);
    ws = gsl_multifit_linear_alloc(d->n, p);
    for (k = 0; k < d->n; k++) {
        size_t qq = d->q[k];

        gsl_vector_set(yv, k, d->y[k]);
        gsl_matrix_set(x, k, col_f[d->f[k]], 1);
        for (c = 0; c < d->n_comp; c++)
            if (qq >= d->q0[c] && qq < d->q0[c] + d->cq[c])
                break;
        if (!last_q[qq])
            gsl_matrix_set(x, k, col_q[qq], 1);
        else
            for (i = 0; i + 1 < d->cq[c]; i++)
                gsl_matrix_set(x, k, col_q[d->q0[c] + i], -1);
    }
    CHECK(gsl_multifit_linear(x, yv, coef, cov, &chisq, ws) == 0);
    sigma2 = chisq / (double)(d->n - p);

    CHECK(hs_fe_compute(&fit, d->f, d->q, d->y, d->n, d->nf, d->nq, opt) == 0);
    CHECK(fit.n_components == d->n_comp);
    CHECK(fit.df == d->n - p);
    CHECK_NEAR(fit.sigma2, sigma2, 1e-12);
    CHECK_NEAR(fit.rss, chisq, 1e-12);
    for (c = 0; c < d->n_comp; c++) {
        size_t fc = fit.component[d->f0[c]];
        double bsum = 0;

        /* every member of a made component in one fitted component, with
         * the made sizes */
        CHECK(fc < fit.n_components);
        if (fc >= fit.n_components)
            continue;
        CHECK(fit.components[fc].n_forecasters == d->cf[c]);
        CHECK(fit.components[fc].n_questions == d->cq[c]);
        CHECK(fit.components[fc].dense == expect_dense[c]);
        for (i = 0; i < d->cf[c]; i++) {
            size_t ff = d->f0[c] + i;

            CHECK(fit.component[ff] == fc);
            CHECK_NEAR(fit.adjusted[ff], gsl_vector_get(coef, col_f[ff]), 1e-9);
            if (expect_dense[c]) {
                CHECK(fit.se_state[ff] == HS_FE_SE_OK);
                CHECK_NEAR(fit.se[ff], sqrt(gsl_matrix_get(cov, col_f[ff], col_f[ff])), 1e-9);
            } else {
                CHECK(fit.se_state[ff] == HS_FE_SE_TOO_LARGE && isnan(fit.se[ff]));
            }
        }
        for (i = 0; i < d->cq[c]; i++) {
            size_t qq = d->q0[c] + i;

            CHECK(fit.question_component[qq] == fc);
            if (!last_q[qq]) {
                CHECK_NEAR(fit.question_effect[qq], gsl_vector_get(coef, col_q[qq]), 1e-9);
                bsum += gsl_vector_get(coef, col_q[qq]);
            } else {
                CHECK_NEAR(fit.question_effect[qq], -bsum, 1e-9);
            }
        }
    }
    /* components ordered by forecasters, most first */
    for (c = 1; c < fit.n_components; c++)
        CHECK(fit.components[c - 1].n_forecasters >= fit.components[c].n_forecasters);
    hs_fe_release(&fit);
    gsl_multifit_linear_free(ws);
    gsl_vector_free(coef);
    gsl_vector_free(yv);
    gsl_matrix_free(cov);
    gsl_matrix_free(x);
}

/* Fewer forecasters than questions (the fit reduces to forecasters), with
 * two components and a lone forecaster that repeated itself. */
static void test_random_few_forecasters(void)
{
    static const size_t spec[][3] = {{4, 9, 12}, {2, 5, 6}, {1, 3, 4}};
    static const int dense[] = {1, 1, 1};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    design d;
    int round;

    gsl_rng_set(r, 11);
    for (round = 0; round < 20; round++) {
        make_design(&d, spec, 3, r);
        check_against_multifit(&d, NULL, dense);
    }
    gsl_rng_free(r);
}

/* Fewer questions than forecasters (the fit reduces to questions), with a
 * one-question component. */
static void test_random_few_questions(void)
{
    static const size_t spec[][3] = {{10, 4, 9}, {5, 2, 5}, {3, 1, 2}};
    static const int dense[] = {1, 1, 1};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    design d;
    int round;

    gsl_rng_set(r, 12);
    for (round = 0; round < 20; round++) {
        make_design(&d, spec, 3, r);
        check_against_multifit(&d, NULL, dense);
    }
    gsl_rng_free(r);
}

/* dense_max 3: the larger components are solved by conjugate gradients
 * (same estimates, no standard error), the small one directly, and the
 * pooled sigma^2 is still the regression's. */
static void test_random_conjugate_gradients(void)
{
    static const size_t spec[][3] = {{12, 30, 60}, {6, 14, 25}, {2, 3, 4}};
    static const int dense[] = {0, 0, 1};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    hs_fe_options opt;
    design d;
    int round;

    hs_fe_options_init(&opt);
    opt.dense_max = 3;
    gsl_rng_set(r, 13);
    for (round = 0; round < 10; round++) {
        make_design(&d, spec, 3, r);
        check_against_multifit(&d, &opt, dense);
    }
    gsl_rng_free(r);
}

/*
 * Disconnected: {A, B} x {q1, q2} and {C} x {q3}.  The second component's
 * score is C's own (0.9); the first's do not change when C is added or
 * removed, and C cannot be compared with A or B (another component).
 */
static void test_disconnected(void)
{
    uint32_t f[] = {0, 0, 1, 1, 2}, q[] = {0, 1, 0, 1, 2};
    double y[] = {0.1, 0.3, 0.2, 0.6, 0.9};
    hs_fe fit, alone;

    CHECK(hs_fe_compute(&fit, f, q, y, 5, 3, 3, NULL) == 0);
    CHECK(hs_fe_compute(&alone, f, q, y, 4, 2, 2, NULL) == 0);
    CHECK(fit.n_components == 2);
    CHECK(fit.component[0] == 0 && fit.component[1] == 0 && fit.component[2] == 1);
    CHECK(fit.question_component[2] == 1);
    CHECK(fit.components[0].n_forecasters == 2 && fit.components[0].n_questions == 2 &&
          fit.components[0].n_rows == 4);
    CHECK(fit.components[1].n_forecasters == 1 && fit.components[1].n_rows == 1);
    CHECK_NEAR(fit.adjusted[0], alone.adjusted[0], 1e-15);
    CHECK_NEAR(fit.adjusted[1], alone.adjusted[1], 1e-15);
    CHECK_NEAR(fit.adjusted[2], 0.9, 1e-15);
    CHECK_NEAR(fit.question_effect[2], 0, 1e-15);
    /* pooled: C's row fits exactly, so sigma^2 and df are the first's */
    CHECK(fit.df == 1);
    CHECK_NEAR(fit.sigma2, 0.01, 1e-12);
    /* C: Var = sigma^2 / 1 */
    CHECK_NEAR(fit.se[2], 0.1, 1e-12);
    hs_fe_release(&fit);
    hs_fe_release(&alone);
}

/* Forecasters and questions without rows; bad input. */
static void test_edges(void)
{
    uint32_t f[] = {1, 1}, q[] = {2, 0};
    double y[] = {0.25, 0.5}, bad[] = {0.25, NAN};
    hs_fe fit;

    CHECK(hs_fe_compute(&fit, f, q, y, 2, 3, 4, NULL) == 0);
    CHECK(fit.component[0] == HS_NONE && fit.component[2] == HS_NONE);
    CHECK(isnan(fit.adjusted[0]) && fit.se_state[0] == HS_FE_SE_NONE);
    CHECK(isnan(fit.question_effect[1]) && fit.question_component[1] == HS_NONE);
    CHECK_NEAR(fit.adjusted[1], 0.375, 1e-15);
    CHECK_NEAR(fit.question_effect[2], -0.125, 1e-15);
    hs_fe_release(&fit);
    CHECK(hs_fe_compute(&fit, f, q, y, 2, 1, 4, NULL) == -1);   /* forecaster 1 >= 1 */
    CHECK(hs_fe_compute(&fit, f, q, y, 2, 3, 2, NULL) == -1);   /* question 2 >= 2 */
    CHECK(hs_fe_compute(&fit, f, q, bad, 2, 3, 4, NULL) == -1); /* not finite */
    CHECK(fit.adjusted == NULL);
    hs_fe_release(&fit);
    CHECK(hs_fe_compute(&fit, f, q, y, 0, 3, 4, NULL) == 0);    /* no rows */
    CHECK(fit.n_components == 0 && isnan(fit.adjusted[1]));
    hs_fe_release(&fit);
}

/* Every allocation failing in turn gives -1 and frees everything (the
 * sanitizers and valgrind check the freeing). */
static void test_alloc_failures(void)
{
    static const size_t spec[][3] = {{5, 8, 10}, {3, 2, 3}};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    hs_fe_options opt;
    design d;
    unsigned long i;
    int rc = -1, pass;

    gsl_rng_set(r, 14);
    make_design(&d, spec, 2, r);
    for (pass = 0; pass < 2; pass++) {
        hs_fe_options_init(&opt);
        opt.dense_max = pass ? 2 : HS_FE_DENSE_MAX;   /* both solvers */
        for (i = 1, rc = -1; i < 500 && rc != 0; i++) {
            hs_fe fit;

            hs_alloc_fail_at(i);
            rc = hs_fe_compute(&fit, d.f, d.q, d.y, d.n, d.nf, d.nq, &opt);
            hs_alloc_fail_at(0);
            hs_fe_release(&fit);
        }
        CHECK(rc == 0);
    }
    gsl_rng_free(r);
}

TEST_TABLE(difficulty_tests) = {
    {"difficulty_chain_hand", test_chain_hand},
    {"difficulty_complete_hand", test_complete_hand},
    {"difficulty_random_few_forecasters", test_random_few_forecasters},
    {"difficulty_random_few_questions", test_random_few_questions},
    {"difficulty_random_conjugate_gradients", test_random_conjugate_gradients},
    {"difficulty_disconnected", test_disconnected},
    {"difficulty_edges", test_edges},
    {"difficulty_alloc_failures", test_alloc_failures},
    {NULL, NULL},
};
