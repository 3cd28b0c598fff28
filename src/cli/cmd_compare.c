/* cmd_compare.c - `hindsight compare A B`: two forecasters head to head. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "report.h"

const char cmd_compare_usage[] =
    "usage: hindsight [--data DIR] compare [--by KEY] A B [options]\n"
    "\n"
    "Compare two forecasters (or organizations with --by organization) on the\n"
    "questions both have scored forecasts on: each side's mean Brier per\n"
    "question, their means over those questions, and the difference A - B with\n"
    "a 95% interval from a paired bootstrap over questions.  Below 0 means A\n"
    "was more accurate.\n"
    "\n"
    "Options:\n"
    "  --by KEY             forecaster (default), organization or source\n"
    "  --bootstrap N        replicates for the interval (default 2000; 0 = none)\n"
    "  --seed S             bootstrap seed (default 1)\n"
    CLI_HELP_AS_OF_REPLAY
    "  --horizon SPAN       deadline for forecasts that state none (default 2y)\n"
    "  --lexicon NAME|PATH  hedge table (default: default)\n"
    "  --format FORMAT      table (default), csv or json\n"
    "  --data DIR           data directory (default .)\n"
    "\n"
    "Exit status: 0 success, 1 data errors or an unknown name, 2 usage error.\n";

static int fill_table(hs_table *t, const hs_comparison *c)
{
    static const char *const names[] = {"question", "a_brier", "b_brier", "difference",
                                        "difference_low", "difference_high"};
    size_t i;

    for (i = 0; i < 6; i++)
        hs_table_column(t, names[i], i ? 4 : 0);
    for (i = 0; i < c->n; i++) {
        hs_table_row(t);
        hs_table_text(t, 0, c->rows[i].question);
        hs_table_real(t, 1, c->rows[i].a);
        hs_table_real(t, 2, c->rows[i].b);
        hs_table_real(t, 3, c->rows[i].a - c->rows[i].b);
    }
    if (c->n) {
        hs_table_row(t);
        hs_table_text(t, 0, "ALL");
        hs_table_real(t, 1, c->mean_a);
        hs_table_real(t, 2, c->mean_b);
        hs_table_real(t, 3, c->diff);
        hs_table_real(t, 4, c->ci_state == HS_CI_OK ? c->diff_low : NAN);
        hs_table_real(t, 5, c->ci_state == HS_CI_OK ? c->diff_high : NAN);
    }
    return t->oom ? -1 : 0;
}

int cmd_compare(int argc, char **argv, cli_options *opt)
{
    const hs_run *run;
    cli_session s;
    hs_comparison c;
    hs_table t;
    const char *a, *b;
    char *own_a = NULL, *own_b = NULL;
    int status;
    int first = cli_begin(argc, argv, "compare",
                          "as-of replay horizon format lexicon by bootstrap seed", 2, 2, opt);

    if (first < 0)
        return -1 - first;
    if (opt->by == HS_BY_QUESTION || opt->by == HS_BY_QUESTION_DATE)
        return cli_usage_error(cli_find_command("compare"),
                               "--by %s compares nothing; use forecaster, organization or source",
                               hs_group_key_name(opt->by));
    /* names are compared in their normal form (names.h) */
    a = own_a = hs_name_normal(argv[first]);
    b = own_b = hs_name_normal(argv[first + 1]);
    memset(&c, 0, sizeof(c));
    hs_table_init(&t);
    cli_session_init(&s);
    status = EXIT_DATA;
    if (!a || !b) {
        fprintf(stderr, "hindsight: out of memory\n");
        goto cleanup;
    }
    if ((status = cli_session_open(&s, opt)) != EXIT_OK)
        goto cleanup;
    status = EXIT_DATA;
    run = &s.run;
    if ((status = cli_resolve_name(&s, opt, &a)) != EXIT_OK ||
        (status = cli_resolve_name(&s, opt, &b)) != EXIT_OK)
        goto cleanup;
    status = EXIT_DATA;
    if (hs_compare(&c, run, opt->by, a, b, &opt->groups) < 0 || fill_table(&t, &c) < 0) {
        fprintf(stderr, "hindsight: out of memory\n");
        goto cleanup;
    }
    if (opt->format != FORMAT_TABLE) {
        status = cli_write_table(&t, opt->format);
        goto cleanup;
    }
    report_preamble(stdout, run, opt, NULL);
    /* a group without a name reads as in the text tables */
    printf("A = %s (%zu forecast%s), B = %s (%zu forecast%s)\n", a[0] ? cli_esc(a) : HS_TEXT_NO_NAME,
           c.a_forecasts, c.a_forecasts == 1 ? "" : "s", b[0] ? cli_esc(b) : HS_TEXT_NO_NAME,
           c.b_forecasts, c.b_forecasts == 1 ? "" : "s");
    if (c.n == 0) {
        printf("no question has scored forecasts from both, so there is nothing to compare yet\n");
        status = EXIT_OK;
        goto cleanup;
    }
    putchar('\n');
    status = cli_write_table(&t, opt->format);
    printf("\non %zu question%s both scored: A %.4f, B %.4f, A - B = %+.4f", c.n,
           c.n == 1 ? "" : "s", c.mean_a, c.mean_b, c.diff);
    if (c.ci_state == HS_CI_OK)
        printf(" (%.0f%% interval %+.4f to %+.4f, %zu replicates, seed %lu)",
               opt->groups.level * 100, c.diff_low, c.diff_high, opt->groups.bootstrap,
               opt->groups.seed);
    else if (c.ci_state == HS_CI_FEW_QUESTIONS)
        printf(" (no interval: fewer than 2 questions)");
    printf("\n%s\n", c.diff < 0 ? "below 0: A was more accurate on these questions"
                     : c.diff > 0 ? "above 0: B was more accurate on these questions"
                                  : "A and B scored the same on these questions");
cleanup:
    hs_table_release(&t);
    hs_comparison_release(&c);
    cli_session_close(&s);
    hs_free(own_a);
    hs_free(own_b);
    return status;
}
