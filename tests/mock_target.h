/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A target over plain byte buffers, for unit tests: memory regions at
 * chosen addresses, a symbol table, and a table of types and members laid
 * out by the test as a given kernel lays them out. Everything not in the
 * tables is OC_ERR_NOT_FOUND, memory outside the regions OC_ERR_FAULT.
 */
#ifndef OC_MOCK_TARGET_H
#define OC_MOCK_TARGET_H

#include <stdlib.h>
#include <string.h>

#include "oomcore/target.h"

struct mock_region {
	uint64_t addr;
	size_t len;
	unsigned char *data;
};

struct mock_symbol {
	const char *name;
	uint64_t addr;
};

/* type "" + size: a type; type + path: a member. */
struct mock_member {
	const char *type;
	const char *path;	/* NULL for the type's own size */
	uint64_t offset, size;
	uint32_t bit_offset, bit_size;
};

struct mock_target {
	struct oc_target base;
	struct mock_region regions[16];
	int nregions;
	const struct mock_symbol *symbols;
	const struct mock_member *members;
	const char *const *vmcoreinfo;	/* "KEY=VALUE" strings, NULL-ended */
};

static struct oc_error *mock_read(struct oc_target *t, uint64_t addr,
				  void *buf, size_t len, bool physical)
{
	struct mock_target *m = (struct mock_target *)t;

	for (int i = 0; i < m->nregions; i++) {
		struct mock_region *r = &m->regions[i];

		/* No addr + len: a wild address near 2^64 would wrap. */
		if (addr >= r->addr && len <= r->len &&
		    addr - r->addr <= r->len - len) {
			memcpy(buf, r->data + (addr - r->addr), len);
			return NULL;
		}
	}
	return oc_error_create(OC_ERR_FAULT, "mock: cannot read 0x%llx",
			       (unsigned long long)addr);
}

static struct oc_error *mock_symbol(struct oc_target *t, const char *name,
				    uint64_t *addr)
{
	struct mock_target *m = (struct mock_target *)t;

	for (const struct mock_symbol *s = m->symbols; s && s->name; s++) {
		if (!strcmp(s->name, name)) {
			*addr = s->addr;
			return NULL;
		}
	}
	return oc_error_create(OC_ERR_NOT_FOUND, "mock: no symbol %s", name);
}

static const struct mock_member *mock_find(struct mock_target *m,
					   const char *type, const char *path)
{
	for (const struct mock_member *e = m->members; e && e->type; e++) {
		if (strcmp(e->type, type))
			continue;
		if ((!path && !e->path) ||
		    (path && e->path && !strcmp(path, e->path)))
			return e;
	}
	return NULL;
}

static struct oc_error *mock_type_size(struct oc_target *t, const char *type,
				       uint64_t *size)
{
	const struct mock_member *e =
		mock_find((struct mock_target *)t, type, NULL);

	if (!e)
		return oc_error_create(OC_ERR_NOT_FOUND, "mock: no type %s",
				       type);
	*size = e->size;
	return NULL;
}

static struct oc_error *mock_member(struct oc_target *t, const char *type,
				    const char *path,
				    struct oc_member_info *info)
{
	const struct mock_member *e =
		mock_find((struct mock_target *)t, type, path);

	if (!e)
		return oc_error_create(OC_ERR_NOT_FOUND, "mock: no %s.%s", type,
				       path);
	memset(info, 0, sizeof(*info));
	info->offset = e->offset;
	info->size = e->size;
	info->elem_size = e->size;
	info->bit_offset = e->bit_offset;
	info->bit_size = e->bit_size;
	return NULL;
}

static struct oc_error *mock_enumerator(struct oc_target *t, const char *name,
					int64_t *value)
{
	return oc_error_create(OC_ERR_NOT_FOUND, "mock: no enumerator %s",
			       name);
}

static const char *mock_vmcoreinfo(struct oc_target *t, const char *key)
{
	struct mock_target *m = (struct mock_target *)t;
	size_t n = strlen(key);

	for (const char *const *v = m->vmcoreinfo; v && *v; v++)
		if (!strncmp(*v, key, n) && (*v)[n] == '=')
			return *v + n + 1;
	return NULL;
}

static void mock_destroy(struct oc_target *t)
{
}

static const struct oc_target_ops mock_ops = {
	.read = mock_read,
	.symbol = mock_symbol,
	.type_size = mock_type_size,
	.member = mock_member,
	.enumerator = mock_enumerator,
	.vmcoreinfo = mock_vmcoreinfo,
	.destroy = mock_destroy,
};

static inline void mock_init(struct mock_target *m,
			     const struct mock_symbol *symbols,
			     const struct mock_member *members)
{
	memset(m, 0, sizeof(*m));
	m->base.ops = &mock_ops;
	m->base.page_size = 4096;
	m->base.ptr_size = 8;
	m->symbols = symbols;
	m->members = members;
}

/* Adds a region backed by @data (not copied; must outlive the mock). */
static inline void mock_add_region(struct mock_target *m, uint64_t addr,
				   void *data, size_t len)
{
	m->regions[m->nregions++] =
		(struct mock_region){ .addr = addr, .len = len, .data = data };
}

/* Little-endian stores into test buffers. */
static inline void put_le(void *p, uint64_t v, size_t size)
{
	unsigned char *b = p;

	for (size_t i = 0; i < size; i++)
		b[i] = i < 8 ? v >> (8 * i) : 0; /* wider: zero-extended */
}

#endif /* OC_MOCK_TARGET_H */
