/* diag.c - positioned diagnostics. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/diag.h"
#include "hindsight/format.h"
#include "internal.h"

void hs_diags_init(hs_diags *d)
{
    memset(d, 0, sizeof(*d));
}

void hs_diags_release(hs_diags *d)
{
    size_t i;

    for (i = 0; i < d->n; i++) {
        hs_free(d->items[i].file);
        hs_free(d->items[i].message);
    }
    hs_free(d->items);
    hs_diags_init(d);
}

void hs_diags_add(hs_diags *d, enum hs_severity sev, const char *file,
                  unsigned long line, unsigned long column, const char *fmt, ...)
{
    va_list ap;
    char buf[1024];
    hs_diag *item;

    if (sev == HS_SEV_ERROR)
        d->n_errors++;
    else
        d->n_warnings++;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (hs_grow((void **)&d->items, &d->alloc, d->n + 1, sizeof(*d->items)) < 0)
        goto oom;
    item = &d->items[d->n];
    item->severity = sev;
    item->line = line;
    item->column = column;
    item->seq = d->n;
    item->file = hs_strdup(file ? file : "");
    item->message = hs_strdup(buf);
    if (!item->file || !item->message) {
        hs_free(item->file);
        hs_free(item->message);
        goto oom;
    }
    d->n++;
    return;
oom:
    d->out_of_memory = 1;
}

static int diag_cmp(const void *a, const void *b)
{
    const hs_diag *x = a, *y = b;
    int c = strcmp(x->file, y->file);

    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->column != y->column)
        return x->column < y->column ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* qsort is not stable: ties keep the order the diagnostics arrived in. */
void hs_diags_sort(hs_diags *d)
{
    if (d->n > 1)
        qsort(d->items, d->n, sizeof(*d->items), diag_cmp);
}

char *hs_quote_value(const char *s, size_t len, size_t max_chars)
{
    return hs_escape(s, len, max_chars, 0);
}
