/*
 * test_prob.c - exact probabilities (prob.h) and everything that compares
 * them: parsing, stance flips, calibration bins, group ranks, AUC and
 * Kendall's tau.  Expected values are computed here in plain integer
 * arithmetic on hundredths (or by brute force), never with hs_prob.
 */
#include <gsl/gsl_rng.h>
#include <stdint.h>
#include <stdlib.h>

#include "hindsight/hindsight.h"
#include "tests.h"

static int parse(const char *s, hs_prob *p)
{
    return hs_prob_parse(s, strlen(s), p);
}

static void test_parse_exact(void)
{
    static const struct {
        const char *text;
        int rc;
        hs_prob want;
    } cases[] = {
        {"0.2", HS_PROB_EXACT, 200000000},
        {".2", HS_PROB_EXACT, 200000000},
        {"0.29", HS_PROB_EXACT, 290000000},
        {"1", HS_PROB_EXACT, 1000000000},
        {"1.", HS_PROB_EXACT, 1000000000},
        {"1.000", HS_PROB_EXACT, 1000000000},
        {"0", HS_PROB_EXACT, 0},
        {"-0", HS_PROB_EXACT, 0},
        {"-0.0e7", HS_PROB_EXACT, 0},
        {"+0.5", HS_PROB_EXACT, 500000000},
        {"00.5", HS_PROB_EXACT, 500000000},
        {"2.5e-1", HS_PROB_EXACT, 250000000},
        {"25E-2", HS_PROB_EXACT, 250000000},
        {"0.025e1", HS_PROB_EXACT, 250000000},
        {"10e-1", HS_PROB_EXACT, 1000000000},
        {"0.000000001", HS_PROB_EXACT, 1},
        {"0.123456789", HS_PROB_EXACT, 123456789},
        {"0.1000000000000", HS_PROB_EXACT, 100000000},    /* only zeros dropped */
        /* more than 9 places: half to even on the 9th */
        {"0.1234567885", HS_PROB_ROUNDED, 123456788},
        {"0.1234567895", HS_PROB_ROUNDED, 123456790},
        {"0.12345678850001", HS_PROB_ROUNDED, 123456789},
        {"0.1234567884999", HS_PROB_ROUNDED, 123456788},
        {"0.0000000005", HS_PROB_ROUNDED, 0},
        {"0.0000000015", HS_PROB_ROUNDED, 2},
        {"0.99999999951", HS_PROB_ROUNDED, 1000000000},
        {"5e-324", HS_PROB_ROUNDED, 0},
        {"1e-400", HS_PROB_ROUNDED, 0},
        /* errors */
        {"1.0000000001", HS_PROB_ERANGE, 0},   /* above 1 before rounding */
        {"1.3", HS_PROB_ERANGE, 0},
        {"-0.1", HS_PROB_ERANGE, 0},
        {"2", HS_PROB_ERANGE, 0},
        {"1e999", HS_PROB_ERANGE, 0},
        {"1e99999999999999999999", HS_PROB_ERANGE, 0},
        {"30%", HS_PROB_EPERCENT, 0},
        {"", HS_PROB_ESYNTAX, 0},
        {".", HS_PROB_ESYNTAX, 0},
        {" 0.2", HS_PROB_ESYNTAX, 0},
        {"0.2 ", HS_PROB_ESYNTAX, 0},
        {"0,2", HS_PROB_ESYNTAX, 0},
        {"nan", HS_PROB_ESYNTAX, 0},
        {"inf", HS_PROB_ESYNTAX, 0},
        {"0x1p-2", HS_PROB_ESYNTAX, 0},
        {"1e", HS_PROB_ESYNTAX, 0},
        {"e5", HS_PROB_ESYNTAX, 0},
        {"0.2e+", HS_PROB_ESYNTAX, 0},
        {"%", HS_PROB_ESYNTAX, 0},
        {"3%0", HS_PROB_ESYNTAX, 0},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        hs_prob p = -1;
        int rc = parse(cases[i].text, &p);

        if (rc != cases[i].rc || (rc >= 0 && p != cases[i].want) || (rc < 0 && p != -1)) {
            fprintf(stderr, "%s:%d: parse '%s' = %d, %lld; want %d, %lld\n", __FILE__,
                    __LINE__, cases[i].text, rc, (long long)p, cases[i].rc,
                    (long long)cases[i].want);
            test_failed = 1;
        }
    }
    /* the length bounds the text: "0.25" of "0.255" */
    {
        hs_prob p;

        CHECK(hs_prob_parse("0.255", 4, &p) == 0 && p == 250000000);
    }
}

static void test_format_and_double(void)
{
    char buf[HS_PROB_TEXT_MAX];
    hs_prob p;

    CHECK_STR(hs_prob_format(0, buf), "0");
    CHECK_STR(hs_prob_format(HS_PROB_ONE, buf), "1");
    CHECK_STR(hs_prob_format(200000000, buf), "0.2");
    CHECK_STR(hs_prob_format(123456789, buf), "0.123456789");
    CHECK_STR(hs_prob_format(1, buf), "0.000000001");
    /* every hundredth reads back as itself and as strtod's double */
    for (p = 0; p <= HS_PROB_ONE; p += HS_PROB_ONE / 100) {
        hs_prob back;

        hs_prob_format(p, buf);
        CHECK(parse(buf, &back) == 0 && back == p);
        CHECK(hs_prob_to_double(p) == strtod(buf, NULL));
    }
}

/* The equalities of issue 10 that binary doubles break. */
static void test_equal_on_paper(void)
{
    /* 0.2 and 1 - 0.8; 0.1 and 1 - 0.9 */
    CHECK(hs_prob_yes(P(0.8), 0) == P(0.2));
    CHECK(hs_prob_yes(P(0.9), 0) == P(0.1));
    CHECK(hs_prob_yes(P(0.7), 0) == P(0.3));
    /* 0.3^2 and (0.7 - 1)^2 */
    CHECK(hs_prob_sqerr(P(0.3), 0) == hs_prob_sqerr(P(0.7), 1));
    CHECK(hs_prob_sqerr(hs_prob_yes(P(0.7), 0), 0) == hs_prob_sqerr(P(0.3), 0));
    /* 0.29 * 100 is 29, so 0.29 is in bin 29 of 100 */
    CHECK(hs_prob_bin(P(0.29), 100) == 29);
    CHECK(hs_prob_bin(hs_prob_yes(P(0.8), 0), 5) == 1);
}

/* Group means compared exactly: mean {0.01, 0.81} = 0.82 / 2 = 0.41 and
 * mean {0.64, 0.64, 0.36, 0} = 1.64 / 4 = 0.41 are equal; 0.40 = 0.80 / 2
 * of {0.16, 0.64} is lower. */
static void test_mean_cmp(void)
{
    hs_sqsum a = (hs_sqsum)hs_prob_sqerr(P(0.9), 1) + hs_prob_sqerr(P(0.1), 1);
    hs_sqsum b = (hs_sqsum)hs_prob_sqerr(P(0.8), 0) + hs_prob_sqerr(hs_prob_yes(P(0.8), 0), 1) +
                 hs_prob_sqerr(P(0.6), 0) + hs_prob_sqerr(HS_PROB_ONE, 1);
    hs_sqsum c = (hs_sqsum)hs_prob_sqerr(P(0.4), 0) + hs_prob_sqerr(P(0.2), 1);

    CHECK(a == (hs_sqsum)82 * (HS_SQERR_ONE / 100));
    CHECK(b == (hs_sqsum)164 * (HS_SQERR_ONE / 100));
    CHECK(hs_mean_cmp(a, 2, b, 4) == 0);
    CHECK(hs_mean_cmp(b, 4, a, 2) == 0);
    CHECK(hs_mean_cmp(c, 2, a, 2) < 0);
    CHECK(hs_mean_cmp(a, 2, c, 2) > 0);
    /* the doubles of equal means are equal, whatever the count */
    CHECK(hs_sqsum_mean(a, 2) == hs_sqsum_mean(b, 4));
    CHECK_NEAR(hs_sqsum_mean(a, 2), 0.41, 1e-16);
    CHECK(isnan(hs_sqsum_mean(0, 0)));
    /* a mean of a third is below 0.3333333333333334 and above 0.3333333333 */
    CHECK(hs_mean_cmp(HS_SQERR_ONE, 3, (hs_sqsum)333333333 * 1000000000, 1) > 0);
}

/* A run built by hand: forecaster names, questions and exact p_yes. */
typedef struct fake_run {
    hs_dataset ds;
    hs_run run;
} fake_run;

static int fake_init(fake_run *f, size_t n)
{
    memset(f, 0, sizeof(*f));
    f->ds.forecasts = calloc(n, sizeof(*f->ds.forecasts));
    f->run.items = calloc(n, sizeof(*f->run.items));
    f->ds.n_forecasts = f->run.n = n;
    f->run.ds = &f->ds;
    return f->ds.forecasts && f->run.items ? 0 : -1;
}

static void fake_set(fake_run *f, size_t i, const char *who, size_t question, hs_prob p_yes,
                     int outcome)
{
    hs_scored *s = &f->run.items[i];

    f->ds.forecasts[i].forecaster = (char *)who;
    f->ds.forecasts[i].question = question;
    s->p_yes = s->p_stance = p_yes;
    s->res.status = outcome ? HS_YES : HS_NO;
    s->res.deadline_stated = 1;
    s->sqerr = hs_prob_sqerr(p_yes, outcome);
    s->brier = hs_sqerr_to_double(s->sqerr);
    s->log_score = hs_log_score(p_yes, outcome);
}

static void fake_release(fake_run *f)
{
    free(f->ds.forecasts);
    free(f->run.items);
}

/* Equal-on-paper means share a rank, written as stance flips. */
static void test_group_ranks_share(void)
{
    fake_run f;
    hs_groups g;
    hs_group_options o;
    size_t i;

    if (fake_init(&f, 8) < 0) {
        test_failed = 1;
        return;
    }
    /* A: 0.01 + 0.81 -> 0.41 */
    fake_set(&f, 0, "A", 0, P(0.9), 1);
    fake_set(&f, 1, "A", 1, P(0.1), 1);
    /* B: p_yes 1 - 0.2 = 0.8 (no): 0.64; 1 - 0.8 (yes): 0.64; 0.6 (no):
     * 0.36; 1 (yes): 0 -> 1.64 / 4 = 0.41 */
    fake_set(&f, 2, "B", 0, hs_prob_yes(P(0.2), 0), 0);
    fake_set(&f, 3, "B", 1, hs_prob_yes(P(0.8), 0), 1);
    fake_set(&f, 4, "B", 2, P(0.6), 0);
    fake_set(&f, 5, "B", 3, HS_PROB_ONE, 1);
    /* C: 0.16 + 0.64 -> 0.40, the best */
    fake_set(&f, 6, "C", 0, hs_prob_yes(P(0.6), 0), 0);
    fake_set(&f, 7, "C", 1, P(0.2), 1);
    hs_group_options_init(&o);
    o.bootstrap = 0;
    CHECK(hs_groups_compute(&g, &f.run, HS_BY_FORECASTER, &o) == 0);
    CHECK(g.n == 3);
    if (g.n == 3) {
        CHECK_STR(g.items[0].name, "C");
        CHECK(g.items[0].rank == 1);
        CHECK_STR(g.items[1].name, "A");     /* tie broken by name */
        CHECK_STR(g.items[2].name, "B");
        CHECK(g.items[1].rank == 2 && g.items[2].rank == 2);
        CHECK(g.items[1].brier == g.items[2].brier);
        CHECK_NEAR(g.items[1].brier, 0.41, 1e-16);
        CHECK_NEAR(g.items[0].brier, 0.40, 1e-16);
        for (i = 0; i < 3; i++)
            CHECK(g.items[i].ci_state == HS_CI_OFF);
    }
    hs_groups_release(&g);
    fake_release(&f);
}

/* Bins for every K from 2 to 100: floor(h * K / 100) for a value of h
 * hundredths, the last bin holding 1. */
static void test_bin_edges_every_k(void)
{
    static const struct {
        const char *text;
        int stance_yes;
        long hundredths;        /* the probability of yes, on paper */
    } v[] = {
        {"0.1", 1, 10}, {"0.29", 1, 29}, {"0.57", 1, 57}, {"0.58", 1, 58},
        {"0.8", 0, 20}, {"0.9", 0, 10}, {"1", 1, 100}, {"0", 0, 100}, {"0", 1, 0},
        {"0.14", 1, 14}, {"0.7", 0, 30}, {"0.01", 0, 99},
    };
    size_t k, i;

    for (k = 2; k <= 100; k++) {
        for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
            hs_prob p, yes;
            long want = v[i].hundredths * (long)k / 100;
            hs_calibration c;
            int o = 0;

            if (want >= (long)k)
                want = (long)k - 1;
            CHECK(parse(v[i].text, &p) == 0);
            yes = hs_prob_yes(p, v[i].stance_yes);
            if (hs_prob_bin(yes, k) != (size_t)want) {
                fprintf(stderr, "%s:%d: K %zu: '%s' (stance %s) in bin %zu, want %ld\n",
                        __FILE__, __LINE__, k, v[i].text, v[i].stance_yes ? "yes" : "no",
                        hs_prob_bin(yes, k), want);
                test_failed = 1;
            }
            /* and the calibration table puts it there */
            if (hs_calibration_compute(&c, &yes, &o, 1, k) < 0) {
                test_failed = 1;
                continue;
            }
            CHECK(c.bins[want].n == 1);
            hs_calibration_release(&c);
        }
    }
}

/* Brute force, exact: twice the Mann-Whitney U over all yes/no pairs. */
static uint64_t brute_wins2(const hs_prob *p, const int *o, size_t n, uint64_t *pos,
                            uint64_t *neg)
{
    uint64_t w = 0;
    size_t i, j;

    *pos = *neg = 0;
    for (i = 0; i < n; i++)
        o[i] ? (*pos)++ : (*neg)++;
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            if (o[i] && !o[j])
                w += p[i] > p[j] ? 2 : p[i] == p[j] ? 1 : 0;
    return w;
}

/* Brute force Kendall tau-b from pair counts. */
static double brute_tau(const int64_t *x, const int64_t *y, size_t n)
{
    int64_t c = 0, d = 0, tx = 0, ty = 0;
    size_t i, j;

    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
            int sx = (x[i] > x[j]) - (x[i] < x[j]), sy = (y[i] > y[j]) - (y[i] < y[j]);

            if (sx == 0 && sy == 0)
                continue;
            if (sx == 0)
                tx++;
            else if (sy == 0)
                ty++;
            else if (sx == sy)
                c++;
            else
                d++;
        }
    }
    if (c + d + tx == 0 || c + d + ty == 0)
        return NAN;
    return (double)(c - d) / sqrt((double)(c + d + tx) * (double)(c + d + ty));
}

static void test_auc_tau_brute_force(void)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    hs_prob p[80];
    int64_t x[80], y[80];
    int o[80], t;
    size_t i, n;

    gsl_rng_set(r, 1945);
    for (t = 0; t < 500; t++) {
        uint64_t pos, neg, w;
        double auc, tau, want;

        n = 1 + gsl_rng_uniform_int(r, 80);
        for (i = 0; i < n; i++) {
            p[i] = P(0.05) * (hs_prob)gsl_rng_uniform_int(r, 21);   /* ties */
            o[i] = (int)gsl_rng_uniform_int(r, 2);
            x[i] = (int64_t)gsl_rng_uniform_int(r, 1 + t % 12);
            y[i] = (int64_t)gsl_rng_uniform_int(r, 1 + t % 7) - 3;
        }
        w = brute_wins2(p, o, n, &pos, &neg);
        CHECK(hs_auc(p, o, n, &auc) == 0);
        want = pos && neg ? (double)w / (2.0 * (double)pos * (double)neg) : NAN;
        CHECK((isnan(auc) && isnan(want)) || auc == want);
        CHECK(hs_kendall_tau(x, y, n, &tau) == 0);
        want = n < 2 ? NAN : brute_tau(x, y, n);
        if (!((isnan(tau) && isnan(want)) || fabs(tau - want) <= 1e-15)) {
            fprintf(stderr, "%s:%d: trial %d: tau %.17g, brute force %.17g\n", __FILE__,
                    __LINE__, t, tau, want);
            test_failed = 1;
        }
    }
    gsl_rng_free(r);
}

/*
 * 300 random data sets whose probabilities are written as decimal text on
 * bin edges (multiples of 1/K for the K of the set), stated as "yes" or as
 * "no" (so p_yes = 1 - q), and heavy with ties.  The test knows each
 * probability of yes as an integer h of hundredths of hundredths (1e-4)
 * and checks against exact integer and rational arithmetic on h:
 *   bins      floor(h K / 10^4)
 *   ranks     group means of (h - 10^4 o)^2 compared by cross-multiplying
 *   AUC       twice the Mann-Whitney U over all pairs, divided once
 *   tau       Kendall's tau-b from all pairs, on the group ranks of two
 *             scorings (stated stances, and every stance flipped)
 */
#define R_MAX 120
#define R_GROUPS 9

static void text_of(long h, char *buf, size_t size)
{
    if (h == 10000)
        snprintf(buf, size, "1");
    else
        snprintf(buf, size, "0.%04ld", h);
}

/* Competition ranks of groups by exact mean sum/n (1e-8 units), ties
 * sharing, unranked (no forecasts) 0; order by mean then name index. */
static void exact_ranks(const uint64_t *sum, const uint64_t *cnt, size_t ng, size_t *rank)
{
    size_t i, j;

    for (i = 0; i < ng; i++) {
        rank[i] = 0;
        if (!cnt[i])
            continue;
        rank[i] = 1;
        for (j = 0; j < ng; j++)
            if (cnt[j] && (unsigned __int128)sum[j] * cnt[i] < (unsigned __int128)sum[i] * cnt[j])
                rank[i]++;
    }
}

static void test_random_exact(void)
{
    static const char *const names[R_GROUPS] = {"g0", "g1", "g2", "g3", "g4",
                                                "g5", "g6", "g7", "g8"};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    int t, bad_bins = 0, bad_ranks = 0, bad_auc = 0, bad_tau = 0;

    gsl_rng_set(r, 300);
    for (t = 0; t < 300; t++) {
        fake_run f, flip;
        size_t n = 2 + gsl_rng_uniform_int(r, R_MAX - 1), k = 2 + gsl_rng_uniform_int(r, 99);
        size_t ng = 2 + gsl_rng_uniform_int(r, R_GROUPS - 1), i, j;
        long h[R_MAX];
        int o[R_MAX];
        hs_prob pyes[R_MAX];
        uint64_t sum[R_GROUPS] = {0}, cnt[R_GROUPS] = {0}, fsum[R_GROUPS] = {0};
        size_t want_rank[R_GROUPS], want_frank[R_GROUPS], group[R_MAX];
        size_t want_bin_n[101] = {0};
        hs_calibration c;
        hs_groups g, gf;
        hs_group_options opt;
        uint64_t w = 0, pos = 0, neg = 0;
        double auc;

        if (fake_init(&f, n) < 0 || fake_init(&flip, n) < 0) {
            test_failed = 1;
            break;
        }
        for (i = 0; i < n; i++) {
            /* a value on an edge of 1/K (rounded to 1e-4 when 1/K has no
             * short decimal), or one of a few values, for ties */
            long q, hy;
            char text[16];
            hs_prob parsed;
            int stance_yes = (int)gsl_rng_uniform_int(r, 2);

            if (gsl_rng_uniform_int(r, 3)) {
                size_t e = gsl_rng_uniform_int(r, k + 1);

                q = (long)((e * 10000 + k / 2) / k);
            } else {
                static const long few[] = {0, 1000, 2000, 2900, 3000, 5700, 5800, 8000, 10000};

                q = few[gsl_rng_uniform_int(r, sizeof(few) / sizeof(few[0]))];
            }
            text_of(q, text, sizeof(text));
            CHECK(parse(text, &parsed) == 0 && parsed == (hs_prob)q * 100000);
            hy = stance_yes ? q : 10000 - q;       /* on paper */
            h[i] = hy;
            o[i] = (int)gsl_rng_uniform_int(r, 2);
            group[i] = gsl_rng_uniform_int(r, ng);
            pyes[i] = hs_prob_yes(parsed, stance_yes);
            fake_set(&f, i, names[group[i]], i, pyes[i], o[i]);
            fake_set(&flip, i, names[group[i]], i, HS_PROB_ONE - pyes[i], o[i]);
            sum[group[i]] += (uint64_t)((hy - 10000 * o[i]) * (hy - 10000 * o[i]));
            fsum[group[i]] += (uint64_t)((10000 - hy - 10000 * o[i]) * (10000 - hy - 10000 * o[i]));
            cnt[group[i]]++;
            want_bin_n[hy * (long)k / 10000 >= (long)k ? k - 1 : (size_t)(hy * (long)k / 10000)]++;
        }
        /* bins */
        if (hs_calibration_compute(&c, pyes, o, n, k) < 0) {
            test_failed = 1;
        } else {
            for (j = 0; j < k; j++)
                bad_bins += c.bins[j].n != want_bin_n[j];
            /* AUC */
            for (i = 0; i < n; i++)
                o[i] ? pos++ : neg++;
            for (i = 0; i < n; i++)
                for (j = 0; j < n; j++)
                    if (o[i] && !o[j])
                        w += h[i] > h[j] ? 2 : h[i] == h[j] ? 1 : 0;
            auc = pos && neg ? (double)w / (2.0 * (double)pos * (double)neg) : NAN;
            bad_auc += !((isnan(auc) && isnan(c.auc)) || auc == c.auc);
            hs_calibration_release(&c);
        }
        /* ranks */
        exact_ranks(sum, cnt, ng, want_rank);
        exact_ranks(fsum, cnt, ng, want_frank);
        hs_group_options_init(&opt);
        opt.bootstrap = 0;
        if (hs_groups_compute(&g, &f.run, HS_BY_FORECASTER, &opt) < 0 ||
            hs_groups_compute(&gf, &flip.run, HS_BY_FORECASTER, &opt) < 0) {
            test_failed = 1;
        } else {
            int64_t x[R_GROUPS], y[R_GROUPS], wx[R_GROUPS], wy[R_GROUPS];
            size_t m = 0;
            double tau, want;

            for (i = 0; i < g.n; i++) {
                size_t gi = (size_t)(g.items[i].name[1] - '0');

                bad_ranks += g.items[i].rank != want_rank[gi];
            }
            for (i = 0; i < gf.n; i++) {
                size_t gi = (size_t)(gf.items[i].name[1] - '0');

                bad_ranks += gf.items[i].rank != want_frank[gi];
            }
            /* tau between the two rankings: through the library on the
             * ranks it gave, against brute force on the exact ranks */
            for (i = 0; i < g.n; i++) {
                for (j = 0; j < gf.n && strcmp(gf.items[j].name, g.items[i].name) != 0; j++)
                    ;
                if (j == gf.n || !g.items[i].rank)
                    continue;
                x[m] = (int64_t)g.items[i].rank;
                y[m] = (int64_t)gf.items[j].rank;
                wx[m] = (int64_t)want_rank[g.items[i].name[1] - '0'];
                wy[m] = (int64_t)want_frank[g.items[i].name[1] - '0'];
                m++;
            }
            want = m < 2 ? NAN : brute_tau(wx, wy, m);
            if (hs_kendall_tau(x, y, m, &tau) < 0)
                test_failed = 1;
            bad_tau += !((isnan(tau) && isnan(want)) || fabs(tau - want) <= 1e-15);
            hs_groups_release(&g);
            hs_groups_release(&gf);
        }
        fake_release(&f);
        fake_release(&flip);
    }
    CHECK(bad_bins == 0);
    CHECK(bad_ranks == 0);
    CHECK(bad_auc == 0);
    CHECK(bad_tau == 0);
    gsl_rng_free(r);
}

TEST_TABLE(prob_tests) = {
    {"parse_exact", test_parse_exact},
    {"format_and_double", test_format_and_double},
    {"equal_on_paper", test_equal_on_paper},
    {"mean_cmp", test_mean_cmp},
    {"group_ranks_share", test_group_ranks_share},
    {"bin_edges_every_k", test_bin_edges_every_k},
    {"auc_tau_brute_force", test_auc_tau_brute_force},
    {"random_exact", test_random_exact},
    {NULL, NULL},
};
