/*
 * site.c - the static HTML report: index with leaderboards, a page per
 * forecaster, organization and question, calibration and sensitivity.
 * See site.h for the promises.  Every datum goes through hs_html_text()
 * (text and attribute values) or, for links to sources, hs_html_url_ok()
 * first; everything else written here is fixed markup and numbers.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hindsight/hindsight.h"
#include "hindsight/alloc.h"
#include "hindsight/analysis.h"
#include "hindsight/atomicfile.h"
#include "hindsight/html.h"
#include "hindsight/site.h"
#include "hindsight/stats.h"

#define VERSION_TEXT HS_VERSION

typedef char page_name[HS_HTML_NAME_SIZE];

/* The forecasts of each group of an hs_groups (by index into its items),
 * in run order: groups keep counts only (aggregate.h), the site lists
 * every forecast, so it walks the run once (hs_group_each). */
typedef struct site_members {
    size_t **list, *n, *alloc;
} site_members;

typedef struct members_ctx {
    site_members *m;
    const hs_strmap *index;
    size_t i;
} members_ctx;

static int add_member(void *p, const char *name)
{
    members_ctx *c = p;
    size_t g;

    if (!hs_strmap_get(c->index, name, &g))
        return 0;
    if (hs_grow((void **)&c->m->list[g], &c->m->alloc[g], c->m->n[g] + 1, sizeof(size_t)) < 0)
        return -1;
    c->m->list[g][c->m->n[g]++] = c->i;
    return 0;
}

/* Fill m for g.  Returns 0 or -1 (out of memory). */
static int members_compute(site_members *m, const hs_groups *g, const hs_run *run)
{
    hs_strmap index;
    members_ctx c;
    size_t i;
    int ret = -1;

    hs_strmap_init(&index);
    m->list = hs_calloc(g->n + 1, sizeof(*m->list));
    m->n = hs_calloc(g->n + 1, sizeof(*m->n));
    m->alloc = hs_calloc(g->n + 1, sizeof(*m->alloc));
    if (!m->list || !m->n || !m->alloc)
        goto cleanup;
    for (i = 0; i < g->n; i++)
        if (hs_strmap_put(&index, g->items[i].name, i, NULL) < 0)
            goto cleanup;
    c.m = m;
    c.index = &index;
    for (i = 0; i < run->n; i++) {
        c.i = i;
        if (hs_group_each(run, i, g->key, add_member, &c) != 0)
            goto cleanup;
    }
    ret = 0;
cleanup:
    hs_strmap_release(&index);
    return ret;
}

static void members_release(site_members *m, size_t n)
{
    size_t i;

    for (i = 0; m->list && i < n; i++)
        hs_free(m->list[i]);
    hs_free(m->list);
    hs_free(m->n);
    hs_free(m->alloc);
    memset(m, 0, sizeof(*m));
}

/* The pages of a list: page k holds its rows start[k] .. start[k + 1]
 * (start has n + 1 entries; an empty list still has one page). */
typedef struct paging {
    size_t *start;
    size_t n;
} paging;

/* Everything the pages are drawn from, computed once. */
typedef struct site {
    const hs_run *run;
    const hs_dataset *ds;
    const hs_site_options *opt;
    const char *dir;
    hs_site_stats *stats;
    hs_diags *diags;
    hs_groups fc, org, q;            /* by forecaster, organization, question */
    site_members fc_m, org_m, q_m;        /* their forecasts (groups hold no lists) */
    hs_strmap fc_index, org_index;   /* group name -> index in fc / org */
    page_name *fc_page, *org_page;   /* one per group */
    page_name *q_page;               /* one per question of ds */
    hs_strmap used;                  /* page names taken, for collisions */
    size_t *rec_order, *rec_start;   /* records of question k, date order:
                                        rec_order[rec_start[k] .. rec_start[k + 1]) */
    hs_knowledge *know;
    hs_calibration calib;
    hs_sensitivity sens[2];          /* by forecaster, by organization */
    size_t rows;                     /* rows per page of a long list */
    paging *fc_pg;                   /* the pages of each forecaster's list */
    size_t *fc_where;                /* forecast i is on page fc_where[i] of its
                                        forecaster's list (HS_NONE: none) */
    size_t lex_cost;                 /* bytes of the hedge tables' names */
    char as_of[HS_DATE_TEXT_SIZE], horizon[24];
    size_t n_status[4], n_stated, n_by_curator, n_fell_back;
} site;

/* ---- writing pages ---- */

static void put(FILE *fp, const char *s)
{
    fputs(s, fp);
}

static void putf(FILE *fp, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(FILE *fp, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfprintf(fp, fmt, ap);
    va_end(ap);
}

/* A datum, escaped. */
static void esc(FILE *fp, const char *s)
{
    hs_html_text(fp, s);
}

/* A datum that may run right to left, isolated so it cannot reorder the
 * text around it (Unicode bidirectional algorithm, HTML <bdi>). */
/* A name, isolated from the text around it; an empty one (a data set
 * without organizations, docs/formats.md) reads "(none)". */
static void bdi(FILE *fp, const char *s)
{
    put(fp, "<bdi>");
    esc(fp, s && s[0] ? s : "(none)");
    put(fp, "</bdi>");
}

static const char *num(double v, int decimals, char buf[64])
{
    return hs_html_num(v, decimals, buf);
}

/* A number cell the tests can find: <td class="num" data-k="KEY">. */
static void num_cell(FILE *fp, const char *key, double v, int decimals)
{
    char b[64];

    putf(fp, "<td class=\"num\" data-k=\"%s\">%s</td>", key, num(v, decimals, b));
}

static void count_cell(FILE *fp, const char *key, size_t v)
{
    putf(fp, "<td class=\"num\" data-k=\"%s\">%zu</td>", key, v);
}

static const char css[] =
    ":root{--ink:#1b1b1b;--muted:#4a4a4a;--line:#c8c8c8;--bg:#fff;--band:#f3f5f8;"
    "--link:#0b57a4;--dot:#0b3d91;--bar:#8fb0dd;--coin:#a8322d;--yes:#176b35;--no:#a3231b;"
    "--pend:#6b5300;--void:#555}\n"
    "*{box-sizing:border-box}\n"
    "html{font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",sans-serif;"
    "color:var(--ink);background:var(--bg);-webkit-text-size-adjust:100%}\n"
    "body{margin:0 auto;max-width:72rem;padding:0 1rem 2rem}\n"
    "a{color:var(--link)}a:focus-visible{outline:3px solid #f0a500;outline-offset:2px}\n"
    ".skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;padding:.25rem .5rem}\n"
    "header{border-bottom:2px solid var(--ink);margin-bottom:1rem}\n"
    "header nav ul{list-style:none;margin:0;padding:.5rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}\n"
    "header .brand{font-weight:700;text-decoration:none;color:var(--ink)}\n"
    "nav a[aria-current]{font-weight:700;text-decoration:none;color:var(--ink)}\n"
    "h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 .75rem}h2{font-size:1.3rem;margin:2rem 0 .5rem}\n"
    "p,dl{max-width:48rem}.lede{font-size:1.1rem;color:var(--muted)}\n"
    "dl.settings{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}\n"
    "dl.settings dt{font-weight:600}dl.settings dd{margin:0}\n"
    ".wrap{overflow-x:auto;margin:0 0 1rem}\n"
    "table{border-collapse:collapse;width:100%;font-size:.95rem}\n"
    "caption{text-align:left;font-weight:600;padding:.25rem 0;caption-side:top}\n"
    "th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}\n"
    "thead th{border-bottom:2px solid var(--ink);font-size:.85rem;vertical-align:bottom}\n"
    "tbody tr:nth-child(even){background:var(--band)}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "td.chart{padding-top:.3rem;padding-bottom:0;min-width:10rem}\n"
    "svg.ci,svg.axis{display:block;width:100%;max-width:16rem;height:auto}\n"
    ".dot{fill:var(--dot)}.bar{fill:var(--bar)}.coin{stroke:var(--coin);stroke-width:1.5;stroke-dasharray:3 2}\n"
    ".grid{stroke:var(--line);stroke-width:1}.tick{font-size:10px;fill:var(--muted)}\n"
    ".small{display:inline-block;font-size:.75rem;font-weight:600;border:1px solid var(--muted);"
    "border-radius:.25rem;padding:0 .3rem;margin-left:.3rem;color:var(--muted);white-space:nowrap}\n"
    "th.stmt{font-weight:400}.stmt q{font-weight:600}.nowrap{white-space:nowrap}\n"
    "q{quotes:\"\\201C\" \"\\201D\"}.stmt q{font-style:italic}.src,.sub{display:block;font-size:.85rem;color:var(--muted)}\n"
    ".fid{font-size:.75rem;color:var(--muted);font-weight:400}\n"
    ".st{font-weight:700}.st-yes{color:var(--yes)}.st-no{color:var(--no)}.st-pending{color:var(--pend)}.st-void{color:var(--void)}\n"
    ".tag{font-size:.8rem;color:var(--muted)}\n"
    ".pager{display:flex;gap:1rem;flex-wrap:wrap;margin:.5rem 0}\n"
    ".figs{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.5rem;max-width:none}\n"
    ".figs div{border:1px solid var(--line);border-radius:.3rem;padding:.4rem .6rem}\n"
    ".figs dt{font-size:.8rem;color:var(--muted)}.figs dd{margin:0;font-size:1.25rem;font-weight:600;font-variant-numeric:tabular-nums}\n"
    "svg.rel{width:100%;max-width:28rem;height:auto;display:block}figure{margin:0 0 1rem}\n"
    "figcaption{font-size:.9rem;color:var(--muted);max-width:48rem}\n"
    "table.sens{font-size:.85rem}table.sens th[scope=row]{min-width:11rem}\n"
    "table.records th[scope=row],table.records td:nth-child(5){white-space:nowrap}\n"
    ".pt{fill:var(--dot);fill-opacity:.8}.wil{stroke:var(--dot);stroke-width:1.5}.diag{stroke:var(--muted);stroke-dasharray:4 3}\n"
    ".axisline{stroke:var(--ink)}.lbl{font-size:12px;fill:var(--ink)}\n"
    ".up{color:var(--yes)}.down{color:var(--no)}\n"
    "footer{margin-top:2rem;border-top:1px solid var(--line);font-size:.85rem;color:var(--muted)}\n"
    "@media (max-width:40rem){html{font-size:15px}body{padding:0 .6rem 1rem}h1{font-size:1.4rem}"
    "table.stack,table.stack tbody,table.stack tr,table.stack td,table.stack th{display:block;width:100%}"
    "table.stack thead{position:absolute;left:-9999px}table.stack tr{border-bottom:2px solid var(--ink);padding:.3rem 0}"
    "table.stack td,table.stack th{border:0;padding:.15rem .2rem;text-align:left}"
    "table.stack td[data-label]::before{content:attr(data-label) \": \";font-weight:600;color:var(--muted)}"
    "table.stack td.chart{max-width:16rem}table.stack caption{display:block}"
    "table.stack td.num{display:inline-block;width:auto;margin-right:.9rem}"
    ".figs{grid-template-columns:repeat(3,1fr);gap:.3rem}.figs div{padding:.2rem .4rem}"
    ".figs dd{font-size:1rem}.figs dt{font-size:.72rem}}\n"
    "@media print{header nav,.skip,.pager{display:none}body{max-width:none;padding:0}"
    "a{color:inherit}tbody tr:nth-child(even){background:none}tr{break-inside:avoid}"
    "html{font-size:11pt}.dot{fill:#000}.bar{fill:#999}}\n";

/* Open DIR/NAME.html and write the page head.  current marks the section
 * in the navigation (0 none, 1 leaderboards, 2 forecasters, 3
 * organizations, 4 calibration, 5 sensitivity).  title is a datum. */
static FILE *page_open(site *s, const char *name, const char *title_prefix, const char *title,
                       int current)
{
    static const char *const nav[][2] = {{"index.html", "Leaderboards"},
                                         {"forecasters.html", "All forecasters"},
                                         {"organizations.html", "All organizations"},
                                         {"calibration.html", "Calibration"},
                                         {"sensitivity.html", "Sensitivity"}};
    char path[4096];
    FILE *fp;
    size_t i;
    int fd;

    if ((size_t)snprintf(path, sizeof(path), "%s/%s.html", s->dir, name) >= sizeof(path)) {
        hs_diags_add(s->diags, HS_SEV_ERROR, s->dir, 0, 0, "path too long");
        return NULL;
    }
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 || !(fp = fdopen(fd, "w"))) {
        hs_diags_add(s->diags, HS_SEV_ERROR, path, 0, 0, "cannot create: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    put(fp, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n"
            "<meta name=\"generator\" content=\"hindsight " VERSION_TEXT "\">\n<title>");
    if (title_prefix)
        put(fp, title_prefix);
    esc(fp, title[0] || title_prefix ? title : "(none)");
    putf(fp, " \xe2\x80\x94 hindsight report as of %s</title>\n<style>\n%s</style>\n</head>\n<body>\n",
         s->as_of, css);
    put(fp, "<a class=\"skip\" href=\"#main\">Skip to the content</a>\n<header>\n"
            "<nav aria-label=\"Report sections\"><ul>\n"
            "<li><a class=\"brand\" href=\"index.html\">hindsight</a></li>\n");
    for (i = 0; i < sizeof(nav) / sizeof(nav[0]); i++)
        putf(fp, "<li><a href=\"%s\"%s>%s</a></li>\n", nav[i][0],
             (int)i + 1 == current ? " aria-current=\"page\"" : "", nav[i][1]);
    put(fp, "</ul></nav>\n</header>\n<main id=\"main\">\n");
    return fp;
}

/* Write the footer, flush and close (hs_site_write syncs them all at once).  Returns 0 or -1 (diags). */
static int page_close(site *s, FILE *fp, const char *name)
{
    long size;
    int rc = 0;

    putf(fp, "</main>\n<footer>\n<p>Made by hindsight " VERSION_TEXT " from %zu forecasts, "
             "as of %s. Brier score: (p &minus; o)&sup2;, 0 perfect, 0.25 a coin flip, 1 always "
             "wrong. No scripts, no requests to other sites.</p>\n</footer>\n</body>\n</html>\n",
         s->run->n, s->as_of);
    if (fflush(fp) != 0 || ferror(fp))
        rc = -1;
    size = ftell(fp);
    if (fclose(fp) != 0)
        rc = -1;
    if (rc < 0) {
        hs_diags_add(s->diags, HS_SEV_ERROR, s->dir, 0, 0, "cannot write '%s.html': %s", name,
                     strerror(errno));
        return -1;
    }
    if (s->stats) {
        s->stats->pages++;
        s->stats->bytes += (unsigned long long)size;
        if ((unsigned long long)size > s->stats->largest)
            s->stats->largest = (unsigned long long)size;
    }
    return 0;
}

/* NAME.html, or NAME-pK.html for page k > 0 of a list. */
static void page_file(char *out, size_t size, const char *base, size_t k)
{
    if (k)
        snprintf(out, size, "%s-p%zu", base, k + 1);
    else
        snprintf(out, size, "%s", base);
}

/* ---- pages of long lists ---- */

static void paging_release(paging *pg)
{
    hs_free(pg->start);
    pg->start = NULL;
    pg->n = 0;
}

/* An upper bound of the bytes row r of a list takes on its page. */
typedef size_t (*row_cost)(const site *s, const void *ctx, size_t r);

/* What every page takes besides its rows: head and CSS, navigation,
 * footer, two pagers (at most 12 links each) and the page's name twice
 * (title and heading). */
static size_t page_cost(const char *name)
{
    return sizeof(css) + 4096 + 2 * 12 * (HS_HTML_NAME_SIZE + 48) + 2 * hs_html_text_len(name);
}

/* Cut n_rows rows into pages of at most max_rows rows, each ending before
 * its next row would take it past budget bytes (at least one row a page).
 * Page 0 has first bytes of its own besides its rows, the others rest.
 * Returns 0 or -1 (out of memory). */
static int split(const site *s, size_t n_rows, size_t max_rows, size_t first, size_t rest,
                 size_t budget, row_cost cost, const void *ctx, paging *pg)
{
    size_t r, alloc = 0, rows = 0, used = first;

    pg->n = 0;
    pg->start = NULL;
    if (hs_grow((void **)&pg->start, &alloc, 2, sizeof(size_t)) < 0)
        return -1;
    pg->start[0] = 0;
    for (r = 0; r < n_rows; r++) {
        size_t c = cost(s, ctx, r);

        if (rows > 0 && (rows == max_rows || used + c > budget)) {
            if (hs_grow((void **)&pg->start, &alloc, pg->n + 3, sizeof(size_t)) < 0)
                return -1;
            pg->start[++pg->n] = r;
            rows = 0;
            used = rest;
        }
        rows++;
        used += c;
    }
    pg->start[++pg->n] = n_rows;
    return 0;
}

/* How many of the first n_rows rows (at most max_rows) fit in budget
 * bytes; at least one. */
static size_t rows_fitting(const site *s, size_t n_rows, size_t max_rows, size_t budget,
                           row_cost cost, const void *ctx)
{
    size_t r, used = 0;

    for (r = 0; r < n_rows && r < max_rows; r++) {
        size_t c = cost(s, ctx, r);

        if (r > 0 && used + c > budget)
            break;
        used += c;
    }
    return r;
}

/* Links between the pages of a list: previous, next, the first and the
 * last and the three either side of this one (every page is reachable
 * from every other), and which rows this page holds. */
static void pager(FILE *fp, const char *base, size_t k, const paging *pg)
{
    char f[HS_HTML_NAME_SIZE + 16];
    size_t j, last = HS_NONE;

    if (pg->n <= 1)
        return;
    put(fp, "<nav class=\"pager\" aria-label=\"Pages of this list\">");
    if (k > 0) {
        page_file(f, sizeof(f), base, k - 1);
        putf(fp, "<a href=\"%s.html\" rel=\"prev\">&larr; Previous</a>", f);
    }
    putf(fp, "<span>Page %zu of %zu (rows %zu to %zu of %zu)</span><span>", k + 1, pg->n,
         pg->start[k] + 1, pg->start[k + 1], pg->start[pg->n]);
    for (j = 0; j < pg->n; j++) {
        if (j != 0 && j + 1 != pg->n && (j + 3 < k || j > k + 3))
            continue;
        if (last != HS_NONE)
            put(fp, j > last + 1 ? " &hellip; " : " ");
        if (j == k) {
            putf(fp, "<strong aria-current=\"page\">%zu</strong>", j + 1);
        } else {
            page_file(f, sizeof(f), base, j);
            putf(fp, "<a href=\"%s.html\">%zu</a>", f, j + 1);
        }
        last = j;
    }
    put(fp, "</span>");
    if (k + 1 < pg->n) {
        page_file(f, sizeof(f), base, k + 1);
        putf(fp, "<a href=\"%s.html\" rel=\"next\">Next &rarr;</a>", f);
    }
    put(fp, "</nav>\n");
}

/* ---- pieces ---- */

/* x position of a Brier score on the shared 0-1 scale of the interval charts. */
static double bx(double b)
{
    return 6 + b * 188;
}

/* The axis above the chart column: ticks at 0, 0.25 (coin flip), 0.5,
 * 0.75 and 1. */
static void chart_axis(FILE *fp)
{
    static const char *const ticks[] = {"0", ".25", ".5", ".75", "1"};
    char b[64];
    int i;

    put(fp, "<svg class=\"axis\" viewBox=\"0 0 200 16\" width=\"200\" height=\"16\" "
            "aria-hidden=\"true\" focusable=\"false\">");
    for (i = 0; i < 5; i++)
        putf(fp, "<text class=\"tick\" x=\"%s\" y=\"12\" text-anchor=\"%s\">%s</text>",
             num(bx(i * 0.25), 1, b), i == 0 ? "start" : i == 4 ? "end" : "middle", ticks[i]);
    put(fp, "</svg>");
}

/* The mean as a dot and its interval as a bar on the shared scale. */
static void chart(FILE *fp, const hs_group *g)
{
    char b1[64], b2[64], b3[64];
    int i;

    put(fp, "<td class=\"chart\" data-label=\"Mean and 95% interval on 0-1\">");
    put(fp, "<svg class=\"ci\" viewBox=\"0 0 200 18\" width=\"200\" height=\"18\" role=\"img\" ");
    if (isnan(g->brier))
        put(fp, "aria-label=\"not scored\">");
    else if (g->ci_state == HS_CI_OK)
        putf(fp, "aria-label=\"mean Brier %s, 95%% interval %s to %s\">",
             num(g->brier, 4, b1), num(g->ci_low, 4, b2), num(g->ci_high, 4, b3));
    else
        putf(fp, "aria-label=\"mean Brier %s, no interval\">", num(g->brier, 4, b1));
    for (i = 0; i <= 4; i++)
        putf(fp, "<line class=\"%s\" x1=\"%s\" x2=\"%s\" y1=\"1\" y2=\"17\"/>",
             i == 1 ? "coin" : "grid", num(bx(i * 0.25), 1, b1), num(bx(i * 0.25), 1, b2));
    if (!isnan(g->brier)) {
        if (g->ci_state == HS_CI_OK)
            putf(fp, "<rect class=\"bar\" x=\"%s\" y=\"6\" width=\"%s\" height=\"6\" rx=\"2\"/>",
                 num(bx(g->ci_low), 1, b1),
                 num(bx(g->ci_high) - bx(g->ci_low) < 1 ? 1 : bx(g->ci_high) - bx(g->ci_low), 1, b2));
        putf(fp, "<circle class=\"dot\" cx=\"%s\" cy=\"9\" r=\"4.5\"/>", num(bx(g->brier), 1, b1));
    }
    put(fp, "</svg></td>");
}

static int is_scored(const hs_scored *sc)
{
    return sc->res.status == HS_YES || sc->res.status == HS_NO;
}

/* One leaderboard: rows [from, to) of g. */
static void board(FILE *fp, const hs_groups *g, page_name *pages, size_t from, size_t to,
                  const char *key_label, const char *caption)
{
    size_t i;

    putf(fp, "<div class=\"wrap\"><table class=\"board stack\" data-board=\"%s\">\n<caption>%s</caption>\n",
         hs_group_key_name(g->key), caption);
    putf(fp, "<thead><tr><th scope=\"col\" class=\"num\">Rank</th><th scope=\"col\">%s</th>"
             "<th scope=\"col\">Mean Brier &bull; and 95&nbsp;%% interval &#9644; "
             "(0 perfect, dashed line: coin flip)", key_label);
    chart_axis(fp);
    put(fp, "</th><th scope=\"col\" class=\"num\">Mean Brier</th>"
            "<th scope=\"col\" class=\"num\">95&nbsp;% interval</th>"
            "<th scope=\"col\" class=\"num\">Scored</th><th scope=\"col\" class=\"num\">Pending</th>"
            "<th scope=\"col\" class=\"num\">Void</th><th scope=\"col\" class=\"num\">Skill</th></tr></thead>\n<tbody>\n");
    for (i = from; i < to; i++) {
        const hs_group *gr = &g->items[i];
        char b1[64], b2[64];

        put(fp, "<tr>");
        if (gr->rank)
            putf(fp, "<td class=\"num\" data-k=\"rank\" data-label=\"Rank\">%zu</td>", gr->rank);
        else
            put(fp, "<td class=\"num\" data-k=\"rank\" data-label=\"Rank\">\xe2\x80\x93</td>");
        putf(fp, "<th scope=\"row\" data-k=\"name\"><a href=\"%s.html\">", pages[i]);
        bdi(fp, gr->name);
        put(fp, "</a>");
        if (gr->n_scored > 0 && gr->n_scored < HS_SITE_SMALL_N)
            putf(fp, " <span class=\"small\">small n (%zu)</span>", gr->n_scored);
        put(fp, "</th>");
        chart(fp, gr);
        putf(fp, "<td class=\"num\" data-k=\"brier\" data-label=\"Mean Brier\">%s</td>",
             num(gr->brier, 4, b1));
        if (gr->ci_state == HS_CI_OK)
            putf(fp, "<td class=\"num\" data-label=\"95%% interval\"><span data-k=\"brier_low\">%s</span>"
                     "\xe2\x80\x93<span data-k=\"brier_high\">%s</span></td>",
                 num(gr->ci_low, 4, b1), num(gr->ci_high, 4, b2));
        else
            putf(fp, "<td class=\"num\" data-label=\"95%% interval\">%s</td>",
                 isnan(gr->brier) ? "\xe2\x80\x93"
                 : gr->ci_state == HS_CI_OFF ? "not computed" : "none: 1 question");
        putf(fp, "<td class=\"num\" data-k=\"scored\" data-label=\"Scored\">%zu</td>"
                 "<td class=\"num\" data-k=\"pending\" data-label=\"Pending\">%zu</td>"
                 "<td class=\"num\" data-k=\"void\" data-label=\"Void\">%zu</td>",
             gr->n_scored, gr->n_pending, gr->n_void);
        putf(fp, "<td class=\"num\" data-k=\"skill\" data-label=\"Skill\">%s</td></tr>\n",
             num(gr->skill, 4, b1));
    }
    put(fp, "</tbody></table></div>\n");
}

/* A source: outlet, title (a link only for an http(s) URL), date. */
static void source_text(FILE *fp, const hs_source *src)
{
    char date[HS_DATE_TEXT_SIZE];

    esc(fp, src->outlet);
    put(fp, ", ");
    if (hs_html_url_ok(src->url)) {
        put(fp, "<a href=\"");
        esc(fp, src->url);
        put(fp, "\" rel=\"nofollow noopener noreferrer\">");
        bdi(fp, src->title);
        put(fp, "</a>");
    } else {
        bdi(fp, src->title);
        if (src->url && src->url[0]) {
            put(fp, " (address not linked: ");
            esc(fp, src->url);
            put(fp, ")");
        }
    }
    hs_date_format(src->published, date);
    putf(fp, ", %s", date);
    if (src->precision != HS_PREC_DAY)
        putf(fp, " (%s)", hs_precision_name(src->precision));
}

static void question_link(site *s, FILE *fp, size_t q)
{
    putf(fp, "<a href=\"%s.html\">", s->q_page[q]);
    bdi(fp, s->ds->questions[q].title);
    put(fp, "</a>");
}

/* A record's status in words: "not occurred", a graded record's value
 * ("value 0.35"), else its name (occurred, annulled, yes, no).  buf holds
 * 64 bytes. */
static const char *record_status_text(const hs_record *rec, char buf[64])
{
    char v[64];

    if (rec->status == HS_REC_NOT_OCCURRED)
        return "not occurred";
    if (rec->status != HS_REC_VALUE)
        return hs_record_status_name(rec->status);
    snprintf(buf, 64, "value %s", hs_html_num(hs_prob_to_double(rec->value), 3, v));
    return buf;
}

/* The record that resolved forecast f, with a link to it on its question's
 * page; "condition" when the record is about f's condition. */
static void evidence(site *s, FILE *fp, const hs_forecast *f, size_t r)
{
    const hs_record *rec = &s->ds->records[r];
    char date[HS_DATE_TEXT_SIZE], st[64];

    hs_date_format(rec->date, date);
    if (rec->question != f->question)
        put(fp, "condition ");
    if (rec->question != HS_NONE)
        putf(fp, "<a href=\"%s.html#r%zu\">", s->q_page[rec->question], r);
    putf(fp, "%s %s", record_status_text(rec, st), date);
    if (rec->question != HS_NONE)
        put(fp, "</a>");
    put(fp, ": ");
    esc(fp, rec->evidence);
    put(fp, "<span class=\"sub\">");
    esc(fp, rec->evidence_source);
    put(fp, "; ");
    esc(fp, rec->pos.file);
    putf(fp, ":%lu</span>", rec->pos.line);
}

/* The "Who" cell of forecast f: its forecaster (linked to page fc, none
 * when HS_NONE), role and organization. */
static void who_cell(site *s, FILE *fp, const hs_forecast *f, size_t fc)
{
    size_t k;

    put(fp, "<td data-label=\"Who\">");
    if (fc != HS_NONE) {
        putf(fp, "<a href=\"%s.html\">", s->fc_page[fc]);
        bdi(fp, f->forecaster);
        put(fp, "</a>");
    }
    if (f->role) {
        put(fp, ", ");
        esc(fp, f->role);
    }
    put(fp, "<span class=\"sub\">");
    if (hs_strmap_get(&s->org_index, f->organization, &k)) {
        putf(fp, "<a href=\"%s.html\">", s->org_page[k]);
        bdi(fp, f->organization);
        put(fp, "</a>");
    }
    put(fp, "</span></td>");
}

/* How forecast f gave its probability: a plain row's p_yes (no hedge, no
 * stance), else "hedge", will (not) -> p_yes. */
static void probability_text(FILE *fp, const hs_forecast *f, const hs_scored *sc)
{
    char b[64];

    if (f->plain) {
        putf(fp, "p_yes <span data-k=\"p_yes\">%s</span>", num(hs_prob_to_double(sc->p_yes), 3, b));
        return;
    }
    put(fp, "&ldquo;");
    esc(fp, f->hedge);
    putf(fp, "&rdquo;, %s &rarr; <span data-k=\"p_yes\">%s</span>",
         f->stance_yes ? "will" : "will not", num(hs_prob_to_double(sc->p_yes), 3, b));
}

/* The deadline (and how it was set), status (and void reason) and Brier
 * cells of a scored forecast. */
static void outcome_cells(FILE *fp, const hs_scored *sc)
{
    char date[HS_DATE_TEXT_SIZE], b[64];

    hs_date_format(sc->res.deadline, date);
    putf(fp, "<td data-label=\"Deadline\"><span class=\"nowrap\" data-k=\"deadline\">%s</span> "
             "<span class=\"tag\" data-k=\"deadline_kind\">%s</span></td>",
         date, hs_deadline_kind_name(&sc->res));
    putf(fp, "<td data-label=\"Status\"><span class=\"st st-%s\" data-k=\"status\">%s</span>",
         hs_status_name(sc->res.status), hs_status_name(sc->res.status));
    if (sc->res.status == HS_VOID)
        putf(fp, " <span class=\"tag\" data-k=\"void_reason\">%s</span>",
             hs_void_reason_name(sc->res.reason));
    put(fp, "</td>");
    putf(fp, "<td class=\"num\" data-k=\"brier\" data-label=\"Brier\">%s</td>",
         num(is_scored(sc) ? sc->brier : NAN, 4, b));
}

enum { SHOW_WHO = 1, SHOW_QUESTION = 2 };

/* The forecasts idx[from .. to) as a table. */
static void forecast_table(site *s, FILE *fp, const size_t *idx, size_t from, size_t to, int show)
{
    const hs_dataset *ds = s->ds;
    size_t i, j;

    put(fp, "<div class=\"wrap\"><table class=\"forecasts stack\">\n<thead><tr>"
            "<th scope=\"col\">Statement and source</th>");
    if (show & SHOW_WHO)
        put(fp, "<th scope=\"col\">Who</th>");
    if (show & SHOW_QUESTION)
        put(fp, "<th scope=\"col\">Question (and condition)</th>");
    put(fp, "<th scope=\"col\">Hedge &rarr; probability of &ldquo;yes&rdquo;</th>"
            "<th scope=\"col\">Deadline</th><th scope=\"col\">Status</th>"
            "<th scope=\"col\" class=\"num\">Brier</th><th scope=\"col\">Resolved by</th>"
            "</tr></thead>\n<tbody>\n");
    for (i = from; i < to; i++) {
        const hs_forecast *f = &ds->forecasts[idx[i]];
        const hs_scored *sc = &s->run->items[idx[i]];
        size_t k;

        putf(fp, "<tr id=\"f%zu\"><th scope=\"row\" class=\"stmt\">", idx[i]);
        if (f->quote && f->quote[0]) {
            put(fp, "<q>");
            esc(fp, f->quote);
            put(fp, "</q>");
        } else {   /* a plain probability row (docs/formats.md) */
            put(fp, "<span class=\"sub\">no quote: a probability file's row</span>");
        }
        put(fp, "<span class=\"src\">");
        if (f->source != HS_NONE)   /* a plain bulk row may have no source */
            source_text(fp, &ds->sources[f->source]);
        for (j = 0; j < f->n_also; j++) {
            if (f->also[j].source == HS_NONE)
                continue;
            put(fp, "; also reported by ");
            source_text(fp, &ds->sources[f->also[j].source]);
        }
        put(fp, "</span><span class=\"fid\">id <span data-k=\"id\">");
        esc(fp, f->id);
        put(fp, "</span></span></th>");
        if (show & SHOW_WHO) {
            who_cell(s, fp, f, hs_strmap_get(&s->fc_index, f->forecaster, &k) ? k : HS_NONE);
        }
        if (show & SHOW_QUESTION) {
            put(fp, "<td data-label=\"Question\">");
            question_link(s, fp, f->question);
            if (f->condition != HS_NONE) {
                put(fp, "<span class=\"sub\">if ");
                question_link(s, fp, f->condition);
                put(fp, "</span>");
            }
            put(fp, "</td>");
        }
        put(fp, "<td data-label=\"Probability\">");
        probability_text(fp, f, sc);
        put(fp, "<span class=\"sub\">");
        if (f->basis == HS_BASIS_LEXICON) {
            put(fp, "lexicon ");
            esc(fp, sc->hedge && s->run->opt.lexicon && !hs_lexicon_owns(s->run->opt.lexicon, sc->hedge) &&
                        s->run->opt.lexicon->fallback
                    ? s->run->opt.lexicon->fallback->name
                    : s->run->opt.lexicon ? s->run->opt.lexicon->name : "");
        } else {
            esc(fp, hs_basis_name(f->basis));
            if (f->basis_reason) {
                put(fp, ": ");
                esc(fp, f->basis_reason);
            }
        }
        if (!(show & SHOW_QUESTION) && f->condition != HS_NONE) {
            put(fp, "; if ");
            question_link(s, fp, f->condition);
        }
        put(fp, "</span></td>");
        outcome_cells(fp, sc);
        put(fp, "<td data-label=\"Resolved by\">");
        if (sc->res.evidence != HS_NONE)
            evidence(s, fp, f, sc->res.evidence);
        else
            put(fp, "\xe2\x80\x93");
        put(fp, "</td></tr>\n");
    }
    put(fp, "</tbody></table></div>\n");
}

/* The forecasts idx[from .. to) of a question, briefly: who, the
 * probability, deadline, status, Brier and the record that resolved it,
 * each linked to its full entry (quote, source, evidence) on its
 * forecaster's page, so no quote is written a third time. */
static void compact_table(site *s, FILE *fp, const size_t *idx, size_t from, size_t to)
{
    const hs_dataset *ds = s->ds;
    size_t i;

    put(fp, "<div class=\"wrap\"><table class=\"forecasts stack\">\n<thead><tr>"
            "<th scope=\"col\">Forecast</th><th scope=\"col\">Who</th>"
            "<th scope=\"col\">Hedge &rarr; probability of &ldquo;yes&rdquo;</th>"
            "<th scope=\"col\">Deadline</th><th scope=\"col\">Status</th>"
            "<th scope=\"col\" class=\"num\">Brier</th><th scope=\"col\">Resolved by</th>"
            "</tr></thead>\n<tbody>\n");
    for (i = from; i < to; i++) {
        const hs_forecast *f = &ds->forecasts[idx[i]];
        const hs_scored *sc = &s->run->items[idx[i]];
        char date[HS_DATE_TEXT_SIZE], page[HS_HTML_NAME_SIZE + 16];
        size_t fc = HS_NONE;

        put(fp, "<tr><th scope=\"row\" class=\"stmt\">");
        if (hs_strmap_get(&s->fc_index, f->forecaster, &fc) && s->fc_where[idx[i]] != HS_NONE) {
            page_file(page, sizeof(page), s->fc_page[fc], s->fc_where[idx[i]]);
            putf(fp, "<a href=\"%s.html#f%zu\">Quote and source of <span data-k=\"id\">", page,
                 idx[i]);
            esc(fp, f->id);
            put(fp, "</span></a>");
        } else {
            put(fp, "<span class=\"fid\">id <span data-k=\"id\">");
            esc(fp, f->id);
            put(fp, "</span></span>");
        }
        put(fp, "</th>");
        who_cell(s, fp, f, fc);
        put(fp, "<td data-label=\"Probability\">");
        probability_text(fp, f, sc);
        if (f->condition != HS_NONE) {
            put(fp, "<span class=\"sub\">if ");
            question_link(s, fp, f->condition);
            put(fp, "</span>");
        }
        put(fp, "</td>");
        outcome_cells(fp, sc);
        put(fp, "<td data-label=\"Resolved by\">");
        if (sc->res.evidence != HS_NONE) {
            const hs_record *rec = &ds->records[sc->res.evidence];
            char st[64];

            hs_date_format(rec->date, date);
            if (rec->question != f->question)
                put(fp, "condition ");
            if (rec->question != HS_NONE)
                putf(fp, "<a href=\"%s.html#r%zu\">", s->q_page[rec->question], sc->res.evidence);
            putf(fp, "%s %s", record_status_text(rec, st), date);
            if (rec->question != HS_NONE)
                put(fp, "</a>");
        } else {
            put(fp, "\xe2\x80\x93");
        }
        put(fp, "</td></tr>\n");
    }
    put(fp, "</tbody></table></div>\n");
}

/* ---- upper bounds of what a row writes (to cut pages by size) ---- */

/* A link to a page: <a href="NAME-pK.html#fN">, </a>, <bdi></bdi>. */
#define LINK_COST (HS_HTML_NAME_SIZE + 80)
/* The markup of a row besides its data: the longest fixed strings,
 * numbers, dates and names of states are well below these. */
#define FORECAST_ROW_COST 3072
#define BOARD_ROW_COST 3072
#define RECORD_ROW_COST 1024
#define SOURCE_COST 256

static size_t source_cost(const hs_source *src)
{
    return SOURCE_COST + hs_html_text_len(src->outlet) + hs_html_text_len(src->title) +
           2 * hs_html_text_len(src->url);
}

/* A forecast list: the forecasts idx[], shown as forecast_table(show) or,
 * with show 0, compact_table. */
typedef struct list_ctx {
    const size_t *idx;
    int show, compact;
} list_ctx;

static size_t forecast_cost(const site *s, const void *ctx, size_t r)
{
    const list_ctx *c = ctx;
    const hs_dataset *ds = s->ds;
    const hs_forecast *f = &ds->forecasts[c->idx[r]];
    const hs_scored *sc = &s->run->items[c->idx[r]];
    size_t n = FORECAST_ROW_COST + hs_html_text_len(f->id) + hs_html_text_len(f->hedge) +
               hs_html_text_len(f->forecaster) + hs_html_text_len(f->role) +
               hs_html_text_len(f->organization) + 3 * LINK_COST, j;

    if (f->condition != HS_NONE)
        n += LINK_COST + hs_html_text_len(ds->questions[f->condition].title);
    if (sc->res.evidence != HS_NONE)
        n += LINK_COST;
    if (c->compact)
        return n;
    if (f->source != HS_NONE)   /* a plain bulk row may have no source */
        n += source_cost(&ds->sources[f->source]);
    n += hs_html_text_len(f->quote) + s->lex_cost +
         hs_html_text_len(f->basis_reason) + LINK_COST + hs_html_text_len(ds->questions[f->question].title);
    for (j = 0; j < f->n_also; j++)
        if (f->also[j].source != HS_NONE)
            n += source_cost(&ds->sources[f->also[j].source]);
    if (sc->res.evidence != HS_NONE) {
        const hs_record *rec = &ds->records[sc->res.evidence];

        n += hs_html_text_len(rec->evidence) + hs_html_text_len(rec->evidence_source) +
             hs_html_text_len(rec->pos.file);
    }
    return n;
}

static size_t board_cost(const site *s, const void *ctx, size_t r)
{
    (void)s;
    return BOARD_ROW_COST + LINK_COST + hs_html_text_len(((const hs_groups *)ctx)->items[r].name);
}

/* The outcome records of question q (on the first page of its list). */
static size_t records_cost(const site *s, size_t q)
{
    size_t j, n = 0;

    for (j = s->rec_start[q]; j < s->rec_start[q + 1]; j++) {
        const hs_record *rec = &s->ds->records[s->rec_order[j]];

        n += RECORD_ROW_COST + hs_html_text_len(rec->evidence) +
             hs_html_text_len(rec->evidence_source) + hs_html_text_len(rec->pos.file);
    }
    return n;
}

/* One figure of a profile. */
static void fig(FILE *fp, const char *label, const char *key, const char *value)
{
    putf(fp, "<div><dt>%s</dt><dd data-k=\"%s\">%s</dd></div>", label, key, value);
}

static void figures(FILE *fp, const hs_run *run, const hs_group *g, const size_t *list,
                    size_t n_list)
{
    size_t i, cond = 0, defaulted = 0, noncommittal = 0;
    uint64_t bold = 0;   /* sum of |p_yes - 1/2| in units of 1e-9, as hs_profile_compute */
    double n = (double)n_list;
    char b[64], b2[64], b3[64], t[200];

    for (i = 0; i < n_list; i++) {
        const hs_scored *sc = &run->items[list[i]];

        cond += run->ds->forecasts[list[i]].condition != HS_NONE;
        defaulted += !sc->res.deadline_stated;
        noncommittal += sc->p_stance <= HS_NONCOMMITTAL_MAX;
        bold += (uint64_t)(sc->p_yes > HS_PROB_ONE / 2 ? sc->p_yes - HS_PROB_ONE / 2
                                                       : HS_PROB_ONE / 2 - sc->p_yes);
    }
    put(fp, "<dl class=\"figs\">");
    snprintf(t, sizeof(t), "%zu", g->n_forecasts);
    fig(fp, "Forecasts", "forecasts", t);
    snprintf(t, sizeof(t), "%zu", g->n_scored);
    fig(fp, "Scored", "scored", t);
    snprintf(t, sizeof(t), "%zu", g->n_pending);
    fig(fp, "Pending", "pending", t);
    snprintf(t, sizeof(t), "%zu", g->n_void);
    fig(fp, "Void", "void", t);
    fig(fp, "Mean Brier", "brier", num(g->brier, 4, b));
    if (g->ci_state == HS_CI_OK)
        snprintf(t, sizeof(t), "%s\xe2\x80\x93%s", num(g->ci_low, 4, b2), num(g->ci_high, 4, b3));
    else
        snprintf(t, sizeof(t), "%s", isnan(g->brier) ? "\xe2\x80\x93"
                                     : g->ci_state == HS_CI_OFF ? "not computed" : "none: 1 question");
    fig(fp, "95&nbsp;% interval", "interval", t);
    if (g->rank)
        snprintf(t, sizeof(t), "%zu", g->rank);
    else
        snprintf(t, sizeof(t), "unranked");
    fig(fp, "Rank", "rank", t);
    fig(fp, "Skill vs. reference", "skill", num(g->skill, 4, b));
    fig(fp, "Conditional share", "conditional_share", num(n ? (double)cond / n : NAN, 3, b));
    fig(fp, "Deadlines defaulted", "defaulted_share", num(n ? (double)defaulted / n : NAN, 3, b));
    fig(fp, "Hedge rate (p &le; 0.6)", "hedge_rate", num(n ? (double)noncommittal / n : NAN, 3, b));
    fig(fp, "Boldness |p &minus; 0.5|", "boldness",
        num(n ? (double)bold / n / (double)HS_PROB_ONE : NAN, 3, b));
    put(fp, "</dl>\n");
}

/* ---- pages ---- */

static void settings(site *s, FILE *fp)
{
    const hs_lexicon *lex = s->run->opt.lexicon;
    char b[64];

    put(fp, "<dl class=\"settings\">\n<dt>As of</dt><dd>");
    putf(fp, "<span data-k=\"as_of\">%s</span>: only outcome records dated on or before it count</dd>\n",
         s->as_of);
    put(fp, "<dt>Hedge table</dt><dd>");
    esc(fp, lex ? lex->name : "");
    if (s->n_fell_back)
        putf(fp, " (%zu forecasts&rsquo; hedges not in it took the default table&rsquo;s value)",
             s->n_fell_back);
    put(fp, "</dd>\n");
    putf(fp, "<dt>Deadlines</dt><dd>%zu stated by the speaker, %zu set by the curator from a time "
             "frame the speaker implied, %zu defaulted to the date made + %s</dd>\n",
         s->n_stated - s->n_by_curator, s->n_by_curator, s->run->n - s->n_stated, s->horizon);
    putf(fp, "<dt>Forecasts</dt><dd>%zu: %zu scored (%zu yes, %zu no), %zu pending, %zu void</dd>\n",
         s->run->n, s->n_status[HS_YES] + s->n_status[HS_NO], s->n_status[HS_YES],
         s->n_status[HS_NO], s->n_status[HS_PENDING], s->n_status[HS_VOID]);
    if (s->opt->groups.bootstrap) {
        size_t i, analytic = 0;

        for (i = 0; i < s->fc.n; i++)
            analytic += s->fc.items[i].ci_state == HS_CI_OK && s->fc.items[i].ci_analytic;
        for (i = 0; i < s->org.n; i++)
            analytic += s->org.items[i].ci_state == HS_CI_OK && s->org.items[i].ci_analytic;
        putf(fp, "<dt>Intervals</dt><dd>%s&nbsp;%% bootstrap resampling whole questions, "
                 "%zu replicates, seed %lu; none when a group rests on one question",
             num(s->opt->groups.level * 100, 0, b), s->opt->groups.bootstrap, s->opt->groups.seed);
        /* said only when it happened, so small data keeps its page */
        if (analytic)
            putf(fp, "; for groups on %d or more questions the cluster-robust t interval over "
                     "questions instead (%zu groups)", HS_CI_ANALYTIC_MIN_QUESTIONS, analytic);
        put(fp, "</dd>\n");
    } else
        put(fp, "<dt>Intervals</dt><dd>not computed (bootstrap 0)</dd>\n");
    if (s->opt->groups.reference == HS_REF_COIN)
        put(fp, "<dt>Skill</dt><dd>1 &minus; Brier / 0.25 (a coin flip); above 0 beats it</dd>\n");
    else
        putf(fp, "<dt>Skill</dt><dd>1 &minus; Brier / %s (always forecasting the base rate)</dd>\n",
             num(s->fc.reference, 4, b));
    putf(fp, "<dt>Ranked</dt><dd>groups with at least %zu scored forecast%s; "
             "<span class=\"small\">small n</span> marks fewer than %d</dd>\n</dl>\n",
         s->opt->groups.min_n, s->opt->groups.min_n == 1 ? "" : "s", HS_SITE_SMALL_N);
}

static int index_page(site *s)
{
    FILE *fp = page_open(s, "index", "Forecast track records", "", 1);
    /* the index holds two leaderboards and the settings: a third each */
    size_t nf = rows_fitting(s, s->fc.n, HS_SITE_INDEX_ROWS, HS_SITE_PAGE_BYTES / 3, board_cost, &s->fc);
    size_t no = rows_fitting(s, s->org.n, HS_SITE_INDEX_ROWS, HS_SITE_PAGE_BYTES / 3, board_cost, &s->org);

    if (!fp)
        return -1;
    putf(fp, "<h1>Forecast track records as of %s</h1>\n", s->as_of);
    put(fp, "<p class=\"lede\">Who foresaw what: every forecast with its quote, source and the "
            "evidence that resolved it, scored with the Brier score (0 is perfect, 0.25 is what a "
            "coin flip earns, 1 is confidently wrong). Lower is better. Pending and void forecasts "
            "are counted beside every score.</p>\n");
    putf(fp, "<p>%zu forecasts: %zu scored, %zu pending, %zu void. Hedge table ",
         s->run->n, s->n_status[HS_YES] + s->n_status[HS_NO], s->n_status[HS_PENDING],
         s->n_status[HS_VOID]);
    esc(fp, s->run->opt.lexicon ? s->run->opt.lexicon->name : "");
    putf(fp, "; %zu deadlines defaulted to the date made + %s. <a href=\"#settings\">All settings</a></p>\n",
         s->run->n - s->n_stated, s->horizon);
    put(fp, "<h2 id=\"forecasters\">Forecasters</h2>\n");
    board(fp, &s->fc, s->fc_page, 0, nf, "Forecaster", "Forecasters by mean Brier score, best first");
    if (nf < s->fc.n)
        putf(fp, "<p>Top %zu of %zu. <a href=\"forecasters.html\">All forecasters</a></p>\n", nf, s->fc.n);
    put(fp, "<h2 id=\"organizations\">Organizations</h2>\n");
    board(fp, &s->org, s->org_page, 0, no, "Organization",
          "Organizations by mean Brier score, best first (affiliation at the time of each statement)");
    if (no < s->org.n)
        putf(fp, "<p>Top %zu of %zu. <a href=\"organizations.html\">All organizations</a></p>\n", no,
             s->org.n);
    put(fp, "<h2 id=\"settings\">Settings</h2>\n");
    settings(s, fp);
    return page_close(s, fp, "index");
}

/* forecasters.html / organizations.html and their further pages. */
static int board_pages(site *s, const hs_groups *g, page_name *pages, const char *base,
                       const char *label, int current)
{
    paging pg;
    size_t k;
    int ret = -1;

    if (split(s, g->n, s->rows, page_cost("") + 4096, page_cost("") + 4096, HS_SITE_PAGE_BYTES,
              board_cost, g, &pg) < 0) {
        paging_release(&pg);
        hs_diags_add(s->diags, HS_SEV_ERROR, s->dir, 0, 0, "out of memory");
        return -1;
    }
    for (k = 0; k < pg.n; k++) {
        char f[HS_HTML_NAME_SIZE + 16], title[64];
        FILE *fp;

        page_file(f, sizeof(f), base, k);
        snprintf(title, sizeof(title), "All %ss", label);
        if (!(fp = page_open(s, f, title, "", current)))
            goto cleanup;
        putf(fp, "<h1>All %ss: %zu</h1>\n", label, g->n);
        pager(fp, base, k, &pg);
        board(fp, g, pages, pg.start[k], pg.start[k + 1],
              current == 2 ? "Forecaster" : "Organization", "By mean Brier score, best first");
        pager(fp, base, k, &pg);
        if (page_close(s, fp, f) < 0)
            goto cleanup;
    }
    ret = 0;
cleanup:
    paging_release(&pg);
    return ret;
}

/* How a forecaster's or organization's list is cut: the profile on the
 * first page, full rows (forecast_table) on all. */
static int group_split(site *s, const hs_groups *g, size_t i, paging *pg)
{
    const site_members *m = g == &s->fc ? &s->fc_m : &s->org_m;
    list_ctx c;
    size_t fixed = page_cost(g->items[i].name) + 2048;

    c.idx = m->list[i];
    c.show = SHOW_QUESTION | (g->key == HS_BY_ORGANIZATION ? SHOW_WHO : 0);
    c.compact = 0;
    return split(s, m->n[i], s->rows, fixed + 4096, fixed, HS_SITE_PAGE_BYTES, forecast_cost, &c,
                 pg);
}

/* The pages of one forecaster or organization. */
static int group_pages(site *s, const hs_groups *g, size_t i, const char *base, const char *kind)
{
    const hs_group *gr = &g->items[i];
    const site_members *m = g == &s->fc ? &s->fc_m : &s->org_m;
    const size_t *list = m->list[i];
    size_t n_list = m->n[i];
    paging own, *pg = g == &s->fc ? &s->fc_pg[i] : &own;
    size_t k;
    int ret = -1;

    if (pg == &own && group_split(s, g, i, &own) < 0) {
        paging_release(&own);
        hs_diags_add(s->diags, HS_SEV_ERROR, s->dir, 0, 0, "out of memory");
        return -1;
    }
    for (k = 0; k < pg->n; k++) {
        char f[HS_HTML_NAME_SIZE + 16];
        FILE *fp;

        page_file(f, sizeof(f), base, k);
        if (!(fp = page_open(s, f, NULL, gr->name, 0)))
            goto cleanup;
        putf(fp, "<p class=\"sub\">%s</p>\n<h1>", kind);
        bdi(fp, gr->name);
        put(fp, "</h1>\n");
        if (k == 0) {
            put(fp, "<h2>Profile</h2>\n");
            figures(fp, s->run, gr, list, n_list);
        }
        putf(fp, "<h2>Forecasts (%zu)</h2>\n", n_list);
        pager(fp, base, k, pg);
        forecast_table(s, fp, list, pg->start[k], pg->start[k + 1],
                       SHOW_QUESTION | (g->key == HS_BY_ORGANIZATION ? SHOW_WHO : 0));
        pager(fp, base, k, pg);
        if (page_close(s, fp, f) < 0)
            goto cleanup;
    }
    ret = 0;
cleanup:
    if (pg == &own)
        paging_release(&own);
    return ret;
}

static int question_pages(site *s, size_t q, const hs_strmap *q_groups)
{
    const hs_question *qu = &s->ds->questions[q];
    const hs_knowledge *kn = &s->know[q];
    const hs_group *gr = NULL;
    size_t gi, k, j, n = 0, fixed;
    static const size_t none[1] = {0};
    const size_t *members = none;
    paging pg;
    list_ctx c;
    int ret = -1;

    if (hs_strmap_get(q_groups, qu->id, &gi)) {
        gr = &s->q.items[gi];
        n = s->q_m.n[gi];
        members = s->q_m.list[gi] ? s->q_m.list[gi] : none;
    }
    fixed = page_cost(qu->title) + hs_html_text_len(qu->id) + hs_html_text_len(qu->criteria) + 4096;
    for (j = 0; j < qu->n_tags; j++)
        fixed += 2 + hs_html_text_len(qu->tags[j]);
    c.idx = members;
    c.show = 0;
    c.compact = 1;
    if (split(s, n, s->rows, fixed + records_cost(s, q), fixed, HS_SITE_PAGE_BYTES, forecast_cost,
              &c, &pg) < 0) {
        paging_release(&pg);
        hs_diags_add(s->diags, HS_SEV_ERROR, s->dir, 0, 0, "out of memory");
        return -1;
    }
    for (k = 0; k < pg.n; k++) {
        char f[HS_HTML_NAME_SIZE + 16], date[HS_DATE_TEXT_SIZE];
        FILE *fp;

        page_file(f, sizeof(f), s->q_page[q], k);
        if (!(fp = page_open(s, f, "Question: ", qu->title, 0)))
            goto cleanup;
        put(fp, "<p class=\"sub\">Question <span data-k=\"id\">");
        esc(fp, qu->id);
        put(fp, "</span></p>\n<h1>");
        bdi(fp, qu->title);
        put(fp, "</h1>\n<h2>Resolution criteria</h2>\n<p>");
        esc(fp, qu->criteria);
        put(fp, "</p>\n");
        if (qu->n_tags) {
            put(fp, "<p>Tags: ");
            for (j = 0; j < qu->n_tags; j++) {
                if (j)
                    put(fp, ", ");
                esc(fp, qu->tags[j]);
            }
            put(fp, "</p>\n");
        }
        putf(fp, "<p>As of %s: <strong>", s->as_of);
        if (kn->annulled)
            put(fp, "annulled");
        else if (kn->occurred) {
            hs_date_format(kn->occurred_on, date);
            putf(fp, "occurred on %s", date);
        } else if (kn->not_occurred) {
            hs_date_format(kn->not_as_of, date);
            putf(fp, "had not occurred as of %s", date);
        } else
            put(fp, "no record yet");
        put(fp, "</strong></p>\n");
        if (k == 0) {
            size_t r0 = s->rec_start[q], r1 = s->rec_start[q + 1];

            putf(fp, "<h2>Outcome records (%zu), in date order</h2>\n", r1 - r0);
            if (r0 == r1) {
                put(fp, "<p>None.</p>\n");
            } else {
                put(fp, "<div class=\"wrap\"><table class=\"records stack\">\n<thead><tr>"
                        "<th scope=\"col\">Date</th><th scope=\"col\">Status</th><th scope=\"col\">Evidence</th>"
                        "<th scope=\"col\">Reported by</th><th scope=\"col\">Recorded</th>"
                        "<th scope=\"col\">Record</th></tr></thead>\n<tbody>\n");
                for (j = r0; j < r1; j++) {
                    size_t r = s->rec_order[j];
                    const hs_record *rec = &s->ds->records[r];
                    char rec_date[HS_DATE_TEXT_SIZE], st[64];

                    hs_date_format(rec->date, date);
                    hs_date_format(rec->recorded, rec_date);
                    putf(fp, "<tr id=\"r%zu\"><th scope=\"row\">%s</th><td data-label=\"Status\">%s%s</td>"
                             "<td data-label=\"Evidence\">", r, date,
                         record_status_text(rec, st),
                         rec->date > s->run->opt.as_of ? " (after the as-of date: not used)" : "");
                    esc(fp, rec->evidence);
                    put(fp, "</td><td data-label=\"Reported by\">");
                    esc(fp, rec->evidence_source);
                    putf(fp, "</td><td data-label=\"Recorded\">%s</td><td data-label=\"Record\">", rec_date);
                    esc(fp, rec->pos.file);
                    putf(fp, ":%lu</td></tr>\n", rec->pos.line);
                }
                put(fp, "</tbody></table></div>\n");
            }
        }
        putf(fp, "<h2>Forecasts on this question (%zu)</h2>\n", n);
        if (n)
            put(fp, "<p>Each forecast&rsquo;s quote, its source and the evidence that resolved it "
                    "are one click away, on its forecaster&rsquo;s page.</p>\n");
        if (gr) {
            put(fp, "<dl class=\"figs\">");
            {
                char t[64], b[64];

                snprintf(t, sizeof(t), "%zu", gr->n_scored);
                fig(fp, "Scored", "scored", t);
                snprintf(t, sizeof(t), "%zu", gr->n_pending);
                fig(fp, "Pending", "pending", t);
                snprintf(t, sizeof(t), "%zu", gr->n_void);
                fig(fp, "Void", "void", t);
                fig(fp, "Mean Brier", "brier", num(gr->brier, 4, b));
            }
            put(fp, "</dl>\n");
        }
        pager(fp, s->q_page[q], k, &pg);
        if (n)
            compact_table(s, fp, members, pg.start[k], pg.start[k + 1]);
        else
            put(fp, "<p>None: this question is only used as a condition, or not at all.</p>\n");
        pager(fp, s->q_page[q], k, &pg);
        if (page_close(s, fp, f) < 0)
            goto cleanup;
    }
    ret = 0;
cleanup:
    paging_release(&pg);
    return ret;
}

static int calibration_page(site *s)
{
    const hs_calibration *c = &s->calib;
    FILE *fp = page_open(s, "calibration", "Calibration", "", 4);
    size_t i, max_n = 1;
    char b1[64], b2[64], b3[64], b4[64];

    if (!fp)
        return -1;
    put(fp, "<h1>Calibration</h1>\n<p class=\"lede\">When forecasters say 80&nbsp;%, does it "
            "happen 80&nbsp;% of the time? Each dot is a bin of scored forecasts: across, their "
            "mean probability of &ldquo;yes&rdquo;; up, how often &ldquo;yes&rdquo; happened, with "
            "its 95&nbsp;% Wilson interval. Bigger dots hold more forecasts; a calibrated forecaster "
            "sits on the dashed diagonal.</p>\n");
    for (i = 0; i < c->n_bins; i++)
        if (c->bins[i].n > max_n)
            max_n = c->bins[i].n;
    /* plot area x 50..390, y 20..360 */
    putf(fp, "<figure>\n<svg class=\"rel\" viewBox=\"0 0 410 410\" width=\"410\" height=\"410\" role=\"img\" "
             "aria-labelledby=\"rel-title rel-desc\">\n<title id=\"rel-title\">Reliability diagram of %zu "
             "scored forecasts</title>\n<desc id=\"rel-desc\">",
         c->n);
    for (i = 0; i < c->n_bins; i++) {
        const hs_calib_bin *bin = &c->bins[i];

        if (!bin->n)
            continue;
        putf(fp, "Bin %s to %s: %zu forecasts, mean forecast %s, observed %s (95%% interval %s to %s). ",
             num(bin->lo, 1, b1), num(bin->hi, 1, b2), bin->n, num(bin->mean_p, 3, b3),
             num(bin->observed, 3, b4), num(bin->obs_low, 3, b1), num(bin->obs_high, 3, b2));
    }
    put(fp, "The table below gives the same numbers.</desc>\n");
    for (i = 0; i <= 4; i++) {
        double v = (double)i / 4;

        putf(fp, "<line class=\"grid\" x1=\"50\" x2=\"390\" y1=\"%s\" y2=\"%s\"/>",
             num(360 - v * 340, 1, b1), num(360 - v * 340, 1, b2));
        putf(fp, "<line class=\"grid\" y1=\"20\" y2=\"360\" x1=\"%s\" x2=\"%s\"/>",
             num(50 + v * 340, 1, b1), num(50 + v * 340, 1, b2));
        putf(fp, "<text class=\"lbl\" x=\"44\" y=\"%s\" text-anchor=\"end\">%s</text>",
             num(364 - v * 340, 1, b1), num(v, 2, b2));
        putf(fp, "<text class=\"lbl\" y=\"378\" x=\"%s\" text-anchor=\"middle\">%s</text>",
             num(50 + v * 340, 1, b1), num(v, 2, b2));
    }
    put(fp, "<line class=\"axisline\" x1=\"50\" y1=\"360\" x2=\"390\" y2=\"360\"/>"
            "<line class=\"axisline\" x1=\"50\" y1=\"20\" x2=\"50\" y2=\"360\"/>"
            "<line class=\"diag\" x1=\"50\" y1=\"360\" x2=\"390\" y2=\"20\"/>\n"
            "<text class=\"lbl\" x=\"220\" y=\"400\" text-anchor=\"middle\">mean forecast probability of yes</text>"
            "<text class=\"lbl\" x=\"14\" y=\"190\" text-anchor=\"middle\" transform=\"rotate(-90 14 190)\">observed frequency of yes</text>\n");
    for (i = 0; i < c->n_bins; i++) {
        const hs_calib_bin *bin = &c->bins[i];
        double x, r;

        if (!bin->n)
            continue;
        x = 50 + bin->mean_p * 340;
        r = 3 + 9 * sqrt((double)bin->n / (double)max_n);
        putf(fp, "<line class=\"wil\" x1=\"%s\" x2=\"%s\" y1=\"%s\" y2=\"%s\"/>", num(x, 1, b1),
             num(x, 1, b2), num(360 - bin->obs_low * 340, 1, b3), num(360 - bin->obs_high * 340, 1, b4));
        putf(fp, "<circle class=\"pt\" cx=\"%s\" cy=\"%s\" r=\"%s\"/>\n", num(x, 1, b1),
             num(360 - bin->observed * 340, 1, b2), num(r, 1, b3));
    }
    put(fp, "</svg>\n<figcaption>Reliability diagram. Bars: 95&nbsp;% Wilson intervals of the observed "
            "frequency. Dot area grows with the number of forecasts in the bin.</figcaption>\n</figure>\n");
    put(fp, "<div class=\"wrap\"><table class=\"calib stack\">\n<caption>Calibration by bin</caption>\n<thead><tr>"
            "<th scope=\"col\">Bin</th><th scope=\"col\" class=\"num\">Forecasts</th>"
            "<th scope=\"col\" class=\"num\">Mean forecast</th><th scope=\"col\" class=\"num\">Observed</th>"
            "<th scope=\"col\" class=\"num\">95&nbsp;% interval</th></tr></thead>\n<tbody>\n");
    for (i = 0; i < c->n_bins; i++) {
        const hs_calib_bin *bin = &c->bins[i];

        putf(fp, "<tr><th scope=\"row\"><span data-k=\"bin_low\">%s</span>\xe2\x80\x93"
                 "<span data-k=\"bin_high\">%s</span></th>", num(bin->lo, 1, b1), num(bin->hi, 1, b2));
        putf(fp, "<td class=\"num\" data-k=\"n\" data-label=\"Forecasts\">%zu</td>", bin->n);
        putf(fp, "<td class=\"num\" data-k=\"mean_p\" data-label=\"Mean forecast\">%s</td>",
             num(bin->n ? bin->mean_p : NAN, 3, b1));
        putf(fp, "<td class=\"num\" data-k=\"observed\" data-label=\"Observed\">%s</td>",
             num(bin->n ? bin->observed : NAN, 3, b1));
        if (bin->n)
            putf(fp, "<td class=\"num\" data-label=\"95%% interval\"><span data-k=\"observed_low\">%s</span>"
                     "\xe2\x80\x93<span data-k=\"observed_high\">%s</span></td></tr>\n",
                 num(bin->obs_low, 3, b1), num(bin->obs_high, 3, b2));
        else
            put(fp, "<td class=\"num\" data-label=\"95% interval\">\xe2\x80\x93</td></tr>\n");
    }
    put(fp, "</tbody></table></div>\n");
    put(fp, "<h2>Brier score decomposition</h2>\n<p>Brier = reliability &minus; resolution + "
            "uncertainty + within-bin variance &minus; within-bin covariance (Stephenson, Coelho "
            "and Jolliffe 2008). Reliability near 0 is good; resolution high is good.</p>\n");
    put(fp, "<div class=\"wrap\"><table class=\"decomp\">\n<caption>Decomposition over all scored forecasts</caption>\n"
            "<thead><tr><th scope=\"col\">Term</th><th scope=\"col\" class=\"num\">Value</th></tr></thead>\n<tbody>\n");
    {
        static const char *const label[] = {
            "Forecasts", "Brier score", "Reliability", "Resolution", "Uncertainty",
            "Within-bin variance", "Within-bin covariance", "Mean p when yes", "Mean p when no",
            "AUC (discrimination)"};
        static const char *const key[] = {"group_n", "brier", "reliability", "resolution",
                                          "uncertainty", "within_bin_variance",
                                          "within_bin_covariance", "mean_p_when_yes",
                                          "mean_p_when_no", "auc"};
        double v[] = {(double)c->n, c->brier, c->rel, c->res, c->unc, c->wbv, c->wbc,
                      c->mean_p_yes, c->mean_p_no, c->auc};
        int d[] = {0, 4, 4, 4, 4, 4, 4, 3, 3, 3};

        for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
            putf(fp, "<tr><th scope=\"row\">%s</th>", label[i]);
            num_cell(fp, key[i], v[i], d[i]);
            put(fp, "</tr>\n");
        }
    }
    put(fp, "</tbody></table></div>\n");
    return page_close(s, fp, "calibration");
}

static const hs_sensitivity *sens_of(const site *s, int k)
{
    return &s->sens[k];
}

/* Groups x and y under scenario col, by their exact mean Brier. */
static int sens_cmp(const hs_sensitivity *sv, size_t x, size_t y, size_t col)
{
    size_t i = x * sv->n_scenarios + col, j = y * sv->n_scenarios + col;

    return hs_mean_cmp(sv->sq_sum[i], sv->n_scored[i], sv->sq_sum[j], sv->n_scored[j]);
}

/* Competition ranks (1, 2, 2, 4) of column col's scored groups, equal
 * means (exactly) sharing a rank; 0 for groups with nothing scored. */
static int sens_ranks(const hs_sensitivity *sv, size_t col, size_t *rank, size_t *order)
{
    size_t i, n = 0;

    for (i = 0; i < sv->n_groups; i++) {
        rank[i] = 0;
        if (!isnan(sv->brier[i * sv->n_scenarios + col]))
            order[n++] = i;
    }
    /* insertion into a sorted prefix would be quadratic: sort indices */
    {
        size_t w, lo, hi;
        size_t *tmp = hs_calloc(n + 1, sizeof(*tmp));

        if (!tmp)
            return -1;
        /* bottom-up merge sort by value, stable */
        for (w = 1; w < n; w *= 2) {
            for (lo = 0; lo < n; lo += 2 * w) {
                size_t mid = lo + w < n ? lo + w : n, end = lo + 2 * w < n ? lo + 2 * w : n;
                size_t a = lo, b = mid, t = lo;

                while (a < mid || b < end) {
                    if (b >= end || (a < mid && sens_cmp(sv, order[a], order[b], col) <= 0))
                        tmp[t++] = order[a++];
                    else
                        tmp[t++] = order[b++];
                }
            }
            for (hi = 0; hi < n; hi++)
                order[hi] = tmp[hi];
        }
        hs_free(tmp);
    }
    for (i = 0; i < n; i++)
        rank[order[i]] = i > 0 && sens_cmp(sv, order[i], order[i - 1], col) == 0
                             ? rank[order[i - 1]] : i + 1;
    return 0;
}

/* A row of the sensitivity table: name, and a mean, rank and move per
 * scenario. */
static size_t sens_cost(const site *s, const void *ctx, size_t r)
{
    const hs_sensitivity *sv = ctx;

    (void)s;
    return 256 + LINK_COST + hs_html_text_len(sv->groups[r]) + 256 * sv->n_scenarios;
}

static int sensitivity_table(site *s, FILE *fp, int which)
{
    const hs_sensitivity *sv = sens_of(s, which);
    size_t g, k, shown = rows_fitting(s, sv->n_groups, HS_SITE_ROWS, HS_SITE_PAGE_BYTES / 3,
                                      sens_cost, sv);
    size_t *rank = hs_calloc((sv->n_groups + 1) * (sv->n_scenarios + 1), sizeof(*rank));
    size_t *col_rank = hs_calloc(sv->n_groups + 1, sizeof(*col_rank));
    size_t *order = hs_calloc(sv->n_groups + 1, sizeof(*order));
    hs_strmap *index = which ? &s->org_index : &s->fc_index;
    page_name *pages = which ? s->org_page : s->fc_page;
    char b[64];
    int ret = -1;

    if (!rank || !col_rank || !order)
        goto cleanup;
    for (k = 0; k < sv->n_scenarios; k++) {
        if (sens_ranks(sv, k, col_rank, order) < 0)
            goto cleanup;
        for (g = 0; g < sv->n_groups; g++)
            rank[g * sv->n_scenarios + k] = col_rank[g];
    }
    putf(fp, "<div class=\"wrap\"><table class=\"sens\" data-board=\"%s\">\n<caption>Mean Brier (and rank) "
             "of each %s under each scenario", hs_group_key_name(sv->key), hs_group_key_name(sv->key));
    if (shown < sv->n_groups)
        putf(fp, ": the first %zu of %zu; <code>hindsight sensitivity</code> lists all", shown,
             sv->n_groups);
    putf(fp, "</caption>\n<thead><tr><th scope=\"col\">%s</th>",
         which ? "Organization" : "Forecaster");
    for (k = 0; k < sv->n_scenarios; k++) {
        put(fp, "<th scope=\"col\" class=\"num\">");
        esc(fp, sv->scenarios[k].label);
        put(fp, "</th>");
    }
    put(fp, "</tr></thead>\n<tbody>\n");
    for (g = 0; g < shown; g++) {
        size_t pi, r0 = rank[g * sv->n_scenarios];

        put(fp, "<tr><th scope=\"row\" data-k=\"name\">");
        if (hs_strmap_get(index, sv->groups[g], &pi))
            putf(fp, "<a href=\"%s.html\">", pages[pi]);
        bdi(fp, sv->groups[g]);
        if (hs_strmap_get(index, sv->groups[g], &pi))
            put(fp, "</a>");
        put(fp, "</th>");
        for (k = 0; k < sv->n_scenarios; k++) {
            double v = sv->brier[g * sv->n_scenarios + k];
            size_t r = rank[g * sv->n_scenarios + k];

            putf(fp, "<td class=\"num\"><span data-k=\"s%zu\">%s</span>", k, num(v, 4, b));
            if (r) {
                putf(fp, " <span class=\"tag\">#%zu</span>", r);
                if (k && r0 && r != r0)
                    putf(fp, " <span class=\"%s\" title=\"rank %zu under the default\">%s%zu</span>",
                         r < r0 ? "up" : "down", r0, r < r0 ? "\xe2\x96\xb2" : "\xe2\x96\xbc",
                         r < r0 ? r0 - r : r - r0);
            }
            put(fp, "</td>");
        }
        put(fp, "</tr>\n");
    }
    put(fp, "</tbody></table></div>\n");
    putf(fp, "<div class=\"wrap\"><table class=\"tau\">\n<caption>Ranking agreement of %ss with the "
             "default scenario</caption>\n<thead><tr><th scope=\"col\">Scenario</th>"
             "<th scope=\"col\" class=\"num\">Kendall&rsquo;s tau-b</th>"
             "<th scope=\"col\" class=\"num\">Hedges taken from the default table</th></tr></thead>\n<tbody>\n",
         hs_group_key_name(sv->key));
    for (k = 0; k < sv->n_scenarios; k++) {
        put(fp, "<tr><th scope=\"row\">");
        esc(fp, sv->scenarios[k].label);
        put(fp, "</th>");
        num_cell(fp, "kendall_tau", sv->tau[k], 3);
        count_cell(fp, "hedges_from_default", sv->scenarios[k].n_fallback);
        put(fp, "</tr>\n");
    }
    put(fp, "</tbody></table></div>\n");
    ret = 0;
cleanup:
    hs_free(rank);
    hs_free(col_rank);
    hs_free(order);
    if (ret < 0)
        hs_diags_add(s->diags, HS_SEV_ERROR, s->dir, 0, 0, "out of memory");
    return ret;
}

static int sensitivity_page(site *s)
{
    FILE *fp = page_open(s, "sensitivity", "Sensitivity", "", 5);

    if (!fp)
        return -1;
    put(fp, "<h1>Sensitivity</h1>\n<p class=\"lede\">Speakers rarely give numbers, so the "
            "probabilities come from a hedge table, and deadlines nobody stated come from a "
            "default horizon. Here every score is recomputed under each published hedge table "
            "(phrases a table lacks keep the default table&rsquo;s value) and under horizons of 1, "
            "2, 3 and 5 years. &#9650; and &#9660; show how many places a rank moves against the "
            "default scenario (first column).</p>\n");
    put(fp, "<h2 id=\"forecasters\">Forecasters</h2>\n");
    if (sensitivity_table(s, fp, 0) < 0) {
        fclose(fp);
        return -1;
    }
    put(fp, "<h2 id=\"organizations\">Organizations</h2>\n");
    if (sensitivity_table(s, fp, 1) < 0) {
        fclose(fp);
        return -1;
    }
    return page_close(s, fp, "sensitivity");
}

/* ---- preparation ---- */

/* Give every page a unique name: on the (unlikely) collision of two hashes
 * and slugs, a counter is added, in data order so the result is stable. */
static int claim_name(site *s, char *name)
{
    size_t len = strlen(name), n = 2;
    int rc;

    while ((rc = hs_strmap_put(&s->used, name, 0, NULL)) == 0) {
        snprintf(name + len, HS_HTML_NAME_SIZE - len, "-%zu", n++);
    }
    return rc < 0 ? -1 : 0;
}

static int name_groups(site *s, const hs_groups *g, hs_strmap *index, page_name **pages,
                       const char *prefix)
{
    size_t i;

    if (!(*pages = hs_calloc(g->n + 1, sizeof(**pages))))
        return -1;
    for (i = 0; i < g->n; i++) {
        hs_html_page_name(prefix, g->items[i].name, (*pages)[i]);
        if (claim_name(s, (*pages)[i]) < 0 || hs_strmap_put(index, g->items[i].name, i, NULL) < 0)
            return -1;
    }
    return 0;
}

static int record_cmp(const void *a, const void *b, void *records)
{
    const hs_record *r = records;
    const hs_record *x = &r[*(const size_t *)a], *y = &r[*(const size_t *)b];

    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    if (x->recorded != y->recorded)
        return x->recorded < y->recorded ? -1 : 1;
    return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* Records bucketed by question (counting sort), each bucket by date. */
static int order_records(site *s)
{
    const hs_dataset *ds = s->ds;
    size_t i, *fill;

    s->rec_start = hs_calloc(ds->n_questions + 2, sizeof(size_t));
    s->rec_order = hs_calloc(ds->n_records + 1, sizeof(size_t));
    fill = hs_calloc(ds->n_questions + 1, sizeof(size_t));
    if (!s->rec_start || !s->rec_order || !fill) {
        hs_free(fill);
        return -1;
    }
    for (i = 0; i < ds->n_records; i++)
        if (ds->records[i].question != HS_NONE)
            s->rec_start[ds->records[i].question + 1]++;
    for (i = 0; i < ds->n_questions; i++)
        s->rec_start[i + 1] += s->rec_start[i];
    for (i = 0; i < ds->n_records; i++) {
        size_t q = ds->records[i].question;

        if (q != HS_NONE)
            s->rec_order[s->rec_start[q] + fill[q]++] = i;
    }
    for (i = 0; i < ds->n_questions; i++)
        if (s->rec_start[i + 1] - s->rec_start[i] > 1)
            qsort_r(s->rec_order + s->rec_start[i], s->rec_start[i + 1] - s->rec_start[i],
                    sizeof(size_t), record_cmp, ds->records);
    hs_free(fill);
    return 0;
}

static int calibrate(site *s)
{
    size_t i, n = 0;
    hs_prob *p = hs_calloc(s->run->n + 1, sizeof(*p));
    int *o = hs_calloc(s->run->n + 1, sizeof(*o)), rc = -1;

    if (p && o) {
        for (i = 0; i < s->run->n; i++) {
            const hs_scored *sc = &s->run->items[i];

            if (!is_scored(sc))
                continue;
            p[n] = sc->p_yes;
            o[n++] = sc->res.status == HS_YES;
        }
        rc = hs_calibration_compute(&s->calib, p, o, n, s->opt->bins ? s->opt->bins : 10);
    }
    hs_free(p);
    hs_free(o);
    return rc;
}

static void site_release(site *s)
{
    size_t i;

    for (i = 0; s->fc_pg && i < s->fc.n; i++)
        paging_release(&s->fc_pg[i]);
    hs_free(s->fc_pg);
    hs_free(s->fc_where);
    members_release(&s->fc_m, s->fc.n);
    members_release(&s->org_m, s->org.n);
    members_release(&s->q_m, s->q.n);
    hs_groups_release(&s->fc);
    hs_groups_release(&s->org);
    hs_groups_release(&s->q);
    hs_strmap_release(&s->fc_index);
    hs_strmap_release(&s->org_index);
    hs_strmap_release(&s->used);
    hs_free(s->fc_page);
    hs_free(s->org_page);
    hs_free(s->q_page);
    hs_free(s->rec_order);
    hs_free(s->rec_start);
    hs_free(s->know);
    hs_calibration_release(&s->calib);
    hs_sensitivity_release(&s->sens[0]);
    hs_sensitivity_release(&s->sens[1]);
}

static int prepare(site *s)
{
    static const hs_horizon horizons[] = {{1, 'y'}, {2, 'y'}, {3, 'y'}, {5, 'y'}};
    const hs_run *run = s->run;
    hs_group_options qopt = s->opt->groups;
    size_t i;

    hs_date_format(run->opt.as_of, s->as_of);
    hs_horizon_format(run->opt.horizon, s->horizon, sizeof(s->horizon));
    for (i = 0; i < run->n; i++) {
        s->n_status[run->items[i].res.status]++;
        s->n_stated += run->items[i].res.deadline_stated != 0;
        s->n_by_curator += run->items[i].res.deadline_by_curator != 0;
        s->n_fell_back += run->items[i].fell_back != 0;
    }
    qopt.bootstrap = 0;
    if (hs_groups_compute(&s->fc, run, HS_BY_FORECASTER, &s->opt->groups) < 0 ||
        hs_groups_compute(&s->org, run, HS_BY_ORGANIZATION, &s->opt->groups) < 0 ||
        hs_groups_compute(&s->q, run, HS_BY_QUESTION, &qopt) < 0 ||
        members_compute(&s->fc_m, &s->fc, run) < 0 ||
        members_compute(&s->org_m, &s->org, run) < 0 ||
        members_compute(&s->q_m, &s->q, run) < 0)
        return -1;
    /* fixed pages first, so a data name can never take one of theirs */
    {
        static const char *const fixed[] = {"index", "forecasters", "organizations",
                                            "calibration", "sensitivity"};

        for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
            if (hs_strmap_put(&s->used, fixed[i], 0, NULL) < 0)
                return -1;
    }
    if (name_groups(s, &s->fc, &s->fc_index, &s->fc_page, "forecaster") < 0 ||
        name_groups(s, &s->org, &s->org_index, &s->org_page, "organization") < 0)
        return -1;
    if (!(s->q_page = hs_calloc(s->ds->n_questions + 1, sizeof(*s->q_page))))
        return -1;
    for (i = 0; i < s->ds->n_questions; i++) {
        hs_html_page_name("question", s->ds->questions[i].id, s->q_page[i]);
        if (claim_name(s, s->q_page[i]) < 0)
            return -1;
    }
    if (!(s->know = hs_calloc(s->ds->n_questions + 1, sizeof(*s->know))))
        return -1;
    hs_knowledge_compute(s->ds, run->opt.as_of, run->opt.replay, s->know);
    if (order_records(s) < 0 || calibrate(s) < 0)
        return -1;
    {
        const hs_lexicon *lex = run->opt.lexicon;

        s->lex_cost = lex ? hs_html_text_len(lex->name) +
                                (lex->fallback ? hs_html_text_len(lex->fallback->name) : 0)
                          : 0;
    }
    /* each forecaster's pages now: a question's page links to the page of
     * its forecaster's list that holds each forecast */
    s->fc_pg = hs_calloc(s->fc.n + 1, sizeof(*s->fc_pg));
    s->fc_where = hs_calloc(run->n + 1, sizeof(*s->fc_where));
    if (!s->fc_pg || !s->fc_where)
        return -1;
    for (i = 0; i < run->n; i++)
        s->fc_where[i] = HS_NONE;
    for (i = 0; i < s->fc.n; i++) {
        size_t k, r;

        if (group_split(s, &s->fc, i, &s->fc_pg[i]) < 0)
            return -1;
        for (k = 0; k < s->fc_pg[i].n; k++)
            for (r = s->fc_pg[i].start[k]; r < s->fc_pg[i].start[k + 1]; r++)
                s->fc_where[s->fc_m.list[i][r]] = k;
    }
    for (i = 0; i < 2; i++)
        if (hs_sensitivity_compute(&s->sens[i], s->ds, i ? HS_BY_ORGANIZATION : HS_BY_FORECASTER,
                                   run->opt.as_of, run->opt.replay, run->opt.lexicon,
                                   run->opt.horizon,
                                   s->opt->lexicons, s->opt->n_lexicons, horizons, 4) < 0)
            return -1;
    return 0;
}

int hs_site_write(const hs_run *run, const hs_site_options *opt, const char *dir,
                  hs_site_stats *stats, hs_diags *diags)
{
    site s;
    hs_strmap q_groups;
    size_t i;
    int ret = -1, fd;

    memset(&s, 0, sizeof(s));
    s.run = run;
    s.ds = run->ds;
    s.opt = opt;
    s.dir = dir;
    s.stats = stats;
    s.diags = diags;
    s.rows = opt->page_rows ? opt->page_rows : HS_SITE_ROWS;
    hs_strmap_init(&s.fc_index);
    hs_strmap_init(&s.org_index);
    hs_strmap_init(&s.used);
    hs_strmap_init(&q_groups);
    if (stats)
        memset(stats, 0, sizeof(*stats));
    if (prepare(&s) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "out of memory");
        goto cleanup;
    }
    for (i = 0; i < s.q.n; i++)
        if (hs_strmap_put(&q_groups, s.q.items[i].name, i, NULL) < 0) {
            hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "out of memory");
            goto cleanup;
        }
    if (index_page(&s) < 0 ||
        board_pages(&s, &s.fc, s.fc_page, "forecasters", "forecaster", 2) < 0 ||
        board_pages(&s, &s.org, s.org_page, "organizations", "organization", 3) < 0 ||
        calibration_page(&s) < 0 || sensitivity_page(&s) < 0)
        goto cleanup;
    for (i = 0; i < s.fc.n; i++)
        if (group_pages(&s, &s.fc, i, s.fc_page[i], "Forecaster") < 0)
            goto cleanup;
    for (i = 0; i < s.org.n; i++)
        if (group_pages(&s, &s.org, i, s.org_page[i], "Organization") < 0)
            goto cleanup;
    for (i = 0; i < s.ds->n_questions; i++)
        if (question_pages(&s, i, &q_groups) < 0)
            goto cleanup;
    /* one syncfs for thousands of pages: an fsync each would take minutes */
    if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 || syncfs(fd) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "cannot sync to disk: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        goto cleanup;
    }
    close(fd);
    ret = 0;
cleanup:
    hs_strmap_release(&q_groups);
    site_release(&s);
    return ret;
}

/* The one place the report meets atomicfile.c: a directory replaced whole. */
int hs_site_publish(const hs_run *run, const hs_site_options *opt, const char *dir,
                    hs_site_stats *stats, hs_diags *diags)
{
    char *path = NULL, *parent = NULL, *slash;
    const char *base;
    hs_afdir d;
    struct stat st;
    size_t len = strlen(dir);
    int ret = -1, removed = 0, parent_fd = -1;

    hs_afdir_init(&d);
    while (len > 1 && dir[len - 1] == '/')
        len--;
    if (!(path = hs_strndup(dir, len)))
        goto oom;
    if ((slash = strrchr(path, '/')) != NULL) {
        parent = hs_strndup(path, slash == path ? 1 : (size_t)(slash - path));
        base = slash + 1;
    } else {
        parent = hs_strdup(".");
        base = path;
    }
    if (!parent)
        goto oom;
    if (!base[0] || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
        hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0,
                     "name the report's own directory, such as '%s/report'", dir);
        goto cleanup;
    }
    /* an empty directory (made by hand for the report) gives way to the link */
    if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (rmdir(path) < 0) {
            hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0,
                         "is a directory with files in it; the report replaces its directory "
                         "as a whole, through a link hindsight keeps there: name a new or "
                         "empty directory");
            goto cleanup;
        }
        removed = 1;
    }
    if ((parent_fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, parent, 0, 0,
                     "cannot create a directory here: %s; make sure it exists and is writable",
                     strerror(errno));
        goto cleanup;
    }
    if (hs_afdir_begin(&d, parent_fd, parent, base, diags) < 0 ||
        hs_site_write(run, opt, d.path, stats, diags) < 0 || hs_afdir_commit(&d, diags) < 0)
        goto cleanup;
    {
        /* the copy the link pointed at before, and any a killed run left */
        static const char *const none[] = {NULL};

        hs_af_clean(parent_fd, parent, none, base, d.gen, diags);
    }
    ret = 0;
    goto cleanup;
oom:
    hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "out of memory");
cleanup:
    if (ret < 0 && removed)
        mkdir(path, st.st_mode & 07777);   /* put the empty directory back */
    hs_afdir_release(&d);
    if (parent_fd >= 0)
        close(parent_fd);
    hs_free(parent);
    hs_free(path);
    return ret;
}
