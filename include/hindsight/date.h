/*
 * date.h - calendar dates and horizons.
 *
 * A date is a count of days since 1970-01-01 in the proleptic Gregorian
 * calendar, so comparisons are integer comparisons.  Valid years are
 * 0001-9999.
 */
#ifndef HINDSIGHT_DATE_H
#define HINDSIGHT_DATE_H

#include <stddef.h>

typedef long hs_date;

#define HS_DATE_TEXT_SIZE 16 /* "YYYY-MM-DD" and NUL, with room for years past 9999 */

/* Parse exactly "YYYY-MM-DD" (len bytes, no NUL needed) into *out.
 * Returns 0, or -1 when the text is not a real calendar date. */
int hs_date_parse(const char *s, size_t len, hs_date *out);
/* Write "YYYY-MM-DD" into buf (HS_DATE_TEXT_SIZE bytes).  A default deadline
 * can pass 9999: it is then written with a five-digit year. */
void hs_date_format(hs_date d, char buf[HS_DATE_TEXT_SIZE]);
/* Parse NUL-terminated s exactly as hs_date_format() writes a date, a
 * five-digit year past 9999 included (a default deadline's; group names
 * such as 'score --by question-date''s "ID@YYYY-MM-DD" carry it).  Returns 0,
 * or -1 when s is not such a date. */
int hs_date_parse_formatted(const char *s, hs_date *out);
hs_date hs_date_from_ymd(int y, int m, int d);
void hs_date_to_ymd(hs_date date, int *y, int *m, int *d);

/* A horizon: how far after a forecast's made date its deadline falls when
 * the speaker gave none. */
typedef struct hs_horizon {
    long count;     /* 1 ... HS_HORIZON_MAX_DAYS-ish, per unit */
    char unit;      /* 'y', 'm' or 'd' */
} hs_horizon;

#define HS_HORIZON_MAX_YEARS 100

/* Parse "18m", "2y", "730d".  Returns 0, or -1 with a reason in *why (a
 * static string) when the text is not a horizon of 1 day to 100 years. */
int hs_horizon_parse(const char *s, hs_horizon *out, const char **why);
/* date + horizon; month and year steps clamp to the month's last day
 * (2024-02-29 + 1y = 2025-02-28). */
hs_date hs_horizon_add(hs_date from, hs_horizon h);
/* Format as given ("2y"); buf of at least 24 bytes. */
void hs_horizon_format(hs_horizon h, char *buf, size_t size);

#endif
