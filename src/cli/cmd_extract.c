/* cmd_extract.c - `hindsight extract`: a draft forecasts file from an article. */
#include <errno.h>
#include <jansson.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "hindsight/extract.h"
#include "hindsight/format.h"

const char cmd_extract_usage[] =
    "usage: hindsight [--data DIR] extract ARTICLE.txt [--source-id ID] [--outlet NAME]\n"
    "                 [--published YYYY-MM-DD] [--format json|csv] [--lexicon NAME|PATH]\n"
    "\n"
    "Propose candidate forecasts: one per statement an identifiable speaker makes\n"
    "about the future in the article (UTF-8 text, headline on the first line).\n"
    "Writes a draft forecasts file (format hindsight-forecasts/1) on standard\n"
    "output for a curator to edit: each candidate has the verbatim quote, the\n"
    "speaker, organization and role, hedge and stance, and under \"extract\" its\n"
    "character offsets, confidence, the reason it was proposed, condition and\n"
    "time cues, and the id of a forecast in DIR/forecasts/ that already records\n"
    "it.  \"question\" is left out: `hindsight check` reports it until the\n"
    "curator fills it in, so a draft is never scored by accident.\n"
    "\n"
    "Options:\n"
    "  --source-id ID       the source's id (default: the article's file name)\n"
    "  --outlet NAME        the publication\n"
    "  --published DATE     publication date; also dates \"this spring\" cues\n"
    "  --format json|csv    the draft file (default) or one CSV row per candidate\n"
    "  --lexicon NAME|PATH  hedge phrases to look for (default: default)\n"
    "  --data DIR           data directory: its lexicons/ and forecasts/ (default .)\n"
    "\n"
    "Exit status: 0 written (also with no candidates), 1 the article could not be\n"
    "read, 2 usage error.\n";

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* The default source id: the file name without its extension. */
static char *default_id(const char *path)
{
    const char *b = base_name(path), *dot = strrchr(b, '.');
    return hs_strndup(b, dot && dot > b ? (size_t)(dot - b) : strlen(b));
}

/* Set o[key] to v (a new reference, stolen); a NULL v or a failure counts
 * in *bad (out of memory). */
static void put(json_t *o, const char *key, json_t *v, int *bad)
{
    if (!v || json_object_set_new(o, key, v) < 0)
        (*bad)++;
}

static void set_str(json_t *o, const char *key, const char *v, int *bad)
{
    if (v)
        put(o, key, json_string(v), bad);
}

/* The draft file as a new JSON tree, or NULL when out of memory. */
static json_t *draft_json(const hs_extraction *ex, const char *path, const char *id,
                          const cli_options *opt)
{
    json_t *root = json_object(), *src = json_object(), *list = json_array();
    size_t i;
    int bad = 0;

    if (!root || !src || !list) {
        json_decref(root);
        json_decref(src);
        json_decref(list);
        return NULL;
    }
    put(root, "format", json_string("hindsight-forecasts/1"), &bad);
    set_str(src, "id", id, &bad);
    set_str(src, "outlet", opt->outlet, &bad);
    set_str(src, "title", ex->title, &bad);
    if (opt->has_published) {
        char buf[HS_DATE_TEXT_SIZE];
        hs_date_format(opt->published, buf);
        set_str(src, "published", buf, &bad);
    }
    set_str(src, "seed", base_name(path), &bad);
    put(root, "source", src, &bad);
    for (i = 0; i < ex->n; i++) {
        const hs_candidate *c = &ex->items[i];
        json_t *f = json_object(), *x = json_object();
        char fid[256];

        if (!f || !x) {
            json_decref(f);
            json_decref(x);
            bad++;
            break;
        }
        snprintf(fid, sizeof(fid), "%s-%zu", id, i + 1);
        set_str(f, "id", fid, &bad);
        set_str(f, "forecaster", c->speaker, &bad);
        set_str(f, "organization", c->organization, &bad);
        set_str(f, "role", c->role, &bad);
        set_str(f, "quote", c->quote, &bad);
        set_str(f, "stance", c->stance_yes ? "yes" : "no", &bad);
        set_str(f, "hedge", c->hedge, &bad);
        if (c->deadline[0]) {
            set_str(f, "deadline", c->deadline, &bad);
            set_str(f, "deadline_set_by", "speaker", &bad);
        }
        put(x, "start", json_integer((json_int_t)c->start), &bad);
        put(x, "end", json_integer((json_int_t)c->end), &bad);
        put(x, "line", json_integer((json_int_t)c->line), &bad);
        put(x, "column", json_integer((json_int_t)c->column), &bad);
        put(x, "confidence", json_real(c->confidence), &bad);
        set_str(x, "reason", c->reason, &bad);
        set_str(x, "stance_cue", c->stance_cue, &bad);
        set_str(x, "condition_cue", c->condition_cue, &bad);
        set_str(x, "time_cue", c->time_cue, &bad);
        put(x, "recorded_as", c->recorded_as ? json_string(c->recorded_as) : json_null(), &bad);
        put(f, "extract", x, &bad);
        if (json_array_append_new(list, f) < 0)
            bad++;
    }
    put(root, "forecasts", list, &bad);
    if (bad) {
        json_decref(root);
        return NULL;
    }
    return root;
}

static int write_csv(const hs_extraction *ex, const char *id)
{
    static const char *const cols[] = { "id", "forecaster", "organization", "role", "quote",
        "stance", "hedge", "deadline", "start", "end", "line", "column", "confidence",
        "reason", "stance_cue", "condition_cue", "time_cue", "recorded_as" };
    hs_table t;
    size_t i, k;
    int rc = EXIT_OK;

    hs_table_init(&t);
    for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++)
        if (hs_table_column(&t, cols[k], k == 12 ? 2 : 0) < 0)
            break;                  /* t.oom is set: the writer reports it */
    for (i = 0; i < ex->n && !t.oom; i++) {
        const hs_candidate *c = &ex->items[i];
        char fid[256];

        snprintf(fid, sizeof(fid), "%s-%zu", id, i + 1);
        if (hs_table_row(&t) < 0)
            break;
        hs_table_text(&t, 0, fid);
        hs_table_text(&t, 1, c->speaker);
        hs_table_text(&t, 2, c->organization);
        hs_table_text(&t, 3, c->role);
        hs_table_text(&t, 4, c->quote);
        hs_table_text(&t, 5, c->stance_yes ? "yes" : "no");
        hs_table_text(&t, 6, c->hedge);
        hs_table_text(&t, 7, c->deadline[0] ? c->deadline : NULL);
        hs_table_int(&t, 8, (long long)c->start);
        hs_table_int(&t, 9, (long long)c->end);
        hs_table_int(&t, 10, (long long)c->line);
        hs_table_int(&t, 11, (long long)c->column);
        hs_table_real(&t, 12, c->confidence);
        hs_table_text(&t, 13, c->reason);
        hs_table_text(&t, 14, c->stance_cue);
        hs_table_text(&t, 15, c->condition_cue);
        hs_table_text(&t, 16, c->time_cue);
        hs_table_text(&t, 17, c->recorded_as);
    }
    rc = cli_write_table(&t, FORMAT_CSV);
    hs_table_release(&t);
    return rc;
}

int cmd_extract(int argc, char **argv, cli_options *opt)
{
    hs_extraction ex;
    hs_lexicon lex;
    hs_dataset ds;
    hs_diags diags, quiet;
    hs_extract_options xo;
    char *id = NULL, *forecasts = NULL;
    const char *path;
    struct stat sb;
    int first, status = EXIT_DATA;

    opt->format = FORMAT_JSON;
    first = cli_begin(argc, argv, "extract", "format lexicon source-id outlet published", 1, 1,
                      opt);
    if (first < 0)
        return -1 - first;
    if (opt->format == FORMAT_TABLE)
        return cli_usage_error(cli_find_command("extract"),
                               "--format 'table' is not one of json, csv");
    path = argv[first];
    hs_extraction_init(&ex);
    hs_lexicon_init(&lex);
    hs_dataset_init(&ds);
    hs_diags_init(&diags);
    hs_diags_init(&quiet);
    memset(&xo, 0, sizeof(xo));
    if (cli_load_lexicon(opt, &lex, &diags) < 0) {
        cli_print_diags(&diags);
        goto out;
    }
    xo.lexicon = &lex;
    xo.seed = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    xo.published = opt->published;
    xo.has_published = opt->has_published;
    /* Recorded forecasts, to mark candidates already there; the data's own
     * problems are `check`'s business, not this command's. */
    forecasts = hs_malloc(strlen(opt->data_dir) + sizeof("/forecasts"));
    if (!forecasts)
        goto oom;
    sprintf(forecasts, "%s/forecasts", opt->data_dir);
    if (stat(forecasts, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        size_t k;
        hs_dataset_load(&ds, opt->data_dir, NULL, &quiet);
        for (k = 0; k < quiet.n; k++)
            if (strcmp(quiet.items[k].message, "out of memory") == 0)
                quiet.out_of_memory = 1;
        if (quiet.out_of_memory)
            goto oom;
        xo.recorded = &ds;
    }
    if (hs_extract_file(&ex, path, &xo, &diags) < 0) {
        cli_print_diags(&diags);
        goto out;
    }
    id = opt->source_id ? hs_strdup(opt->source_id) : default_id(path);
    if (!id)
        goto oom;
    if (opt->format == FORMAT_CSV) {
        status = write_csv(&ex, id);
    } else {
        json_t *root = draft_json(&ex, path, id, opt);
        if (!root)
            goto oom;
        /* full precision, like every machine output; a write error is
         * reported once, by main() */
        if (hs_json_write(root, stdout) < 0 || fputc('\n', stdout) == EOF) {
            json_decref(root);
            if (ferror(stdout)) {
                if (!cli_output_errno)
                    cli_output_errno = errno;
                goto out;
            }
            goto oom;
        }
        json_decref(root);
        status = EXIT_OK;
    }
    fprintf(stderr, "hindsight: %zu candidate%s from '%s'%s%s\n", ex.n, ex.n == 1 ? "" : "s",
            path, ex.author ? "; opinion piece by " : "", ex.author ? ex.author : "");
    goto out;
oom:
    fprintf(stderr, "hindsight: out of memory\n");
out:
    hs_free(id);
    hs_free(forecasts);
    hs_diags_release(&quiet);
    hs_diags_release(&diags);
    hs_dataset_release(&ds);
    hs_lexicon_release(&lex);
    hs_extraction_release(&ex);
    return status;
}
