/*
 * difficulty.h - difficulty-adjusted Brier scores: a two-way fixed-effects
 * least-squares fit, so that forecasters who answered different questions
 * can be compared (docs/scoring.md, "Difficulty-adjusted Brier").
 *
 * The model, one observation y_k per row k (the CLI gives one row per
 * (forecaster, question) pair: the forecaster's mean Brier score on it):
 *
 *     y_k = a_f(k) + b_q(k) + e_k,      e_k independent, variance sigma^2
 *
 * fitted by ordinary least squares.  Forecasters and questions linked
 * through shared questions form a connected component (union-find over the
 * bipartite graph of the rows); effects are comparable only inside one.
 * In each component the question effects are identified by summing to
 * zero over the component's questions, so the adjusted Brier score
 *
 *     adjusted_f = a_f + mean over the component's questions of b_q
 *
 * reads "the Brier score f would have on the component's average
 * question": the fitted value of f averaged over every question of its
 * component, answered or not.  It is estimable (it does not depend on how
 * the model is identified), and in a complete design (everyone answered
 * everything once) it is the forecaster's plain mean.  Its standard error
 * is the classical OLS one, sqrt of sigma^2 c'(X'X)^- c, with sigma^2 =
 * RSS / (rows - sum over components of (forecasters + questions - 1)),
 * pooled over components (one regression with a constraint per component).
 *
 * The model is the one ForecastBench's leaderboard fits (Karger et al.,
 * "ForecastBench", ICLR 2025, and its updated methodology of October 2025:
 * brier_ij = a_i + b_j + u_ij with pyfixest, on one forecast per
 * forecaster and question); ForecastBench then scores a forecaster by the
 * mean of brier_ij - b_j over its questions, which is a_i in pyfixest's
 * normalisation: the same differences between forecasters as here, at a
 * level shifted by a constant.  ForecastBench
 * gives no standard errors (it bootstraps questions).  The Good Judgment
 * Project's "standardized Brier scores" (Mellers et al. 2014, Psychological
 * Science 25:1106; 2015, Perspectives on Psychological Science 10:267)
 * answer the same question differently: each question's scores become
 * z-scores across those who answered it, then are averaged; no model is
 * fitted and scores are divided by the question's spread.
 *
 * How: the normal equations are reduced to the side with fewer members
 * overall (forecasters or questions; the other is eliminated exactly,
 * Schur complement).  A component whose reduced side has at most opt->dense_max
 * members is solved directly (Cholesky, GSL) and gets standard errors
 * from the inverse; a larger one is solved by preconditioned conjugate
 * gradients on the reduced equations (the role alternating projections
 * play in Guimaraes & Portugal 2010, Stata Journal 10:628, and Gaure's lfe,
 * 2013, Computational Statistics & Data Analysis 66:8), in O(rows) memory
 * and time per iteration, and gets no standard error (HS_FE_SE_TOO_LARGE).
 * Results depend only on the rows and their order: the same input gives
 * the same bits.
 *
 * Ownership: hs_fe owns its arrays (hs_fe_release); inputs are borrowed for
 * the call only.  Never prints.
 */
#ifndef HINDSIGHT_DIFFICULTY_H
#define HINDSIGHT_DIFFICULTY_H

#include <stddef.h>
#include <stdint.h>

struct hs_agg;

/* Why a forecaster has no standard error. */
enum hs_fe_se {
    HS_FE_SE_OK,             /* computed */
    HS_FE_SE_NONE,           /* the forecaster has no row: nothing fitted */
    HS_FE_SE_NO_DF,          /* the fit is exact (no residual degrees of
                                freedom): sigma^2 cannot be estimated */
    HS_FE_SE_TOO_LARGE       /* its component has more than dense_max
                                members on the reduced side */
};

typedef struct hs_fe_options {
    size_t dense_max;        /* direct solve and standard errors up to this
                                many members on the reduced side of a
                                component (HS_FE_DENSE_MAX) */
    double tol;              /* conjugate gradients stop when the residual's
                                norm is below tol times the right-hand side's */
    size_t max_iter;         /* ... or after this many iterations */
} hs_fe_options;

#define HS_FE_DENSE_MAX 1000

/* dense_max HS_FE_DENSE_MAX, tol 1e-13, max_iter 20000. */
void hs_fe_options_init(hs_fe_options *o);

typedef struct hs_fe_component {
    size_t n_forecasters, n_questions, n_rows;
    int dense;               /* solved directly, standard errors known */
} hs_fe_component;

typedef struct hs_fe {
    size_t n_forecasters, n_questions, n_rows;
    double *adjusted;        /* [n_forecasters] a_f + mean b_q of its
                                component, Brier scale; NaN without rows */
    double *se;              /* [n_forecasters] its standard error, NaN
                                unless se_state is HS_FE_SE_OK */
    enum hs_fe_se *se_state; /* [n_forecasters] */
    size_t *component;       /* [n_forecasters] 0-based, HS_NONE without rows */
    double *question_effect; /* [n_questions] b_q, summing to 0 over each
                                component's questions (positive: harder than
                                the component's average); NaN without rows */
    size_t *question_component; /* [n_questions] as component */
    hs_fe_component *components; /* [n_components] the one with the most
                                forecasters first (ties: the first to
                                appear in the rows first) */
    size_t n_components;
    double rss;              /* residual sum of squares */
    size_t df;               /* rows - sum of (forecasters + questions - 1) */
    double sigma2;           /* rss / df, NaN when df is 0 */
    int reduced_to_forecasters; /* the reduced side: forecasters (1) or
                                questions (0), whichever has fewer members
                                with rows (forecasters on a tie) */
    size_t iterations;       /* conjugate-gradient iterations (0: all dense) */
    int converged;           /* 0 when max_iter stopped them first */
} hs_fe;

/*
 * Fit the model to n rows: row k is forecaster[k] (< n_forecasters),
 * question[k] (< n_questions) and y[k] (finite).  Rows may repeat a
 * (forecaster, question) pair; each is one observation.  Forecasters and
 * questions without rows get NaN and HS_NONE.  opt NULL: the defaults.
 * Returns 0, or -1 when out of memory or an index is out of range (fit
 * then empty, safe to release).
 */
int hs_fe_compute(hs_fe *fit, const uint32_t *forecaster, const uint32_t *question,
                  const double *y, size_t n, size_t n_forecasters, size_t n_questions,
                  const hs_fe_options *opt);

/*
 * The fit over an aggregate's (group, question) pairs: one row per pair,
 * y the mean Brier score of the group's scored forecasts on the question,
 * rows in the order the pairs were first seen (the same whether the data
 * was streamed or loaded).  "Forecaster" index i is the aggregate's group i
 * (hs_agg_group_index()).  The aggregate must have kept its sums
 * (keep_sums); else, or when out of memory, returns -1.
 */
int hs_fe_of_agg(hs_fe *fit, const struct hs_agg *a, const hs_fe_options *opt);

void hs_fe_release(hs_fe *fit);

#endif
