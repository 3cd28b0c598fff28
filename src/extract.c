/* extract.c - candidate forecasts from an article (rules in extract_rules.c). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "hindsight/alloc.h"
#include "hindsight/curate.h"
#include "hindsight/extract.h"
#include "hindsight/textmatch.h"
#include "extract_rules.h"
#include "internal.h"

/* ---- characters ---- */

static unsigned long cp_at(const char *t, size_t n, size_t i, size_t *len)
{
    unsigned long c = 0;
    size_t k = i < n ? hs_utf8_decode((const unsigned char *)t + i, n - i, &c) : 0;

    if (len)
        *len = k ? k : 1;
    return k ? c : 0;
}

/* Start of the code point before byte i. */
static size_t prev_start(const char *t, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && ((unsigned char)t[i] & 0xc0) == 0x80)
        i--;
    return i;
}

static unsigned long cp_before(const char *t, size_t n, size_t i)
{
    return i == 0 ? 0 : cp_at(t, n, prev_start(t, i), NULL);
}

static int is_wordch(unsigned long c)
{
    return c && (u_isalnum((UChar32)c) || c == '-');
}

static int is_apos(unsigned long c)
{
    return c == '\'' || c == 0x2019;
}

/* Does the rule phrase w (lowercase, ' = any apostrophe, ' ' = white space
 * run) match t at i as whole words?  Returns the bytes matched or 0. */
static size_t match_at(const char *t, size_t n, size_t i, const char *w)
{
    size_t j = i, k;
    unsigned long c;

    if (is_wordch(cp_before(t, n, i)) && w[0] != '\'')
        return 0;
    while (*w) {
        if (j >= n)
            return 0;
        c = cp_at(t, n, j, &k);
        if (*w == ' ') {
            if (!u_isUWhiteSpace((UChar32)c))
                return 0;
            while (j < n && u_isUWhiteSpace((UChar32)cp_at(t, n, j, &k)))
                j += k;
            w++;
            continue;
        }
        if (*w == '\'') {
            if (!is_apos(c))
                return 0;
        } else if ((unsigned long)u_tolower((UChar32)c) != (unsigned char)*w) {
            return 0;
        }
        j += k;
        w++;
    }
    if (j < n && is_wordch(cp_at(t, n, j, NULL)))
        return 0;
    return j - i;
}

/* Position a, past a leading article "a " or "an " (match_at within
 * t[0..lim)), never past b: where a role starts ("a fellow at ..."). */
static size_t skip_article(const char *t, size_t lim, size_t a, size_t b)
{
    if (match_at(t, lim, a, "a"))
        a += 2;
    else if (match_at(t, lim, a, "an"))
        a += 3;
    return a < b ? a : b;
}

/* First match of any phrase of list in [a, b); sets *at and *len. */
static const char *find_any(const char *t, size_t a, size_t b, const char *const *list,
                            size_t *at, size_t *len)
{
    size_t i, k;

    for (i = a; i < b; i += k) {
        size_t j;
        int mid;

        cp_at(t, b, i, &k);
        mid = i > a && is_wordch(cp_before(t, b, i));
        for (j = 0; list[j]; j++) {
            size_t m;
            if (mid && list[j][0] != '\'')
                continue;
            m = match_at(t, b, i, list[j]);
            if (m) {
                *at = i;
                *len = m;
                return list[j];
            }
        }
    }
    return NULL;
}

static int in_list(const char *w, size_t n, const char *const *list)
{
    size_t j;

    for (j = 0; list[j]; j++)
        if (match_at(w, n, 0, list[j]) == n)
            return 1;
    return 0;
}

static int is_upper_start(const char *t, size_t n, size_t i)
{
    return u_isupper((UChar32)cp_at(t, n, i, NULL));
}

/* ---- quotation spans ---- */

typedef struct span {
    size_t a, b;        /* content, bytes */
    size_t line;        /* byte offset where its paragraph starts */
    long cont;          /* span continued from, or -1 */
    int open_end;       /* ran to the end of its paragraph */
    long speaker;       /* person index, or -1 */
    const char *verb;   /* the reporting verb that attributed it */
} span;

typedef struct person {
    char *name, *role, *org;
    int anonymous;
} person;

typedef struct state state;
struct state {
    const char *path, *t;
    size_t n;
    size_t *line_of;       /* paragraph of every byte is too big; per sentence instead */
    span *spans;
    size_t n_spans, alloc_spans;
    person *people;
    size_t n_people, alloc_people;
    long last_person;
    hs_extraction *ex;
    const hs_extract_options *opt;
    int oom;
};

static int single_mark(unsigned long c)
{
    return c == 0x2018 || c == 0x2019 || c == '\'';
}

static int add_span(state *st, size_t a, size_t b, size_t line, long cont, int open_end)
{
    span *s;

    if (hs_grow((void **)&st->spans, &st->alloc_spans, st->n_spans + 1, sizeof(*s)) < 0)
        return st->oom = -1;
    s = &st->spans[st->n_spans++];
    s->a = a, s->b = b, s->line = line, s->cont = cont, s->open_end = open_end;
    s->speaker = -1;
    s->verb = NULL;
    return 0;
}

/* Where a quote closed without an opening mark began: after the last
 * " — " that follows a sentence end, else at the paragraph start. */
static size_t dash_start(const char *t, size_t p0, size_t close)
{
    size_t i, best = p0;

    for (i = p0; i + 4 < close; i++) {
        size_t k;
        unsigned long c = cp_at(t, close, i, &k);

        if ((c == 0x2014 || c == 0x2013) && i > p0 + 2 && t[i - 1] == ' ' &&
            (t[i - 2] == '.' || t[i - 2] == '!' || t[i - 2] == '?'))
            best = i + k;
    }
    while (best < close && t[best] == ' ')
        best++;
    return best;
}

/* Scan quotation marks paragraph by paragraph (a paragraph is a line). */
static int scan_quotes(state *st)
{
    const char *t = st->t;
    size_t n = st->n, i = 0;
    long carry = -1;          /* span left open at the end of the last paragraph */
    int carry_type = 0;

    while (i < n) {
        size_t p0 = i, p1 = i, k, open_at = 0;
        int open = 0, inner = 0;
        long cont = -1;

        while (p1 < n && t[p1] != '\n' && t[p1] != '\r')
            p1++;
        for (i = p0; i < p1; i += k) {
            unsigned long c = cp_at(t, p1, i, &k), pc = cp_before(t, p1, i);
            unsigned long nc = cp_at(t, p1, i + k, NULL);
            int type = single_mark(c) ? 1 : 2;
            int opening, closing;

            if (!(c == 0x2018 || c == 0x2019 || c == '\'' || c == 0x201c || c == 0x201d ||
                  c == '"' || c == 0xab || c == 0xbb))
                continue;
            if (type == 1 && is_wordch(pc) && is_wordch(nc))
                continue;                          /* apostrophe: can't, Putin's */
            opening = (c == 0x2018 || c == 0x201c || c == 0xab ||
                       ((c == '\'' || c == '"') && !is_wordch(pc) && nc &&
                        !u_isUWhiteSpace((UChar32)nc)));
            closing = (c == 0x2019 || c == 0x201d || c == 0xbb ||
                       ((c == '\'' || c == '"') && pc && !u_isUWhiteSpace((UChar32)pc)));
            if (!open) {
                if (opening && !(c == 0x2019)) {
                    cont = (carry >= 0 && carry_type == type && i == p0) ? carry : -1;
                    open = type;
                    open_at = i + k;
                    inner = 0;
                } else if (closing && type == 2) {
                    size_t a = dash_start(t, p0, i);
                    if (a < i && add_span(st, a, i, p0, -1, 0) < 0)
                        return -1;
                }
                continue;
            }
            if (type != open) {                    /* nested marks of the other kind */
                if (opening && !(closing && inner > 0))
                    inner++;
                else if (closing && inner > 0)
                    inner--;
                continue;
            }
            if (closing && !u_isUWhiteSpace((UChar32)pc)) {
                if (add_span(st, open_at, i, p0, cont, 0) < 0)
                    return -1;
                open = 0;
            }
        }
        carry = -1;
        if (open) {
            if (add_span(st, open_at, p1, p0, cont, 1) < 0)
                return -1;
            carry = (long)st->n_spans - 1;
            carry_type = open;
        }
        i = p1;
        while (i < n && (t[i] == '\n' || t[i] == '\r' || t[i] == ' ' || t[i] == '\t'))
            i++;
    }
    return 0;
}

/* ---- people ---- */

static long add_person(state *st, const char *name, size_t nlen, const char *role, size_t rlen,
                       int anonymous);

/* Trim white space and punctuation from both ends of [*a, *b). */
static void trim(const char *t, size_t *a, size_t *b)
{
    size_t k;

    while (*a < *b) {
        unsigned long c = cp_at(t, *b, *a, &k);
        if (!u_isUWhiteSpace((UChar32)c) && !(u_ispunct((UChar32)c) && c != '(' && c != '['))
            break;
        *a += k;
    }
    while (*b > *a) {
        size_t p = prev_start(t, *b);
        unsigned long c = cp_at(t, *b, p, NULL);
        if (!u_isUWhiteSpace((UChar32)c) && !(u_ispunct((UChar32)c) && c != ')' && c != ']'))
            break;
        *b = p;
    }
}

/* The organization in a role: the first capitalised run (of, on, for, and
 * allowed inside) after at/with/of/for/from, else the first anywhere. */
static char *org_of_pass(state *st, const char *r, size_t n, size_t passes);

/* For a named person only "at/with/of X" counts; an anonymous description
 * ("a State Department official") is named after its capitalised words. */
static char *org_of(state *st, const char *r, size_t n)
{
    return org_of_pass(st, r, n, 1);
}

static char *org_of_pass(state *st, const char *r, size_t n, size_t passes)
{
    static const char *const preps[] = { "at", "with", "of", "for", "from", NULL };
    static const char *const skip[] = { "the", "think-tank", "think", "tank", NULL };
    static const char *const joins[] = { "of", "on", "for", "and", NULL };
    size_t pass, i, k;

    for (pass = 0; pass < passes; pass++) {
        for (i = 0; i < n; i += k) {
            size_t a, b, m = 0, j;

            cp_at(r, n, i, &k);
            if (pass == 0) {
                for (j = 0; preps[j] && !(m = match_at(r, n, i, preps[j])); j++)
                    ;
                if (!m)
                    continue;
                a = i + m;
            } else {
                if (!is_upper_start(r, n, i) || is_wordch(cp_before(r, n, i)))
                    continue;
                a = i;
            }
            for (;;) {          /* skip spaces and skip-words */
                while (a < n && r[a] == ' ')
                    a++;
                for (j = 0; skip[j] && !(m = match_at(r, n, a, skip[j])); j++)
                    ;
                if (!skip[j])
                    break;
                a += m;
            }
            if (!is_upper_start(r, n, a))
                continue;
            b = a;
            for (;;) {
                size_t e = b, w;
                if (is_upper_start(r, n, e)) {
                    while (e < n && is_wordch(cp_at(r, n, e, &w)))
                        e += w;
                    b = e;
                } else {
                    for (j = 0; joins[j] && !(m = match_at(r, n, e, joins[j])); j++)
                        ;
                    if (!joins[j] || b == a || e + m + 1 >= n || !is_upper_start(r, n, e + m + 1))
                        break;
                    b = e + m;
                }
                if (b < n && r[b] == ' ' && b + 1 < n &&
                    (is_upper_start(r, n, b + 1) || in_list(r + b + 1, 2, joins) ||
                     in_list(r + b + 1, 3, joins)))
                    b++;
                else
                    break;
            }
            while (b > a && r[b - 1] == ' ')
                b--;
            if (b > a && (pass == 0 || b - a > 3)) {
                char *o = hs_strndup(r + a, b - a);
                if (!o)
                    st->oom = -1;
                return o;
            }
        }
    }
    return NULL;
}

static long find_person(state *st, const char *name, size_t nlen)
{
    long i;

    for (i = (long)st->n_people - 1; i >= 0; i--) {
        const char *pn = st->people[i].name;
        size_t pl = strlen(pn);

        if (pl == nlen && strncmp(pn, name, nlen) == 0)
            return i;
        /* a surname alone: the last word of a registered full name */
        if (pl > nlen && pn[pl - nlen - 1] == ' ' && strncmp(pn + pl - nlen, name, nlen) == 0)
            return i;
    }
    return -1;
}

/* A copy of s[0..n) with every run of white space (no-break spaces too)
 * made one ASCII space, so "Alp\u00a0Sevimlisoy" is "Alp Sevimlisoy". */
static char *clean_space(state *st, const char *s, size_t n)
{
    char *o = hs_malloc(n + 1);
    size_t i, k, m = 0;
    int sp = 0;

    if (!o) {
        st->oom = -1;
        return NULL;
    }
    for (i = 0; i < n; i += k) {
        unsigned long c = cp_at(s, n, i, &k);
        if (u_isUWhiteSpace((UChar32)c)) {
            sp = m > 0;
            continue;
        }
        if (sp)
            o[m++] = ' ';
        sp = 0;
        memcpy(o + m, s + i, k);
        m += k;
    }
    o[m] = '\0';
    return o;
}

/* A role as the article gives it, without the article "a"/"an" and the
 * punctuation around it, white space made plain. */
static char *clean_role(state *st, const char *r, size_t n)
{
    size_t a = 0, b = n;

    trim(r, &a, &b);
    a = skip_article(r, b, a, b);
    trim(r, &a, &b);
    return clean_space(st, r + a, b - a);
}

/* Give person p the role r[0..n) and the organization in it, replacing
 * any earlier guess (an anonymous speaker's organization, say). */
static void set_role(state *st, person *p, const char *r, size_t n)
{
    hs_free(p->role);
    hs_free(p->org);
    p->role = clean_role(st, r, n);
    p->org = org_of(st, r, n);
}

static long add_person(state *st, const char *raw, size_t rawlen, const char *role, size_t rlen,
                       int anonymous)
{
    char *name = clean_space(st, raw, rawlen);
    size_t nlen;
    long i;
    person *p;

    if (!name)
        return st->oom = -1;
    nlen = strlen(name);
    i = anonymous ? -1 : find_person(st, name, nlen);
    if (i >= 0) {
        hs_free(name);
        p = &st->people[i];
        if (!p->role && role && rlen) {
            set_role(st, p, role, rlen);
        }
        return i;
    }
    if (hs_grow((void **)&st->people, &st->alloc_people, st->n_people + 1, sizeof(*p)) < 0) {
        hs_free(name);
        return st->oom = -1;
    }
    p = &st->people[st->n_people];
    memset(p, 0, sizeof(*p));
    p->name = name;
    if (role && rlen) {
        set_role(st, p, role, rlen);
    } else if (anonymous) {
        p->org = org_of_pass(st, raw, rawlen, 2);
    }
    p->anonymous = anonymous;
    return (long)st->n_people++;
}

/* Words an anonymous but distinguishable speaker starts with. */
static const char *const determiners[] = {
    "a", "an", "the", "one", "two", "three", "four", "all", "another", "several", "second",
    "third", "senior", NULL,
};

/* The noun phrase [a, b) as a speaker: a name (the last capitalised run,
 * titles dropped, role from what comes before), "Mr X" or a surname met
 * before, a pronoun, or an anonymous description headed by a speaker noun.
 * Returns a person index or -1. */
/* Words a subject noun phrase never runs back across. */
static const char *const clause_openers[] = {
    "that", "which", "and", "but", "while", "because", "as", "if", "when", "where",
    "although", "though", "whether", NULL,
};

static long speaker_of(state *st, size_t a, size_t b)
{
    const char *t = st->t;
    size_t n = st->n, i, k, run_a = 0, run_b = 0, words = 0, run_words = 0, cur_a = 0;
    int in_run = 0, has_noun = 0, titled = 0, prev_title = 0, was_title;
    size_t first_word_end = a;
    long who;

    trim(t, &a, &b);
    if (a >= b)
        return -1;
    for (i = a; i < b; i += k) {
        size_t m, j;
        cp_at(t, n, i, &k);
        for (j = 0; clause_openers[j]; j++)
            if ((m = match_at(t, b, i, clause_openers[j])) != 0) {
                a = i + m;
                break;
            }
    }
    trim(t, &a, &b);
    if (a >= b)
        return -1;
    for (i = a; i < b && is_wordch(cp_at(t, n, i, NULL)); i += k)
        cp_at(t, n, i, &k);
    first_word_end = i;
    if (first_word_end - a <= 3 && in_list(t + a, first_word_end - a, hs_rule_pronouns) &&
        first_word_end == b)
        return st->last_person;
    /* Walk the words, tracking the last run of capitalised words. */
    for (i = a; i < b;) {
        size_t w0 = i;
        int upper;

        while (i < b && !is_wordch(cp_at(t, n, i, &k)) && !is_apos(cp_at(t, n, i, NULL)))
            i += k;
        w0 = i;
        while (i < b && (is_wordch(cp_at(t, n, i, &k)) || cp_at(t, n, i, NULL) == '.'))
            i += k;
        if (i == w0) {
            if (i < b)
                i += k;
            continue;
        }
        /* possessive "Turkey's" ends a run */
        upper = is_upper_start(t, n, w0) && !(i < b && is_apos(cp_at(t, n, i, NULL)));
        words++;
        if (in_list(t + w0, i - w0, hs_rule_speaker_nouns))
            has_noun = 1;
        was_title = prev_title;
        prev_title = upper && in_list(t + w0, i - w0, hs_rule_honorifics);
        if (upper && !prev_title) {
            if (!in_run)
                cur_a = w0, run_words = 0, titled = was_title;
            in_run = 1;
            run_words++;
            run_a = cur_a, run_b = i;
            if (run_words > 3) {   /* "Atlantic Council Alp Sevimlisoy": the last two */
                size_t p = run_a, cnt = 0, q;
                for (q = run_a; q < run_b; q++)
                    if (t[q] == ' ')
                        cnt++;
                while (cnt > 1 && p < run_b) {
                    if (t[p++] == ' ')
                        cnt--;
                }
                run_a = p;
            }
        } else {
            in_run = 0;
        }
        while (i < b && is_apos(cp_at(t, n, i, NULL)))
            i += 1 + (t[i] != '\'') * 2, i += (i < b && t[i] == 's');
    }
    if (run_b > run_a && (run_b == b || run_b + 1 >= b) && !has_noun) {
        /* a name ends the phrase; what precedes it is the role */
        static const char *const not_role[] = { "to", "by", "from", "with", "of", "said",
                                                "told", "says", "and", "that", "according", NULL };
        size_t ra = a, rb = run_a, lw;
        trim(t, &ra, &rb);
        for (lw = rb; lw > ra && is_wordch(cp_before(t, n, lw)); lw = prev_start(t, lw))
            ;
        if (rb > ra && (in_list(t + lw, rb - lw, not_role) || match_at(t, n, ra, "according") ||
                        in_list(t + ra, rb - ra, hs_rule_honorifics)))
            rb = ra;
        /* one capitalised word is a name only after a title ("Mr Coffey")
         * or as the surname of someone introduced before ("Kasparov") */
        if (run_words == 1 && !titled && find_person(st, t + run_a, run_b - run_a) < 0)
            return -1;
        if (rb > ra)
            ra = skip_article(t, n, ra, rb);
        who = add_person(st, t + run_a, run_b - run_a, t + ra, rb > ra ? rb - ra : 0, 0);
        if (who >= 0)
            st->last_person = who;
        return who;
    }
    if (has_noun) {
        /* "the officer": the last anonymous speaker with that head noun */
        if (match_at(t, n, a, "the")) {
            /* "the officer": the last anonymous speaker with that head noun;
             * without one the description refers to nobody we know */
            size_t h = b;
            long j;
            char *word;
            while (h > a && is_wordch(cp_before(t, n, h)))
                h = prev_start(t, h);
            if (!(word = hs_strndup(t + h, b - h)))
                return st->oom = -1;
            for (j = (long)st->n_people - 1; j >= 0; j--)
                if (st->people[j].anonymous && strstr(st->people[j].name, word) != NULL)
                    break;
            hs_free(word);
            return j;
        }
        if (words > 12 || !in_list(t + a, first_word_end - a, determiners))
            return -1;
        return add_person(st, t + a, b - a, NULL, 0, 1);
    }
    return -1;
}

/* ---- sentences ---- */

typedef struct sentence {
    size_t a, b, line;  /* bytes; line = where its paragraph starts */
} sentence;

static int sentences_of(state *st, sentence **out, size_t *count, hs_diags *diags)
{
    const char *t = st->t;
    size_t n = st->n, i, k, m = 0, alloc = 0, *map = NULL, line = 0;
    UChar *u = hs_malloc((n + 1) * sizeof(*u));
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *bi = NULL;
    int32_t s, e;
    sentence *v = NULL;
    int rc = -1;

    map = hs_malloc((n + 2) * sizeof(*map));
    if (!u || !map)
        goto out;
    for (i = 0; i < n; i += k) {
        unsigned long c = cp_at(t, n, i, &k);
        if (c > 0xffff) {
            u[m] = U16_LEAD(c), map[m++] = i;
            u[m] = U16_TRAIL(c), map[m++] = i;
        } else {
            u[m] = (UChar)c, map[m++] = i;
        }
    }
    map[m] = n;
    bi = ubrk_open(UBRK_SENTENCE, "en_US", u, (int32_t)m, &err);
    if (U_FAILURE(err)) {
        hs_diags_add(diags, HS_SEV_ERROR, st->path, 0, 0,
                     "cannot split the article into sentences: %s", u_errorName(err));
        goto out;
    }
    for (s = ubrk_first(bi), e = ubrk_next(bi); e != UBRK_DONE; s = e, e = ubrk_next(bi)) {
        size_t a = map[s], b = map[e];
        /* a sentence never spans lines: split at line ends */
        while (a < b) {
            size_t c = a;
            while (c < b && t[c] != '\n' && t[c] != '\r')
                c++;
            {
                size_t ta = a, tb = c;
                while (ta < tb && u_isUWhiteSpace((UChar32)cp_at(t, n, ta, &k)))
                    ta += k;
                while (tb > ta && (t[tb - 1] == ' ' || t[tb - 1] == '\t'))
                    tb--;
                for (line = ta; line > 0 && t[line - 1] != '\n' && t[line - 1] != '\r'; line--)
                    ;
                if (tb > ta) {
                    if (hs_grow((void **)&v, &alloc, *count + 1, sizeof(*v)) < 0)
                        goto out;
                    v[*count].a = ta, v[*count].b = tb, v[*count].line = line;
                    (*count)++;
                }
            }
            a = c;
            while (a < b && (t[a] == '\n' || t[a] == '\r'))
                a++;
        }
    }
    rc = 0;
out:
    if (bi)
        ubrk_close(bi);
    hs_free(u);
    hs_free(map);
    if (rc < 0) {
        hs_free(v);
        v = NULL;
    }
    *out = v;
    return rc;
}

/* ---- attribution ---- */

static const char *future_marker(const char *t, size_t a, size_t b, size_t *at, size_t *len);

static int in_span(const state *st, size_t i)
{
    size_t j;

    for (j = 0; j < st->n_spans; j++)
        if (i >= st->spans[j].a && i < st->spans[j].b)
            return 1;
    return 0;
}

static int is_boundary(unsigned long c)
{
    return c == ',' || c == ':' || c == ';' || c == '.' || c == '!' || c == '?' || c == 0x2013 ||
           c == 0x2014 || c == '(' || c == ')' || c == 0x201c || c == 0x201d || c == 0x2018 ||
           c == '"' || c == 0xab || c == 0xbb || (c == 0x2019);
}

/* Words that may stand between a subject and its verb ("Mr X also said"). */
static const char *const between[] = {
    "also", "now", "has", "had", "have", "then", "later", "even", "further", "recently",
    "previously", "firmly", "still", "who", "originally", NULL,
};

/* The segment ending at b going back to a boundary, not before lo. */
static size_t segment_back(const char *t, size_t n, size_t lo, size_t b)
{
    size_t i = b;

    while (i > lo) {
        size_t p = prev_start(t, i);
        unsigned long c = cp_at(t, n, p, NULL);
        if (is_boundary(c) && !(c == 0x2019 && is_wordch(cp_before(t, n, p))))
            break;
        if (c == '-' && p > lo && t[p - 1] == ' ')
            break;
        i = p;
    }
    return i;
}

/* Do the last two words of [a, b) start with capitals (a full name)? */
static int ends_in_name(const char *t, size_t a, size_t b)
{
    size_t w = b, k;

    for (k = 0; k < 2; k++) {
        while (w > a && is_wordch(cp_before(t, b, w)))
            w = prev_start(t, w);
        if (!is_upper_start(t, b, w) || (k == 0 && (w == a || t[w - 1] != ' ')))
            return 0;
        if (k == 0)
            w--;
    }
    return 1;
}

/* Resolve the subject of the reporting verb at [v, v + vlen) in the
 * paragraph [lo, hi).  Returns a person or -1. */
static long subject_of(state *st, size_t lo, size_t hi, size_t v, size_t vlen, int prep)
{
    const char *t = st->t;
    size_t n = st->n, a, b, k;
    long who = -1;

    if (!prep) {
        b = v;
        /* drop words between subject and verb */
        for (;;) {
            size_t e = b, w;
            while (e > lo && t[e - 1] == ' ')
                e--;
            w = e;
            while (w > lo && is_wordch(cp_before(t, n, w)))
                w = prev_start(t, w);
            if (w < e && in_list(t + w, e - w, between))
                b = w;
            else
                break;
        }
        a = segment_back(t, n, lo, b);
        {
            size_t ta = a, tb = b;
            trim(t, &ta, &tb);
            if (tb <= ta && a > lo && t[a - 1] == ',') {
                /* "Name, a fellow at X, believes": the apposition before the comma */
                b = a - 1;
                a = segment_back(t, n, lo, b);
                ta = a, tb = b;
                trim(t, &ta, &tb);
            }
            if (tb > ta && ends_in_name(t, ta, tb) &&
                !(match_at(t, n, ta, "a") || match_at(t, n, ta, "an") ||
                  match_at(t, n, ta, "who"))) {
                /* "..., millennium fellow at X Alp Sevimlisoy said" */
                who = speaker_of(st, ta, tb);
                if (who >= 0)
                    return who;
            }
            if (tb > ta && ta > lo) {
                /* "Name, a fellow at X, believes" or "Name, who ..., said" */
                size_t c0 = prev_start(t, ta);
                while (c0 > lo && u_isUWhiteSpace((UChar32)cp_at(t, n, c0, NULL)))
                    c0 = prev_start(t, c0);
                if (t[c0] == ',' || cp_at(t, n, c0, NULL) == 0x2013 || cp_at(t, n, c0, NULL) == 0x2014) {
                    size_t pa = segment_back(t, n, lo, c0), pb = c0;
                    trim(t, &pa, &pb);
                    if (pb > pa && is_upper_start(t, n, pa) &&
                        (match_at(t, n, ta, "who") || match_at(t, n, ta, "a") ||
                         match_at(t, n, ta, "an") || match_at(t, n, ta, "the") ||
                         !is_upper_start(t, n, ta))) {
                        int rel = match_at(t, n, ta, "who") != 0;
                        who = speaker_of(st, pa, pb);
                        if (who >= 0 && !rel && !st->people[who].anonymous && !st->people[who].role) {
                            size_t ra = skip_article(t, n, ta, tb);
                            set_role(st, &st->people[who], t + ra, tb - ra);
                        }
                        if (who >= 0)
                            return who;
                    }
                }
                return speaker_of(st, ta, tb);
            } else if (tb > ta) {
                /* a subject stands before the verb: never look after it */
                return speaker_of(st, ta, tb);
            }
        }
    }
    /* the speaker after the verb: "says the officer", "according to X" */
    a = v + vlen;
    b = a;
    while (b < hi) {
        unsigned long c = cp_at(t, n, b, &k);
        if (is_boundary(c) || (b > a && match_at(t, n, b, "who")) ||
            (b > a && !prep && (match_at(t, n, b, "that") || match_at(t, n, b, "to"))))
            break;
        b += k;
    }
    {
        size_t ta = a, tb = b;
        trim(t, &ta, &tb);
        if (tb <= ta)
            return -1;
        who = speaker_of(st, ta, tb);
        /* "a second source, a high-ranking State Department official who ..." */
        if ((who < 0 || st->people[who].anonymous) && b < hi && t[b] == ',' && !prep) {
            size_t a2 = b + 1, b2 = a2;
            while (a2 < hi && t[a2] == ' ')
                a2++;
            if (match_at(t, n, a2, "a") || match_at(t, n, a2, "an")) {
                b2 = a2;
                while (b2 < hi && t[b2] != ',' && t[b2] != '.' && t[b2] != ';')
                    b2++;
                long w2 = speaker_of(st, a2, b2);
                if (w2 >= 0 && st->people[w2].anonymous)
                    return w2;
            }
        }
        /* "according to Alp Sevimlisoy – millennium fellow at ..." */
        if (who >= 0 && !st->people[who].role && b < hi &&
            (cp_at(t, n, b, NULL) == 0x2013 || cp_at(t, n, b, NULL) == 0x2014 || t[b] == ',')) {
            size_t ra = b + (t[b] == ',' ? 1 : 3), rb;
            while (ra < hi && t[ra] == ' ')
                ra++;
            rb = ra;
            while (rb < hi && t[rb] != ',' && t[rb] != '.' && cp_at(t, n, rb, NULL) != 0x2013)
                rb++;
            size_t pat, plen;
            if (rb > ra && !is_upper_start(t, n, ra) &&
                (t[b] != ',' || match_at(t, n, ra, "a") || match_at(t, n, ra, "an") ||
                 match_at(t, n, ra, "the") ||
                 find_any(t, ra, rb, (const char *const[]){ "at", "of", "with", NULL }, &pat,
                          &plen))) {
                set_role(st, &st->people[who], t + ra, rb - ra);
            }
        }
    }
    return who;
}

/* A reporting verb in [a, b) outside quotes, whose subject resolves;
 * the one nearest to near. */
static long attribute(state *st, size_t lo, size_t hi, size_t a, size_t b, size_t near,
                      const char **verb)
{
    const char *t = st->t;
    size_t i, k, best_d = (size_t)-1;
    long best = -1;
    int pass;

    for (pass = 0; pass < 2; pass++) {
        const char *const *list = pass ? hs_rule_reporting_preps : hs_rule_reporting_verbs;
        for (i = a; i < b; i += k) {
            size_t j, m = 0;
            cp_at(t, b, i, &k);
            if (i > 0 && is_wordch(cp_before(t, b, i)))
                continue;             /* verbs start words */
            for (j = 0; list[j] && !(m = match_at(t, hi, i, list[j])); j++)
                ;
            if (m && in_span(st, i))
                continue;
            if (m) {
                size_t d = i > near ? i - near : near - i;
                long who;
                if (d >= best_d)
                    continue;
                who = subject_of(st, lo, hi, i, m, pass);
                if (who >= 0) {
                    best = who, best_d = d;
                    *verb = list[j];
                }
            }
        }
    }
    return best;
}

/* Is there a future marker in [a, b) outside quotation marks? */
static int outside_future(state *st, size_t a, size_t b)
{
    size_t at, len;

    while (future_marker(st->t, a, b, &at, &len)) {
        if (!in_span(st, at))
            return 1;
        a = at + len;
    }
    return 0;
}

/* Does span s start its paragraph (after the opening mark)? */
static int paragraph_opens_with(const state *st, const span *s)
{
    size_t i = s->line;

    while (i < s->a && !is_wordch(cp_at(st->t, st->n, i, NULL)))
        i++;
    return i == s->a && s->a - s->line <= 4;
}

static long span_speaker(state *st, size_t j, const sentence *sents, size_t ns)
{
    span *s = &st->spans[j];
    size_t lo = s->line, hi = s->line, q;

    if (s->speaker >= 0 || s->verb)
        return s->speaker;
    if (s->cont >= 0) {
        s->speaker = span_speaker(st, (size_t)s->cont, sents, ns);
        s->verb = st->spans[s->cont].verb;
        return s->speaker;
    }
    for (q = 0; q < ns; q++)
        if (sents[q].line == lo && sents[q].b > hi)
            hi = sents[q].b;
    s->speaker = attribute(st, lo, hi, lo, hi, s->a, &s->verb);
    if (s->speaker < 0 && j > 0 && st->spans[j - 1].line != s->line &&
        paragraph_opens_with(st, s)) {
        /* a paragraph of quoted speech with no attribution continues the
         * speaker of the quotation just before it */
        size_t p = j - 1, e = st->spans[p].line;
        while (e < st->n && st->t[e] != '\n' && st->t[e] != '\r')
            e++;
        while (e < st->n && u_isUWhiteSpace((UChar32)(unsigned char)st->t[e]))
            e++;
        if (e == s->line) {
            s->speaker = span_speaker(st, p, sents, ns);
            s->verb = st->spans[p].verb;
        }
    }
    if (!s->verb)
        s->verb = "";
    return s->speaker;
}

/* ---- candidates ---- */

/* The longest phrase of the lexicon in [a, b), whole words. */
static const hs_hedge *lexicon_phrase(const hs_lexicon *lx, const char *t, size_t a, size_t b,
                                      size_t *at)
{
    const hs_hedge *best = NULL;
    size_t best_len = 0;

    for (; lx; lx = lx->fallback) {
        size_t r;
        for (r = 0; r < lx->n; r++) {
            const hs_hedge *h = &lx->hedges[r];
            size_t len = strlen(h->key), i, k;
            if (len <= best_len)
                continue;
            for (i = a; i < b; i += k) {
                cp_at(t, b, i, &k);
                if ((i == 0 || !is_wordch(cp_before(t, b, i))) && match_at(t, b, i, h->key)) {
                    best = h, best_len = len, *at = i;
                    break;
                }
            }
        }
    }
    return best;
}

/* "be (very) difficult", "be the key": a judgement, not an event. */
static int evaluation_at(const char *t, size_t e, size_t b)
{
    static const char *const fillers[] = { "very", "so", "quite", "too", "extremely", "the",
                                           "a", "an", NULL };
    size_t m, j;

    if (!(m = match_at(t, b, e, "be")))
        return 0;
    for (;;) {
        e += m;
        while (e < b && t[e] == ' ')
            e++;
        for (j = 0; fillers[j] && !(m = match_at(t, b, e, fillers[j])); j++)
            ;
        if (!fillers[j])
            break;
    }
    for (j = 0; hs_rule_evaluative[j]; j++)
        if (match_at(t, b, e, hs_rule_evaluative[j]))
            return 1;
    return 0;
}

/* A future marker in [a, b) not followed by "have" nor by an evaluation;
 * its text and where. */
static const char *future_marker(const char *t, size_t a, size_t b, size_t *at, size_t *len)
{
    size_t from = a;
    const char *w;

    while ((w = find_any(t, from, b, hs_rule_future_markers, at, len)) != NULL) {
        size_t e = *at + *len, dummy, dl;
        while (e < b && (t[e] == ' ' || match_at(t, b, e, "not")))
            e += t[e] == ' ' ? 1 : 3;
        if (!(find_any(t, e, e + 5 < b ? e + 5 : b, hs_rule_past_after_modal, &dummy, &dl) &&
              dummy == e) && !evaluation_at(t, e, b))
            return w;
        from = *at + *len;
    }
    return NULL;
}

/* Is there a clause (between , ; : and dashes) in [a, b) with a future
 * marker and no prescription ("should", "have to", "would be to"), the
 * first clause not being a prescription? */
static int future_clause(const char *t, size_t a, size_t b)
{
    size_t c0 = a, i, k = 1;
    int first = 1;

    for (i = a; i <= b; i += k) {
        unsigned long c = i < b ? cp_at(t, b, i, &k) : 0;
        if (i == b)
            k = 1;
        if (i == b || c == ',' || c == ';' || c == ':' || c == 0x2013 || c == 0x2014) {
            size_t at, len;
            int prescribes = find_any(t, c0, i, hs_rule_prescriptive, &at, &len) != NULL;
            if (prescribes && at == a && match_at(t, b, a, "should"))
                prescribes = 0;   /* "Should the subsidy go, ...": a condition */
            if (first && prescribes)
                return 0;         /* "The West must ..., otherwise it will ..." */
            if (future_marker(t, c0, i, &at, &len) && !prescribes)
                return 1;
            first = 0;
            c0 = i + k;
        }
    }
    return 0;
}

/* Is the word before position i (not before lo) one of list? */
static int prev_word_in(const char *t, size_t lo, size_t i, const char *const *list)
{
    size_t e = i, w;

    while (e > lo && t[e - 1] == ' ')
        e--;
    w = e;
    while (w > lo && is_wordch(cp_before(t, e, w)))
        w = prev_start(t, w);
    return w < e && in_list(t + w, e - w, list);
}

/* "Even if we stopped ..., they would not": a hypothetical (second
 * conditional), not a forecast: an "if" clause in the past tense. */
static int hypothetical(const char *t, size_t a, size_t b)
{
    size_t at, len, i, k;

    if (!find_any(t, a, b, (const char *const[]){ "if", NULL }, &at, &len))
        return 0;
    for (i = at + len; i < b; i += k) {
        unsigned long c = cp_at(t, b, i, &k);
        size_t w = i, m;
        if (c == ',' || c == ';')
            break;
        if (is_wordch(cp_before(t, b, i)) || !is_wordch(c))
            continue;
        if (find_any(t, i, b, hs_rule_future_markers, &m, &len) && m == i)
            break;
        while (w < b && is_wordch(cp_at(t, b, w, NULL)))
            w++;
        if (((w - i > 4 && t[w - 2] == 'e' && t[w - 1] == 'd') &&
             !(prev_word_in(t, at, i, (const char *const[]){ "is", "are", "be", "been", "gets",
                                                             "get", "being", NULL }))) ||
            in_list(t + i, w - i, (const char *const[]){ "were", "was", "had", "did", NULL }))
            return 1;             /* "if we stopped": past; "if it is delayed": not */
    }
    return 0;
}

/* "led them to believe that it would": someone's past expectation, told
 * as history. */
static int past_belief(const char *t, size_t a, size_t b)
{
    static const char *const past[] = { "to believe that", "believed that", "thought that",
                                        "expected that", "hoped that", NULL };
    size_t at, len;

    return find_any(t, a, b, past, &at, &len) != NULL;
}

/* Length of the longest common substring of two normalised texts, or
 * (size_t)-1 when out of memory.  O(x.n * y.n) time, O(y.n) space. */
static size_t longest_common(const hs_ntext *x, const hs_ntext *y)
{
    size_t *row = hs_calloc(y->n + 1, sizeof(*row)), i, j, best = 0;

    if (!row)
        return (size_t)-1;
    for (i = 1; i <= x->n; i++) {
        size_t diag = 0;
        for (j = 1; j <= y->n; j++) {
            size_t up = row[j];
            row[j] = x->cp[i - 1] == y->cp[j - 1] ? diag + 1 : 0;
            if (row[j] > best)
                best = row[j];
            diag = up;
        }
    }
    hs_free(row);
    return best;
}

/* hs_strndup that records running out of memory in st. */
static char *sdup(state *st, const char *s, size_t n)
{
    char *p = s ? hs_strndup(s, n) : NULL;

    if (s && !p)
        st->oom = -1;
    return p;
}

/* Is s the whole of the text t[at .. n)?  (t is not NUL-terminated.) */
static int same_as_rest(const char *s, const char *t, size_t n, size_t at)
{
    size_t len = strlen(s);

    return at <= n && len == n - at && memcmp(s, t + at, len) == 0;
}

static int add_candidate(state *st, size_t a, size_t b, long who, int quoted, const char *verb,
                         int by_author)
{
    const char *t = st->t;
    size_t n = st->n, hat = 0, mat = 0, mlen = 0, cat, clen, j;
    const hs_hedge *h = lexicon_phrase(st->opt->lexicon, t, a, b, &hat);
    const char *marker = future_marker(t, a, b, &mat, &mlen), *neg;
    hs_candidate *c;
    char reason[400];
    double conf;
    int belief;

    if (who < 0)
        return 0;
    belief = h && in_list(h->key, strlen(h->key), hs_rule_belief_only);
    if (!marker && (!h || belief))
        return 0;                         /* nothing about the future */
    if (!(h && !belief && !in_list(h->key, strlen(h->key), hs_rule_future_markers)) &&
        (!future_clause(t, a, b) || hypothetical(t, a, b) || past_belief(t, a, b)))
        return 0;                         /* a prescription, not a prediction */
    {
        size_t e = b;
        while (e > a && (t[e - 1] == ' ' || u_ispunct((UChar32)cp_before(t, n, e))) &&
               t[e - 1] != '?')
            e = prev_start(t, e);
        if (e > a && t[e - 1] == '?')
            return 0;                     /* a question */
    }
    /* the same statement again: a caption repeating the body, other
     * quote marks; most of it already proposed for the same speaker */
    for (j = 0; j < st->ex->n; j++) {
        const hs_candidate *o = &st->ex->items[j];
        hs_ntext x, y;
        int same = 0;
        if (strcmp(o->speaker, st->people[who].name) != 0)
            continue;
        memset(&y, 0, sizeof(y));
        if (hs_ntext_init(&x, t + o->byte_start, o->byte_end - o->byte_start) < 0 ||
            hs_ntext_init(&y, t + a, b - a) < 0) {
            same = -1;
        } else {
            size_t l = longest_common(&x, &y), shorter = x.n < y.n ? x.n : y.n;
            same = l == (size_t)-1 ? -1 : l * 10 >= shorter * 6;
        }
        hs_ntext_release(&x);
        hs_ntext_release(&y);
        if (same < 0)
            return st->oom = -1;
        if (same)
            return 0;
    }
    if (hs_grow((void **)&st->ex->items, &st->ex->alloc, st->ex->n + 1, sizeof(*c)) < 0)
        return st->oom = -1;
    c = &st->ex->items[st->ex->n++];
    memset(c, 0, sizeof(*c));
    c->byte_start = a, c->byte_end = b;
    {
        size_t i, k;
        for (i = 0; i < a; i += k)
            cp_at(t, n, i, &k), c->start++;
        c->end = c->start;
        for (i = a; i < b; i += k)
            cp_at(t, n, i, &k), c->end++;
    }
    hs_text_position(t, a, &c->line, &c->column);
    c->quote = sdup(st, t + a, b - a);
    c->speaker = sdup(st, st->people[who].name, strlen(st->people[who].name));
    if (st->people[who].org)
        c->organization = sdup(st, st->people[who].org, strlen(st->people[who].org));
    if (st->people[who].role)
        c->role = sdup(st, st->people[who].role, strlen(st->people[who].role));
    if (h && (!belief || !marker || strlen(h->key) >= mlen))
        c->hedge = sdup(st, t + hat, match_at(t, n, hat, h->key));
    else
        c->hedge = sdup(st, t + mat, mlen);
    if (st->oom || !c->quote || !c->speaker || !c->hedge)
        return st->oom = -1;    /* the candidate is released with the rest */
    c->stance_yes = 1;
    if (h && h->polarity < 0)
        c->stance_yes = 0, c->stance_cue = sdup(st, c->hedge, strlen(c->hedge));
    else if ((neg = find_any(t, a, b, hs_rule_negations, &cat, &clen)) != NULL)
        c->stance_yes = 0, c->stance_cue = sdup(st, t + cat, clen);
    {
        const char *cw = find_any(t, a, b, hs_rule_conditions, &cat, &clen);
        if (cw) {
            size_t e = cat + clen;
            while (e < b && t[e] != ',' && t[e] != ';' && t[e] != '.' &&
                   cp_at(t, n, e, NULL) != 0x2013 && cp_at(t, n, e, NULL) != 0x2014)
                e++;
            c->condition_cue = sdup(st, t + cat, e - cat);
        }
    }
    {
        /* time cues: "by 2024", "in 2025", "by the end of 2024", "this spring", "next year" */
        static const char *const lead[] = { "by the end of", "before the end of", "until the end of",
                                            "by", "in", "before", "until", NULL };
        size_t i, k, m, y;
        int py = 0, pm = 0, pd = 0;
        if (st->opt->has_published)
            hs_date_to_ymd(st->opt->published, &py, &pm, &pd);
        for (i = a; i < b && !c->time_cue; i += k) {
            cp_at(t, b, i, &k);
            for (j = 0; lead[j]; j++) {
                if ((m = match_at(t, b, i, lead[j])) && i + m + 5 <= b && t[i + m] == ' ' &&
                    sscanf(t + i + m + 1, "%4zu", &y) == 1 && y >= 1900 && y <= 2200 &&
                    !is_wordch(cp_at(t, b, i + m + 5, NULL))) {
                    c->time_cue = sdup(st, t + i, m + 5);
                    snprintf(c->deadline, sizeof(c->deadline), "%04zu-12-31", y);
                    break;
                }
            }
            if (c->time_cue)
                break;
            if ((m = match_at(t, b, i, "by")) || (m = match_at(t, b, i, "in")) ||
                (m = match_at(t, b, i, "before"))) {
                /* "by August": the month's last day, this year or next */
                size_t s0 = i + m + 1, mm;
                for (j = 0; s0 < b && hs_rule_months[j]; j++)
                    if ((mm = match_at(t, b, s0, hs_rule_months[j])) &&
                        is_upper_start(t, b, s0)) {
                        c->time_cue = sdup(st, t + i, s0 + mm - i);
                        if (st->opt->has_published) {
                            int yr = py + ((int)j + 1 < pm);
                            hs_date last = (j == 11 ? hs_date_from_ymd(yr + 1, 1, 1)
                                                    : hs_date_from_ymd(yr, (int)j + 2, 1)) - 1;
                            char buf[HS_DATE_TEXT_SIZE];
                            hs_date_format(last, buf);
                            snprintf(c->deadline, sizeof(c->deadline), "%s", buf);
                        }
                        break;
                    }
                if (c->time_cue)
                    break;
            }
            if ((m = match_at(t, b, i, "within"))) {
                /* "within two years", "within 18 months", "within a year" */
                size_t s0 = i + m + 1, e = s0, um;
                long count = -1;
                for (j = 0; hs_rule_numbers[j]; j++)
                    if ((um = match_at(t, b, s0, hs_rule_numbers[j])))
                        count = (long)j, e = s0 + um;
                if (count < 0 && (um = match_at(t, b, s0, "a")))
                    count = 1, e = s0 + um;
                if (count < 0 && s0 < b && t[s0] >= '0' && t[s0] <= '9') {
                    count = 0;
                    for (e = s0; e < b && t[e] >= '0' && t[e] <= '9' && count < 1000; e++)
                        count = count * 10 + (t[e] - '0');
                }
                if (count > 0 && e < b && t[e] == ' ') {
                    hs_horizon hz = { count, 0 };
                    if ((um = match_at(t, b, e + 1, "years")) || (um = match_at(t, b, e + 1, "year")))
                        hz.unit = 'y';
                    else if ((um = match_at(t, b, e + 1, "months")) ||
                             (um = match_at(t, b, e + 1, "month")))
                        hz.unit = 'm';
                    if (hz.unit) {
                        c->time_cue = sdup(st, t + i, e + 1 + um - i);
                        if (st->opt->has_published) {
                            char buf[HS_DATE_TEXT_SIZE];
                            hs_date_format(hs_horizon_add(st->opt->published, hz), buf);
                            snprintf(c->deadline, sizeof(c->deadline), "%s", buf);
                        }
                        break;
                    }
                }
            }
            if ((m = match_at(t, b, i, "this")) || (m = match_at(t, b, i, "next")) ||
                (m = match_at(t, b, i, "by"))) {
                size_t s0 = i + m + 1, sm;
                int next = match_at(t, b, i, "next") != 0;
                if (s0 >= b)
                    continue;
                if ((sm = match_at(t, b, s0, "year"))) {
                    c->time_cue = sdup(st, t + i, s0 + sm - i);
                    if (st->opt->has_published)
                        snprintf(c->deadline, sizeof(c->deadline), "%04d-12-31",
                                 py + next);
                }
                for (j = 0; hs_rule_seasons[j][0] && !c->time_cue; j++)
                    if ((sm = match_at(t, b, s0, hs_rule_seasons[j][0]))) {
                        int yr = py + next;
                        c->time_cue = sdup(st, t + i, s0 + sm - i);
                        if (st->opt->has_published) {
                            if (!next && pm > atoi(hs_rule_seasons[j][1]))
                                yr++;
                            snprintf(c->deadline, sizeof(c->deadline), "%04d-%s", yr,
                                     hs_rule_seasons[j][1]);
                        }
                    }
            }
        }
    }
    conf = quoted ? 0.8 : by_author ? 0.5 : 0.6;
    if (st->people[who].anonymous)
        conf -= 0.1;
    if (h && !belief)
        conf += 0.1;
    if (conf > 1)
        conf = 1;
    c->confidence = conf;
    snprintf(reason, sizeof(reason), "%s%s%s%s; %s '%s'",
             by_author ? "the author's own words (opinion piece)" :
             quoted ? "quoted words" : "reported speech",
             verb && *verb ? " attributed by '" : "", verb && *verb ? verb : "",
             verb && *verb ? "'" : "", h && c->hedge && !same_as_rest(c->hedge, t, n, mat) &&
             !(marker && strncmp(c->hedge, t + mat, mlen) == 0) ? "lexicon phrase" : "future marker",
             c->hedge ? c->hedge : "");
    c->reason = sdup(st, reason, strlen(reason));
    if (!c->quote || !c->speaker || !c->hedge || !c->reason)
        return st->oom = -1;
    return 1;
}

/* Does the sentence end in a question mark (before closing quotes)? */
static int is_question(const char *t, size_t a, size_t b)
{
    while (b > a) {
        unsigned long c = cp_before(t, b, b);
        if (c == '?')
            return 1;
        if (!(u_isUWhiteSpace((UChar32)c) || u_ispunct((UChar32)c)))
            return 0;
        b = prev_start(t, b);
    }
    return 0;
}

/* "Janusz Bugajski is a Senior Fellow at ..." near the end: the author of
 * an opinion piece.  Returns a person or -1. */
static long find_author(state *st, const sentence *s, size_t ns, size_t *byline)
{
    const char *t = st->t;
    size_t q, from = ns > 8 ? ns - 8 : 0;

    for (q = ns; q-- > from;) {
        size_t a = s[q].a, b = s[q].b, i = a, k, words = 0, m;

        while (i < b) {
            size_t w = i;
            if (!is_upper_start(t, b, i))
                break;
            while (i < b && is_wordch(cp_at(t, b, i, &k)))
                i += k;
            if (i == w)
                break;
            words++;
            if (i < b && t[i] == ' ' && is_upper_start(t, b, i + 1))
                i++;
            else
                break;
        }
        if (words < 2 || words > 3 || i + 1 >= b || t[i] != ' ')
            continue;
        if ((m = match_at(t, b, i + 1, "is a")) || (m = match_at(t, b, i + 1, "is an")) ||
            (m = match_at(t, b, i + 1, "is the"))) {
            size_t ra = i + 1 + m + 1 - (match_at(t, b, i + 1, "is the") ? 4 : 0), rb = b;
            if (match_at(t, b, i + 1, "is the"))
                ra = i + 1 + 3;
            trim(t, &ra, &rb);
            *byline = q;
            return add_person(st, t + a, i - a, t + ra, rb - ra, 0);
        }
    }
    return -1;
}

/* "James Rogers, co-founder of the Council on Geostrategy," introduces a
 * person: register the name and the role, and make them the last person. */
static void introductions(state *st, const sentence *s)
{
    const char *t = st->t;
    size_t i, k;

    for (i = s->a; i < s->b; i += k) {
        unsigned long c = cp_at(t, s->b, i, &k);
        size_t na, nb, ra, rb;

        if (!(c == ',' || ((c == 0x2013 || c == 0x2014) && i > s->a && t[i - 1] == ' ')))
            continue;
        nb = i;
        while (nb > s->a && t[nb - 1] == ' ')
            nb--;
        na = segment_back(t, s->b, s->a, nb);
        trim(t, &na, &nb);
        ra = i + k;
        while (ra < s->b && t[ra] == ' ')
            ra++;
        if (ra >= s->b || is_upper_start(t, s->b, ra) || in_span(st, ra))
            continue;
        if (!(match_at(t, s->b, ra, "a") || match_at(t, s->b, ra, "an") ||
              find_any(t, ra, ra + 40 < s->b ? ra + 40 : s->b,
                       (const char *const[]){ "at", "of", "with", NULL }, &rb, &rb)))
            continue;
        rb = ra;
        while (rb < s->b && t[rb] != ',' && t[rb] != '.' && cp_at(t, s->b, rb, NULL) != 0x2013 &&
               cp_at(t, s->b, rb, NULL) != 0x2014 && !match_at(t, s->b, rb, "who"))
            rb++;
        if (nb > na && is_upper_start(t, s->b, na)) {
            /* the phrase must end in a name of two or more capitalised words */
            size_t w = nb, caps = 0;
            while (w > na) {
                size_t e = w;
                while (w > na && is_wordch(cp_before(t, s->b, w)))
                    w = prev_start(t, w);
                if (w == e || !is_upper_start(t, s->b, w))
                    break;
                caps++;
                if (w > na && t[w - 1] == ' ')
                    w--;
                else
                    break;
            }
            if (caps >= 2) {
                long who;
                ra = skip_article(t, s->b, ra, rb);
                who = speaker_of(st, na, nb);
                if (who >= 0 && !st->people[who].anonymous) {
                    if (!st->people[who].role) {
                        size_t ta = ra, tb = rb;
                        trim(t, &ta, &tb);
                        set_role(st, &st->people[who], t + ta, tb - ta);
                    }
                    st->last_person = who;
                }
            }
        }
    }
}

static void mark_recorded(state *st)
{
    const hs_dataset *ds = st->opt->recorded;
    size_t i, f, j;

    if (!ds || !st->opt->seed)
        return;
    for (i = 0; i < st->ex->n; i++) {
        hs_candidate *c = &st->ex->items[i];
        hs_ntext nt;

        if (hs_ntext_init(&nt, c->quote, strlen(c->quote)) < 0) {
            st->oom = -1;
            return;
        }
        for (f = 0; f < ds->n_forecasts && !c->recorded_as && !st->oom; f++) {
            const hs_forecast *fc = &ds->forecasts[f];
            for (j = 0; j <= fc->n_also && !c->recorded_as; j++) {
                size_t src = j == 0 ? fc->source : fc->also[j - 1].source;
                const char *quote = j == 0 ? fc->quote : fc->also[j - 1].quote;
                const char *seed = src < ds->n_sources ? ds->sources[src].seed : NULL;
                size_t a, b;
                hs_ntext qt;
                int hit = 0, same;

                if (!quote || !seed || strcmp(seed, st->opt->seed) != 0)
                    continue;
                if ((same = hs_speaker_matches(c->speaker, fc->forecaster, fc->role)) <= 0) {
                    if (same < 0)
                        st->oom = -1;
                    continue;
                }
                if ((hit = hs_quote_find(&nt, quote, &a, &b)) == 0) {
                    if (hs_ntext_init(&qt, quote, strlen(quote)) < 0)
                        hit = -1;
                    else
                        hit = hs_quote_find(&qt, c->quote, &a, &b);
                    hs_ntext_release(&qt);
                }
                if (hit < 0)
                    st->oom = -1;
                else if (hit)
                    c->recorded_as = sdup(st, fc->id, strlen(fc->id));
            }
        }
        hs_ntext_release(&nt);
    }
}

int hs_extract(hs_extraction *ex, const char *path, const char *text, size_t len,
               const hs_extract_options *opt, hs_diags *diags)
{
    state st;
    sentence *sents = NULL;
    size_t ns = 0, q, bad, i, byline = (size_t)-1, title_end = 0, errors_before = diags->n_errors;
    long author = -1;
    int rc = -1;

    memset(&st, 0, sizeof(st));
    st.path = path;
    st.ex = ex;
    st.opt = opt;
    st.last_person = -1;
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        text += 3, len -= 3;   /* offsets then count from after the mark */
    if (memchr(text, '\0', len)) {
        unsigned long line, col;
        hs_text_position(text, (size_t)((const char *)memchr(text, '\0', len) - text), &line, &col);
        hs_diags_add(diags, HS_SEV_ERROR, path, line, col,
                     "NUL byte in the article; is it a text file?");
        return -1;
    }
    if ((bad = hs_utf8_check(text, len)) < len) {
        unsigned long line, col;
        hs_text_position(text, bad, &line, &col);
        hs_diags_add(diags, HS_SEV_ERROR, path, line, col,
                     "byte 0x%02x is not UTF-8; convert the article to UTF-8 (iconv -f CHARSET -t UTF-8)",
                     (unsigned char)text[bad]);
        return -1;
    }
    st.t = text;
    st.n = len;
    for (i = 0; i < len && u_isUWhiteSpace((UChar32)cp_at(text, len, i, &q)); i += q)
        ;
    if (i == len) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0,
                     "the article is empty; expected its text, title on the first line");
        return -1;
    }
    title_end = i;
    while (title_end < len && text[title_end] != '\n' && text[title_end] != '\r')
        title_end++;
    if (!(ex->title = hs_strndup(text + i, title_end - i)))
        goto oom;
    if (scan_quotes(&st) < 0 || sentences_of(&st, &sents, &ns, diags) < 0)
        goto fail;
    author = find_author(&st, sents, ns, &byline);
    if (author >= 0 && !(ex->author = hs_strdup(st.people[author].name)))
        goto oom;
    for (q = 0; q < ns && !st.oom; q++) {
        const sentence *s = &sents[q];
        size_t j, qa = (size_t)-1, qb = 0, quoted = 0;
        long who = -1;
        const char *verb = NULL;
        size_t lo = s->line, hi = s->b, r;

        if (s->a < title_end || q == byline || is_question(text, s->a, s->b))
            continue;
        introductions(&st, s);
        for (r = q; r < ns && sents[r].line == s->line; r++)
            hi = sents[r].b;
        for (j = 0; j < st.n_spans; j++) {
            const span *sp = &st.spans[j];
            size_t a = sp->a > s->a ? sp->a : s->a, b = sp->b < s->b ? sp->b : s->b;
            if (a >= b)
                continue;
            if (who < 0)
                who = span_speaker(&st, j, sents, ns), verb = st.spans[j].verb;
            quoted += b - a;
            if (a < qa)
                qa = a;
            if (b > qb)
                qb = b;
        }
        if (who >= 0 && (quoted * 2 >= s->b - s->a || !outside_future(&st, s->a, s->b))) {
            /* one candidate per quoted piece: "‘A,’ says X. — B”" is two */
            for (j = 0; j < st.n_spans; j++) {
                const span *sp = &st.spans[j];
                size_t a = sp->a > s->a ? sp->a : s->a, b = sp->b < s->b ? sp->b : s->b;
                long pw;
                if (a >= b)
                    continue;
                pw = span_speaker(&st, j, sents, ns);
                trim(text, &a, &b);
                if (b < s->b && (text[b] == '.' || text[b] == '!'))
                    b++;
                if (pw >= 0 && a < b && add_candidate(&st, a, b, pw, 1, st.spans[j].verb, 0) < 0)
                    goto fail;
            }
            (void)qa, (void)qb;
            continue;
        }
        verb = NULL;
        who = attribute(&st, lo, hi, s->a, s->b, s->a, &verb);
        if (who >= 0) {
            if (add_candidate(&st, s->a, s->b, who, 0, verb, 0) < 0)
                goto fail;
            continue;
        }
        if (author >= 0 && quoted == 0) {
            /* a headline, a caption or a link has no full stop */
            unsigned long last = cp_before(text, len, s->b);
            if ((last == '.' || last == '!') && add_candidate(&st, s->a, s->b, author, 0, NULL, 1) < 0)
                goto fail;
        }
    }
    if (st.oom)
        goto oom;
    mark_recorded(&st);
    if (st.oom)
        goto oom;
    rc = 0;
    goto out;
oom:
    hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "out of memory");
fail:
    if (diags->n_errors == errors_before)   /* failed without saying why: memory */
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "out of memory");
out:
    for (i = 0; i < st.n_people; i++) {
        hs_free(st.people[i].name);
        hs_free(st.people[i].role);
        hs_free(st.people[i].org);
    }
    hs_free(st.people);
    hs_free(st.spans);
    hs_free(sents);
    return rc;
}

void hs_extraction_init(hs_extraction *ex)
{
    memset(ex, 0, sizeof(*ex));
}

void hs_extraction_release(hs_extraction *ex)
{
    size_t i;

    for (i = 0; i < ex->n; i++) {
        hs_candidate *c = &ex->items[i];
        hs_free(c->quote);
        hs_free(c->speaker);
        hs_free(c->organization);
        hs_free(c->role);
        hs_free(c->hedge);
        hs_free(c->stance_cue);
        hs_free(c->condition_cue);
        hs_free(c->time_cue);
        hs_free(c->reason);
        hs_free(c->recorded_as);
    }
    hs_free(ex->items);
    hs_free(ex->title);
    hs_free(ex->author);
    memset(ex, 0, sizeof(*ex));
}

/* ---- speaker matching ---- */

/* Are two words (bytes, each under 63) equal or one edit apart?  The
 * Levenshtein distance is curate.c's (hs_edit_distance_cp), on bytes. */
static int within_one_edit(const char *a, size_t n, const char *b, size_t m, size_t *d)
{
    unsigned long wa[64], wb[64];
    size_t i;

    if (n >= 63 || m >= 63)
        return 0;
    for (i = 0; i < n; i++)
        wa[i] = (unsigned char)a[i];
    for (i = 0; i < m; i++)
        wb[i] = (unsigned char)b[i];
    *d = hs_edit_distance_cp(wa, n, wb, m, 1);
    return *d <= 1;
}

/* Lowercase words of s, separated by single spaces, in a new string. */
static char *word_list(const char *s)
{
    size_t n = strlen(s), i, k, o = 0;
    char *w = hs_malloc(n * 4 + 2);
    int sep = 1;

    if (!w)
        return NULL;
    for (i = 0; i < n; i += k) {
        unsigned long c = cp_at(s, n, i, &k);
        if (u_isalnum((UChar32)c)) {
            char buf[8];
            size_t bl = 0;
            UChar32 l = u_tolower((UChar32)c);
            if (l < 0x80)
                buf[bl++] = (char)l;
            else
                memcpy(buf, s + i, k), bl = k;
            memcpy(w + o, buf, bl);
            o += bl;
            sep = 0;
        } else if (!sep) {
            w[o++] = ' ';
            sep = 1;
        }
    }
    while (o > 0 && w[o - 1] == ' ')
        o--;
    w[o] = '\0';
    return w;
}

int hs_speaker_matches(const char *speaker, const char *forecaster, const char *role)
{
    static const char *const stop[] = { "who", "the", "that", "with", "from", "works", "deals",
                                        "senior", "high", "ranking", "spoke", "told", NULL };
    char *sp = word_list(speaker), *other = NULL;
    size_t shared = 0, words = 0;
    int named = is_upper_start(speaker, strlen(speaker), 0) &&
                !match_at(speaker, strlen(speaker), 0, "a") &&
                !match_at(speaker, strlen(speaker), 0, "an") &&
                !match_at(speaker, strlen(speaker), 0, "the");
    int hit = 0;
    const char *p;

    {
        size_t fl = strlen(forecaster), rl = role ? strlen(role) : 0;
        char *both = hs_malloc(fl + rl + 2);
        if (both) {
            memcpy(both, forecaster, fl);
            both[fl] = ' ';
            memcpy(both + fl + 1, role ? role : "", rl);
            both[fl + 1 + rl] = '\0';
            other = word_list(both);
            hs_free(both);
        }
    }
    if (!sp || !other) {
        hit = -1;
        goto out;
    }
    /* every word of the speaker against every word of the other side */
    for (p = sp; *p;) {
        const char *e = strchr(p, ' '), *q;
        size_t len = e ? (size_t)(e - p) : strlen(p);
        int stopword = 0, found = 0;
        size_t j;

        for (j = 0; stop[j]; j++)
            if (strlen(stop[j]) == len && strncmp(stop[j], p, len) == 0)
                stopword = 1;
        if (len >= 3 && !stopword) {
            words++;
            for (q = other; *q;) {
                const char *qe = strchr(q, ' ');
                size_t ql = qe ? (size_t)(qe - q) : strlen(q);
                size_t d;

                if (within_one_edit(p, len, q, ql, &d) && (d == 0 || (len >= 6 && ql >= 6)))
                    found = 1;
                q += ql + (qe ? 1 : 0);
            }
            if (found)
                shared++;
            if (named && !e)          /* a name: the surname decides */
                hit = found;
        }
        p += len + (e ? 1 : 0);
    }
    if (!named)
        hit = shared >= 2 || (shared >= 1 && words == 1);
out:
    hs_free(sp);
    hs_free(other);
    return hit;
}

int hs_extract_file(hs_extraction *ex, const char *path, const hs_extract_options *opt,
                    hs_diags *diags)
{
    char *text = NULL;
    size_t len = 0;
    int rc;

    if (hs_read_file(path, &text, &len, diags) < 0)
        return -1;
    rc = hs_extract(ex, path, text, len, opt, diags);
    hs_free(text);
    return rc;
}
