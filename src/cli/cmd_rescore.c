/* cmd_rescore.c - `hindsight rescore`: the scheduled job. */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    "                 it), its report.txt, state.json and history.csv\n"
    "  history.csv    a link to latest/history.csv: one row per forecaster and\n"
    "                 organization for every run that changed something:\n"
    "                 run,as_of,kind,name,forecasts,scored,pending,void,brier,\n"
    "                 rank; rows are only ever added\n"
    "Each run builds a new latest/ (the last history plus its own rows) and\n"
    "switches to it with one rename, so history.csv and latest/ always describe\n"
    "the same last run: a run killed, interrupted or out of disk at any point\n"
    "leaves the previous state or the new one, never a run half recorded.  A run\n"
    "locks the directory; the data is checked before anything is written.  A\n"
    "run whose as-of date is before the last run's is refused (a clock set\n"
    "back) unless --allow-earlier.  A state directory others can write to is\n"
    "warned about.\n"
    "\n"
    "Options:\n"
    "  --state DIR          state directory (created if missing)\n"
    "  --exit-code          exit with status 3 when something changed\n"
    "  --as-of DATE         replay that date (YYYY-MM-DD; default today, UTC):\n"
    "                       forecasts made after it are left out, and only\n"
    "                       outcome records dated and recorded on or before it\n"
    "                       count (what the data set knew then)\n"
    "  --allow-earlier      record a run whose as-of date is before the last\n"
    "                       run's (to replay an earlier date on purpose)\n"
    "  --horizon SPAN       deadline for forecasts that state none (default 2y)\n"
    "  --lexicon NAME|PATH  hedge table (default: default)\n"
    "  --min-n N            rank only groups with at least N scored forecasts\n"
    "  --bootstrap N        replicates for the intervals of each mean Brier\n"
    "                       (default 2000; 0 = none); a group on 30 or more\n"
    "                       questions gets the cluster-robust t interval instead\n"
    "  --seed S             bootstrap seed (default 1)\n"
    "  --reference REF      skill against 'coin' (default) or 'base-rate'\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 success (3 with --exit-code when something changed), 1 data\n"
    "errors, an as-of date before the last run's, or the state directory cannot\n"
    "be written, 2 usage error, 75 another rescore is running on the same state\n"
    "directory (nothing was changed).\n";

#define STATE_FORMAT "hindsight-rescore-state/1"
/* Run numbers count runs; a state file claiming more is not ours. */
#define RUN_MAX 1000000000000LL

/* What the last run left in STATE/latest. */
typedef struct previous {
    int exists;                 /* STATE/latest is there */
    unsigned long run;          /* its run number */
    char gen[64];               /* the directory it points at, .latest-XXXXXX */
    int gen_fd;                 /* that directory, open; -1 */
    hs_snapshot snap;
} previous;

/* Read STATE/latest/state.json and scores.json.  Returns 0 or -1 (diags). */
static int read_previous(previous *prev, const hs_outdir *sd, hs_diags *diags)
{
    char path[4096];
    json_t *root = NULL, *run;
    int ret = -1, rc;

    rc = hs_afdir_current(sd->fd, sd->path, "latest", prev->gen, sizeof(prev->gen), diags);
    if (rc <= 0)
        return rc;   /* 0: the first run */
    prev->exists = 1;
    prev->gen_fd = openat(sd->fd, prev->gen, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (prev->gen_fd < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, sd->path, 0, 0, "cannot open '%s': %s", prev->gen,
                     strerror(errno));
        return -1;
    }
    snprintf(path, sizeof(path), "%s/latest/state.json", sd->path);
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
    snprintf(path, sizeof(path), "%s/latest/scores.json", sd->path);
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

#define HISTORY_LINK "latest/history.csv"

/*
 * Make STATE/history.csv the link to latest/history.csv that readers use.
 * A regular history.csv is the layout before generations: with a latest/,
 * its rows (but those of runs after latest's, which never completed) are
 * first copied into latest/, then the link replaces the file; without one,
 * *deferred is set and the file becomes the new generation's start.
 * Returns 0 or -1 (diags).
 */
static int history_link(const hs_outdir *sd, const previous *prev, int *deferred,
                        hs_diags *diags)
{
    char target[64], path[4096];
    struct stat st;
    hs_history h;
    hs_afset link;
    ssize_t n;
    int ret = -1;

    *deferred = 0;
    snprintf(path, sizeof(path), "%s/history.csv", sd->path);
    hs_afset_init(&link, sd->fd, sd->path);
    hs_history_init(&h);
    if (fstatat(sd->fd, "history.csv", &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if (S_ISLNK(st.st_mode)) {
            n = readlinkat(sd->fd, "history.csv", target, sizeof(target) - 1);
            if (n >= 0 && (size_t)n == strlen(HISTORY_LINK) &&
                memcmp(target, HISTORY_LINK, (size_t)n) == 0)
                return 0;
        }
        if (!S_ISREG(st.st_mode)) {
            hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0,
                         "is not the history rescore keeps there (a link to %s); move it away",
                         HISTORY_LINK);
            goto cleanup;
        }
        if (!prev->exists) {
            *deferred = 1;
            return 0;
        }
        if (fstatat(prev->gen_fd, "history.csv", &st, AT_SYMLINK_NOFOLLOW) < 0) {
            unlinkat(prev->gen_fd, ".history.csv.migrate", 0);
            if (hs_history_copy(&h, sd->fd, "history.csv", path, prev->gen_fd,
                                ".history.csv.migrate", prev->run, diags) < 0 ||
                renameat(prev->gen_fd, ".history.csv.migrate", prev->gen_fd, "history.csv") < 0 ||
                hs_fsync_dirfd(prev->gen_fd) < 0) {
                hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0,
                             "cannot move the history into latest/: %s", strerror(errno));
                goto cleanup;
            }
        }
    }
    if (hs_afset_add_link(&link, "history.csv", HISTORY_LINK, diags) < 0 ||
        hs_afset_commit(&link, diags) < 0)
        goto cleanup;
    ret = 0;
cleanup:
    hs_history_release(&h);
    hs_afset_release(&link);
    return ret;
}

/* Everything a run writes. */
typedef struct run_output {
    unsigned long run;          /* the run number latest/ gets */
    size_t rows;                /* history rows appended */
    char *report;               /* report.txt, from malloc */
    size_t report_len;
} run_output;

/*
 * Write the new state generation: history.csv (the last one's, then this
 * run's rows when something changed), the export, report.txt and
 * state.json, and the HTML report; then switch latest/ to it.  Returns 0 or -1 (diags).
 */
static int write_state(const hs_outdir *sd, const previous *prev, const hs_export *ex,
                       const hs_snapshot *cur, const hs_changes *ch, int changed,
                       run_output *out, const cli_session *s, const cli_options *opt,
                       hs_diags *diags)
{
    static const char *const staged[] = {"latest", "history.csv", NULL};
    char path[4096];
    hs_afdir gen;
    hs_afset set;
    hs_history hist;
    FILE *fp, *mem;
    int ret = -1, deferred = 0, src_fd = -1;

    hs_afdir_init(&gen);
    hs_afset_init(&set, -1, NULL);
    hs_history_init(&hist);
    snprintf(path, sizeof(path), "%s/history.csv", sd->path);
    if (history_link(sd, prev, &deferred, diags) < 0 ||
        hs_afdir_begin(&gen, sd->fd, sd->path, "latest", diags) < 0)
        goto cleanup;
    src_fd = prev->exists ? prev->gen_fd : deferred ? sd->fd : -1;
    if (hs_history_copy(&hist, src_fd, "history.csv", path, gen.fd, "history.csv",
                        prev->exists ? prev->run : ULONG_MAX, diags) < 0)
        goto cleanup;
    out->run = prev->run;
    if (changed) {
        out->run = (prev->exists ? prev->run : hist.last_run) + 1;
        if (hs_history_append(&hist, out->run, cur, &out->rows, diags) < 0)
            goto cleanup;
    }
    if (!(mem = open_memstream(&out->report, &out->report_len))) {
        hs_diags_add(diags, HS_SEV_ERROR, sd->path, 0, 0, "out of memory");
        goto cleanup;
    }
    put_report(mem, prev, cur, ch, sd->path, out->run, out->rows, changed);
    if (fclose(mem) != 0) {
        hs_diags_add(diags, HS_SEV_ERROR, sd->path, 0, 0, "out of memory");
        goto cleanup;
    }
    hs_afset_init(&set, gen.fd, gen.path);
    if (hs_export_add(ex, &set, 0, diags) < 0)
        goto cleanup;
    if (!(fp = hs_afset_add(&set, "report.txt", diags)))
        goto cleanup;
    fwrite(out->report, 1, out->report_len, fp);
    if (!(fp = hs_afset_add(&set, "state.json", diags)))
        goto cleanup;
    if (put_state(fp, out->run, ex->as_of) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, gen.path, 0, 0, "cannot write 'state.json'");
        goto cleanup;
    }
    /* the HTML report of the run, beside the export (hindsight(1), REPORT) */
    if (cli_write_site(s, opt, gen.path, NULL, 0, diags) < 0)
        goto cleanup;
    if (hs_afset_commit(&set, diags) < 0 || hs_afdir_commit(&gen, diags) < 0)
        goto cleanup;
    ret = 0;
    /* committed: what follows only tidies up */
    if (deferred) {
        hs_diags tidy;

        hs_diags_init(&tidy);
        hs_afset_release(&set);
        hs_afset_init(&set, sd->fd, sd->path);
        if (hs_afset_add_link(&set, "history.csv", HISTORY_LINK, &tidy) < 0 ||
            hs_afset_commit(&set, &tidy) < 0)
            hs_diags_add(diags, HS_SEV_WARNING, path, 0, 0,
                         "not yet a link to %s; the next run makes it one", HISTORY_LINK);
        hs_diags_release(&tidy);
    }
    hs_af_clean(sd->fd, sd->path, staged, "latest", gen.gen, diags);
cleanup:
    hs_history_release(&hist);
    hs_afset_release(&set);
    hs_afdir_release(&gen);
    return ret;
}

/* Open and lock the state directory (creating it when create); prints
 * why not.  Returns an exit status. */
static int open_state(hs_outdir *sd, const char *state, int create)
{
    hs_diags diags;
    int rc;

    hs_diags_init(&diags);
    rc = hs_outdir_open(sd, state, create, &diags);
    if (rc == 0)
        rc = hs_outdir_lock(sd, ".lock", 0, &diags);
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

/* Read what the last run left and refuse to go back in time.  Returns an
 * exit status (printing why not). */
static int check_previous(previous *prev, const hs_outdir *sd, const cli_options *opt)
{
    hs_diags diags;
    char as_of[HS_DATE_TEXT_SIZE];
    int rc;

    hs_diags_init(&diags);
    rc = read_previous(prev, sd, &diags);
    cli_print_diags(&diags);
    hs_diags_release(&diags);
    if (rc < 0) {
        fprintf(stderr, "hindsight: not rescoring: the last run's state is unreadable; nothing was changed (to start afresh, move '%s' away and keep its history.csv)\n",
                sd->path);
        return EXIT_DATA;
    }
    hs_date_format(opt->as_of, as_of);
    if (prev->exists && strcmp(as_of, prev->snap.as_of) < 0 && !opt->allow_earlier) {
        if (opt->as_of_given)
            fprintf(stderr, "hindsight: not rescoring: --as-of %s is before the last run's as-of date %s; pass --allow-earlier to record a run for the earlier date; nothing was changed\n",
                    as_of, prev->snap.as_of);
        else
            fprintf(stderr, "hindsight: not rescoring: today (%s, by the system clock) is before the last run's as-of date %s; check the system clock, or pass --as-of DATE --allow-earlier to replay an earlier date; nothing was changed\n",
                    as_of, prev->snap.as_of);
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
    hs_outdir sd;
    previous prev;
    run_output out;
    struct stat st;
    int first = cli_begin(argc, argv, "rescore",
                          "as-of horizon lexicon min-n bootstrap seed reference state exit-code allow-earlier",
                          0, 0, opt);
    int status = EXIT_DATA, create, changed;

    if (first < 0)
        return -1 - first;
    state = opt->state_dir;
    if (!state || !state[0])
        return cli_usage_error(cli_find_command("rescore"),
                               "say where the state is kept with --state DIR");
    cli_test_hooks();
    cli_catch_signals();
    cli_session_init(&s);   /* closed below even when never opened */
    hs_diags_init(&out_diags);
    hs_export_init(&ex);
    hs_snapshot_init(&cur);
    hs_changes_init(&changes);
    hs_outdir_init(&sd);
    memset(&prev, 0, sizeof(prev));
    memset(&out, 0, sizeof(out));
    prev.gen_fd = -1;
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
    /* a second run, or one going back in time, stops here, before the
     * (maybe long) loading */
    if (!create) {
        if ((status = open_state(&sd, state, 0)) != EXIT_OK)
            goto cleanup;
        hs_checkpoint("locked");
        if ((status = check_previous(&prev, &sd, opt)) != EXIT_OK)
            goto cleanup;
    }
    opt->replay = HS_REPLAY_KNOWN;   /* history: what the data set knew (docs/resolution.md) */
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
        if ((status = open_state(&sd, state, 1)) != EXIT_OK)
            goto cleanup;
        hs_checkpoint("locked");
        if ((status = check_previous(&prev, &sd, opt)) != EXIT_OK)
            goto cleanup;
        status = EXIT_DATA;
    }
    if (hs_changes_compute(&changes, &prev.snap, &cur) < 0) {
        fprintf(stderr, "hindsight: out of memory\n");
        goto cleanup;
    }
    changed = !prev.exists || changes.n > 0;
    if (write_state(&sd, &prev, &ex, &cur, &changes, changed, &out, &s, opt, &out_diags) < 0) {
        cli_print_diags(&out_diags);
        fprintf(stderr, "hindsight: nothing in '%s' was changed: latest/ and history.csv are as the last run left them\n",
                cli_esc(state));
        goto cleanup;
    }
    cli_print_diags(&out_diags);   /* warnings: a repaired history, an old copy left */
    fwrite(out.report, 1, out.report_len, stdout);
    status = changed && opt->exit_code ? EXIT_CHANGED : EXIT_OK;   /* main() checks the output */
cleanup:
    free(out.report);   /* open_memstream's buffer comes from malloc */
    hs_changes_release(&changes);
    if (prev.gen_fd >= 0)
        close(prev.gen_fd);
    hs_snapshot_release(&prev.snap);
    hs_snapshot_release(&cur);
    hs_export_release(&ex);
    hs_diags_release(&out_diags);
    cli_session_close(&s);
    hs_outdir_release(&sd, 0);
    cli_reraise_signal();
    return status;
}
