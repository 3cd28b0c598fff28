/*
 * format.h - how hindsight writes values: numbers for machines, text for
 * people, JSON documents.
 *
 * Machine formats (CSV and JSON on standard output, export's files,
 * rescore's state and history) carry every number in the shortest decimal
 * form that reads back to the same double, so nothing is lost between
 * hindsight and a script that checks it.  Text meant for a terminal or a
 * report never carries raw control characters from data, file names or
 * arguments: they are shown escaped.
 *
 * Ownership: functions returning char * or taking a buffer say so; nothing
 * here keeps a reference to its arguments.
 */
#ifndef HINDSIGHT_FORMAT_H
#define HINDSIGHT_FORMAT_H

#include <stddef.h>
#include <stdio.h>

/* Enough for any double in hs_format_double's form ("-2.2250738585072014e-308"). */
#define HS_DOUBLE_TEXT_SIZE 32

/*
 * Write v into buf (HS_DOUBLE_TEXT_SIZE bytes) as the shortest "%.Ng"
 * (N = 1..17) that strtod reads back to the same bits: 0.1 -> "0.1",
 * 1/3 -> "0.3333333333333333", 1e-9 -> "1e-09", the smallest denormal
 * -> "5e-324", 1 -> "1".  A '.' decimal point whatever the locale.
 * Negative zero is written "0" (a score of -0 means nothing); NaN is
 * "nan" and the infinities "inf" and "-inf" (the writers print those as
 * "no value" before they get here).  Returns buf.
 */
char *hs_format_double(double v, char *buf);

/*
 * The one escaping rule for text meant for people (tables, messages,
 * reports in text): a byte that is not UTF-8 is shown as "\xNN"; every
 * control character (C0 U+0000..U+001F, DEL U+007F, C1 U+0080..U+009F), the
 * Unicode line and paragraph separators (U+2028, U+2029) and the
 * bidirectional formatting characters (U+061C, U+200E, U+200F,
 * U+202A..U+202E, U+2066..U+2069) as "\uXXXX" in upper-case hex (ESC ->
 * "\u001B", a line break -> "\u000A"), so data can neither move the cursor,
 * set a terminal's title, break a table row nor reorder a line.  With
 * HS_ESCAPE_MARKS, combining marks (Mn, Mc, Me) and white space other than
 * ASCII (Zs, Zl, Zp from U+00A0 on) are shown as "\uXXXX" too, so that
 * spellings that print alike can be told apart.  Everything else,
 * backslashes included, is kept as is.
 *
 * hs_escape() escapes the len bytes at s (NUL bytes included), at most
 * max_chars characters (0: all) followed by "..." when cut; it returns a
 * new string the caller frees with hs_free(), or NULL when out of memory.
 * hs_text_escape() escapes the whole of s and returns s itself when
 * nothing needs escaping.  s must not be NULL.
 */
#define HS_ESCAPE_MARKS 1u
char *hs_escape(const char *s, size_t len, size_t max_chars, unsigned flags);
char *hs_text_escape(const char *s);

/* Does s hold a character hs_text_escape() would escape? */
int hs_text_needs_escape(const char *s);

/*
 * Write the JSON value v to out as json_dumpf(v, out, JSON_INDENT(2) |
 * JSON_PRESERVE_ORDER) would, except that every real is written by
 * hs_format_double() (with ".0" added when it reads as an integer, so a
 * real stays a real): jansson's own writer offers a fixed precision only,
 * which either loses digits (%.12g) or shows noise (%.17g: 0.1 as
 * 0.10000000000000001).  Strings are escaped by jansson.  Non-finite reals
 * cannot be built in jansson and never reach here.  No final newline.
 * Returns 0, or -1 on a write error or when out of memory.
 */
struct json_t;
int hs_json_write(const struct json_t *v, FILE *out);

#endif
