/* test_curate.c - edit distances, name lookup, near-duplicate names,
 * unused questions (curate.h).  Distances are counted by hand. */
#include <stdlib.h>
#include <string.h>

#include "hindsight/hindsight.h"
#include "tests.h"

static void test_edit_distance(void)
{
    /* kitten -> sitten -> sittin -> sitting: 3 (two substitutions, one insertion) */
    static const unsigned long kitten[] = {'k', 'i', 't', 't', 'e', 'n'};
    static const unsigned long sitting[] = {'s', 'i', 't', 't', 'i', 'n', 'g'};

    CHECK(hs_edit_distance_cp(kitten, 6, sitting, 7, 10) == 3);
    CHECK(hs_edit_distance_cp(sitting, 7, kitten, 6, 10) == 3);
    CHECK(hs_edit_distance_cp(kitten, 6, sitting, 7, 2) == 3);    /* over max: max + 1 */
    CHECK(hs_edit_distance_cp(kitten, 6, sitting, 7, 3) == 3);
    CHECK(hs_edit_distance_cp(kitten, 0, sitting, 3, 5) == 3);    /* "" -> "sit" */
    CHECK(hs_edit_distance_cp(kitten, 6, kitten, 6, 0) == 0);
    CHECK(hs_edit_distance_cp(kitten, 6, sitting, 1, 2) == 3);    /* lengths 6 and 1: cut early */
    /* code points, not bytes: "Čapek" (Č is 2 bytes) and "Capek" are 1 apart */
    CHECK(hs_name_distance("\xc4\x8c" "apek", "Capek", 5) == 1);
    /* case folded: "JOSÉ" and "josé" are one name; "José" and "Jose" 1 apart */
    CHECK(hs_name_distance("JOS\xc3\x89", "jos\xc3\xa9", 5) == 0);
    CHECK(hs_name_distance("Jos\xc3\xa9", "Jose", 5) == 1);
    /* decomposed é (e + U+0301) composes first: same as the composed one */
    CHECK(hs_name_distance("Jose\xcc\x81", "Jos\xc3\xa9", 5) == 0);
}

static void test_name_fold(void)
{
    char *f = hs_name_fold("Stra\xc3\x9f" "e ANA");   /* ß folds to ss */

    CHECK_STR(f, "strasse ana");
    hs_free(f);
}

/* A dataset of forecasts naming only forecasters and organizations. */
struct fake {
    hs_dataset ds;
    hs_forecast f[300];
};

static void fake_init(struct fake *k, const char *const *names, const char *const *orgs,
                      size_t n)
{
    size_t i;

    memset(k, 0, sizeof(*k));
    k->ds.forecasts = k->f;
    k->ds.n_forecasts = n;
    for (i = 0; i < n; i++) {
        k->f[i].forecaster = (char *)names[i];
        k->f[i].organization = (char *)(orgs ? orgs[i] : "");
        k->f[i].pos.file = (char *)"f.json";
        k->f[i].pos.line = (unsigned long)i + 1;
        k->f[i].pos.column = 1;
    }
}

static void test_near_names(void)
{
    static const char *const names[] = {
        "Dave Dunn", "Dave Dunne",          /* 9/10 characters, 1 apart: reported */
        "Bob Birch", "Bob Birch Jr",        /* 3 apart: not */
        "Ivan Ivanov", "IVAN IVANOV",       /* case only: left to the loaders */
        "Anna Lee", "Anne Lee",             /* 8 characters, 1 apart: reported */
        "Ann Li", "Ann Lu",                 /* 6 characters, 1 apart: reported */
        "Ann Lo",                           /* 1 from both: reported twice */
        "Jo Li", "Jo Lu",                   /* 5 characters: too short */
        "Maximilian Schmidt", "Maximillian Schmid",   /* 18/18, 2 apart: reported */
        "Maximilian Schmidt", "Dave Dunn"};           /* repeats: one name each */
    static const char *const orgs[] = {
        "Atlantic Council", "Atlantik Councel", "Org A", "Org B", "", "", "", "", "", "",
        "", "", "", "", "", "", ""};
    struct fake k;
    hs_diags d;
    long n;

    fake_init(&k, names, orgs, sizeof(names) / sizeof(names[0]));
    hs_diags_init(&d);
    n = hs_check_near_names(&k.ds, &d);
    CHECK(n == 7 && d.n_warnings == 7);
    CHECK(d.n == 7 && strstr(d.items[0].message, "'Dave Dunne' is 1 edit away from 'Dave Dunn' at f.json:1:1"));
    CHECK(d.n == 7 && strstr(d.items[6].message, "organization 'Atlantik Councel' is 2 edits away from 'Atlantic Council'"));
    hs_diags_release(&d);
}

/* The index finds exactly the pairs that comparing every pair finds: 150
 * random names and, for each, a copy with one to three random edits (a
 * substitution, an insertion or a deletion each), so many pairs are near. */
static unsigned long lcg(unsigned long *seed)
{
    *seed = *seed * 1103515245UL + 12345UL;
    return (*seed >> 16) & 0x7fff;
}

static void test_near_names_match_brute_force(void)
{
    static char buf[300][32];
    const char *names[300];
    struct fake k;
    hs_diags d;
    size_t i, j, want = 0, n = 300;
    unsigned long seed = 12345;

    for (i = 0; i < n; i += 2) {
        size_t len = 5 + lcg(&seed) % 16, c, e, edits = 1 + lcg(&seed) % 3;

        for (c = 0; c < len; c++)
            buf[i][c] = (char)('a' + lcg(&seed) % 26);
        buf[i][len] = '\0';
        memcpy(buf[i + 1], buf[i], sizeof(buf[i]));
        for (e = 0; e < edits; e++) {
            char *t = buf[i + 1];
            size_t tl = strlen(t), at = lcg(&seed) % tl, kind = lcg(&seed) % 3;

            if (kind == 0)
                t[at] = (char)('a' + lcg(&seed) % 26);
            else if (kind == 1 && tl < 30) {
                memmove(t + at + 1, t + at, tl - at + 1);
                t[at] = (char)('a' + lcg(&seed) % 26);
            } else if (tl > 1)
                memmove(t + at, t + at + 1, tl - at);
        }
    }
    for (i = 0; i < n; i++)
        names[i] = buf[i];
    for (i = 0; i < n; i++)
        for (j = 0; j < i; j++) {
            size_t li = strlen(names[i]), lj = strlen(names[j]), s = li < lj ? li : lj, m;
            size_t t = s >= 12 ? 2 : s >= 6 ? 1 : 0;
            int first = 1;

            for (m = 0; m < i; m++)   /* each distinct name once */
                first &= strcmp(names[m], names[i]) != 0;
            for (m = 0; m < j; m++)
                first &= strcmp(names[m], names[j]) != 0;
            if (first && strcmp(names[i], names[j]) != 0 && t &&
                hs_name_distance(names[i], names[j], t) <= t)
                want++;
        }
    fake_init(&k, names, NULL, n);
    hs_diags_init(&d);
    CHECK(want >= 60);   /* 81 with this seed */
    CHECK(hs_check_near_names(&k.ds, &d) == (long)want);
    CHECK(d.n == want);   /* and no warning that a name reached the cap */
    hs_diags_release(&d);
}

static void test_unused_questions(void)
{
    hs_question q[3];
    hs_forecast f[1];
    hs_record r[1];
    hs_dataset ds;
    hs_diags d;

    memset(&ds, 0, sizeof(ds));
    memset(q, 0, sizeof(q));
    memset(f, 0, sizeof(f));
    memset(r, 0, sizeof(r));
    q[0].id = (char *)"asked";
    q[1].id = (char *)"recorded";
    q[2].id = (char *)"orphan";
    q[2].pos.file = (char *)"q.json";
    q[2].pos.line = 9;
    f[0].question = 0;
    f[0].condition = HS_NONE;
    r[0].question = 1;
    ds.questions = q;
    ds.n_questions = 3;
    ds.forecasts = f;
    ds.n_forecasts = 1;
    ds.records = r;
    ds.n_records = 1;
    hs_diags_init(&d);
    CHECK(hs_check_unused_questions(&ds, &d) == 1);
    CHECK(d.n == 1 && d.items[0].line == 9 && strstr(d.items[0].message, "'orphan'"));
    hs_diags_release(&d);
}

TEST_TABLE(curate_tests) = {
    {"edit_distance", test_edit_distance},
    {"name_fold", test_name_fold},
    {"near_names", test_near_names},
    {"near_names_match_brute_force", test_near_names_match_brute_force},
    {"unused_questions", test_unused_questions},
    {NULL, NULL},
};
