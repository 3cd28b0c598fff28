/* verify.c - quotes checked against the articles they come from. */
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/dataset.h"
#include "hindsight/textmatch.h"
#include "internal.h"

/* One quote: found, or an error at its position naming the closest passage. */
static int verify_one(const char *article, const hs_ntext *nt, const char *quote,
                      const hs_pos *at, const char *what, hs_diags *diags)
{
    size_t a, b, edits;
    unsigned long line, col;
    char *passage, *q;
    int found = hs_quote_find(nt, quote, &a, &b);

    if (found != 0)
        return found < 0 ? -1 : 0;
    q = hs_quote_value(quote, strlen(quote), 60);
    if (hs_quote_closest(nt, quote, &a, &b, &edits) < 0) {
        /* an empty quote, or no memory for the search */
        hs_diags_add(diags, HS_SEV_ERROR, at->file, at->line, at->column,
                     "%s '%s' does not occur in article '%s'", what, q ? q : "?", article);
        hs_free(q);
        return 0;
    }
    hs_text_position(nt->src, a, &line, &col);
    passage = hs_quote_value(nt->src + a, b - a, 80);
    hs_diags_add(diags, HS_SEV_ERROR, at->file, at->line, at->column,
                 "%s '%s' does not occur in article '%s'; the closest passage, %zu edit%s away, is at %s:%lu:%lu: '%s'; copy the words as printed ('...' marks words left out)",
                 what, q ? q : "?", article, edits, edits == 1 ? "" : "s", article, line, col,
                 passage ? passage : "?");
    hs_free(q);
    hs_free(passage);
    return 0;
}

int hs_dataset_verify_quotes(const hs_dataset *ds, const char *dir, hs_diags *diags)
{
    size_t s, f, j, errors_before = diags->n_errors;
    int rc = 0;

    for (s = 0; s < ds->n_sources && rc == 0; s++) {
        const hs_source *src = &ds->sources[s];
        char *path, *text = NULL;
        size_t len = 0, bad;
        hs_ntext nt;

        if (!src->seed)
            continue;
        if (!(path = hs_path_join(dir, src->seed))) {
            rc = -1;
            break;
        }
        if (hs_read_file(path, &text, &len, diags) < 0) {
            hs_diags_add(diags, HS_SEV_ERROR, src->pos.file, src->pos.line, src->pos.column,
                         "source '%s': its seed article '%s' cannot be read, so its quotes were not verified; check --articles",
                         src->id, path);
            hs_free(path);
            continue;
        }
        if ((bad = hs_utf8_check(text, len)) < len) {
            unsigned long line, col;
            hs_text_position(text, bad, &line, &col);
            hs_diags_add(diags, HS_SEV_ERROR, path, line, col,
                         "byte 0x%02x is not UTF-8; convert the article to UTF-8",
                         (unsigned char)text[bad]);
            hs_free(text);
            hs_free(path);
            continue;
        }
        if (hs_ntext_init(&nt, text, len) < 0) {
            hs_free(text);
            hs_free(path);
            rc = -1;
            break;
        }
        for (f = 0; f < ds->n_forecasts && rc == 0; f++) {
            const hs_forecast *fc = &ds->forecasts[f];
            hs_pos at_quote = hs_forecast_pos(fc, fc->pos_quote);

            if (fc->source == s && verify_one(path, &nt, fc->quote, &at_quote, "quote",
                                              diags) < 0)
                rc = -1;
            for (j = 0; j < fc->n_also && rc == 0; j++)
                if (fc->also[j].source == s && fc->also[j].quote &&
                    verify_one(path, &nt, fc->also[j].quote, &fc->also_pos[j],
                               "also_reported_by quote", diags) < 0)
                    rc = -1;
        }
        hs_ntext_release(&nt);
        hs_free(text);
        hs_free(path);
    }
    if (rc < 0)
        hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "out of memory");
    return rc < 0 || diags->n_errors > errors_before ? -1 : 0;
}
