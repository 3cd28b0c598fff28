/*
 * names.c - control characters in text fields, the normal form of names
 * (NFC through utf8proc, surrounding white space trimmed) and warnings
 * about spellings of one name that differ only in normalisation, case or
 * white space.
 */
#include <string.h>
#include <utf8proc.h>

#include "hindsight/alloc.h"
#include "hindsight/format.h"
#include "hindsight/names.h"
#include "internal.h"

static int is_line_break(unsigned long c)
{
    return c == 0x0a || c == 0x0d || c == 0x0b || c == 0x0c || c == 0x85 ||
           c == 0x2028 || c == 0x2029;
}

/* Unicode's White_Space property: C0 spaces and line breaks, NEL, and the
 * separators (Zs, Zl, Zp) as utf8proc classifies them. */
static int is_white(unsigned long c)
{
    utf8proc_category_t cat;

    if (c == ' ' || (c >= 0x09 && c <= 0x0d) || c == 0x85)
        return 1;
    if (c < 0xa0)
        return 0;
    cat = utf8proc_category((utf8proc_int32_t)c);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP;
}

size_t hs_text_find_control(const char *s, size_t len, int multiline, unsigned long *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;

    while (i < len) {
        unsigned long c;
        size_t n;

        if (u[i] < 0x80) {
            c = u[i];
            n = 1;
        } else if ((n = hs_utf8_decode(u + i, len - i, &c)) == 0) {
            i++;
            continue;
        }
        if ((c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 ||
             c == 0x2029) &&
            !(multiline && (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029))) {
            *cp = c;
            return i;
        }
        i += n;
    }
    return len;
}

int hs_text_check(const char *what, const char *s, size_t len, int multiline,
                  const char *file, unsigned long line, unsigned long column,
                  hs_diags *diags)
{
    unsigned long cp;
    char *q;

    if (hs_text_find_control(s, len, multiline, &cp) == len)
        return 0;
    q = hs_quote_value(s, len, 80);
    hs_diags_add(diags, HS_SEV_ERROR, file, line, column,
                 "%s '%s' contains %s (U+%04lX); %s", what, q ? q : "?",
                 is_line_break(cp) ? "a line break" : cp == '\t' ? "a tab" : "a control character",
                 cp,
                 multiline ? "text may hold line breaks but no other control characters"
                           : "it must be one line without control characters");
    hs_free(q);
    return -1;
}

/* s[0..len) mapped by utf8proc with options (which must include
 * UTF8PROC_STABLE and UTF8PROC_COMPOSE), as a new string of *out_len bytes.
 * Returns 0, -1 when out of memory, -2 when s is not valid UTF-8. */
static int map(const char *s, size_t len, utf8proc_option_t options, char **out,
               size_t *out_len)
{
    utf8proc_ssize_t n, m;
    utf8proc_int32_t *buf;

    n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, NULL, 0,
                           options);
    if (n < 0)
        return n == UTF8PROC_ERROR_NOMEM ? -1 : -2;
    /* reencode writes the UTF-8 (at most 4 bytes a code point) over the
     * code points, then a NUL */
    buf = hs_malloc((size_t)n * sizeof(*buf) + 1);
    if (!buf)
        return -1;
    m = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, buf, n,
                           options);
    if (m >= 0)
        m = utf8proc_reencode(buf, m, options);
    if (m < 0) {
        hs_free(buf);
        return m == UTF8PROC_ERROR_NOMEM ? -1 : -2;
    }
    *out = (char *)buf;
    *out_len = (size_t)m;
    return 0;
}

/* Length of the white space that starts s[0..len) (front) or ends it. */
static size_t white_run(const char *s, size_t len, int front)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, end = len;

    if (front) {
        while (i < len) {
            unsigned long c;
            size_t n = hs_utf8_decode(u + i, len - i, &c);

            if (n == 0 || !is_white(c))
                break;
            i += n;
        }
        return i;
    }
    while (end > 0) {
        size_t start = end - 1;
        unsigned long c;

        while (start > 0 && (u[start] & 0xc0) == 0x80 && end - start < 4)
            start--;
        if (hs_utf8_decode(u + start, end - start, &c) != end - start || !is_white(c))
            break;
        end = start;
    }
    return len - end;
}

int hs_name_normalize(const char *s, size_t len, char **out)
{
    size_t i, front, back, n;
    char *mapped;
    int ascii = 1, rc;

    *out = NULL;
    for (i = 0; i < len && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    front = white_run(s, len, 1);
    back = front < len ? white_run(s + front, len - front, 0) : 0;
    if (ascii || hs_utf8_check(s, len) < len) {
        /* ASCII is in NFC already; text that is not UTF-8 cannot be mapped */
        if (front == 0 && back == 0)
            return 0;
        *out = hs_strndup(s + front, len - front - back);
        return *out ? 0 : -1;
    }
    rc = map(s + front, len - front - back, UTF8PROC_STABLE | UTF8PROC_COMPOSE, &mapped, &n);
    if (rc < 0)
        return -1;
    /* NFC can turn a combining mark into a character that is white space
     * only in theory; trim again to be sure the result is stable */
    front = white_run(mapped, n, 1);
    back = front < n ? white_run(mapped + front, n - front, 0) : 0;
    if (front || back) {
        memmove(mapped, mapped + front, n - front - back);
        n -= front + back;
        mapped[n] = '\0';
    }
    if (n == len && memcmp(mapped, s, len) == 0) {
        hs_free(mapped);
        return 0;
    }
    *out = mapped;
    return 0;
}

char *hs_name_normal(const char *s)
{
    char *out;

    if (hs_name_normalize(s, strlen(s), &out) < 0)
        return NULL;
    return out ? out : hs_strdup(s);
}

/* ---- look-alike spellings ---- */

enum { LOOSE_CASE = 1, LOOSE_WHITE = 2 };

/* s with the loosenings in how applied: case folded (utf8proc), white
 * space removed.  A new string, or NULL when out of memory. */
static char *loosen(const char *s, int how)
{
    size_t len = strlen(s), i, o, n;
    char *out;

    if (how & LOOSE_CASE) {
        int rc = map(s, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD, &out, &n);

        if (rc == -1)
            return NULL;
        if (rc == -2 && !(out = hs_strdup(s)))
            return NULL;
    } else if (!(out = hs_strdup(s))) {
        return NULL;
    }
    if (how & LOOSE_WHITE) {
        const unsigned char *u = (const unsigned char *)out;

        n = strlen(out);
        for (i = o = 0; i < n;) {
            unsigned long c;
            size_t k = hs_utf8_decode(u + i, n - i, &c);

            if (k == 0)
                k = 1;
            else if (is_white(c)) {
                i += k;
                continue;
            }
            memmove(out + o, out + i, k);
            o += k;
            i += k;
        }
        out[o] = '\0';
    }
    return out;
}

char *hs_name_loose(const char *s)
{
    return loosen(s, LOOSE_CASE | LOOSE_WHITE);
}

struct spelling {
    char *raw;             /* as written */
    char *normal;          /* hs_name_normal */
    char *loose;           /* normal, case folded, without white space */
    hs_pos pos;            /* where it was first written */
};

struct hs_spellings {
    struct spelling *items;
    size_t n, alloc;
    hs_strmap by_raw, by_normal, by_loose;
};

hs_spellings *hs_spellings_new(void)
{
    hs_spellings *sp = hs_calloc(1, sizeof(*sp));

    return sp;
}

void hs_spellings_free(hs_spellings *sp)
{
    size_t i;

    if (!sp)
        return;
    for (i = 0; i < sp->n; i++) {
        hs_free(sp->items[i].raw);
        hs_free(sp->items[i].normal);
        hs_free(sp->items[i].loose);
    }
    hs_free(sp->items);
    hs_strmap_release(&sp->by_raw);
    hs_strmap_release(&sp->by_normal);
    hs_strmap_release(&sp->by_loose);
    hs_free(sp);
}

/* s quoted for a message with combining marks and white space other than
 * ASCII shown as \uXXXX, so that spellings that print alike can be told
 * apart.  A new string or NULL. */
static char *quote_marks(const char *s)
{
    return hs_escape(s, strlen(s), 60, HS_ESCAPE_MARKS);
}

/* How two names with one normal form differ: in surrounding white space,
 * in Unicode normalisation, or both. */
static const char *merged_difference(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t fa = white_run(a, la, 1), fb = white_run(b, lb, 1);
    size_t ba = fa < la ? white_run(a + fa, la - fa, 0) : 0;
    size_t bb = fb < lb ? white_run(b + fb, lb - fb, 0) : 0;

    if (la - fa - ba == lb - fb - bb && memcmp(a + fa, b + fb, la - fa - ba) == 0)
        return "surrounding white space";
    if (fa == fb && ba == bb)
        return "Unicode normalisation (composed or decomposed accents)";
    return "Unicode normalisation and surrounding white space";
}

/* How two names with different normal forms but one loose key differ. */
static int loose_difference(const char *a, const char *b, const char **what)
{
    static const int tries[] = {LOOSE_CASE, LOOSE_WHITE};
    static const char *const names[] = {"case", "white space"};
    size_t k;

    for (k = 0; k < 2; k++) {
        char *x = loosen(a, tries[k]), *y = loosen(b, tries[k]);
        int same = x && y && strcmp(x, y) == 0;

        hs_free(x);
        hs_free(y);
        if (!x || !y)
            return -1;
        if (same) {
            *what = names[k];
            return 0;
        }
    }
    *what = "case and white space";
    return 0;
}

int hs_spellings_note(hs_spellings *sp, const char *what, const char *raw,
                      const char *normal, const hs_pos *pos, hs_diags *diags)
{
    struct spelling e;
    size_t i;
    int ret = -1;

    if (hs_strmap_get(&sp->by_raw, raw, &i))
        return 0;
    memset(&e, 0, sizeof(e));
    e.pos = *pos;
    e.raw = hs_strdup(raw);
    e.normal = hs_strdup(normal);
    e.loose = loosen(normal, LOOSE_CASE | LOOSE_WHITE);
    if (!e.raw || !e.normal || !e.loose ||
        hs_grow((void **)&sp->items, &sp->alloc, sp->n + 1, sizeof(e)) < 0)
        goto cleanup;
    if (hs_strmap_get(&sp->by_normal, e.normal, &i)) {
        const struct spelling *o = &sp->items[i];
        char *qa = quote_marks(raw), *qb = quote_marks(o->raw);

        hs_diags_add(diags, HS_SEV_WARNING, pos->file, pos->line, pos->column,
                     "%s '%s' differs from '%s' at %s:%lu:%lu only in %s; both are read as '%s'",
                     what, qa ? qa : "?", qb ? qb : "?", o->pos.file, o->pos.line,
                     o->pos.column, merged_difference(raw, o->raw), o->normal);
        hs_free(qa);
        hs_free(qb);
    } else if (hs_strmap_get(&sp->by_loose, e.loose, &i)) {
        const struct spelling *o = &sp->items[i];
        const char *how;
        char *qa, *qb;

        if (loose_difference(e.normal, o->normal, &how) < 0)
            goto cleanup;
        qa = quote_marks(raw);
        qb = quote_marks(o->raw);
        hs_diags_add(diags, HS_SEV_WARNING, pos->file, pos->line, pos->column,
                     "%s '%s' differs from '%s' at %s:%lu:%lu only in %s; they count as two different names: use one spelling",
                     what, qa ? qa : "?", qb ? qb : "?", o->pos.file, o->pos.line,
                     o->pos.column, how);
        hs_free(qa);
        hs_free(qb);
    }
    sp->items[sp->n] = e;
    if (hs_strmap_put(&sp->by_raw, e.raw, sp->n, NULL) < 0 ||
        hs_strmap_put(&sp->by_normal, e.normal, sp->n, NULL) < 0 ||
        hs_strmap_put(&sp->by_loose, e.loose, sp->n, NULL) < 0) {
        /* the maps borrow e's strings: keep the entry so they stay valid */
        sp->n++;
        return -1;
    }
    sp->n++;
    return 0;
cleanup:
    hs_free(e.raw);
    hs_free(e.normal);
    hs_free(e.loose);
    return ret;
}
