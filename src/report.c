/* report.c - build the group and forecast tables from a run. */
#include <math.h>
#include <stdio.h>

#include "hindsight/report.h"
#include "internal.h"

int hs_report_groups(hs_table *t, const hs_groups *g)
{
    static const struct { const char *name; int precision; } cols[] = {
        {"rank", 0}, {NULL, 0}, {"forecasts", 0}, {"scored", 0}, {"pending", 0},
        {"void", 0}, {"questions", 0}, {"brier", 4}, {"brier_low", 4}, {"brier_high", 4},
        {"skill", 4}, {"log_score", 4}, {"defaulted_deadlines", 0}};
    size_t i, c;

    for (c = 0; c < sizeof(cols) / sizeof(cols[0]); c++)
        if (hs_table_column(t, cols[c].name ? cols[c].name : hs_group_key_column(g->key),
                            cols[c].precision) < 0)
            return -1;
    /* with a crowd: the mean Brier minus the crowd's on the same units */
    if (g->crowd != HS_CROWD_NONE && hs_table_column(t, "relative_brier", 4) < 0)
        return -1;
    for (i = 0; i < g->n; i++) {
        const hs_group *grp = &g->items[i];

        if (hs_table_row(t) < 0)
            return -1;
        if (grp->rank)
            hs_table_int(t, 0, (long long)grp->rank);
        hs_table_text(t, 1, grp->name);
        hs_table_int(t, 2, (long long)grp->n_forecasts);
        hs_table_int(t, 3, (long long)grp->n_scored);
        hs_table_int(t, 4, (long long)grp->n_pending);
        hs_table_int(t, 5, (long long)grp->n_void);
        hs_table_int(t, 6, (long long)grp->n_questions);
        hs_table_real(t, 7, grp->brier);
        hs_table_real(t, 8, grp->ci_state == HS_CI_OK ? grp->ci_low : NAN);
        hs_table_real(t, 9, grp->ci_state == HS_CI_OK ? grp->ci_high : NAN);
        hs_table_real(t, 10, grp->skill);
        hs_table_real(t, 11, grp->log_score);
        hs_table_int(t, 12, (long long)grp->n_defaulted);
        if (g->crowd != HS_CROWD_NONE)
            hs_table_real(t, 13, grp->relative_brier);
    }
    /* the text form: a long id shortened, a group without a name said so */
    if (g->key == HS_BY_QUESTION)
        hs_table_shorten(t, 1, HS_TEXT_ID_WIDTH, 1);
    else if (g->key == HS_BY_QUESTION_DATE)
        hs_table_shorten(t, 1, HS_TEXT_ID_WIDTH + 1 + 10, 1);
    else if (g->key == HS_BY_ORGANIZATION || g->key == HS_BY_SOURCE)
        hs_table_empty_text(t, 1, HS_TEXT_NO_NAME);
    return t->oom ? -1 : 0;
}

int hs_report_group_questions(hs_table *t, const hs_groups *g, const hs_dataset *ds)
{
    size_t i, col = t->n_cols, q;
    int dated = g->key == HS_BY_QUESTION_DATE;

    if (g->key != HS_BY_QUESTION && !dated)
        return 0;
    if (hs_table_column(t, "title", 0) < 0 ||
        (dated && (hs_table_column(t, "question", 0) < 0 || hs_table_column(t, "date", 0) < 0)))
        return -1;
    /* rows were made before these columns: set each row's cells */
    for (i = 0; i < g->n && i < t->n_rows; i++) {
        hs_date date;
        int rc = hs_question_date_split(ds, g->items[i].name, &q, &date);
        char text[HS_DATE_TEXT_SIZE];

        if (rc < 0)
            continue;
        hs_table_set_text(t, i, col, ds->questions[q].title);
        if (!dated)
            continue;
        hs_table_set_text(t, i, col + 1, ds->questions[q].id);
        if (rc == 1) {
            hs_date_format(date, text);
            hs_table_set_text(t, i, col + 2, text);
        }
    }
    if (t->oom)
        return -1;
    /* the text form: the title beside the group's name, shortened; the
     * question and date are in that name already */
    hs_table_place_after(t, col, 1);
    hs_table_shorten(t, col, HS_TEXT_TITLE_WIDTH, 0);
    if (dated) {
        hs_table_hide_text(t, col + 1);
        hs_table_hide_text(t, col + 2);
    }
    return 0;
}

/* The columns first..first+5 are in the order internal.h gives. */
void hs_table_resolution(hs_table *t, size_t first, const hs_scored *s)
{
    char date[HS_DATE_TEXT_SIZE];

    hs_date_format(s->res.deadline, date);
    hs_table_text(t, first, date);
    hs_table_text(t, first + 1, hs_deadline_kind_name(&s->res));
    hs_table_text(t, first + 2, hs_status_name(s->res.status));
    if (s->res.status == HS_VOID)
        hs_table_text(t, first + 3, hs_void_reason_name(s->res.reason));
    if (s->res.graded) {   /* the value itself, exactly */
        char text[HS_PROB_TEXT_MAX];

        hs_table_text(t, first + 4, hs_prob_format(s->res.outcome, text));
    } else if (s->res.status == HS_YES || s->res.status == HS_NO) {
        hs_table_int(t, first + 4, s->res.status == HS_YES);
    }
    hs_table_real(t, first + 5, s->brier);
}

enum {
    FC_ID, FC_FORECASTER, FC_ORGANIZATION, FC_SOURCE, FC_QUESTION, FC_CONDITION,
    FC_STANCE, FC_HEDGE, FC_BASIS, FC_P_YES, FC_MADE, FC_DEADLINE, FC_DEADLINE_KIND,
    FC_STATUS, FC_VOID_REASON, FC_OUTCOME, FC_BRIER, FC_EVIDENCE, FC_QUESTION_TITLE, FC_COUNT
};

int hs_report_forecasts(hs_table *t, const hs_run *run)
{
    static const struct { const char *name; int precision; } cols[FC_COUNT] = {
        {"id", 0}, {"forecaster", 0}, {"organization", 0}, {"source", 0},
        {"question", 0}, {"condition", 0}, {"stance", 0}, {"hedge", 0},
        {"basis", 0}, {"p_yes", 3}, {"made", 0}, {"deadline", 0},
        {"deadline_kind", 0}, {"status", 0}, {"void_reason", 0}, {"outcome", 0},
        {"brier", 4}, {"evidence", 0}, {"question_title", 0}};
    const hs_dataset *ds = run->ds;
    size_t i, c;

    for (c = 0; c < FC_COUNT; c++)
        if (hs_table_column(t, cols[c].name, cols[c].precision) < 0)
            return -1;
    for (i = 0; i < run->n; i++) {
        const hs_forecast *f = &ds->forecasts[i];
        const hs_scored *s = &run->items[i];
        char date[HS_DATE_TEXT_SIZE], where[512];

        if (hs_table_row(t) < 0)
            return -1;
        hs_table_text(t, FC_ID, f->id);
        hs_table_text(t, FC_FORECASTER, f->forecaster);
        hs_table_text(t, FC_ORGANIZATION, f->organization);
        hs_table_text(t, FC_SOURCE, hs_forecast_source_id(ds, f));
        hs_table_text(t, FC_QUESTION, f->question_id);
        hs_table_text(t, FC_CONDITION, f->condition_id);
        if (!f->plain) {    /* p_yes alone: no stance, hedge or basis */
            hs_table_text(t, FC_STANCE, f->stance_yes ? "yes" : "no");
            hs_table_text(t, FC_HEDGE, f->hedge);
            hs_table_text(t, FC_BASIS, hs_basis_name(f->basis));
        }
        hs_table_real(t, FC_P_YES, hs_prob_to_double(s->p_yes));
        hs_date_format(f->made, date);
        hs_table_text(t, FC_MADE, date);
        hs_table_resolution(t, FC_DEADLINE, s);
        if (s->res.evidence != HS_NONE) {
            const hs_record *r = &ds->records[s->res.evidence];

            snprintf(where, sizeof(where), "%s:%lu", r->pos.file, r->pos.line);
            hs_table_text(t, FC_EVIDENCE, where);
        }
        if (f->question != HS_NONE)
            hs_table_text(t, FC_QUESTION_TITLE, ds->questions[f->question].title);
    }
    /* the text form: ids shortened, the title beside the question, no
     * organization or source shown as "-" like every absent value */
    hs_table_shorten(t, FC_ID, HS_TEXT_ID_WIDTH, 1);
    hs_table_shorten(t, FC_QUESTION, HS_TEXT_ID_WIDTH, 1);
    hs_table_shorten(t, FC_CONDITION, HS_TEXT_ID_WIDTH, 1);
    hs_table_shorten(t, FC_QUESTION_TITLE, HS_TEXT_TITLE_WIDTH, 0);
    hs_table_place_after(t, FC_QUESTION_TITLE, FC_QUESTION);
    hs_table_empty_text(t, FC_ORGANIZATION, "-");
    hs_table_empty_text(t, FC_SOURCE, "-");
    return t->oom ? -1 : 0;
}
