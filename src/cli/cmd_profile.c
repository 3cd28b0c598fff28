/* cmd_profile.c - `hindsight profile NAME`: one expert's record. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "report.h"

const char cmd_profile_usage[] =
    "usage: hindsight [--data DIR] profile [--by KEY] NAME [options]\n"
    "\n"
    "One forecaster's (or organization's) record: statements made, the share\n"
    "scored, pending and void, the share conditional and with defaulted\n"
    "deadlines, the hedge rate (share of non-committal phrases such as could,\n"
    "may, might: those giving their stance a probability of at most 0.6),\n"
    "boldness (mean |p - 0.5|), and every forecast with its quote and the\n"
    "evidence that resolved it.\n"
    "\n"
    "Options:\n"
    "  --by KEY             forecaster (default), organization or source\n"
    CLI_HELP_AS_OF_REPLAY
    "  --horizon SPAN       deadline for forecasts that state none (default 2y)\n"
    "  --lexicon NAME|PATH  hedge table (default: default)\n"
    "  --format FORMAT      table (default), csv or json (the forecasts)\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 success, 1 data errors or an unknown name, 2 usage error.\n";

enum { P_ID, P_SOURCE, P_QUESTION, P_CONDITION, P_STANCE, P_HEDGE, P_P_YES, P_DEADLINE,
       P_DEADLINE_KIND, P_STATUS, P_VOID_REASON, P_BRIER, P_QUOTE, P_EVIDENCE,
       P_EVIDENCE_SOURCE, P_EVIDENCE_DATE, P_COUNT };

static int fill_table(hs_table *t, const hs_run *run, const hs_profile *p, int wide)
{
    static const struct { const char *name; int precision; } cols[P_COUNT] = {
        {"id", 0}, {"source", 0}, {"question", 0}, {"condition", 0}, {"stance", 0},
        {"hedge", 0}, {"p_yes", 3}, {"deadline", 0}, {"deadline_kind", 0}, {"status", 0},
        {"void_reason", 0}, {"brier", 4}, {"quote", 0}, {"evidence", 0},
        {"evidence_source", 0}, {"evidence_date", 0}};
    size_t i, c;

    for (c = 0; c < P_COUNT; c++)
        hs_table_column(t, cols[c].name, cols[c].precision);
    for (i = 0; i < p->n; i++) {
        const hs_forecast *f = &run->ds->forecasts[p->forecasts[i]];
        const hs_scored *s = &run->items[p->forecasts[i]];
        char date[HS_DATE_TEXT_SIZE];

        hs_table_row(t);
        hs_table_text(t, P_ID, f->id);
        hs_table_text(t, P_SOURCE, hs_forecast_source_id(run->ds, f));
        hs_table_text(t, P_QUESTION, f->question_id);
        hs_table_text(t, P_CONDITION, f->condition_id);
        hs_table_text(t, P_STANCE, f->stance_yes ? "yes" : "no");
        hs_table_text(t, P_HEDGE, f->hedge);
        hs_table_real(t, P_P_YES, hs_prob_to_double(s->p_yes));
        hs_date_format(s->res.deadline, date);
        hs_table_text(t, P_DEADLINE, date);
        hs_table_text(t, P_DEADLINE_KIND, hs_deadline_kind_name(&s->res));
        hs_table_text(t, P_STATUS, hs_status_name(s->res.status));
        if (s->res.status == HS_VOID)
            hs_table_text(t, P_VOID_REASON, hs_void_reason_name(s->res.reason));
        hs_table_real(t, P_BRIER, s->brier);
        if (wide)
            hs_table_text(t, P_QUOTE, f->quote);
        if (wide && s->res.evidence != HS_NONE) {
            const hs_record *r = &run->ds->records[s->res.evidence];

            hs_table_text(t, P_EVIDENCE, r->evidence);
            hs_table_text(t, P_EVIDENCE_SOURCE, r->evidence_source);
            hs_date_format(r->date, date);
            hs_table_text(t, P_EVIDENCE_DATE, date);
        }
    }
    return t->oom ? -1 : 0;
}

static double share(size_t k, size_t n)
{
    return n ? 100.0 * (double)k / (double)n : 0;
}

/* The text form: a summary, then each forecast with its quote and evidence
 * on lines of their own (too long for table cells). */
static void print_text(const hs_run *run, const hs_profile *p, const char *name,
                       const cli_options *opt)
{
    size_t i;

    /* a group without a name (forecasts without an organization or a
     * source) reads as in the text tables */
    printf("%s (%s)\n", name[0] ? cli_esc(name) : HS_TEXT_NO_NAME, hs_group_key_name(opt->by));
    printf("  statements:   %zu\n", p->n);
    printf("  scored:       %zu (%.0f%%)", p->n_scored, share(p->n_scored, p->n));
    if (p->n_scored)
        printf(", mean Brier %.4f", p->brier);
    printf("\n  pending:      %zu (%.0f%%)\n", p->n_pending, share(p->n_pending, p->n));
    printf("  void:         %zu (%.0f%%)\n", p->n_void, share(p->n_void, p->n));
    printf("  conditional:  %zu (%.0f%%)\n", p->n_conditional, share(p->n_conditional, p->n));
    printf("  defaulted deadlines: %zu (%.0f%%)\n", p->n_defaulted, share(p->n_defaulted, p->n));
    printf("  hedge rate:   %.0f%% non-committal (stance given p <= %.1f)\n",
           share(p->n_noncommittal, p->n), hs_prob_to_double(HS_NONCOMMITTAL_MAX));
    printf("  boldness:     %.3f (mean |p_yes - 0.5|; 0 = always 50/50, 0.5 = always certain)\n\n",
           p->boldness);
    for (i = 0; i < p->n; i++) {
        const hs_forecast *f = &run->ds->forecasts[p->forecasts[i]];
        const hs_scored *s = &run->items[p->forecasts[i]];
        const hs_source *src = f->source == HS_NONE ? NULL : &run->ds->sources[f->source];
        char made[HS_DATE_TEXT_SIZE], deadline[HS_DATE_TEXT_SIZE];

        hs_date_format(f->made, made);
        hs_date_format(s->res.deadline, deadline);
        if (f->plain) {
            printf("%s  %s\n", cli_esc(f->id), made);
            printf("    %s%squestion %s%s%s, p_yes %.3f, deadline %s (%s)\n",
                   src ? cli_esc(src->id) : "", src ? "; " : "", cli_esc(f->question_id),
                   f->condition_id ? " if " : "", f->condition_id ? cli_esc(f->condition_id) : "",
                   hs_prob_to_double(s->p_yes), deadline, hs_deadline_kind_name(&s->res));
        } else {
            printf("%s  %s  \"%s\"\n", cli_esc(f->id), made, cli_esc(f->quote));
            printf("    %s, %s; question %s%s%s, stance %s, hedge '%s' -> p_yes %.3f, deadline %s (%s)\n",
                   cli_esc(src->outlet), cli_esc(src->id), cli_esc(f->question_id),
                   f->condition_id ? " if " : "", f->condition_id ? cli_esc(f->condition_id) : "",
                   f->stance_yes ? "yes" : "no", cli_esc(f->hedge),
                   hs_prob_to_double(s->p_yes), deadline, hs_deadline_kind_name(&s->res));
        }
        printf("    status %s", hs_status_name(s->res.status));
        if (s->res.status == HS_VOID)
            printf(" (%s)", hs_void_reason_name(s->res.reason));
        if (!isnan(s->brier))
            printf(", Brier %.4f", s->brier);
        if (s->res.evidence != HS_NONE) {
            const hs_record *r = &run->ds->records[s->res.evidence];
            char d[HS_DATE_TEXT_SIZE];

            hs_date_format(r->date, d);
            printf("; evidence %s %s: %s (%s)", hs_record_status_name(r->status), d,
                   cli_esc(r->evidence), cli_esc(r->evidence_source));
        }
        printf("\n\n");
    }
}

int cmd_profile(int argc, char **argv, cli_options *opt)
{
    cli_session s;
    hs_profile p;
    hs_table t;
    int status;
    int first = cli_begin(argc, argv, "profile", "as-of replay horizon format lexicon by", 1, 1, opt);
    char *normal;
    const char *found;

    if (first < 0)
        return -1 - first;
    /* names are compared in their normal form (names.h) */
    if (!(normal = hs_name_normal(argv[first]))) {
        fprintf(stderr, "hindsight: out of memory\n");
        return EXIT_DATA;
    }
    argv[first] = normal;
    memset(&p, 0, sizeof(p));
    hs_table_init(&t);
    if ((status = cli_session_open(&s, opt)) != EXIT_OK)
        goto cleanup;
    found = argv[first];
    if ((status = cli_resolve_name(&s, opt, &found)) != EXIT_OK)
        goto cleanup;
    status = EXIT_DATA;
    if (hs_profile_compute(&p, &s.run, opt->by, found) < 0 ||
        fill_table(&t, &s.run, &p, 1) < 0) {
        fprintf(stderr, "hindsight: out of memory\n");
        goto cleanup;
    }
    if (opt->format != FORMAT_TABLE) {
        status = cli_write_table(&t, opt->format);
        goto cleanup;
    }
    report_preamble(stdout, &s.run, opt, NULL);
    print_text(&s.run, &p, found, opt);
    status = EXIT_OK;   /* main() checks that the output was written */
cleanup:
    hs_table_release(&t);
    hs_profile_release(&p);
    cli_session_close(&s);
    hs_free(normal);
    return status;
}
