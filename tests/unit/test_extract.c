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


/* Normalisation, ellipses and offsets of hs_quote_find, by hand. */
static void test_textmatch_find(void)
{
    /* "‘Yes,’ he said – then…" : ‘ is 3 bytes, – 3 bytes, … 3 bytes */
    const char *art = "\xe2\x80\x98Yes,\xe2\x80\x99 he  said \xe2\x80\x93 then\xe2\x80\xa6\nNext  Line";
    hs_ntext nt;
    size_t a = 0, b = 0;

    CHECK(hs_ntext_init(&nt, art, strlen(art)) == 0);
    /* normalised: "'yes,' he said - then... next line", 34 code points */
    CHECK(nt.n == 34);
    CHECK(nt.cp[0] == '\'' && nt.cp[1] == 'y' && nt.cp[15] == '-' && nt.cp[21] == '.');
    CHECK(hs_quote_find(&nt, "'yes,' HE said - then...", &a, &b) == 1);
    CHECK(a == 0);
    CHECK(b == 28);                       /* "..." ends the quote: a gap, so up to "then" */
    CHECK(hs_quote_find(&nt, "yes ... next line", &a, &b) == 1);
    CHECK(a == 3 && b == strlen(art));    /* from "Yes" to the end */
    CHECK(hs_quote_find(&nt, "next ... yes", &a, &b) == 0);   /* order matters */
    CHECK(hs_quote_find(&nt, "he  said\n-", &a, &b) == 1);
    CHECK(a == 11 && b == 23);            /* "he" to the end of the 3-byte dash */
    hs_ntext_release(&nt);
}

/* The closest passage and its edit count, counted by hand. */
static void test_textmatch_closest(void)
{
    const char *art = "Title\nThe leader will go by the end of 2024, she said.\n";
    hs_ntext nt;
    size_t a = 0, b = 0, edits = 0;
    unsigned long line = 0, col = 0;

    CHECK(hs_ntext_init(&nt, art, strlen(art)) == 0);
    /* "be gone" for "go": substitute g->b, o->e, insert " gon", "e" -> 5 edits
     * (the cheapest: "be gone" vs "go" = 5, Levenshtein) */
    CHECK(hs_quote_closest(&nt, "The leader will be gone by the end of 2024", &a, &b, &edits) == 0);
    CHECK(edits == 5);
    CHECK(a == 6);
    CHECK(b == 6 + strlen("The leader will go by the end of 2024"));
    hs_text_position(art, a, &line, &col);
    CHECK(line == 2 && col == 1);
    hs_ntext_release(&nt);
}

static void test_speaker_matches(void)
{
    CHECK(hs_speaker_matches("Alp Sevimlisoy", "Alp Sevimlisoy", NULL) == 1);
    CHECK(hs_speaker_matches("Volodymyr Zelenskyi", "Volodymyr Zelensky", NULL) == 1);
    CHECK(hs_speaker_matches("Grigory Yudin", "Alp Sevimlisoy", "fellow") == 0);
    CHECK(hs_speaker_matches("an army officer", "US Army officer (anonymous)", "army officer") == 1);
    CHECK(hs_speaker_matches("a senior State Department official", "US Army officer",
                             "army officer") == 0);
}

/* One article, every field of its one candidate checked by hand. */
static void test_extract_small(void)
{
    const char *art = "Headline\n\n\xe2\x80\x9cThe dam will fail by 2030,\xe2\x80\x9d said Ann Lee, "
                      "an engineer at the Water Board.\n\nThe river is low.\n";
    hs_extract_options xo;
    hs_extraction ex;
    hs_diags d;

    memset(&xo, 0, sizeof(xo));
    hs_extraction_init(&ex);
    hs_diags_init(&d);
    CHECK(hs_extract(&ex, "a.txt", art, strlen(art), &xo, &d) == 0);
    CHECK(ex.n == 1);
    if (ex.n == 1) {
        const hs_candidate *c = &ex.items[0];
        CHECK_STR(c->quote, "The dam will fail by 2030");
        CHECK(c->start == 11 && c->end == 36);    /* "Headline\n\n“" = 11 code points */
        CHECK(c->byte_start == 13);               /* “ is 3 bytes */
        CHECK(c->line == 3 && c->column == 2);
        CHECK_STR(c->speaker, "Ann Lee");
        CHECK_STR(c->role, "engineer at the Water Board");
        CHECK_STR(c->organization, "Water Board");
        CHECK_STR(c->hedge, "will");
        CHECK(c->stance_yes == 1);
        CHECK_STR(c->time_cue, "by 2030");
        CHECK_STR(c->deadline, "2030-12-31");
        CHECK_NEAR(c->confidence, 0.8, 1e-9);   /* quoted, named, modal only */
    }
    CHECK_STR(ex.title, "Headline");
    hs_extraction_release(&ex);
    /* errors: not UTF-8 (line 2, column 3), empty */
    hs_extraction_init(&ex);
    CHECK(hs_extract(&ex, "b.txt", "T\nab\xff", 5, &xo, &d) == -1);
    CHECK(d.n == 1 && d.items[0].line == 2 && d.items[0].column == 3);
    CHECK(hs_extract(&ex, "c.txt", " \n\t", 3, &xo, &d) == -1);
    CHECK(d.n == 2 && d.items[1].line == 0);
    hs_extraction_release(&ex);
    hs_diags_release(&d);
}

TEST_TABLE(extract_tests) = {
    {"extract_seed_recall_precision", test_extract_seed_recall_precision},
    {"textmatch_find", test_textmatch_find},
    {"textmatch_closest", test_textmatch_closest},
    {"speaker_matches", test_speaker_matches},
    {"extract_small", test_extract_small},
    {NULL, NULL},
};
