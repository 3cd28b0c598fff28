/*
 * test_extract.c - hindsight extract measured on the five seed articles
 * against the forecasts curated in forecasts/ (issue 15, "Measured, not
 * assumed"): recall >= 90 % and precision >= 60 %.
 *
 * A curated statement is a forecast's quote, or an also_reported_by quote,
 * whose source names the article as its seed.  A curated forecast is found
 * when a candidate's quote overlaps its quote (byte ranges in the article,
 * located with hs_quote_find) and hs_speaker_matches() says the speakers are
 * the same.  A candidate is correct when it overlaps some curated statement
 * of its article with a matching speaker.  Every miss is printed with the
 * reason.  Without the articles ($SEEDS or ../shared/seeds) the test says
 * SKIP: it never passes having checked less.
 */
#include <stdlib.h>
#include <string.h>

#include "hindsight/hindsight.h"
#include "hindsight/extract.h"
#include "hindsight/textmatch.h"
#include "tests.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (!fp)
        return NULL;
    if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL) {
        *len = fread(buf, 1, (size_t)n, fp);
        buf[*len] = '\0';
    }
    fclose(fp);
    return buf;
}

static void test_extract_seed_recall_precision(void)
{
    const char *seeds = getenv("SEEDS") ? getenv("SEEDS") : "../shared/seeds";
    hs_lexicon lex;
    hs_dataset ds;
    hs_diags d;
    size_t s, f, j, k, found = 0, curated = 0, right = 0, proposed = 0, articles = 0;
    char path[1024];

    hs_lexicon_init(&lex);
    hs_dataset_init(&ds);
    hs_diags_init(&d);
    CHECK(hs_lexicon_load(&lex, "lexicons/default.csv", &d) == 0);
    CHECK(hs_dataset_load(&ds, ".", &lex, &d) == 0);
    for (s = 0; s < ds.n_sources; s++) {
        const hs_source *src = &ds.sources[s];
        hs_extraction ex;
        hs_extract_options xo;
        hs_ntext nt;
        char *text;
        size_t len = 0;

        if (!src->seed)
            continue;
        snprintf(path, sizeof(path), "%s/%s", seeds, src->seed);
        if (!(text = slurp(path, &len)))
            continue;
        articles++;
        memset(&xo, 0, sizeof(xo));
        xo.lexicon = &lex;
        hs_extraction_init(&ex);
        CHECK(hs_extract(&ex, path, text, len, &xo, &d) == 0);
        CHECK(hs_ntext_init(&nt, text, len) == 0);
        proposed += ex.n;
        /* each candidate: does it overlap a curated statement of this article? */
        for (k = 0; k < ex.n; k++) {
            const hs_candidate *c = &ex.items[k];
            int ok = 0;
            for (f = 0; f < ds.n_forecasts && !ok; f++) {
                const hs_forecast *fc = &ds.forecasts[f];
                for (j = 0; j <= fc->n_also && !ok; j++) {
                    size_t fs = j ? fc->also[j - 1].source : fc->source, a, b, at = 0;
                    const char *q = j ? fc->also[j - 1].quote : fc->quote;
                    if (fs != s || !q)
                        continue;
                    /* every occurrence: captions repeat the body's words */
                    while (!ok && hs_quote_find_from(&nt, q, at, &a, &b) == 1) {
                        ok = a < c->byte_end && c->byte_start < b &&
                             hs_speaker_matches(c->speaker, fc->forecaster, fc->role);
                        at = a + 1;
                    }
                }
            }
            if (ok)
                right++;
            else
                printf("# extra   %s: %s: \"%.70s\"\n", src->seed, c->speaker, c->quote);
        }
        /* each curated forecast of this article: was it proposed? */
        for (f = 0; f < ds.n_forecasts; f++) {
            const hs_forecast *fc = &ds.forecasts[f];
            size_t a, b, at = 0;
            int hit = 0, where = 0, occurs = 0;
            if (fc->source != s)
                continue;
            curated++;
            while (!hit && hs_quote_find_from(&nt, fc->quote, at, &a, &b) == 1)
            for (occurs = 1, at = a + 1, k = 0; k < ex.n && !hit; k++) {
                const hs_candidate *c = &ex.items[k];
                if (a < c->byte_end && c->byte_start < b) {
                    where = 1;
                    hit = hs_speaker_matches(c->speaker, fc->forecaster, fc->role);
                    if (!hit)
                        printf("# speaker %s: %s: proposed for '%s', curated '%s'\n", src->seed,
                               fc->id, c->speaker, fc->forecaster);
                }
            }
            if (!occurs)
                printf("# missed  %s: %s: quote not in the article\n", src->seed, fc->id);
            else if (hit)
                found++;
            else if (!where)
                printf("# missed  %s: %s: no candidate overlaps \"%.60s\"\n", src->seed, fc->id,
                       fc->quote);
        }
        hs_ntext_release(&nt);
        hs_extraction_release(&ex);
        free(text);
    }
    if (articles == 0) {
        SKIP("the seed articles (../shared/seeds or $SEEDS) are not here; extract not measured");
    } else {
        printf("# extract on %zu articles: recall %zu/%zu = %.1f%%, precision %zu/%zu = %.1f%%\n",
               articles, found, curated, 100.0 * found / (curated ? curated : 1), right, proposed,
               100.0 * right / (proposed ? proposed : 1));
        CHECK(articles == 5);
        CHECK(found * 10 >= curated * 9);       /* recall >= 90 % */
        CHECK(right * 10 >= proposed * 6);      /* precision >= 60 % */
    }
    hs_diags_release(&d);
    hs_dataset_release(&ds);
    hs_lexicon_release(&lex);
}

TEST_TABLE(extract_tests) = {
    {"extract_seed_recall_precision", test_extract_seed_recall_precision},
    {NULL, NULL},
};
