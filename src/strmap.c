/* strmap.c - open-addressing hash map from borrowed strings to indices. */
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/strmap.h"

void hs_strmap_init(hs_strmap *m)
{
    memset(m, 0, sizeof(*m));
}

void hs_strmap_release(hs_strmap *m)
{
    hs_free(m->keys);
    hs_free(m->values);
    hs_free(m->hashes);
    hs_strmap_init(m);
}

/* FNV-1a: simple and good enough for ids. */
static size_t hash(const char *s)
{
    size_t h = (size_t)14695981039346656037ULL;

    while (*s) {
        h ^= (unsigned char)*s++;
        h *= (size_t)1099511628211ULL;
    }
    return h;
}

static size_t slot_of(const hs_strmap *m, const char *key, size_t h)
{
    size_t i = h & (m->cap - 1);

    while (m->keys[i] && (m->hashes[i] != h || strcmp(m->keys[i], key) != 0))
        i = (i + 1) & (m->cap - 1);
    return i;
}

static int rehash(hs_strmap *m, size_t cap)
{
    hs_strmap bigger;
    size_t i;

    bigger.keys = hs_calloc(cap, sizeof(*bigger.keys));
    bigger.values = hs_calloc(cap, sizeof(*bigger.values));
    bigger.hashes = hs_calloc(cap, sizeof(*bigger.hashes));
    if (!bigger.keys || !bigger.values || !bigger.hashes) {
        hs_free(bigger.keys);
        hs_free(bigger.values);
        hs_free(bigger.hashes);
        return -1;
    }
    bigger.cap = cap;
    bigger.n = m->n;
    for (i = 0; i < m->cap; i++) {
        if (m->keys[i]) {
            size_t s = slot_of(&bigger, m->keys[i], m->hashes[i]);

            bigger.keys[s] = m->keys[i];
            bigger.values[s] = m->values[i];
            bigger.hashes[s] = m->hashes[i];
        }
    }
    hs_strmap_release(m);
    *m = bigger;
    return 0;
}

int hs_strmap_put(hs_strmap *m, const char *key, size_t value, size_t *existing)
{
    size_t s, h = hash(key);

    if ((m->n + 1) * 2 > m->cap && rehash(m, m->cap ? m->cap * 2 : 64) < 0)
        return -1;
    s = slot_of(m, key, h);
    if (m->keys[s]) {
        if (existing)
            *existing = m->values[s];
        return 0;
    }
    m->keys[s] = key;
    m->values[s] = value;
    m->hashes[s] = h;
    m->n++;
    return 1;
}

int hs_strmap_get(const hs_strmap *m, const char *key, size_t *value)
{
    size_t s;

    if (m->cap == 0)
        return 0;
    s = slot_of(m, key, hash(key));
    if (!m->keys[s])
        return 0;
    *value = m->values[s];
    return 1;
}
