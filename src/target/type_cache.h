/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The type profile cache: what the walkers asked a vmlinux (symbol
 * addresses, type sizes, member offsets, enumerator values, and which of
 * them do not exist), saved on disk keyed by the vmlinux build-id so that
 * the next run on a dump of the same build opens neither the DWARF nor the
 * symbol table.
 *
 * The file is $XDG_CACHE_HOME/oomcore/types/<build-id> (~/.cache when
 * XDG_CACHE_HOME is unset). It is only an accelerator: a missing, foreign
 * (other build-id, version or byte order), truncated or corrupt file loads
 * as an empty profile and is rewritten at the end of the run; a directory
 * that cannot be written leaves the run uncached. Writes are atomic (a
 * temporary file renamed over the old one), so concurrent runs on dumps of
 * one build never see a half-written profile.
 *
 * Answers are stored exactly as the target returns them: positive answers
 * with their values, OC_ERR_NOT_FOUND answers with their message (other
 * errors are never cached).
 */
#ifndef OOMCORE_TARGET_TYPE_CACHE_H
#define OOMCORE_TARGET_TYPE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "oomcore/target.h"

/* The questions a profile answers; the values are the on-disk codes. */
enum oc_tc_kind {
	OC_TC_SYMBOL = 1,	/* key: symbol name */
	OC_TC_SIZE = 2,		/* key: type */
	OC_TC_MEMBER = 3,	/* key: type, member path */
	OC_TC_ENUM = 4,		/* key: enumerator name */
};

/* One answer. @message is set (and only then) when !@found. */
struct oc_tc_answer {
	bool found;
	uint64_t value;		/* address (unrelocated), size, enum value */
	bool percpu;		/* symbols: in the per-CPU section */
	struct oc_member_info member;	/* OC_TC_MEMBER */
	const char *message;	/* the OC_ERR_NOT_FOUND message */
};

struct oc_type_cache;

/*
 * The cache file for a build-id given in hex, or NULL when there is no
 * build-id or no cache directory (neither XDG_CACHE_HOME nor HOME set).
 * The caller frees the result.
 */
char *oc_type_cache_path(const char *build_id_hex);

/*
 * Loads the profile at @path for the vmlinux with build-id @build_id
 * (@len bytes). Never fails except for lack of memory: a file that is
 * absent or does not validate (magic, version, byte order, build-id,
 * length, checksum, every record in bounds) gives an empty profile that
 * will be saved over it. @path may be NULL for a memory-only profile.
 */
struct oc_error *oc_type_cache_load(const char *path, const uint8_t *build_id,
				    size_t len, struct oc_type_cache **ret);

/* Number of answers held, and whether any was added since loading. */
size_t oc_type_cache_count(const struct oc_type_cache *c);
bool oc_type_cache_dirty(const struct oc_type_cache *c);

/*
 * Looks an answer up. @path is the member path for OC_TC_MEMBER, NULL
 * otherwise. The answer's strings live as long as the cache.
 */
bool oc_type_cache_get(const struct oc_type_cache *c, enum oc_tc_kind kind,
		       const char *key, const char *path,
		       struct oc_tc_answer *ans);

/* Records an answer (copied); a key already present keeps its answer. */
struct oc_error *oc_type_cache_put(struct oc_type_cache *c,
				   enum oc_tc_kind kind, const char *key,
				   const char *path,
				   const struct oc_tc_answer *ans);

/*
 * Writes the profile to its file when it is dirty, creating the directory.
 * Returns an error (to ignore or report) when it cannot; never leaves a
 * partial file behind.
 */
struct oc_error *oc_type_cache_save(struct oc_type_cache *c);

void oc_type_cache_free(struct oc_type_cache *c);

#endif /* OOMCORE_TARGET_TYPE_CACHE_H */
