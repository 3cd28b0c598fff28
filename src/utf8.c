/* utf8.c - UTF-8 validation, positions and display width. */
#include <string.h>
#include <utf8proc.h>

#include "hindsight/alloc.h"
#include "internal.h"
#include "hindsight/table.h"

size_t hs_utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
    size_t len, k;
    unsigned long c;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        len = 2, c = s[0] & 0x1f;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        len = 3, c = s[0] & 0x0f;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        len = 4, c = s[0] & 0x07;
    else
        return 0;
    if (len > n)
        return 0;
    for (k = 1; k < len; k++) {
        if ((s[k] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (s[k] & 0x3f);
    }
    if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
        (len == 4 && (c < 0x10000 || c > 0x10ffff)))
        return 0;
    *cp = c;
    return len;
}

size_t hs_utf8_check(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        unsigned long cp;
        size_t n;

        if (u[i] < 0x80) {
            i++;
            continue;
        }
        n = hs_utf8_decode(u + i, len - i, &cp);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

/* Could s[0..n) (n < 4) begin a valid sequence that more bytes complete? */
static int utf8_prefix(const unsigned char *s, size_t n)
{
    size_t need, k;

    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        need = 2;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        need = 3;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        need = 4;
    else
        return 0;
    if (n >= need)
        return 0;
    for (k = 1; k < n; k++)
        if ((s[k] & 0xc0) != 0x80)
            return 0;
    return 1;
}

size_t hs_utf8_scan(const char *s, size_t len, int final, size_t *complete)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    *complete = len;
    while (i < len) {
        unsigned long cp;
        size_t n;

        if (u[i] == 0)
            return i;
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        n = hs_utf8_decode(u + i, len - i, &cp);
        if (n == 0) {
            if (!final && len - i < 4 && utf8_prefix(u + i, len - i)) {
                *complete = i;
                return len;
            }
            return i;
        }
        i += n;
    }
    return len;
}

/* One grapheme cluster (UAX #29, utf8proc) starting at s[i], n bytes in s:
 * its length in bytes and, in *width, its display width: the sum of its
 * code points' widths (utf8proc_charwidth: East Asian wide and fullwidth
 * 2, combining marks and other zero-width characters 0), at most 2 (an
 * emoji joined by ZWJ, a flag of two regional indicators fill two
 * columns).  A byte that is not UTF-8 is a cluster of width 1. */
static size_t grapheme_at(const unsigned char *s, size_t i, size_t n, size_t *width)
{
    utf8proc_int32_t state = 0, prev = -1;
    size_t start = i, w = 0;

    while (i < n) {
        unsigned long cp;
        size_t k = hs_utf8_decode(s + i, n - i, &cp);

        if (k == 0) {
            if (i == start) {
                i++;
                w = 1;
            }
            break;
        }
        if (prev >= 0 &&
            utf8proc_grapheme_break_stateful(prev, (utf8proc_int32_t)cp, &state))
            break;
        prev = (utf8proc_int32_t)cp;
        {
            int cw = utf8proc_charwidth((utf8proc_int32_t)cp);

            w += cw > 0 ? (size_t)cw : 0;
        }
        i += k;
    }
    *width = w > 2 ? 2 : w;
    return i - start;
}

size_t hs_utf8_width(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, w = 0, n;

    /* ASCII, the common case: each printable character one column, a
     * control character none (as utf8proc_charwidth has them) */
    for (n = 0; u[n] && u[n] < 0x80; n++)
        w += u[n] >= 0x20 && u[n] < 0x7f;
    if (!u[n])
        return w;
    w = 0;
    n += strlen(s + n);
    while (i < n) {
        size_t cw;

        i += grapheme_at(u, i, n, &cw);
        w += cw;
    }
    return w;
}

#define ELLIPSIS "\xE2\x80\xA6"   /* U+2026, one column wide */

char *hs_utf8_shorten(const char *s, size_t width, int middle)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i, nc = 0, head_end = 0, head_w = 0, tail_start = n,
           tail_w = 0, budget, k;
    size_t *off = NULL, *cw = NULL;
    char *out = NULL;

    if (width == 0 || hs_utf8_width(s) <= width)
        return hs_strdup(s);
    /* the clusters' offsets and widths, so the tail can be walked back */
    off = hs_malloc((n + 1) * sizeof(*off));
    cw = hs_malloc((n + 1) * sizeof(*cw));
    if (!off || !cw)
        goto cleanup;
    for (i = 0; i < n; nc++) {
        off[nc] = i;
        i += grapheme_at(u, i, n, &cw[nc]);
    }
    off[nc] = n;
    budget = width - 1;   /* the ellipsis takes one column */
    /* the head: half the budget (the larger half) in the middle form */
    for (k = 0; k < nc && head_w + cw[k] <= (middle ? budget - budget / 2 : budget); k++)
        head_w += cw[k];
    head_end = off[k];
    if (middle) {
        size_t j = nc;

        while (j > k && head_w + tail_w + cw[j - 1] <= budget)
            tail_w += cw[--j];
        tail_start = off[j];
    }
    if (!(out = hs_malloc(head_end + sizeof(ELLIPSIS) + (n - tail_start))))
        goto cleanup;
    memcpy(out, s, head_end);
    memcpy(out + head_end, ELLIPSIS, sizeof(ELLIPSIS) - 1);
    memcpy(out + head_end + sizeof(ELLIPSIS) - 1, s + tail_start, n - tail_start);
    out[head_end + sizeof(ELLIPSIS) - 1 + n - tail_start] = '\0';
cleanup:
    hs_free(off);
    hs_free(cw);
    return out;
}
