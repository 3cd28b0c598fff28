/* stats.c - bootstrap, intervals, rank statistics, Brier decomposition. */
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/stats.h"

double hs_log_score(double p_yes, int outcome)
{
    double p = outcome ? p_yes : 1.0 - p_yes;

    if (p < HS_LOG_CLIP)
        p = HS_LOG_CLIP;
    if (p > 1.0 - HS_LOG_CLIP)
        p = 1.0 - HS_LOG_CLIP;
    return -log(p);
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

double hs_auc(const double *p, const int *o, size_t n)
{
    double wins = 0;
    size_t i, j, pos = 0, neg = 0;

    for (i = 0; i < n; i++)
        o[i] ? pos++ : neg++;
    if (!pos || !neg)
        return NAN;
    /* O(n^2) is plenty for expert-sized sets and obviously right. */
    for (i = 0; i < n; i++) {
        if (!o[i])
            continue;
        for (j = 0; j < n; j++) {
            if (o[j])
                continue;
            wins += p[i] > p[j] ? 1.0 : p[i] == p[j] ? 0.5 : 0.0;
        }
    }
    return wins / ((double)pos * (double)neg);
}

double hs_kendall_tau(const double *x, const double *y, size_t n)
{
    double concordant = 0, discordant = 0, tie_x = 0, tie_y = 0;
    size_t i, j;

    if (n < 2)
        return NAN;
    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
            double dx = x[i] - x[j], dy = y[i] - y[j];

            if (dx == 0 && dy == 0)
                continue;
            if (dx == 0)
                tie_x++;
            else if (dy == 0)
                tie_y++;
            else if ((dx > 0) == (dy > 0))
                concordant++;
            else
                discordant++;
        }
    }
    if ((concordant + discordant + tie_x) == 0 || (concordant + discordant + tie_y) == 0)
        return NAN;
    return (concordant - discordant) /
           sqrt((concordant + discordant + tie_x) * (concordant + discordant + tie_y));
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

int hs_calibration_compute(hs_calibration *c, const double *p, const int *o, size_t n,
                           size_t n_bins)
{
    double *sum_p, *sum_o;
    size_t *bin_of, i, k;
    double yes_p = 0, no_p = 0, n_yes = 0;
    int ret = -1;

    memset(c, 0, sizeof(*c));
    c->bins = hs_calloc(n_bins, sizeof(*c->bins));
    sum_p = hs_calloc(n_bins, sizeof(double));
    sum_o = hs_calloc(n_bins, sizeof(double));
    bin_of = hs_calloc(n + 1, sizeof(size_t));
    if (!c->bins || !sum_p || !sum_o || !bin_of)
        goto cleanup;
    c->n_bins = n_bins;
    c->n = n;
    for (k = 0; k < n_bins; k++) {
        c->bins[k].lo = (double)k / (double)n_bins;
        c->bins[k].hi = (double)(k + 1) / (double)n_bins;
    }
    for (i = 0; i < n; i++) {
        k = (size_t)(p[i] * (double)n_bins);
        if (k >= n_bins)
            k = n_bins - 1;   /* p == 1 belongs to the last bin */
        bin_of[i] = k;
        c->bins[k].n++;
        sum_p[k] += p[i];
        sum_o[k] += o[i];
        c->brier += (p[i] - o[i]) * (p[i] - o[i]);
        n_yes += o[i];
        if (o[i])
            yes_p += p[i];
        else
            no_p += p[i];
    }
    if (n == 0) {
        c->brier = c->rel = c->res = c->unc = c->wbv = c->wbc = NAN;
        c->base_rate = c->mean_p_yes = c->mean_p_no = c->auc = NAN;
        ret = 0;
        goto cleanup;
    }
    c->brier /= (double)n;
    c->base_rate = n_yes / (double)n;
    c->unc = c->base_rate * (1 - c->base_rate);
    c->mean_p_yes = n_yes > 0 ? yes_p / n_yes : NAN;
    c->mean_p_no = n_yes < (double)n ? no_p / ((double)n - n_yes) : NAN;
    for (k = 0; k < n_bins; k++) {
        hs_calib_bin *b = &c->bins[k];

        if (!b->n) {
            b->mean_p = b->observed = NAN;
            b->obs_low = b->obs_high = NAN;
            continue;
        }
        b->mean_p = sum_p[k] / (double)b->n;
        b->observed = sum_o[k] / (double)b->n;
        hs_wilson(sum_o[k], (double)b->n, 1.959963984540054, &b->obs_low, &b->obs_high);
        c->rel += (double)b->n * (b->mean_p - b->observed) * (b->mean_p - b->observed);
        c->res += (double)b->n * (b->observed - c->base_rate) * (b->observed - c->base_rate);
    }
    for (i = 0; i < n; i++) {
        const hs_calib_bin *b = &c->bins[bin_of[i]];

        c->wbv += (p[i] - b->mean_p) * (p[i] - b->mean_p);
        c->wbc += 2 * (o[i] - b->observed) * (p[i] - b->mean_p);
    }
    c->rel /= (double)n;
    c->res /= (double)n;
    c->wbv /= (double)n;
    c->wbc /= (double)n;
    c->auc = hs_auc(p, o, n);
    ret = 0;
cleanup:
    hs_free(sum_p);
    hs_free(sum_o);
    hs_free(bin_of);
    if (ret < 0)
        hs_calibration_release(c);
    return ret;
}

void hs_calibration_release(hs_calibration *c)
{
    hs_free(c->bins);
    memset(c, 0, sizeof(*c));
}
