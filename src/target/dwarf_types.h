/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Type lookup in a vmlinux's DWARF (libdw), without indexing all of it.
 *
 * A distro vmlinux carries a few thousand compile units and hundreds of MB
 * of DWARF. Types are looked up by indexing compile units on demand: first
 * the few units that define what the OOM walkers need (mm/oom_kill.c has
 * task_struct, mm_struct and oom_control; mm/page_alloc.c has zone ...),
 * and the rest only when a name is still missing. Indexing a unit reads
 * only its top-level DIEs (skipping subtrees through DW_AT_sibling).
 */
#ifndef OOMCORE_TARGET_DWARF_TYPES_H
#define OOMCORE_TARGET_DWARF_TYPES_H

#include <elfutils/libdw.h>

#include "oomcore/target.h"

struct oc_dwarf_types;

/*
 * Opens the DWARF of @elf (which must outlive the result). @fd, the file
 * @elf reads (or -1), lets the unit list be read without mapping every
 * unit header in. Fails with OC_ERR_NOT_FOUND when the file has no debug
 * info.
 */
struct oc_error *oc_dwarf_types_open(Elf *elf, int fd,
				     struct oc_dwarf_types **ret);
void oc_dwarf_types_free(struct oc_dwarf_types *dt);

/* See struct oc_target_ops: same contracts. */
struct oc_error *oc_dwarf_type_size(struct oc_dwarf_types *dt,
				    const char *type, uint64_t *size);
struct oc_error *oc_dwarf_member(struct oc_dwarf_types *dt, const char *type,
				 const char *path,
				 struct oc_member_info *info);
struct oc_error *oc_dwarf_enumerator(struct oc_dwarf_types *dt,
				     const char *name, int64_t *value);

/* How many compile units were indexed so far, of how many (for tests). */
void oc_dwarf_types_stats(const struct oc_dwarf_types *dt, size_t *indexed,
			  size_t *total);

#endif /* OOMCORE_TARGET_DWARF_TYPES_H */
