/*
 * test_history.c - the export's CSV style, atomic writing, history.csv
 * repair and append, and change detection between two runs.
 */
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hindsight/hindsight.h"
#include "tests.h"

/* A new empty directory under TMPDIR; path in a static buffer. */
static const char *temp_dir(void)
{
    static char path[256];
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

    snprintf(path, sizeof(path), "%s/hindsight-unit-XXXXXX", tmp);
    if (!mkdtemp(path))
        test_failed = 1;
    return path;
}

static void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");

    CHECK(fp != NULL);
    if (fp) {
        fputs(text, fp);
        fclose(fp);
    }
}

/* Whole file into buf (size bytes, NUL-terminated); its length or -1. */
static long read_text(const char *path, char *buf, size_t size)
{
    FILE *fp = fopen(path, "rb");
    size_t n;

    if (!fp)
        return -1;
    n = fread(buf, 1, size - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return (long)n;
}

static void remove_tree(const char *dir)
{
    char cmd[512];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
}

/* A table written with a style into buf. */
static void write_styled(const hs_table *t, const hs_csv_style *style, char *buf, size_t size)
{
    FILE *fp = fmemopen(buf, size, "w");

    CHECK(fp != NULL);
    if (!fp)
        return;
    CHECK(hs_table_write_csv_style(t, fp, style) == 0);
    fclose(fp);
}

static void test_csv_neutralises_formulas(void)
{
    static const char *const cells[] = {
        "=HYPERLINK(\"http://x\",\"y\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain", "a=b"};
    hs_table t;
    hs_csv_style style;
    char buf[1024];
    size_t i;

    hs_table_init(&t);
    CHECK(hs_table_column(&t, "text", 0) == 0 && hs_table_column(&t, "skill", 4) == 0 &&
          hs_table_column(&t, "n", 0) == 0);
    for (i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
        CHECK(hs_table_row(&t) == 0);
        hs_table_text(&t, 0, cells[i]);
        hs_table_real(&t, 1, -0.44);
        hs_table_int(&t, 2, -3);
    }
    memset(&style, 0, sizeof(style));
    style.neutralise = 1;
    write_styled(&t, &style, buf, sizeof(buf));
    CHECK_STR(buf, "text,skill,n\n"
                   "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-0.44,-3\n"
                   "\"'+1\",-0.44,-3\n"
                   "\"'-2+3\",-0.44,-3\n"
                   "\"'@SUM(A1)\",-0.44,-3\n"
                   "\"'\tx\",-0.44,-3\n"
                   "\"'\rx\",-0.44,-3\n"
                   "plain,-0.44,-3\n"
                   "a=b,-0.44,-3\n");
    /* the default writer is unchanged */
    write_styled(&t, NULL, buf, sizeof(buf));
    CHECK(strstr(buf, "\n\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-0.44,-3\n") != NULL);
    hs_table_release(&t);
}

static void test_csv_excel_style(void)
{
    hs_table t;
    hs_csv_style style;
    char buf[256];

    hs_table_init(&t);
    CHECK(hs_table_column(&t, "name", 0) == 0 && hs_table_column(&t, "brier", 4) == 0);
    CHECK(hs_table_row(&t) == 0);
    hs_table_text(&t, 0, "Carol \xC4\x8C" "apek");
    hs_table_real(&t, 1, 0.085);
    memset(&style, 0, sizeof(style));
    style.bom = style.crlf = 1;
    write_styled(&t, &style, buf, sizeof(buf));
    CHECK_STR(buf, "\xEF\xBB\xBFname,brier\r\nCarol \xC4\x8C" "apek,0.085\r\n");
    style.bom = style.crlf = 0;
    style.no_header = 1;
    write_styled(&t, &style, buf, sizeof(buf));
    CHECK_STR(buf, "Carol \xC4\x8C" "apek,0.085\n");
    hs_table_release(&t);
}

/*
 * Under a comma-decimal locale (HS_TEST_LOCALE, or de_DE/fr_FR when
 * installed) numbers are still written with a '.'.  Without such a locale
 * the test has nothing to check; tests/run-export.sh builds one and runs
 * this test with it, so `make check` always exercises it.
 */
static void test_numbers_ignore_locale(void)
{
    static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
                                        "nl_NL.UTF-8", NULL};
    const char *want = getenv("HS_TEST_LOCALE");
    hs_table t;
    json_t *arr;
    char buf[128], probe[16];
    size_t i;
    int found = 0;

    if (want)
        found = setlocale(LC_ALL, want) != NULL;
    for (i = 0; !want && !found && names[i]; i++)
        found = setlocale(LC_ALL, names[i]) != NULL;
    CHECK(!want || found);   /* asked for a locale: it must be there */
    if (!found)
        return;
    snprintf(probe, sizeof(probe), "%.1f", 0.5);
    CHECK_STR(probe, "0,5");   /* the locale really is in force */
    hs_table_init(&t);
    CHECK(hs_table_column(&t, "brier", 4) == 0 && hs_table_row(&t) == 0);
    hs_table_real(&t, 0, 0.0850);
    write_styled(&t, NULL, buf, sizeof(buf));
    CHECK_STR(buf, "brier\n0.085\n");
    {
        char num[HS_DOUBLE_TEXT_SIZE];
        char *mem = NULL;
        size_t mem_len = 0;
        FILE *fp = open_memstream(&mem, &mem_len);

        CHECK_STR(hs_format_double(0.0005, num), "0.0005");
        CHECK(fp && hs_table_write_text(&t, fp) == 0);
        arr = hs_table_json(&t);
        CHECK(arr && json_real_value(json_object_get(json_array_get(arr, 0), "brier")) == 0.085);
        CHECK(fp && arr && hs_json_write(arr, fp) == 0);
        if (fp)
            fclose(fp);
        CHECK_STR(mem, " brier\n0.0850\n[\n  {\n    \"brier\": 0.085\n  }\n]");
        free(mem);
    }
    json_decref(arr);
    hs_table_release(&t);
    setlocale(LC_ALL, "C");
}

/* A directory descriptor for dir (closed by the caller). */
static int dir_fd(const char *dir)
{
    return open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

static void test_afset_replaces_all_or_nothing(void)
{
    const char *dir = temp_dir();
    char path[512], buf[256], other[512];
    hs_afset set;
    hs_diags d;
    FILE *fp;
    struct stat st;
    int fd = dir_fd(dir);

    snprintf(path, sizeof(path), "%s/a.csv", dir);
    snprintf(other, sizeof(other), "%s/notes.txt", dir);
    write_text(path, "old a\n");
    write_text(other, "mine\n");
    /* b.csv is a directory: the set must fail before anything is replaced */
    snprintf(buf, sizeof(buf), "%s/b.csv", dir);
    CHECK(mkdir(buf, 0777) == 0);
    hs_diags_init(&d);
    hs_afset_init(&set, fd, dir);
    fp = hs_afset_add(&set, "a.csv", &d);
    CHECK(fp != NULL);
    if (fp)
        fputs("new a\n", fp);
    CHECK(hs_afset_add(&set, "b.csv", &d) == NULL);
    CHECK(d.n_errors == 1);
    hs_afset_release(&set);
    CHECK(read_text(path, buf, sizeof(buf)) > 0);
    CHECK_STR(buf, "old a\n");
    snprintf(buf, sizeof(buf), "%s/b.csv", dir);
    CHECK(rmdir(buf) == 0);
    /* now it goes through; notes.txt is left alone, no temporary remains */
    hs_afset_init(&set, fd, dir);
    fp = hs_afset_add(&set, "a.csv", &d);
    if (fp)
        fputs("new a\n", fp);
    fp = hs_afset_add(&set, "b.csv", &d);
    if (fp)
        fputs("new b\n", fp);
    CHECK(hs_afset_commit(&set, &d) == 0);
    hs_afset_release(&set);
    CHECK(read_text(path, buf, sizeof(buf)) > 0);
    CHECK_STR(buf, "new a\n");
    CHECK(read_text(other, buf, sizeof(buf)) > 0);
    CHECK_STR(buf, "mine\n");
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) != 0600);   /* not mkstemp's mode */
    snprintf(buf, sizeof(buf), "ls -A '%s' | grep -c tmp- >/dev/null", dir);
    CHECK(system(buf) != 0);
    CHECK(d.n_errors == 1);
    hs_diags_release(&d);
    close(fd);
    remove_tree(dir);
}

/* A signal noted while a set is staged: nothing is replaced, nothing stays. */
static void test_afset_interrupted_puts_back(void)
{
    const char *dir = temp_dir();
    char path[512], buf[256];
    hs_afset set;
    hs_diags d;
    FILE *fp;
    int fd = dir_fd(dir);

    snprintf(path, sizeof(path), "%s/a.csv", dir);
    write_text(path, "old a\n");
    hs_diags_init(&d);
    hs_afset_init(&set, fd, dir);
    CHECK(!hs_af_busy());
    fp = hs_afset_add(&set, "a.csv", &d);
    if (fp)
        fputs("new a\n", fp);
    CHECK(hs_af_busy());
    hs_af_interrupt(15);
    CHECK(hs_afset_commit(&set, &d) < 0);
    CHECK(d.n_errors == 1 && strstr(d.items[0].message, "interrupted (signal 15)") != NULL);
    hs_afset_release(&set);
    CHECK(!hs_af_busy());
    hs_af_interrupt(0);
    CHECK(read_text(path, buf, sizeof(buf)) > 0);
    CHECK_STR(buf, "old a\n");
    snprintf(buf, sizeof(buf), "ls -A '%s' | grep -c tmp- >/dev/null", dir);
    CHECK(system(buf) != 0);
    hs_diags_release(&d);
    close(fd);
    remove_tree(dir);
}

static void test_afdir_switches_whole_directory(void)
{
    const char *dir = temp_dir();
    char path[512], buf[64], first[512], gen[64];
    hs_afdir a;
    hs_diags d;
    int k, fd = dir_fd(dir);

    hs_diags_init(&d);
    CHECK(hs_afdir_current(fd, dir, "latest", gen, sizeof(gen), &d) == 0);
    for (k = 0; k < 2; k++) {
        hs_afdir_init(&a);
        CHECK(hs_afdir_begin(&a, fd, dir, "latest", &d) == 0);
        if (a.path) {
            snprintf(path, sizeof(path), "%s/x.txt", a.path);
            write_text(path, k ? "second\n" : "first\n");
            if (k == 0)
                snprintf(first, sizeof(first), "%s", a.path);
        }
        CHECK(hs_afdir_commit(&a, &d) == 0);
        CHECK(hs_afdir_current(fd, dir, "latest", gen, sizeof(gen), &d) == 1);
        CHECK(a.gen && strcmp(gen, a.gen) == 0);
        hs_af_clean(fd, dir, NULL, "latest", a.gen, &d);
        hs_afdir_release(&a);
    }
    snprintf(path, sizeof(path), "%s/latest/x.txt", dir);
    CHECK(read_text(path, buf, sizeof(buf)) > 0);
    CHECK_STR(buf, "second\n");
    CHECK(access(first, F_OK) != 0);   /* the first copy is gone */
    /* an uncommitted directory disappears on release */
    hs_afdir_init(&a);
    CHECK(hs_afdir_begin(&a, fd, dir, "latest", &d) == 0);
    snprintf(first, sizeof(first), "%s", a.path ? a.path : "");
    hs_afdir_release(&a);
    CHECK(access(first, F_OK) != 0);
    CHECK(d.n == 0);
    hs_diags_release(&d);
    close(fd);
    remove_tree(dir);
}

/* A process killed between the renames of a set leaves its marker: the
 * next clean-up completes the set; without a marker staged files are only
 * removed. */
static void test_af_clean_completes_killed_set(void)
{
    const char *const names[] = {"a.csv", "b.csv", NULL};
    const char *dir = temp_dir();
    char path[512], buf[64];
    hs_diags d;
    int k, fd = dir_fd(dir);

    hs_diags_init(&d);
    for (k = 0; k < 2; k++) {
        snprintf(path, sizeof(path), "%s/a.csv", dir);
        write_text(path, "old a\n");
        snprintf(path, sizeof(path), "%s/b.csv", dir);   /* renamed already */
        write_text(path, "new b\n");
        snprintf(path, sizeof(path), "%s/.b.csv.tmp-Tg4x9Q.old", dir);
        write_text(path, "old b\n");
        snprintf(path, sizeof(path), "%s/.a.csv.tmp-Tg4x9Q", dir);
        write_text(path, "new a\n");
        snprintf(path, sizeof(path), "%s/.hindsight-set.tmp-Tg4x9Q", dir);
        if (k == 0)
            write_text(path, "");
        hs_af_clean(fd, dir, names, NULL, NULL, &d);
        snprintf(path, sizeof(path), "%s/a.csv", dir);
        CHECK(read_text(path, buf, sizeof(buf)) > 0);
        CHECK_STR(buf, k == 0 ? "new a\n" : "old a\n");
        snprintf(buf, sizeof(buf), "ls -A '%s' | grep -q '^\\.'", dir);
        CHECK(system(buf) != 0);   /* no marker, staged file or backup left */
    }
    CHECK(d.n == 0);
    hs_diags_release(&d);
    close(fd);
    remove_tree(dir);
}

/* Clean-up removes only what is ours: a planted link to a directory
 * outside, a file under a copy's name, and a directory holding a directory
 * are left alone with a warning, and what they point at is untouched. */
static void test_af_clean_leaves_planted_entries(void)
{
    const char *dir = temp_dir();
    char path[512], outside[512], buf[64];
    hs_diags d;
    int fd = dir_fd(dir);

    snprintf(outside, sizeof(outside), "%s/outside", dir);
    CHECK(mkdir(outside, 0777) == 0);
    snprintf(path, sizeof(path), "%s/outside/a.txt", dir);
    write_text(path, "keep\n");
    snprintf(path, sizeof(path), "%s/.latest-AAAAAA", dir);
    CHECK(symlink(outside, path) == 0);
    snprintf(path, sizeof(path), "%s/.latest-BBBBBB", dir);
    write_text(path, "a file\n");
    snprintf(path, sizeof(path), "%s/.latest-CCCCCC", dir);
    CHECK(mkdir(path, 0777) == 0);
    snprintf(path, sizeof(path), "%s/.latest-CCCCCC/sub", dir);
    CHECK(mkdir(path, 0777) == 0);
    snprintf(path, sizeof(path), "%s/.latest-DDDDDD", dir);   /* a copy of ours */
    CHECK(mkdir(path, 0777) == 0);
    snprintf(path, sizeof(path), "%s/.latest-DDDDDD/x.csv", dir);
    write_text(path, "old\n");
    snprintf(path, sizeof(path), "%s/.a.csv.tmp-EEEEEE", dir);   /* a staged file */
    write_text(path, "half\n");
    snprintf(path, sizeof(path), "%s/.a.csv.tmp-EEEEEE.old", dir);
    write_text(path, "old\n");
    snprintf(path, sizeof(path), "%s/.a.csv.tmp-toolong", dir);   /* not our pattern */
    write_text(path, "x\n");
    hs_diags_init(&d);
    {
        const char *const names[] = {"a.csv", NULL};

        hs_af_clean(fd, dir, names, "latest", NULL, &d);
    }
    CHECK(d.n_warnings == 3 && d.n_errors == 0);
    snprintf(path, sizeof(path), "%s/outside/a.txt", dir);
    CHECK(read_text(path, buf, sizeof(buf)) > 0);
    CHECK_STR(buf, "keep\n");
    snprintf(path, sizeof(path), "%s/.latest-AAAAAA", dir);
    CHECK(access(path, F_OK) == 0);
    snprintf(path, sizeof(path), "%s/.latest-CCCCCC/sub", dir);
    CHECK(access(path, F_OK) == 0);
    snprintf(path, sizeof(path), "%s/.latest-DDDDDD", dir);
    CHECK(access(path, F_OK) != 0);
    snprintf(path, sizeof(path), "%s/.a.csv.tmp-EEEEEE", dir);
    CHECK(access(path, F_OK) != 0);
    snprintf(path, sizeof(path), "%s/.a.csv.tmp-EEEEEE.old", dir);
    CHECK(access(path, F_OK) != 0);
    snprintf(path, sizeof(path), "%s/.a.csv.tmp-toolong", dir);
    CHECK(access(path, F_OK) == 0);
    hs_diags_release(&d);
    close(fd);
    remove_tree(dir);
}

#define HEADER HS_HISTORY_HEADER "\n"
#define ROW1 "1,2024-01-01,forecaster,Alice Ash,2,0,2,0,,\n"
#define ROW2 "1,2024-01-01,organization,Org A,3,0,3,0,,\n"

/* Copy path's history into dir/copy.csv (removed first) with committed. */
static int copy_history(hs_history *h, const char *dir, unsigned long committed, hs_diags *d)
{
    int fd = dir_fd(dir), rc;

    unlinkat(fd, "copy.csv", 0);
    rc = hs_history_copy(h, fd, "history.csv", "history.csv", fd, "copy.csv", committed, d);
    close(fd);
    return rc;
}

static void test_history_repairs_torn_line(void)
{
    static const char *const torn[] = {
        "2,2026-11-22,forecaster,Ali",                  /* cut in a field */
        "2,2026-11-22,forecaster,\"Ali \"\"the",         /* inside quotes */
        "2,2026-11-22,forecaster,\"two\nlines\n",       /* after a quoted newline */
        "2,2026-11-22,forecaster,Alice Ash,2,2,0,0,0.0850,1"   /* all but the newline */
    };
    static const char bom_crlf[] = "\xEF\xBB\xBF" HS_HISTORY_HEADER "\r\n"
                                   "1,2024-01-01,forecaster,Alice Ash,2,0,2,0,,\r\n";
    const char *dir = temp_dir();
    char path[512], copy[512], buf[1024];
    size_t k;

    snprintf(path, sizeof(path), "%s/history.csv", dir);
    snprintf(copy, sizeof(copy), "%s/copy.csv", dir);
    for (k = 0; k < sizeof(torn) / sizeof(torn[0]); k++) {
        hs_history h;
        hs_diags d;

        snprintf(buf, sizeof(buf), "%s%s%s%s", HEADER, ROW1, ROW2, torn[k]);
        write_text(path, buf);
        hs_diags_init(&d);
        CHECK(copy_history(&h, dir, ULONG_MAX, &d) == 0);
        CHECK(h.repaired_bytes == strlen(torn[k]));
        CHECK(h.rows == 2 && h.last_run == 1 && h.dropped_rows == 0);
        CHECK(h.size == (long long)strlen(HEADER ROW1 ROW2));
        CHECK(d.n_warnings == 1 && d.n_errors == 0);
        CHECK(d.n && d.items[0].line == 4);
        CHECK(read_text(copy, buf, sizeof(buf)) >= 0);
        CHECK_STR(buf, HEADER ROW1 ROW2);   /* every complete row kept */
        hs_history_release(&h);
        hs_diags_release(&d);
    }
    /* saved by a spreadsheet: a byte-order mark and CR LF are read as the
     * loaders read them, and the bytes kept */
    {
        hs_history h;
        hs_diags d;

        write_text(path, bom_crlf);
        hs_diags_init(&d);
        CHECK(copy_history(&h, dir, ULONG_MAX, &d) == 0);
        CHECK(h.rows == 1 && h.last_run == 1 && d.n == 0);
        CHECK(read_text(copy, buf, sizeof(buf)) >= 0);
        CHECK_STR(buf, bom_crlf);
        hs_history_release(&h);
        hs_diags_release(&d);
    }
    remove_tree(dir);
}

static void test_history_rejects_edited_rows(void)
{
    static const char *const bad[] = {
        HEADER "1,2024-01-01,forecaster,Alice Ash,2,0\n",       /* too few fields */
        "run,when\n" ROW1,                                      /* not our header */
        HEADER "x,2024-01-01,forecaster,Alice Ash,2,0,2,0,,\n", /* run not a number */
        HEADER "2" ROW1 ROW1                                    /* runs going back */
    };
    const char *dir = temp_dir();
    char path[512], buf[1024];
    size_t k;

    snprintf(path, sizeof(path), "%s/history.csv", dir);
    for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
        hs_history h;
        hs_diags d;

        write_text(path, bad[k]);
        hs_diags_init(&d);
        CHECK(copy_history(&h, dir, ULONG_MAX, &d) < 0);
        CHECK(d.n_errors == 1 && d.items[0].line > 0);
        CHECK(read_text(path, buf, sizeof(buf)) >= 0);
        CHECK_STR(buf, bad[k]);   /* left alone */
        hs_history_release(&h);
        hs_diags_release(&d);
    }
    remove_tree(dir);
}

/* A snapshot from JSON text in the export's shape. */
static void snap_from(hs_snapshot *s, const char *text)
{
    json_error_t err;
    json_t *root = json_loads(text, 0, &err);
    hs_diags d;

    hs_diags_init(&d);
    CHECK(root != NULL);
    CHECK(root && hs_snapshot_from_json(s, root, "test", &d) == 0);
    if (d.n)
        fprintf(stderr, "%s\n", d.items[0].message);
    json_decref(root);
    hs_diags_release(&d);
}

#define F(id, status, reason, brier)                                                    \
    "{\"id\":\"" id "\",\"forecaster\":\"A\",\"organization\":\"O\",\"status\":\"" status \
    "\",\"void_reason\":" reason ",\"brier\":" brier ",\"evidence_record\":null}"
static const char prev_json[] =
    "{\"as_of\":\"2024-01-01\",\"forecasts\":["
    F("f1", "pending", "null", "null") "," F("f2", "pending", "null", "null") ","
    F("f3", "yes", "null", "0.01") "," F("f4", "yes", "null", "0.01") ","
    F("f5", "void", "\"annulled\"", "null") "," F("f6", "pending", "null", "null") ","
    F("gone", "pending", "null", "null") "],"
    "\"forecasters\":[{\"forecaster\":\"A\",\"rank\":1,\"forecasts\":3,\"scored\":1,\"pending\":2,\"void\":0,\"brier\":0.01},"
    "{\"forecaster\":\"Same\",\"rank\":null,\"forecasts\":1,\"scored\":0,\"pending\":1,\"void\":0,\"brier\":null},"
    "{\"forecaster\":\"Old\",\"rank\":null,\"forecasts\":1,\"scored\":0,\"pending\":1,\"void\":0,\"brier\":null}],"
    "\"organizations\":[{\"organization\":\"O\",\"rank\":1,\"forecasts\":3,\"scored\":1,\"pending\":2,\"void\":0,\"brier\":0.01}]}";

static const char cur_json[] =
    "{\"as_of\":\"2026-11-22\",\"forecasts\":["
    F("f1", "yes", "null", "0.0100") "," F("f2", "void", "\"annulled\"", "null") ","
    F("f3", "no", "null", "0.81") "," F("f4", "yes", "null", "0.04") ","
    F("f5", "void", "\"annulled\"", "null") "," F("f6", "pending", "null", "null") ","
    F("new", "pending", "null", "null") "],"
    "\"forecasters\":[{\"forecaster\":\"A\",\"rank\":2,\"forecasts\":3,\"scored\":2,\"pending\":1,\"void\":0,\"brier\":0.025},"
    "{\"forecaster\":\"Same\",\"rank\":null,\"forecasts\":1,\"scored\":0,\"pending\":1,\"void\":0,\"brier\":null},"
    "{\"forecaster\":\"New\",\"rank\":1,\"forecasts\":1,\"scored\":1,\"pending\":0,\"void\":0,\"brier\":0.0}],"
    "\"organizations\":[{\"organization\":\"O\",\"rank\":1,\"forecasts\":3,\"scored\":1,\"pending\":2,\"void\":0,\"brier\":0.01}]}";

static void test_changes_between_runs(void)
{
    static const struct { enum hs_change_kind kind; int group; size_t prev, cur; } want[] = {
        {HS_CHANGE_RESOLVED, 0, 0, 0},             /* f1 pending -> yes */
        {HS_CHANGE_VOIDED, 0, 1, 1},               /* f2 pending -> void */
        {HS_CHANGE_STATUS, 0, 2, 2},               /* f3 yes -> no */
        {HS_CHANGE_RESCORED, 0, 3, 3},             /* f4 same status, other brier */
        {HS_CHANGE_NEW, 0, (size_t)-1, 6},         /* new */
        {HS_CHANGE_REMOVED, 0, 6, (size_t)-1},     /* gone */
        {HS_CHANGE_GROUP, HS_SNAP_FORECASTER, 0, 0},           /* A: rank, brier */
        {HS_CHANGE_GROUP, HS_SNAP_FORECASTER, (size_t)-1, 2},  /* New */
        {HS_CHANGE_GROUP, HS_SNAP_FORECASTER, 2, (size_t)-1},  /* Old */
    };
    hs_snapshot prev, cur;
    hs_changes c;
    size_t i;

    snap_from(&prev, prev_json);
    snap_from(&cur, cur_json);
    CHECK(hs_changes_compute(&c, &prev, &cur) == 0);
    CHECK(c.n == sizeof(want) / sizeof(want[0]));
    for (i = 0; i < c.n && i < sizeof(want) / sizeof(want[0]); i++) {
        CHECK(c.items[i].kind == want[i].kind);
        CHECK(c.items[i].kind != HS_CHANGE_GROUP || c.items[i].group == want[i].group);
        CHECK(c.items[i].prev == want[i].prev && c.items[i].cur == want[i].cur);
    }
    hs_changes_release(&c);
    /* a run against itself changes nothing; neither does the empty one */
    CHECK(hs_changes_compute(&c, &cur, &cur) == 0 && c.n == 0);
    hs_changes_release(&c);
    hs_snapshot_release(&prev);
    CHECK(hs_changes_compute(&c, &prev, &prev) == 0 && c.n == 0);
    hs_changes_release(&c);
    hs_snapshot_release(&cur);
}

static void test_snapshot_rejects_other_json(void)
{
    static const char *const bad[] = {
        "[]", "{\"as_of\":\"2024-01-01\"}",
        "{\"as_of\":\"2024-01-01\",\"forecasts\":[{\"id\":1}],\"forecasters\":[],\"organizations\":[]}",
        "{\"as_of\":\"2024-01-01\",\"forecasts\":[],\"forecasters\":[{\"forecaster\":\"A\",\"brier\":\"x\"}],\"organizations\":[]}"};
    size_t k;

    for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
        json_t *root = json_loads(bad[k], 0, NULL);
        hs_snapshot s;
        hs_diags d;

        hs_diags_init(&d);
        CHECK(root && hs_snapshot_from_json(&s, root, "x.json", &d) < 0);
        CHECK(d.n_errors >= 1);
        CHECK(s.n_forecasts == 0 && s.forecasts == NULL);
        json_decref(root);
        hs_diags_release(&d);
    }
}

/* Rows of runs after the committed one (a run killed before it finished,
 * in the layout before generations) are not copied; the next run number
 * follows the committed one. */
static void test_history_drops_uncommitted_runs(void)
{
    const char *dir = temp_dir();
    char path[512], copy[512], clean[2048], got[2048], two[2048];
    hs_snapshot prev, cur;
    hs_history h;
    hs_diags d;
    size_t written;
    char *at;

    snap_from(&prev, prev_json);
    snap_from(&cur, cur_json);
    hs_diags_init(&d);
    snprintf(path, sizeof(path), "%s/history.csv", dir);
    snprintf(copy, sizeof(copy), "%s/copy.csv", dir);
    /* the clean sequence: run 1, then run 2 on a copy of it */
    CHECK(copy_history(&h, dir, 0, &d) == 0 && h.size == 0);
    CHECK(hs_history_append(&h, 1, &prev, &written, &d) == 0);
    CHECK(written == 4 && h.rows == 4);
    CHECK(hs_history_append(&h, 1, &cur, &written, &d) < 0);   /* runs only go up */
    hs_history_release(&h);
    CHECK(read_text(copy, clean, sizeof(clean)) > 0);
    CHECK(rename(copy, path) == 0);
    CHECK(copy_history(&h, dir, 1, &d) == 0);
    CHECK(hs_history_append(&h, 2, &cur, &written, &d) == 0);
    CHECK(written == 4 && h.rows == 8 && h.last_run == 2);
    hs_history_release(&h);
    CHECK(read_text(copy, two, sizeof(two)) > 0);
    CHECK(strncmp(two, clean, strlen(clean)) == 0);   /* only grew */
    CHECK(strstr(two, "\n2,2026-11-22,forecaster,New,1,1,0,0,0,1\n") != NULL);
    CHECK(d.n == 1 && d.n_errors == 1);   /* the refused append */
    /* run 2's rows, but latest/ still says run 1: they are not copied */
    CHECK(rename(copy, path) == 0);
    hs_diags_release(&d);
    hs_diags_init(&d);
    CHECK(copy_history(&h, dir, 1, &d) == 0);
    CHECK(h.rows == 4 && h.dropped_rows == 4 && h.dropped_run == 2 && h.last_run == 1);
    CHECK(d.n_warnings == 1 && (at = strstr(d.items[0].message, "dropped 4 rows of run 2")) != NULL);
    hs_history_release(&h);
    CHECK(read_text(copy, got, sizeof(got)) > 0);
    CHECK_STR(got, clean);
    hs_diags_release(&d);
    hs_snapshot_release(&prev);
    hs_snapshot_release(&cur);
    remove_tree(dir);
}

TEST_TABLE(history_tests) = {
    {"csv_neutralises_formulas", test_csv_neutralises_formulas},
    {"csv_excel_style", test_csv_excel_style},
    {"numbers_ignore_locale", test_numbers_ignore_locale},
    {"afset_replaces_all_or_nothing", test_afset_replaces_all_or_nothing},
    {"afset_interrupted_puts_back", test_afset_interrupted_puts_back},
    {"afdir_switches_whole_directory", test_afdir_switches_whole_directory},
    {"af_clean_leaves_planted_entries", test_af_clean_leaves_planted_entries},
    {"af_clean_completes_killed_set", test_af_clean_completes_killed_set},
    {"history_repairs_torn_line", test_history_repairs_torn_line},
    {"history_rejects_edited_rows", test_history_rejects_edited_rows},
    {"history_drops_uncommitted_runs", test_history_drops_uncommitted_runs},
    {"changes_between_runs", test_changes_between_runs},
    {"snapshot_rejects_other_json", test_snapshot_rejects_other_json},
    {NULL, NULL},
};
