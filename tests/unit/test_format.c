/* test_format.c - shortest round-trip numbers, the escaper, the JSON writer. */
#include <float.h>
#include <jansson.h>
#include <stdlib.h>

#include "hindsight/hindsight.h"
#include "tests.h"

/* Does text read back to v, bit for bit? */
static int reads_back(const char *text, double v)
{
    double back = strtod(text, NULL);

    return memcmp(&back, &v, sizeof(v)) == 0;
}

static void test_format_double_shortest(void)
{
    static const struct { double v; const char *want; } cases[] = {
        {0.1, "0.1"},
        {0.0005, "0.0005"},
        {1.0 / 3.0, "0.3333333333333333"},
        {2.0 / 3.0, "0.6666666666666666"},
        {1e-9, "1e-09"},
        {0.1 + 0.2, "0.30000000000000004"},   /* not 0.3: that is another double */
        {0.3, "0.3"},
        {1 - 0.7, "0.30000000000000004"},
        {0.85 * 0.1, "0.085"},                 /* 0.085000000000000006: shortest is 0.085 */
        {0, "0"},
        {-0.0, "0"},
        {1, "1"},
        {-0.44, "-0.44"},
        {100, "100"},                          /* not %g's "1e+02" */
        {1e15, "1000000000000000"},
        {1e16, "1e+16"},
        {-20, "-20"},
        {12345.5, "12345.5"},
        {123456789012345680.0, "1.2345678901234568e+17"},
        {5e-324, "5e-324"},                    /* the smallest denormal */
        {2.2250738585072009e-308, "2.225073858507201e-308"},  /* the largest denormal */
        {DBL_MIN, "2.2250738585072014e-308"},
        {DBL_MAX, "1.7976931348623157e+308"},
        {0.1767, "0.1767"},
    };
    char buf[HS_DOUBLE_TEXT_SIZE];
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        CHECK_STR(hs_format_double(cases[i].v, buf), cases[i].want);
        CHECK(cases[i].v == 0 || reads_back(buf, cases[i].v));
    }
    CHECK_STR(hs_format_double(NAN, buf), "nan");
    CHECK_STR(hs_format_double(-INFINITY, buf), "-inf");
}

/* Every double between neighbours reads back, and one digit fewer would
 * not: checked over a sweep of probabilities and their squares. */
static void test_format_double_is_shortest(void)
{
    char buf[HS_DOUBLE_TEXT_SIZE], shorter[512];
    unsigned k;

    for (k = 0; k <= 1000; k++) {
        double vs[3] = {k / 1000.0, (k / 1000.0) * (k / 1000.0), 1 - k / 1000.0};
        size_t j;

        for (j = 0; j < 3; j++) {
            double v = vs[j];
            char *e;
            int digits = 0;

            hs_format_double(v, buf);
            CHECK(reads_back(buf, v) || v == 0);
            /* count significant digits of the mantissa */
            for (e = buf; *e && *e != 'e'; e++)
                if (*e >= '1' && *e <= '9')
                    digits = digits ? digits + 1 : 1;
                else if (*e == '0' && digits)
                    digits++;
            if (digits > 1) {
                snprintf(shorter, sizeof(shorter), "%.*g", digits - 1, v);
                CHECK(!reads_back(shorter, v));
            }
        }
    }
}

static void test_text_escape(void)
{
    char *e;

    CHECK_STR(hs_text_escape("Carol \xC4\x8C" "apek"), "Carol \xC4\x8C" "apek");
    CHECK(!hs_text_needs_escape("plain \\ text"));
    e = hs_text_escape("Eve\x1b[2JEvil");
    CHECK_STR(e, "Eve\\u001B[2JEvil");
    hs_free(e);
    e = hs_text_escape("Org\x1b]0;pwned\aX");
    CHECK_STR(e, "Org\\u001B]0;pwned\\u0007X");
    hs_free(e);
    e = hs_text_escape("Ben\nBrook\r\t\x7f");
    CHECK_STR(e, "Ben\\u000ABrook\\u000D\\u0009\\u007F");
    hs_free(e);
    /* C1 controls (U+009B is a one-byte CSI on some terminals) */
    e = hs_text_escape("a\xC2\x9B" "2Jb\xC2\xA0" "c");
    CHECK_STR(e, "a\\u009B2Jb\xC2\xA0" "c");
    hs_free(e);
    /* bytes that are not UTF-8 (a file name, an argument) */
    e = hs_text_escape("x\xff" "y");
    CHECK_STR(e, "x\\xFFy");
    hs_free(e);
    CHECK(hs_text_needs_escape("\x01"));
    /* bidirectional formatting (U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LRI)
     * and the line separator; right-to-left letters themselves are kept */
    e = hs_text_escape("abc\xE2\x80\xAE" "fed\xE2\x81\xA6" "x\xE2\x80\xA8" "\xD7\x90");
    CHECK_STR(e, "abc\\u202Efed\\u2066x\\u2028\xD7\x90");
    hs_free(e);
    /* hs_escape: a count of characters, "..." when cut, NUL bytes kept
     * visible; marks and non-ASCII white space only with HS_ESCAPE_MARKS */
    e = hs_escape("ab\0cd", 5, 3, 0);
    CHECK_STR(e, "ab\\u0000...");
    hs_free(e);
    e = hs_escape("e\xCC\x81\xC2\xA0z", 6, 0, 0);
    CHECK_STR(e, "e\xCC\x81\xC2\xA0z");
    hs_free(e);
    e = hs_escape("e\xCC\x81\xC2\xA0z", 6, 0, HS_ESCAPE_MARKS);
    CHECK_STR(e, "e\\u0301\\u00A0z");
    hs_free(e);
}

static void test_json_write_matches_jansson_layout(void)
{
    json_t *doc = json_pack("{s:[{s:f,s:f,s:i,s:n,s:s,s:b},{}],s:{},s:[],s:f}", "rows", "p",
                            0.1, "q", 1.0, "n", 3, "none", "name", "Eve\x1b\"x\"", "ok", 1,
                            "empty", "list", "tiny", 1e-9);
    char *mine = NULL, *theirs;
    size_t len = 0;
    FILE *fp = open_memstream(&mine, &len);

    CHECK(doc && fp);
    if (!doc || !fp)
        return;
    CHECK(hs_json_write(doc, fp) == 0);
    fclose(fp);
    CHECK_STR(mine, "{\n"
                    "  \"rows\": [\n"
                    "    {\n"
                    "      \"p\": 0.1,\n"
                    "      \"q\": 1.0,\n"
                    "      \"n\": 3,\n"
                    "      \"none\": null,\n"
                    "      \"name\": \"Eve\\u001B\\\"x\\\"\",\n"
                    "      \"ok\": true\n"
                    "    },\n"
                    "    {}\n"
                    "  ],\n"
                    "  \"empty\": {},\n"
                    "  \"list\": [],\n"
                    "  \"tiny\": 1e-09\n"
                    "}");
    /* the layout is jansson's own, numbers apart */
    theirs = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(1));
    CHECK(theirs && strstr(theirs, "\"p\": 0.1,\n      \"q\": 1.0,") != NULL);
    hs_free(theirs);
    free(mine);
    json_decref(doc);
}

TEST_TABLE(format_tests) = {
    {"format_double_shortest", test_format_double_shortest},
    {"format_double_is_shortest", test_format_double_is_shortest},
    {"text_escape", test_text_escape},
    {"json_write_matches_jansson_layout", test_json_write_matches_jansson_layout},
    {NULL, NULL},
};
