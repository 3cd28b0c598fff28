/* jsonload.c - reading a JSON data file and checking an object's shape. */
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/history.h"
#include "hindsight/names.h"
#include "internal.h"

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

/* jansson reports a syntax error just past the token it choked on; a
 * person wants the column where that token starts.  end is that offset. */
static size_t token_start(const hs_jtext *jt, size_t end)
{
    const char *t = jt->text;
    size_t i = end;

    if (i == 0)
        return 0;
    if (t[i - 1] == '"') {
        /* a string: back to its opening quote, skipping escaped ones */
        for (i -= 1; i > 0; i--) {
            size_t bs = 0;

            if (t[i - 1] != '"')
                continue;
            while (i - 1 >= bs + 1 && t[i - 2 - bs] == '\\')
                bs++;
            if (bs % 2 == 0)
                return i - 1;
        }
        return 0;
    }
    while (i > 0 && !strchr(" \t\r\n{}[],:\"", t[i - 1]))
        i--;
    return i == end && i > 0 ? i - 1 : i;   /* a one-character token such as '}' */
}

int hs_jdoc_open(hs_jdoc *doc, const char *file, const char *format, hs_diags *diags)
{
    json_error_t err;
    size_t len, skip = 0;
    json_t *fmt;
    hs_jpath at_format = {"format", 0};
    hs_pos p;

    memset(doc, 0, sizeof(*doc));
    doc->file = file;
    doc->diags = diags;
    if (hs_read_file(file, &doc->text, &len, diags) < 0)
        return -1;
    if (len >= 3 && memcmp(doc->text, "\xEF\xBB\xBF", 3) == 0)
        skip = 3;
    if (len == skip) {
        hs_diags_add(diags, HS_SEV_ERROR, file, 0, 0,
                     "file is empty; expected a JSON object with \"format\": \"%s\"", format);
        return -1;
    }
    if (hs_jtext_init(&doc->jt, doc->text + skip, len - skip) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, file, 0, 0, "out of memory");
        return -1;
    }
    doc->root = json_loadb(doc->text + skip, len - skip, JSON_REJECT_DUPLICATES, &err);
    if (!doc->root) {
        hs_pos at;

        if (err.position > 0 && (size_t)err.position <= doc->jt.len) {
            hs_jtext_position(&doc->jt, token_start(&doc->jt, (size_t)err.position), &at);
        } else {
            at.line = err.line > 0 ? (unsigned long)err.line : 0;
            at.column = err.column > 0 ? (unsigned long)err.column : 0;
        }
        /* jansson's "'}' expected" after a value nearly always means a
         * missing comma between two members or elements */
        hs_diags_add(diags, HS_SEV_ERROR, file, at.line, at.column, "invalid JSON: %s%s", err.text,
                     strncmp(err.text, "'}' expected", 12) == 0 ||
                             strncmp(err.text, "']' expected", 12) == 0
                         ? "; is a ',' missing before it?" : "");
        return -1;
    }
    if (!json_is_object(doc->root)) {
        hs_diags_add(diags, HS_SEV_ERROR, file, 1, 1,
                     "expected a JSON object with \"format\": \"%s\"", format);
        return -1;
    }
    fmt = json_object_get(doc->root, "format");
    if (!json_is_string(fmt) || strcmp(json_string_value(fmt), format) != 0) {
        p = hs_jdoc_pos(doc, 0, &at_format, fmt ? 1 : 0, 0);
        if (json_is_string(fmt)) {
            char *q = hs_quote_value(json_string_value(fmt), json_string_length(fmt), 40);

            hs_diags_add(diags, HS_SEV_ERROR, file, p.line, p.column,
                         "format '%s' is not supported; this version reads \"%s\"",
                         q ? q : "?", format);
            hs_free(q);
        } else if (fmt) {
            hs_diags_add(diags, HS_SEV_ERROR, file, p.line, p.column,
                         "'format' must be the string \"%s\", not %s", format, type_name(fmt));
        } else {
            hs_diags_add(diags, HS_SEV_ERROR, file, p.line, p.column,
                         "missing \"format\": \"%s\" at the top level", format);
        }
        return -1;
    }
    return 0;
}

json_t *hs_json_file_load(const char *path, const char *format, hs_diags *diags)
{
    hs_jdoc doc;
    json_t *root = NULL;

    if (hs_jdoc_open(&doc, path, format, diags) == 0) {
        root = doc.root;
        doc.root = NULL;
    }
    hs_jdoc_close(&doc);
    return root;
}

void hs_jdoc_close(hs_jdoc *doc)
{
    json_decref(doc->root);
    hs_jtext_release(&doc->jt);
    hs_free(doc->text);
    memset(doc, 0, sizeof(*doc));
}

hs_pos hs_jdoc_pos(const hs_jdoc *doc, size_t from, const hs_jpath *path,
                   size_t depth, int want_key)
{
    hs_pos p;

    p.file = doc->file;
    hs_jtext_position(&doc->jt, hs_json_find(&doc->jt, from, path, depth, want_key), &p);
    return p;
}

static const char *jtype_name(enum hs_jtype t)
{
    switch (t) {
    case JT_STRING: return "a string";
    case JT_STRING_OR_NULL: return "a string or null";
    case JT_NUMBER: return "a number";
    case JT_ARRAY: return "an array";
    default: return "an object";
    }
}

static int type_ok(const json_t *v, enum hs_jtype t)
{
    switch (t) {
    case JT_STRING: return json_is_string(v);
    case JT_STRING_OR_NULL: return json_is_string(v) || json_is_null(v);
    case JT_NUMBER: return json_is_number(v);
    case JT_ARRAY: return json_is_array(v);
    default: return json_is_object(v);
    }
}

int hs_jdoc_check(hs_jdoc *doc, json_t *obj, size_t off, const hs_jfield *fields,
                  size_t n, const char *what)
{
    const char *key;
    json_t *v;
    size_t k;
    int errors = 0;
    hs_pos p;

    json_object_foreach(obj, key, v) {
        for (k = 0; k < n; k++)
            if (strcmp(key, fields[k].name) == 0)
                break;
        if (k == n) {
            hs_jpath at = {key, 0};
            char *q = hs_quote_value(key, strlen(key), 40);

            p = hs_jdoc_pos(doc, off, &at, 1, 1);
            hs_diags_add(doc->diags, HS_SEV_WARNING, doc->file, p.line, p.column,
                         "unknown field '%s' in %s is ignored", q ? q : "?", what);
            hs_free(q);
        }
    }
    for (k = 0; k < n; k++) {
        hs_jpath at = {fields[k].name, 0};

        v = json_object_get(obj, fields[k].name);
        if (!v) {
            if (fields[k].required) {
                p = hs_jdoc_pos(doc, off, NULL, 0, 0);
                hs_diags_add(doc->diags, HS_SEV_ERROR, doc->file, p.line, p.column,
                             "%s lacks required field '%s'", what, fields[k].name);
                errors++;
            }
        } else if (!type_ok(v, fields[k].type)) {
            p = hs_jdoc_pos(doc, off, &at, 1, 0);
            if (json_is_string(v) && fields[k].type == JT_NUMBER) {
                char *q = hs_quote_value(json_string_value(v), json_string_length(v), 40);

                hs_diags_add(doc->diags, HS_SEV_ERROR, doc->file, p.line, p.column,
                             "'%s' must be a number, not the string \"%s\"; write it without quotes",
                             fields[k].name, q ? q : "?");
                hs_free(q);
            } else if (json_is_number(v)) {
                hs_diags_add(doc->diags, HS_SEV_ERROR, doc->file, p.line, p.column,
                             "'%s' must be %s, not the number %g", fields[k].name,
                             jtype_name(fields[k].type), json_number_value(v));
            } else {
                hs_diags_add(doc->diags, HS_SEV_ERROR, doc->file, p.line, p.column,
                             "'%s' must be %s, not %s", fields[k].name,
                             jtype_name(fields[k].type), type_name(v));
            }
            errors++;
        }
    }
    doc->errors += errors;
    return errors;
}

int hs_jdoc_text(hs_jdoc *doc, json_t *obj, size_t off, const char *name, int multiline)
{
    json_t *v = json_object_get(obj, name);
    hs_jpath at = {name, 0};
    hs_pos p;

    if (!json_is_string(v) ||
        hs_text_find_control(json_string_value(v), json_string_length(v), multiline,
                             &(unsigned long){0}) == json_string_length(v))
        return 0;
    p = hs_jdoc_pos(doc, off, &at, 1, 0);
    hs_text_check(name, json_string_value(v), json_string_length(v), multiline, doc->file,
                  p.line, p.column, doc->diags);
    doc->errors++;
    return -1;
}
