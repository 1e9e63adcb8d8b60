// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The type profile cache: answers survive a save and load; files that are
 * truncated, corrupt, of another build or version load as empty profiles
 * and are rewritten; an unwritable directory only fails the save.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oc_test.h"
#include "target/type_cache.h"

static const uint8_t bid[20] = { 0xeb, 0x4f, 0xbc, 0xd0, 0x37 };
static const uint8_t other_bid[20] = { 0x01, 0x02 };

static struct oc_type_cache *load(const char *path, const uint8_t *id)
{
	struct oc_type_cache *c = NULL;

	OC_CHECK_OK(oc_type_cache_load(path, id, 20, &c));
	return c;
}

static void fill(struct oc_type_cache *c)
{
	struct oc_tc_answer a = { .found = true, .value = 0xffffffff82a0c940,
				  .percpu = false };

	OC_CHECK_OK(oc_type_cache_put(c, OC_TC_SYMBOL, "init_task", NULL, &a));
	a.value = 0x1c000;
	a.percpu = true;
	OC_CHECK_OK(oc_type_cache_put(c, OC_TC_SYMBOL, "runqueues", NULL, &a));
	a = (struct oc_tc_answer){ .found = true, .value = 9792 };
	OC_CHECK_OK(oc_type_cache_put(c, OC_TC_SIZE, "struct task_struct",
				      NULL, &a));
	a = (struct oc_tc_answer){ .found = true, .value = (uint64_t)-3 };
	OC_CHECK_OK(oc_type_cache_put(c, OC_TC_ENUM, "NEGATIVE", NULL, &a));
	a = (struct oc_tc_answer){ .found = true };
	a.member.offset = 1234;
	a.member.size = 32;
	a.member.array_len = 4;
	a.member.elem_size = 8;
	a.member.bit_offset = 3;
	a.member.bit_size = 5;
	snprintf(a.member.type_name, sizeof(a.member.type_name), "%s",
		 "atomic_long_t[4]");
	OC_CHECK_OK(oc_type_cache_put(c, OC_TC_MEMBER, "struct mm_struct",
				      "rss_stat.count", &a));
	a = (struct oc_tc_answer){ .message = "enumerator NR_UNSTABLE_NFS not "
					      "found in the vmlinux DWARF" };
	OC_CHECK_OK(oc_type_cache_put(c, OC_TC_ENUM, "NR_UNSTABLE_NFS", NULL,
				      &a));
	/* The same key under another kind is another question. */
	a = (struct oc_tc_answer){ .message = "symbol NEGATIVE not found" };
	OC_CHECK_OK(oc_type_cache_put(c, OC_TC_SYMBOL, "NEGATIVE", NULL, &a));
}

static void check_filled(struct oc_type_cache *c)
{
	struct oc_tc_answer a;

	OC_CHECK_INT(oc_type_cache_count(c), 7);
	OC_CHECK(oc_type_cache_get(c, OC_TC_SYMBOL, "init_task", NULL, &a));
	OC_CHECK(a.found && a.value == 0xffffffff82a0c940 && !a.percpu);
	OC_CHECK(oc_type_cache_get(c, OC_TC_SYMBOL, "runqueues", NULL, &a));
	OC_CHECK(a.found && a.value == 0x1c000 && a.percpu);
	OC_CHECK(oc_type_cache_get(c, OC_TC_SIZE, "struct task_struct", NULL,
				   &a));
	OC_CHECK_INT(a.value, 9792);
	OC_CHECK(oc_type_cache_get(c, OC_TC_ENUM, "NEGATIVE", NULL, &a));
	OC_CHECK_INT((int64_t)a.value, -3);
	OC_CHECK(oc_type_cache_get(c, OC_TC_MEMBER, "struct mm_struct",
				   "rss_stat.count", &a));
	OC_CHECK_INT(a.member.offset, 1234);
	OC_CHECK_INT(a.member.size, 32);
	OC_CHECK_INT(a.member.array_len, 4);
	OC_CHECK_INT(a.member.elem_size, 8);
	OC_CHECK_INT(a.member.bit_offset, 3);
	OC_CHECK_INT(a.member.bit_size, 5);
	OC_CHECK_STR(a.member.type_name, "atomic_long_t[4]");
	OC_CHECK(oc_type_cache_get(c, OC_TC_ENUM, "NR_UNSTABLE_NFS", NULL,
				   &a));
	OC_CHECK(!a.found);
	OC_CHECK_STR(a.message, "enumerator NR_UNSTABLE_NFS not found in the "
				"vmlinux DWARF");
	OC_CHECK(oc_type_cache_get(c, OC_TC_SYMBOL, "NEGATIVE", NULL, &a));
	OC_CHECK(!a.found);
	/* Not asked before: not known. A member key is type + path. */
	OC_CHECK(!oc_type_cache_get(c, OC_TC_SYMBOL, "jiffies", NULL, &a));
	OC_CHECK(!oc_type_cache_get(c, OC_TC_MEMBER, "struct mm_struct",
				    "rss_stat", &a));
	OC_CHECK(!oc_type_cache_get(c, OC_TC_SIZE, "struct mm_struct", NULL,
				    &a));
}

static long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* Rewrites @path with @len bytes of its contents, byte @flip inverted. */
static void damage(const char *path, long len, long flip)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n = f ? fread(buf, 1, sizeof(buf), f) : 0;

	if (f)
		fclose(f);
	if (flip >= 0 && (size_t)flip < n)
		buf[flip] ^= 0x5a;
	f = fopen(path, "wb");
	OC_CHECK(f != NULL);
	if (!f)
		return;
	fwrite(buf, 1, len < (long)n ? (size_t)len : n, f);
	fclose(f);
}

int main(void)
{
	char dir[] = "/tmp/oc-test-type-cache.XXXXXX", path[256], ro[300];
	struct oc_type_cache *c;
	long size;

	OC_CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/a/b/types/eb4f", dir);

	/* A missing file: empty, clean; saved (with its directories). */
	c = load(path, bid);
	OC_CHECK_INT(oc_type_cache_count(c), 0);
	OC_CHECK(!oc_type_cache_dirty(c));
	fill(c);
	check_filled(c);
	OC_CHECK(oc_type_cache_dirty(c));
	OC_CHECK_OK(oc_type_cache_save(c));
	OC_CHECK(!oc_type_cache_dirty(c));
	oc_type_cache_free(c);
	size = file_size(path);
	OC_CHECK(size > 104);

	/* Round trip; re-adding known answers does not dirty it. */
	c = load(path, bid);
	check_filled(c);
	fill(c);
	OC_CHECK(!oc_type_cache_dirty(c));
	oc_type_cache_free(c);

	/* Another build-id: ignored, then rewritten for that build. */
	c = load(path, other_bid);
	OC_CHECK_INT(oc_type_cache_count(c), 0);
	OC_CHECK(oc_type_cache_dirty(c));
	oc_type_cache_free(c);

	/* Truncated anywhere, or any byte changed: ignored and rewritten. */
	for (long cut = 0; cut < size; cut += 5) {
		damage(path, cut, -1);
		c = load(path, bid);
		OC_CHECK_INT(oc_type_cache_count(c), 0);
		OC_CHECK(cut == 0 || oc_type_cache_dirty(c));
		fill(c);
		OC_CHECK_OK(oc_type_cache_save(c));
		oc_type_cache_free(c);
		c = load(path, bid);
		check_filled(c);
		oc_type_cache_free(c);
	}
	for (long at = 0; at < size; at++) {
		damage(path, size, at);
		c = load(path, bid);
		OC_CHECK_INT(oc_type_cache_count(c), 0);
		OC_CHECK(oc_type_cache_dirty(c));
		fill(c);
		OC_CHECK_OK(oc_type_cache_save(c));
		oc_type_cache_free(c);
	}
	c = load(path, bid);
	check_filled(c);
	oc_type_cache_free(c);

	/* A directory that cannot be made (even by root): the save fails. */
	snprintf(ro, sizeof(ro), "%s/file", dir);
	damage(ro, 0, -1);
	snprintf(path, sizeof(path), "%s/file/types/eb4f", dir);
	c = load(path, bid);
	fill(c);
	{
		struct oc_error *err = oc_type_cache_save(c);

		OC_CHECK(err != NULL);
		oc_error_free(err);
	}
	oc_type_cache_free(c);

	/* No build-id or no cache directory: no path. */
	OC_CHECK(oc_type_cache_path("") == NULL);
	setenv("XDG_CACHE_HOME", "/x/cache", 1);
	{
		char *p = oc_type_cache_path("eb4f");

		OC_CHECK_STR(p, "/x/cache/oomcore/types/eb4f");
		free(p);
	}
	setenv("XDG_CACHE_HOME", "relative", 1);
	setenv("HOME", "/home/u", 1);
	{
		char *p = oc_type_cache_path("eb4f");

		OC_CHECK_STR(p, "/home/u/.cache/oomcore/types/eb4f");
		free(p);
	}
	unsetenv("XDG_CACHE_HOME");
	unsetenv("HOME");
	OC_CHECK(oc_type_cache_path("eb4f") == NULL);

	{
		char cmd[300];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		OC_CHECK(system(cmd) == 0);
	}
	return oc_test_done();
}
