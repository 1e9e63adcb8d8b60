/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The vmlinux ELF file: its symbol table, build-id and initialized data.
 */
#ifndef OOMCORE_TARGET_ELF_SYMBOLS_H
#define OOMCORE_TARGET_ELF_SYMBOLS_H

#include <gelf.h>
#include <stdbool.h>
#include <stdint.h>

#include "oomcore/error.h"

struct oc_vmlinux {
	int fd;
	Elf *elf;
	char *path;
	uint8_t build_id[64];
	size_t build_id_len;
	bool big_endian;
	int ptr_size;
	/* Symbol index, built on first lookup. */
	struct oc_vmlinux_syms *syms;
};

/* Opens @path read-only; fails with a message naming the file. */
struct oc_error *oc_vmlinux_open(const char *path, struct oc_vmlinux **ret);
void oc_vmlinux_close(struct oc_vmlinux *v);

/*
 * Unrelocated address of a symbol. *@percpu is set when the symbol lives
 * in the per-CPU section (whose addresses KASLR does not move).
 */
struct oc_error *oc_vmlinux_symbol(struct oc_vmlinux *v, const char *name,
				   uint64_t *addr, bool *percpu);

/*
 * Reads initialized data at unrelocated address @addr from the file's
 * sections (e.g. linux_banner). Fails for .bss or unmapped addresses.
 */
struct oc_error *oc_vmlinux_read(struct oc_vmlinux *v, uint64_t addr,
				 void *buf, size_t len);

/* Formats the build-id as lower-case hex into @buf (>= 2*len+1 bytes). */
void oc_vmlinux_build_id_hex(const struct oc_vmlinux *v, char *buf,
			     size_t size);

#endif /* OOMCORE_TARGET_ELF_SYMBOLS_H */
