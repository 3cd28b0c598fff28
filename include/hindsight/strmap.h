/*
 * strmap.h - a string-keyed hash map from ids to array indices.
 *
 * Keys are borrowed: the map stores the pointers it is given, and the caller
 * keeps the strings alive for the map's lifetime.
 */
#ifndef HINDSIGHT_STRMAP_H
#define HINDSIGHT_STRMAP_H

#include <stddef.h>
#include <stdint.h>

/* 16 bytes: four slots to a cache line (a bulk stream looks up several
 * keys a row, and the tables outgrow the caches). */
typedef struct hs_strmap_slot {
    const char *key;     /* NULL when the slot is empty */
    uint32_t tag;        /* the hash's high bits, compared before the key */
    uint32_t value;
} hs_strmap_slot;

typedef struct hs_strmap {
    hs_strmap_slot *slots;   /* one array: a probe touches one cache line */
    size_t n, cap;       /* entries, slots (power of two) */
} hs_strmap;

/* The map's hash of s: 64-bit FNV-1a with murmur3's final mix (also the
 * stream's duplicate-id fingerprint, stream.c). */
uint64_t hs_strmap_hash(const char *s);

void hs_strmap_init(hs_strmap *m);
void hs_strmap_release(hs_strmap *m);
/* Insert key -> value unless key is present.  Returns 1 when inserted, 0
 * when the key was already there (*existing set to its value when not NULL),
 * -1 when out of memory (or value does not fit in 32 bits, which an index
 * of an array in memory never reaches first). */
int hs_strmap_put(hs_strmap *m, const char *key, size_t value, size_t *existing);
/* Returns 1 and sets *value when found, else 0. */
int hs_strmap_get(const hs_strmap *m, const char *key, size_t *value);

#endif
