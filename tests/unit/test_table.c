/* test_table.c - display widths, shortening and the text table's layout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/table.h"
#include "tests.h"

/* "e" + U+0301 COMBINING ACUTE ACCENT: one grapheme, one column */
#define E_ACUTE "e\xCC\x81"
/* U+6771 U+4EAC (Tokyo): two wide characters, two columns each */
#define TOKYO "\xE6\x9D\xB1\xE4\xBA\xAC"
#define ELL "\xE2\x80\xA6"

static void test_utf8_width(void)
{
    CHECK(hs_utf8_width("") == 0);
    CHECK(hs_utf8_width("abc") == 3);
    CHECK(hs_utf8_width("caf" E_ACUTE) == 4);          /* combining mark: 0 */
    CHECK(hs_utf8_width(TOKYO) == 4);                  /* wide: 2 each */
    CHECK(hs_utf8_width(ELL) == 1);
    CHECK(hs_utf8_width("a\xFF" "b") == 3);            /* a stray byte: 1 */
    CHECK(hs_utf8_width("a\x01" "b") == 2);            /* a control: 0 ... */
    CHECK(hs_utf8_width("\xC3\xA9\x01" "b") == 2);    /* ... on both paths */
    /* U+1F469 U+200D U+1F467 (woman ZWJ girl): one cluster, at most 2 */
    CHECK(hs_utf8_width("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7") == 2);
    /* two regional indicators (a flag): one cluster of width 2 */
    CHECK(hs_utf8_width("\xF0\x9F\x87\xBA\xF0\x9F\x87\xA6") == 2);
}

/* shorten s to w columns and compare with want; the result's width is at
 * most w and it is valid UTF-8 by construction of the cases */
static void check_shorten(const char *s, size_t w, int middle, const char *want)
{
    char *got = hs_utf8_shorten(s, w, middle);

    CHECK_STR(got, want);
    if (got && w)
        CHECK(hs_utf8_width(got) <= w);
    hs_free(got);
}

static void test_utf8_shorten_end(void)
{
    check_shorten("abcdef", 0, 0, "abcdef");           /* no limit */
    check_shorten("abcdef", 6, 0, "abcdef");           /* fits: unchanged */
    check_shorten("abcdefg", 6, 0, "abcde" ELL);
    check_shorten("abcdefg", 1, 0, ELL);
    /* the combining mark stays with its e: never "cafe" + ellipsis with the
     * accent cut off, never a half sequence */
    check_shorten("caf" E_ACUTE "s bar", 5, 0, "caf" E_ACUTE ELL);
    check_shorten("caf" E_ACUTE "s bar", 4, 0, "caf" ELL);
    /* a wide character that does not fit is left out whole: 4 columns
     * asked, "a" + 東 is 3, 京 would make 5 with the ellipsis */
    check_shorten("a" TOKYO "b", 4, 0, "a\xE6\x9D\xB1" ELL);
    check_shorten("a" TOKYO "b", 3, 0, "a" ELL);       /* 2 columns: narrower */
    check_shorten(TOKYO TOKYO, 4, 0, "\xE6\x9D\xB1" ELL);
}

static void test_utf8_shorten_middle(void)
{
    /* budget 7 (8 - the ellipsis): 4 from the head, 3 from the tail */
    check_shorten("question-000123", 8, 1, "ques" ELL "123");
    check_shorten("question-000124", 8, 1, "ques" ELL "124");
    check_shorten("abcdefghij", 10, 1, "abcdefghij");
    check_shorten("abcdefghijk", 2, 1, "a" ELL);
    /* a wide tail character fits only whole */
    check_shorten("abcdef" TOKYO, 6, 1, "abc" ELL "\xE4\xBA\xAC");
    check_shorten("abcdefg" E_ACUTE, 5, 1, "ab" ELL "g" E_ACUTE);
}

static char *render(const hs_table *t)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    if (!f)
        return NULL;
    if (hs_table_write_text(t, f) < 0) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    return buf;
}

static void test_table_text_layout(void)
{
    hs_table t;
    char *text, *csv_text = NULL;
    size_t len = 0;
    FILE *f;

    hs_table_init(&t);
    hs_table_column(&t, "id", 0);
    hs_table_column(&t, "n", 0);
    hs_table_column(&t, "title", 0);
    hs_table_shorten(&t, 0, 6, 1);
    hs_table_shorten(&t, 2, 5, 0);
    hs_table_place_after(&t, 2, 0);
    hs_table_empty_text(&t, 2, "(none)");
    hs_table_row(&t);
    hs_table_text(&t, 0, "question-1");
    hs_table_int(&t, 1, 12);
    hs_table_text(&t, 2, TOKYO " market");
    hs_table_row(&t);
    hs_table_text(&t, 0, "q2");
    hs_table_int(&t, 1, 3);
    hs_table_row(&t);
    hs_table_text(&t, 0, "q3");
    hs_table_int(&t, 1, 4);
    hs_table_text(&t, 2, "");
    text = render(&t);
    CHECK_STR(text, "id      title    n\n"
                    "que" ELL "-1  " TOKYO ELL "   12\n"
                    "q2      (none)   3\n"
                    "q3      (none)   4\n");
    free(text);
    /* CSV keeps every column in its own place and every text whole */
    f = open_memstream(&csv_text, &len);
    CHECK(f != NULL);
    if (f) {
        CHECK(hs_table_write_csv(&t, f) == 0);
        fclose(f);
        CHECK_STR(csv_text, "id,n,title\nquestion-1,12," TOKYO " market\nq2,3,\nq3,4,\n");
        free(csv_text);
    }
    hs_table_release(&t);
}

/* ids shortened in the middle widen until distinct ids look distinct */
static void test_table_ids_stay_apart(void)
{
    hs_table t;
    char *text;

    hs_table_init(&t);
    hs_table_column(&t, "id", 0);
    hs_table_shorten(&t, 0, 7, 1);
    hs_table_row(&t);
    hs_table_text(&t, 0, "abc-1-xyz");
    hs_table_row(&t);
    hs_table_text(&t, 0, "abc-2-xyz");
    hs_table_row(&t);
    hs_table_text(&t, 0, "abc-1-xyz");   /* the same id twice is no clash */
    text = render(&t);
    /* at 7 both are "abc…xyz"; at 8 "abc-…xyz" still; at 9 they are whole */
    CHECK_STR(text, "id\nabc-1-xyz\nabc-2-xyz\nabc-1-xyz\n");
    free(text);
    hs_table_release(&t);
    hs_table_init(&t);
    hs_table_column(&t, "id", 0);
    hs_table_shorten(&t, 0, 7, 1);
    hs_table_row(&t);
    hs_table_text(&t, 0, "abcd-1-wxyz");
    hs_table_row(&t);
    hs_table_text(&t, 0, "abcd-1-wxyz");
    hs_table_row(&t);
    hs_table_text(&t, 0, "abcd-2-wxyz-");
    text = render(&t);
    /* the tails differ: 7 columns keep them apart */
    CHECK_STR(text, "id\nabc" ELL "xyz\nabc" ELL "xyz\nabc" ELL "yz-\n");
    free(text);
    hs_table_release(&t);
}

TEST_TABLE(table_tests) = {
    {"table_ids_stay_apart", test_table_ids_stay_apart},
    {"utf8_width", test_utf8_width},
    {"utf8_shorten_end", test_utf8_shorten_end},
    {"utf8_shorten_middle", test_utf8_shorten_middle},
    {"table_text_layout", test_table_text_layout},
    {NULL, NULL},
};
