/* questions.c - load outcomes/questions.json (hindsight-questions/1). */
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/dataset.h"
#include "hindsight/names.h"
#include "internal.h"

#define QUESTIONS_FORMAT "hindsight-questions/1"
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const hs_jfield top_fields[] = {
    {"format", JT_STRING, 1},
    {"questions", JT_ARRAY, 1},
};

static const hs_jfield question_fields[] = {
    {"id", JT_STRING, 1},
    {"title", JT_STRING, 1},
    {"criteria", JT_STRING, 1},
    {"tags", JT_ARRAY, 0},
    {"kind", JT_STRING, 0},
};

static void question_release(hs_question *q)
{
    size_t i;

    hs_free(q->id);
    hs_free(q->title);
    hs_free(q->criteria);
    for (i = 0; i < q->n_tags; i++)
        hs_free(q->tags[i]);
    hs_free(q->tags);
}

/* Check and append one question.  Returns 1 added, 0 rejected, -1 OOM. */
static int add_question(hs_dataset *ds, hs_jdoc *doc, json_t *obj, size_t off)
{
    hs_question q;
    json_t *tags;
    hs_jpath at;
    hs_pos p;
    size_t i, first;
    const char *name;
    int rc;

    memset(&q, 0, sizeof(q));
    if (hs_jdoc_check(doc, obj, off, question_fields, COUNT(question_fields), "question"))
        return 0;
    q.pos = hs_jdoc_pos(doc, off, NULL, 0, 0);
    tags = json_object_get(obj, "tags");
    for (i = 0; i < json_array_size(tags); i++) {
        if (!json_is_string(json_array_get(tags, i))) {
            hs_jpath path[2] = {{"tags", 0}, {NULL, i}};

            p = hs_jdoc_pos(doc, off, path, 2, 0);
            hs_diags_add(doc->diags, HS_SEV_ERROR, doc->file, p.line, p.column,
                         "tag %zu is %s; tags must be strings such as \"leadership\"", i + 1,
                         json_is_number(json_array_get(tags, i)) ? "a number"
                         : json_is_null(json_array_get(tags, i)) ? "null" : "not a string");
            doc->errors++;
            return 0;
        }
    }
    {
        int bad = 0;

        /* control characters: id and title are one line, criteria is text */
        for (i = 0; i < 3; i++)
            if (hs_jdoc_text(doc, obj, off, question_fields[i].name, i == 2) < 0)
                bad = 1;
        for (i = 0; i < json_array_size(tags); i++) {
            json_t *t = json_array_get(tags, i);

            if (hs_text_find_control(json_string_value(t), json_string_length(t), 0,
                                     &(unsigned long){0}) < json_string_length(t)) {
                hs_jpath path[2] = {{"tags", 0}, {NULL, i}};

                p = hs_jdoc_pos(doc, off, path, 2, 0);
                hs_text_check("tag", json_string_value(t), json_string_length(t), 0,
                              doc->file, p.line, p.column, doc->diags);
                doc->errors++;
                bad = 1;
            }
        }
        if (bad)
            return 0;
    }
    q.id = hs_name_normal(json_string_value(json_object_get(obj, "id")));
    if (!q.id)
        goto oom;
    for (i = 0; i < 3; i++) {
        name = question_fields[i].name;
        if (!*(i == 0 ? q.id : json_string_value(json_object_get(obj, name)))) {
            at.key = name;
            p = hs_jdoc_pos(doc, off, &at, 1, 0);
            hs_diags_add(doc->diags, HS_SEV_ERROR, doc->file, p.line, p.column,
                         "'%s' is empty; every question needs one", name);
            doc->errors++;
            question_release(&q);
            return 0;
        }
    }
    name = json_string_value(json_object_get(obj, "kind"));
    if (name && strcmp(name, "dated") == 0) {
        q.dated = 1;
    } else if (name && strcmp(name, "event") != 0) {
        char *v = hs_quote_value(name, strlen(name), 60);

        at.key = "kind";
        p = hs_jdoc_pos(doc, off, &at, 1, 0);
        hs_diags_add(doc->diags, HS_SEV_ERROR, doc->file, p.line, p.column,
                     "kind '%s' is not 'event' or 'dated'", v ? v : "?");
        hs_free(v);
        doc->errors++;
        question_release(&q);
        return 0;
    }
    q.title = hs_strdup(json_string_value(json_object_get(obj, "title")));
    q.criteria = hs_strdup(json_string_value(json_object_get(obj, "criteria")));
    if (!q.id || !q.title || !q.criteria)
        goto oom;
    if (json_array_size(tags)) {
        q.tags = hs_calloc(json_array_size(tags), sizeof(*q.tags));
        if (!q.tags)
            goto oom;
        for (i = 0; i < json_array_size(tags); i++) {
            const char *t = json_string_value(json_array_get(tags, i));
            hs_jpath path[2] = {{"tags", 0}, {NULL, i}};

            if (!(q.tags[i] = hs_name_normal(t)))
                goto oom;
            q.n_tags++;
            p = hs_jdoc_pos(doc, off, path, 2, 0);
            if (hs_dataset_note_name(ds, HS_SPELL_TAG, t, q.tags[i], &p, doc->diags) < 0)
                goto oom;
        }
    }
    if (hs_grow((void **)&ds->questions, &ds->alloc_questions, ds->n_questions + 1,
                sizeof(q)) < 0)
        goto oom;
    rc = hs_strmap_put(&ds->question_ids, q.id, ds->n_questions, &first);
    if (rc < 0)
        goto oom;
    if (rc == 0) {
        at.key = "id";
        p = hs_jdoc_pos(doc, off, &at, 1, 0);
        hs_diags_add(doc->diags, HS_SEV_ERROR, doc->file, p.line, p.column,
                     "duplicate question id '%s' (first defined at %s:%lu)", q.id,
                     ds->questions[first].pos.file, ds->questions[first].pos.line);
        doc->errors++;
        question_release(&q);
        return 0;
    }
    ds->questions[ds->n_questions++] = q;
    return 1;
oom:
    question_release(&q);
    return -1;
}

/*
 * 'score --by question-date' names a dated question's group at a date
 * "ID@YYYY-MM-DD" and an event question's by its id: a question whose id
 * is a dated question's id, '@' and a date would share a group with it.
 * Report each such id (an error).  Returns the number reported.
 */
static size_t question_date_clashes(const hs_dataset *ds, size_t from, hs_diags *diags)
{
    size_t i, d, n = 0;

    for (i = from; i < ds->n_questions; i++) {
        const hs_question *q = &ds->questions[i];
        const char *at = strrchr(q->id, '@');
        char text[HS_DATE_TEXT_SIZE], *prefix;
        hs_date date;
        int found;

        if (!at || hs_date_parse_formatted(at + 1, &date) < 0)
            continue;
        hs_date_format(date, text);
        if (strcmp(text, at + 1) != 0)
            continue;
        if (!(prefix = hs_strndup(q->id, (size_t)(at - q->id)))) {
            hs_diags_add(diags, HS_SEV_ERROR, q->pos.file, 0, 0, "out of memory");
            return n + 1;
        }
        found = hs_strmap_get(&ds->question_ids, prefix, &d) && ds->questions[d].dated;
        hs_free(prefix);
        if (!found)
            continue;
        hs_diags_add(diags, HS_SEV_ERROR, q->pos.file, q->pos.line, q->pos.column,
                     "question id '%s' is how 'score --by question-date' names the dated question '%s' (%s:%lu) at %s, so their forecasts would be one group; rename it (an id should not end in '@' and a date)",
                     q->id, ds->questions[d].id, ds->questions[d].pos.file,
                     ds->questions[d].pos.line, text);
        n++;
    }
    return n;
}

int hs_load_questions_json(hs_dataset *ds, const char *path, hs_diags *diags)
{
    hs_jdoc doc;
    const char *file = hs_dataset_add_file(ds, path);
    hs_jpath at = {"questions", 0};
    json_t *arr;
    size_t *offs = NULL, n_offs = 0, i, arr_off, first_new = ds->n_questions;
    int ret = -1;

    if (!file) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "out of memory");
        return -1;
    }
    ds->questions_incomplete = 1;   /* until every question is in */
    if (hs_jdoc_open(&doc, file, QUESTIONS_FORMAT, diags) < 0)
        goto cleanup;
    if (hs_jdoc_check(&doc, doc.root, 0, top_fields, COUNT(top_fields), "questions file"))
        goto cleanup;
    arr = json_object_get(doc.root, "questions");
    arr_off = hs_json_find(&doc.jt, 0, &at, 1, 0);
    if (hs_json_elements(&doc.jt, arr_off, &offs, &n_offs) < 0)
        goto oom;
    for (i = 0; i < json_array_size(arr); i++) {
        json_t *obj = json_array_get(arr, i);
        size_t off = i < n_offs ? offs[i] : arr_off;
        int rc;

        if (!json_is_object(obj)) {
            hs_pos p = hs_jdoc_pos(&doc, off, NULL, 0, 0);

            hs_diags_add(diags, HS_SEV_ERROR, file, p.line, p.column,
                         "each question must be a JSON object");
            doc.errors++;
            continue;
        }
        rc = add_question(ds, &doc, obj, off);
        if (rc < 0)
            goto oom;
    }
    doc.errors += (int)question_date_clashes(ds, first_new, diags);
    ret = doc.errors ? -1 : 0;
    ds->questions_incomplete = ret < 0;
    goto cleanup;
oom:
    hs_diags_add(diags, HS_SEV_ERROR, file, 0, 0, "out of memory");
cleanup:
    hs_free(offs);
    hs_jdoc_close(&doc);
    return ret;
}
