/* test_html.c - escaping, URL checks, page names and numbers of html.c,
 * each against a hand-written expectation. */
#include <stdio.h>
#include <stdlib.h>

#include "hindsight/html.h"
#include "test.h"
#include "tests.h"

/* hs_html_text(s) into a buffer; returns a string to free. */
static char *escaped(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);

    if (!fp)
        return NULL;
    hs_html_text(fp, s);
    fclose(fp);
    return buf;
}

/* the text and, from hs_html_text_len, its length */
#define CHECK_ESC(in, want)                                                      \
    do {                                                                         \
        char *got_ = escaped(in);                                                \
        CHECK_STR(got_, want);                                                   \
        CHECK(hs_html_text_len(in) == sizeof(want) - 1);                         \
        free(got_);                                                              \
    } while (0)

static void test_html_escape(void)
{
    CHECK_ESC("plain text", "plain text");
    CHECK_ESC("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
    CHECK_ESC("\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    CHECK_ESC("a & b's", "a &amp; b&#39;s");
    CHECK_ESC("&amp;", "&amp;amp;");
    /* controls become U+FFFD, tab and line feed stay */
    CHECK_ESC("a\x01" "b\tc\nd\re\x7f", "a\xef\xbf\xbd" "b\tc\nd\xef\xbf\xbd" "e\xef\xbf\xbd");
    /* C1 control U+0085, invalid UTF-8 (a lone continuation byte, an overlong) */
    CHECK_ESC("x\xc2\x85y", "x\xef\xbf\xbdy");
    CHECK_ESC("x\x80y\xc0\xafz", "x\xef\xbf\xbdy\xef\xbf\xbd\xef\xbf\xbdz");
    /* right-to-left override and combining marks are text, kept as they are */
    CHECK_ESC("\xe2\x80\xae" "evil Z\xcd\x91", "\xe2\x80\xae" "evil Z\xcd\x91");
    CHECK_ESC("", "");
    CHECK(hs_html_text(stdout, NULL) == 0);
    CHECK(hs_html_text_len(NULL) == 0);
    /* by hand: 1 + 5 (&amp;) + 1 + 3 (U+FFFD for \x01) + 6 (&quot;) + 2 (é) */
    CHECK(hs_html_text_len("a&b\x01\"\xc3\xa9") == 18);
}

static void test_html_url(void)
{
    CHECK(hs_html_url_ok("https://example.org/a?b=1&c=2"));
    CHECK(hs_html_url_ok("HTTP://EXAMPLE.ORG"));
    CHECK(!hs_html_url_ok("javascript:alert(1)"));
    CHECK(!hs_html_url_ok(" https://example.org"));
    CHECK(!hs_html_url_ok("https://example.org/a b"));
    CHECK(!hs_html_url_ok("https://"));
    CHECK(!hs_html_url_ok("https:///etc/passwd"));
    CHECK(!hs_html_url_ok("https:\\\\evil"));
    CHECK(!hs_html_url_ok("data:text/html,<script>"));
    CHECK(!hs_html_url_ok("../../etc/passwd"));
    CHECK(!hs_html_url_ok("//example.org"));
    CHECK(!hs_html_url_ok("https://ex\tample.org"));
    CHECK(!hs_html_url_ok(NULL));
}

static void test_html_page_name(void)
{
    char a[HS_HTML_NAME_SIZE], b[HS_HTML_NAME_SIZE];

    /* FNV-1a 64 of "" is the offset basis; of "a" 0xaf63dc4c8601ec8c */
    CHECK(hs_html_fnv1a("") == 14695981039346656037ULL);
    CHECK(hs_html_fnv1a("a") == 0xaf63dc4c8601ec8cULL);
    hs_html_page_name("forecaster", "a", a);
    CHECK_STR(a, "forecaster-a-dc4c8601ec8c");
    hs_html_page_name("forecaster", "Ann", a);
    hs_html_page_name("forecaster", "ann!", b);
    CHECK(strncmp(a, "forecaster-ann-", 15) == 0 && strncmp(b, "forecaster-ann-", 15) == 0);
    CHECK(strcmp(a, b) != 0);
    hs_html_page_name("organization", "../../etc/passwd", a);
    CHECK(strncmp(a, "organization-etc-passwd-", 24) == 0);
    CHECK(strchr(a, '/') == NULL && strchr(a, '.') == NULL);
    hs_html_page_name("forecaster", "\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0", a);   /* Анна */
    CHECK(strncmp(a, "forecaster-x-", 13) == 0);
    /* at most 40 slug characters, no trailing dash */
    hs_html_page_name("q", "abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij", a);
    CHECK_STR(a, "q-abcdefghij-abcdefghij-abcdefghij-abcdefg-91fff118aa76");
}

static void test_html_num(void)
{
    char b[64];

    CHECK_STR(hs_html_num(0.11125, 4, b), "0.1113");   /* 0.11125 is stored as 0.1112500000000000017 */
    CHECK_STR(hs_html_num(-0.00001, 4, b), "0.0000");
    CHECK_STR(hs_html_num(-0.44, 4, b), "-0.4400");
    CHECK_STR(hs_html_num(1, 0, b), "1");
    CHECK_STR(hs_html_num(NAN, 4, b), "\xe2\x80\x93");
}

TEST_TABLE(html_tests) = {
    {"html_escape", test_html_escape},
    {"html_url", test_html_url},
    {"html_page_name", test_html_page_name},
    {"html_num", test_html_num},
    {NULL, NULL},
};
