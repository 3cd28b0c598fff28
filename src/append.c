/* append.c - add a question or an outcome record, keeping every existing
 * byte of the file (curate.h). */
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <jansson.h>

#include "hindsight/hindsight.h"
#include "hindsight/curate.h"
#include "internal.h"

/*
 * The one place this file uses atomicfile.h.  outdir_begin opens DIR (the
 * outcomes directory) and locks it, so two runs never append at once (the
 * second waits up to 2 s); replace_with replaces NAME in it with the
 * concatenation of parts[0..n): a temporary file in DIR, synced, renamed
 * over NAME, DIR synced, so a failure leaves the old file.  Both return 0
 * or -1 (diags).
 */
struct part {
    const char *s;
    size_t n;
};

static int outdir_begin(hs_outdir *d, const char *dir, hs_diags *diags)
{
    int rc;

    hs_outdir_init(d);
    if (hs_outdir_open(d, dir, 0, diags) < 0)
        return -1;
    if ((rc = hs_outdir_lock(d, NULL, 2000, diags)) == 1)
        hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0,
                     "another process is writing here; try again when it is done");
    return rc == 0 ? 0 : -1;
}

static int replace_with(hs_outdir *d, const char *name, const struct part *parts, size_t n,
                        hs_diags *diags)
{
    hs_afset set;
    FILE *fp;
    size_t i;
    int ret = -1;

    hs_afset_init(&set, d->fd, d->path);
    if (!(fp = hs_afset_add(&set, name, diags)))
        goto cleanup;
    for (i = 0; i < n; i++)
        if (parts[i].n && fwrite(parts[i].s, 1, parts[i].n, fp) != parts[i].n) {
            hs_diags_add(diags, HS_SEV_ERROR, d->path, 0, 0, "cannot write %s: write error",
                         name);
            goto cleanup;
        }
    ret = hs_afset_commit(&set, diags);
cleanup:
    hs_afset_release(&set);
    return ret;
}

/* Report and return -1 when an option's value is empty, not UTF-8 or holds
 * control characters (line breaks allowed when multiline). */
static int check_value(const char *opt, const char *s, int multiline, hs_diags *diags)
{
    size_t len = strlen(s), i;

    if (len == 0) {
        hs_diags_add(diags, HS_SEV_ERROR, opt, 0, 0, "the value is empty; give some text");
        return -1;
    }
    for (i = 0; i < len;) {
        unsigned long c;
        size_t k = hs_utf8_decode((const unsigned char *)s + i, len - i, &c);

        if (k == 0) {
            hs_diags_add(diags, HS_SEV_ERROR, opt, 0, 0,
                         "byte %zu is not UTF-8; give the text in UTF-8", i + 1);
            return -1;
        }
        i += k;
    }
    return hs_text_check("value", s, len, multiline, opt, 0, 0, diags);
}

/* An id or tag: also in normal form, without white space inside. */
static int check_key(const char *opt, const char *s, hs_diags *diags)
{
    char *normal = NULL;
    const char *p;

    if (check_value(opt, s, 0, diags) < 0)
        return -1;
    if (hs_name_normalize(s, strlen(s), &normal) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, opt, 0, 0, "out of memory");
        return -1;
    }
    if (normal) {
        hs_diags_add(diags, HS_SEV_ERROR, opt, 0, 0,
                     "'%s' is not in Unicode normal form (it has decomposed accents or surrounding white space); use its NFC form '%s'",
                     s, normal);
        hs_free(normal);
        return -1;
    }
    for (p = s; *p; p++)
        if (*p == ' ' || (unsigned char)*p == 0xC2) {   /* space, or NBSP's lead byte */
            if (*p == ' ' || (unsigned char)p[1] == 0xA0) {
                hs_diags_add(diags, HS_SEV_ERROR, opt, 0, 0,
                             "'%s' contains white space; ids and tags are one word, such as 'putin-leaves-office'",
                             s);
                return -1;
            }
        }
    return 0;
}

/* ---- questions.json ---- */

/*
 * Find, in the JSON text, the "questions" array of the top-level object:
 * the offset of its closing ']' (*close), and of the last character before
 * it that is not white space (*last: '[' when the array is empty, else the
 * '}' of the last question).  A small scanner that knows strings and
 * nesting; the file has been parsed by jansson before.  Returns 0, or -1
 * when the shape is not the expected one.
 */
static int find_questions_end(const char *t, size_t n, size_t *close, size_t *last)
{
    size_t i, depth = 0, key_start = 0, key_len = 0, open = 0;
    int have_key = 0, in_questions = 0, found = 0;

    for (i = 0; i < n; i++) {
        char c = t[i];

        if (c == '"') {
            size_t s = ++i;

            while (i < n && t[i] != '"')
                i += t[i] == '\\' ? 2 : 1;
            if (depth == 1) {
                key_start = s;
                key_len = i - s;
                have_key = 1;
            }
        } else if (c == '{' || c == '[') {
            depth++;
            if (depth == 2 && c == '[' && have_key && key_len == 9 &&
                memcmp(t + key_start, "questions", 9) == 0) {
                in_questions = 1;
                open = i;
            }
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return -1;
            depth--;
            if (depth == 1 && in_questions && c == ']') {
                size_t j = i;

                while (j > open && strchr(" \t\r\n", t[j - 1]))
                    j--;
                *close = i;
                *last = j - 1;
                in_questions = 0;
                found = 1;
            }
        } else if (c == ',' && depth == 1) {
            have_key = 0;
        }
    }
    return found ? 0 : -1;
}

/* The white space at the start of the line holding offset at. */
static size_t line_indent(const char *t, size_t at, const char **start)
{
    size_t b = at, k = 0;

    while (b > 0 && t[b - 1] != '\n')
        b--;
    while (t[b + k] == ' ' || t[b + k] == '\t')
        k++;
    *start = t + b;
    return k;
}

int hs_question_append(const hs_dataset *ds, const char *dir, const hs_new_question *q,
                       hs_diags *diags)
{
    char *outdir = NULL, *path = NULL, *text = NULL, *dump = NULL, *ins = NULL;
    json_t *obj = NULL, *tags = NULL;
    size_t len, i, close = 0, last = 0, indent, ilen, o;
    const char *indent_at, *nl;
    int ret = -1, bad = 0;
    struct part parts[3];
    hs_outdir od;

    bad |= check_key("--id", q->id, diags);
    bad |= check_value("--title", q->title, 0, diags);
    bad |= check_value("--criteria", q->criteria, 1, diags);
    for (i = 0; i < q->n_tags; i++)
        bad |= check_key("--tag", q->tags[i], diags);
    if (!bad) {
        for (i = 0; i < ds->n_questions; i++) {
            const hs_question *e = &ds->questions[i];

            if (strcmp(e->id, q->id) == 0 || hs_name_distance(e->id, q->id, 0) == 0) {
                hs_diags_add(diags, HS_SEV_ERROR, "--id", 0, 0,
                             "question '%s' already exists at %s:%lu:%lu%s; choose another id, or use that question",
                             q->id, e->pos.file, e->pos.line, e->pos.column,
                             strcmp(e->id, q->id) == 0 ? "" : " (apart from case)");
                bad = -1;
                break;
            }
        }
    }
    if (bad)
        return -1;
    hs_outdir_init(&od);
    if (!(outdir = hs_path_join(dir, "outcomes")) ||
        !(path = hs_path_join(outdir, "questions.json")))
        goto oom;
    if (outdir_begin(&od, outdir, diags) < 0 || hs_read_file(path, &text, &len, diags) < 0)
        goto cleanup;
    if (find_questions_end(text, len, &close, &last) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0,
                     "cannot find the end of the \"questions\" array; add the question by hand");
        goto cleanup;
    }
    if (!(obj = json_object()) || !(tags = json_array()) ||
        json_object_set_new(obj, "id", json_string(q->id)) < 0 ||
        json_object_set_new(obj, "title", json_string(q->title)) < 0 ||
        json_object_set_new(obj, "criteria", json_string(q->criteria)) < 0)
        goto oom;
    for (i = 0; i < q->n_tags; i++)
        if (json_array_append_new(tags, json_string(q->tags[i])) < 0)
            goto oom;
    if (json_object_set(obj, "tags", tags) < 0)
        goto oom;
    if (!(dump = json_dumps(obj, JSON_INDENT(2) | JSON_PRESERVE_ORDER)))
        goto oom;
    /* indent as the last question's line, or one step past the array's */
    indent = line_indent(text, last, &indent_at);
    if (text[last] == '[')
        indent += 2;
    ilen = strlen(dump);
    if (!(ins = hs_malloc(2 + (ilen + 1) * (indent + 2) + indent + 2)))
        goto oom;
    o = 0;
    if (text[last] != '[')
        ins[o++] = ',';
    ins[o++] = '\n';
    for (nl = dump; *nl;) {
        const char *end = strchr(nl, '\n');
        size_t k = end ? (size_t)(end - nl) : strlen(nl);

        memset(ins + o, ' ', indent);
        o += indent;
        memcpy(ins + o, nl, k);
        o += k;
        nl += k;
        if (*nl == '\n') {
            ins[o++] = '\n';
            nl++;
        }
    }
    parts[0].s = text;
    parts[0].n = last + 1;
    parts[1].s = ins;
    parts[1].n = o;
    parts[2].s = text + last + 1;
    parts[2].n = len - last - 1;
    if (text[last] == '[') {
        /* an empty array: the white space inside it gives way to a line
         * break and the bracket's own indentation */
        ins[o++] = '\n';
        memset(ins + o, ' ', indent - 2);
        o += indent - 2;
        parts[1].n = o;
        parts[2].s = text + close;
        parts[2].n = len - close;
    }
    ret = replace_with(&od, "questions.json", parts, 3, diags);
    goto cleanup;
oom:
    hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "out of memory");
cleanup:
    hs_outdir_release(&od, 0);
    json_decref(tags);
    json_decref(obj);
    free(dump);
    hs_free(ins);
    hs_free(text);
    hs_free(path);
    hs_free(outdir);
    return ret;
}

/* ---- records.csv ---- */

/* Append one CSV field to a memory stream as table.c writes them: quoted
 * by libcsv when RFC 4180 needs it, bare otherwise. */
static int put_field(FILE *out, const char *s)
{
    size_t n = strlen(s);

    if (strpbrk(s, ",\"\r\n") || (n && (s[0] == ' ' || s[n - 1] == ' ')))
        return csv_fwrite(out, s, n);
    return fputs(s, out) < 0 ? -1 : 0;
}

int hs_record_append(const hs_dataset *ds, const char *dir, const hs_new_record *r,
                     hs_diags *diags)
{
    char *outdir = NULL, *path = NULL, *text = NULL, *row = NULL;
    size_t len, i, qi, rowlen = 0, col, start;
    hs_date date, recorded;
    int ret = -1, bad = 0, crlf = 0;
    enum hs_record_status st = HS_REC_OCCURRED;
    FILE *mem = NULL;
    struct part parts[3];
    hs_outdir od;

    bad |= check_value("--question", r->question, 0, diags);
    if (!bad && !hs_strmap_get(&ds->question_ids, r->question, &qi)) {
        const char *near = NULL;
        size_t best = 3;

        for (i = 0; i < ds->n_questions; i++) {
            size_t d = hs_name_distance(ds->questions[i].id, r->question, best - 1);

            if (d < best) {
                best = d;
                near = ds->questions[i].id;
            }
        }
        if (near)
            hs_diags_add(diags, HS_SEV_ERROR, "--question", 0, 0,
                         "unknown question '%s'; did you mean '%s'? ('hindsight questions' lists them; 'hindsight add-question' adds one)",
                         r->question, near);
        else
            hs_diags_add(diags, HS_SEV_ERROR, "--question", 0, 0,
                         "unknown question '%s'; 'hindsight questions' lists them, 'hindsight add-question' adds one",
                         r->question);
        bad = -1;
    }
    if (strcmp(r->status, "occurred") == 0)
        st = HS_REC_OCCURRED;
    else if (strcmp(r->status, "not_occurred") == 0)
        st = HS_REC_NOT_OCCURRED;
    else if (strcmp(r->status, "annulled") == 0)
        st = HS_REC_ANNULLED;
    else {
        char *q = hs_quote_value(r->status, strlen(r->status), 40);

        hs_diags_add(diags, HS_SEV_ERROR, "--status", 0, 0,
                     "'%s' is not a status; use occurred, not_occurred or annulled", q ? q : "?");
        hs_free(q);
        bad = -1;
    }
    if (hs_date_parse(r->date, strlen(r->date), &date) < 0) {
        char *q = hs_quote_value(r->date, strlen(r->date), 40);

        hs_diags_add(diags, HS_SEV_ERROR, "--date", 0, 0,
                     "'%s' is not a date; use YYYY-MM-DD", q ? q : "?");
        hs_free(q);
        bad = -1;
    }
    if (hs_date_parse(r->recorded, strlen(r->recorded), &recorded) < 0) {
        char *q = hs_quote_value(r->recorded, strlen(r->recorded), 40);

        hs_diags_add(diags, HS_SEV_ERROR, "--recorded", 0, 0,
                     "'%s' is not a date; use YYYY-MM-DD", q ? q : "?");
        hs_free(q);
        bad = -1;
    } else if (!bad && recorded < date) {
        hs_diags_add(diags, HS_SEV_ERROR, "--recorded", 0, 0,
                     "recorded %s is before the event date %s; an outcome is recorded on or after it",
                     r->recorded, r->date);
        bad = -1;
    }
    bad |= check_value("--evidence", r->evidence, 1, diags);
    bad |= check_value("--evidence-source", r->evidence_source, 1, diags);
    if (bad)
        return -1;
    for (i = 0; i < ds->n_records; i++) {
        const hs_record *e = &ds->records[i];

        if (e->question == qi && e->status == st && e->date == date) {
            hs_diags_add(diags, HS_SEV_ERROR, "--question", 0, 0,
                         "question '%s' already has a record '%s' dated %s at %s:%lu; records are never repeated",
                         r->question, r->status, r->date, e->pos.file, e->pos.line);
            return -1;
        }
    }
    hs_outdir_init(&od);
    if (!(outdir = hs_path_join(dir, "outcomes")) ||
        !(path = hs_path_join(outdir, "records.csv")))
        goto oom;
    if (outdir_begin(&od, outdir, diags) < 0 || hs_read_file(path, &text, &len, diags) < 0)
        goto cleanup;
    if (!(mem = open_memstream(&row, &rowlen)))
        goto oom;
    /* the header's columns, in its order (the loader checked their names) */
    for (start = 0; start < len && text[start] != '\n'; start++)
        ;
    crlf = start > 0 && start < len && text[start - 1] == '\r';
    if (len > 0 && text[len - 1] != '\n')
        fputs(crlf ? "\r\n" : "\n", mem);
    for (i = 0, col = 0; i <= start - (size_t)crlf; i++) {
        if (i == start - (size_t)crlf || text[i] == ',') {
            const char *h = text + col;
            size_t hn = i - col;
            const char *v = NULL;

            if (hn >= 2 && h[0] == '"') {
                h++;
                hn -= 2;
            }
#define COL(name) (hn == strlen(name) && memcmp(h, name, hn) == 0)
            if (COL("question"))
                v = r->question;
            else if (COL("status"))
                v = r->status;
            else if (COL("date"))
                v = r->date;
            else if (COL("evidence"))
                v = r->evidence;
            else if (COL("evidence_source"))
                v = r->evidence_source;
            else if (COL("recorded"))
                v = r->recorded;
#undef COL
            if (col > 0)
                fputc(',', mem);
            if (v && put_field(mem, v) < 0)
                goto oom;
            col = i + 1;
        }
    }
    fputs(crlf ? "\r\n" : "\n", mem);
    if (fclose(mem) != 0) {
        mem = NULL;
        goto oom;
    }
    mem = NULL;
    parts[0].s = text;
    parts[0].n = len;
    parts[1].s = row;
    parts[1].n = rowlen;
    ret = replace_with(&od, "records.csv", parts, 2, diags);
    goto cleanup;
oom:
    hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "out of memory");
cleanup:
    hs_outdir_release(&od, 0);
    if (mem)
        fclose(mem);
    free(row);
    hs_free(text);
    hs_free(path);
    hs_free(outdir);
    return ret;
}
