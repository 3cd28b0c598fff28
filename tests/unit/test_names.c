/* test_names.c - control characters, the normal form of names, look-alike
 * spellings (names.h). */
#include <stdlib.h>

#include "hindsight/hindsight.h"
#include "../../src/internal.h"
#include "tests.h"

/* hs_name_normal() of s, compared with want, freed. */
static void check_normal(const char *s, const char *want)
{
    char *got = hs_name_normal(s);

    CHECK_STR(got, want);
    hs_free(got);
}

static void test_name_normal_form(void)
{
    char *out = (char *)1;

    /* already normal: no copy */
    CHECK(hs_name_normalize("Ann Alder", 9, &out) == 0 && out == NULL);
    CHECK(hs_name_normalize("Carol \xc4\x8c" "apek", 12, &out) == 0 && out == NULL);
    /* NFD (C + U+030C combining caron) composes to U+010C */
    check_normal("Carol C\xcc\x8c" "apek", "Carol \xc4\x8c" "apek");
    /* surrounding white space: ASCII, tab, NBSP U+00A0, ideographic U+3000 */
    check_normal("  Carol \xc4\x8c" "apek \t", "Carol \xc4\x8c" "apek");
    check_normal("\xc2\xa0" "Org A\xe3\x80\x80", "Org A");
    /* inner white space and case are kept: they make other names */
    check_normal("Org  A", "Org  A");
    check_normal("org a", "org a");
    check_normal("   ", "");
    check_normal("", "");
    /* e + U+0301 inside an id, with a trailing space */
    check_normal("q-caf" "e\xcc\x81 ", "q-caf\xc3\xa9");
    /* not UTF-8: only trimmed */
    check_normal(" x\xff ", "x\xff");
}

static void test_text_controls(void)
{
    unsigned long cp = 0;

    CHECK(hs_text_find_control("plain text", 10, 0, &cp) == 10);
    CHECK(hs_text_find_control("a\tb", 3, 0, &cp) == 1 && cp == '\t');
    CHECK(hs_text_find_control("a\tb", 3, 1, &cp) == 1 && cp == '\t');
    CHECK(hs_text_find_control("a\nb", 3, 0, &cp) == 1 && cp == '\n');
    CHECK(hs_text_find_control("a\r\nb", 4, 1, &cp) == 4);        /* text keeps line breaks */
    CHECK(hs_text_find_control("a\x7f", 2, 1, &cp) == 1 && cp == 0x7f);
    CHECK(hs_text_find_control("ab\xc2\x85", 4, 0, &cp) == 2 && cp == 0x85);   /* C1 NEL */
    CHECK(hs_text_find_control("ab\xc2\x9f", 4, 1, &cp) == 2 && cp == 0x9f);
    CHECK(hs_text_find_control("ab\xc2\xa0", 4, 0, &cp) == 4);    /* NBSP is no control */
    CHECK(hs_text_find_control("a\xe2\x80\xa8" "b", 5, 0, &cp) == 1 && cp == 0x2028);
    CHECK(hs_text_find_control("a\xe2\x80\xa8" "b", 5, 1, &cp) == 5);
}

static void test_quote_value_escapes(void)
{
    char *q = hs_quote_value("A\x1b[2J\xc2\x85\xe2\x80\xa9\x7f\xff" "B", 13, 40);

    CHECK_STR(q, "A\\u001B[2J\\u0085\\u2029\\u007F\\xFFB");
    hs_free(q);
}

static void test_utf8_scan(void)
{
    size_t complete;

    CHECK(hs_utf8_scan("ab\xc3\xa9", 4, 1, &complete) == 4 && complete == 4);
    /* a cut sequence waits for more bytes, unless this is the end */
    CHECK(hs_utf8_scan("ab\xe2\x80", 4, 0, &complete) == 4 && complete == 2);
    CHECK(hs_utf8_scan("ab\xe2\x80", 4, 1, &complete) == 2);
    CHECK(hs_utf8_scan("ab\0c", 4, 0, &complete) == 2);
    CHECK(hs_utf8_scan("ab\xc3" "c", 4, 0, &complete) == 2);
    CHECK(hs_utf8_scan("\xed\xa0\x80", 3, 0, &complete) == 0);    /* a surrogate */
}

static void test_spellings(void)
{
    hs_spellings *sp = hs_spellings_new();
    hs_diags d;
    hs_pos p = {"f.json", 1, 1};
    const char *nfc = "Carol \xc4\x8c" "apek", *nfd = "Carol C\xcc\x8c" "apek";

    hs_diags_init(&d);
    CHECK(sp != NULL);
    if (!sp)
        return;
    CHECK(hs_spellings_note(sp, "forecaster", nfc, nfc, &p, &d) == 0 && d.n == 0);
    p.line = 2;
    CHECK(hs_spellings_note(sp, "forecaster", nfd, nfc, &p, &d) == 0 && d.n == 1);
    CHECK(d.n == 1 && d.items[0].severity == HS_SEV_WARNING && d.items[0].line == 2 &&
          strstr(d.items[0].message, "at f.json:1:1 only in Unicode normalisation"));
    p.line = 3;    /* a spelling seen before is not reported again */
    CHECK(hs_spellings_note(sp, "forecaster", nfd, nfc, &p, &d) == 0 && d.n == 1);
    p.line = 4;
    CHECK(hs_spellings_note(sp, "forecaster", "Carol \xc4\x8c" "apek ", nfc, &p, &d) == 0 &&
          d.n == 2 && strstr(d.items[1].message, "only in surrounding white space"));
    p.line = 5;
    CHECK(hs_spellings_note(sp, "forecaster", "carol \xc4\x8d" "apek", "carol \xc4\x8d" "apek",
                            &p, &d) == 0 &&
          d.n == 3 && strstr(d.items[2].message, "only in case; they count as two"));
    p.line = 6;
    CHECK(hs_spellings_note(sp, "forecaster", "Carol  \xc4\x8c" "apek", "Carol  \xc4\x8c" "apek",
                            &p, &d) == 0 &&
          d.n == 4 && strstr(d.items[3].message, "only in white space"));
    p.line = 7;
    CHECK(hs_spellings_note(sp, "forecaster", "CAROL\xc4\x8c" "APEK", "CAROL\xc4\x8c" "APEK",
                            &p, &d) == 0 &&
          d.n == 5 && strstr(d.items[4].message, "only in case and white space"));
    p.line = 8;
    CHECK(hs_spellings_note(sp, "forecaster", "Dan Dorn", "Dan Dorn", &p, &d) == 0 && d.n == 5);
    hs_spellings_free(sp);
    hs_diags_release(&d);
}

TEST_TABLE(names_tests) = {
    {"name_normal_form", test_name_normal_form},
    {"text_controls", test_text_controls},
    {"quote_value_escapes", test_quote_value_escapes},
    {"utf8_scan", test_utf8_scan},
    {"spellings", test_spellings},
    {NULL, NULL},
};
