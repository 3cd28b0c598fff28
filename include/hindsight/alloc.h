/*
 * alloc.h - the allocator every part of hindsight goes through.
 *
 * All functions return NULL when memory runs out and never abort; callers
 * check and report HS_ENOMEM.  Memory from these functions is released with
 * hs_free().  jansson and libcsv are pointed at the same functions by
 * hs_library_init(), so an injected failure (below) reaches them too.
 */
#ifndef HINDSIGHT_ALLOC_H
#define HINDSIGHT_ALLOC_H

#include <stddef.h>

void *hs_malloc(size_t size);
void *hs_calloc(size_t count, size_t size);
void *hs_realloc(void *ptr, size_t size);
/* Grow *items to hold at least need elements of elem_size bytes, doubling
 * capacity.  Returns 0 on success, -1 (leaving *items intact) on failure. */
int hs_grow(void **items, size_t *alloc, size_t need, size_t elem_size);
char *hs_strdup(const char *s);
char *hs_strndup(const char *s, size_t n);
void hs_free(void *ptr);

/*
 * Failure injection for tests: after hs_alloc_fail_at(n) with n > 0, the
 * n-th allocation from then on (counting from 1) and every later one fail.
 * n == 0 turns injection off.  hs_alloc_count() tells how many allocations
 * were made since the last hs_alloc_fail_at() call.
 */
void hs_alloc_fail_at(unsigned long n);
unsigned long hs_alloc_count(void);

#endif
