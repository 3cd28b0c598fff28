/* forecasts_json.c - load forecasts/NAME.json (hindsight-forecasts/1). */
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/dataset.h"
#include "hindsight/names.h"
#include "internal.h"

#define FORECASTS_FORMAT "hindsight-forecasts/1"

static const hs_jfield top_fields[] = {
    {"format", JT_STRING, 1},
    {"source", JT_OBJECT, 1},
    {"forecasts", JT_ARRAY, 1},
};

static const hs_jfield source_fields[] = {
    {"id", JT_STRING, 1},
    {"outlet", JT_STRING, 1},
    {"title", JT_STRING, 1},
    {"published", JT_STRING, 1},
    {"published_precision", JT_STRING, 0},
    {"published_note", JT_STRING, 0},
    {"url", JT_STRING_OR_NULL, 0},
    {"seed", JT_STRING, 0},
};

/* In the order of enum hs_raw_field. */
static const hs_jfield forecast_fields[] = {
    {"id", JT_STRING, 1},
    {"forecaster", JT_STRING, 1},
    {"organization", JT_STRING, 0},    /* these four: unless p_yes is */
    {"role", JT_STRING, 0},            /* given (hs_forecast_add) */
    {"quote", JT_STRING, 0},
    {"question", JT_STRING, 1},
    {"stance", JT_STRING, 0},
    {"hedge", JT_STRING, 0},
    {"probability", JT_NUMBER, 0},
    {"basis", JT_STRING, 0},
    {"basis_reason", JT_STRING, 0},
    {"condition", JT_STRING, 0},
    {"made", JT_STRING, 0},
    {"deadline", JT_STRING, 0},
    {"note", JT_STRING, 0},
    {"deadline_set_by", JT_STRING, 0},
    {"p_yes", JT_NUMBER, 0},
    {"also_reported_by", JT_ARRAY, 0},
};

static const hs_jfield also_fields[] = {
    {"source", JT_STRING, 1},
    {"quote", JT_STRING, 0},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static char *dup_member(json_t *obj, const char *name)
{
    const char *s = json_string_value(json_object_get(obj, name));

    return s ? hs_strdup(s) : NULL;
}

/* A string member that is a name or key, in its normal form. */
static char *dup_name(json_t *obj, const char *name)
{
    const char *s = json_string_value(json_object_get(obj, name));

    return s ? hs_name_normal(s) : NULL;
}

/* Returns the new source's index, or HS_NONE (reported; *oom on OOM). */
static size_t load_source(hs_dataset *ds, hs_jdoc *doc, int *oom)
{
    json_t *obj = json_object_get(doc->root, "source");
    hs_jpath at = {"source", 0};
    size_t off = hs_json_find(&doc->jt, 0, &at, 1, 0), idx;
    hs_source src;
    const char *prec, *published;
    hs_jpath at_field;
    hs_pos p;

    *oom = 0;
    memset(&src, 0, sizeof(src));
    if (hs_jdoc_check(doc, obj, off, source_fields, COUNT(source_fields), "source"))
        return HS_NONE;
    {
        size_t k;
        int bad = 0;

        for (k = 0; k < COUNT(source_fields); k++)
            if (hs_jdoc_text(doc, obj, off, source_fields[k].name,
                             strcmp(source_fields[k].name, "published_note") == 0) < 0)
                bad = 1;
        if (bad)
            return HS_NONE;
    }
    published = json_string_value(json_object_get(obj, "published"));
    if (hs_date_parse(published, strlen(published), &src.published) < 0) {
        char *q = hs_quote_value(published, strlen(published), 40);

        at_field.key = "published";
        p = hs_jdoc_pos(doc, off, &at_field, 1, 0);
        hs_diags_add(doc->diags, HS_SEV_ERROR, doc->file, p.line, p.column,
                     "published '%s' is not a valid date; use YYYY-MM-DD with a real day of the month",
                     q ? q : "?");
        hs_free(q);
        doc->errors++;
        return HS_NONE;
    }
    prec = json_string_value(json_object_get(obj, "published_precision"));
    src.precision = HS_PREC_DAY;
    if (prec) {
        static const char *const names[] = {"day", "month", "year", "estimated"};
        size_t k;

        for (k = 0; k < COUNT(names) && strcmp(prec, names[k]) != 0; k++)
            ;
        if (k == COUNT(names)) {
            char *q = hs_quote_value(prec, strlen(prec), 40);

            at_field.key = "published_precision";
            p = hs_jdoc_pos(doc, off, &at_field, 1, 0);
            hs_diags_add(doc->diags, HS_SEV_ERROR, doc->file, p.line, p.column,
                         "published_precision '%s' is not 'day', 'month', 'year' or 'estimated'",
                         q ? q : "?");
            hs_free(q);
            doc->errors++;
            return HS_NONE;
        }
        src.precision = (enum hs_precision)k;
    }
    at_field.key = "id";
    src.pos = hs_jdoc_pos(doc, off, &at_field, 1, 0);
    src.id = dup_name(obj, "id");
    src.outlet = dup_name(obj, "outlet");
    src.title = dup_member(obj, "title");
    if (!src.id || !src.outlet || !src.title)
        goto oom;
    if (json_object_get(obj, "url") && json_is_string(json_object_get(obj, "url")) &&
        !(src.url = dup_member(obj, "url")))
        goto oom;
    if (json_object_get(obj, "seed") && !(src.seed = dup_member(obj, "seed")))
        goto oom;
    if (json_object_get(obj, "published_note") &&
        !(src.published_note = dup_member(obj, "published_note")))
        goto oom;
    if (!*src.id) {
        at_field.key = "id";
        p = hs_jdoc_pos(doc, off, &at_field, 1, 0);
        hs_diags_add(doc->diags, HS_SEV_ERROR, doc->file, p.line, p.column,
                     "source 'id' is empty; every source needs one");
        doc->errors++;
        goto drop;
    }
    idx = hs_source_add(ds, &src, doc->diags, oom);
    if (idx == HS_NONE) {
        if (*oom)
            goto oom;
        doc->errors++;
        goto drop;
    }
    return idx;
oom:
    *oom = 1;
drop:
    hs_free(src.id);
    hs_free(src.outlet);
    hs_free(src.title);
    hs_free(src.url);
    hs_free(src.seed);
    hs_free(src.published_note);
    return HS_NONE;
}

/* Fill raw->also from "also_reported_by".  Returns errors, or -1 on OOM. */
static int load_also(hs_jdoc *doc, json_t *arr, size_t fc_off, hs_raw_forecast *raw)
{
    hs_jpath at = {"also_reported_by", 0};
    size_t arr_off = hs_json_find(&doc->jt, fc_off, &at, 1, 0);
    size_t *offs = NULL, n = 0, i;
    int errors = 0;

    if (json_array_size(arr) == 0)
        return 0;
    if (hs_json_elements(&doc->jt, arr_off, &offs, &n) < 0 ||
        !(raw->also = hs_calloc(json_array_size(arr), sizeof(*raw->also))) ||
        !(raw->also_pos = hs_calloc(json_array_size(arr), sizeof(*raw->also_pos)))) {
        hs_free(offs);
        return -1;
    }
    for (i = 0; i < json_array_size(arr); i++) {
        json_t *e = json_array_get(arr, i);
        size_t off = i < n ? offs[i] : arr_off;
        hs_also *a = &raw->also[raw->n_also];

        if (!json_is_object(e)) {
            hs_pos p = hs_jdoc_pos(doc, off, NULL, 0, 0);

            hs_diags_add(doc->diags, HS_SEV_ERROR, doc->file, p.line, p.column,
                         "also_reported_by entries must be objects like {\"source\": \"ID\", \"quote\": \"...\"}");
            errors++;
            continue;
        }
        if (hs_jdoc_check(doc, e, off, also_fields, COUNT(also_fields),
                          "also_reported_by entry")) {
            errors++;
            continue;
        }
        if ((hs_jdoc_text(doc, e, off, "source", 0) | hs_jdoc_text(doc, e, off, "quote", 1)) < 0) {
            errors++;
            continue;
        }
        a->source = HS_NONE;
        a->source_id = dup_name(e, "source");
        a->quote = json_object_get(e, "quote") ? dup_member(e, "quote") : NULL;
        if (!a->source_id || (json_object_get(e, "quote") && !a->quote)) {
            hs_free(a->source_id);
            hs_free(a->quote);
            hs_free(offs);
            return -1;
        }
        at.key = "source";
        raw->also_pos[raw->n_also] = hs_jdoc_pos(doc, off, &at, 1, 0);
        raw->n_also++;
    }
    hs_free(offs);
    return errors;
}

/* A copy of the JSON number literal at offset off (valid JSON: it ends at
 * the first delimiter).  New string or NULL when out of memory. */
static char *number_literal(const hs_jtext *jt, size_t off)
{
    size_t end = off;

    while (end < jt->len && !strchr(",]} \t\r\n", jt->text[end]))
        end++;
    return hs_strndup(jt->text + off, end - off);
}

static void raw_release(hs_raw_forecast *raw)
{
    size_t i;

    for (i = 0; i < raw->n_also; i++) {
        hs_free(raw->also[i].source_id);
        hs_free(raw->also[i].quote);
    }
    hs_free(raw->also);
    hs_free(raw->also_pos);
}

int hs_load_forecasts_json(hs_dataset *ds, const char *path, hs_diags *diags)
{
    hs_jdoc doc;
    const char *file = hs_dataset_add_file(ds, path);
    json_t *arr;
    hs_jpath at = {"forecasts", 0};
    size_t *offs = NULL, n_offs = 0, src, i, arr_off;
    int oom = 0, ret = -1, sources_before = ds->sources_incomplete;
    int warned_rounding = 0;    /* a probability was rounded (warned once) */
    char *num[2] = {NULL, NULL};   /* probability and p_yes texts */

    if (!file) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "out of memory");
        return -1;
    }
    ds->sources_incomplete = 1;   /* until this file's source is registered */
    if (hs_jdoc_open(&doc, file, FORECASTS_FORMAT, diags) < 0)
        goto cleanup;
    if (hs_jdoc_check(&doc, doc.root, 0, top_fields, COUNT(top_fields), "forecast file"))
        goto cleanup;
    src = load_source(ds, &doc, &oom);
    if (oom)
        goto oom;
    if (src == HS_NONE)
        goto cleanup;   /* forecasts need their source; the error is reported */
    ds->sources_incomplete = sources_before;

    arr = json_object_get(doc.root, "forecasts");
    arr_off = hs_json_find(&doc.jt, 0, &at, 1, 0);
    if (hs_json_elements(&doc.jt, arr_off, &offs, &n_offs) < 0)
        goto oom;
    for (i = 0; i < json_array_size(arr); i++) {
        json_t *fc = json_array_get(arr, i);
        size_t off = i < n_offs ? offs[i] : arr_off, k;
        hs_raw_forecast raw;
        int rc;

        memset(&raw, 0, sizeof(raw));
        raw.where = hs_jdoc_pos(&doc, off, NULL, 0, 0);
        if (!json_is_object(fc)) {
            hs_diags_add(diags, HS_SEV_ERROR, file, raw.where.line, raw.where.column,
                         "each forecast must be a JSON object");
            doc.errors++;
            continue;
        }
        if (hs_jdoc_check(&doc, fc, off, forecast_fields, COUNT(forecast_fields),
                          "forecast"))
            continue;
        raw.source = src;
        for (k = 0; k < RF_COUNT; k++) {
            json_t *v = json_object_get(fc, forecast_fields[k].name);
            hs_jpath fat = {forecast_fields[k].name, 0};

            if (!v)
                continue;
            raw.pos[k] = hs_jdoc_pos(&doc, off, &fat, 1, 0);
            if (k == RF_PROBABILITY || k == RF_P_YES) {
                /* set below from the literal in the text */
                raw.val[k] = "";
            } else {
                raw.val[k] = json_string_value(v);
            }
        }
        if (json_object_get(fc, "also_reported_by")) {
            rc = load_also(&doc, json_object_get(fc, "also_reported_by"), off, &raw);
            if (rc < 0) {
                raw_release(&raw);
                goto oom;
            }
            if (rc > 0) {
                doc.errors++;
                raw_release(&raw);
                continue;
            }
        }
        for (k = 0; k < 2; k++) {
            /* jansson keeps a number only as a double, which has already
             * lost the decimal the author wrote (0.29 is not 0.29 in
             * binary), so a probability is read from the number's own
             * text in the file; hs_jdoc_check has made sure it is one. */
            int field = k ? RF_P_YES : RF_PROBABILITY;
            hs_jpath fat = {forecast_fields[field].name, 0};

            if (!raw.val[field])
                continue;
            num[k] = number_literal(&doc.jt, hs_json_find(&doc.jt, off, &fat, 1, 0));
            if (!num[k]) {
                raw_release(&raw);
                goto oom;
            }
            raw.val[field] = num[k];
        }
        raw.warned_rounding = &warned_rounding;
        rc = hs_forecast_add(ds, &raw, diags);
        hs_free(num[0]);
        hs_free(num[1]);
        num[0] = num[1] = NULL;
        raw_release(&raw);
        if (rc < 0)
            goto oom;
        if (rc == 0)
            doc.errors++;
    }
    ret = doc.errors ? -1 : 0;
    goto cleanup;
oom:
    hs_diags_add(diags, HS_SEV_ERROR, file, 0, 0, "out of memory");
cleanup:
    hs_free(num[0]);
    hs_free(num[1]);
    hs_free(offs);
    hs_jdoc_close(&doc);
    return ret;
}
