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

TEST_TABLE(resolve_tests) = {
    {"resolve_occurred", test_resolve_occurred},
    {"resolve_not_occurred", test_resolve_not_occurred},
    {"resolve_pending_without_records", test_resolve_pending_without_records},
    {"resolve_annulled", test_resolve_annulled},
    {"resolve_default_horizon", test_resolve_default_horizon},
    {"resolve_condition", test_resolve_condition},
    {"knowledge_as_of", test_knowledge_as_of},
    {NULL, NULL},
};
