/* test_csv.c - the streaming CSV reader: fields, positions, errors. */
#include <stdlib.h>
#include <unistd.h>

#include "hindsight/hindsight.h"
#include "../../src/internal.h"
#include "tests.h"

struct seen {
    char text[16][32];
    unsigned long line[16], column[16];
    size_t n, rows;
};

static int collect(void *ctx, hs_csv_field *f, size_t n)
{
    struct seen *s = ctx;
    size_t i;

    for (i = 0; i < n && s->n < 16; i++, s->n++) {
        snprintf(s->text[s->n], sizeof(s->text[0]), "%s", f[i].text);
        s->line[s->n] = f[i].line;
        s->column[s->n] = f[i].column;
    }
    s->rows++;
    return 0;
}

/* Write content to a new temporary file; returns its path (static). */
static const char *temp_file(const char *content, size_t len)
{
    static char path[64];
    int fd;

    snprintf(path, sizeof(path), "/tmp/hindsight-test-XXXXXX");
    fd = mkstemp(path);
    if (fd < 0 || write(fd, content, len) != (ssize_t)len) {
        test_failed = 1;
        return path;
    }
    close(fd);
    return path;
}

static void test_csv_positions(void)
{
    static const char text[] = "a,b\n\"x\ny\",z\n\n  c ,\"d\"\r\n";
    const char *path = temp_file(text, sizeof(text) - 1);
    struct seen s;
    hs_diags d;

    memset(&s, 0, sizeof(s));
    hs_diags_init(&d);
    CHECK(hs_csv_read(path, collect, &s, &d) == 0);
    CHECK(s.rows == 3 && s.n == 6);
    CHECK_STR(s.text[2], "x\ny");
    CHECK(s.line[0] == 1 && s.column[0] == 1);
    CHECK(s.line[1] == 1 && s.column[1] == 3);
    CHECK(s.line[2] == 2 && s.column[2] == 1);   /* quoted field spans lines */
    CHECK(s.line[3] == 3 && s.column[3] == 4);
    CHECK(s.line[4] == 5 && s.column[4] == 1);   /* after a blank line */
    CHECK_STR(s.text[4], "  c ");                /* spaces kept (RFC 4180) */
    CHECK(s.line[5] == 5 && s.column[5] == 6);
    CHECK_STR(s.text[5], "d");
    hs_diags_release(&d);
    unlink(path);
}

static void test_csv_utf8_columns_and_bom(void)
{
    static const char text[] = "\xEF\xBB\xBF" "\xC4\x8C\xC3\xA1,b\n";
    const char *path = temp_file(text, sizeof(text) - 1);
    struct seen s;
    hs_diags d;

    memset(&s, 0, sizeof(s));
    hs_diags_init(&d);
    CHECK(hs_csv_read(path, collect, &s, &d) == 0);
    CHECK_STR(s.text[0], "\xC4\x8C\xC3\xA1");    /* BOM skipped */
    CHECK(s.line[1] == 1 && s.column[1] == 4);   /* columns count characters */
    hs_diags_release(&d);
    unlink(path);
}

static void test_csv_unterminated_quote(void)
{
    static const char text[] = "a,b\n1,\"oops\n2,3\n";
    const char *path = temp_file(text, sizeof(text) - 1);
    struct seen s;
    hs_diags d;

    memset(&s, 0, sizeof(s));
    hs_diags_init(&d);
    CHECK(hs_csv_read(path, collect, &s, &d) < 0);
    CHECK(d.n == 1 && d.items[0].line == 2 && d.items[0].column == 3);
    CHECK(d.n == 1 && strstr(d.items[0].message, "unterminated quoted field"));
    hs_diags_release(&d);
    unlink(path);
}

static void test_csv_malformed_quote(void)
{
    static const char text[] = "a,b\n1,x\"y\n";
    const char *path = temp_file(text, sizeof(text) - 1);
    struct seen s;
    hs_diags d;

    memset(&s, 0, sizeof(s));
    hs_diags_init(&d);
    CHECK(hs_csv_read(path, collect, &s, &d) < 0);
    CHECK(d.n == 1 && d.items[0].line == 2 && d.items[0].column == 3);
    CHECK(d.n == 1 && strstr(d.items[0].message, "malformed quoted field"));
    hs_diags_release(&d);
    unlink(path);
}

static void test_csv_bad_bytes(void)
{
    static const char text[] = "a,b\n1,x\xff\n2,y\0z\n3,ok\n";
    const char *path = temp_file(text, sizeof(text) - 1);
    struct seen s;
    hs_diags d;

    memset(&s, 0, sizeof(s));
    hs_diags_init(&d);
    /* the first byte that is not UTF-8 stops the file, at its own position */
    CHECK(hs_csv_read(path, collect, &s, &d) < 0);
    CHECK(d.n == 1);
    CHECK(d.n == 1 && d.items[0].line == 2 && d.items[0].column == 4 &&
          strstr(d.items[0].message, "invalid UTF-8 (byte 0xFF)") &&
          strstr(d.items[0].message, "the rest of the file was not read"));
    CHECK(s.rows == 1);                          /* the header only */
    hs_diags_release(&d);
    unlink(path);
}

/* Cells keep their spaces; hs_csv_key() warns about and drops them, in place. */
static int keys(void *ctx, hs_csv_field *f, size_t n)
{
    hs_diags *d = ctx;

    if (n == 3) {
        hs_csv_key("k.csv", &f[0], "id", d);
        hs_csv_warn_spaces("k.csv", &f[1], "hedge", "kept", d);
        hs_csv_key("k.csv", &f[2], "date", d);
        CHECK_STR(f[0].text, "a b");          /* inner spaces stay */
        CHECK(f[0].len == 3 && f[0].column == 1);
        CHECK_STR(f[1].text, " will  ");      /* warned about, kept */
        CHECK_STR(f[2].text, "2024-01-01");   /* quoted spaces are spaces too */
    }
    return 0;
}

static void test_csv_key_spaces(void)
{
    static const char text[] = " a b , will  ,\" 2024-01-01 \"\n";
    const char *path = temp_file(text, sizeof(text) - 1);
    hs_diags d;

    hs_diags_init(&d);
    CHECK(hs_csv_read(path, keys, &d, &d) == 0);
    CHECK(d.n == 3 && d.n_errors == 0);
    if (d.n == 3) {
        CHECK_STR(d.items[0].message, "id ' a b ' has surrounding spaces; they are ignored; remove them");
        CHECK(d.items[0].severity == HS_SEV_WARNING && d.items[0].column == 1);
        CHECK_STR(d.items[1].message, "hedge ' will  ' has surrounding spaces; kept");
        CHECK(d.items[1].column == 7);
        CHECK(d.items[2].column == 15);
    }
    hs_diags_release(&d);
    unlink(path);
}

/* A character cut by the reader's 64 KiB chunks is whole; one cut by the
 * end of the file is not. */
static void test_csv_utf8_across_chunks(void)
{
    size_t n = 65536 + 64, i;
    char *text = malloc(n);
    const char *path;
    struct seen s;
    hs_diags d;

    if (!text) {
        test_failed = 1;
        return;
    }
    memcpy(text, "a\n", 2);
    for (i = 2; i < n; i++)
        text[i] = 'x';
    text[65535] = '\xc3';      /* U+00E9 across the first chunk's end */
    text[65536] = '\xa9';
    text[n - 1] = '\n';
    path = temp_file(text, n);
    memset(&s, 0, sizeof(s));
    hs_diags_init(&d);
    CHECK(hs_csv_read(path, collect, &s, &d) == 0 && d.n == 0 && s.rows == 2);
    hs_diags_release(&d);
    unlink(path);

    text[n - 1] = '\xc3';      /* cut by the end of the file */
    path = temp_file(text, n);
    memset(&s, 0, sizeof(s));
    hs_diags_init(&d);
    CHECK(hs_csv_read(path, collect, &s, &d) < 0 && d.n == 1);
    CHECK(d.n == 1 && d.items[0].line == 2 && d.items[0].column == n - 3 &&
          strstr(d.items[0].message, "invalid UTF-8 (byte 0xC3)"));
    hs_diags_release(&d);
    unlink(path);
    free(text);
}

TEST_TABLE(csv_tests) = {
    {"csv_key_spaces", test_csv_key_spaces},
    {"csv_positions", test_csv_positions},
    {"csv_utf8_columns_and_bom", test_csv_utf8_columns_and_bom},
    {"csv_unterminated_quote", test_csv_unterminated_quote},
    {"csv_malformed_quote", test_csv_malformed_quote},
    {"csv_bad_bytes", test_csv_bad_bytes},
    {"csv_utf8_across_chunks", test_csv_utf8_across_chunks},
    {NULL, NULL},
};
