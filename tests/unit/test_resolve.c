/* test_resolve.c - every branch of the resolution rules (DESIGN.md 3). */
#include "hindsight/hindsight.h"
#include "tests.h"

static hs_date D(const char *s)
{
    hs_date d = 0;

    hs_date_parse(s, strlen(s), &d);
    return d;
}

static const hs_horizon two_years = {2, 'y'};

/* A forecast on question 0, made 2022-10-01, deadline 2024-12-31 unless
 * deadline is NULL; conditional on question 1 when cond. */
static hs_forecast make(const char *deadline, int cond)
{
    hs_forecast f;

    memset(&f, 0, sizeof(f));
    f.question = 0;
    f.condition = cond ? 1 : HS_NONE;
    f.made = D("2022-10-01");
    if (deadline) {
        f.deadline = D(deadline);
        f.has_deadline = 1;
    }
    return f;
}

static void occurred(hs_knowledge *k, const char *date)
{
    k->occurred = 1;
    k->occurred_on = D(date);
    k->occurred_record = 7;
}

static void not_occurred(hs_knowledge *k, const char *date)
{
    k->not_occurred = 1;
    k->not_as_of = D(date);
    k->not_record = 8;
}

static void annulled(hs_knowledge *k)
{
    k->annulled = 1;
    k->annulled_record = 9;
}

static hs_resolution run(hs_forecast f, hs_knowledge *k)
{
    return hs_resolve(&f, k, two_years);
}

static void clear(hs_knowledge k[2])
{
    memset(k, 0, 2 * sizeof(*k));
}

static void test_resolve_occurred(void)
{
    hs_knowledge k[2];
    hs_resolution r;

    clear(k);
    occurred(&k[0], "2024-03-01");             /* M <= E <= D */
    r = run(make("2024-12-31", 0), k);
    CHECK(r.status == HS_YES && r.evidence == 7);
    occurred(&k[0], "2024-12-31");             /* E == D counts */
    CHECK(run(make("2024-12-31", 0), k).status == HS_YES);
    occurred(&k[0], "2022-10-01");             /* E == M counts */
    CHECK(run(make("2024-12-31", 0), k).status == HS_YES);
    occurred(&k[0], "2025-01-01");             /* E > D */
    r = run(make("2024-12-31", 0), k);
    CHECK(r.status == HS_NO && r.evidence == 7);
    occurred(&k[0], "2022-09-30");             /* E < M */
    r = run(make("2024-12-31", 0), k);
    CHECK(r.status == HS_VOID && r.reason == HS_VOID_EVENT_BEFORE_STATEMENT);
}

static void test_resolve_not_occurred(void)
{
    hs_knowledge k[2];
    hs_resolution r;

    clear(k);
    not_occurred(&k[0], "2024-12-31");         /* A == D */
    r = run(make("2024-12-31", 0), k);
    CHECK(r.status == HS_NO && r.evidence == 8);
    not_occurred(&k[0], "2024-12-30");         /* A < D: not known yet */
    r = run(make("2024-12-31", 0), k);
    CHECK(r.status == HS_PENDING && r.evidence == HS_NONE);
}

static void test_resolve_pending_without_records(void)
{
    hs_knowledge k[2];

    clear(k);
    CHECK(run(make("2024-12-31", 0), k).status == HS_PENDING);
}

static void test_resolve_annulled(void)
{
    hs_knowledge k[2];
    hs_resolution r;

    clear(k);
    annulled(&k[0]);
    occurred(&k[0], "2024-01-01");             /* annulment wins */
    r = run(make("2024-12-31", 0), k);
    CHECK(r.status == HS_VOID && r.reason == HS_VOID_ANNULLED && r.evidence == 9);
}

static void test_resolve_default_horizon(void)
{
    hs_knowledge k[2];
    hs_resolution r;
    char buf[HS_DATE_TEXT_SIZE];

    clear(k);
    r = run(make(NULL, 0), k);
    hs_date_format(r.deadline, buf);
    CHECK_STR(buf, "2024-10-01");
    CHECK(r.deadline_stated == 0);
    not_occurred(&k[0], "2024-10-01");
    CHECK(run(make(NULL, 0), k).status == HS_NO);
    CHECK(run(make("2024-12-31", 0), k).status == HS_PENDING);
    CHECK(run(make("2024-12-31", 0), k).deadline_stated == 1);
}

static void test_resolve_condition(void)
{
    hs_knowledge k[2];
    hs_resolution r;

    /* condition met by D: resolve the question */
    clear(k);
    occurred(&k[1], "2023-06-01");
    occurred(&k[0], "2024-03-01");
    CHECK(run(make("2024-12-31", 1), k).status == HS_YES);
    /* condition unknown: pending even though the question resolved */
    clear(k);
    occurred(&k[0], "2024-03-01");
    CHECK(run(make("2024-12-31", 1), k).status == HS_PENDING);
    /* condition not occurred as of A >= D: void */
    clear(k);
    not_occurred(&k[1], "2025-01-01");
    occurred(&k[0], "2024-03-01");
    r = run(make("2024-12-31", 1), k);
    CHECK(r.status == HS_VOID && r.reason == HS_VOID_CONDITION_NOT_MET && r.evidence == 8);
    /* condition occurred only after D: void */
    clear(k);
    occurred(&k[1], "2025-02-01");
    r = run(make("2024-12-31", 1), k);
    CHECK(r.status == HS_VOID && r.reason == HS_VOID_CONDITION_NOT_MET && r.evidence == 7);
    /* condition not occurred as of A < D: still pending */
    clear(k);
    not_occurred(&k[1], "2024-06-01");
    CHECK(run(make("2024-12-31", 1), k).status == HS_PENDING);
    /* condition annulled: void */
    clear(k);
    annulled(&k[1]);
    r = run(make("2024-12-31", 1), k);
    CHECK(r.status == HS_VOID && r.reason == HS_VOID_ANNULLED);
}

static void test_knowledge_as_of(void)
{
    hs_dataset ds;
    hs_question q;
    hs_record rec[4];
    hs_knowledge k;

    hs_dataset_init(&ds);
    memset(&q, 0, sizeof(q));
    memset(rec, 0, sizeof(rec));
    ds.questions = &q;
    ds.n_questions = 1;
    ds.records = rec;
    ds.n_records = 4;
    rec[0].question = 0, rec[0].status = HS_REC_NOT_OCCURRED, rec[0].date = D("2023-01-01");
    rec[1].question = 0, rec[1].status = HS_REC_NOT_OCCURRED, rec[1].date = D("2024-01-01");
    rec[2].question = 0, rec[2].status = HS_REC_OCCURRED, rec[2].date = D("2024-06-01");
    rec[3].question = HS_NONE, rec[3].status = HS_REC_ANNULLED, rec[3].date = D("2020-01-01");

    hs_knowledge_compute(&ds, D("2023-06-01"), HS_REPLAY_HAPPENED, &k);
    CHECK(!k.occurred && k.not_occurred && k.not_as_of == D("2023-01-01") && k.not_record == 0);
    hs_knowledge_compute(&ds, D("2024-05-31"), HS_REPLAY_HAPPENED, &k);
    CHECK(!k.occurred && k.not_as_of == D("2024-01-01") && k.not_record == 1);
    hs_knowledge_compute(&ds, D("2024-06-01"), HS_REPLAY_HAPPENED, &k);    /* dated on T: known */
    CHECK(k.occurred && k.occurred_record == 2 && !k.annulled);
    hs_knowledge_compute(&ds, D("2022-01-01"), HS_REPLAY_HAPPENED, &k);
    CHECK(!k.occurred && !k.not_occurred && !k.annulled);
}

/* A dated question answered at three dates (yes, no, value 0.35) and
 * annulled at a fourth: each forecast resolves by its deadline's record
 * alone, a date without a record is pending, and the as-of date hides
 * later records. */
static void test_resolve_dated_three_dates(void)
{
    hs_record rec[4];
    size_t order[4] = {0, 1, 2, 3};
    hs_knowledge k[2];
    hs_forecast f = make("2024-03-31", 0);
    hs_resolution r;

    memset(rec, 0, sizeof(rec));
    rec[0].status = HS_REC_YES, rec[0].date = D("2024-03-31");
    rec[1].status = HS_REC_NO, rec[1].date = D("2024-06-30");
    rec[2].status = HS_REC_VALUE, rec[2].date = D("2024-09-30"), rec[2].value = P(0.35);
    rec[3].status = HS_REC_ANNULLED, rec[3].date = D("2024-12-31");
    clear(k);
    k[0].dated = 1;
    k[0].dated_records = order;
    k[0].n_dated_records = 4;
    k[0].records = rec;
    k[0].as_of = D("2025-06-01");
    r = run(f, k);
    CHECK(r.status == HS_YES && !r.graded && r.outcome == HS_PROB_ONE && r.evidence == 0);
    f = make("2024-06-30", 0);
    r = run(f, k);
    CHECK(r.status == HS_NO && !r.graded && r.outcome == 0 && r.evidence == 1);
    f = make("2024-09-30", 0);
    r = run(f, k);
    CHECK(r.graded && r.outcome == P(0.35) && r.status == HS_NO && r.evidence == 2);
    f = make("2024-12-31", 0);
    r = run(f, k);
    CHECK(r.status == HS_VOID && r.reason == HS_VOID_ANNULLED && r.evidence == 3);
    f = make("2024-05-01", 0);                 /* no record for that date */
    CHECK(run(f, k).status == HS_PENDING && run(f, k).evidence == HS_NONE);
    f = make("2025-03-31", 0);                 /* after every record */
    CHECK(run(f, k).status == HS_PENDING);
    k[0].as_of = D("2024-08-01");              /* September not yet known */
    f = make("2024-09-30", 0);
    CHECK(run(f, k).status == HS_PENDING);
    f = make("2024-06-30", 0);
    CHECK(run(f, k).status == HS_NO);
}

/* Brier and log score against an outcome between 0 and 1, by hand:
 * p = 0.25, o = 0.35: (0.25 - 0.35)^2 = 0.01 exactly;
 * -[0.35 ln 0.25 + 0.65 ln 0.75] = 0.485203 + 0.186993 = 0.672196(4). */
static void test_graded_scores(void)
{
    CHECK(hs_prob_sqerr_to(P(0.25), P(0.35)) == UINT64_C(10000000000000000));
    CHECK(hs_prob_sqerr_to(P(0.8), HS_PROB_ONE) == hs_prob_sqerr(P(0.8), 1));
    CHECK_NEAR(hs_log_score_graded(P(0.25), P(0.35)), 0.6721964, 1e-6);
    CHECK_NEAR(hs_log_score_graded(P(0.8), HS_PROB_ONE), hs_log_score(P(0.8), 1), 1e-15);
    CHECK_NEAR(hs_log_score_graded(P(0.8), 0), hs_log_score(P(0.8), 0), 1e-15);
    /* a perfect forecast of 0.5 costs the entropy of 0.5, ln 2 */
    CHECK_NEAR(hs_log_score_graded(P(0.5), P(0.5)), 0.6931472, 1e-6);
}

/*
 * One test per row of the precedence table in docs/resolution.md.  Each
 * sets up knowledge under which its row applies and every later row would
 * apply too, so the test fails if the order changes.  The forecast is made
 * 2022-10-01 with deadline 2024-12-31; question 0 is Q, question 1 is C.
 */
static void test_row_1_question_annulled(void)
{
    hs_knowledge k[2];
    hs_resolution r;

    clear(k);
    annulled(&k[0]);
    annulled(&k[1]);                           /* row 2 would apply too */
    k[1].annulled_record = 10;
    not_occurred(&k[1], "2025-01-01");         /* and row 3 */
    occurred(&k[0], "2022-01-01");             /* and row 5 */
    r = run(make("2024-12-31", 1), k);
    CHECK(r.status == HS_VOID && r.reason == HS_VOID_ANNULLED && r.evidence == 9);
    r = run(make("2024-12-31", 0), k);
    CHECK(r.status == HS_VOID && r.reason == HS_VOID_ANNULLED && r.evidence == 9);
}

static void test_row_2_condition_annulled(void)
{
    hs_knowledge k[2];
    hs_resolution r;

    clear(k);
    annulled(&k[1]);
    occurred(&k[1], "2025-02-01");             /* row 3 would apply too */
    occurred(&k[0], "2022-01-01");             /* and row 5 */
    r = run(make("2024-12-31", 1), k);
    CHECK(r.status == HS_VOID && r.reason == HS_VOID_ANNULLED && r.evidence == 9);
    /* the same knowledge without the condition: row 5 */
    r = run(make("2024-12-31", 0), k);
    CHECK(r.status == HS_VOID && r.reason == HS_VOID_EVENT_BEFORE_STATEMENT);
}

static void test_row_3_condition_not_met(void)
{
    hs_knowledge k[2];
    hs_resolution r;

    clear(k);
    not_occurred(&k[1], "2024-12-31");         /* A == D: settled */
    occurred(&k[0], "2022-01-01");             /* row 5 would apply too */
    r = run(make("2024-12-31", 1), k);
    CHECK(r.status == HS_VOID && r.reason == HS_VOID_CONDITION_NOT_MET && r.evidence == 8);
    clear(k);
    occurred(&k[1], "2025-01-01");             /* C one day after D */
    occurred(&k[0], "2024-06-01");             /* row 7 would apply too */
    k[0].occurred_record = 11;
    r = run(make("2024-12-31", 1), k);
    CHECK(r.status == HS_VOID && r.reason == HS_VOID_CONDITION_NOT_MET && r.evidence == 7);
    occurred(&k[1], "2024-12-31");             /* C on D: met */
    k[0].occurred_on = D("2025-01-02");
    CHECK(run(make("2024-12-31", 1), k).status == HS_NO);
}

static void test_row_4_condition_pending(void)
{
    hs_knowledge k[2];
    hs_resolution r;

    clear(k);
    not_occurred(&k[1], "2024-12-30");         /* A one day before D: open */
    occurred(&k[0], "2022-01-01");             /* row 5 would apply too */
    r = run(make("2024-12-31", 1), k);
    CHECK(r.status == HS_PENDING && r.reason == HS_VOID_NONE && r.evidence == HS_NONE);
    clear(k);
    not_occurred(&k[0], "2025-06-01");         /* row 9 would apply too */
    CHECK(run(make("2024-12-31", 1), k).status == HS_PENDING);
}

static void test_row_5_event_before_statement(void)
{
    hs_knowledge k[2];
    hs_resolution r;

    clear(k);
    occurred(&k[1], "2022-09-30");             /* C met before M */
    k[1].occurred_record = 12;
    occurred(&k[0], "2022-09-29");             /* before M, and before C: row 6 */
    r = run(make("2024-12-31", 1), k);
    CHECK(r.status == HS_VOID && r.reason == HS_VOID_EVENT_BEFORE_STATEMENT && r.evidence == 7);
    k[0].occurred_on = D("2022-10-01");        /* E == M, after C: row 7 */
    CHECK(run(make("2024-12-31", 1), k).status == HS_YES);
}

static void test_row_6_event_before_condition(void)
{
    hs_knowledge k[2];
    hs_resolution r;

    clear(k);
    occurred(&k[1], "2023-06-01");
    k[1].occurred_record = 12;
    occurred(&k[0], "2023-05-31");             /* after M, one day before C */
    r = run(make("2024-12-31", 1), k);
    CHECK(r.status == HS_VOID && r.reason == HS_VOID_EVENT_BEFORE_CONDITION && r.evidence == 7);
    CHECK_STR(hs_void_reason_name(r.reason), "event-before-condition");
    occurred(&k[0], "2023-06-01");             /* the same day as C counts */
    r = run(make("2024-12-31", 1), k);
    CHECK(r.status == HS_YES && r.evidence == 7);
    /* without the condition the same event is a hit */
    occurred(&k[0], "2023-05-31");
    CHECK(run(make("2024-12-31", 0), k).status == HS_YES);
}

static void test_row_7_yes(void)
{
    hs_knowledge k[2];
    hs_resolution r;

    clear(k);
    occurred(&k[0], "2024-12-31");             /* E == D */
    not_occurred(&k[0], "2024-12-31");         /* row 9 would apply too */
    r = run(make("2024-12-31", 0), k);
    CHECK(r.status == HS_YES && r.reason == HS_VOID_NONE && r.evidence == 7);
}

static void test_row_8_no_late(void)
{
    hs_knowledge k[2];
    hs_resolution r;

    clear(k);
    occurred(&k[0], "2025-01-01");             /* one day late */
    r = run(make("2024-12-31", 0), k);
    CHECK(r.status == HS_NO && r.evidence == 7);
}

static void test_row_9_no_not_occurred(void)
{
    hs_knowledge k[2];
    hs_resolution r;

    clear(k);
    not_occurred(&k[0], "2024-12-31");
    r = run(make("2024-12-31", 0), k);
    CHECK(r.status == HS_NO && r.evidence == 8);
    occurred(&k[1], "2023-01-01");             /* with a met condition too */
    r = run(make("2024-12-31", 1), k);
    CHECK(r.status == HS_NO && r.evidence == 8);
}

static void test_row_10_pending(void)
{
    hs_knowledge k[2];
    hs_resolution r;

    clear(k);
    not_occurred(&k[0], "2024-12-30");
    r = run(make("2024-12-31", 0), k);
    CHECK(r.status == HS_PENDING && r.evidence == HS_NONE && r.reason == HS_VOID_NONE);
    occurred(&k[1], "2023-01-01");
    CHECK(run(make("2024-12-31", 1), k).status == HS_PENDING);
}

static void test_forecast_exists(void)
{
    hs_forecast f = make("2024-12-31", 0);

    CHECK(hs_forecast_exists(&f, D("2022-10-01")));   /* made on T exists */
    CHECK(hs_forecast_exists(&f, D("2030-01-01")));
    CHECK(!hs_forecast_exists(&f, D("2022-09-30")));
}

static void test_record_counts(void)
{
    hs_record r;

    memset(&r, 0, sizeof(r));
    r.question = 0;
    r.date = D("2024-06-01");
    r.recorded = D("2024-09-15");
    CHECK(!hs_record_counts(&r, D("2024-05-31"), HS_REPLAY_HAPPENED));
    CHECK(hs_record_counts(&r, D("2024-06-01"), HS_REPLAY_HAPPENED));
    CHECK(hs_record_counts(&r, D("2024-07-01"), HS_REPLAY_HAPPENED));
    CHECK(!hs_record_counts(&r, D("2024-07-01"), HS_REPLAY_KNOWN));
    CHECK(!hs_record_counts(&r, D("2024-09-14"), HS_REPLAY_KNOWN));
    CHECK(hs_record_counts(&r, D("2024-09-15"), HS_REPLAY_KNOWN));
    r.question = HS_NONE;
    CHECK(!hs_record_counts(&r, D("2030-01-01"), HS_REPLAY_HAPPENED));
}

static void test_knowledge_known(void)
{
    hs_dataset ds;
    hs_question q;
    hs_record rec[2];
    hs_knowledge k;

    hs_dataset_init(&ds);
    memset(&q, 0, sizeof(q));
    memset(rec, 0, sizeof(rec));
    ds.questions = &q;
    ds.n_questions = 1;
    ds.records = rec;
    ds.n_records = 2;
    rec[0].question = 0, rec[0].status = HS_REC_NOT_OCCURRED;
    rec[0].date = D("2024-01-01"), rec[0].recorded = D("2024-01-02");
    rec[1].question = 0, rec[1].status = HS_REC_OCCURRED;
    rec[1].date = D("2024-06-01"), rec[1].recorded = D("2024-09-15");
    hs_knowledge_compute(&ds, D("2024-07-01"), HS_REPLAY_HAPPENED, &k);
    CHECK(k.occurred && k.occurred_record == 1);
    hs_knowledge_compute(&ds, D("2024-07-01"), HS_REPLAY_KNOWN, &k);
    CHECK(!k.occurred && k.not_occurred && k.not_record == 0);
    hs_knowledge_compute(&ds, D("2024-01-01"), HS_REPLAY_KNOWN, &k);
    CHECK(!k.occurred && !k.not_occurred);
    hs_knowledge_compute(&ds, D("2024-09-15"), HS_REPLAY_KNOWN, &k);
    CHECK(k.occurred && k.occurred_record == 1);
}

static void test_replay_names(void)
{
    enum hs_replay r = HS_REPLAY_HAPPENED;

    CHECK(hs_replay_parse("known", &r) == 0 && r == HS_REPLAY_KNOWN);
    CHECK(hs_replay_parse("happened", &r) == 0 && r == HS_REPLAY_HAPPENED);
    CHECK(hs_replay_parse("recorded", &r) < 0 && r == HS_REPLAY_HAPPENED);
    CHECK_STR(hs_replay_name(HS_REPLAY_KNOWN), "known");
    CHECK_STR(hs_replay_name(HS_REPLAY_HAPPENED), "happened");
}

TEST_TABLE(resolve_tests) = {
    {"resolve_row_1_question_annulled", test_row_1_question_annulled},
    {"resolve_row_2_condition_annulled", test_row_2_condition_annulled},
    {"resolve_row_3_condition_not_met", test_row_3_condition_not_met},
    {"resolve_row_4_condition_pending", test_row_4_condition_pending},
    {"resolve_row_5_event_before_statement", test_row_5_event_before_statement},
    {"resolve_row_6_event_before_condition", test_row_6_event_before_condition},
    {"resolve_row_7_yes", test_row_7_yes},
    {"resolve_row_8_no_late", test_row_8_no_late},
    {"resolve_row_9_no_not_occurred", test_row_9_no_not_occurred},
    {"resolve_row_10_pending", test_row_10_pending},
    {"forecast_exists", test_forecast_exists},
    {"record_counts", test_record_counts},
    {"knowledge_known", test_knowledge_known},
    {"replay_names", test_replay_names},
    {"resolve_dated_three_dates", test_resolve_dated_three_dates},
    {"graded_scores", test_graded_scores},
    {"resolve_occurred", test_resolve_occurred},
    {"resolve_not_occurred", test_resolve_not_occurred},
    {"resolve_pending_without_records", test_resolve_pending_without_records},
    {"resolve_annulled", test_resolve_annulled},
    {"resolve_default_horizon", test_resolve_default_horizon},
    {"resolve_condition", test_resolve_condition},
    {"knowledge_as_of", test_knowledge_as_of},
    {NULL, NULL},
};
