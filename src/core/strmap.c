// SPDX-License-Identifier: GPL-2.0-or-later
/* (kind, string) -> u64 hash map: see oomcore/strmap.h. */
#include <stdlib.h>
#include <string.h>

#include "oomcore/strmap.h"

static uint32_t hash_key(uint8_t kind, const char *key)
{
	uint32_t h = 2166136261u ^ kind;

	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

static struct oc_strmap_entry *lookup(const struct oc_strmap *m, uint8_t kind,
				      const char *key, uint32_t h)
{
	size_t mask = m->cap - 1;

	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct oc_strmap_entry *e = &m->slots[i];

		if (!e->key || (e->hash == h && e->kind == kind &&
				!strcmp(e->key, key)))
			return e;
	}
}

static bool grow(struct oc_strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct oc_strmap old = *m;

	m->slots = calloc(cap, sizeof(*m->slots));
	if (!m->slots) {
		*m = old;
		return false;
	}
	m->cap = cap;
	for (size_t i = 0; i < old.cap; i++) {
		struct oc_strmap_entry *e = &old.slots[i];

		if (e->key)
			*lookup(m, e->kind, e->key, e->hash) = *e;
	}
	free(old.slots);
	return true;
}

bool oc_strmap_insert(struct oc_strmap *m, uint8_t kind, const char *key,
		      uint64_t value)
{
	uint32_t h = hash_key(kind, key);
	struct oc_strmap_entry *e;

	if ((m->len + 1) * 4 > m->cap * 3 && !grow(m))
		return false;
	e = lookup(m, kind, key, h);
	if (e->key)
		return true;
	e->key = key;
	e->value = value;
	e->hash = h;
	e->kind = kind;
	m->len++;
	return true;
}

bool oc_strmap_find(const struct oc_strmap *m, uint8_t kind, const char *key,
		    uint64_t *value)
{
	struct oc_strmap_entry *e;

	if (!m->cap)
		return false;
	e = lookup(m, kind, key, hash_key(kind, key));
	if (!e->key)
		return false;
	*value = e->value;
	return true;
}

void oc_strmap_free(struct oc_strmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}
