/* test_date.c - calendar dates and horizons. */
#include "hindsight/hindsight.h"
#include "tests.h"

static hs_date D(const char *s)
{
    hs_date d = -999999;

    hs_date_parse(s, strlen(s), &d);
    return d;
}

static void test_date_parse_valid(void)
{
    hs_date d;
    char buf[HS_DATE_TEXT_SIZE];

    CHECK(hs_date_parse("1970-01-01", 10, &d) == 0 && d == 0);
    CHECK(hs_date_parse("2000-03-01", 10, &d) == 0 && d == 11017);
    CHECK(hs_date_parse("2024-02-29", 10, &d) == 0);   /* leap year */
    CHECK(hs_date_parse("2000-02-29", 10, &d) == 0);   /* divisible by 400 */
    CHECK(hs_date_parse("0001-01-01", 10, &d) == 0);
    CHECK(hs_date_parse("9999-12-31", 10, &d) == 0);
    hs_date_format(D("2022-10-05"), buf);
    CHECK_STR(buf, "2022-10-05");
}

static void test_date_parse_invalid(void)
{
    static const char *const bad[] = {
        "2023-02-30", "2023-02-29", "1900-02-29", "0000-00-00", "0000-01-01",
        "2023-13-01", "2023-00-10", "2023-04-31", "2023-1-01", "99999-01-01",
        "2023/01/01", "", "2023-01-01x", " 2023-01-01", "abcd-ef-gh", NULL};
    size_t i;
    hs_date d;

    for (i = 0; bad[i]; i++) {
        if (hs_date_parse(bad[i], strlen(bad[i]), &d) == 0) {
            fprintf(stderr, "accepted bad date '%s'\n", bad[i]);
            test_failed = 1;
        }
    }
}

static void test_date_roundtrip(void)
{
    hs_date d;
    int y, m, dd;
    char buf[HS_DATE_TEXT_SIZE];

    /* every day from 1899 to 2101 survives date -> ymd -> date -> text -> date */
    for (d = D("1899-01-01"); d <= D("2101-12-31"); d++) {
        hs_date back;

        hs_date_to_ymd(d, &y, &m, &dd);
        hs_date_format(d, buf);
        if (hs_date_from_ymd(y, m, dd) != d || hs_date_parse(buf, 10, &back) < 0 || back != d) {
            fprintf(stderr, "round trip failed at %ld (%s)\n", d, buf);
            test_failed = 1;
            return;
        }
    }
}

static void test_horizon_parse(void)
{
    hs_horizon h;
    const char *why;

    CHECK(hs_horizon_parse("2y", &h, &why) == 0 && h.count == 2 && h.unit == 'y');
    CHECK(hs_horizon_parse("18m", &h, &why) == 0 && h.count == 18 && h.unit == 'm');
    CHECK(hs_horizon_parse("730d", &h, &why) == 0 && h.count == 730 && h.unit == 'd');
    CHECK(hs_horizon_parse("100y", &h, &why) == 0);
    CHECK(hs_horizon_parse("101y", &h, &why) < 0);
    CHECK(hs_horizon_parse("-1y", &h, &why) < 0);
    CHECK(hs_horizon_parse("0d", &h, &why) < 0);
    CHECK(hs_horizon_parse("99999999y", &h, &why) < 0);
    CHECK(hs_horizon_parse("99999999999999999999999y", &h, &why) < 0);
    CHECK(hs_horizon_parse("2", &h, &why) < 0);
    CHECK(hs_horizon_parse("2w", &h, &why) < 0);
    CHECK(hs_horizon_parse("2yy", &h, &why) < 0);
    CHECK(hs_horizon_parse("", &h, &why) < 0);
}

static void test_horizon_add(void)
{
    hs_horizon y1 = {1, 'y'}, y2 = {2, 'y'}, m18 = {18, 'm'}, m1 = {1, 'm'}, d730 = {730, 'd'};
    char buf[HS_DATE_TEXT_SIZE];

    hs_date_format(hs_horizon_add(D("2024-02-29"), y1), buf);
    CHECK_STR(buf, "2025-02-28");             /* clamped to the month's end */
    hs_date_format(hs_horizon_add(D("2022-10-05"), y2), buf);
    CHECK_STR(buf, "2024-10-05");
    hs_date_format(hs_horizon_add(D("2022-10-05"), m18), buf);
    CHECK_STR(buf, "2024-04-05");
    hs_date_format(hs_horizon_add(D("2023-01-31"), m1), buf);
    CHECK_STR(buf, "2023-02-28");
    hs_date_format(hs_horizon_add(D("2023-12-15"), m1), buf);
    CHECK_STR(buf, "2024-01-15");             /* across a year end */
    hs_date_format(hs_horizon_add(D("2022-10-05"), d730), buf);
    CHECK_STR(buf, "2024-10-04");             /* 2024 is a leap year */
}

TEST_TABLE(date_tests) = {
    {"date_parse_valid", test_date_parse_valid},
    {"date_parse_invalid", test_date_parse_invalid},
    {"date_roundtrip", test_date_roundtrip},
    {"horizon_parse", test_horizon_parse},
    {"horizon_add", test_horizon_add},
    {NULL, NULL},
};
