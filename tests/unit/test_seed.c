/*
 * test_seed.c - the shipped data traces to its articles: every quote (and
 * every also_reported_by quote) occurs verbatim in its source's seed text
 * in ../shared/seeds/ (or $SEEDS), after typographic quotes are made
 * straight and runs of white space collapsed.  Without the seeds the test
 * says so and checks what it can without them.
 */
#include <stdlib.h>

#include "hindsight/hindsight.h"
#include "tests.h"

/* Normalise in place: ‘ ’ -> ', “ ” -> ", white space runs -> one space. */
static void normalise(char *s)
{
    char *o = s, *start = s;
    int space = 0;

    while (*s) {
        unsigned char c = (unsigned char)*s;

        if (c == 0xe2 && (unsigned char)s[1] == 0x80 &&
            ((unsigned char)s[2] >= 0x98 && (unsigned char)s[2] <= 0x9d)) {
            c = (unsigned char)s[2] <= 0x9b ? '\'' : '"';
            s += 2;
        }
        s++;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = 1;
            continue;
        }
        if (space && o > start)
            *o++ = ' ';
        space = 0;
        *o++ = (char)c;
    }
    *o = '\0';
}

static char *read_seed(const char *dir, const char *name)
{
    char path[1024];
    FILE *fp;
    char *buf;
    long n;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (!(fp = fopen(path, "rb")))
        return NULL;
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(fp);
    if (buf)
        normalise(buf);
    return buf;
}

static int quote_in(const char *seed_dir, const hs_source *src, const char *quote,
                    const char *id)
{
    char *text, *q;
    int found;

    if (!src->seed) {
        fprintf(stderr, "forecast %s: source '%s' names no seed file\n", id, src->id);
        return 0;
    }
    if (!(text = read_seed(seed_dir, src->seed))) {
        fprintf(stderr, "forecast %s: cannot read seed '%s'\n", id, src->seed);
        return 0;
    }
    q = strdup(quote);
    normalise(q);
    found = strstr(text, q) != NULL;
    if (!found)
        fprintf(stderr, "forecast %s: quote not found verbatim in %s: \"%s\"\n", id,
                src->seed, q);
    free(q);
    free(text);
    return found;
}

static void test_seed_quotes_verbatim(void)
{
    const char *seeds = getenv("SEEDS") ? getenv("SEEDS") : "../shared/seeds";
    const char *data = getenv("SHIPPED_DATA") ? getenv("SHIPPED_DATA") : ".";
    char lexpath[1024], probe[1100];
    hs_lexicon lex;
    hs_dataset ds;
    hs_diags d;
    size_t i, j;
    FILE *fp;
    int have_seeds;

    snprintf(lexpath, sizeof(lexpath), "%s/lexicons/default.csv", data);
    hs_lexicon_init(&lex);
    hs_dataset_init(&ds);
    hs_diags_init(&d);
    CHECK(hs_lexicon_load(&lex, lexpath, &d) == 0);
    CHECK(hs_dataset_load(&ds, data, &lex, &d) == 0);
    CHECK(d.n == 0);                       /* no errors and no warnings */
    CHECK(ds.n_forecasts >= 25);           /* the five articles hold 25-40 */
    for (i = 0; i < ds.n_forecasts; i++) {
        CHECK(ds.forecasts[i].question != HS_NONE);
        if (ds.forecasts[i].condition_id)
            CHECK(ds.forecasts[i].condition != HS_NONE);
        for (j = 0; j < ds.forecasts[i].n_also; j++)
            CHECK(ds.forecasts[i].also[j].source != HS_NONE);
    }
    snprintf(probe, sizeof(probe), "%s/.", seeds);
    fp = fopen(probe, "r");
    have_seeds = fp != NULL;
    if (fp)
        fclose(fp);
    if (!have_seeds) {
        /* The articles are not part of the project (copyright): without
         * them the quotes cannot be compared, so this test checked less. */
        SKIP("the seed articles (../shared/seeds or $SEEDS) are not here; quotes not compared with them");
    } else {
        for (i = 0; i < ds.n_forecasts; i++) {
            const hs_forecast *f = &ds.forecasts[i];

            CHECK(quote_in(seeds, &ds.sources[f->source], f->quote, f->id));
            for (j = 0; j < f->n_also; j++)
                if (f->also[j].quote && f->also[j].source != HS_NONE)
                    CHECK(quote_in(seeds, &ds.sources[f->also[j].source], f->also[j].quote,
                                   f->id));
        }
    }
    hs_diags_release(&d);
    hs_dataset_release(&ds);
    hs_lexicon_release(&lex);
}

TEST_TABLE(seed_tests) = {
    {"seed_quotes_verbatim", test_seed_quotes_verbatim},
    {NULL, NULL},
};
