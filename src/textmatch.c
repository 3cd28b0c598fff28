/* textmatch.c - quotes against their article: normalise, find, closest. */
#include <string.h>
#include <unicode/uchar.h>

#include "hindsight/alloc.h"
#include "hindsight/textmatch.h"
#include "internal.h"

static int single_quote(uint32_t c)
{
    return c == 0x27 || c == 0x2018 || c == 0x2019 || c == 0x201a || c == 0x201b ||
           c == 0x2039 || c == 0x203a || c == 0x2032;
}

static int push(hs_ntext *nt, size_t *alloc, uint32_t c, size_t off)
{
    if (nt->n + 2 > *alloc) {
        size_t na = *alloc ? *alloc * 2 : 64;
        uint32_t *cp = hs_realloc(nt->cp, na * sizeof(*cp));
        size_t *orig;

        if (!cp)
            return -1;
        nt->cp = cp;
        if (!(orig = hs_realloc(nt->orig, na * sizeof(*orig))))
            return -1;
        nt->orig = orig;
        *alloc = na;
    }
    nt->cp[nt->n] = c;
    nt->orig[nt->n++] = off;
    return 0;
}

int hs_ntext_init(hs_ntext *nt, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, alloc = 0, end = 0;
    int space = 0;

    memset(nt, 0, sizeof(*nt));
    nt->src = s;
    nt->src_len = len;
    while (i < len) {
        unsigned long c;
        size_t k = hs_utf8_decode(u + i, len - i, &c);
        int r = 0;

        if (k == 0)
            goto fail;
        if (u_isUWhiteSpace((UChar32)c)) {
            space = nt->n > 0;
            i += k;
            continue;
        }
        if (space && (r = push(nt, &alloc, ' ', end)) < 0)
            goto fail;
        space = 0;
        if (u_hasBinaryProperty((UChar32)c, UCHAR_QUOTATION_MARK))
            r = push(nt, &alloc, single_quote((uint32_t)c) ? '\'' : '"', i);
        else if (u_charType((UChar32)c) == U_DASH_PUNCTUATION)
            r = push(nt, &alloc, '-', i);
        else if (c == 0x2026)
            r = push(nt, &alloc, '.', i) || push(nt, &alloc, '.', i) || push(nt, &alloc, '.', i);
        else
            r = push(nt, &alloc, (uint32_t)u_tolower((UChar32)c), i);
        if (r < 0)
            goto fail;
        i += k;
        end = i;
    }
    if (push(nt, &alloc, 0, end) < 0)   /* orig[n] = end of the last one */
        goto fail;
    nt->n--;
    return 0;
fail:
    hs_ntext_release(nt);
    return -1;
}

void hs_ntext_release(hs_ntext *nt)
{
    hs_free(nt->cp);
    hs_free(nt->orig);
    memset(nt, 0, sizeof(*nt));
}

/* Byte offset just after the original character of normalised position k. */
static size_t char_end(const hs_ntext *nt, size_t k)
{
    unsigned long c;
    size_t off = nt->orig[k], n = hs_utf8_decode((const unsigned char *)nt->src + off,
                                                 nt->src_len - off, &c);

    return off + (n ? n : 1);
}

/* Naive search of needle[a..b) in hay from position from. */
static size_t find_part(const hs_ntext *hay, const uint32_t *p, size_t m, size_t from)
{
    size_t i;

    if (m == 0 || m > hay->n)
        return (size_t)-1;
    for (i = from; i + m <= hay->n; i++)
        if (hay->cp[i] == p[0] && memcmp(hay->cp + i, p, m * sizeof(*p)) == 0)
            return i;
    return (size_t)-1;
}

/* Is there an ellipsis ("...") at needle position k? */
static int ellipsis_at(const hs_ntext *q, size_t k)
{
    return k + 3 <= q->n && q->cp[k] == '.' && q->cp[k + 1] == '.' && q->cp[k + 2] == '.';
}

int hs_quote_find(const hs_ntext *hay, const char *quote, size_t *start, size_t *end)
{
    return hs_quote_find_from(hay, quote, 0, start, end);
}

int hs_quote_find_from(const hs_ntext *hay, const char *quote, size_t after, size_t *start,
                       size_t *end)
{
    hs_ntext q;
    size_t k = 0, from = 0, first = (size_t)-1, last = 0;
    int found = 1;

    if (hs_ntext_init(&q, quote, strlen(quote)) < 0)
        return -1;
    while (from < hay->n && hay->orig[from] < after)
        from++;
    while (k < q.n) {
        size_t a, b, at;

        while (k < q.n && (ellipsis_at(&q, k) || q.cp[k] == ' '))
            k += ellipsis_at(&q, k) ? 3 : 1;
        a = k;
        while (k < q.n && !ellipsis_at(&q, k))
            k++;
        b = k;
        while (b > a && q.cp[b - 1] == ' ')
            b--;
        if (b == a)
            continue;
        at = find_part(hay, q.cp + a, b - a, from);
        if (at == (size_t)-1) {
            found = 0;
            break;
        }
        if (first == (size_t)-1)
            first = at;
        last = at + (b - a);
        from = last;
    }
    if (first == (size_t)-1)
        found = 0;
    if (found) {
        *start = hay->orig[first];
        *end = char_end(hay, last - 1);
    }
    hs_ntext_release(&q);
    return found;
}

int hs_quote_closest(const hs_ntext *hay, const char *quote, size_t *start, size_t *end,
                     size_t *edits)
{
    hs_ntext q;
    size_t *cost = NULL, *from = NULL, i, j, m, best = (size_t)-1, best_end = 0, best_from = 0;
    int rc = -1;

    if (hs_ntext_init(&q, quote, strlen(quote)) < 0)
        return -1;
    m = q.n;
    if (m == 0 || hay->n == 0)
        goto out;
    cost = hs_malloc((m + 1) * sizeof(*cost));
    from = hs_malloc((m + 1) * sizeof(*from));
    if (!cost || !from)
        goto out;
    /* column j: cost of matching q[0..j) ending at the current hay position;
     * a match may start anywhere, so row 0 is always 0. */
    for (j = 0; j <= m; j++)
        cost[j] = j, from[j] = 0;
    for (i = 1; i <= hay->n; i++) {
        size_t diag = cost[0], diag_from = from[0];

        cost[0] = 0;
        from[0] = i;
        for (j = 1; j <= m; j++) {
            size_t up = cost[j], up_from = from[j];
            size_t sub = diag + (hay->cp[i - 1] != q.cp[j - 1]);
            size_t c = sub, f = diag_from;

            if (up + 1 < c)             /* skip a character of the article */
                c = up + 1, f = up_from;
            if (cost[j - 1] + 1 < c)    /* skip a character of the quote */
                c = cost[j - 1] + 1, f = from[j - 1];
            diag = up, diag_from = up_from;
            cost[j] = c, from[j] = f;
        }
        if (cost[m] < best)
            best = cost[m], best_end = i, best_from = from[m];
    }
    if (best_end <= best_from)
        best_end = best_from + 1 <= hay->n ? best_from + 1 : hay->n;
    *start = hay->orig[best_from];
    *end = char_end(hay, best_end - 1);
    *edits = best;
    rc = 0;
out:
    hs_free(cost);
    hs_free(from);
    hs_ntext_release(&q);
    return rc;
}

void hs_text_position(const char *s, size_t off, unsigned long *line, unsigned long *column)
{
    size_t i;

    *line = 1;
    *column = 1;
    for (i = 0; i < off && s[i]; i++) {
        if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n')) {
            (*line)++;
            *column = 1;
        } else if (((unsigned char)s[i] & 0xc0) != 0x80 && s[i] != '\r') {
            (*column)++;
        }
    }
}
