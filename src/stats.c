/* stats.c - bootstrap, intervals, rank statistics, Brier decomposition. */
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/stats.h"

double hs_log_score(hs_prob p_yes, int outcome)
{
    hs_prob p = outcome ? p_yes : HS_PROB_ONE - p_yes;

    if (p < HS_LOG_CLIP)
        p = HS_LOG_CLIP;
    if (p > HS_PROB_ONE - HS_LOG_CLIP)
        p = HS_PROB_ONE - HS_LOG_CLIP;
    return -log(hs_prob_to_double(p));
}

double hs_log_score_graded(hs_prob p_yes, hs_prob o)
{
    hs_prob p = p_yes;
    double w = hs_prob_to_double(o), s = 0;

    if (p < HS_LOG_CLIP)
        p = HS_LOG_CLIP;
    if (p > HS_PROB_ONE - HS_LOG_CLIP)
        p = HS_PROB_ONE - HS_LOG_CLIP;
    if (o > 0)
        s -= w * log(hs_prob_to_double(p));
    if (o < HS_PROB_ONE)
        s -= (1 - w) * log(hs_prob_to_double(HS_PROB_ONE - p));
    return s;
}

void hs_wilson(double k, double n, double z, double *low, double *high)
{
    double p, z2, denom, centre, half;

    if (n <= 0) {
        *low = 0;
        *high = 1;
        return;
    }
    p = k / n;
    z2 = z * z;
    denom = 1 + z2 / n;
    centre = (p + z2 / (2 * n)) / denom;
    half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
    *low = centre - half < 0 ? 0 : centre - half;
    *high = centre + half > 1 ? 1 : centre + half;
}

/* A forecast and its outcome, for sorting. */
typedef struct p_o {
    hs_prob p;
    int o;
} p_o;

static int p_o_cmp(const void *a, const void *b)
{
    const p_o *x = a, *y = b;

    return (x->p > y->p) - (x->p < y->p);
}

int hs_auc(const hs_prob *p, const int *o, size_t n, double *auc)
{
    p_o *v;
    size_t i, j, pos = 0, neg = 0;
    uint64_t neg_below = 0;
    hs_sqsum wins2 = 0;           /* twice the Mann-Whitney U: exact */

    *auc = NAN;
    for (i = 0; i < n; i++)
        o[i] ? pos++ : neg++;
    if (!pos || !neg)
        return 0;
    if (!(v = hs_calloc(n, sizeof(*v))))
        return -1;
    for (i = 0; i < n; i++) {
        v[i].p = p[i];
        v[i].o = o[i] != 0;
    }
    qsort(v, n, sizeof(*v), p_o_cmp);
    /* Each run of equal p: its yeses beat every lower no (2 each) and tie
     * with its own noes (1 each). */
    for (i = 0; i < n; i = j) {
        uint64_t run_pos = 0, run_neg = 0;

        for (j = i; j < n && v[j].p == v[i].p; j++)
            v[j].o ? run_pos++ : run_neg++;
        wins2 += (hs_sqsum)run_pos * (2 * neg_below + run_neg);
        neg_below += run_neg;
    }
    hs_free(v);
    *auc = (double)wins2 / (2.0 * (double)pos * (double)neg);
    return 0;
}

/* A pair of keys, for Kendall's tau. */
typedef struct xy {
    int64_t x, y;
} xy;

static int xy_cmp(const void *a, const void *b)
{
    const xy *u = a, *v = b;

    if (u->x != v->x)
        return u->x < v->x ? -1 : 1;
    return (u->y > v->y) - (u->y < v->y);
}

/* Pairs among runs of equal values in a sorted array of n keys, read
 * through get(i). */
#define TIED_PAIRS(n, equal, out)                         \
    do {                                                  \
        size_t i_, j_;                                    \
        (out) = 0;                                        \
        for (i_ = 0; i_ < (n); i_ = j_) {                 \
            for (j_ = i_ + 1; j_ < (n) && equal; j_++)    \
                ;                                         \
            (out) += (uint64_t)(j_ - i_) * (j_ - i_ - 1) / 2; \
        }                                                 \
    } while (0)

/* Sort a[0..n) by value with a bottom-up merge sort, counting the swaps
 * (pairs i < j with a[i] > a[j]) a bubble sort would make. */
static uint64_t merge_count(int64_t *a, int64_t *tmp, size_t n)
{
    uint64_t swaps = 0;
    size_t width, lo;

    for (width = 1; width < n; width *= 2) {
        for (lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;

            while (i < mid && j < hi) {
                if (a[j] < a[i]) {
                    swaps += mid - i;    /* a[j] jumps every a[i..mid) */
                    tmp[k++] = a[j++];
                } else {
                    tmp[k++] = a[i++];
                }
            }
            while (i < mid)
                tmp[k++] = a[i++];
            while (j < hi)
                tmp[k++] = a[j++];
        }
        memcpy(a, tmp, n * sizeof(*a));
    }
    return swaps;
}

int hs_kendall_tau(const int64_t *x, const int64_t *y, size_t n, double *tau)
{
    xy *v = NULL;
    int64_t *ys = NULL, *tmp = NULL;
    uint64_t n0, n1, n2, n3, swaps;
    size_t i;
    int ret = -1;

    *tau = NAN;
    if (n < 2)
        return 0;
    v = hs_calloc(n, sizeof(*v));
    ys = hs_calloc(n, sizeof(*ys));
    tmp = hs_calloc(n, sizeof(*tmp));
    if (!v || !ys || !tmp)
        goto cleanup;
    for (i = 0; i < n; i++) {
        v[i].x = x[i];
        v[i].y = y[i];
    }
    qsort(v, n, sizeof(*v), xy_cmp);
    n0 = (uint64_t)n * (n - 1) / 2;
    TIED_PAIRS(n, v[j_].x == v[i_].x, n1);
    TIED_PAIRS(n, v[j_].x == v[i_].x && v[j_].y == v[i_].y, n3);
    for (i = 0; i < n; i++)
        ys[i] = v[i].y;
    /* Sorted by (x, y), a swap needed to sort by y is a pair with x_i < x_j
     * and y_i > y_j: discordant.  Pairs tied in x are in y order already. */
    swaps = merge_count(ys, tmp, n);
    TIED_PAIRS(n, ys[j_] == ys[i_], n2);
    if (n0 > n1 && n0 > n2) {
        /* C - D = (n0 - n1 - n2 + n3) - 2 D: the untied pairs less twice
         * the discordant ones */
        int64_t num = (int64_t)(n0 - n1 - n2 + n3) - 2 * (int64_t)swaps;

        *tau = (double)num / sqrt((double)(n0 - n1) * (double)(n0 - n2));
    }
    ret = 0;
cleanup:
    hs_free(v);
    hs_free(ys);
    hs_free(tmp);
    return ret;
}

unsigned long hs_seed_for(unsigned long seed, const char *label)
{
    unsigned long h = 14695981039346656037UL ^ seed;

    while (*label) {
        h ^= (unsigned char)*label++;
        h *= 1099511628211UL;
    }
    return h;
}

/* Percentile interval of reps sorted replicates. */
static void percentile(double *rep, size_t reps, double level, double *low, double *high)
{
    gsl_sort(rep, 1, reps);
    *low = gsl_stats_quantile_from_sorted_data(rep, 1, reps, (1 - level) / 2);
    *high = gsl_stats_quantile_from_sorted_data(rep, 1, reps, 1 - (1 - level) / 2);
}

int hs_bootstrap_cluster_ci(const double *sum, const size_t *count, size_t k, size_t reps,
                            unsigned long seed, double level, double *low, double *high)
{
    double *rep = NULL;
    gsl_rng *rng = NULL;
    size_t j, r;
    int ret = -1;

    if (k < 2 || reps == 0)
        return 1;
    if (!(rep = hs_calloc(reps, sizeof(*rep))) || !(rng = gsl_rng_alloc(gsl_rng_mt19937)))
        goto cleanup;
    gsl_rng_set(rng, seed);
    for (r = 0; r < reps; r++) {
        double s = 0, c = 0;

        for (j = 0; j < k; j++) {
            size_t pick = (size_t)gsl_rng_uniform_int(rng, k);

            s += sum[pick];
            c += (double)count[pick];
        }
        rep[r] = s / c;
    }
    percentile(rep, reps, level, low, high);
    ret = 0;
cleanup:
    if (rng)
        gsl_rng_free(rng);
    hs_free(rep);
    return ret;
}

int hs_cluster_t_ci(const double *sum, const size_t *count, size_t k, double level,
                    double *low, double *high)
{
    double s = 0, n = 0, mean, ee = 0, se, t;
    size_t j;

    if (k < 2)
        return 1;
    for (j = 0; j < k; j++) {
        s += sum[j];
        n += (double)count[j];
    }
    mean = s / n;
    /* the linearized ratio: question j's residual total e_j = S_j - mean n_j
     * (two passes, so the residuals are not a difference of large sums) */
    for (j = 0; j < k; j++) {
        double e = sum[j] - mean * (double)count[j];

        ee += e * e;
    }
    se = sqrt((double)k / (double)(k - 1) * ee) / n;
    t = gsl_cdf_tdist_Pinv(1 - (1 - level) / 2, (double)(k - 1));
    *low = mean - t * se;
    *high = mean + t * se;
    /* a mean Brier score lies in [0, 1]: clipping drops only values it
     * cannot take, so the coverage is unchanged */
    if (*low < 0)
        *low = 0;
    if (*high > 1)
        *high = 1;
    return 0;
}

int hs_cluster_ci(const double *sum, const size_t *count, size_t k, size_t reps,
                  unsigned long seed, double level, double *low, double *high, int *analytic)
{
    *analytic = 0;
    if (reps == 0)
        return 1;
    if (k >= HS_CI_ANALYTIC_MIN_QUESTIONS) {
        *analytic = 1;
        return hs_cluster_t_ci(sum, count, k, level, low, high);
    }
    return hs_bootstrap_cluster_ci(sum, count, k, reps, seed, level, low, high);
}

/* Order of indices by question (ctx), then by position. */
static int by_question(const void *a, const void *b, void *ctx)
{
    const size_t *question = ctx;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    if (question[x] != question[y])
        return question[x] < question[y] ? -1 : 1;
    return x < y ? -1 : x > y;
}

int hs_bootstrap_mean_ci(const double *value, const size_t *question, size_t n,
                         size_t reps, unsigned long seed, double level,
                         double *low, double *high)
{
    double *sum = NULL;
    size_t *count = NULL, *order = NULL, *cluster = NULL, k = 0, i, first = 0;
    int ret = -1;

    sum = hs_calloc(n + 1, sizeof(*sum));
    count = hs_calloc(n + 1, sizeof(*count));
    order = hs_calloc(n + 1, sizeof(*order));
    cluster = hs_calloc(n + 1, sizeof(*cluster));
    if (!sum || !count || !order || !cluster)
        goto cleanup;
    /* Number the questions in order of first appearance (sorting, not a
     * search per value), then collapse to per-question sums in value order. */
    for (i = 0; i < n; i++)
        order[i] = i;
    qsort_r(order, n, sizeof(*order), by_question, (void *)question);
    for (i = 0; i < n; i++) {
        if (i == 0 || question[order[i]] != question[order[i - 1]])
            first = order[i];
        cluster[order[i]] = first;   /* the first index of its question */
    }
    /* order[] is free again: it becomes each index's question number */
    for (i = 0; i < n; i++) {
        if (cluster[i] == i)
            order[i] = k++;
        else
            order[i] = order[cluster[i]];
        sum[order[i]] += value[i];
        count[order[i]]++;
    }
    ret = hs_bootstrap_cluster_ci(sum, count, k, reps, seed, level, low, high);
cleanup:
    hs_free(sum);
    hs_free(count);
    hs_free(order);
    hs_free(cluster);
    return ret;
}

int hs_bootstrap_paired_ci(const double *a, const double *b, size_t n, size_t reps,
                           unsigned long seed, double level, double *low, double *high)
{
    double *rep;
    gsl_rng *rng;
    size_t r, j;

    if (n < 2 || reps == 0)
        return 1;
    if (!(rep = hs_calloc(reps, sizeof(*rep))))
        return -1;
    if (!(rng = gsl_rng_alloc(gsl_rng_mt19937))) {
        hs_free(rep);
        return -1;
    }
    gsl_rng_set(rng, seed);
    for (r = 0; r < reps; r++) {
        double s = 0;

        for (j = 0; j < n; j++) {
            size_t pick = (size_t)gsl_rng_uniform_int(rng, n);

            s += a[pick] - b[pick];
        }
        rep[r] = s / (double)n;
    }
    percentile(rep, reps, level, low, high);
    gsl_rng_free(rng);
    hs_free(rep);
    return 0;
}

/* Exact sums over one calibration bin. */
typedef struct bin_sums {
    uint64_t f;              /* sum of p (1e-9 units) */
    uint64_t f_yes;          /* sum of p over the "yes" outcomes */
    uint64_t yes;            /* count of "yes" */
    hs_sqsum ff;             /* sum of p^2 (1e-18 units) */
} bin_sums;

__extension__ typedef __int128 i128;

/* Square of a signed 128-bit integer, as a double. */
static double sq128(i128 v)
{
    hs_sqsum u = (hs_sqsum)(v < 0 ? -v : v);

    return (double)(u * u);
}

int hs_calibration_compute(hs_calibration *c, const hs_prob *p, const int *o, size_t n,
                           size_t n_bins)
{
    bin_sums *sum;
    hs_sqsum brier = 0;
    uint64_t yes_p = 0, no_p = 0, n_yes = 0;
    size_t i, k;
    int ret = -1;

    memset(c, 0, sizeof(*c));
    c->bins = hs_calloc(n_bins, sizeof(*c->bins));
    sum = hs_calloc(n_bins, sizeof(*sum));
    if (!c->bins || !sum)
        goto cleanup;
    c->n_bins = n_bins;
    c->n = n;
    for (k = 0; k < n_bins; k++) {
        c->bins[k].lo = (double)k / (double)n_bins;
        c->bins[k].hi = (double)(k + 1) / (double)n_bins;
        /* an empty bin has no mean and no share: NaN, never 0 */
        c->bins[k].mean_p = c->bins[k].observed = NAN;
        c->bins[k].obs_low = c->bins[k].obs_high = NAN;
    }
    for (i = 0; i < n; i++) {
        uint64_t f = (uint64_t)p[i];
        int yes = o[i] != 0;

        k = hs_prob_bin(p[i], n_bins);
        c->bins[k].n++;
        sum[k].f += f;
        sum[k].ff += (hs_sqsum)f * f;
        sum[k].yes += (uint64_t)yes;
        sum[k].f_yes += yes ? f : 0;
        brier += hs_prob_sqerr(p[i], yes);
        n_yes += (uint64_t)yes;
        if (yes)
            yes_p += f;
        else
            no_p += f;
    }
    if (n == 0) {
        c->brier = c->rel = c->res = c->unc = c->wbv = c->wbc = NAN;
        c->base_rate = c->mean_p_yes = c->mean_p_no = c->auc = NAN;
        ret = 0;
        goto cleanup;
    }
    c->brier = hs_sqsum_mean(brier, n);
    c->base_rate = (double)n_yes / (double)n;
    c->unc = (double)n_yes * (double)(n - n_yes) / ((double)n * (double)n);
    c->mean_p_yes = n_yes > 0 ? (double)yes_p / (double)n_yes / (double)HS_PROB_ONE : NAN;
    c->mean_p_no = n_yes < n ? (double)no_p / (double)(n - n_yes) / (double)HS_PROB_ONE : NAN;
    for (k = 0; k < n_bins; k++) {
        hs_calib_bin *b = &c->bins[k];
        const bin_sums *s = &sum[k];
        double nk = (double)b->n;
        i128 d;

        if (!b->n)
            continue;
        b->mean_p = (double)s->f / nk / (double)HS_PROB_ONE;
        b->observed = (double)s->yes / nk;
        hs_wilson((double)s->yes, nk, 1.959963984540054, &b->obs_low, &b->obs_high);
        /* n_k (fbar - obar_k)^2 = (sum f - 1e9 yes)^2 / n_k, in 1e-18 */
        d = (i128)s->f - (i128)s->yes * HS_PROB_ONE;
        c->rel += sq128(d) / nk / 1e18;
        /* n_k (obar_k - obar)^2 = (N yes_k - n_k Y)^2 / (n_k N^2) */
        d = (i128)n * s->yes - (i128)b->n * n_yes;
        c->res += sq128(d) / nk / ((double)n * (double)n);
        /* sum (f - fbar)^2 = (n_k sum f^2 - (sum f)^2) / n_k, in 1e-18 */
        c->wbv += (double)((hs_sqsum)b->n * s->ff - (hs_sqsum)s->f * s->f) / nk / 1e18;
        /* 2 sum (o - obar_k)(f - fbar) = 2 (n_k sum_yes f - yes_k sum f) / n_k */
        d = (i128)b->n * s->f_yes - (i128)s->yes * s->f;
        c->wbc += 2.0 * (double)d / nk / (double)HS_PROB_ONE;
    }
    c->rel /= (double)n;
    c->res /= (double)n;
    c->wbv /= (double)n;
    c->wbc /= (double)n;
    if (hs_auc(p, o, n, &c->auc) < 0)
        goto cleanup;
    ret = 0;
cleanup:
    hs_free(sum);
    if (ret < 0)
        hs_calibration_release(c);
    return ret;
}

void hs_calibration_release(hs_calibration *c)
{
    hs_free(c->bins);
    memset(c, 0, sizeof(*c));
}
