/* test_lexicon.c - loading hedge tables and matching phrases. */
#include "hindsight/hindsight.h"
#include "tests.h"

#include <stdlib.h>
#include <unistd.h>

static void test_hedge_key(void)
{
    char *k = hs_hedge_key("  Can\xE2\x80\x99t   see a future\tFOR ");

    CHECK_STR(k, "can't see a future for");
    hs_free(k);
}

static void test_lexicon_find(void)
{
    char path[512];
    hs_lexicon lx;
    hs_diags d;
    const hs_hedge *h;

    snprintf(path, sizeof(path), "%s/basic/lexicons/default.csv", test_data_dir);
    hs_lexicon_init(&lx);
    hs_diags_init(&d);
    CHECK(hs_lexicon_load(&lx, path, &d) == 0);
    CHECK(lx.n == 4);
    CHECK_STR(lx.name, "default");
    h = hs_lexicon_find(&lx, "Almost  Certainly");
    CHECK(h && h->probability == 930000000 && h->low == 850000000 && h->high == 970000000);
    h = hs_lexicon_find(&lx, "can\xE2\x80\x99t see a future for");
    CHECK(h && h->probability == 850000000);
    CHECK(hs_lexicon_find(&lx, "maybe") == NULL);
    hs_lexicon_release(&lx);
    hs_diags_release(&d);
}

/* The fallback rule (hs_lexicon_chain): a table other than the default
 * takes the phrases it lacks from the default table; the default table has
 * no fallback, whichever table is passed. */
static void test_lexicon_chain(void)
{
    char path[512];
    hs_lexicon def, alt;
    hs_diags d;
    const hs_hedge *h;
    int fd;

    hs_lexicon_init(&def);
    hs_lexicon_init(&alt);
    hs_diags_init(&d);
    snprintf(path, sizeof(path), "%s/basic/lexicons/default.csv", test_data_dir);
    CHECK(hs_lexicon_load(&def, path, &d) == 0);
    /* a table that lists only "could" */
    snprintf(path, sizeof(path), "%s/hindsight-sparse-XXXXXX.csv",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    fd = mkstemps(path, 4);
    CHECK(fd >= 0);
    if (fd >= 0) {
        static const char text[] = "phrase,probability,low,high,source\ncould,0.3,0.1,0.5,t\n";

        CHECK(write(fd, text, sizeof(text) - 1) == (ssize_t)(sizeof(text) - 1));
        close(fd);
        CHECK(hs_lexicon_load(&alt, path, &d) == 0);
        unlink(path);
    }
    CHECK(hs_lexicon_is_default(&def) && !hs_lexicon_is_default(&alt));
    hs_lexicon_chain(&alt, &def);
    CHECK(alt.fallback == &def);
    hs_lexicon_chain(&def, &alt);                  /* the default never falls back */
    CHECK(def.fallback == NULL);
    h = hs_lexicon_find(&alt, "could");            /* alt's own row */
    CHECK(h && hs_lexicon_owns(&alt, h) && hs_lexicon_owner(&alt, h) == &alt);
    CHECK(h && h->probability == 300000000);      /* 0.3 in units of 1e-9 */
    h = hs_lexicon_find(&alt, "almost certainly"); /* not in alt: default's row */
    CHECK(h && !hs_lexicon_owns(&alt, h) && hs_lexicon_owner(&alt, h) == &def);
    CHECK(h && h->probability == 930000000);
    CHECK(hs_lexicon_owner(&def, h) == &def);
    CHECK(hs_lexicon_find(&alt, "maybe") == NULL);
    hs_lexicon_release(&alt);
    hs_lexicon_release(&def);
    hs_diags_release(&d);
}

TEST_TABLE(lexicon_tests) = {
    {"lexicon_chain", test_lexicon_chain},
    {"hedge_key", test_hedge_key},
    {"lexicon_find", test_lexicon_find},
    {NULL, NULL},
};
