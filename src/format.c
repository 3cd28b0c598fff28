/* format.c - shortest round-trip numbers, visible control characters, and
 * a JSON writer that uses both. */
#include <jansson.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "hindsight/alloc.h"
#include "hindsight/format.h"
#include "internal.h"

/* The "C" locale, so numbers use '.' even when an embedding program set a
 * comma-decimal locale; NULL if unavailable.  glibc hands out a static
 * object for "C", so nothing is allocated. */
static locale_t c_locale(void)
{
    static locale_t loc;

    if (!loc)
        loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    return loc;
}

/* Does "%.{digits}g" of v read back as v, bit for bit?  Leaves the text in buf. */
static int round_trips(double v, int digits, char *buf)
{
    double back;
    /* %.17g is at most 24 bytes ("-1.2345678901234567e-308"); the check
     * tells the compiler so */
    int n = snprintf(buf, HS_DOUBLE_TEXT_SIZE, "%.*g", digits > 17 ? 17 : digits, v);

    if (n < 0 || n >= HS_DOUBLE_TEXT_SIZE)
        return 0;
    back = strtod(buf, NULL);
    return memcmp(&back, &v, sizeof(v)) == 0;
}

char *hs_format_double(double v, char *buf)
{
    locale_t c_loc, old;
    int lo = 1, hi = 17;

    if (isnan(v))
        return strcpy(buf, "nan");
    if (isinf(v))
        return strcpy(buf, v < 0 ? "-inf" : "inf");
    if (v == 0)
        return strcpy(buf, "0");
    c_loc = c_locale();
    old = c_loc ? uselocale(c_loc) : (locale_t)0;
    /* If N digits read back, so do N + 1 (each is the correctly rounded
     * value nearer still): search for the least N; 17 always reads back. */
    while (lo < hi) {
        int mid = (lo + hi) / 2;

        if (round_trips(v, mid, buf))
            hi = mid;
        else
            lo = mid + 1;
    }
    round_trips(v, lo, buf);
    /* "%g" turns 100 into "1e+02" (fewer digits than the exponent): write
     * whole numbers below 1e16 in full, as Python's repr() does; the digits
     * are the same, so the value reads back the same. */
    {
        char *e = strchr(buf, 'e');
        int x = e ? atoi(e + 1) : 0;

        if (e && x >= 0 && x < 16)
            snprintf(buf, HS_DOUBLE_TEXT_SIZE, "%.*f", lo - 1 - x > 0 ? lo - 1 - x : 0, v);
    }
    if (c_loc)
        uselocale(old);
    return buf;
}

/* Bidirectional formatting characters: they reorder how the rest of a line
 * is shown ("Trojan Source", CVE-2021-42574), so text never carries them raw. */
static int is_bidi_control(unsigned long c)
{
    return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2066 && c <= 0x2069);
}

/* How the character at s is shown: 0 as it is, 4 as \xNN (a byte that is
 * not UTF-8), 6 as \uXXXX; *cp and *len get the code point and its length. */
static size_t escape_at(const unsigned char *s, size_t n, unsigned flags, unsigned long *cp,
                        size_t *len)
{
    utf8proc_category_t cat;

    *len = hs_utf8_decode(s, n, cp);
    if (*len == 0) {
        *len = 1;
        *cp = s[0];
        return 4;
    }
    if (*cp < 0x20 || (*cp >= 0x7f && *cp <= 0x9f) || *cp == 0x2028 || *cp == 0x2029 ||
        is_bidi_control(*cp))
        return 6;
    if (!(flags & HS_ESCAPE_MARKS) || *cp < 0xa0)
        return 0;
    cat = utf8proc_category((utf8proc_int32_t)*cp);
    return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
                   cat == UTF8PROC_CATEGORY_ME || cat == UTF8PROC_CATEGORY_ZS ||
                   cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP
               ? 6
               : 0;
}

int hs_text_needs_escape(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, n, len;
    unsigned long cp;

    /* printable ASCII, the common case, needs no decoding */
    while (u[i] >= 0x20 && u[i] < 0x7f)
        i++;
    if (!u[i])
        return 0;
    n = i + strlen(s + i);
    while (i < n) {
        if (escape_at(u + i, n - i, 0, &cp, &len))
            return 1;
        i += len;
    }
    return 0;
}

char *hs_escape(const char *s, size_t len, size_t max_chars, unsigned flags)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, o = 0, chars = 0, n, esc;
    unsigned long cp;
    /* each input byte gives at most 6 output bytes, each character at most 6 */
    char *out = hs_malloc((max_chars && max_chars < len ? max_chars : len) * 6 + 4);

    if (!out)
        return NULL;
    while (i < len && (!max_chars || chars < max_chars)) {
        esc = escape_at(u + i, len - i, flags, &cp, &n);
        if (esc == 4)
            o += (size_t)sprintf(out + o, "\\x%02X", u[i]);
        else if (esc)
            o += (size_t)sprintf(out + o, "\\u%04lX", cp);
        else {
            memcpy(out + o, u + i, n);
            o += n;
        }
        i += n;
        chars++;
    }
    if (i < len) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
    return out;
}

char *hs_text_escape(const char *s)
{
    if (!hs_text_needs_escape(s))
        return (char *)s;
    return hs_escape(s, strlen(s), 0, 0);
}

/* ---- JSON ---- */

/* Objects are written in the order their keys were added, which is the
 * order jansson iterates them in from 2.14 on (Debian 12 and later); older
 * versions iterate in hash order. */
#if JANSSON_VERSION_HEX < 0x020e00
#error "hindsight needs jansson 2.14 or later (objects iterate in insertion order)"
#endif

static int put_indent(FILE *out, size_t depth)
{
    size_t k;

    if (fputc('\n', out) == EOF)
        return -1;
    for (k = 0; k < depth * 2; k++)
        if (fputc(' ', out) == EOF)
            return -1;
    return 0;
}

/* A JSON string literal, escaped by jansson. */
static int put_string(FILE *out, const char *s, size_t len)
{
    json_t *str = json_stringn_nocheck(s, len);
    int rc = -1;

    if (str && json_dumpf(str, out, JSON_ENCODE_ANY) == 0)
        rc = 0;
    json_decref(str);
    return rc;
}

static int put_value(const json_t *v, FILE *out, size_t depth)
{
    char buf[HS_DOUBLE_TEXT_SIZE + 2];

    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *item;
        size_t i = 0;

        if (json_object_size(v) == 0)
            return fputs("{}", out) < 0 ? -1 : 0;
        if (fputc('{', out) == EOF)
            return -1;
        json_object_foreach((json_t *)v, key, item) {
            if ((i++ && fputc(',', out) == EOF) || put_indent(out, depth + 1) < 0 ||
                put_string(out, key, strlen(key)) < 0 || fputs(": ", out) < 0 ||
                put_value(item, out, depth + 1) < 0)
                return -1;
        }
        if (put_indent(out, depth) < 0)
            return -1;
        return fputc('}', out) == EOF ? -1 : 0;
    }
    case JSON_ARRAY: {
        size_t i;

        if (json_array_size(v) == 0)
            return fputs("[]", out) < 0 ? -1 : 0;
        if (fputc('[', out) == EOF)
            return -1;
        for (i = 0; i < json_array_size(v); i++)
            if ((i && fputc(',', out) == EOF) || put_indent(out, depth + 1) < 0 ||
                put_value(json_array_get(v, i), out, depth + 1) < 0)
                return -1;
        if (put_indent(out, depth) < 0)
            return -1;
        return fputc(']', out) == EOF ? -1 : 0;
    }
    case JSON_STRING:
        return put_string(out, json_string_value(v), json_string_length(v));
    case JSON_INTEGER:
        return fprintf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v)) < 0 ? -1 : 0;
    case JSON_REAL:
        hs_format_double(json_real_value(v), buf);
        if (!strpbrk(buf, ".e"))
            strcat(buf, ".0");
        return fputs(buf, out) < 0 ? -1 : 0;
    case JSON_TRUE:
        return fputs("true", out) < 0 ? -1 : 0;
    case JSON_FALSE:
        return fputs("false", out) < 0 ? -1 : 0;
    default:
        return fputs("null", out) < 0 ? -1 : 0;
    }
}

int hs_json_write(const json_t *v, FILE *out)
{
    return put_value(v, out, 0);
}
