// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The standalone target over libkdumpfile (memory, VMCOREINFO) and
 * libelf/libdw (symbols, types): see oomcore/standalone.h.
 */
#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <libkdumpfile/kdumpfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oomcore/standalone.h"
#include "target/dwarf_types.h"
#include "target/elf_symbols.h"
#include "target/type_cache.h"

struct standalone {
	struct oc_target base;
	int fd;
	kdump_ctx_t *kdump;
	char *vmcoreinfo;		/* raw text, split into lines */
	struct oc_vmlinux *vmlinux;
	struct oc_dwarf_types *types;	/* opened on the first cache miss */
	struct oc_type_cache *cache;	/* the type profile, or NULL */
	uint64_t kaslr_offset;
	char format[32];
};

static const struct oc_target_ops standalone_ops;

static struct standalone *to_sa(struct oc_target *t)
{
	return (struct standalone *)t;
}

static const char *sa_vmcoreinfo(struct oc_target *t, const char *key)
{
	struct standalone *sa = to_sa(t);
	size_t klen = strlen(key);
	const char *p = sa->vmcoreinfo;

	while (p && *p) {
		const char *eol = strchr(p, '\n');

		if (!strncmp(p, key, klen) && p[klen] == '=')
			return p + klen + 1;
		p = eol ? eol + 1 : NULL;
	}
	return NULL;
}

static struct oc_error *sa_read(struct oc_target *t, uint64_t addr, void *buf,
				size_t len, bool physical)
{
	struct standalone *sa = to_sa(t);
	size_t got = len;
	kdump_status st;

	st = kdump_read(sa->kdump, physical ? KDUMP_KPHYSADDR : KDUMP_KVADDR,
			addr, buf, &got);
	if (st == KDUMP_OK)
		return NULL;
	if (st == KDUMP_ERR_NODATA)
		return oc_error_create(OC_ERR_FAULT,
				       "%s address 0x%llx is not in the dump "
				       "(filtered out or truncated)",
				       physical ? "physical" : "kernel",
				       (unsigned long long)(addr + got));
	return oc_error_create(OC_ERR_FAULT, "cannot read %s address 0x%llx: %s",
			       physical ? "physical" : "kernel",
			       (unsigned long long)(addr + got),
			       kdump_get_err(sa->kdump));
}

/* The DWARF, opened on first use: a warm run never needs it. */
static struct oc_error *get_types(struct standalone *sa,
				  struct oc_dwarf_types **ret)
{
	struct oc_error *err;

	if (!sa->types) {
		err = oc_dwarf_types_open(sa->vmlinux->elf, sa->vmlinux->fd,
					  &sa->types);
		if (err) {
			/* Not a missing type: the whole DWARF is unusable. */
			if (err->code == OC_ERR_NOT_FOUND)
				err->code = OC_ERR_FORMAT;
			return oc_error_wrap(err, "%s",
					     sa->base.info.vmlinux_path);
		}
	}
	*ret = sa->types;
	return NULL;
}

/*
 * Records what a lookup answered in the type profile: the values when it
 * succeeded, the message when the name does not exist. Other errors are
 * not answers about the vmlinux and are not recorded.
 */
static void remember(struct standalone *sa, enum oc_tc_kind kind,
		     const char *key, const char *path,
		     struct oc_tc_answer *ans, const struct oc_error *err)
{
	if (!sa->cache || (err && err->code != OC_ERR_NOT_FOUND))
		return;
	ans->found = !err;
	ans->message = err ? err->message : NULL;
	/* Out of memory only loses the caching; the answer stands. */
	oc_error_free(oc_type_cache_put(sa->cache, kind, key, path, ans));
}

/* A cached answer as the lookup returns it; NULL when it was found. */
static struct oc_error *replay(const struct oc_tc_answer *ans)
{
	if (ans->found)
		return NULL;
	return oc_error_create(OC_ERR_NOT_FOUND, "%s", ans->message);
}

static struct oc_error *sa_symbol(struct oc_target *t, const char *name,
				  uint64_t *addr)
{
	struct standalone *sa = to_sa(t);
	struct oc_tc_answer ans = { 0 };
	struct oc_error *err;

	if (sa->cache && oc_type_cache_get(sa->cache, OC_TC_SYMBOL, name,
					   NULL, &ans)) {
		if (!ans.found)
			return replay(&ans);
	} else {
		err = oc_vmlinux_symbol(sa->vmlinux, name, &ans.value,
					&ans.percpu);
		remember(sa, OC_TC_SYMBOL, name, NULL, &ans, err);
		if (err)
			return err;
	}
	*addr = ans.value + (ans.percpu ? 0 : sa->kaslr_offset);
	return NULL;
}

static struct oc_error *sa_type_size(struct oc_target *t, const char *type,
				     uint64_t *size)
{
	struct standalone *sa = to_sa(t);
	struct oc_tc_answer ans = { 0 };
	struct oc_dwarf_types *dt;
	struct oc_error *err;

	if (sa->cache &&
	    oc_type_cache_get(sa->cache, OC_TC_SIZE, type, NULL, &ans)) {
		err = replay(&ans);
	} else if (!(err = get_types(sa, &dt))) {
		err = oc_dwarf_type_size(dt, type, &ans.value);
		remember(sa, OC_TC_SIZE, type, NULL, &ans, err);
	}
	if (!err)
		*size = ans.value;
	return err;
}

static struct oc_error *sa_member(struct oc_target *t, const char *type,
				  const char *path, struct oc_member_info *info)
{
	struct standalone *sa = to_sa(t);
	struct oc_tc_answer ans = { 0 };
	struct oc_dwarf_types *dt;
	struct oc_error *err;

	if (sa->cache &&
	    oc_type_cache_get(sa->cache, OC_TC_MEMBER, type, path, &ans)) {
		err = replay(&ans);
	} else if (!(err = get_types(sa, &dt))) {
		err = oc_dwarf_member(dt, type, path, &ans.member);
		remember(sa, OC_TC_MEMBER, type, path, &ans, err);
	}
	if (!err)
		*info = ans.member;
	return err;
}

static struct oc_error *sa_enumerator(struct oc_target *t, const char *name,
				      int64_t *value)
{
	struct standalone *sa = to_sa(t);
	struct oc_tc_answer ans = { 0 };
	struct oc_dwarf_types *dt;
	struct oc_error *err;
	int64_t v = 0;

	if (sa->cache &&
	    oc_type_cache_get(sa->cache, OC_TC_ENUM, name, NULL, &ans)) {
		err = replay(&ans);
		v = (int64_t)ans.value;
	} else if (!(err = get_types(sa, &dt))) {
		err = oc_dwarf_enumerator(dt, name, &v);
		ans.value = (uint64_t)v;
		remember(sa, OC_TC_ENUM, name, NULL, &ans, err);
	}
	if (!err)
		*value = v;
	return err;
}

static void sa_destroy(struct oc_target *t)
{
	struct standalone *sa = to_sa(t);

	/* The cache only speeds later runs up: failing to save is silent. */
	if (sa->cache)
		oc_error_free(oc_type_cache_save(sa->cache));
	oc_type_cache_free(sa->cache);
	oc_dwarf_types_free(sa->types);
	oc_vmlinux_close(sa->vmlinux);
	if (sa->kdump)
		kdump_free(sa->kdump);
	if (sa->fd >= 0)
		close(sa->fd);
	free(sa->vmcoreinfo);
	free((char *)sa->base.info.vmcore_path);
	free(sa);
}

static const struct oc_target_ops standalone_ops = {
	.read = sa_read,
	.symbol = sa_symbol,
	.type_size = sa_type_size,
	.member = sa_member,
	.enumerator = sa_enumerator,
	.vmcoreinfo = sa_vmcoreinfo,
	.destroy = sa_destroy,
};

/* Copies a VMCOREINFO value up to the end of its line. */
static void vmcoreinfo_value(struct standalone *sa, const char *key, char *buf,
			     size_t size)
{
	const char *v = sa_vmcoreinfo(&sa->base, key);
	size_t n = v ? strcspn(v, "\n") : 0;

	if (n >= size)
		n = size - 1;
	memcpy(buf, v ? v : "", n);
	buf[n] = '\0';
}

static struct oc_error *open_dump(struct standalone *sa, const char *path)
{
	struct stat st;
	kdump_status status;
	const char *fmt = NULL;
	char *raw = NULL;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	sa->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (sa->fd < 0)
		return oc_error_os(errno, "dump %s", path);
	if (fstat(sa->fd, &st) < 0)
		return oc_error_os(errno, "dump %s", path);
	if (S_ISDIR(st.st_mode))
		return oc_error_create(OC_ERR_INVALID,
				       "dump %s: is a directory", path);
	if (!S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode) &&
	    !S_ISBLK(st.st_mode))
		return oc_error_create(OC_ERR_INVALID,
				       "dump %s: not a regular file", path);
	if (S_ISREG(st.st_mode) && st.st_size == 0)
		return oc_error_create(OC_ERR_FORMAT, "dump %s: empty file",
				       path);
	if (fcntl(sa->fd, F_SETFL, 0) < 0)
		return oc_error_os(errno, "dump %s", path);
	sa->kdump = kdump_new();
	if (!sa->kdump)
		return &oc_enomem;
	status = kdump_set_string_attr(sa->kdump, KDUMP_ATTR_OSTYPE, "linux");
	if (status == KDUMP_OK)
		status = kdump_open_fd(sa->kdump, sa->fd);
	/*
	 * libkdumpfile searches its page cache linearly: with the default
	 * 1024 pages that search was 31% of a 2,000-task report. The walkers
	 * read each page about once (an LRU of 64 pages misses 2% more
	 * than an unbounded one), so a small cache is both faster and smaller.
	 */
	if (status == KDUMP_OK &&
	    kdump_set_number_attr(sa->kdump, "cache.size", 64) != KDUMP_OK)
		kdump_clear_err(sa->kdump);
	if (status != KDUMP_OK)
		return oc_error_create(OC_ERR_FORMAT,
				       "dump %s: not a crash dump libkdumpfile "
				       "can read (%s)",
				       path, kdump_get_err(sa->kdump));
	if (kdump_get_string_attr(sa->kdump, KDUMP_ATTR_FILE_FORMAT, &fmt) ==
		    KDUMP_OK && fmt)
		snprintf(sa->format, sizeof(sa->format), "%s", fmt);
	sa->base.info.format = sa->format;
	if (kdump_vmcoreinfo_raw(sa->kdump, &raw) == KDUMP_OK)
		sa->vmcoreinfo = raw;
	else
		kdump_clear_err(sa->kdump);
	if (!sa->vmcoreinfo)
		return oc_error_create(OC_ERR_FORMAT,
				       "dump %s: no VMCOREINFO (the dump does "
				       "not say which kernel it is from)",
				       path);
	vmcoreinfo_value(sa, "OSRELEASE", sa->base.osrelease,
			 sizeof(sa->base.osrelease));
	return NULL;
}

static bool file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Asks debuginfod (if installed and configured) for the vmlinux. */
static char *debuginfod_find(const char *build_id_hex, char *tried,
			     size_t tried_size)
{
	typedef void *(*begin_fn)(void);
	typedef int (*find_fn)(void *, const unsigned char *, int, char **);
	typedef void (*end_fn)(void *);
	void *lib, *client;
	begin_fn begin;
	find_fn find;
	end_fn end;
	char *path = NULL;
	int fd;
	size_t n = strlen(tried);

	if (!getenv("DEBUGINFOD_URLS") || !*build_id_hex)
		return NULL;
	snprintf(tried + n, tried_size - n, ", debuginfod build-id %s",
		 build_id_hex);
	lib = dlopen("libdebuginfod.so.1", RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		return NULL;
	begin = (begin_fn)dlsym(lib, "debuginfod_begin");
	find = (find_fn)dlsym(lib, "debuginfod_find_debuginfo");
	end = (end_fn)dlsym(lib, "debuginfod_end");
	if (begin && find && end && (client = begin())) {
		fd = find(client, (const unsigned char *)build_id_hex, 0,
			  &path);
		if (fd >= 0)
			close(fd);
		else
			path = NULL;
		end(client);
	}
	dlclose(lib);
	return path;
}

static struct oc_error *discover_vmlinux(struct standalone *sa, char **ret)
{
	/* Each path is prefix + OSRELEASE + suffix. */
	static const char *const patterns[][2] = {
		{ "/usr/lib/debug/boot/vmlinux-", "" },
		{ "/usr/lib/debug/lib/modules/", "/vmlinux" },
		{ "/boot/vmlinux-", "" },
		{ "/lib/modules/", "/build/vmlinux" },
	};
	const char *rel = sa->base.osrelease;
	char tried[1024] = "", path[512], bid[129];

	if (!*rel)
		return oc_error_create(OC_ERR_NOT_FOUND,
				       "no vmlinux given and the dump has no "
				       "OSRELEASE to look one up: use -k VMLINUX");
	for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		size_t n = strlen(tried);

		snprintf(path, sizeof(path), "%s%s%s", patterns[i][0], rel,
			 patterns[i][1]);
		snprintf(tried + n, sizeof(tried) - n, "%s%s", n ? ", " : "",
			 path);
		if (file_exists(path)) {
			*ret = strdup(path);
			return *ret ? NULL : &oc_enomem;
		}
	}
	vmcoreinfo_value(sa, "BUILD-ID", bid, sizeof(bid));
	*ret = debuginfod_find(bid, tried, sizeof(tried));
	if (*ret)
		return NULL;
	return oc_error_create(OC_ERR_NOT_FOUND,
			       "no vmlinux for %s found (tried %s): use -k "
			       "VMLINUX",
			       rel, tried);
}

/* Reads the vmlinux's linux_banner from the file and from the dump. */
static struct oc_error *compare_banner(struct standalone *sa, bool *match,
				       char *file_rel, size_t rel_size)
{
	char in_file[256], in_dump[256];
	struct oc_error *err;
	uint64_t addr;
	bool percpu;
	const char *p;

	err = oc_vmlinux_symbol(sa->vmlinux, "linux_banner", &addr, &percpu);
	if (err)
		return err;
	memset(in_file, 0, sizeof(in_file));
	for (size_t n = sizeof(in_file) - 1; n > 16; n /= 2) {
		if (!(err = oc_vmlinux_read(sa->vmlinux, addr, in_file, n)))
			break;
		oc_error_free(err);
	}
	if (err)
		return err;
	in_file[sizeof(in_file) - 1] = '\0';
	/* "Linux version REL (...": take REL for messages. */
	p = strncmp(in_file, "Linux version ", 14) ? in_file : in_file + 14;
	snprintf(file_rel, rel_size, "%.*s", (int)strcspn(p, " \n"), p);
	err = oc_target_read_cstr(&sa->base, addr + sa->kaslr_offset, in_dump,
				  sizeof(in_dump));
	if (err)
		return err;
	*match = !strncmp(in_file, in_dump, strlen(in_dump) + 1);
	return NULL;
}

static struct oc_error *verify_vmlinux(struct standalone *sa, bool force)
{
	char dump_bid[129], file_bid[129], file_rel[80] = "?";
	struct oc_error *err;
	bool match = false;

	vmcoreinfo_value(sa, "BUILD-ID", dump_bid, sizeof(dump_bid));
	oc_vmlinux_build_id_hex(sa->vmlinux, file_bid, sizeof(file_bid));
	snprintf(sa->base.info.build_id, sizeof(sa->base.info.build_id), "%s",
		 file_bid);
	/* VMCOREINFO's BUILD-ID may be a prefix (it holds 20 bytes). */
	if (*dump_bid && *file_bid) {
		match = !strncmp(dump_bid, file_bid, strlen(dump_bid));
		sa->base.info.verified_by = "build-id";
		/* The banner only names the vmlinux's release in the error. */
		if (!match)
			oc_error_free(compare_banner(sa, &(bool){ 0 },
						     file_rel,
						     sizeof(file_rel)));
	} else {
		err = compare_banner(sa, &match, file_rel, sizeof(file_rel));
		if (err)
			return oc_error_wrap(err, "checking vmlinux %s against "
					     "dump %s",
					     sa->base.info.vmlinux_path,
					     sa->base.info.vmcore_path);
		sa->base.info.verified_by = "linux_banner";
	}
	sa->base.info.verified = match;
	if (match || force)
		return NULL;
	if (*dump_bid && *file_bid)
		return oc_error_create(OC_ERR_MISMATCH,
				       "vmlinux %s (%s, build-id %s) does not "
				       "match dump %s (%s, build-id %s); "
				       "--force to use it anyway",
				       sa->base.info.vmlinux_path, file_rel,
				       file_bid, sa->base.info.vmcore_path,
				       sa->base.osrelease, dump_bid);
	return oc_error_create(OC_ERR_MISMATCH,
			       "vmlinux %s (%s) does not match dump %s (%s): "
			       "linux_banner differs; --force to use it anyway",
			       sa->base.info.vmlinux_path, file_rel,
			       sa->base.info.vmcore_path, sa->base.osrelease);
}

static bool has_section(Elf *elf, const char *name)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(elf, &shstrndx) != 0)
		return false;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr shdr;
		const char *sname;

		if (gelf_getshdr(scn, &shdr) &&
		    (sname = elf_strptr(elf, shstrndx, shdr.sh_name)) &&
		    !strcmp(sname, name))
			return shdr.sh_type != SHT_NOBITS && shdr.sh_size;
	}
	return false;
}

/*
 * The type profile of this vmlinux build (see target/type_cache.h). A
 * vmlinux without a build-id, or a run without a cache directory, keeps
 * the profile in memory only.
 */
static struct oc_error *open_type_cache(struct standalone *sa)
{
	const struct oc_vmlinux *v = sa->vmlinux;
	char *path = NULL;
	struct oc_error *err;

	if (v->build_id_len)
		path = oc_type_cache_path(sa->base.info.build_id);
	err = oc_type_cache_load(path, v->build_id, v->build_id_len,
				 &sa->cache);
	free(path);
	return err;
}

struct oc_error *oc_standalone_open(const struct oc_standalone_options *opts,
				    struct oc_target **ret)
{
	struct standalone *sa;
	struct oc_error *err;
	char *vmlinux_path = NULL;
	const char *v;
	kdump_num_t num;

	sa = calloc(1, sizeof(*sa));
	if (!sa)
		return &oc_enomem;
	sa->base.ops = &standalone_ops;
	sa->base.info.front_end = "oomcore";
	sa->fd = -1;
	sa->base.info.vmcore_path = strdup(opts->vmcore);
	err = open_dump(sa, opts->vmcore);
	if (err)
		goto fail;
	if (opts->vmlinux) {
		vmlinux_path = strdup(opts->vmlinux);
	} else if ((err = discover_vmlinux(sa, &vmlinux_path))) {
		goto fail;
	}
	err = oc_vmlinux_open(vmlinux_path, &sa->vmlinux);
	free(vmlinux_path);
	if (err)
		goto fail;
	sa->base.info.vmlinux_path = sa->vmlinux->path;

	sa->base.ptr_size = sa->vmlinux->ptr_size;
	sa->base.big_endian = sa->vmlinux->big_endian;
	sa->base.page_size = 4096;
	if (kdump_get_number_attr(sa->kdump, KDUMP_ATTR_PAGE_SIZE, &num) ==
	    KDUMP_OK)
		sa->base.page_size = num;
	else
		kdump_clear_err(sa->kdump);
	if ((v = sa_vmcoreinfo(&sa->base, "PAGESIZE")))
		sa->base.page_size = strtoul(v, NULL, 10);
	if ((v = sa_vmcoreinfo(&sa->base, "KERNELOFFSET")))
		sa->kaslr_offset = strtoull(v, NULL, 16);
	{
		const char *arch = NULL;

		if (kdump_get_string_attr(sa->kdump, KDUMP_ATTR_ARCH_NAME,
					  &arch) == KDUMP_OK && arch)
			snprintf(sa->base.arch, sizeof(sa->base.arch), "%s",
				 arch);
		else
			kdump_clear_err(sa->kdump);
	}
	err = verify_vmlinux(sa, opts->force);
	if (err)
		goto fail;
	/* The DWARF itself is opened on the first lookup the cache lacks. */
	if (!has_section(sa->vmlinux->elf, ".debug_info") &&
	    !has_section(sa->vmlinux->elf, ".zdebug_info")) {
		err = oc_error_create(OC_ERR_NOT_FOUND,
				      "%s: vmlinux has no DWARF debug info "
				      "(no .debug_info section)",
				      sa->base.info.vmlinux_path);
		goto fail;
	}
	err = open_type_cache(sa);
	if (err)
		goto fail;
	*ret = &sa->base;
	return NULL;
fail:
	sa_destroy(&sa->base);
	return err;
}
