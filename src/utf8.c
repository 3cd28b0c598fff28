/* utf8.c - UTF-8 validation, positions and display width. */
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

static int is_wide(unsigned long c)
{
    return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) ||
           (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
           (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
           (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
           (c >= 0x20000 && c <= 0x3fffd);
}

static int is_combining(unsigned long c)
{
    return (c >= 0x0300 && c <= 0x036f) || (c >= 0x1ab0 && c <= 0x1aff) ||
           (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) ||
           (c >= 0xfe20 && c <= 0xfe2f) || c == 0x200b || c == 0x200d;
}

size_t hs_utf8_width(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, w = 0, n = 0;

    while (u[n])
        n++;
    while (i < n) {
        unsigned long cp;
        size_t k = hs_utf8_decode(u + i, n - i, &cp);

        if (k == 0) {
            w++;
            i++;
            continue;
        }
        i += k;
        w += is_combining(cp) ? 0 : is_wide(cp) ? 2 : 1;
    }
    return w;
}
