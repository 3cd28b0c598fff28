/*
 * prob.c - exact decimal probabilities (prob.h).
 */
#include <math.h>
#include <string.h>

#include "hindsight/prob.h"

/* An exponent beyond this only decides between "0" and "out of range";
 * clamping it keeps the arithmetic below in range. */
#define EXP_CLAMP 100000L

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/*
 * The number is sign, digits D = d[0..n) (integer and fraction digits run
 * together) and the count pp of digits that stand before the decimal point
 * after the exponent is applied: value = 0.D * 10^pp.
 */
int hs_prob_parse(const char *s, size_t len, hs_prob *out)
{
    size_t i = 0, int_start, int_end, frac_start = 0, frac_end = 0, first, k;
    long exp10 = 0, pp;
    int negative = 0, has_digit = 0, rounded = 0;
    hs_prob v = 0;

    if (i < len && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    int_start = i;
    while (i < len && is_digit(s[i]))
        i++;
    int_end = i;
    has_digit = int_end > int_start;
    frac_start = frac_end = i;
    if (i < len && s[i] == '.') {
        frac_start = ++i;
        while (i < len && is_digit(s[i]))
            i++;
        frac_end = i;
        has_digit |= frac_end > frac_start;
    }
    if (!has_digit)
        return HS_PROB_ESYNTAX;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        int eneg = 0, edigit = 0;

        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        for (; i < len && is_digit(s[i]); i++) {
            edigit = 1;
            if (exp10 < EXP_CLAMP)
                exp10 = exp10 * 10 + (s[i] - '0');
        }
        if (!edigit)
            return HS_PROB_ESYNTAX;
        if (eneg)
            exp10 = -exp10;
    }
    if (i < len && s[i] == '%' && i + 1 == len)
        return HS_PROB_EPERCENT;
    if (i != len)
        return HS_PROB_ESYNTAX;

/* The j-th digit of D, j < (int_end - int_start) + (frac_end - frac_start). */
#define DIGIT(j) ((j) < int_end - int_start ? s[int_start + (j)]                \
                                            : s[frac_start + (j) - (int_end - int_start)])
    {
        size_t n = (int_end - int_start) + (frac_end - frac_start);

        /* Leading zeros carry no value: skip them, moving the point. */
        pp = (long)(int_end - int_start) + exp10;
        for (first = 0; first < n && DIGIT(first) == '0'; first++)
            pp--;
        if (first == n) {
            *out = 0;              /* zero, however written ("-0.0e5") */
            return HS_PROB_EXACT;
        }
        /* Now DIGIT(first) is not 0 and value = 0.D[first..] * 10^pp. */
        if (negative || pp > 1)
            return HS_PROB_ERANGE;
        if (pp == 1) {
            /* One integer digit: only 1 followed by zeros is in range. */
            if (DIGIT(first) != '1')
                return HS_PROB_ERANGE;
            for (k = first + 1; k < n; k++)
                if (DIGIT(k) != '0')
                    return HS_PROB_ERANGE;
            *out = HS_PROB_ONE;
            return HS_PROB_EXACT;
        }
        /* pp <= 0: D[first] stands at decimal place -pp + 1 (1-based).
         * Keep places 1..9, round on the rest. */
        {
            long place = -pp + 1;   /* decimal place of DIGIT(first) */
            size_t j = first;

            for (long q = 1; q <= HS_PROB_DIGITS; q++) {
                int d = 0;

                if (q >= place && j < n) {
                    d = DIGIT(j) - '0';
                    j++;
                }
                v = v * 10 + d;
            }
            if (place > HS_PROB_DIGITS + 1) {
                /* Every digit is past the 10th place: below half a unit. */
                rounded = 1;
            } else if (j < n) {
                /* DIGIT(j) is at place 10, the first one dropped. */
                int half = DIGIT(j) - '0', sticky = 0;

                rounded = 1;
                for (k = j + 1; k < n && !sticky; k++)
                    sticky = DIGIT(k) != '0';
                if (half > 5 || (half == 5 && (sticky || (v & 1))))
                    v++;
                if (half == 0 && !sticky)
                    rounded = 0;    /* only trailing zeros were dropped */
            }
        }
    }
#undef DIGIT
    *out = v;
    return rounded ? HS_PROB_ROUNDED : HS_PROB_EXACT;
}

double hs_prob_to_double(hs_prob p)
{
    return (double)p / (double)HS_PROB_ONE;
}

char *hs_prob_format(hs_prob p, char *buf)
{
    int i;

    if (p <= 0 || p >= HS_PROB_ONE) {
        strcpy(buf, p <= 0 ? "0" : "1");
        return buf;
    }
    buf[0] = '0';
    buf[1] = '.';
    for (i = HS_PROB_DIGITS; i >= 1; i--) {
        buf[1 + i] = (char)('0' + p % 10);
        p /= 10;
    }
    for (i = 1 + HS_PROB_DIGITS; buf[i] == '0'; i--)
        ;
    buf[i + 1] = '\0';
    return buf;
}

double hs_sqerr_to_double(hs_sqerr sq)
{
    return (double)sq / 1e18;
}

int hs_mean_cmp(hs_sqsum a, size_t na, hs_sqsum b, size_t nb)
{
    /* a/na < b/nb  <=>  a*nb < b*na.  a <= na * 1e18, so a*nb <= na*nb*1e18,
     * which fits in 128 bits while na*nb < 3.4e20. */
    hs_sqsum l = a * (hs_sqsum)nb, r = b * (hs_sqsum)na;

    return l < r ? -1 : l > r;
}

static hs_sqsum gcd128(hs_sqsum a, hs_sqsum b)
{
    while (b) {
        hs_sqsum t = a % b;

        a = b;
        b = t;
    }
    return a;
}

double hs_sqsum_mean(hs_sqsum sum, size_t n)
{
    hs_sqsum g, q, r, d = n;

    if (n == 0)
        return NAN;
    g = gcd128(sum, d);
    if (g > 1) {
        sum /= g;
        d /= g;
    }
    q = sum / d;                 /* <= 1e18: each term is */
    r = sum % d;
    return ((double)(uint64_t)q + (double)r / (double)d) / 1e18;
}
