/* date.c - civil dates as day counts, and default-deadline horizons. */
#include <stdio.h>
#include <string.h>

#include "hindsight/date.h"

/* Days from 1970-01-01 to y-m-d: Howard Hinnant's days_from_civil. */
hs_date hs_date_from_ymd(int y, int m, int d)
{
    long yy = y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

void hs_date_to_ymd(hs_date date, int *y, int *m, int *d)
{
    long z = date + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long mm = mp + (mp < 10 ? 3 : -9);

    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)mm;
    *y = (int)(yoe + era * 400 + (mm <= 2));
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int hs_date_parse(const char *s, size_t len, hs_date *out)
{
    int y, m, d;
    size_t i;

    if (len != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return -1;
    *out = hs_date_from_ymd(y, m, d);
    return 0;
}

void hs_date_format(hs_date date, char buf[HS_DATE_TEXT_SIZE])
{
    int y, m, d;

    hs_date_to_ymd(date, &y, &m, &d);
    snprintf(buf, HS_DATE_TEXT_SIZE, "%04d-%02d-%02d", y, m, d);
}

int hs_date_parse_formatted(const char *s, hs_date *out)
{
    size_t len = strlen(s), i;
    int y = 0;
    char text[HS_DATE_TEXT_SIZE];
    hs_date date;

    if (len == 10)
        return hs_date_parse(s, len, out);
    /* a five-digit year: YYYYY-MM-DD, checked by writing it back */
    if (len != 11 || s[5] != '-' || s[8] != '-')
        return -1;
    for (i = 0; i < 11; i++)
        if (i != 5 && i != 8 && (s[i] < '0' || s[i] > '9'))
            return -1;
    for (i = 0; i < 5; i++)
        y = y * 10 + (s[i] - '0');
    date = hs_date_from_ymd(y, (s[6] - '0') * 10 + (s[7] - '0'), (s[9] - '0') * 10 + (s[10] - '0'));
    hs_date_format(date, text);
    if (y < 10000 || strcmp(text, s) != 0)
        return -1;
    *out = date;
    return 0;
}

int hs_horizon_parse(const char *s, hs_horizon *out, const char **why)
{
    long n = 0, max;
    const char *p = s;
    char unit;

    if (*p < '0' || *p > '9') {
        *why = "expected a positive whole number followed by y, m or d, such as '2y', '18m' or '730d'";
        return -1;
    }
    while (*p >= '0' && *p <= '9') {
        if (n > 1000000) {
            *why = "horizon is longer than 100 years";
            return -1;
        }
        n = n * 10 + (*p++ - '0');
    }
    unit = *p;
    if ((unit != 'y' && unit != 'm' && unit != 'd') || p[1] != '\0') {
        *why = "expected a positive whole number followed by y, m or d, such as '2y', '18m' or '730d'";
        return -1;
    }
    if (n == 0) {
        *why = "horizon must be at least one day";
        return -1;
    }
    max = unit == 'y' ? HS_HORIZON_MAX_YEARS
        : unit == 'm' ? HS_HORIZON_MAX_YEARS * 12
        : HS_HORIZON_MAX_YEARS * 366;
    if (n > max) {
        *why = "horizon is longer than 100 years";
        return -1;
    }
    out->count = n;
    out->unit = unit;
    return 0;
}

hs_date hs_horizon_add(hs_date from, hs_horizon h)
{
    int y, m, d;
    long months;

    if (h.unit == 'd')
        return from + h.count;
    months = h.unit == 'y' ? h.count * 12 : h.count;
    hs_date_to_ymd(from, &y, &m, &d);
    months += (long)(m - 1);
    y += (int)(months / 12);
    m = (int)(months % 12) + 1;
    if (d > days_in_month(y, m))
        d = days_in_month(y, m);
    return hs_date_from_ymd(y, m, d);
}

void hs_horizon_format(hs_horizon h, char *buf, size_t size)
{
    snprintf(buf, size, "%ld%c", h.count, h.unit);
}
