/*
 * internal.h - helpers shared by the core's loaders; not installed.
 */
#ifndef HINDSIGHT_INTERNAL_H
#define HINDSIGHT_INTERNAL_H

#include <stddef.h>
#include <stdio.h>
#include "hindsight/dataset.h"
#include "hindsight/diag.h"

/* ---- report cells (report.c) ---- */

struct hs_table;
struct hs_scored;
/* The six cells every per-forecast table has, in this order from column
 * first: deadline, deadline_kind, status, void_reason, outcome, brier. */
void hs_table_resolution(struct hs_table *t, size_t first, const struct hs_scored *s);

/* ---- files (fsutil.c) ---- */

/* Open a data file for reading.  A FIFO without a writer reads as empty
 * instead of blocking; a directory or a device is an error in diags under
 * `path`, as is a file that cannot be opened.  Returns the stream or NULL. */
FILE *hs_open_data_file(const char *path, hs_diags *diags);

/* Read a whole regular file into a new NUL-terminated buffer.  Problems
 * (missing, a directory, unreadable, out of memory) go to diags under
 * `path`.  Returns 0 or -1. */
int hs_read_file(const char *path, char **text, size_t *len, hs_diags *diags);

/* Names in dir ending in ext (e.g. ".json"), sorted bytewise, as new
 * strings "dir/name".  A missing directory is an error in diags. */
int hs_list_dir(const char *dir, const char *ext, char ***paths, size_t *n,
                hs_diags *diags);
void hs_free_list(char **list, size_t n);

/* Join dir and name with a '/'.  New string or NULL. */
char *hs_path_join(const char *dir, const char *name);

/* ---- UTF-8 (utf8.c) ---- */

/* Decode the code point at s (n bytes available) into *cp; returns its
 * length, or 0 when the bytes are not valid UTF-8. */
size_t hs_utf8_decode(const unsigned char *s, size_t n, unsigned long *cp);
/* Offset of the first invalid UTF-8 byte in s[0..len), or len when valid. */
size_t hs_utf8_check(const char *s, size_t len);
/* Offset of the first NUL byte or invalid UTF-8 byte in s[0..len), or len.
 * When more bytes will follow (!final), a sequence cut short by the end is
 * not invalid: *complete is set to where it starts (else to len), and the
 * caller scans it again with the bytes that follow. */
size_t hs_utf8_scan(const char *s, size_t len, int final, size_t *complete);

/* ---- limits on what is read (docs/formats.md, "Limits") ---- */

/* A JSON file (forecasts, questions, rescore's state) holds at most this. */
#define HS_MAX_JSON_FILE ((size_t)128 << 20)
/* A CSV field, a CSV record (all its fields), fields in one record. */
#define HS_MAX_CSV_FIELD ((size_t)64 << 20)
#define HS_MAX_CSV_RECORD ((size_t)128 << 20)
#define HS_MAX_CSV_FIELDS 10000
/* Errors reported for one CSV file before the rest of it is skipped. */
#define HS_MAX_FILE_ERRORS 1000

/* Report the first NUL or invalid UTF-8 byte of a data file at line:column
 * (or a UTF-16 byte-order mark, when it is the first), saying the rest of
 * the file was not read. */
void hs_report_bad_byte(hs_diags *diags, const char *path, unsigned long line,
                        unsigned long column, const unsigned char *at, size_t avail);

/* ---- look-alike names (names.c) ---- */

/* The spellings of one kind of name (forecasters, organisations, tags) seen
 * so far.  Owns copies of every spelling. */
typedef struct hs_spellings hs_spellings;

/* A name case folded and without white space, as look-alikes are compared:
 * a new string, or NULL when out of memory. */
char *hs_name_loose(const char *s);

hs_spellings *hs_spellings_new(void);     /* NULL when out of memory */
void hs_spellings_free(hs_spellings *sp);
/*
 * Note one spelling, raw as written and normal its hs_name_normal() form,
 * found at pos.  The first time a spelling is seen, warn (what names the
 * kind, "forecaster") when an earlier one differs from it only in Unicode
 * normalisation or surrounding white space (one name, read as one), or in
 * case or white space (two names that look alike), naming both positions.
 * Returns 0, or -1 when out of memory.
 */
int hs_spellings_note(hs_spellings *sp, const char *what, const char *raw,
                      const char *normal, const hs_pos *pos, hs_diags *diags);

/* ---- CSV (csvread.c) ---- */

/* libcsv's parser state before the first byte of a record (ROW_NOT_BEGUN in
 * libcsv.c, not exported): telling where a record ends needs it. */
#define LIBCSV_ROW_NOT_BEGUN 0

typedef struct hs_csv_field {
    const char *text;      /* NUL-terminated copy, valid during the callback */
    size_t len;
    unsigned long line;    /* where the field began */
    unsigned long column;
} hs_csv_field;

/* Called once per record (the header row included).  Return 0 to go on, -1
 * to stop reading (out of memory), 1 to stop reading the file (an error
 * already reported, such as a bad header, makes the rest useless). */
typedef int (*hs_csv_row_fn)(void *ctx, hs_csv_field *fields, size_t n);

/*
 * Stream a CSV file through libcsv in strict mode, one record at a time.
 * A leading UTF-8 byte-order mark is skipped.  Malformed quoting, an
 * unterminated quoted field, NUL bytes and invalid UTF-8 are reported in
 * diags at the position where the offending field began; reading stops at a
 * quoting error (nothing after it can be trusted).  Returns 0 when the file
 * was read without error, -1 otherwise.
 */
int hs_csv_read(const char *path, hs_csv_row_fn fn, void *ctx, hs_diags *diags);

/*
 * The fast pass of hs_csv_read() for data known to be good: libcsv is fed
 * 1 MB at a time and fields carry no position (line and column 0).  It
 * stops at the first problem hs_csv_read() would report (malformed quoting,
 * NUL bytes, invalid UTF-8, a file that cannot be read) or when fn returns
 * 1, without saying what it was: the caller then reads the file again with
 * hs_csv_read() to report it.  Returns 0 when the whole file was read, 1 on
 * a problem, -1 when out of memory (in diags).
 */
int hs_csv_scan(const char *path, hs_csv_row_fn fn, void *ctx, hs_diags *diags);

/*
 * hs_csv_scan() of the bytes of path from offset from (0, or just past a
 * record's end) to offset to (0: the end of the file).  When to > 0 and
 * clean is not NULL, the scan reads from the start (from must be 0) and
 * stops at to only if libcsv is between records there (*clean 1: to is a
 * record boundary, whatever quoted line breaks came before); else it reads
 * on to the end of the file and sets *clean 0.
 */
int hs_csv_scan_part(const char *path, long long from, long long to, int *clean,
                     hs_csv_row_fn fn, void *ctx, hs_diags *diags);

/*
 * Map a header row to column indices: index[k] is the field index of
 * names[k], or -1.  Reports an unknown column (warning), a repeated column
 * and a missing required column (errors).  Returns 0, or -1 on an error.
 */
int hs_csv_header(const char *path, hs_csv_field *f, size_t n,
                  const char *const *names, const int *required, size_t count,
                  int *index, hs_diags *diags);
/* Check that a record has as many fields as the header; reports and returns
 * -1 otherwise. */
int hs_csv_row_width(const char *path, const hs_csv_field *f, size_t n,
                     size_t header_n, hs_diags *diags);
/* The field for column index idx, or NULL when the column is absent or the
 * cell empty. */
const hs_csv_field *hs_csv_get(const hs_csv_field *f, size_t n, int idx);

/*
 * Cells are read exactly as RFC 4180 says: spaces (and tabs) around a
 * cell's text, quoted or not, are part of it; nothing is trimmed behind the
 * curator's back.  A cell whose text is a key (an id, a date, a number, a
 * word from a fixed list, a column name) hardly means spaces, so
 * hs_csv_key() reports them as a warning at the cell ("NAME ' x ' has
 * surrounding spaces; they are ignored") and drops them from f in place
 * (f->text points into the reader's own buffer).  hs_csv_warn_spaces()
 * gives the warning with another tail and keeps the text, for a cell whose
 * lookup already ignores spaces (a hedge).  Free text (quotes, titles,
 * evidence) is neither trimmed nor warned about.
 */
void hs_csv_key(const char *path, hs_csv_field *f, const char *name, hs_diags *diags);
/* 1 when f's text begins or ends with a space or tab (what the two above
 * warn about), else 0. */
int hs_csv_has_spaces(const hs_csv_field *f);
void hs_csv_warn_spaces(const char *path, const hs_csv_field *f, const char *name,
                        const char *tail, hs_diags *diags);

/* ---- JSON positions (jsonpos.c) ---- */

typedef struct hs_jpath {
    const char *key;       /* member name, or NULL for an array index */
    size_t index;
} hs_jpath;

/* A JSON text already accepted by jansson, with a table of line starts and
 * of code point counts so that offsets turn into line and column quickly,
 * however long a line is.  Borrows text. */
typedef struct hs_jtext {
    const char *text;
    size_t len;
    size_t *line_starts;
    size_t n_lines;
    size_t *marks;         /* code points before every HS_JTEXT_MARK-th byte */
} hs_jtext;

#define HS_JTEXT_MARK 256

int hs_jtext_init(hs_jtext *jt, const char *text, size_t len);  /* 0 or -1 */
void hs_jtext_release(hs_jtext *jt);
/* 1-based line and column (code points) of byte offset off. */
void hs_jtext_position(const hs_jtext *jt, size_t off, hs_pos *pos);
/* Offset of the value at path below the value at offset from (or, with
 * want_key, of the last member's name); the deepest part found when the
 * path does not exist. */
size_t hs_json_find(const hs_jtext *jt, size_t from, const hs_jpath *path,
                    size_t depth, int want_key);
/* Offsets of every element of the array at offset off, in a new array. */
int hs_json_elements(const hs_jtext *jt, size_t off, size_t **offs, size_t *n);

/* ---- forecasts shared by the JSON and CSV loaders (forecast.c) ---- */

enum hs_raw_field {
    RF_ID, RF_FORECASTER, RF_ORGANIZATION, RF_ROLE, RF_QUOTE, RF_QUESTION,
    RF_STANCE, RF_HEDGE, RF_PROBABILITY, RF_BASIS, RF_BASIS_REASON,
    RF_CONDITION, RF_MADE, RF_DEADLINE, RF_NOTE, RF_DEADLINE_SET_BY, RF_P_YES, RF_COUNT
};

/* A forecast as read, before checking: text values with their positions. */
typedef struct hs_raw_forecast {
    const char *val[RF_COUNT];    /* NULL when absent */
    hs_pos pos[RF_COUNT];         /* where each value is */
    /* val[RF_PROBABILITY] is the number's text as written (the JSON
     * literal, the CSV cell), parsed exactly by hs_forecast_add. */
    int *warned_rounding;         /* the loader's once-per-file flag for
                                     probabilities rounded to 9 places */
    int p_yes_percent;            /* val[RF_P_YES] is a percentage (the
                                     bulk column p_yes_percent) */
    size_t *n_percent_like;       /* the loader's count of probabilities
                                     in (1, 100] that look like
                                     percentages; only the first is
                                     reported, NULL to report each */
    hs_pos where;                 /* the forecast as a whole */
    size_t source;                /* index of its primary source, HS_NONE
                                     for a bulk row without one */
    hs_also *also;                /* moved into the forecast on success */
    size_t n_also;
    hs_pos *also_pos;             /* one per also entry */
} hs_raw_forecast;

/* The checks of hs_forecast_add() without storing anything: fills the
 * scalar fields of *f (stance, basis, probability, made, deadline; made
 * defaults to *published, the date of the forecast's source, or NULL when it
 * has none, and then 'made' is required) and reports problems.  Returns the
 * number of errors. */
int hs_forecast_check(const hs_raw_forecast *raw, const hs_date *published, hs_forecast *f,
                      hs_diags *diags);

/* The text checks of hs_forecast_add() (each field's characters) and its
 * name normalisation, undone: returns 1 when every field passed and no name
 * needed normalising (so the raw values are what would be stored), 0
 * otherwise (errors in diags), -1 when out of memory. */
int hs_forecast_plain_text(hs_raw_forecast *raw, hs_diags *diags);

/* Check a raw forecast and append it to ds.  Returns 1 when appended, 0 when
 * rejected (errors in diags), -1 when out of memory. */
int hs_forecast_add(hs_dataset *ds, hs_raw_forecast *raw, hs_diags *diags);

/* hs_spellings_note() on ds's spellings of one kind of name. */
int hs_dataset_note_name(hs_dataset *ds, enum hs_spell_kind kind, const char *raw,
                         const char *normal, const hs_pos *pos, hs_diags *diags);

/* Append a source; reports a duplicate id.  Returns its index, HS_NONE on
 * a duplicate (reported), or HS_NONE with *oom set. */
size_t hs_source_add(hs_dataset *ds, hs_source *src, hs_diags *diags, int *oom);

/* ---- hedge lookups remembered (lexicon.c) ---- */

/* hs_lexicon_find() per distinct phrase text: normalising a phrase costs
 * far more than a hash lookup, and a data set's hedges repeat. */
typedef struct hs_hedge_memo {
    hs_strmap index;         /* phrase (borrowed: must outlive the memo) */
    const hs_hedge **rows;
    size_t n, alloc;
} hs_hedge_memo;

/* hs_lexicon_find(lx, phrase) into *row, computed once per phrase text;
 * the memo is for one lx only.  Starts from a zeroed memo.  Returns 0, or
 * -1 when out of memory. */
int hs_hedge_memo_find(hs_hedge_memo *m, const hs_lexicon *lx, const char *phrase,
                       const hs_hedge **row);
void hs_hedge_memo_release(hs_hedge_memo *m);

/* ---- hedges in quotes (dataset.c) ---- */

/* Does the hedge occur in text as whole words, after the lexicon's
 * normalisation (case, runs of spaces, typographic apostrophes)?  Returns 1
 * or 0, or -1 when out of memory.  text may be NULL (no quote). */
int hs_hedge_in_words(const char *hedge, const char *text);

/* ---- bulk forecast files (forecasts_csv.c) ---- */

/* Columns: the forecast fields (in enum hs_raw_field order), then
 * p_yes_percent and the source's.  hs_bulk_required holds what every file
 * needs; the columns a stance file needs beside are checked by the loader. */
enum { BF_P_YES_PERCENT = RF_COUNT, BF_SOURCE, BF_PUBLISHED, BF_OUTLET, BF_TITLE, BF_COUNT };
extern const char *const hs_bulk_names[BF_COUNT];
extern const int hs_bulk_required[BF_COUNT];
/* The columns whose cells are keys (hs_csv_key trims and warns). */
enum { HS_BULK_N_KEYS = 12 };
extern const int hs_bulk_keys[HS_BULK_N_KEYS];

/* Fill raw (zeroed first) with a row's forecast values and positions;
 * index maps columns as hs_csv_header() made it.  An empty optional cell is
 * an absent value; a p_yes_percent cell fills val[RF_P_YES] and sets
 * p_yes_percent.  The source is left to the caller. */
void hs_bulk_raw(const int *index, const hs_csv_field *f, const char *file,
                 hs_raw_forecast *raw);

/* ---- JSON documents (jsonload.c) ---- */

#include <jansson.h>

enum hs_jtype { JT_STRING, JT_STRING_OR_NULL, JT_NUMBER, JT_ARRAY, JT_OBJECT };

typedef struct hs_jfield {
    const char *name;
    enum hs_jtype type;
    int required;
} hs_jfield;

/* A JSON file being loaded: its text, its tree and where messages point. */
typedef struct hs_jdoc {
    const char *file;      /* as registered in the dataset */
    char *text;            /* owned */
    hs_jtext jt;
    json_t *root;          /* owned */
    hs_diags *diags;
    int errors;
} hs_jdoc;

/* Read and parse path (duplicate keys rejected, a leading byte-order mark
 * skipped), then check the top level is an object with "format" equal to
 * format.  Syntax errors carry jansson's line and column.  Returns 0, or -1
 * with the problem in diags. */
int hs_jdoc_open(hs_jdoc *doc, const char *file, const char *format, hs_diags *diags);
void hs_jdoc_close(hs_jdoc *doc);

/* Position of the value at path (from offset 0), or of its name. */
hs_pos hs_jdoc_pos(const hs_jdoc *doc, size_t from, const hs_jpath *path,
                   size_t depth, int want_key);

/*
 * Check obj, found at offset off, against a field list: unknown members are
 * warnings, missing required ones and wrong types errors.  what names the
 * object in messages ("forecast").  Returns the number of errors.
 */
int hs_jdoc_check(hs_jdoc *doc, json_t *obj, size_t off, const hs_jfield *fields,
                  size_t n, const char *what);

/* Check the string member name of obj (found at offset off), when present,
 * for control characters (hs_text_check), reporting at the member's value.
 * Returns 0, or -1 when reported (counted in doc->errors). */
int hs_jdoc_text(hs_jdoc *doc, json_t *obj, size_t off, const char *name, int multiline);

#endif
