/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The target interface: the only way kernel walkers see a kernel.
 *
 * A target reads kernel memory and answers questions about the kernel's
 * symbols and types. Two implementations exist: the standalone one over
 * libkdumpfile + libdw (src/target/), and the crash extension's one over
 * crash's readmem()/MEMBER_OFFSET() (ext/). Walkers never know which.
 *
 * Types are named as in C: "struct task_struct", "atomic_long_t",
 * "enum zone_type". Member paths may be nested and indexed:
 * "rss_stat.count[1].counter", "free_area[3].nr_free". Members of
 * anonymous structs and unions are found as if they were direct members,
 * as in C.
 */
#ifndef OOMCORE_TARGET_H
#define OOMCORE_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomcore/error.h"

/* What a member (or a whole type) looks like. */
struct oc_member_info {
	uint64_t offset;     /* bytes from the start of the outer type */
	uint64_t size;	     /* bytes; for arrays the whole array */
	uint32_t bit_offset; /* bitfields: bits from ->offset (LSB 0) */
	uint32_t bit_size;   /* bitfields: width; 0 when not a bitfield */
	uint64_t array_len;  /* outermost array dimension, 0 if none */
	uint64_t elem_size;  /* element size for arrays, else == size */
	char type_name[96];  /* C spelling: "struct percpu_counter[4]" */
};

struct oc_target;

/*
 * Operations an implementation provides. Every function returns NULL on
 * success; OC_ERR_NOT_FOUND when a symbol, type, member or enumerator does
 * not exist (so callers can feature-detect), OC_ERR_FAULT when memory could
 * not be read (filtered page, unmapped address, truncated dump).
 */
struct oc_target_ops {
	/* Reads @len bytes at kernel virtual (or physical) address @addr. */
	struct oc_error *(*read)(struct oc_target *t, uint64_t addr, void *buf,
				 size_t len, bool physical);
	/* Address of a kernel symbol, KASLR-relocated. */
	struct oc_error *(*symbol)(struct oc_target *t, const char *name,
				   uint64_t *addr);
	/* Size of a type; a member path after the type is not allowed. */
	struct oc_error *(*type_size)(struct oc_target *t, const char *type,
				      uint64_t *size);
	/* Offset, size and type of a (nested) member of @type. */
	struct oc_error *(*member)(struct oc_target *t, const char *type,
				   const char *path,
				   struct oc_member_info *info);
	/* Value of an enumerator, e.g. "NR_FREE_PAGES". */
	struct oc_error *(*enumerator)(struct oc_target *t, const char *name,
				       int64_t *value);
	/*
	 * The value of a VMCOREINFO key ("OSRELEASE", "SYMBOL(prb)"), or NULL
	 * when the dump has none. The string lives as long as the target.
	 */
	const char *(*vmcoreinfo)(struct oc_target *t, const char *key);
	void (*destroy)(struct oc_target *t);
};

/* Where a target's data comes from, for reports. */
struct oc_target_info {
	const char *vmcore_path; /* NULL for a live kernel */
	const char *vmlinux_path;
	const char *format;	 /* "kdump", "elf", ... */
	char build_id[129];	 /* vmlinux build-id in hex, or "" */
	bool verified;		 /* vmlinux known to match the dump */
	const char *verified_by; /* "build-id", "linux_banner", "crash" */
	const char *front_end;	 /* "oomcore", "crash" */
};

struct oc_target {
	const struct oc_target_ops *ops;
	struct oc_target_info info;
	/* Filled by the implementation when it opens the target. */
	uint32_t page_size;
	uint32_t ptr_size;
	bool big_endian;
	char osrelease[65]; /* "6.1.0-26-amd64", or "" if unknown */
	char arch[16];	    /* "x86_64" */
};

/*
 * Convenience calls through ->ops, plus typed reads in the target's byte
 * order. A read of an integer of @size 1, 2, 4 or 8 bytes is zero-extended
 * (oc_target_read_int) or sign-extended (oc_target_read_sint).
 */
struct oc_error *oc_target_read(struct oc_target *t, uint64_t addr, void *buf,
				size_t len);
struct oc_error *oc_target_read_phys(struct oc_target *t, uint64_t addr,
				     void *buf, size_t len);
struct oc_error *oc_target_read_u64(struct oc_target *t, uint64_t addr,
				    uint64_t *v);
struct oc_error *oc_target_read_u32(struct oc_target *t, uint64_t addr,
				    uint32_t *v);
struct oc_error *oc_target_read_ptr(struct oc_target *t, uint64_t addr,
				    uint64_t *v);
struct oc_error *oc_target_read_int(struct oc_target *t, uint64_t addr,
				    size_t size, uint64_t *v);
struct oc_error *oc_target_read_sint(struct oc_target *t, uint64_t addr,
				     size_t size, int64_t *v);
/*
 * Reads a NUL-terminated string of at most @max - 1 bytes into @buf
 * (always terminated). Stops at a fault after the first byte.
 */
struct oc_error *oc_target_read_cstr(struct oc_target *t, uint64_t addr,
				     char *buf, size_t max);

struct oc_error *oc_target_symbol(struct oc_target *t, const char *name,
				  uint64_t *addr);
struct oc_error *oc_target_type_size(struct oc_target *t, const char *type,
				     uint64_t *size);
struct oc_error *oc_target_member(struct oc_target *t, const char *type,
				  const char *path,
				  struct oc_member_info *info);
struct oc_error *oc_target_enumerator(struct oc_target *t, const char *name,
				      int64_t *value);
const char *oc_target_vmcoreinfo(struct oc_target *t, const char *key);

/* Feature tests: true when the symbol/type/member exists. */
bool oc_target_has_symbol(struct oc_target *t, const char *name);
bool oc_target_has_type(struct oc_target *t, const char *type);
bool oc_target_has_member(struct oc_target *t, const char *type,
			  const char *path);

/* Offset of a member, or an error naming "type.path". */
struct oc_error *oc_target_offsetof(struct oc_target *t, const char *type,
				    const char *path, uint64_t *offset);

/*
 * A member resolved once, to decode from structs read whole into buffers
 * (the walkers' way). ->ok is false when the kernel has no such member.
 */
struct oc_field {
	uint64_t off, size; /* bytes; for arrays the whole array */
	uint64_t len;	    /* array length, 0 when not an array */
	uint64_t elem;	    /* element size; == size when not an array */
	bool ok;
};

/* Resolves @type.@path into @f (absent: f->ok false). Returns f->ok. */
bool oc_target_field(struct oc_target *t, const char *type, const char *path,
		     struct oc_field *f);

/*
 * The integer @f (the first element of an array) in a struct read into
 * @buf, in the target's byte order; 0 when the field is absent.
 */
uint64_t oc_field_uint(const struct oc_target *t, const void *buf,
		       const struct oc_field *f);
int64_t oc_field_sint(const struct oc_target *t, const void *buf,
		      const struct oc_field *f);

/* Decodes an integer of @size bytes at @p in the target's byte order. */
uint64_t oc_target_decode_uint(const struct oc_target *t, const void *p,
			       size_t size);
int64_t oc_target_decode_sint(const struct oc_target *t, const void *p,
			      size_t size);

/* Closes the target and frees everything it owns. NULL is ignored. */
void oc_target_destroy(struct oc_target *t);

#endif /* OOMCORE_TARGET_H */
