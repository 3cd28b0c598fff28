/*
 * jsonpos.c - find where a value sits in a JSON text.
 *
 * jansson gives positions for syntax errors only; a value that parses but is
 * wrong ("probability": 1.3) needs its own line and column.  The text has
 * already been accepted by jansson, so this walker only has to step over
 * valid JSON.  It runs only when a message needs a position.
 */
#include <string.h>

#include "hindsight/alloc.h"
#include "internal.h"

static size_t skip_ws(const char *t, size_t len, size_t i)
{
    while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
        i++;
    return i;
}

/* i at the opening quote; returns the index just past the closing one. */
static size_t skip_string(const char *t, size_t len, size_t i)
{
    for (i++; i < len && t[i] != '"'; i++)
        if (t[i] == '\\')
            i++;
    return i < len ? i + 1 : len;
}

static size_t skip_value(const char *t, size_t len, size_t i)
{
    size_t depth = 0;

    if (i >= len)
        return len;
    if (t[i] == '"')
        return skip_string(t, len, i);
    if (t[i] != '{' && t[i] != '[') {
        while (i < len && !strchr(",]} \t\r\n", t[i]))
            i++;
        return i;
    }
    while (i < len) {
        char c = t[i];

        if (c == '"') {
            i = skip_string(t, len, i);
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if ((c == '}' || c == ']') && --depth == 0)
            return i + 1;
        i++;
    }
    return len;
}

static int hex4(const char *s, size_t n, unsigned long *out)
{
    size_t i;

    *out = 0;
    if (n < 4)
        return -1;
    for (i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

        if (d < 0)
            return -1;
        *out = *out * 16 + (unsigned long)d;
    }
    return 0;
}

/* Does the JSON string body s[0..n) (between the quotes, escapes as
 * written) spell key?  Escapes are decoded as jansson decodes them, so
 * "probabilit\u0079" is "probability". */
static int key_equals(const char *s, size_t n, const char *key)
{
    size_t i = 0, kl = strlen(key), o = 0;

    if (!memchr(s, '\\', n))
        return n == kl && memcmp(s, key, kl) == 0;
    while (i < n) {
        unsigned char buf[4];
        size_t m = 1;

        if (s[i] != '\\') {
            buf[0] = (unsigned char)s[i++];
        } else if (i + 1 >= n) {
            return 0;            /* not valid JSON; jansson refused it */
        } else if (s[i + 1] != 'u') {
            const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
            const char *e = strchr(from, s[i + 1]);

            if (!e || !*e)
                return 0;
            buf[0] = (unsigned char)to[e - from];
            i += 2;
        } else {
            unsigned long cp, lo;

            if (hex4(s + i + 2, n - i - 2, &cp) < 0)
                return 0;
            i += 6;
            if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= n && s[i] == '\\' && s[i + 1] == 'u' &&
                hex4(s + i + 2, n - i - 2, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            }
            if (cp < 0x80) {
                buf[0] = (unsigned char)cp;
            } else if (cp < 0x800) {
                buf[0] = (unsigned char)(0xC0 | cp >> 6);
                buf[1] = (unsigned char)(0x80 | (cp & 0x3F));
                m = 2;
            } else if (cp < 0x10000) {
                buf[0] = (unsigned char)(0xE0 | cp >> 12);
                buf[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
                buf[2] = (unsigned char)(0x80 | (cp & 0x3F));
                m = 3;
            } else {
                buf[0] = (unsigned char)(0xF0 | cp >> 18);
                buf[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
                buf[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
                buf[3] = (unsigned char)(0x80 | (cp & 0x3F));
                m = 4;
            }
        }
        if (o + m > kl || memcmp(key + o, buf, m) != 0)
            return 0;
        o += m;
    }
    return o == kl;
}

/* Offset of the value of member key in the object at i (its name's offset
 * in *name_at), or len when absent. */
static size_t find_member(const char *t, size_t len, size_t i, const char *key,
                          size_t *name_at)
{
    if (i >= len || t[i] != '{')
        return len;
    i++;
    for (;;) {
        size_t k, end;

        i = skip_ws(t, len, i);
        if (i >= len || t[i] != '"')
            return len;
        k = i;
        end = skip_string(t, len, i);
        i = skip_ws(t, len, end);
        if (i >= len || t[i] != ':')
            return len;
        i = skip_ws(t, len, i + 1);
        if (end >= k + 2 && key_equals(t + k + 1, end - k - 2, key)) {
            *name_at = k;
            return i;
        }
        i = skip_ws(t, len, skip_value(t, len, i));
        if (i >= len || t[i] != ',')
            return len;
        i++;
    }
}

static size_t find_element(const char *t, size_t len, size_t i, size_t index)
{
    size_t n;

    if (i >= len || t[i] != '[')
        return len;
    i++;
    for (n = 0;; n++) {
        i = skip_ws(t, len, i);
        if (i >= len || t[i] == ']')
            return len;
        if (n == index)
            return i;
        i = skip_ws(t, len, skip_value(t, len, i));
        if (i >= len || t[i] != ',')
            return len;
        i++;
    }
}

static int is_code_point_start(char c)
{
    return ((unsigned char)c & 0xc0) != 0x80;
}

int hs_jtext_init(hs_jtext *jt, const char *text, size_t len)
{
    size_t i, alloc = 0, code_points = 0;

    jt->text = text;
    jt->len = len;
    jt->line_starts = NULL;
    jt->n_lines = 0;
    jt->marks = hs_malloc((len / HS_JTEXT_MARK + 1) * sizeof(size_t));
    if (!jt->marks)
        return -1;
    for (i = 0; i <= len; i++) {
        if (i % HS_JTEXT_MARK == 0)
            jt->marks[i / HS_JTEXT_MARK] = code_points;
        if (i == 0 || text[i - 1] == '\n') {
            if (hs_grow((void **)&jt->line_starts, &alloc, jt->n_lines + 1,
                        sizeof(size_t)) < 0)
                return -1;
            jt->line_starts[jt->n_lines++] = i;
        }
        if (i < len && is_code_point_start(text[i]))
            code_points++;
    }
    return 0;
}

void hs_jtext_release(hs_jtext *jt)
{
    hs_free(jt->line_starts);
    hs_free(jt->marks);
    jt->line_starts = NULL;
    jt->marks = NULL;
    jt->n_lines = 0;
}

/* Code points in text[0, off): from the nearest mark, so a position on a
 * long line (a minified file) costs at most HS_JTEXT_MARK steps. */
static size_t code_points_before(const hs_jtext *jt, size_t off)
{
    size_t i = off / HS_JTEXT_MARK * HS_JTEXT_MARK, n = jt->marks[off / HS_JTEXT_MARK];

    for (; i < off; i++)
        n += is_code_point_start(jt->text[i]);
    return n;
}

void hs_jtext_position(const hs_jtext *jt, size_t off, hs_pos *pos)
{
    size_t lo = 0, hi = jt->n_lines;

    /* the last line start <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;

        if (jt->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    if (off > jt->len)
        off = jt->len;
    pos->line = lo + 1;
    pos->column = code_points_before(jt, off) -
                  code_points_before(jt, jt->line_starts[lo]) + 1;
}

size_t hs_json_find(const hs_jtext *jt, size_t from, const hs_jpath *path,
                    size_t depth, int want_key)
{
    const char *text = jt->text;
    size_t len = jt->len, i = skip_ws(text, len, from), best = i, d;

    for (d = 0; d < depth; d++) {
        size_t name_at = len, next;

        if (path[d].key)
            next = find_member(text, len, i, path[d].key, &name_at);
        else
            next = find_element(text, len, i, path[d].index);
        if (next >= len)
            break;
        best = want_key && path[d].key && d + 1 == depth ? name_at : next;
        i = next;
    }
    return best;
}

int hs_json_elements(const hs_jtext *jt, size_t off, size_t **offs, size_t *n)
{
    const char *t = jt->text;
    size_t len = jt->len, i = skip_ws(t, len, off), alloc = 0;

    *offs = NULL;
    *n = 0;
    if (i >= len || t[i] != '[')
        return 0;
    i++;
    for (;;) {
        i = skip_ws(t, len, i);
        if (i >= len || t[i] == ']')
            return 0;
        if (hs_grow((void **)offs, &alloc, *n + 1, sizeof(size_t)) < 0) {
            hs_free(*offs);
            *offs = NULL;
            *n = 0;
            return -1;
        }
        (*offs)[(*n)++] = i;
        i = skip_ws(t, len, skip_value(t, len, i));
        if (i >= len || t[i] != ',')
            return 0;
        i++;
    }
}
