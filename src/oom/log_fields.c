// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Field parsers of log mode: recognize one normalized kernel line of an
 * OOM report and store its values into struct oc_oom_event. The formats
 * are those of mm/oom_kill.c (dump_header, dump_tasks, oom_kill_process,
 * __oom_kill_process, oom_reap_task), mm/page_alloc.c / mm/show_mem.c
 * (__show_free_areas), lib/show_mem.c, mm/memcontrol.c
 * (mem_cgroup_print_oom_*), lib/dump_stack.c, for 2.6.32 to 6.19 (see
 * kernel-oom-reference.md section 3). Parsers are tolerant: a line cut
 * short stores what it has.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oom/log_internal.h"
#include "oomcore/log.h"

static bool isdig(char c)
{
	return c >= '0' && c <= '9';
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static const char *skip_sp(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/* Reads an optionally signed decimal; advances *pp on success. */
static bool get_i64(const char **pp, int64_t *v)
{
	const char *p = skip_sp(*pp);
	bool neg = false;
	int64_t x = 0;

	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		p++;
	}
	if (!isdig(*p))
		return false;
	while (isdig(*p)) {
		if (x < OC_OOM_VALUE_MAX)
			x = x * 10 + (*p - '0');
		p++;
	}
	if (x > OC_OOM_VALUE_MAX)
		x = OC_OOM_VALUE_MAX;
	*v = neg ? -x : x;
	*pp = p;
	return true;
}

static bool get_hex(const char **pp, int64_t *v)
{
	const char *p = skip_sp(*pp);
	char *end;
	unsigned long long x;

	if (!isxdigit((unsigned char)*p))
		return false;
	x = strtoull(p, &end, 16);
	if (end == p)
		return false;
	*v = x > (unsigned long long)INT64_MAX ? INT64_MAX : (int64_t)x;
	*pp = end;
	return true;
}

static void copy_n(char *dst, size_t size, const char *from, size_t len)
{
	if (len >= size)
		len = size - 1;
	memcpy(dst, from, len);
	dst[len] = '\0';
	while (len && dst[len - 1] == ' ')
		dst[--len] = '\0';
}

/* Copies from @from up to the first @stop (or the end). */
static void copy_until(char *dst, size_t size, const char *from,
		       const char *stop)
{
	const char *e = stop ? strstr(from, stop) : NULL;

	copy_n(dst, size, from, e ? (size_t)(e - from) : strlen(from));
}

/* "isolated(anon)" -> "isolated_anon", "total-vm" -> "total_vm" */
static void sanitize_key(char *dst, size_t size, const char *from, size_t len)
{
	size_t o = 0, i;

	for (i = 0; i < len && o + 1 < size; i++) {
		char c = from[i];

		if (c == '(' || c == '-' || c == '/' || c == '.')
			c = '_';
		else if (c == ')' || c == '?')
			continue;
		else if (!isalnum((unsigned char)c) && c != '_')
			continue;
		dst[o++] = c;
	}
	dst[o] = '\0';
}

/*
 * Parses "key:value[kB|KB] key2:value2 ..." tokens (separated by spaces
 * or commas) into @set. Returns how many were stored.
 */
static int parse_tokens(const char *s, struct oc_oom_kvset *set,
			enum oc_oom_unit dflt)
{
	const char *p = s;
	int n = 0;

	while (*p) {
		const char *k, *colon, *v;
		char key[40];
		int64_t val;
		enum oc_oom_unit unit = dflt;

		while (*p == ' ' || *p == ',')
			p++;
		k = p;
		while (*p && *p != ' ' && *p != ':' && *p != ',')
			p++;
		if (*p != ':') {
			while (*p && *p != ' ' && *p != ',')
				p++;
			continue;
		}
		colon = p;
		v = skip_sp(p + 1);
		if (!get_i64(&v, &val)) {
			p = colon + 1;
			continue;
		}
		if (starts(v, "kB") || starts(v, "KB")) {
			unit = OC_OOM_UNIT_KB;
			v += 2;
		} else if (*v == 'B' && (v[1] == ' ' || !v[1] || v[1] == ',')) {
			unit = OC_OOM_UNIT_BYTES;
			v++;
		}
		sanitize_key(key, sizeof(key), k, (size_t)(colon - k));
		if (key[0]) {
			oc_oom_kv_set(set, key, val, unit);
			n++;
		}
		p = v;
	}
	return n;
}

/* "all_unreclaimable? yes" */
static int64_t parse_all_unreclaimable(const char *s)
{
	const char *p = strstr(s, "all_unreclaimable?");

	if (!p)
		return OC_OOM_NA;
	p = skip_sp(p + strlen("all_unreclaimable?"));
	if (starts(p, "yes"))
		return 1;
	if (starts(p, "no"))
		return 0;
	return OC_OOM_NA;
}

/* "Node 3 " prefix: returns the rest, stores the node or NA. */
static const char *node_prefix(const char *s, int64_t *node)
{
	const char *p = s + 5;
	int64_t n;

	*node = OC_OOM_NA;
	if (!starts(s, "Node ") || !get_i64(&p, &n) || *p != ' ')
		return s;
	*node = n;
	return skip_sp(p);
}

/* A zone name: "DMA", "DMA32", "Normal", "HighMem", "Movable", "Device" */
static size_t zone_name_len(const char *p)
{
	size_t n = 0;

	if (!isupper((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)p[n]) && n < 15)
		n++;
	return n;
}

static struct oc_oom_zone *find_zone(struct oc_oom_event *e, int64_t node,
				     const char *name, size_t len)
{
	struct oc_oom_zone *z;

	oc_vec_for_each(&e->zones, z) {
		if (z->node == node && strlen(z->name) == len &&
		    !strncmp(z->name, name, len))
			return z;
	}
	z = oc_oom_zone_vec_push(&e->zones);
	if (!z)
		return NULL;
	z->node = node;
	copy_n(z->name, sizeof(z->name), name, len);
	z->free_area_total_kb = OC_OOM_NA;
	return z;
}

const char *oc_log_arch_from_release(const char *r)
{
	static const struct {
		const char *suffix, *arch;
	} map[] = {
		{ ".x86_64", "x86_64" }, { "-amd64", "x86_64" },
		{ ".aarch64", "arm64" }, { "-arm64", "arm64" },
		{ ".i686", "i686" },	 { ".i386", "i386" },
		{ "-686", "i686" },	 { ".ppc64le", "ppc64le" },
		{ ".ppc64", "ppc64" },	 { ".s390x", "s390x" },
		{ "-armmp", "arm" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (strstr(r, map[i].suffix))
			return map[i].arch;
	}
	return NULL;
}

static void arch_hint(const char *s, struct oc_log_fields *f)
{
	if (starts(s, "RIP: ") || starts(s, "RSP: "))
		snprintf(f->arch, sizeof(f->arch), "x86_64");
	else if (starts(s, "EIP: ") || strstr(s, "EIP: [<"))
		snprintf(f->arch, sizeof(f->arch), "i386");
	else if (starts(s, "pc : ") || starts(s, "lr : ") ||
		 starts(s, "Call trace:"))
		snprintf(f->arch, sizeof(f->arch), "arm64");
	else if (starts(s, "PC is at "))
		snprintf(f->arch, sizeof(f->arch), "arm");
	else if (starts(s, "NIP:") || starts(s, "NIP ["))
		snprintf(f->arch, sizeof(f->arch), "powerpc");
	else if (starts(s, "Krnl PSW"))
		snprintf(f->arch, sizeof(f->arch), "s390x");
}

/* The release after "Not tainted " or "Tainted: G   W  O " */
static void stack_release(const char *s, char *dst, size_t size)
{
	const char *p = strstr(s, "Not tainted ");

	if (p) {
		p += strlen("Not tainted ");
	} else if ((p = strstr(s, "Tainted: "))) {
		p += strlen("Tainted: ");
		while (*p && !isdig(*p))
			p++;
	} else {
		return;
	}
	p = skip_sp(p);
	if (!isdig(*p))
		return;
	copy_until(dst, size, p, " ");
}

/*
 * A line of dump_stack() after its header: " dump_stack+0x19/0x1b",
 * "[<c04e7f34>] ? dump_header+0x84/0x190", "<TASK>", registers, "Code:".
 */
static bool is_frame(const char *s)
{
	static const char *const regs[] = {
		"RIP: ",  "RSP: ",  "RAX: ",	   "RDX: ", "RBP: ",  "R10: ",
		"R13: ",  "EIP: ",  "EAX: ",	   "ESI: ", "DS: ",   "CR2: ",
		"Code: ", "<TASK>", "</TASK>",	   "<IRQ>", "</IRQ>", "pc : ",
		"lr : ",  "sp : ",  "Workqueue: ",
	};
	const char *plus, *slash;
	size_t i;

	for (i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
		if (starts(s, regs[i]))
			return true;
	}
	/* "func+0x1f/0x21" possibly followed by " [module]" */
	plus = strstr(s, "+0x");
	if (!plus)
		return false;
	slash = strstr(plus, "/0x");
	return slash && strlen(slash) < 48;
}

static bool is_task_row(const char *s)
{
	const char *p = skip_sp(s + 1);

	if (*s != '[' || !isdig(*p))
		return false;
	while (isdig(*p))
		p++;
	p = skip_sp(p);
	return *p == ']';
}

static bool is_tokens_line(const char *s, const char *const *keys)
{
	size_t i;

	for (i = 0; keys[i]; i++) {
		size_t n = strlen(keys[i]);

		if (!strncmp(s, keys[i], n) && s[n] == ':' && isdig(s[n + 1]))
			return true;
	}
	return false;
}

static const char *const meminfo_keys[] = {
	"active_anon",
	"inactive_anon",
	"isolated_anon",
	"active_file",
	"inactive_file",
	"isolated_file",
	"unevictable",
	"dirty",
	"writeback",
	"unstable",
	"free",
	"slab_reclaimable",
	"slab_unreclaimable",
	"mapped",
	"shmem",
	"pagetables",
	"sec_pagetables",
	"bounce",
	"kernel_misc_reclaimable",
	"free_pcp",
	"free_cma",
	NULL,
};

static bool ends_with_num_word(const char *s, const char *word,
			       const char **num)
{
	const char *p = s;
	int64_t v;

	if (!get_i64(&p, &v) || *p != ' ')
		return false;
	*num = s;
	return !strcmp(skip_sp(p), word);
}

enum oc_log_kind oc_log_classify(const char *s, bool in_slab,
				 bool in_memcg_stats, struct oc_log_fields *f)
{
	const char *p, *num;
	int64_t node;

	memset(f, 0, sizeof(*f));
	f->pid = OC_OOM_NA;
	if (!*s)
		return OC_LK_NONE;
	arch_hint(s, f);

	/* "invoked oom-killer:" may end a line whose fields were wrapped */
	if (((p = strstr(s, "invoked oom-killer:")) &&
	     (p == s || p[-1] == ' ')) ||
	    starts(s, "oom-killer: gfp_mask=")) /* 2.6.1x */
		return OC_LK_HEADER;
	if (starts(s, "oom-kill:constraint=") || starts(s, "oom-kill:"))
		return OC_LK_SUMMARY;
	if ((p = strstr(s, "Killed process ")) &&
	    isdig(*(p + strlen("Killed process ")))) {
		const char *q = p + strlen("Killed process ");

		get_i64(&q, &f->pid);
		return OC_LK_KILLED;
	}
	if ((p = strstr(s, "ill process ")) && (p == s + 1 || p[-2] == ' ') &&
	    (p[-1] == 'K' || p[-1] == 'k') &&
	    isdig(*(p + strlen("ill process ")))) {
		const char *q = p + strlen("ill process ");

		get_i64(&q, &f->pid);
		if (strstr(q, ") score "))
			return OC_LK_SELECT;
		if (strstr(q, "sharing same memory"))
			return OC_LK_SHARING;
	}
	if (starts(s, "oom_reaper: ")) {
		p = strstr(s, "reaped process ");
		if (p)
			p += strlen("reaped process ");
		else if ((p = strstr(s, "reap pid:")))
			p += strlen("reap pid:");
		if (p && get_i64(&p, &f->pid))
			return OC_LK_REAPER;
		return OC_LK_NONE;
	}
	if (strstr(s, " cpuset=") && strstr(s, " mems_allowed=") &&
	    !strstr(s, "page allocation failure"))
		return OC_LK_CPUSET;
	if (starts(s, "Mem-Info:"))
		return OC_LK_MEMINFO_START;
	if (starts(s, "Task in ") &&
	    strstr(s, " killed as a result of limit of "))
		return OC_LK_MEMCG_TASK_IN;
	if (starts(s, "Memory limit reached of cgroup "))
		return OC_LK_MEMCG_TASK_IN;
	if ((starts(s, "memory: usage ") || starts(s, "memory+swap: usage ") ||
	     starts(s, "swap: usage ") || starts(s, "kmem: usage ")) &&
	    strstr(s, ", limit "))
		return OC_LK_MEMCG;
	if (starts(s, "Memory cgroup stats for "))
		return OC_LK_MEMCG_STATS;
	if (starts(s, "Memory cgroup min protection "))
		return OC_LK_MEMCG;
	if (starts(s, "Tasks state (memory values in pages)"))
		return OC_LK_TASKS_STATE;
	if (*s == '[' && strstr(s, "pid") && strstr(s, "uid") &&
	    strstr(s, "total_vm"))
		return OC_LK_TASK_HEADER;
	if (is_task_row(s))
		return OC_LK_TASK_ROW;
	if (strstr(s, "are going to be killed due to memory.oom.group set"))
		return OC_LK_OOM_GROUP;
	if (strstr(s, "Out of memory and no killable processes"))
		return OC_LK_NO_KILLABLE;
	if (starts(s, "Kernel panic - not syncing: ") &&
	    (strstr(s, "ut of memory") || strstr(s, "deadlocked on memory") ||
	     strstr(s, "panic_on_oom")))
		return OC_LK_PANIC;
	if (strstr(s, "out of memory. ") && strstr(s, "panic_on_oom"))
		return OC_LK_PANIC;
	if (strstr(s, ") is already exiting. Skip killing the task"))
		return OC_LK_EXITING;
	if (starts(s, "COMPACTION is disabled") ||
	    (starts(s, "oom killer ") && strstr(s, "has mm pinned by")))
		return OC_LK_MISC;
	if (strstr(s, "Manual OOM execution") &&
	    (starts(s, "SysRq") || starts(s, "sysrq")))
		return OC_LK_SYSRQ;
	if (starts(s, "OOM request ignored"))
		return OC_LK_SYSRQ_IGNORED;
	if (strstr(s, "page allocation failure") ||
	    strstr(s, "page allocation stalls for") ||
	    (strstr(s, "Show Memory") &&
	     (starts(s, "SysRq") || starts(s, "sysrq"))))
		return OC_LK_NON_OOM_DUMP;
	if (strstr(s, "printk messages dropped") ||
	    strstr(s, "messages suppressed") ||
	    strstr(s, "callbacks suppressed") ||
	    strstr(s, "Missed ") /* journald */) {
		if (strstr(s, "Missed ") && !strstr(s, "kernel messages"))
			return OC_LK_NONE;
		p = s;
		while (*p && !isdig(*p))
			p++;
		if (!get_i64(&p, &f->dropped))
			f->dropped = 0;
		return OC_LK_DROPPED;
	}
	if (starts(s, "Linux version ")) {
		p = s + strlen("Linux version ");
		copy_until(f->version, sizeof(f->version), p, " ");
		return OC_LK_BANNER;
	}
	if ((starts(s, "CPU: ") && strstr(s, " PID: ") &&
	     strstr(s, "Comm: ")) ||
	    (starts(s, "Pid: ") && strstr(s, ", comm: "))) {
		stack_release(s, f->version, sizeof(f->version));
		return OC_LK_STACK;
	}
	if (starts(s, "Hardware name: ") || starts(s, "Call Trace:") ||
	    starts(s, "Call trace:"))
		return OC_LK_STACK;

	if (is_frame(s))
		return OC_LK_FRAME;

	/* Mem-Info pieces */
	if (is_tokens_line(s, meminfo_keys))
		return OC_LK_MEMINFO;
	if (strstr(s, " per-cpu:") || (starts(s, "CPU ") && strstr(s, ": hi:")))
		return OC_LK_MEMINFO;
	if (starts(s, "lowmem_reserve[]:"))
		return OC_LK_RESERVE;
	p = node_prefix(s, &node);
	if (oc_oom_has(node) && starts(p, "active_anon:"))
		return OC_LK_NODE;
	if (oc_oom_has(node) && starts(p, "hugepages_total="))
		return OC_LK_TOTALS;
	{
		size_t n = zone_name_len(p);

		if (n && starts(p + n, " free:") && isdig(p[n + 6]))
			return OC_LK_ZONE;
		if (n && p[n] == ':' && p[n + 1] == ' ' && isdig(p[n + 2]) &&
		    strstr(p, "kB"))
			return OC_LK_BUDDY;
	}
	if (ends_with_num_word(s, "total pagecache pages", &num) ||
	    ends_with_num_word(s, "pages in swap cache", &num) ||
	    ends_with_num_word(s, "pages RAM", &num) ||
	    ends_with_num_word(s, "pages HighMem/MovableOnly", &num) ||
	    ends_with_num_word(s, "pages HighMem", &num) ||
	    ends_with_num_word(s, "pages reserved", &num) ||
	    ends_with_num_word(s, "pages cma reserved", &num) ||
	    ends_with_num_word(s, "pages in pagetable cache", &num) ||
	    ends_with_num_word(s, "pages hwpoisoned", &num) ||
	    ends_with_num_word(s, "pages shared", &num) ||
	    ends_with_num_word(s, "pages non-shared", &num) ||
	    starts(s, "Free swap  = ") || starts(s, "Free swap = ") ||
	    starts(s, "Total swap = ") || starts(s, "Swap cache stats: "))
		return OC_LK_TOTALS;
	if (starts(s, "Unreclaimable slab info:"))
		return OC_LK_SLAB_START;
	if (in_slab) {
		if (starts(s, "Name ") && strstr(s, "Used"))
			return OC_LK_SLAB;
		p = strstr(s, "KB ");
		if (p && strstr(p + 3, "KB"))
			return OC_LK_SLAB;
	}
	if (in_memcg_stats) {
		p = s;
		while (*p && (isalnum((unsigned char)*p) || *p == '_'))
			p++;
		if (p > s && *p == ' ' && isdig(p[1]))
			return OC_LK_MEMCG_STAT_LINE;
	}
	return OC_LK_NONE;
}

static void apply_header(const char *s, struct oc_oom_event *e)
{
	struct oc_oom_trigger *t = &e->trigger;
	const char *p = strstr(s, "invoked oom-killer:");
	const char *q;

	if (p > s)
		copy_n(t->comm, sizeof(t->comm), s, (size_t)(p - s - 1));
	if (!p) /* 2.6.1x: "oom-killer: gfp_mask=0xd0, order=0" */
		p = strstr(s, "oom-killer:");
	if (!p)
		return;
	e->seen |= OC_OOM_SEEN_HEADER;
	if ((q = strstr(p, "gfp_mask=0x")) || (q = strstr(p, "gfp_mask=0X"))) {
		q += strlen("gfp_mask=0x");
		if (get_hex(&q, &t->gfp_mask) && *q == '(') {
			const char *end = strchr(q, ')');

			if (end)
				copy_n(t->gfp_text, sizeof(t->gfp_text), q + 1,
				       (size_t)(end - q - 1));
		}
	}
	if ((q = strstr(p, "nodemask=")))
		copy_until(t->nodemask, sizeof(t->nodemask),
			   q + strlen("nodemask="), ", ");
	if ((q = strstr(p, "order=")))
		get_i64((q += 6, &q), &t->order);
	if ((q = strstr(p, "oom_score_adj=")))
		get_i64((q += 14, &q), &t->oom_score_adj);
	if ((q = strstr(p, "oom_adj=")))
		get_i64((q += 8, &q), &t->oom_adj);
	else if ((q = strstr(p, "oomkilladj="))) /* 2.6.18-2.6.31 */
		get_i64((q += 11, &q), &t->oom_adj);
	if (t->order == -1)
		e->sysrq = true;
}

static void apply_cpuset(const char *s, struct oc_oom_event *e)
{
	struct oc_oom_trigger *t = &e->trigger;
	const char *p = strstr(s, " cpuset="), *q;

	e->seen |= OC_OOM_SEEN_CPUSET;
	if (!t->comm[0] && p)
		copy_n(t->comm, sizeof(t->comm), s, (size_t)(p - s));
	if (!p)
		return;
	p += strlen(" cpuset=");
	copy_until(t->cpuset, sizeof(t->cpuset), p, " mems_allowed=");
	q = strstr(p, " mems_allowed=");
	if (q)
		copy_n(t->mems_allowed, sizeof(t->mems_allowed),
		       q + strlen(" mems_allowed="),
		       strlen(q + strlen(" mems_allowed=")));
}

static void apply_stack(const char *s, struct oc_oom_event *e)
{
	const char *p;
	int64_t v;
	char release[96] = "";

	e->seen |= OC_OOM_SEEN_STACK;
	if (starts(s, "Hardware name: ")) {
		copy_n(e->hardware, sizeof(e->hardware), s + 15,
		       strlen(s + 15));
		return;
	}
	if (starts(s, "Call "))
		return;
	if (starts(s, "CPU: ")) {
		p = s + 5;
		if (get_i64(&p, &v))
			e->trigger.cpu = v;
		if ((p = strstr(s, " PID: ")) && (p += 6, get_i64(&p, &v)))
			e->trigger.pid = v;
		p = strstr(s, "Comm: ");
		if (p && !e->trigger.comm[0])
			copy_until(e->trigger.comm, sizeof(e->trigger.comm),
				   p + 6, " ");
	} else {
		p = s + 5;
		if (get_i64(&p, &v))
			e->trigger.pid = v;
		p = strstr(s, ", comm: ");
		if (p && !e->trigger.comm[0])
			copy_until(e->trigger.comm, sizeof(e->trigger.comm),
				   p + 8, " ");
	}
	stack_release(s, release, sizeof(release));
	if (release[0])
		snprintf(e->kernel_version, sizeof(e->kernel_version), "%s",
			 release);
	if ((p = strstr(s, "Tainted: ")) && !strstr(s, "Not tainted"))
		copy_until(e->tainted, sizeof(e->tainted), p + 9, " ");
}

static void apply_zone(const char *s, struct oc_oom_event *e)
{
	int64_t node;
	const char *p = node_prefix(s, &node);
	size_t n = zone_name_len(p);
	struct oc_oom_zone *z = find_zone(e, node, p, n);

	if (!z)
		return;
	e->seen |= OC_OOM_SEEN_ZONES;
	parse_tokens(p + n, &z->fields, OC_OOM_UNIT_KB);
	if (strstr(p, "all_unreclaimable?"))
		oc_oom_kv_set(&z->fields, "all_unreclaimable",
			      parse_all_unreclaimable(p), OC_OOM_UNIT_COUNT);
}

static void apply_reserve(const char *s, struct oc_oom_event *e)
{
	struct oc_oom_zone *z;
	const char *p = s + strlen("lowmem_reserve[]:");
	int64_t v;

	if (!e->zones.len)
		return;
	z = &e->zones.data[e->zones.len - 1];
	z->n_lowmem_reserve = 0;
	while (z->n_lowmem_reserve < OC_OOM_MAX_RESERVE && get_i64(&p, &v))
		z->lowmem_reserve_pages[z->n_lowmem_reserve++] = v;
}

static void apply_buddy(const char *s, struct oc_oom_event *e)
{
	int64_t node, cnt, kb;
	const char *p = node_prefix(s, &node);
	size_t n = zone_name_len(p);
	struct oc_oom_zone *z = find_zone(e, node, p, n);

	if (!z)
		return;
	p += n + 1;
	z->n_orders = 0;
	for (;;) {
		p = skip_sp(p);
		if (*p == '(') {
			const char *end = strchr(p, ')');

			if (!end)
				break;
			if (z->n_orders)
				copy_n(z->migratetypes[z->n_orders - 1],
				       sizeof(z->migratetypes[0]), p + 1,
				       (size_t)(end - p - 1));
			p = end + 1;
			continue;
		}
		if (*p == '=') {
			p++;
			if (get_i64(&p, &kb))
				z->free_area_total_kb = kb;
			break;
		}
		if (!get_i64(&p, &cnt) || *p != '*')
			break;
		p++;
		if (!get_i64(&p, &kb) || !starts(p, "kB"))
			break;
		p += 2;
		if (z->n_orders < OC_OOM_MAX_ORDER) {
			z->nr_free[z->n_orders] = cnt;
			z->block_kb[z->n_orders] = kb;
			z->migratetypes[z->n_orders][0] = '\0';
			z->n_orders++;
		}
	}
	if (z->n_orders && z->block_kb[0] > 0 && z->block_kb[0] <= 1024 &&
	    !oc_oom_has(e->page_size))
		e->page_size = z->block_kb[0] * 1024;
}

static void apply_node(const char *s, struct oc_oom_event *e)
{
	int64_t node;
	const char *p = node_prefix(s, &node);
	struct oc_oom_node *nd;

	oc_vec_for_each(&e->nodes, nd) {
		if (nd->node == node)
			break;
	}
	if (!nd || nd >= e->nodes.data + e->nodes.len) {
		nd = oc_oom_node_vec_push(&e->nodes);
		if (!nd)
			return;
		nd->node = node;
		nd->all_unreclaimable = OC_OOM_NA;
	}
	parse_tokens(p, &nd->fields, OC_OOM_UNIT_KB);
	nd->all_unreclaimable = parse_all_unreclaimable(p);
}

static void apply_totals(const char *s, struct oc_oom_event *e)
{
	static const struct {
		const char *suffix, *key;
	} map[] = {
		{ "total pagecache pages", "pagecache" },
		{ "pages in swap cache", "swapcache" },
		{ "pages RAM", "ram" },
		{ "pages HighMem/MovableOnly", "highmem" },
		{ "pages HighMem", "highmem" },
		{ "pages reserved", "reserved" },
		{ "pages cma reserved", "cma_reserved" },
		{ "pages in pagetable cache", "pagetable_cache" },
		{ "pages hwpoisoned", "hwpoisoned" },
		{ "pages shared", "shared" },
		{ "pages non-shared", "non_shared" },
	};
	const char *p = s;
	int64_t v, node;
	size_t i;

	e->seen |= OC_OOM_SEEN_TOTALS;
	if (starts(s, "Free swap")) {
		p = strchr(s, '=');
		if (p && (p++, get_i64(&p, &v)))
			oc_oom_kv_set(&e->totals, "free_swap", v,
				      OC_OOM_UNIT_KB);
		return;
	}
	if (starts(s, "Total swap = ")) {
		p = s + 13;
		if (get_i64(&p, &v))
			oc_oom_kv_set(&e->totals, "total_swap", v,
				      OC_OOM_UNIT_KB);
		return;
	}
	if (starts(s, "Swap cache stats: ")) {
		parse_tokens(s + 18, &e->totals, OC_OOM_UNIT_COUNT);
		return;
	}
	p = node_prefix(s, &node);
	if (oc_oom_has(node) && starts(p, "hugepages_total=")) {
		int64_t total = 0, fr = 0, size = 0;
		const char *q;

		if ((q = strstr(p, "hugepages_total=")))
			get_i64((q += 16, &q), &total);
		if ((q = strstr(p, "hugepages_free=")))
			get_i64((q += 15, &q), &fr);
		if ((q = strstr(p, "hugepages_size=")))
			get_i64((q += 15, &q), &size);
		v = oc_oom_kv_get(&e->totals, "hugepages_total");
		oc_oom_kv_set(&e->totals, "hugepages_total",
			      oc_oom_sat_add(oc_oom_has(v) ? v : 0,
					     oc_oom_sat_mul(total, size)),
			      OC_OOM_UNIT_KB);
		v = oc_oom_kv_get(&e->totals, "hugepages_free");
		oc_oom_kv_set(&e->totals, "hugepages_free",
			      oc_oom_sat_add(oc_oom_has(v) ? v : 0,
					     oc_oom_sat_mul(fr, size)),
			      OC_OOM_UNIT_KB);
		return;
	}
	if (!get_i64(&p, &v))
		return;
	p = skip_sp(p);
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (!strcmp(p, map[i].suffix)) {
			oc_oom_kv_set(&e->totals, map[i].key, v,
				      OC_OOM_UNIT_PAGES);
			return;
		}
	}
}

static void apply_slab(const char *s, struct oc_oom_event *e)
{
	struct oc_oom_slab *sl;
	const char *p = s;
	int64_t used, total;
	size_t n;

	if (starts(s, "Name "))
		return;
	while (*p && *p != ' ')
		p++;
	n = (size_t)(p - s);
	if (!get_i64(&p, &used) || !starts(p, "KB"))
		return;
	p += 2;
	if (!get_i64(&p, &total))
		return;
	sl = oc_oom_slab_vec_push(&e->slabs);
	if (!sl)
		return;
	copy_n(sl->name, sizeof(sl->name), s, n);
	sl->used_kb = used;
	sl->total_kb = total;
}

static void parse_counter(const char *p, struct oc_oom_memcg_counter *c)
{
	const char *q;

	if ((q = strstr(p, "usage ")))
		get_i64((q += 6, &q), &c->usage_kb);
	if ((q = strstr(p, "limit ")))
		get_i64((q += 6, &q), &c->limit_kb);
	if ((q = strstr(p, "failcnt ")))
		get_i64((q += 8, &q), &c->failcnt);
}

static void apply_memcg(const char *s, struct oc_oom_event *e,
			enum oc_log_kind kind)
{
	struct oc_oom_memcg *m = &e->memcg;
	const char *p;

	if (starts(s, "Memory cgroup min protection ")) {
		/* 6.19+ prints it for every OOM, global ones too */
		p = s + 29;
		get_i64(&p, &m->min_protection_kb);
		if ((p = strstr(p, "low protection ")))
			get_i64((p += 15, &p), &m->low_protection_kb);
		return;
	}
	e->seen |= OC_OOM_SEEN_MEMCG;
	e->memcg_oom = true;
	if (kind == OC_LK_MEMCG_TASK_IN) {
		if (starts(s, "Memory limit reached of cgroup ")) {
			copy_n(m->path, sizeof(m->path), s + 31,
			       strlen(s + 31));
			return;
		}
		p = strstr(s, " killed as a result of limit of ");
		copy_n(m->task_path, sizeof(m->task_path), s + 8,
		       (size_t)(p - s - 8));
		p += strlen(" killed as a result of limit of ");
		copy_n(m->path, sizeof(m->path), p, strlen(p));
		return;
	}
	if (kind == OC_LK_MEMCG_STATS) {
		const char *colon;

		p = s + strlen("Memory cgroup stats for ");
		colon = strstr(p, ":");
		/* a path has no ": "; the v1 stats follow on the same line */
		while (colon && colon[1] && colon[1] != ' ')
			colon = strstr(colon + 1, ":");
		if (!colon)
			colon = p + strlen(p);
		m->n_stats_blocks++;
		/* keep the stats of the memcg at its limit (or the first) */
		if (m->stats.n && strcmp(m->stats_path, m->path) == 0)
			return;
		copy_n(m->stats_path, sizeof(m->stats_path), p,
		       (size_t)(colon - p));
		m->stats.n = 0;
		if (*colon &&
		    parse_tokens(colon + 1, &m->stats, OC_OOM_UNIT_KB) > 0)
			m->v1 = true;
		return;
	}
	if (starts(s, "memory: ")) {
		parse_counter(s, &m->memory);
	} else if (starts(s, "memory+swap: ")) {
		parse_counter(s, &m->memsw);
		m->v1 = true;
	} else if (starts(s, "swap: ")) {
		parse_counter(s, &m->swap);
		m->v2 = true;
	} else if (starts(s, "kmem: ")) {
		parse_counter(s, &m->kmem);
		m->v1 = true;
	}
}

static void apply_memcg_stat_line(const char *s, struct oc_oom_event *e)
{
	const char *p = s;
	char key[40];
	int64_t v;
	enum oc_oom_unit unit = OC_OOM_UNIT_BYTES;

	while (*p && *p != ' ')
		p++;
	sanitize_key(key, sizeof(key), s, (size_t)(p - s));
	if (!get_i64(&p, &v) || !key[0])
		return;
	/* memory.stat: byte sizes except the event counters */
	if (starts(key, "pg") || starts(key, "workingset_") ||
	    starts(key, "thp_") || starts(key, "zswp") ||
	    !strcmp(key, "zswpin") || !strcmp(key, "zswpout"))
		unit = OC_OOM_UNIT_COUNT;
	oc_oom_kv_set(&e->memcg.stats, key, v, unit);
	e->memcg.v2 = true;
}

static enum oc_oom_col col_from_name(const char *w, size_t n)
{
	int c;

	for (c = 0; c < OC_OOM_NR_COLS; c++) {
		const char *name = oc_oom_col_name((enum oc_oom_col)c);

		if (strlen(name) == n && !strncmp(name, w, n))
			return (enum oc_oom_col)c;
	}
	return OC_OOM_NR_COLS;
}

static void apply_task_header(const char *s, struct oc_oom_event *e)
{
	const char *p = strchr(s, ']');

	e->seen |= OC_OOM_SEEN_TASKS;
	e->n_cols = 0;
	e->cols_guessed = false;
	e->cols[e->n_cols++] = OC_OOM_COL_PID;
	if (!p)
		return;
	p++;
	while (*p && e->n_cols < OC_OOM_NR_COLS) {
		const char *w;
		enum oc_oom_col c;

		p = skip_sp(p);
		w = p;
		while (*p && *p != ' ')
			p++;
		if (p == w)
			break;
		c = col_from_name(w, (size_t)(p - w));
		if (c != OC_OOM_NR_COLS)
			e->cols[e->n_cols++] = c;
	}
}

static int64_t *task_field(struct oc_oom_task *t, enum oc_oom_col c)
{
	switch (c) {
	case OC_OOM_COL_PID:
		return &t->pid;
	case OC_OOM_COL_UID:
		return &t->uid;
	case OC_OOM_COL_TGID:
		return &t->tgid;
	case OC_OOM_COL_TOTAL_VM:
		return &t->total_vm;
	case OC_OOM_COL_RSS:
		return &t->rss;
	case OC_OOM_COL_RSS_ANON:
		return &t->rss_anon;
	case OC_OOM_COL_RSS_FILE:
		return &t->rss_file;
	case OC_OOM_COL_RSS_SHMEM:
		return &t->rss_shmem;
	case OC_OOM_COL_NR_PTES:
		return &t->nr_ptes;
	case OC_OOM_COL_NR_PMDS:
		return &t->nr_pmds;
	case OC_OOM_COL_PGTABLES_BYTES:
		return &t->pgtables_bytes;
	case OC_OOM_COL_SWAPENTS:
		return &t->swapents;
	case OC_OOM_COL_CPU:
		return &t->cpu;
	case OC_OOM_COL_OOM_ADJ:
		return &t->oom_adj;
	case OC_OOM_COL_OOM_SCORE_ADJ:
		return &t->oom_score_adj;
	case OC_OOM_COL_NAME:
	case OC_OOM_NR_COLS:
		break;
	}
	return NULL;
}

/* No header line: choose the columns from the shape of the first row. */
static void guess_cols(struct oc_oom_event *e, const int64_t *v, int n)
{
	static const enum oc_oom_col c68[] = {
		OC_OOM_COL_UID,	      OC_OOM_COL_TGID,
		OC_OOM_COL_TOTAL_VM,  OC_OOM_COL_RSS,
		OC_OOM_COL_RSS_ANON,  OC_OOM_COL_RSS_FILE,
		OC_OOM_COL_RSS_SHMEM, OC_OOM_COL_PGTABLES_BYTES,
		OC_OOM_COL_SWAPENTS,  OC_OOM_COL_OOM_SCORE_ADJ,
	};
	static const enum oc_oom_col c40[] = {
		OC_OOM_COL_UID,	     OC_OOM_COL_TGID,
		OC_OOM_COL_TOTAL_VM, OC_OOM_COL_RSS,
		OC_OOM_COL_NR_PTES,  OC_OOM_COL_NR_PMDS,
		OC_OOM_COL_SWAPENTS, OC_OOM_COL_OOM_SCORE_ADJ,
	};
	static const enum oc_oom_col c415[] = {
		OC_OOM_COL_UID,
		OC_OOM_COL_TGID,
		OC_OOM_COL_TOTAL_VM,
		OC_OOM_COL_RSS,
		OC_OOM_COL_PGTABLES_BYTES,
		OC_OOM_COL_SWAPENTS,
		OC_OOM_COL_OOM_SCORE_ADJ,
	};
	static const enum oc_oom_col c310[] = {
		OC_OOM_COL_UID,		  OC_OOM_COL_TGID,
		OC_OOM_COL_TOTAL_VM,	  OC_OOM_COL_RSS,
		OC_OOM_COL_NR_PTES,	  OC_OOM_COL_SWAPENTS,
		OC_OOM_COL_OOM_SCORE_ADJ,
	};
	static const enum oc_oom_col c236[] = {
		OC_OOM_COL_UID,		  OC_OOM_COL_TGID, OC_OOM_COL_TOTAL_VM,
		OC_OOM_COL_RSS,		  OC_OOM_COL_CPU,  OC_OOM_COL_OOM_ADJ,
		OC_OOM_COL_OOM_SCORE_ADJ,
	};
	static const enum oc_oom_col c232[] = {
		OC_OOM_COL_UID, OC_OOM_COL_TGID, OC_OOM_COL_TOTAL_VM,
		OC_OOM_COL_RSS, OC_OOM_COL_CPU,	 OC_OOM_COL_OOM_ADJ,
	};
	const enum oc_oom_col *c = NULL;
	int k = 0, i;

	if (n == 10) {
		c = c68;
		k = 10;
	} else if (n == 8) {
		c = c40;
		k = 8;
	} else if (n == 7) {
		k = 7;
		if (v[4] >= 4096 && v[4] % 1024 == 0)
			c = c415;
		else if (v[4] < 512 && v[5] >= -17 && v[5] <= 15 &&
			 !strncmp(e->kernel_version, "2.", 2))
			c = c236;
		else
			c = c310;
	} else if (n == 6) {
		c = c232;
		k = 6;
	}
	if (!c)
		return;
	e->n_cols = 0;
	e->cols[e->n_cols++] = OC_OOM_COL_PID;
	for (i = 0; i < k; i++)
		e->cols[e->n_cols++] = c[i];
	e->cols[e->n_cols++] = OC_OOM_COL_NAME;
	e->cols_guessed = true;
}

static void task_init(struct oc_oom_task *t)
{
	t->pid = t->uid = t->tgid = t->total_vm = t->rss = OC_OOM_NA;
	t->rss_anon = t->rss_file = t->rss_shmem = OC_OOM_NA;
	t->nr_ptes = t->nr_pmds = t->pgtables_bytes = OC_OOM_NA;
	t->swapents = t->cpu = t->oom_adj = t->oom_score_adj = OC_OOM_NA;
}

static void apply_task_row(const char *s, struct oc_oom_event *e,
			   int64_t lineno)
{
	struct oc_oom_task t, *slot;
	const char *p = s + 1, *name;
	int64_t v[OC_OOM_NR_COLS];
	int n = 0, i, want;

	task_init(&t);
	t.line = lineno;
	if (!get_i64(&p, &t.pid))
		return;
	p = strchr(p, ']');
	if (!p)
		return;
	p++;
	for (;;) {
		const char *q = p;
		int64_t x;

		if (n >= OC_OOM_NR_COLS || !get_i64(&q, &x) ||
		    (*q != ' ' && *q != '\0'))
			break;
		v[n++] = x;
		p = q;
	}
	name = skip_sp(p);
	/*
	 * The kernel always prints a name: a row without one was cut (at
	 * terminal width), and its last number may be cut too.
	 */
	if (!*name && n > 0) {
		n--;
		e->bad_task_rows++;
	}
	if (!e->n_cols)
		guess_cols(e, v, n);
	if (!e->n_cols) {
		e->bad_task_rows++;
		return;
	}
	want = 0;
	for (i = 1; i < e->n_cols; i++) {
		int64_t *f;

		if (e->cols[i] == OC_OOM_COL_NAME)
			continue;
		f = task_field(&t, e->cols[i]);
		if (want < n && f)
			*f = v[want];
		want++;
	}
	if (n > want) {
		/* a number too many: a name made of digits, or a wrong header
		 */
		e->bad_task_rows++;
	}
	copy_n(t.name, sizeof(t.name), name, strlen(name));
	slot = oc_oom_task_vec_push(&e->tasks);
	if (slot)
		*slot = t;
}

/* "oom-kill:constraint=X,nodemask=Y,cpuset=..,mems_allowed=..,..." */
static void apply_summary(const char *s, struct oc_oom_event *e)
{
	static const char *const keys[] = {
		"constraint=", ",nodemask=",  ",cpuset=",     ",mems_allowed=",
		",global_oom", ",oom_memcg=", ",task_memcg=", ",task=",
		",pid=",       ",uid=",
	};
	enum { NK = sizeof(keys) / sizeof(keys[0]) };
	const char *at[NK], *from = s;
	struct oc_oom_summary *m = &e->summary;
	int i, j;
	char val[OC_OOM_PATH_LEN];

	e->seen |= OC_OOM_SEEN_SUMMARY;
	m->present = true;
	for (i = 0; i < NK; i++) {
		at[i] = strstr(from, keys[i]);
		if (at[i])
			from = at[i] + strlen(keys[i]);
	}
	for (i = 0; i < NK; i++) {
		const char *v, *end = NULL;

		if (!at[i])
			continue;
		v = at[i] + strlen(keys[i]);
		for (j = i + 1; j < NK && !end; j++)
			end = at[j];
		copy_n(val, sizeof(val), v,
		       end ? (size_t)(end - v) : strlen(v));
		switch (i) {
		case 0:
			copy_n(m->constraint, sizeof(m->constraint), val,
			       strlen(val));
			break;
		case 1:
			copy_n(m->nodemask, sizeof(m->nodemask), val,
			       strlen(val));
			break;
		case 2:
			copy_n(m->cpuset, sizeof(m->cpuset), val, strlen(val));
			break;
		case 3:
			copy_n(m->mems_allowed, sizeof(m->mems_allowed), val,
			       strlen(val));
			break;
		case 4:
			m->global_oom = true;
			break;
		case 5:
			copy_n(m->oom_memcg, sizeof(m->oom_memcg), val,
			       strlen(val));
			break;
		case 6:
			copy_n(m->task_memcg, sizeof(m->task_memcg), val,
			       strlen(val));
			break;
		case 7:
			copy_n(m->task, sizeof(m->task), val, strlen(val));
			break;
		case 8:
			v = val;
			get_i64(&v, &m->pid);
			break;
		case 9:
			v = val;
			get_i64(&v, &m->uid);
			break;
		}
	}
}

/* "(comm)" ending at @stop or at the last ')' */
static const char *get_comm(const char *p, const char *stop, char *dst,
			    size_t size)
{
	const char *open = strchr(p, '('), *end = NULL;

	if (!open)
		return p;
	if (stop)
		end = strstr(open, stop);
	if (!end)
		end = strrchr(open, ')');
	if (!end || end < open)
		return p;
	copy_n(dst, size, open + 1, (size_t)(end - open - 1));
	return end + 1;
}

static void prefix_of(const char *s, const char *p, char *dst, size_t size)
{
	const char *e = p;

	while (e > s && (e[-1] == ' ' || e[-1] == ':'))
		e--;
	copy_n(dst, size, s, (size_t)(e - s));
}

static void apply_select(const char *s, struct oc_oom_event *e)
{
	struct oc_oom_victim *v = &e->victim;
	const char *p = strstr(s, "ill process ") + strlen("ill process ");
	const char *q;

	e->seen |= OC_OOM_SEEN_SELECT;
	get_i64(&p, &v->selected_pid);
	q = get_comm(p, ") score ", v->selected_comm, sizeof(v->selected_comm));
	if ((q = strstr(q, "score ")))
		get_i64((q += 6, &q), &v->score);
	if (!v->prefix[0])
		prefix_of(s, strstr(s, "ill process ") - 1, v->prefix,
			  sizeof(v->prefix));
	if (strstr(s, "Memory cgroup out of memory"))
		e->memcg_oom = true;
	if (strstr(s, "oom_kill_allocating_task"))
		e->allocating_task = true;
}

static void apply_killed(const char *s, struct oc_oom_event *e)
{
	struct oc_oom_victim *v = &e->victim;
	const char *k = strstr(s, "Killed process "), *p, *q;
	struct oc_oom_kvset kv = { .n = 0 };
	int64_t x;

	e->seen |= OC_OOM_SEEN_KILL;
	if (k > s)
		prefix_of(s, k, v->prefix, sizeof(v->prefix));
	if (strstr(v->prefix, "Memory cgroup out of memory"))
		e->memcg_oom = true;
	if (strstr(v->prefix, "oom_kill_allocating_task"))
		e->allocating_task = true;
	p = k + strlen("Killed process ");
	get_i64(&p, &v->pid);
	v->source = OC_OOM_VICTIM_KILL_LINE;
	/* RHEL 6: "Killed process 18906, UID 0, (stress) total-vm:..." */
	if ((q = strstr(p, ", UID ")) && q < strchr(p, '(')) {
		q += 6;
		get_i64(&q, &v->uid);
	}
	p = get_comm(p, ") total-vm:", v->comm, sizeof(v->comm));
	/* RHEL 7: "Killed process 42 (x), UID 0, total-vm:..." */
	if (starts(p, ", UID ")) {
		q = p + 6;
		get_i64(&q, &v->uid);
	}
	parse_tokens(p, &kv, OC_OOM_UNIT_KB);
	if (oc_oom_has(x = oc_oom_kv_get(&kv, "total_vm")))
		v->total_vm_kb = x;
	if (oc_oom_has(x = oc_oom_kv_get(&kv, "anon_rss")))
		v->anon_rss_kb = x;
	if (oc_oom_has(x = oc_oom_kv_get(&kv, "file_rss")))
		v->file_rss_kb = x;
	if (oc_oom_has(x = oc_oom_kv_get(&kv, "shmem_rss")))
		v->shmem_rss_kb = x;
	if (oc_oom_has(x = oc_oom_kv_get(&kv, "UID")))
		v->uid = x;
	if (oc_oom_has(x = oc_oom_kv_get(&kv, "pgtables")))
		v->pgtables_kb = x;
	if (oc_oom_has(x = oc_oom_kv_get(&kv, "oom_score_adj")))
		v->oom_score_adj = x;
}

static void apply_extra(const char *s, struct oc_oom_event *e,
			enum oc_oom_extra_kind kind)
{
	struct oc_oom_extra_kill *x;
	const char *p;

	if (kind == OC_OOM_EXTRA_OOM_GROUP) {
		p = strstr(s, "Killed process ") + strlen("Killed process ");
	} else {
		p = strstr(s, "ill process ") + strlen("ill process ");
	}
	x = oc_oom_extra_vec_push(&e->extra_kills);
	if (!x)
		return;
	x->kind = kind;
	x->pid = OC_OOM_NA;
	get_i64(&p, &x->pid);
	get_comm(p,
		 kind == OC_OOM_EXTRA_OOM_GROUP ? ") total-vm:" : ") sharing",
		 x->comm, sizeof(x->comm));
}

/*
 * Functions of the memory cgroup charge and OOM paths (mm/memcontrol.c,
 * 3.x to 6.x): a reliable frame of one of them in the report's trace
 * means the OOM killer ran for a memcg, even without a memcg block.
 */
static const char *const memcg_frames[] = {
	"mem_cgroup_oom_synchronize", /* 3.12+: from pagefault_out_of_memory */
	"mem_cgroup_out_of_memory",   "mem_cgroup_oom",
	"mem_cgroup_handle_oom",      /* 3.x before 3.12 */
	"try_charge",		      /* 4.x static in memcontrol.c */
	"try_charge_memcg",	      /* 5.13+ */
	"mem_cgroup_try_charge",      "__mem_cgroup_try_charge",
	"mem_cgroup_charge_common",   "mem_cgroup_newpage_charge",
	"mem_cgroup_cache_charge",    "mem_cgroup_charge",
	"__mem_cgroup_charge",	      "charge_memcg",
	"mem_cgroup_swapin_charge_page",
	"mem_cgroup_swapin_charge_folio",
	"obj_cgroup_charge",	      "obj_cgroup_charge_pages",
	"__memcg_kmem_charge",	      "__memcg_kmem_charge_page",
	"memcg_kmem_charge",	      "__memcg_kmem_charge_memcg",
};

/* A stack frame: remembers the first memcg charge-path function. */
static void apply_frame(const char *s, struct oc_oom_event *e)
{
	const char *p = skip_sp(s);
	size_t n, i;

	if (e->trace_memcg_fn[0])
		return;
	if (*p == '[' && p[1] == '<') { /* "[<ffffffff81234567>] " */
		p = strchr(p, ']');
		if (!p)
			return;
		p = skip_sp(p + 1);
	}
	if (*p == '?') /* an unreliable frame: stale stack contents */
		return;
	/* the symbol ends at '+', or at a '.' of .isra.0, .cold ... */
	n = strcspn(p, "+. (");
	if (p[n] != '+' && p[n] != '.')
		return;
	for (i = 0; i < sizeof(memcg_frames) / sizeof(memcg_frames[0]); i++) {
		if (strlen(memcg_frames[i]) == n &&
		    !strncmp(p, memcg_frames[i], n)) {
			copy_n(e->trace_memcg_fn, sizeof(e->trace_memcg_fn), p,
			       n);
			return;
		}
	}
}

static void apply_reaper(const char *s, struct oc_oom_event *e, int64_t lineno)
{
	struct oc_oom_reap *r = oc_oom_reap_vec_push(&e->reaps);
	struct oc_oom_kvset kv = { .n = 0 };
	const char *p;

	if (!r)
		return;
	e->seen |= OC_OOM_SEEN_REAPER;
	r->pid = r->anon_rss_kb = r->file_rss_kb = r->shmem_rss_kb = OC_OOM_NA;
	r->line = lineno;
	if ((p = strstr(s, "reaped process "))) {
		r->reaped = true;
		p += strlen("reaped process ");
	} else {
		p = strstr(s, "reap pid:") + strlen("reap pid:");
	}
	get_i64(&p, &r->pid);
	p = get_comm(p, r->reaped ? "), now " : NULL, r->comm, sizeof(r->comm));
	parse_tokens(p, &kv, OC_OOM_UNIT_KB);
	r->anon_rss_kb = oc_oom_kv_get(&kv, "anon_rss");
	r->file_rss_kb = oc_oom_kv_get(&kv, "file_rss");
	r->shmem_rss_kb = oc_oom_kv_get(&kv, "shmem_rss");
}

void oc_log_apply(const char *s, enum oc_log_kind kind, struct oc_oom_event *e,
		  int64_t lineno)
{
	const char *p;

	switch (kind) {
	case OC_LK_HEADER:
		apply_header(s, e);
		break;
	case OC_LK_CPUSET:
		apply_cpuset(s, e);
		break;
	case OC_LK_STACK:
		apply_stack(s, e);
		break;
	case OC_LK_MEMINFO_START:
		e->seen |= OC_OOM_SEEN_MEMINFO;
		break;
	case OC_LK_MEMINFO:
		if (is_tokens_line(s, meminfo_keys)) {
			e->seen |= OC_OOM_SEEN_MEMINFO;
			parse_tokens(s, &e->meminfo, OC_OOM_UNIT_PAGES);
		}
		break;
	case OC_LK_NODE:
		apply_node(s, e);
		break;
	case OC_LK_ZONE:
		apply_zone(s, e);
		break;
	case OC_LK_RESERVE:
		apply_reserve(s, e);
		break;
	case OC_LK_BUDDY:
		apply_buddy(s, e);
		break;
	case OC_LK_TOTALS:
		apply_totals(s, e);
		break;
	case OC_LK_SLAB_START:
		e->seen |= OC_OOM_SEEN_SLAB;
		break;
	case OC_LK_SLAB:
		apply_slab(s, e);
		break;
	case OC_LK_MEMCG_TASK_IN:
	case OC_LK_MEMCG:
	case OC_LK_MEMCG_STATS:
		apply_memcg(s, e, kind);
		break;
	case OC_LK_MEMCG_STAT_LINE:
		apply_memcg_stat_line(s, e);
		break;
	case OC_LK_TASKS_STATE:
		e->tasks_state_line = true;
		e->seen |= OC_OOM_SEEN_TASKS;
		break;
	case OC_LK_TASK_HEADER:
		apply_task_header(s, e);
		break;
	case OC_LK_TASK_ROW:
		apply_task_row(s, e, lineno);
		break;
	case OC_LK_SUMMARY:
		apply_summary(s, e);
		break;
	case OC_LK_SELECT:
		apply_select(s, e);
		break;
	case OC_LK_KILLED:
		if (oc_oom_has(e->victim.pid) && e->oom_group_path[0])
			apply_extra(s, e, OC_OOM_EXTRA_OOM_GROUP);
		else
			apply_killed(s, e);
		break;
	case OC_LK_SHARING:
		apply_extra(s, e, OC_OOM_EXTRA_SHARING_MM);
		break;
	case OC_LK_OOM_GROUP:
		p = strstr(s, "Tasks in ");
		if (p)
			copy_until(e->oom_group_path, sizeof(e->oom_group_path),
				   p + 9, " are going to be killed");
		break;
	case OC_LK_REAPER:
		apply_reaper(s, e, lineno);
		break;
	case OC_LK_NO_KILLABLE:
		e->no_killable = true;
		break;
	case OC_LK_PANIC:
		e->seen |= OC_OOM_SEEN_PANIC;
		p = starts(s, "Kernel panic - not syncing: ") ? s + 28 : s;
		copy_n(e->panic, sizeof(e->panic), p, strlen(p));
		break;
	case OC_LK_EXITING:
		e->victim.exiting = true;
		p = strstr(s, "OOM victim ");
		if (p) {
			p += strlen("OOM victim ");
			get_i64(&p, &e->victim.pid);
			get_comm(p, ") is already", e->victim.comm,
				 sizeof(e->victim.comm));
			e->victim.source = OC_OOM_VICTIM_EXITING;
		}
		break;
	case OC_LK_MISC:
		if (starts(s, "COMPACTION is disabled"))
			e->compaction_disabled = true;
		break;
	case OC_LK_SYSRQ:
	case OC_LK_SYSRQ_IGNORED:
		e->sysrq = true;
		break;
	case OC_LK_FRAME:
		apply_frame(s, e);
		break;
	case OC_LK_NONE:
	case OC_LK_NON_OOM_DUMP:
	case OC_LK_DROPPED:
	case OC_LK_BANNER:
		break;
	}
}
