/* html.c - context escaping, URL checks, page names and numbers for the
 * HTML report.  See html.h for the rules. */
#include <locale.h>
#include <strings.h>
#include <math.h>
#include <string.h>

#include "hindsight/html.h"
#include "internal.h"

#define REPLACEMENT "\xef\xbf\xbd"   /* U+FFFD */

/* What byte i of u (len bytes) becomes: NULL when it is written as it is,
 * else its replacement; *n is how many bytes that covers. */
static const char *escape_at(const unsigned char *u, size_t len, size_t i, size_t *n)
{
    unsigned long cp;

    *n = 1;
    switch (u[i]) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    default:
        if (u[i] < 0x80)
            return (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n') || u[i] == 0x7f ? REPLACEMENT
                                                                               : NULL;
        if ((*n = hs_utf8_decode(u + i, len - i, &cp)) == 0) {
            *n = 1;
            return REPLACEMENT;
        }
        return cp >= 0x80 && cp < 0xa0 ? REPLACEMENT : NULL;   /* C1 controls */
    }
}

int hs_html_text(FILE *out, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len, i = 0, start = 0;

    if (!s)
        return 0;
    len = strlen(s);
    while (i < len) {
        size_t n;
        const char *rep = escape_at(u, len, i, &n);

        if (rep) {
            if (i > start && fwrite(s + start, 1, i - start, out) != i - start)
                return -1;
            if (fputs(rep, out) == EOF)
                return -1;
            start = i + n;
        }
        i += n;
    }
    if (i > start && fwrite(s + start, 1, i - start, out) != i - start)
        return -1;
    return ferror(out) ? -1 : 0;
}

size_t hs_html_text_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len, i = 0, out = 0;

    if (!s)
        return 0;
    len = strlen(s);
    while (i < len) {
        size_t n;
        const char *rep = escape_at(u, len, i, &n);

        out += rep ? strlen(rep) : n;
        i += n;
    }
    return out;
}

int hs_html_url_ok(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t len, i, skip;

    if (!s)
        return 0;
    if (strncasecmp(s, "http://", 7) == 0)
        skip = 7;
    else if (strncasecmp(s, "https://", 8) == 0)
        skip = 8;
    else
        return 0;
    len = strlen(s);
    /* a host must follow: not empty, not a path or another slash */
    if (len == skip || s[skip] == '/' || s[skip] == '?' || s[skip] == '#')
        return 0;
    for (i = 0; i < len; i++)
        if (u[i] <= 0x20 || u[i] == 0x7f || u[i] == '\\')
            return 0;
    return hs_utf8_check(s, len) == len;
}

unsigned long long hs_html_fnv1a(const char *s)
{
    unsigned long long h = 14695981039346656037ULL;

    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

void hs_html_page_name(const char *prefix, const char *name, char out[HS_HTML_NAME_SIZE])
{
    char slug[41];
    size_t n = 0;
    int dash = 0;
    const char *p;

    for (p = name; *p && n < sizeof(slug) - 1; p++) {
        char c = *p;

        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && n > 0) {
                if (n >= sizeof(slug) - 2)
                    break;
                slug[n++] = '-';
            }
            dash = 0;
            slug[n++] = c;
        } else {
            dash = 1;
        }
    }
    if (n == 0)
        slug[n++] = 'x';
    slug[n] = '\0';
    snprintf(out, HS_HTML_NAME_SIZE, "%s-%s-%012llx", prefix, slug,
             hs_html_fnv1a(name) & 0xffffffffffffULL);
}

const char *hs_html_num(double v, int decimals, char buf[64])
{
    static locale_t c_loc;
    locale_t old = (locale_t)0;

    if (isnan(v)) {
        strcpy(buf, "\xe2\x80\x93");
        return buf;
    }
    if (!c_loc)
        c_loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (c_loc)
        old = uselocale(c_loc);
    snprintf(buf, 64, "%.*f", decimals, fabs(v) < 0.5 * pow(10, -decimals) ? 0.0 : v);
    if (c_loc)
        uselocale(old);
    return buf;
}
