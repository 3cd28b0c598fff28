/* cmd_rescore.c - `hindsight rescore`: the scheduled job. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

const char cmd_rescore_usage[] =
    "usage: hindsight [--data DIR] rescore --state DIR [--exit-code] [options]\n"
    "\n"
    "Re-score everything as of a date (default today) and report what changed\n"
    "since the last run: forecasts newly resolved (and how), newly void, and\n"
    "score and rank changes per forecaster and organization; \"No changes\" when\n"
    "there are none.  Meant for cron or a systemd timer (see contrib/).\n"
    "\n"
    "The state directory keeps:\n"
    "  latest/        the export of the last run (as 'hindsight export' writes\n"
    "                 it), its report.txt and state.json; replaced as a whole\n"
    "  history.csv    one row per forecaster and organization for every run that\n"
    "                 changed something: run,as_of,kind,name,forecasts,scored,\n"
    "                 pending,void,brier,rank; append-only\n"
    "A run locks the directory; the data is checked before anything is written;\n"
    "a run killed at any point leaves the previous state or the new one, and a\n"
    "torn last line in history.csv is cut off by the next run.\n"
    "\n"
    "Options:\n"
    "  --state DIR          state directory (created if missing)\n"
    "  --exit-code          exit with status 3 when something changed\n"
    "  --as-of DATE         use only outcome records dated on or before DATE\n"
    "                       (YYYY-MM-DD; default today, UTC)\n"
    "  --horizon SPAN       deadline for forecasts that state none (default 2y)\n"
    "  --lexicon NAME|PATH  hedge table (default: default)\n"
    "  --min-n N            rank only groups with at least N scored forecasts\n"
    "  --bootstrap N        replicates for the intervals of each mean Brier\n"
    "                       (default 2000; 0 = none)\n"
    "  --seed S             bootstrap seed (default 1)\n"
    "  --reference REF      skill against 'coin' (default) or 'base-rate'\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 success (3 with --exit-code when something changed), 1 data\n"
    "errors or the state directory cannot be written, 2 usage error, 75 another\n"
    "rescore is running on the same state directory (nothing was changed).\n";

#define STATE_FORMAT "hindsight-rescore-state/1"
/* Run numbers count runs; a state file claiming more is not ours. */
#define RUN_MAX 1000000000000LL

/* What the last run left in STATE/latest. */
typedef struct previous {
    int exists;                 /* STATE/latest is there */
    unsigned long run;          /* its run number */
    hs_snapshot snap;
} previous;

/* Read STATE/latest/state.json and scores.json.  Returns 0 or -1 (diags). */
static int read_previous(previous *prev, const char *state, hs_diags *diags)
{
    char path[4096];
    struct stat st;
    json_t *root = NULL, *run;
    int ret = -1;

    snprintf(path, sizeof(path), "%s/latest", state);
    if (lstat(path, &st) < 0)
        return 0;   /* the first run */
    if (!S_ISLNK(st.st_mode)) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0,
                     "exists and is not the link rescore keeps there");
        return -1;
    }
    prev->exists = 1;
    snprintf(path, sizeof(path), "%s/latest/state.json", state);
    if (!(root = hs_json_file_load(path, STATE_FORMAT, diags)))
        goto cleanup;
    run = json_object_get(root, "run");
    /* the next run is this one plus one, and must fit in the file again */
    if (!json_is_integer(run) || json_integer_value(run) < 0 ||
        json_integer_value(run) >= RUN_MAX) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0,
                     "'run' must be a whole number from 0 to %lld", (long long)RUN_MAX - 1);
        goto cleanup;
    }
    prev->run = (unsigned long)json_integer_value(run);
    snprintf(path, sizeof(path), "%s/latest/scores.json", state);
    ret = hs_snapshot_load(&prev->snap, path, diags);
cleanup:
    json_decref(root);
    return ret;
}

static void put_real(FILE *out, double v)
{
    if (isnan(v))
        fputs("-", out);
    else
        fprintf(out, "%.4f", v);
}

/* v beside the value it is compared with: four decimals, or every digit
 * when the two differ but four decimals would show them equal (a report
 * must never say "0.1767 -> 0.1767" for a change). */
static void put_real_vs(FILE *out, double v, double other)
{
    char a[32], b[32], full[HS_DOUBLE_TEXT_SIZE];

    snprintf(a, sizeof(a), "%.4f", v);
    snprintf(b, sizeof(b), "%.4f", other);
    if (!isnan(v) && !isnan(other) && v != other && strcmp(a, b) == 0)
        fputs(hs_format_double(v, full), out);
    else
        put_real(out, v);
}

static void put_rank(FILE *out, long rank)
{
    if (rank)
        fprintf(out, "%ld", rank);
    else
        fputs("-", out);
}

static void put_forecast(FILE *out, const hs_snap_forecast *f)
{
    fprintf(out, "  %s  %s (%s): ", cli_esc(f->id), cli_esc(f->forecaster),
            cli_esc(f->organization));
}

/* How a forecast stands: "yes, brier 0.0100", "void (annulled)", "pending";
 * the brier with every digit if it only differs from other's beyond four
 * decimals (other may be NULL). */
static void put_status(FILE *out, const hs_snap_forecast *f, const hs_snap_forecast *other)
{
    fputs(cli_esc(f->status), out);
    if (f->void_reason[0])
        fprintf(out, " (%s)", cli_esc(f->void_reason));
    if (!isnan(f->brier)) {
        fputs(", brier ", out);
        put_real_vs(out, f->brier, other ? other->brier : f->brier);
    }
}

static void put_group_change(FILE *out, const hs_snap_group *p, const hs_snap_group *c)
{
    const char *sep = "";

    if (!p) {
        fprintf(out, "  %s: new: brier ", cli_esc(c->name));
        put_real(out, c->brier);
        fputs(", rank ", out);
        put_rank(out, c->rank);
        fprintf(out, "; %ld forecasts (%ld scored, %ld pending, %ld void)\n", c->forecasts,
                c->scored, c->pending, c->n_void);
        return;
    }
    if (!c) {
        fprintf(out, "  %s: gone (was brier ", cli_esc(p->name));
        put_real(out, p->brier);
        fputs(", rank ", out);
        put_rank(out, p->rank);
        fputs(")\n", out);
        return;
    }
    fprintf(out, "  %s: ", cli_esc(c->name));
    if (!(isnan(p->brier) && isnan(c->brier)) && p->brier != c->brier) {
        fputs("brier ", out);
        put_real_vs(out, p->brier, c->brier);
        fputs(" -> ", out);
        put_real_vs(out, c->brier, p->brier);
        sep = ", ";
    }
    if (p->rank != c->rank) {
        fprintf(out, "%srank ", sep);
        put_rank(out, p->rank);
        fputs(" -> ", out);
        put_rank(out, c->rank);
        sep = ", ";
    }
#define COUNT(field, label)                                                     \
    if (p->field != c->field) {                                                 \
        fprintf(out, "%s" label " %ld -> %ld", sep, p->field, c->field);        \
        sep = ", ";                                                             \
    }
    COUNT(forecasts, "forecasts")
    COUNT(scored, "scored")
    COUNT(pending, "pending")
    COUNT(n_void, "void")
#undef COUNT
    fputc('\n', out);
}

/* One section of the report: every change of kind (and group). */
static void put_section(FILE *out, const char *title, const hs_changes *ch,
                        enum hs_change_kind kind, int group, const previous *prev,
                        const hs_snapshot *cur)
{
    size_t i, n = 0;

    for (i = 0; i < ch->n; i++)
        n += ch->items[i].kind == kind && (kind != HS_CHANGE_GROUP || ch->items[i].group == group);
    if (!n)
        return;
    fprintf(out, "\n%s (%zu):\n", title, n);
    for (i = 0; i < ch->n; i++) {
        const hs_change *c = &ch->items[i];
        const hs_snap_forecast *pf = c->prev != HS_NONE && kind != HS_CHANGE_GROUP
                                         ? &prev->snap.forecasts[c->prev] : NULL;
        const hs_snap_forecast *cf = c->cur != HS_NONE && kind != HS_CHANGE_GROUP
                                         ? &cur->forecasts[c->cur] : NULL;

        if (c->kind != kind || (kind == HS_CHANGE_GROUP && c->group != group))
            continue;
        switch (kind) {
        case HS_CHANGE_RESOLVED:
        case HS_CHANGE_VOIDED:
        case HS_CHANGE_NEW:
            put_forecast(out, cf);
            put_status(out, cf, NULL);
            if (cf->evidence[0] && kind != HS_CHANGE_NEW)
                fprintf(out, "; evidence %s", cli_esc(cf->evidence));
            fputc('\n', out);
            break;
        case HS_CHANGE_STATUS:
        case HS_CHANGE_RESCORED:
            put_forecast(out, cf);
            put_status(out, pf, cf);
            fputs(" -> ", out);
            put_status(out, cf, pf);
            fputc('\n', out);
            break;
        case HS_CHANGE_REMOVED:
            put_forecast(out, pf);
            fputs("no longer in the data (was ", out);
            put_status(out, pf, NULL);
            fputs(")\n", out);
            break;
        case HS_CHANGE_GROUP:
            put_group_change(out, c->prev != HS_NONE ? &prev->snap.groups[group][c->prev] : NULL,
                             c->cur != HS_NONE ? &cur->groups[group][c->cur] : NULL);
            break;
        }
    }
}

/* The report: what changed, then where things are. */
static void put_report(FILE *out, const previous *prev, const hs_snapshot *cur,
                       const hs_changes *ch, const char *state, unsigned long run,
                       size_t rows_written, int changed)
{
    size_t i, n[4] = {0, 0, 0, 0};

    fprintf(out, "hindsight rescore as of %s", cli_esc(cur->as_of));
    if (prev->exists)
        fprintf(out, "; last run as of %s\n", cli_esc(prev->snap.as_of));
    else
        fputs("; first run\n", out);
    if (!prev->exists) {
        for (i = 0; i < cur->n_forecasts; i++) {
            const char *s = cur->forecasts[i].status;

            n[strcmp(s, "pending") == 0 ? 0 : strcmp(s, "void") == 0 ? 3 : strcmp(s, "yes") == 0 ? 1 : 2]++;
        }
        fprintf(out, "\nFirst run: %zu forecasts (%zu scored, %zu pending, %zu void), %zu forecasters and %zu organizations recorded.\n",
                cur->n_forecasts, n[1] + n[2], n[0], n[3], cur->n_groups[HS_SNAP_FORECASTER],
                cur->n_groups[HS_SNAP_ORGANIZATION]);
    } else if (!changed) {
        fputs("\nNo changes since the last run.\n", out);
    } else {
        put_section(out, "Newly resolved", ch, HS_CHANGE_RESOLVED, 0, prev, cur);
        put_section(out, "Newly void", ch, HS_CHANGE_VOIDED, 0, prev, cur);
        put_section(out, "Other status changes", ch, HS_CHANGE_STATUS, 0, prev, cur);
        put_section(out, "Rescored (same status, another Brier score)", ch, HS_CHANGE_RESCORED, 0,
                    prev, cur);
        put_section(out, "New forecasts", ch, HS_CHANGE_NEW, 0, prev, cur);
        put_section(out, "Removed forecasts", ch, HS_CHANGE_REMOVED, 0, prev, cur);
        put_section(out, "Forecasters", ch, HS_CHANGE_GROUP, HS_SNAP_FORECASTER, prev, cur);
        put_section(out, "Organizations", ch, HS_CHANGE_GROUP, HS_SNAP_ORGANIZATION, prev, cur);
    }
    fputc('\n', out);
    if (rows_written)
        fprintf(out, "history: %zu rows appended to %s/history.csv (run %lu)\n", rows_written,
                cli_esc(state), run);
    else
        fprintf(out, "history: %s/history.csv unchanged (run %lu)\n", cli_esc(state), run);
    fprintf(out, "export: %s/latest/\n", cli_esc(state));
}

/* STATE/latest/state.json. */
static int put_state(FILE *fp, unsigned long run, const char *as_of)
{
    json_t *root = json_object();
    int rc = -1;

    if (root && json_object_set_new(root, "format", json_string(STATE_FORMAT)) == 0 &&
        json_object_set_new(root, "run", json_integer((json_int_t)run)) == 0 &&
        json_object_set_new(root, "as_of", json_string(as_of)) == 0 &&
        hs_json_write(root, fp) == 0 && fputc('\n', fp) != EOF)
        rc = 0;
    json_decref(root);
    return rc;
}

/* Write STATE/latest as a whole: the export, report.txt, state.json. */
static int write_latest(const char *state, const hs_export *ex, const char *report,
                        size_t report_len, unsigned long run, hs_diags *diags)
{
    hs_afdir dir;
    hs_afset set;
    FILE *fp;
    int ret = -1;

    hs_afdir_init(&dir);
    hs_afset_init(&set);
    if (hs_afdir_begin(&dir, state, "latest", diags) < 0 ||
        hs_export_add(ex, &set, dir.dir, 0, diags) < 0)
        goto cleanup;
    if (!(fp = hs_afset_add(&set, dir.dir, "report.txt", diags)))
        goto cleanup;
    fwrite(report, 1, report_len, fp);
    if (!(fp = hs_afset_add(&set, dir.dir, "state.json", diags)))
        goto cleanup;
    if (put_state(fp, run, ex->as_of) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, dir.dir, 0, 0, "cannot write 'state.json'");
        goto cleanup;
    }
    if (hs_afset_commit(&set, diags) < 0 || hs_afdir_commit(&dir, diags) < 0)
        goto cleanup;
    ret = 0;
cleanup:
    hs_afset_release(&set);
    hs_afdir_release(&dir);
    return ret;
}

/* Lock the state directory; prints why not.  Returns an exit status. */
static int lock_state(const char *state, int *fd)
{
    hs_diags diags;
    int rc;

    hs_diags_init(&diags);
    rc = hs_dir_lock(state, fd, &diags);
    cli_print_diags(&diags);
    hs_diags_release(&diags);
    if (rc == 1) {
        fprintf(stderr, "hindsight: another rescore is running on '%s' (it holds %s/.lock); nothing was changed, try again later\n",
                cli_esc(state), cli_esc(state));
        return EXIT_TEMPFAIL;
    }
    if (rc < 0) {
        fprintf(stderr, "hindsight: not rescoring: cannot write to the state directory '%s'\n",
                cli_esc(state));
        return EXIT_DATA;
    }
    return EXIT_OK;
}

int cmd_rescore(int argc, char **argv, cli_options *opt)
{
    const char *state;
    cli_session s;
    hs_diags out_diags;
    hs_export ex;
    hs_snapshot cur;
    hs_changes changes;
    hs_history history;
    previous prev;
    char *report = NULL, path[4096];
    size_t report_len = 0, rows = 0;
    unsigned long run_no;
    FILE *mem;
    struct stat st;
    int first = cli_begin(argc, argv, "rescore",
                          "as-of horizon lexicon min-n bootstrap seed reference state exit-code",
                          0, 0, opt);
    int status = EXIT_DATA, lock = -1, create, changed;

    if (first < 0)
        return -1 - first;
    state = opt->state_dir;
    if (!state || !state[0])
        return cli_usage_error(cli_find_command("rescore"),
                               "say where the state is kept with --state DIR");
    cli_test_hooks();
    cli_session_init(&s);   /* closed below even when never opened */
    hs_diags_init(&out_diags);
    hs_export_init(&ex);
    hs_snapshot_init(&cur);
    hs_changes_init(&changes);
    hs_history_init(&history);
    memset(&prev, 0, sizeof(prev));
    hs_snapshot_init(&prev.snap);

    create = 0;
    if (stat(state, &st) < 0) {
        if (errno != ENOENT) {
            fprintf(stderr, "hindsight: %s: cannot use the state directory: %s\n", cli_esc(state),
                    strerror(errno));
            goto cleanup;
        }
        create = 1;
    } else if (!S_ISDIR(st.st_mode)) {
        fprintf(stderr, "hindsight: %s: not a directory; --state needs a directory (created if missing)\n",
                cli_esc(state));
        goto cleanup;
    }
    /* a second run stops here, before the (maybe long) loading */
    if (!create && (status = lock_state(state, &lock)) != EXIT_OK)
        goto cleanup;
    if ((status = cli_session_open(&s, opt)) != EXIT_OK) {
        fprintf(stderr, "hindsight: nothing in '%s' was changed\n", cli_esc(state));
        goto cleanup;
    }
    status = EXIT_DATA;
    if (hs_export_build(&ex, &s.run, &opt->groups) < 0 ||
        hs_snapshot_from_json(&cur, ex.json, "(this run)", &out_diags) < 0) {
        fprintf(stderr, "hindsight: out of memory\n");
        goto cleanup;
    }
    if (create) {
        if (mkdir(state, 0777) < 0 && errno != EEXIST) {
            fprintf(stderr, "hindsight: %s: cannot create the state directory: %s\n", cli_esc(state),
                    strerror(errno));
            goto cleanup;
        }
        if ((status = lock_state(state, &lock)) != EXIT_OK)
            goto cleanup;
        status = EXIT_DATA;
    }
    hs_checkpoint("locked");
    snprintf(path, sizeof(path), "%s/history.csv", state);
    if (read_previous(&prev, state, &out_diags) < 0) {
        cli_print_diags(&out_diags);
        fprintf(stderr, "hindsight: not rescoring: the last run's state is unreadable; move '%s/latest' away to start afresh (history.csv is kept)\n",
                cli_esc(state));
        goto cleanup;
    }
    if (hs_history_open(&history, path, &out_diags) < 0) {
        cli_print_diags(&out_diags);
        fprintf(stderr, "hindsight: not rescoring: nothing was changed\n");
        goto cleanup;
    }
    if (hs_changes_compute(&changes, &prev.snap, &cur) < 0) {
        fprintf(stderr, "hindsight: out of memory\n");
        goto cleanup;
    }
    changed = !prev.exists || changes.n > 0;
    run_no = prev.run;
    if (changed &&
        hs_history_append(&history, prev.run + 1, &cur, &run_no, &rows, &out_diags) < 0) {
        cli_print_diags(&out_diags);
        fprintf(stderr, "hindsight: not rescoring: history.csv is unchanged\n");
        goto cleanup;
    }
    if (!(mem = open_memstream(&report, &report_len))) {
        fprintf(stderr, "hindsight: out of memory\n");
        goto cleanup;
    }
    put_report(mem, &prev, &cur, &changes, state, run_no, rows, changed);
    if (fclose(mem) != 0 || write_latest(state, &ex, report, report_len, run_no, &out_diags) < 0) {
        cli_print_diags(&out_diags);
        fprintf(stderr, "hindsight: %s/latest is as the last run left it\n", cli_esc(state));
        goto cleanup;
    }
    cli_print_diags(&out_diags);   /* warnings: a repaired history, an old copy left */
    fwrite(report, 1, report_len, stdout);
    status = changed && opt->exit_code ? EXIT_CHANGED : EXIT_OK;   /* main() checks the output */
cleanup:
    free(report);   /* open_memstream's buffer comes from malloc */
    hs_history_release(&history);
    hs_changes_release(&changes);
    hs_snapshot_release(&prev.snap);
    hs_snapshot_release(&cur);
    hs_export_release(&ex);
    hs_diags_release(&out_diags);
    cli_session_close(&s);
    hs_dir_unlock(lock);
    return status;
}
