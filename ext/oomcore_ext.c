// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * oomcore as a crash(8) extension: `extend oomcore.so`, then `oom`.
 *
 * This file is only glue: a struct oc_target over crash's own memory and
 * type access (readmem(), symbol_value(), enumerator_value(), and gdb for
 * member offsets, which handles nested members, arrays and anonymous
 * structs), and the `oom` command, which runs the same report code as the
 * oomcore CLI. It does not use crash's task table, which crash 8.0.2
 * cannot build on 6.1 kernels; the walkers read the task list themselves.
 */
#include "defs.h"

#include <ctype.h>
#include <stdbool.h>

#include "oomcore/report.h"
#include "oomcore/strmap.h"
#include "oomcore/target.h"

/* ---- the target over crash ---------------------------------------- */

#define MAX_VMCOREINFO 64

struct crash_target {
	struct oc_target base;
	struct oc_strmap cache; /* "type|path" -> index in ->members */
	struct oc_member_info *members;
	char **keys;
	size_t nmembers, cap;
	char *vmcoreinfo_keys[MAX_VMCOREINFO];
	char *vmcoreinfo_vals[MAX_VMCOREINFO];
	int nvmcoreinfo;
};

/* Runs a gdb command inside crash; its output (one line) into @out. */
static bool gdb_eval(const char *cmd, char *out, size_t size)
{
	FILE *f = tmpfile();
	size_t n;
	bool ok;

	out[0] = '\0';
	if (!f)
		return false;
	ok = gdb_pass_through((char *)cmd, f, GNU_RETURN_ON_ERROR);
	rewind(f);
	n = fread(out, 1, size - 1, f);
	out[n] = '\0';
	fclose(f);
	while (n && (out[n - 1] == '\n' || out[n - 1] == ' '))
		out[--n] = '\0';
	return ok && n;
}

static bool gdb_number(const char *cmd, uint64_t *v)
{
	char out[256], *end;

	if (!gdb_eval(cmd, out, sizeof(out)))
		return false;
	*v = strtoull(out, &end, 0);
	return end != out && *end == '\0';
}

static struct oc_error *ct_read(struct oc_target *t, uint64_t addr, void *buf,
				size_t len, bool physical)
{
	if (readmem(addr, physical ? PHYSADDR : KVADDR, buf, len, "oomcore",
		    RETURN_ON_ERROR | QUIET))
		return NULL;
	return oc_error_create(
		OC_ERR_FAULT, "cannot read %zu bytes at %s address 0x%llx", len,
		physical ? "physical" : "kernel", (unsigned long long)addr);
}

static struct oc_error *ct_symbol(struct oc_target *t, const char *name,
				  uint64_t *addr)
{
	if (!symbol_exists((char *)name))
		return oc_error_create(OC_ERR_NOT_FOUND, "symbol %s not found",
				       name);
	*addr = symbol_value((char *)name);
	return NULL;
}

static struct oc_error *ct_type_size(struct oc_target *t, const char *type,
				     uint64_t *size)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "output sizeof(%s)", type);
	if (!gdb_number(cmd, size))
		return oc_error_create(OC_ERR_NOT_FOUND, "type %s not found",
				       type);
	return NULL;
}

/*
 * A bitfield has no address: find "name : width;" in `ptype /o` of the
 * struct that holds it, "/ * off: bit | size * /".
 */
static bool bitfield(const char *type, const char *path,
		     struct oc_member_info *info)
{
	char parent[256], last[128], cmd[384], line[512], holder[160];
	const char *dot = strrchr(path, '.');
	uint64_t base = 0;
	FILE *f;
	bool found = false;

	snprintf(last, sizeof(last), "%s", dot ? dot + 1 : path);
	if (dot) {
		snprintf(parent, sizeof(parent), "%.*s", (int)(dot - path),
			 path);
		snprintf(cmd, sizeof(cmd),
			 "output (unsigned long)&((%s *)0)->%s", type, parent);
		if (!gdb_number(cmd, &base))
			return false;
		snprintf(cmd, sizeof(cmd), "whatis ((%s *)0)->%s", type,
			 parent);
		if (!gdb_eval(cmd, holder, sizeof(holder)) ||
		    strncmp(holder, "type = ", 7))
			return false;
		memmove(holder, holder + 7, strlen(holder + 7) + 1);
	} else {
		snprintf(holder, sizeof(holder), "%s", type);
	}
	snprintf(cmd, sizeof(cmd), "ptype /o %s", holder);
	f = tmpfile();
	if (!f)
		return false;
	gdb_pass_through(cmd, f, GNU_RETURN_ON_ERROR);
	rewind(f);
	while (fgets(line, sizeof(line), f)) {
		unsigned long off, bit, size, width;
		char name[128];

		if (sscanf(line, " /* %lu: %lu | %lu */ %*[^:]", &off, &bit,
			   &size) != 3)
			continue;
		{
			/* "... u8 level : 3;" */
			char *colon = strrchr(line, ':');
			char *p;

			if (!colon || sscanf(colon + 1, " %lu", &width) != 1)
				continue;
			p = colon;
			while (p > line && p[-1] == ' ')
				p--;
			*p = '\0';
			while (p > line && p[-1] != ' ' && p[-1] != '*')
				p--;
			snprintf(name, sizeof(name), "%.127s", p);
		}
		if (strcmp(name, last))
			continue;
		info->offset = base + off;
		info->bit_offset = bit;
		info->bit_size = width;
		info->size = (bit + width + 7) / 8;
		info->elem_size = info->size;
		found = true;
		break;
	}
	fclose(f);
	return found;
}

static struct oc_error *lookup_member(const char *type, const char *path,
				      struct oc_member_info *info)
{
	char cmd[512], out[256];

	memset(info, 0, sizeof(*info));
	snprintf(cmd, sizeof(cmd), "output (unsigned long)&((%s *)0)->%s", type,
		 path);
	if (!gdb_number(cmd, &info->offset)) {
		if (bitfield(type, path, info))
			goto type_name;
		return oc_error_create(OC_ERR_NOT_FOUND, "%s has no member %s",
				       type, path);
	}
	snprintf(cmd, sizeof(cmd), "output sizeof(((%s *)0)->%s)", type, path);
	if (!gdb_number(cmd, &info->size))
		return oc_error_create(OC_ERR_NOT_FOUND, "size of %s.%s", type,
				       path);
	info->elem_size = info->size;
type_name:
	snprintf(cmd, sizeof(cmd), "whatis ((%s *)0)->%s", type, path);
	if (gdb_eval(cmd, out, sizeof(out)) && !strncmp(out, "type = ", 7)) {
		char *br;

		/* gdb says "struct percpu_counter [4]": drop the space */
		snprintf(info->type_name, sizeof(info->type_name), "%.95s",
			 out + 7);
		br = strstr(info->type_name, " [");
		if (br)
			memmove(br, br + 1, strlen(br + 1) + 1);
		br = strchr(info->type_name, '[');
		if (br && !info->bit_size) {
			info->array_len = strtoull(br + 1, NULL, 10);
			snprintf(cmd, sizeof(cmd),
				 "output sizeof(((%s *)0)->%s[0])", type, path);
			if (!gdb_number(cmd, &info->elem_size))
				info->elem_size =
					info->array_len ?
						info->size / info->array_len :
						0;
		}
	}
	return NULL;
}

/* Member lookups go through gdb: cache them, walkers ask repeatedly. */
static struct oc_error *ct_member(struct oc_target *t, const char *type,
				  const char *path, struct oc_member_info *info)
{
	struct crash_target *ct = (struct crash_target *)t;
	struct oc_error *err;
	uint64_t idx;
	char *key;

	if (asprintf(&key, "%s|%s", type, path) < 0)
		return &oc_enomem;
	if (oc_strmap_find(&ct->cache, 'm', key, &idx)) {
		free(key);
		if (idx == UINT64_MAX)
			return oc_error_create(OC_ERR_NOT_FOUND,
					       "%s has no member %s", type,
					       path);
		*info = ct->members[idx];
		return NULL;
	}
	err = lookup_member(type, path, info);
	if (err && err->code != OC_ERR_NOT_FOUND) {
		free(key);
		return err;
	}
	if (ct->nmembers == ct->cap) {
		size_t cap = ct->cap ? ct->cap * 2 : 64;
		struct oc_member_info *m =
			realloc(ct->members, cap * sizeof(*m));
		char **k = m ? realloc(ct->keys, cap * sizeof(*k)) : NULL;

		if (m)
			ct->members = m;
		if (!m || !k) {
			free(key);
			oc_error_free(err);
			return &oc_enomem;
		}
		ct->keys = k;
		ct->cap = cap;
	}
	ct->keys[ct->nmembers] = key;
	if (!err)
		ct->members[ct->nmembers] = *info;
	if (!oc_strmap_insert(&ct->cache, 'm', key,
			      err ? UINT64_MAX : ct->nmembers)) {
		free(key);
		oc_error_free(err);
		return &oc_enomem;
	}
	ct->nmembers++;
	return err;
}

static struct oc_error *ct_enumerator(struct oc_target *t, const char *name,
				      int64_t *value)
{
	long v;

	if (!enumerator_value((char *)name, &v))
		return oc_error_create(OC_ERR_NOT_FOUND,
				       "enumerator %s not found", name);
	*value = v;
	return NULL;
}

static const char *ct_vmcoreinfo(struct oc_target *t, const char *key)
{
	struct crash_target *ct = (struct crash_target *)t;
	char *v;

	for (int i = 0; i < ct->nvmcoreinfo; i++)
		if (!strcmp(ct->vmcoreinfo_keys[i], key))
			return ct->vmcoreinfo_vals[i];
	if (!pc->read_vmcoreinfo || ct->nvmcoreinfo == MAX_VMCOREINFO)
		return NULL;
	v = pc->read_vmcoreinfo(key);
	if (!v)
		return NULL;
	ct->vmcoreinfo_keys[ct->nvmcoreinfo] = strdup(key);
	ct->vmcoreinfo_vals[ct->nvmcoreinfo++] = v;
	return v;
}

static void ct_destroy(struct oc_target *t)
{
	struct crash_target *ct = (struct crash_target *)t;

	oc_strmap_free(&ct->cache);
	for (size_t i = 0; i < ct->nmembers; i++)
		free(ct->keys[i]);
	free(ct->keys);
	free(ct->members);
	for (int i = 0; i < ct->nvmcoreinfo; i++) {
		free(ct->vmcoreinfo_keys[i]);
		free(ct->vmcoreinfo_vals[i]);
	}
	free(ct);
}

static const struct oc_target_ops crash_ops = {
	.read = ct_read,
	.symbol = ct_symbol,
	.type_size = ct_type_size,
	.member = ct_member,
	.enumerator = ct_enumerator,
	.vmcoreinfo = ct_vmcoreinfo,
	.destroy = ct_destroy,
};

/* The one target of this crash session, made on first use. */
static struct crash_target *session;

static struct oc_target *crash_target(void)
{
	struct crash_target *ct = session;

	if (ct)
		return &ct->base;
	ct = calloc(1, sizeof(*ct));
	if (!ct)
		return NULL;
	ct->base.ops = &crash_ops;
	ct->base.page_size = PAGESIZE();
	ct->base.ptr_size = sizeof(long);
	ct->base.big_endian = __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__;
	snprintf(ct->base.osrelease, sizeof(ct->base.osrelease), "%s",
		 kt->utsname.release);
	snprintf(ct->base.arch, sizeof(ct->base.arch), "%s", MACHINE_TYPE);
	for (char *p = ct->base.arch; *p; p++)
		*p = tolower((unsigned char)*p);
	ct->base.info.vmcore_path = pc->dumpfile;
	ct->base.info.vmlinux_path = pc->namelist;
	ct->base.info.format = "crash";
	ct->base.info.verified = true;
	ct->base.info.verified_by = "crash";
	ct->base.info.front_end = "crash";
	session = ct;
	return &ct->base;
}

/* ---- the oom command ------------------------------------------------ */

static char *help_oom[] = {
	"oom",
	"explain the out-of-memory event held in the dump",
	"[-t] [-m] [-z] [-c] [-l] [-j]",
	"  Runs oomcore's OOM analysis on the dump crash has open: the",
	"  verdict, every process's OOM badness recomputed with this",
	"  kernel's formula and the victim the OOM killer picks, the memory",
	"  cgroup tree, zones and free areas, the struct oom_control of the",
	"  OOM in progress, and the OOM reports in the kernel log. It walks",
	"  the task list itself, so it also works where crash's own task",
	"  table is incomplete. With no option, the whole report.",
	"",
	"    -t  the task table with badness, victim and runner-up",
	"    -m  the memory cgroup hierarchy with usage and limits",
	"    -z  zones, watermarks and buddy free areas (Mem-Info)",
	"    -c  the struct oom_control recovered from the stack",
	"    -l  the OOM reports found in the kernel log",
	"    -j  one JSON document, the same as `oomcore report --json`",
	"",
	"EXAMPLES",
	"  Which process would the OOM killer pick, and why:",
	"",
	"    crash> oom -t",
	"    Tasks (42 processes; oom_badness() era 5.9+ (signed pages,",
	"    pgtables_bytes, no root bonus) against totalpages 60334)",
	"    ...",
	"    [     57]     0    57     1785     1570          49152        0"
	"           500    31582   523      1015 hold_p500 <- victim",
	"",
	"  The whole report as JSON, into a file:",
	"",
	"    crash> oom -j > oom.json",
	NULL,
};

struct oom_run {
	struct oc_report report;
	bool built;
};

/* Called by crash when the command is interrupted (CTRL-C). */
static void oom_cleanup(void *arg)
{
	struct oom_run *run = arg;

	if (run->built)
		oc_report_release(&run->report);
	free(run);
}

static void cmd_oom(void)
{
	unsigned int sections = 0;
	bool json = false;
	struct oc_target *t;
	struct oom_run *run;
	struct oc_error *err;
	int c;

	while ((c = getopt(argcnt, args, "tmzclj")) != EOF) {
		switch (c) {
		case 't':
			sections |= OC_SECTION_TASKS;
			break;
		case 'm':
			sections |= OC_SECTION_MEMCG;
			break;
		case 'z':
			sections |= OC_SECTION_ZONES;
			break;
		case 'c':
			sections |= OC_SECTION_OOMCTL;
			break;
		case 'l':
			sections |= OC_SECTION_EVENTS;
			break;
		case 'j':
			json = true;
			break;
		default:
			argerrs++;
			break;
		}
	}
	if (argerrs || args[optind])
		cmd_usage(pc->curcmd, SYNOPSIS);
	if (!sections)
		sections = OC_SECTION_ALL;
	t = crash_target();
	run = calloc(1, sizeof(*run));
	if (!t || !run) {
		free(run);
		error(FATAL, "out of memory\n");
	}
	pc->cmd_cleanup = oom_cleanup;
	pc->cmd_cleanup_arg = run;
	/* A zeroed report releases safely: CTRL-C may stop it half-built. */
	run->built = true;
	err = oc_report_build(t, sections, &run->report);
	if (err) {
		pc->cmd_cleanup = NULL;
		oom_cleanup(run);
		error(FATAL, "%s\n", err->message);
	}
	if (json) {
		struct oc_json j;

		oc_json_init(&j, fp, false);
		oc_report_json(&run->report, sections, &j);
	} else {
		oc_report_print_text(&run->report, sections, fp);
	}
	pc->cmd_cleanup = NULL;
	oom_cleanup(run);
}

static struct command_table_entry command_table[] = {
	{ "oom", cmd_oom, help_oom, 0 },
	{ NULL },
};

void __attribute__((constructor)) oomcore_ext_init(void)
{
	register_extension(command_table);
}

void __attribute__((destructor)) oomcore_ext_fini(void)
{
	if (session)
		ct_destroy(&session->base);
	session = NULL;
}
