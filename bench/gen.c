/*
 * gen.c - deterministic bulk data for `make bench` (bench/run.sh).
 *
 * usage: gen DIR N [SEED]
 * Writes DIR/forecasts/bulk.csv (N forecasts), DIR/outcomes/questions.json
 * and DIR/outcomes/records.csv: N/100 forecasters in 200 organizations,
 * N/50 questions, N/20 sources.  About 5 % of questions have no outcome
 * record, the others occurred (45 %) or had not occurred as of 2026-06-01
 * (50 %).  Half the forecasts use a lexicon hedge, half an explicit
 * probability; half state a deadline.  Names carry commas, doubled quotes
 * and UTF-8.  The same N and SEED always give the same bytes (splitmix64).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long state;

static unsigned long long next(void)
{
    unsigned long long z = (state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static unsigned long below(unsigned long n)
{
    return (unsigned long)(next() % n);
}

/* A date with day <= 28, so every date arithmetic agrees on it. */
static void date_of(unsigned long k, int *y, int *m, int *d)
{
    *y = 2022 + (int)(k % 2);
    *m = 1 + (int)(k / 2 % 12);
    *d = 1 + (int)(k / 24 % 28);
}

static const char *const hedges[] = {
    "almost certainly", "very likely", "likely", "probably", "could", "may",
    "unlikely", "very unlikely", "will", "might"};

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (!(f = fopen(path, "w"))) {
        perror(path);
        exit(1);
    }
    return f;
}

int main(int argc, char **argv)
{
    unsigned long n, nf, nq, ns, i;
    FILE *f;
    char dir[4096];
    static char buf[1 << 20];

    if (argc < 3) {
        fprintf(stderr, "usage: gen DIR N [SEED]\n");
        return 2;
    }
    n = strtoul(argv[2], NULL, 10);
    state = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
    nf = n / 100 ? n / 100 : 1;
    nq = n / 50 > 2 ? n / 50 : 2;
    ns = n / 20 ? n / 20 : 1;

    snprintf(dir, sizeof(dir), "%s/outcomes", argv[1]);
    f = open_out(dir, "questions.json");
    fputs("{\"format\": \"hindsight-questions/1\", \"questions\": [\n", f);
    for (i = 0; i < nq; i++)
        fprintf(f, "%s{\"id\": \"q%lu\", \"title\": \"Frage %lu: wird es geschehen?\", \"criteria\": \"Generated, \\\"quoted\\\".\"}\n",
                i ? "," : "", i, i);
    fputs("]}\n", f);
    fclose(f);

    f = open_out(dir, "records.csv");
    fputs("question,status,date,evidence,evidence_source,recorded\n", f);
    for (i = 0; i < nq; i++) {
        unsigned long r = below(100);
        int y, m, d;

        if (r < 5)
            continue;
        if (r < 50) {
            unsigned long k = below(24 * 28 * 2);

            date_of(k, &y, &m, &d);
            y += (int)below(3);
            fprintf(f, "q%lu,occurred,%04d-%02d-%02d,\"Reported, \"\"confirmed\"\"\",bench,2026-07-01\n",
                    i, y, m, d);
        } else {
            fprintf(f, "q%lu,not_occurred,2026-06-01,no sign of it,bench,2026-07-01\n", i);
        }
    }
    fclose(f);

    snprintf(dir, sizeof(dir), "%s/forecasts", argv[1]);
    f = open_out(dir, "bulk.csv");
    setvbuf(f, buf, _IOFBF, sizeof(buf));
    fputs("id,forecaster,organization,source,published,quote,question,stance,hedge,probability,basis,deadline\n", f);
    for (i = 0; i < n; i++) {
        unsigned long who = below(nf), src = below(ns), q = below(nq);
        unsigned long org = below(10) ? who % 200 : below(200);
        const char *stance;
        int y, m, d;

        fprintf(f, "f%lu,", i);
        switch (who % 3) {
        case 0: fprintf(f, "\"Müller, Expert %lu\",", who); break;
        case 1: fprintf(f, "\"Expert \"\"%lu\"\" Ørsted\",", who); break;
        default: fprintf(f, "Expert %lu,", who); break;
        }
        if (org % 2)
            fprintf(f, "\"Institut für Zukunft %lu, e.V.\",", org);
        else
            fprintf(f, "\"The \"\"%lu\"\" Group\",", org);
        date_of(src * 7919, &y, &m, &d);
        stance = below(10) < 7 ? "yes" : "no";
        /* the hedge is in the quote: the speaker's own words (docs/data.md) */
        if (below(2)) {
            const char *h = hedges[below(sizeof(hedges) / sizeof(hedges[0]))];

            /* a denial ("unlikely") is stated with stance no, as curators
             * record it (check warns of stance yes with such a hedge) */
            if (strstr(h, "unlikely"))
                stance = "no";

            fprintf(f, "s%lu,%04d-%02d-%02d,\"Statement %lu, with a comma: it %s happen\",q%lu,%s,%s,,,",
                    src, y, m, d, i, h, q, stance, h);
        } else {
            unsigned long p = below(1001) % 1000;

            fprintf(f, "s%lu,%04d-%02d-%02d,\"Statement %lu, with a comma: I put it at 0.%03lu\",q%lu,%s,put it at,0.%03lu,explicit,",
                    src, y, m, d, i, p, q, stance, p);
        }
        if (below(2))
            fprintf(f, "%04d-%02d-%02d", y + 1 + (int)below(2), m, d);
        fputc('\n', f);
    }
    if (fclose(f) != 0) {
        perror("bulk.csv");
        return 1;
    }
    return 0;
}
