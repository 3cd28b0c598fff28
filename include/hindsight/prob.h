/*
 * prob.h - exact probabilities and exact Brier scores.
 *
 * A probability is stored as an integer count of 1e-9 (hs_prob), parsed
 * from its decimal text without ever passing through a binary double, so
 * that values equal on paper are equal in the program: 0.2 and 1 - 0.8,
 * 0.3^2 and (0.7 - 1)^2, 0.29 * 100.  Every comparison, tie, sort, rank
 * and calibration bin of a probability or a score is made on these
 * integers; a double is made only at the end, for printing, logarithms and
 * skill (docs/scoring.md states the rule for users).
 *
 *   hs_prob    probability in units of 1e-9, 0 ..= HS_PROB_ONE
 *   hs_sqerr   a squared error (p_yes - o)^2 in units of 1e-18, exact:
 *              |p_yes - o| <= 1e9 units, so the square is <= 1e18 < 2^63
 *   hs_sqsum   a sum of squared errors, exact for up to 3e20 terms
 *
 * Group means S/n are compared exactly by cross-multiplication
 * (hs_mean_cmp); two groups whose means are equal as rational numbers
 * compare equal and share a rank.  Nothing here allocates or prints.
 */
#ifndef HINDSIGHT_PROB_H
#define HINDSIGHT_PROB_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t hs_prob;
#define HS_PROB_ONE INT64_C(1000000000)
#define HS_PROB_DIGITS 9                 /* decimal places kept exactly */
/* Longest text hs_prob_format() writes, with its NUL: "0.123456789". */
#define HS_PROB_TEXT_MAX 12

/* What hs_prob_parse() returns. */
enum hs_prob_result {
    HS_PROB_EXACT = 0,        /* the text is the value, exactly */
    HS_PROB_ROUNDED = 1,      /* more than 9 decimal places: rounded half to
                                 even to 9 (a value, not an error; the loaders
                                 warn once per file) */
    HS_PROB_ESYNTAX = -1,     /* not a plain decimal number: empty, spaces,
                                 "nan", "inf", hex, a comma, stray text */
    HS_PROB_ERANGE = -2,      /* a number outside [0, 1] (judged on the
                                 exact value, before any rounding) */
    HS_PROB_EPERCENT = -3     /* a number followed by '%': write 0.3, not 30% */
};

/*
 * Parse the decimal number s[0..len) exactly (s need not be NUL-terminated).
 * Accepted: an optional sign, digits with an optional '.', at least one
 * digit ("0.25", ".25", "1.", "+0.5", "-0" = 0), and an optional exponent
 * ("2.5e-1", "25E-2"), applied exactly as a shift of the decimal point.
 * Digits beyond the 9th decimal place are rounded half to even
 * (0.1234567885 -> 0.123456788) and HS_PROB_ROUNDED is returned.
 * Returns HS_PROB_EXACT or HS_PROB_ROUNDED with *out set, or a negative
 * enum hs_prob_result with *out untouched.  Callers that do not care about
 * rounding test `< 0` for an error.
 */
int hs_prob_parse(const char *s, size_t len, hs_prob *out);

/* The nearest double to p / 1e9 (correctly rounded: both are exact doubles
 * and IEEE division rounds once), so 0.2 parsed here and strtod("0.2")
 * give the same double. */
double hs_prob_to_double(hs_prob p);

/* The shortest exact decimal text of p ("0", "1", "0.2", "0.123456789")
 * into buf, which holds HS_PROB_TEXT_MAX bytes.  Returns buf. */
char *hs_prob_format(hs_prob p, char *buf);

/* Probability of "yes" from confidence p in a stance: p for "yes",
 * HS_PROB_ONE - p for "no", exactly. */
static inline hs_prob hs_prob_yes(hs_prob p_stance, int stance_yes)
{
    return stance_yes ? p_stance : HS_PROB_ONE - p_stance;
}

/* Calibration bin of p among k equal bins [i/k, (i+1)/k) of [0, 1], with 1
 * in the last bin: floor(p * k) in integer arithmetic, so 0.29 is in bin
 * 29 of 100 and 0.2 = 1 - 0.8 in bin 1 of 5.  1 <= k < 1.8e10 (so that
 * p * k fits in 64 bits). */
static inline size_t hs_prob_bin(hs_prob p, size_t k)
{
    size_t b = (size_t)(((uint64_t)p * (uint64_t)k) / (uint64_t)HS_PROB_ONE);

    return b >= k ? k - 1 : b;
}

/* Squared error (p_yes - o)^2 in units of 1e-18; o is 1 for yes, 0 for no. */
typedef uint64_t hs_sqerr;
#define HS_SQERR_ONE UINT64_C(1000000000000000000)

static inline hs_sqerr hs_prob_sqerr(hs_prob p_yes, int outcome)
{
    int64_t d = p_yes - (outcome ? HS_PROB_ONE : 0);

    return (uint64_t)(d * d);
}

/* Squared error (p_yes - o)^2 in units of 1e-18 for an outcome o in
 * [0, 1] (units of 1e-9, a graded outcome), exactly. */
static inline hs_sqerr hs_prob_sqerr_to(hs_prob p_yes, hs_prob o)
{
    int64_t d = p_yes - o;

    return (uint64_t)(d * d);
}

/* An exact sum of squared errors (units of 1e-18). */
__extension__ typedef unsigned __int128 hs_sqsum;

/* The nearest double to sq / 1e18, within one unit in the last place
 * (correctly rounded when sq has at most 53 significant bits, as it does for
 * probabilities of up to six significant digits). */
double hs_sqerr_to_double(hs_sqerr sq);

/* Compare the exact means a/na and b/nb: -1, 0 or 1.  na, nb > 0 and
 * na * nb < 3.4e20 (then a * nb fits in 128 bits). */
int hs_mean_cmp(hs_sqsum a, size_t na, hs_sqsum b, size_t nb);

/* The mean sum/n (units of 1e-18) as a double, NaN when n is 0.  The
 * fraction is first reduced to lowest terms, so equal means give the same
 * double whatever their n; the result is within two units in the last
 * place of the exact value. */
double hs_sqsum_mean(hs_sqsum sum, size_t n);

#endif
