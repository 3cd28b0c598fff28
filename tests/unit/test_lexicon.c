/* test_lexicon.c - loading hedge tables and matching phrases. */
#include "hindsight/hindsight.h"
#include "tests.h"

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

TEST_TABLE(lexicon_tests) = {
    {"hedge_key", test_hedge_key},
    {"lexicon_find", test_lexicon_find},
    {NULL, NULL},
};
