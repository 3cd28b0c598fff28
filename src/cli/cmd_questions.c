/* cmd_questions.c - `hindsight questions [WORD...]`: list and search the
 * questions. */
#include <string.h>

#include "cli.h"

const char cmd_questions_usage[] =
    "usage: hindsight [--data DIR] questions [WORD...] [--format FORMAT]\n"
    "\n"
    "List the questions of outcomes/questions.json with their titles, tags, how\n"
    "many forecasts use each (as question or as condition) and how many outcome\n"
    "records resolve it.  With WORDs, only the questions whose id, title, tags\n"
    "or criteria contain every WORD, ignoring case (after Unicode case folding).\n"
    "\n"
    "Options:\n"
    "  --format FORMAT      table (default), csv or json\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Errors in the data are reported first; the list is still printed unless\n"
    "outcomes/questions.json itself did not load.\n"
    "\n"
    "Exit status: 0 success (also when nothing matches), 1 data errors (the\n"
    "list may still be printed), 2 usage error.\n";

/* Does q contain every word (case folded)?  -1 when out of memory. */
static int matches(const hs_question *q, char **words, int n)
{
    int i;

    for (i = 0; i < n; i++) {
        size_t t;
        char *fields[4] = {q->id, q->title, q->criteria, NULL};
        int found = 0, k;

        for (k = 0; k < 3 && !found; k++) {
            char *f = hs_name_fold(fields[k]);

            if (!f)
                return -1;
            found = strstr(f, words[i]) != NULL;
            hs_free(f);
        }
        for (t = 0; t < q->n_tags && !found; t++) {
            char *f = hs_name_fold(q->tags[t]);

            if (!f)
                return -1;
            found = strstr(f, words[i]) != NULL;
            hs_free(f);
        }
        if (!found)
            return 0;
    }
    return 1;
}

enum { Q_ID, Q_TITLE, Q_TAGS, Q_FORECASTS, Q_CONDITIONS, Q_RECORDS, Q_COUNT };

int cmd_questions(int argc, char **argv, cli_options *opt)
{
    static const char *const cols[Q_COUNT] = {"id", "title", "tags", "forecasts",
                                              "conditions", "records"};
    hs_lexicon lex;
    hs_dataset ds;
    hs_diags diags;
    hs_table t;
    size_t *uses = NULL, i, c;
    char **words = NULL;
    int first = cli_begin(argc, argv, "questions", "format", 0, 1000, opt), n = 0, status;

    if (first < 0)
        return -1 - first;
    hs_lexicon_init(&lex);
    hs_dataset_init(&ds);
    hs_diags_init(&diags);
    hs_table_init(&t);
    status = EXIT_DATA;
    /* Errors elsewhere (a draft naming a question not yet written) do not
     * stop the listing, only a questions file that did not load whole. */
    if (cli_load(opt, &lex, &diags, &ds) < 0 && (ds.questions_incomplete || !ds.n_files)) {
        fprintf(stderr, "hindsight: outcomes/questions.json did not load ('hindsight check' lists the errors); nothing listed\n");
        goto cleanup;
    }
    if (!(words = hs_calloc((size_t)(argc - first) + 1, sizeof(*words))) ||
        !(uses = hs_calloc(3 * ds.n_questions + 1, sizeof(*uses))))
        goto oom;
    for (n = 0; n < argc - first; n++)
        if (!(words[n] = hs_name_fold(argv[first + n])))
            goto oom;
    for (i = 0; i < ds.n_forecasts; i++) {
        if (ds.forecasts[i].question != HS_NONE)
            uses[3 * ds.forecasts[i].question]++;
        if (ds.forecasts[i].condition_id && ds.forecasts[i].condition != HS_NONE)
            uses[3 * ds.forecasts[i].condition + 1]++;
    }
    for (i = 0; i < ds.n_records; i++)
        if (ds.records[i].question != HS_NONE)
            uses[3 * ds.records[i].question + 2]++;
    for (c = 0; c < Q_COUNT; c++)
        hs_table_column(&t, cols[c], 0);
    for (i = 0; i < ds.n_questions; i++) {
        const hs_question *q = &ds.questions[i];
        char *tags;
        size_t k, tl = 1;
        int m = matches(q, words, n);

        if (m < 0)
            goto oom;
        if (!m)
            continue;
        for (k = 0; k < q->n_tags; k++)
            tl += strlen(q->tags[k]) + 1;
        if (!(tags = hs_malloc(tl)))
            goto oom;
        tags[0] = '\0';
        for (k = 0; k < q->n_tags; k++) {
            if (k)
                strcat(tags, " ");
            strcat(tags, q->tags[k]);
        }
        hs_table_row(&t);
        hs_table_text(&t, Q_ID, q->id);
        hs_table_text(&t, Q_TITLE, q->title);
        hs_table_text(&t, Q_TAGS, tags);
        hs_free(tags);
        for (k = 0; k < 3; k++)
            hs_table_int(&t, Q_FORECASTS + k, (long long)uses[3 * i + k]);
    }
    /* the text form shortens long ids and titles (docs/output.md) */
    hs_table_shorten(&t, Q_ID, HS_TEXT_ID_WIDTH, 1);
    hs_table_shorten(&t, Q_TITLE, HS_TEXT_TITLE_WIDTH, 0);
    if (t.oom)
        goto oom;
    status = cli_write_table(&t, opt->format);
    if (status == EXIT_OK && diags.n_errors)
        status = EXIT_DATA;   /* listed, but the data has errors to fix */
    goto cleanup;
oom:
    fprintf(stderr, "hindsight: out of memory\n");
    status = EXIT_DATA;
cleanup:
    if (words)
        for (i = 0; i < (size_t)n; i++)
            hs_free(words[i]);
    hs_free(words);
    hs_free(uses);
    hs_table_release(&t);
    hs_diags_release(&diags);
    hs_dataset_release(&ds);
    hs_lexicon_release(&lex);
    return status;
}
