/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A hash map from (kind, string) to a 64-bit value, open addressing.
 * Keys are borrowed: the caller keeps them alive as long as the map (use
 * strings that live in a mapped file or an arena). @kind lets one map hold
 * several namespaces ('s' for struct tags, 't' for typedefs, ...).
 */
#ifndef OOMCORE_STRMAP_H
#define OOMCORE_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct oc_strmap_entry {
	const char *key;	/* NULL: empty slot */
	uint64_t value;
	uint32_t hash;
	uint8_t kind;
};

struct oc_strmap {
	struct oc_strmap_entry *slots;
	size_t cap;	/* power of two, or 0 */
	size_t len;
};

/*
 * Inserts (@kind, @key) -> @value unless the key is present (the first
 * value wins). Returns false only when memory runs out.
 */
bool oc_strmap_insert(struct oc_strmap *m, uint8_t kind, const char *key,
		      uint64_t value);
/* Looks a key up; returns true and sets *@value when found. */
bool oc_strmap_find(const struct oc_strmap *m, uint8_t kind, const char *key,
		    uint64_t *value);
void oc_strmap_free(struct oc_strmap *m);

#endif /* OOMCORE_STRMAP_H */
