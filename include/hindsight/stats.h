/*
 * stats.h - the statistics behind hindsight's uncertainty and analyses
 * (DESIGN.md section 5).  GSL provides the random numbers, sorting and
 * quantiles; what GSL lacks (Wilson intervals, AUC, Kendall's tau, the
 * Brier decomposition) is here, each with its definition.
 *
 * Ownership: callers own every array passed in; results are plain values or
 * caller-owned structs filled in place.
 */
#ifndef HINDSIGHT_STATS_H
#define HINDSIGHT_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "prob.h"

/* Log score of one forecast: -ln(p), p the probability given to what
 * happened (exact: p_yes or HS_PROB_ONE - p_yes), clipped to
 * [HS_LOG_CLIP, 1 - HS_LOG_CLIP] so a confident miss costs at most
 * -ln(0.001) = 6.908 instead of infinity.  Lower is better. */
#define HS_LOG_CLIP (HS_PROB_ONE / 1000)
double hs_log_score(hs_prob p_yes, int outcome);
/* Log score against a graded outcome o in [0, 1] (a dated question's
 * value record): the cross-entropy -[o ln p + (1 - o) ln(1 - p)], p = p_yes
 * clipped as above.  For o = 0 or 1 it equals hs_log_score(); it is not 0
 * for a perfect forecast p = o unless o is 0 or 1 (its minimum over p is
 * the entropy of o, at p = o), so it is proper but not zero-based. */
double hs_log_score_graded(hs_prob p_yes, hs_prob o);

/* Wilson score interval for k successes in n trials at normal quantile z
 * (1.959964 for 95 %).  n == 0 gives [0, 1]. */
void hs_wilson(double k, double n, double z, double *low, double *high);

/*
 * Area under the ROC curve of exact forecasts p against outcomes o (0 or
 * 1): the Mann-Whitney probability that a random "yes" got a higher p than
 * a random "no", ties (equal p, compared exactly) counting one half
 * (Hanley and McNeil 1982).  Sorts a copy, O(n log n); the count of wins is
 * an exact integer, divided once.  *auc is NaN when either class is empty.
 * Returns 0, or -1 when out of memory.
 */
int hs_auc(const hs_prob *p, const int *o, size_t n, double *auc);

/*
 * Kendall's tau-b between two rankings given as integer keys x[i], y[i]
 * (any order-preserving codes of the values, e.g. exact probabilities or
 * ranks from exact comparisons; equal keys are ties):
 *   tau_b = (C - D) / sqrt((n0 - n1) (n0 - n2))
 * with C and D the concordant and discordant pairs, n0 = n(n-1)/2 and n1,
 * n2 the pairs tied in x and in y (Kendall 1945).  Knight's algorithm
 * (1966): sort by (x, y), count discordant pairs as the swaps of a merge
 * sort on y, O(n log n), every count exact.  *tau is NaN when n < 2 or
 * either ranking is constant.  Returns 0, or -1 when out of memory.
 */
int hs_kendall_tau(const int64_t *x, const int64_t *y, size_t n, double *tau);

/*
 * Percentile bootstrap interval for a mean Brier score that resamples whole
 * questions: the k distinct questions of the sample are drawn k times with
 * replacement and the mean is taken over every forecast of the drawn
 * questions.  question[i] identifies the question of value[i] (any ids).
 * reps replicates, seeded with seed (mt19937), level e.g. 0.95.
 * Returns 0 and sets *low, *high; 1 when fewer than 2 questions (no
 * interval); -1 when out of memory.
 */
int hs_bootstrap_mean_ci(const double *value, const size_t *question, size_t n,
                         size_t reps, unsigned long seed, double level,
                         double *low, double *high);

/*
 * The same interval from per-question sums: question j has count[j]
 * forecasts whose values add up to sum[j].  Each replicate draws k
 * questions with replacement (k uniform draws from one mt19937 stream
 * seeded with seed) and takes sum of drawn sums / sum of drawn counts.
 * hs_bootstrap_mean_ci() numbers questions in order of first appearance and
 * calls this, so both give the same interval for the same data.  Cost:
 * reps * k draws.  Returns as hs_bootstrap_mean_ci().
 */
int hs_bootstrap_cluster_ci(const double *sum, const size_t *count, size_t k, size_t reps,
                            unsigned long seed, double level, double *low, double *high);

/*
 * Cluster-robust analytic interval for the same ratio mean, questions as
 * clusters (docs/scoring.md).  With S = sum of sum[j], N = sum of
 * count[j], mean m = S / N and residual totals e_j = sum[j] - m count[j],
 * the linearization (sandwich) variance with the small-sample factor
 * k / (k - 1) (CR1; Cameron and Miller 2015, "A Practitioner's Guide to
 * Cluster-Robust Inference", J. Human Resources 50(2), sections II.C and
 * VI) is
 *   V = k / (k - 1) * sum e_j^2 / N^2
 * and the interval m -+ t sqrt(V), t the Student t quantile
 * (1 + level) / 2 with k - 1 degrees of freedom (GSL's
 * gsl_cdf_tdist_Pinv), clipped to [0, 1] (a mean Brier score cannot leave
 * it).  Cost: 2k additions, no random numbers.  Returns 0 and sets *low,
 * *high; 1 when k < 2 (no interval).
 */
int hs_cluster_t_ci(const double *sum, const size_t *count, size_t k, double level,
                    double *low, double *high);

/* Groups resting on at least this many distinct questions get
 * hs_cluster_t_ci(), fewer get the bootstrap (docs/scoring.md says why 30). */
#define HS_CI_ANALYTIC_MIN_QUESTIONS 30

/*
 * A group's interval from its per-question sums: hs_cluster_t_ci() when
 * k >= HS_CI_ANALYTIC_MIN_QUESTIONS (*analytic set to 1), otherwise
 * hs_bootstrap_cluster_ci() with reps and seed (*analytic 0).  reps == 0
 * means no interval at all.  So the cost is at most
 * reps * (HS_CI_ANALYTIC_MIN_QUESTIONS - 1) draws for a group, and 2k
 * additions for a larger one.  Returns as hs_bootstrap_cluster_ci().
 */
int hs_cluster_ci(const double *sum, const size_t *count, size_t k, size_t reps,
                  unsigned long seed, double level, double *low, double *high, int *analytic);

/*
 * Paired version for comparisons: per question q, a[q] and b[q] are two
 * forecasters' mean scores on it; the interval is for mean(a - b) over
 * questions resampled together.  Returns as hs_bootstrap_mean_ci.
 */
int hs_bootstrap_paired_ci(const double *a, const double *b, size_t n, size_t reps,
                           unsigned long seed, double level, double *low, double *high);

/* Mix a seed with a label so each group gets its own reproducible stream
 * whatever order groups are computed in. */
unsigned long hs_seed_for(unsigned long seed, const char *label);

/* One bin of a calibration table. */
typedef struct hs_calib_bin {
    double lo, hi;           /* forecast range [lo, hi) ([lo, hi] for the last):
                                k / n_bins and (k + 1) / n_bins; membership is
                                decided exactly by hs_prob_bin() */
    size_t n;
    double mean_p;           /* mean forecast in the bin */
    double observed;         /* share of "yes" */
    double obs_low, obs_high;/* Wilson 95 % interval of observed */
} hs_calib_bin;

/*
 * Calibration table and the Brier decomposition of Stephenson, Coelho and
 * Jolliffe (2008), with bins of equal width over [0, 1]:
 *   BS = REL - RES + UNC + WBV - WBC
 *   REL = 1/N sum_k n_k (fbar_k - obar_k)^2      reliability
 *   RES = 1/N sum_k n_k (obar_k - obar)^2        resolution
 *   UNC = obar (1 - obar)                        uncertainty
 *   WBV = 1/N sum_k sum_i (f_i - fbar_k)^2       within-bin variance
 *   WBC = 2/N sum_k sum_i (o_i - obar_k)(f_i - fbar_k)  within-bin covariance
 * which adds up to the Brier score exactly because each bin uses the mean
 * forecast of its members.  Forecasts are exact (prob.h): bin k holds the
 * p with floor(p * n_bins) = k in integer arithmetic (p = 1 in the last),
 * BS is the exact mean of the exact Brier terms, and each bin's share of
 * REL, RES, WBV and WBC is computed from exact integer sums before one
 * division, so terms that are 0 on paper are 0.
 */
typedef struct hs_calibration {
    hs_calib_bin *bins;      /* n_bins, owned */
    size_t n_bins;
    size_t n;
    double brier, rel, res, unc, wbv, wbc;
    double base_rate;        /* obar */
    double mean_p_yes, mean_p_no;  /* discrimination: mean p when yes / no */
    double auc;
} hs_calibration;

/* Returns 0, or -1 when out of memory. n may be 0 (all NaN). */
int hs_calibration_compute(hs_calibration *c, const hs_prob *p, const int *o, size_t n,
                           size_t n_bins);
void hs_calibration_release(hs_calibration *c);

#endif
