/* fuzz_lexicon_csv.c - a hedge lexicon table, then the fixture scored with
 * it (the fixture's default table as its fallback, as --lexicon does). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const phrases[] = {"will", "COULD", "  almost   certainly ",
                                          "can\xE2\x80\x99t see a future for", ""};
    struct fuzz_files f = {FIXTURE("outcomes/questions.json"),
                           FIXTURE("outcomes/records.csv"),
                           {FIXTURE("forecasts/s1.json"), FIXTURE("forecasts/s2.json")},
                           NULL};
    const char *path = fuzz_file(data, size);
    hs_lexicon lex;
    hs_diags d;
    size_t i;

    hs_lexicon_init(&lex);
    hs_diags_init(&d);
    if (hs_lexicon_load(&lex, path, &d) == 0) {
        for (i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++) {
            const hs_hedge *h = hs_lexicon_find(&lex, phrases[i]);

            if (h && !(h->low <= h->probability && h->probability <= h->high))
                abort();
        }
        lex.fallback = &fuzz_lexicon;
        fuzz_dataset(&f, &lex);
    }
    hs_diags_release(&d);
    hs_lexicon_release(&lex);
    return 0;
}
