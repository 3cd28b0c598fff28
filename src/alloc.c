/* alloc.c - allocation wrappers with failure injection for tests. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#include "hindsight/alloc.h"

static unsigned long fail_at;     /* 0 = never */
/* atomic: a bulk file may be read by two threads (stream.c) */
static _Atomic unsigned long alloc_count;

void hs_alloc_fail_at(unsigned long n)
{
    fail_at = n;
    alloc_count = 0;
}

unsigned long hs_alloc_count(void)
{
    return alloc_count;
}

/* One counted allocation attempt; returns 1 when it must fail, with errno
 * set as a real failure sets it. */
static int injected_failure(void)
{
    alloc_count++;
    if (fail_at == 0 || alloc_count < fail_at)
        return 0;
    errno = ENOMEM;
    return 1;
}

void *hs_malloc(size_t size)
{
    if (injected_failure())
        return NULL;
    return malloc(size ? size : 1);
}

void *hs_calloc(size_t count, size_t size)
{
    if (injected_failure())
        return NULL;
    if (count == 0 || size == 0)
        count = size = 1;
    return calloc(count, size);
}

void *hs_realloc(void *ptr, size_t size)
{
    if (injected_failure())
        return NULL;
    return realloc(ptr, size ? size : 1);
}

int hs_grow(void **items, size_t *alloc, size_t need, size_t elem_size)
{
    size_t cap;
    void *p;

    if (need <= *alloc)
        return 0;
    cap = *alloc ? *alloc : 8;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return -1;
        cap *= 2;
    }
    if (cap > SIZE_MAX / elem_size)
        return -1;
    p = hs_realloc(*items, cap * elem_size);
    if (!p)
        return -1;
    *items = p;
    *alloc = cap;
    return 0;
}

char *hs_strndup(const char *s, size_t n)
{
    char *p = hs_malloc(n + 1);

    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *hs_strdup(const char *s)
{
    return s ? hs_strndup(s, strlen(s)) : NULL;
}

void hs_free(void *ptr)
{
    free(ptr);
}
