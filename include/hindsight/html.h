/*
 * html.h - writing HTML safely: escaping for each context, links only for
 * http(s) URLs, safe page file names, numbers in the C locale.  The report
 * (site.h) writes every datum through these functions and nothing else.
 *
 * Contexts (HTML Living Standard, "Serializing HTML fragments" and the
 * WHATWG URL standard):
 *  - text and double-quoted attribute values: & < > " ' become character
 *    references; C0/C1 controls other than tab and line feed, and bytes
 *    that are not UTF-8, become U+FFFD, so no datum can open an element, an
 *    attribute or a comment, or end one;
 *  - URLs: only absolute http: and https: URLs without spaces or controls
 *    are linked (hs_html_url_ok), written as an escaped attribute value;
 *    anything else (javascript:, data:, relative paths) is shown as text.
 *
 * Ownership: functions write to a caller's stream or buffer; nothing is kept.
 */
#ifndef HINDSIGHT_HTML_H
#define HINDSIGHT_HTML_H

#include <stdio.h>
#include <stddef.h>

/* Write s escaped for HTML text or a double-quoted attribute value.  s may
 * be NULL (nothing written).  Returns 0, or -1 when the stream failed. */
int hs_html_text(FILE *out, const char *s);

/* The number of bytes hs_html_text(out, s) writes (0 for NULL). */
size_t hs_html_text_len(const char *s);

/* Is s an absolute http: or https: URL (scheme case-insensitive, a host
 * after "//", no whitespace, controls or invalid UTF-8)?  Returns 1 or 0. */
int hs_html_url_ok(const char *s);

/* Size of a page name buffer for hs_html_page_name. */
#define HS_HTML_NAME_SIZE 96

/*
 * A page file name for a thing called name, unique to it: PREFIX-SLUG-HASH
 * with SLUG the ASCII letters and digits of name lowercased, every other run
 * of bytes one '-', at most 40 characters (empty: "x"), and HASH 12 hex
 * digits of the 64-bit FNV-1a hash of name's bytes, so names that slug the
 * same ("Ann", "ann!", "Анна") still get different files.  The result has
 * only [a-z0-9-] and never '/', '.' or a leading '-': no path traversal,
 * no hidden file.  prefix is a fixed [a-z] word.  out holds
 * HS_HTML_NAME_SIZE bytes; ".html" is not added.
 */
void hs_html_page_name(const char *prefix, const char *name, char out[HS_HTML_NAME_SIZE]);

/* FNV-1a 64-bit hash of s (Fowler, Noll, Vo; offset basis
 * 14695981039346656037, prime 1099511628211). */
unsigned long long hs_html_fnv1a(const char *s);

/* v with decimals digits after a '.', whatever the locale, and never
 * "-0.000"; "–" (an en dash, U+2013) for NaN.  buf holds 64 bytes.
 * Returns buf. */
const char *hs_html_num(double v, int decimals, char buf[64]);

#endif
