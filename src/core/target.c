// SPDX-License-Identifier: GPL-2.0-or-later
/* Target helpers shared by every implementation: see oomcore/target.h. */
#include <string.h>

#include "oomcore/target.h"

struct oc_error *oc_target_read(struct oc_target *t, uint64_t addr, void *buf,
				size_t len)
{
	return t->ops->read(t, addr, buf, len, false);
}

struct oc_error *oc_target_read_phys(struct oc_target *t, uint64_t addr,
				     void *buf, size_t len)
{
	return t->ops->read(t, addr, buf, len, true);
}

uint64_t oc_target_decode_uint(const struct oc_target *t, const void *p,
			       size_t size)
{
	const unsigned char *b = p;
	uint64_t v = 0;

	if (size > 8)
		size = 8;
	for (size_t i = 0; i < size; i++) {
		size_t idx = t->big_endian ? i : size - 1 - i;

		v = (v << 8) | b[idx];
	}
	return v;
}

int64_t oc_target_decode_sint(const struct oc_target *t, const void *p,
			      size_t size)
{
	uint64_t v = oc_target_decode_uint(t, p, size);

	if (size > 0 && size < 8 && (v & (1ULL << (size * 8 - 1))))
		v |= ~0ULL << (size * 8);
	return (int64_t)v;
}

struct oc_error *oc_target_read_int(struct oc_target *t, uint64_t addr,
				    size_t size, uint64_t *v)
{
	unsigned char buf[8];
	struct oc_error *err;

	if (size == 0 || size > 8)
		return oc_error_create(OC_ERR_INVALID,
				       "cannot read a %zu-byte integer", size);
	err = oc_target_read(t, addr, buf, size);
	if (err)
		return err;
	*v = oc_target_decode_uint(t, buf, size);
	return NULL;
}

struct oc_error *oc_target_read_sint(struct oc_target *t, uint64_t addr,
				     size_t size, int64_t *v)
{
	uint64_t u;
	struct oc_error *err = oc_target_read_int(t, addr, size, &u);

	if (!err)
		*v = size < 8 && (u & (1ULL << (size * 8 - 1))) ?
			     (int64_t)(u | ~0ULL << (size * 8)) :
			     (int64_t)u;
	return err;
}

struct oc_error *oc_target_read_u64(struct oc_target *t, uint64_t addr,
				    uint64_t *v)
{
	return oc_target_read_int(t, addr, 8, v);
}

struct oc_error *oc_target_read_u32(struct oc_target *t, uint64_t addr,
				    uint32_t *v)
{
	uint64_t tmp;
	struct oc_error *err = oc_target_read_int(t, addr, 4, &tmp);

	if (!err)
		*v = (uint32_t)tmp;
	return err;
}

struct oc_error *oc_target_read_ptr(struct oc_target *t, uint64_t addr,
				    uint64_t *v)
{
	return oc_target_read_int(t, addr, t->ptr_size, v);
}

struct oc_error *oc_target_read_cstr(struct oc_target *t, uint64_t addr,
				     char *buf, size_t max)
{
	size_t n = 0;

	if (!max)
		return NULL;
	/* Read in chunks that do not cross a page, to stop at a fault. */
	while (n + 1 < max) {
		uint64_t a = addr + n;
		size_t chunk = t->page_size - (a % t->page_size);
		struct oc_error *err;
		char *nul;

		if (chunk > max - 1 - n)
			chunk = max - 1 - n;
		err = oc_target_read(t, a, buf + n, chunk);
		if (err) {
			if (n == 0)
				return err;
			oc_error_free(err);
			break;
		}
		nul = memchr(buf + n, '\0', chunk);
		if (nul)
			return NULL;
		n += chunk;
	}
	buf[n] = '\0';
	return NULL;
}

struct oc_error *oc_target_symbol(struct oc_target *t, const char *name,
				  uint64_t *addr)
{
	return t->ops->symbol(t, name, addr);
}

struct oc_error *oc_target_type_size(struct oc_target *t, const char *type,
				     uint64_t *size)
{
	return t->ops->type_size(t, type, size);
}

struct oc_error *oc_target_member(struct oc_target *t, const char *type,
				  const char *path, struct oc_member_info *info)
{
	return t->ops->member(t, type, path, info);
}

struct oc_error *oc_target_enumerator(struct oc_target *t, const char *name,
				      int64_t *value)
{
	return t->ops->enumerator(t, name, value);
}

const char *oc_target_vmcoreinfo(struct oc_target *t, const char *key)
{
	return t->ops->vmcoreinfo ? t->ops->vmcoreinfo(t, key) : NULL;
}

bool oc_target_has_symbol(struct oc_target *t, const char *name)
{
	uint64_t addr;
	struct oc_error *err = oc_target_symbol(t, name, &addr);

	oc_error_free(err);
	return !err;
}

bool oc_target_has_type(struct oc_target *t, const char *type)
{
	uint64_t size;
	struct oc_error *err = oc_target_type_size(t, type, &size);

	oc_error_free(err);
	return !err;
}

bool oc_target_has_member(struct oc_target *t, const char *type,
			  const char *path)
{
	struct oc_member_info info;
	struct oc_error *err = oc_target_member(t, type, path, &info);

	oc_error_free(err);
	return !err;
}

bool oc_target_field(struct oc_target *t, const char *type, const char *path,
		     struct oc_field *f)
{
	struct oc_member_info info;

	memset(f, 0, sizeof(*f));
	f->ok = oc_ok(oc_target_member(t, type, path, &info));
	if (f->ok) {
		f->off = info.offset;
		f->size = info.size;
		f->len = info.array_len;
		f->elem = info.array_len ? info.elem_size : info.size;
	}
	return f->ok;
}

uint64_t oc_field_uint(const struct oc_target *t, const void *buf,
		       const struct oc_field *f)
{
	return f->ok ? oc_target_decode_uint(t, (const char *)buf + f->off,
					     f->elem) :
		       0;
}

int64_t oc_field_sint(const struct oc_target *t, const void *buf,
		      const struct oc_field *f)
{
	return f->ok ? oc_target_decode_sint(t, (const char *)buf + f->off,
					     f->elem) :
		       0;
}

struct oc_error *oc_target_offsetof(struct oc_target *t, const char *type,
				    const char *path, uint64_t *offset)
{
	struct oc_member_info info;
	struct oc_error *err = oc_target_member(t, type, path, &info);

	if (!err)
		*offset = info.offset;
	return err;
}

void oc_target_destroy(struct oc_target *t)
{
	if (t)
		t->ops->destroy(t);
}
