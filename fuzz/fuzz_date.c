/*
 * fuzz_date.c - date and horizon parsing.  The input is tried as a whole
 * date, as a whole horizon, and split after 10 bytes as DATE HORIZON.  A
 * parsed date must format back to its text, and adding a horizon must move
 * a date forward and still format.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight/hindsight.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_date(const char *s, size_t len, hs_date *out, int *ok)
{
    char buf[HS_DATE_TEXT_SIZE];
    int y, m, d;

    *ok = hs_date_parse(s, len, out) == 0;
    if (!*ok)
        return;
    hs_date_format(*out, buf);
    if (len != 10 || memcmp(buf, s, 10) != 0)
        abort();
    hs_date_to_ymd(*out, &y, &m, &d);
    if (hs_date_from_ymd(y, m, d) != *out)
        abort();
}

static void check_horizon(const char *s, hs_horizon *h, int *ok)
{
    const char *why = NULL;
    char buf[32];

    *ok = hs_horizon_parse(s, h, &why) == 0;
    if (!*ok) {
        if (!why || !*why)
            abort();
        return;
    }
    if (h->count < 1 || h->count > HS_HORIZON_MAX_YEARS * 366)
        abort();
    hs_horizon_format(*h, buf, sizeof(buf));
    if (strcmp(buf, s) != 0 && s[0] != '0')   /* "02y" formats as "2y" */
        abort();
}

static void check_add(hs_date from, hs_horizon h)
{
    char buf[HS_DATE_TEXT_SIZE];
    hs_date to = hs_horizon_add(from, h);

    if (to <= from)
        abort();
    hs_date_format(to, buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[64];
    hs_date date;
    hs_horizon h;
    int date_ok, horizon_ok;

    check_date((const char *)data, size, &date, &date_ok);
    if (size >= sizeof(text))
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (strlen(text) != size)
        return 0;   /* a NUL inside cannot reach the parsers from argv */
    check_horizon(text, &h, &horizon_ok);
    if (horizon_ok) {
        check_add(hs_date_from_ymd(1, 1, 1), h);
        check_add(hs_date_from_ymd(2024, 2, 29), h);
        check_add(hs_date_from_ymd(9999, 12, 31), h);
    }
    if (size > 10) {
        check_date(text, 10, &date, &date_ok);
        check_horizon(text + 10 + (text[10] == ' '), &h, &horizon_ok);
        if (date_ok && horizon_ok)
            check_add(date, h);
    }
    return 0;
}
