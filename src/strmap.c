/* strmap.c - open-addressing hash map from borrowed strings to indices. */
#include <stdint.h>
#include <string.h>

#include "hindsight/alloc.h"
#include "hindsight/strmap.h"

void hs_strmap_init(hs_strmap *m)
{
    memset(m, 0, sizeof(*m));
}

void hs_strmap_release(hs_strmap *m)
{
    hs_free(m->slots);
    hs_strmap_init(m);
}

/* FNV-1a with a final mix (murmur3's): the table uses the low bits, the
 * tag the high ones. */
uint64_t hs_strmap_hash(const char *s)
{
    uint64_t h = 14695981039346656037ULL;

    while (*s) {
        h ^= (unsigned char)*s++;
        h *= 1099511628211ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static size_t slot_of(const hs_strmap *m, const char *key, uint64_t h)
{
    size_t i = (size_t)h & (m->cap - 1);
    uint32_t tag = (uint32_t)(h >> 32);
    const hs_strmap_slot *s;

    while ((s = &m->slots[i])->key && (s->tag != tag || strcmp(s->key, key) != 0))
        i = (i + 1) & (m->cap - 1);
    return i;
}

static int rehash(hs_strmap *m, size_t cap)
{
    hs_strmap bigger;
    size_t i;

    if (!(bigger.slots = hs_calloc(cap, sizeof(*bigger.slots))))
        return -1;
    bigger.cap = cap;
    bigger.n = m->n;
    for (i = 0; i < m->cap; i++)
        if (m->slots[i].key)
            bigger.slots[slot_of(&bigger, m->slots[i].key, hs_strmap_hash(m->slots[i].key))] =
                m->slots[i];
    hs_strmap_release(m);
    *m = bigger;
    return 0;
}

int hs_strmap_put(hs_strmap *m, const char *key, size_t value, size_t *existing)
{
    size_t s;
    uint64_t h = hs_strmap_hash(key);

    if (value > UINT32_MAX ||
        ((m->n + 1) * 2 > m->cap && rehash(m, m->cap ? m->cap * 2 : 64) < 0))
        return -1;
    s = slot_of(m, key, h);
    if (m->slots[s].key) {
        if (existing)
            *existing = m->slots[s].value;
        return 0;
    }
    m->slots[s].key = key;
    m->slots[s].tag = (uint32_t)(h >> 32);
    m->slots[s].value = (uint32_t)value;
    m->n++;
    return 1;
}

int hs_strmap_get(const hs_strmap *m, const char *key, size_t *value)
{
    size_t s;

    if (m->cap == 0)
        return 0;
    s = slot_of(m, key, hs_strmap_hash(key));
    if (!m->slots[s].key)
        return 0;
    *value = m->slots[s].value;
    return 1;
}
