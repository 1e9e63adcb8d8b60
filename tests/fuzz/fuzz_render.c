// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer harness for the vmcore report renderers (text and JSON):
 * a struct oc_report filled with random model data, as a damaged dump
 * can leave it: any counter value (negative, huge, INT64_MIN), any bytes
 * in names and paths (invalid UTF-8, control characters, quotes), any
 * mix of section errors and partial walks, empty and large tables. Only
 * the invariants the builders guarantee are kept: NUL-terminated
 * strings, indexes inside their tables, enum values in range.
 *
 * The input's tail is parsed as a kernel log, as the report parses the
 * dump's log, so the events and their analyses are real ones.
 *
 * Every JSON document written is checked to be valid JSON (RFC 8259,
 * with valid UTF-8): a renderer that prints nan, an unescaped control
 * character or a cut sequence is a finding, not only a crash.
 *
 *   make fuzz FUZZ_SECONDS=600        (mk/fuzz.mk)
 * The corpus in tests/fuzz/corpus-render is replayed by `make check`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomcore/log.h"
#include "oomcore/oom_event.h"
#include "oomcore/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fr_input {
	const uint8_t *p;
	size_t left;
};

static void fr_take(struct fr_input *in, void *buf, size_t len)
{
	size_t n = len < in->left ? len : in->left;

	memcpy(buf, in->p, n);
	memset((char *)buf + n, 0, len - n);
	in->p += n;
	in->left -= n;
}

static uint64_t fr_u(struct fr_input *in, size_t len)
{
	unsigned char b[8] = { 0 };
	uint64_t v = 0;

	fr_take(in, b, len);
	for (size_t i = 0; i < len; i++)
		v |= (uint64_t)b[i] << (8 * i);
	return v;
}

/* An int64 counter: mostly plausible, sometimes extreme. */
static int64_t fr_i64(struct fr_input *in)
{
	uint8_t kind = fr_u(in, 1);

	switch (kind & 7) {
	case 0:
		return INT64_MIN;
	case 1:
		return INT64_MAX;
	case 2:
		return -1;
	case 3:
		return -(int64_t)fr_u(in, 2);
	case 4:
		return (int64_t)fr_u(in, 8);
	default:
		return (int64_t)fr_u(in, kind & 8 ? 4 : 2);
	}
}

static void fr_i64s(struct fr_input *in, int64_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		v[i] = fr_i64(in);
}

/* A string of any bytes but NUL, in a char array of @size. */
static void fr_str(struct fr_input *in, char *s, size_t size)
{
	size_t n = fr_u(in, 1) % size;

	fr_take(in, s, n);
	s[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (!s[i])
			s[i] = (char)(0x80 | i);
}

static struct oc_error *fr_error(struct fr_input *in, const char *what)
{
	char msg[64];
	uint8_t b = fr_u(in, 1);

	if (b & 1)
		return NULL;
	fr_str(in, msg, sizeof(msg));
	return oc_error_create((enum oc_error_code)(1 + b % 10), "%s: %s",
			       what, msg);
}

static void fr_kernel(struct fr_input *in, struct oc_kernel *k)
{
	k->nr_cpu_ids = fr_u(in, 1);
	k->nr_online = fr_u(in, 1);
	k->nr_cpus = fr_u(in, 1);
	k->swap = fr_u(in, 1) & 1;
	k->totalram_pages = fr_i64(in);
	k->totalreserve_pages = fr_i64(in);
	k->total_swap_pages = fr_i64(in);
	k->nr_swap_pages = fr_i64(in);
	k->panic_on_oom = (int)fr_u(in, 4);
	k->oom_kill_allocating_task = (int)fr_u(in, 1) - 1;
	k->oom_dump_tasks = (int)fr_u(in, 1) - 1;
	k->page_size = 4096;
	k->page_shift = 12;
}

static void fr_tasks(struct fr_input *in, struct oc_report *r)
{
	size_t n = fr_u(in, 1) % 40;

	r->tasks.layout.rss_percpu = fr_u(in, 1) & 1;
	r->tasks.layout.rss_split = fr_u(in, 1) & 1;
	r->tasks.layout.has_shmem = fr_u(in, 1) & 1;
	r->tasks.layout.has_pgtables_bytes = fr_u(in, 1) & 1;
	r->tasks.layout.has_nr_pmds = fr_u(in, 1) & 1;
	for (size_t i = 0; i < n; i++) {
		struct oc_task *t = oc_task_vec_push(&r->tasks.tasks);
		struct oc_task_score *s;
		uint64_t bits;

		if (!t)
			return;
		memset(t, 0, sizeof(*t));
		t->addr = fr_u(in, 8);
		t->pid = (int32_t)fr_u(in, 4);
		t->tgid = (int32_t)fr_u(in, 4);
		fr_str(in, t->comm, sizeof(t->comm));
		t->flags = fr_u(in, 4);
		t->state = fr_u(in, 8);
		t->exit_state = fr_u(in, 4);
		t->nr_threads = (int32_t)fr_u(in, 4);
		t->mm_pid = (int32_t)fr_u(in, 4);
		t->uid = fr_u(in, 4);
		fr_str(in, t->mm_comm, sizeof(t->mm_comm));
		t->mm = fr_u(in, 8);
		t->oom_score_adj = (int16_t)fr_u(in, 2);
		bits = fr_u(in, 1);
		t->oom_origin = bits & 1;
		t->oom_victim = bits & 2;
		t->kthread = bits & 4;
		t->exiting = bits & 8;
		t->is_init = bits & 16;
		t->in_vfork = bits & 32;
		t->mmf_oom_skip = bits & 64;
		fr_i64s(in, t->rss, OC_MM_NR);
		fr_i64s(in, t->rss_exact, OC_MM_NR);
		t->total_vm = fr_i64(in);
		t->pgtables_bytes = fr_i64(in);
		t->nr_ptes = fr_i64(in);
		t->nr_pmds = fr_i64(in);
		t->memcg = fr_u(in, 8);
		t->mems_allowed = fr_u(in, 8);

		s = oc_task_score_vec_push(&r->sel.scores);
		if (!s)
			return;
		memset(s, 0, sizeof(*s));
		s->task = i;
		s->skip = (enum oc_skip)(fr_u(in, 1) % (OC_SKIP_CPUSET + 1));
		s->terms.eligible = s->skip == OC_SKIP_NONE;
		s->terms.rss_pages = fr_i64(in);
		s->terms.swap_pages = fr_i64(in);
		s->terms.pgtables_pages = fr_i64(in);
		s->terms.root_bonus = fr_i64(in);
		s->terms.adj = fr_i64(in);
		s->terms.points = fr_i64(in);
		s->origin = fr_u(in, 1) & 1;
		s->score = fr_i64(in);
		s->proc_score = fr_i64(in);
	}
	r->sel.victim = n ? (int64_t)(fr_u(in, 1) % (n + 1)) - 1 : -1;
	r->sel.runner_up = n ? (int64_t)(fr_u(in, 1) % (n + 1)) - 1 : -1;
	r->sel.aborted = fr_u(in, 1) & 1;
	r->sel.aborted_by = n ? (int64_t)(fr_u(in, 1) % (n + 1)) - 1 : -1;
	r->tasks.partial = fr_error(in, "tasks partial");
	r->tasks_err = fr_error(in, "tasks");
	r->sel_err = fr_error(in, "selection");
}

static void fr_counter(struct fr_input *in, struct oc_memcg_counter *c)
{
	c->usage = fr_i64(in);
	c->max = fr_i64(in);
	c->high = fr_i64(in);
	c->low = fr_i64(in);
	c->min = fr_i64(in);
	c->watermark = fr_i64(in);
	c->failcnt = fr_i64(in);
}

static void fr_memcgs(struct fr_input *in, struct oc_report *r)
{
	struct oc_memcgs *m = &r->memcgs;
	size_t n = fr_u(in, 1) % 12;
	uint8_t bits = fr_u(in, 1);

	m->v2 = bits & 1;
	m->memsw = bits & 2;
	m->swap_memsw_separate = bits & 4;
	m->stats = bits & 8;
	m->stats_exact = bits & 16;
	m->page_size = bits & 32 ? 65536 : 4096;
	m->nr_cpus = fr_u(in, 1);
	m->vm_swappiness = (int)fr_u(in, 1) - 1;
	m->total_swap_pages = fr_i64(in);
	m->unlimited = bits & 64 ? fr_i64(in) : INT64_MAX / 4096;
	for (size_t i = 0; i < n; i++) {
		struct oc_memcg *g = oc_memcg_vec_push(&m->groups);
		char path[48];

		if (!g)
			break;
		memset(g, 0, sizeof(*g));
		g->addr = fr_u(in, 8);
		g->id = (int32_t)fr_u(in, 4);
		g->css_id = (int32_t)fr_u(in, 4);
		fr_str(in, path, sizeof(path));
		g->path = strdup(i ? path : "/");
		g->parent = i ? (int)(fr_u(in, 1) % i) : -1;
		g->depth = i ? m->groups.data[g->parent].depth + 1 : 0;
		g->css_flags = fr_u(in, 4);
		g->online = fr_u(in, 1) & 1;
		g->dying = fr_u(in, 1) & 1;
		fr_counter(in, &g->memory);
		fr_counter(in, &g->swap);
		fr_counter(in, &g->kmem);
		g->memsw_max = fr_i64(in);
		g->stock_pages = fr_i64(in);
		fr_i64s(in, g->events, OC_MEMCG_NR_EVENTS);
		fr_i64s(in, g->events_local, OC_MEMCG_NR_EVENTS);
		g->oom_group = (int)fr_u(in, 1) - 1;
		g->nr_procs = (int32_t)fr_u(in, 4);
		g->swappiness = (int)fr_u(in, 1) - 1;
		fr_i64s(in, g->stat, OC_MEMCG_NR_STATS);
		fr_i64s(in, g->stat_exact, OC_MEMCG_NR_STATS);
		if (!g->path)
			break;
	}
	m->partial = fr_error(in, "memcg partial");
	r->memcg_err = fr_error(in, "memcg");
	r->oom_memcg = (int)(fr_u(in, 1) % (m->groups.len + 1)) - 1;
}

static void fr_zones(struct fr_input *in, struct oc_report *r)
{
	struct oc_zones *z = &r->zones;
	size_t nnodes = fr_u(in, 1) % 4, nzones = fr_u(in, 1) % 6;
	uint8_t bits = fr_u(in, 1);

	z->numa = bits & 1;
	z->smp = bits & 2;
	z->thp = bits & 4;
	z->page_kb = bits & 8 ? 64 : 4;
	z->nr_orders = fr_u(in, 1) % (OC_ZONES_MAX_ORDERS + 1);
	z->nr_mt = fr_u(in, 1) % (OC_ZONES_MAX_MT + 1);
	for (int i = 0; i < OC_ZONES_MAX_MT; i++) {
		z->mt_letter[i] = (char)fr_u(in, 1);
		fr_str(in, z->mt_name[i], sizeof(z->mt_name[i]));
	}
	z->max_nr_zones = fr_u(in, 1) % (OC_ZONES_MAX_ZONES + 1);
	z->zone_highmem = (int)fr_u(in, 1) % 5 - 1;
	z->zone_movable = (int)fr_u(in, 1) % 5 - 1;
	z->nr_cpu_ids = fr_u(in, 1) % 9;
	/* The walker keeps it below nr_cpu_ids. */
	z->panic_cpu = (int)(fr_u(in, 1) % (z->nr_cpu_ids + 1)) - 1;
	z->nr_cpus = fr_u(in, 1) % (z->nr_cpu_ids + 1);
	z->cpus = calloc(z->nr_cpus + 1, sizeof(*z->cpus));
	for (uint32_t i = 0; z->cpus && i < z->nr_cpus; i++)
		z->cpus[i] = i;
	z->nr_online = fr_u(in, 1) % (z->nr_cpu_ids + 1);
	for (size_t i = 0; i < nnodes; i++) {
		struct oc_node *nd = oc_node_vec_push(&z->nodes);

		if (!nd)
			break;
		memset(nd, 0, sizeof(*nd));
		nd->id = (int)i;
		nd->pgdat = fr_u(in, 8);
		fr_i64s(in, nd->stat, OC_NS_NR);
		fr_i64s(in, nd->stat_exact, OC_NS_NR);
		nd->stat_threshold_sum = fr_i64(in);
		nd->kswapd_failures = (int)fr_u(in, 1) - 1;
		nd->all_unreclaimable = nd->kswapd_failures >= 16;
		nd->present_pages = fr_i64(in);
		nd->spanned_pages = fr_i64(in);
		nd->start_pfn = fr_i64(in);
		for (int h = 0; h < OC_ZONES_MAX_HSTATES; h++) {
			nd->huge[h].total = fr_i64(in);
			nd->huge[h].free = fr_i64(in);
			nd->huge[h].surp = fr_i64(in);
		}
	}
	for (size_t i = 0; nnodes && i < nzones; i++) {
		struct oc_zone *zn = oc_zone_vec_push(&z->zones);

		if (!zn)
			break;
		memset(zn, 0, sizeof(*zn));
		zn->addr = fr_u(in, 8);
		zn->node = (int)(fr_u(in, 1) % nnodes);
		zn->idx = (int)(fr_u(in, 1) % OC_ZONES_MAX_ZONES);
		fr_str(in, zn->name, sizeof(zn->name));
		fr_i64s(in, zn->wmark, OC_WMARK_NR);
		zn->boost = fr_i64(in);
		zn->reserved_highatomic = fr_i64(in);
		zn->managed = fr_i64(in);
		zn->present = fr_i64(in);
		zn->spanned = fr_i64(in);
		zn->start_pfn = fr_i64(in);
		zn->nr_lowmem_reserve = z->max_nr_zones;
		fr_i64s(in, zn->lowmem_reserve, OC_ZONES_MAX_ZONES);
		zn->free_pcp = fr_i64(in);
		zn->pcp_count = calloc(z->nr_cpu_ids + 1, sizeof(int64_t));
		if (zn->pcp_count)
			fr_i64s(in, zn->pcp_count, z->nr_cpu_ids);
		fr_i64s(in, zn->stat, OC_ZS_NR);
		fr_i64s(in, zn->stat_exact, OC_ZS_NR);
		zn->stat_threshold_sum = fr_i64(in);
		for (int o = 0; o < OC_ZONES_MAX_ORDERS; o++) {
			zn->nr_free[o] = fr_u(in, fr_u(in, 1) & 1 ? 8 : 2);
			zn->types[o] = fr_u(in, 1);
			fr_i64s(in, zn->blocks[o], OC_ZONES_MAX_MT);
		}
		zn->walk_complete = fr_u(in, 1) & 1;
		zn->walk_mismatch = fr_u(in, 1) & 1;
		zn->free_buddy_pages = fr_i64(in);
	}
	fr_i64s(in, z->gnode, OC_NS_NR);
	fr_i64s(in, z->gnode_exact, OC_NS_NR);
	fr_i64s(in, z->gzone, OC_ZS_NR);
	fr_i64s(in, z->gzone_exact, OC_ZS_NR);
	z->free_pcp = fr_i64(in);
	z->nr_hstates = fr_u(in, 1) % (OC_ZONES_MAX_HSTATES + 1);
	for (int h = 0; h < OC_ZONES_MAX_HSTATES; h++) {
		z->hstates[h].order = fr_u(in, 1) % 64;
		z->hstates[h].size_kb = fr_i64(in);
		fr_str(in, z->hstates[h].name, sizeof(z->hstates[h].name));
	}
	z->pagecache = fr_i64(in);
	z->swapcache = fr_i64(in);
	z->free_swap = fr_i64(in);
	z->total_swap = fr_i64(in);
	z->pages_ram = fr_i64(in);
	z->pages_highmem = fr_i64(in);
	z->pages_reserved = fr_i64(in);
	z->cma_reserved = fr_i64(in);
	z->hwpoisoned = fr_i64(in);
	z->totalreserve_pages = fr_i64(in);
	z->totalram_pages = fr_i64(in);
	for (size_t n = fr_u(in, 1) % 4; n; n--) {
		struct oc_zones_note *note = oc_zones_note_vec_push(&z->notes);

		if (!note)
			break;
		fr_str(in, note->text, sizeof(note->text));
	}
	r->zones_err = fr_error(in, "zones");
}

static void fr_oomctl(struct fr_input *in, struct oc_report *r)
{
	struct oc_oomctl *o = &r->oomctl;
	uint8_t bits = fr_u(in, 1);

	o->found = bits & 1;
	o->matches_log = bits & 2;
	o->has_totalpages = bits & 4;
	o->has_constraint = bits & 8;
	o->addr = fr_u(in, 8);
	o->task = fr_u(in, 8);
	o->pid = (int32_t)fr_u(in, 4);
	fr_str(in, o->comm, sizeof(o->comm));
	o->mems_allowed = fr_u(in, 8);
	o->candidates = (int)fr_u(in, 1);
	o->zonelist = fr_u(in, 8);
	o->nodemask_ptr = fr_u(in, 8);
	o->memcg = fr_u(in, 8);
	o->nodemask = fr_u(in, 8);
	o->gfp_mask = fr_u(in, 8);
	o->order = (int)fr_u(in, 1) - 1;
	o->totalpages = fr_u(in, 8);
	o->chosen = fr_u(in, 8);
	o->chosen_points = fr_i64(in);
	o->constraint = (int)(fr_u(in, 1) % 5); /* the walker checks <= 3 */
	r->oomctl_err = fr_error(in, "oomctl");
}

/* The rest of the input as a kernel log, analysed as the report does. */
static void fr_events(struct fr_input *in, struct oc_report *r)
{
	struct oc_log_parser *p;
	const char *s = (const char *)in->p, *end = s + in->left;
	struct oc_error *err;

	r->log_err = fr_error(in, "log");
	if (oc_log_parser_new(&p))
		return;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = (size_t)((nl ? nl : end) - s);

		if (oc_log_parser_feed_record(p, s, n, (int64_t)n * 1000000,
					      OC_LOG_NONE))
			break;
		s += n + 1;
	}
	err = oc_log_parser_finish(p, &r->events);
	oc_error_free(err);
	oc_log_parser_free(p);
	if (!r->events.len)
		return;
	r->analyses = calloc(r->events.len, sizeof(*r->analyses));
	for (size_t i = 0; r->analyses && i < r->events.len; i++)
		oc_error_free(oc_oom_analyze(&r->events.data[i],
					     &r->analyses[i]));
}

/*
 * A JSON validator (RFC 8259, UTF-8 checked), enough to catch what a
 * renderer can get wrong: nan/inf, unescaped bytes, broken UTF-8,
 * missing commas, unbalanced brackets, trailing garbage.
 */
struct fr_json {
	const unsigned char *p, *end;
	int depth;
};

static void fr_ws(struct fr_json *j)
{
	while (j->p < j->end &&
	       (*j->p == ' ' || *j->p == '\n' || *j->p == '\t' || *j->p == '\r'))
		j->p++;
}

static bool fr_lit(struct fr_json *j, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n))
		return false;
	j->p += n;
	return true;
}

static bool fr_jstring(struct fr_json *j)
{
	if (j->p >= j->end || *j->p != '"')
		return false;
	j->p++;
	while (j->p < j->end) {
		unsigned char c = *j->p;
		int more;

		if (c == '"') {
			j->p++;
			return true;
		}
		if (c < 0x20)
			return false;
		if (c == '\\') {
			j->p++;
			if (j->p >= j->end)
				return false;
			if (*j->p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (j->p + i >= j->end ||
					    !strchr("0123456789abcdefABCDEF",
						    j->p[i]) ||
					    !j->p[i])
						return false;
				j->p += 5;
			} else if (strchr("\"\\/bfnrt", *j->p) && *j->p) {
				j->p++;
			} else {
				return false;
			}
			continue;
		}
		if (c < 0x80)
			more = 0;
		else if (c >= 0xc2 && c <= 0xdf)
			more = 1;
		else if (c >= 0xe0 && c <= 0xef)
			more = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			more = 3;
		else
			return false;
		j->p++;
		for (int i = 0; i < more; i++, j->p++)
			if (j->p >= j->end || (*j->p & 0xc0) != 0x80)
				return false;
	}
	return false;
}

static bool fr_jnumber(struct fr_json *j)
{
	const unsigned char *s = j->p;

	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p >= j->end || *j->p < '0' || *j->p > '9')
		return false;
	if (*j->p == '0')
		j->p++;
	else
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return false;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return false;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	return j->p > s;
}

static bool fr_jvalue(struct fr_json *j)
{
	bool ok = false;

	if (++j->depth > 64)
		return false;
	fr_ws(j);
	if (j->p >= j->end)
		return false;
	if (*j->p == '{' || *j->p == '[') {
		char close = *j->p == '{' ? '}' : ']';
		bool obj = close == '}';

		j->p++;
		fr_ws(j);
		if (j->p < j->end && *j->p == close) {
			j->p++;
			ok = true;
		} else {
			for (;;) {
				fr_ws(j);
				if (obj) {
					if (!fr_jstring(j))
						break;
					fr_ws(j);
					if (j->p >= j->end || *j->p != ':')
						break;
					j->p++;
				}
				if (!fr_jvalue(j))
					break;
				fr_ws(j);
				if (j->p < j->end && *j->p == ',') {
					j->p++;
					continue;
				}
				if (j->p < j->end && *j->p == close) {
					j->p++;
					ok = true;
				}
				break;
			}
		}
	} else if (*j->p == '"') {
		ok = fr_jstring(j);
	} else if (*j->p == 't') {
		ok = fr_lit(j, "true");
	} else if (*j->p == 'f') {
		ok = fr_lit(j, "false");
	} else if (*j->p == 'n') {
		ok = fr_lit(j, "null");
	} else {
		ok = fr_jnumber(j);
	}
	j->depth--;
	return ok;
}

static bool fr_json_valid(const char *doc, size_t len)
{
	struct fr_json j = { (const unsigned char *)doc,
			     (const unsigned char *)doc + len, 0 };

	if (!fr_jvalue(&j))
		return false;
	fr_ws(&j);
	return j.p == j.end;
}

static void fr_render(const struct oc_report *r, unsigned int sections)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = fopen("/dev/null", "w");
	struct oc_json j;

	if (f) {
		oc_report_print_text(r, sections, f);
		oc_report_oomctl_text(r, f);
		oc_report_tasks_text(r, f);
		fclose(f);
	}
	f = open_memstream(&buf, &len);
	if (!f)
		return;
	oc_json_init(&j, f, sections & 1);
	oc_report_json(r, sections, &j);
	oc_json_finish(&j);
	fclose(f);
	if (!fr_json_valid(buf, len)) {
		fprintf(stderr, "invalid JSON document:\n%.*s\n", (int)len,
			buf);
		__builtin_trap();
	}
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fr_input in = { data, size };
	struct oc_target t = { 0 };
	struct oc_report r;
	unsigned int sections;
	uint8_t bits;

	if (size < 4)
		return 0;
	memset(&r, 0, sizeof(r));
	sections = fr_u(&in, 1);
	sections = sections >= 0xe0 ? (unsigned int)OC_SECTION_ALL : sections & 0x1f;
	bits = fr_u(&in, 1);
	fr_str(&in, t.osrelease, sizeof(t.osrelease));
	strcpy(t.arch, bits & 1 ? "x86_64" : "aarch64");
	t.page_size = 4096;
	t.ptr_size = 8;
	r.t = &t;
	r.dump_path = bits & 2 ? "vmcore" : NULL;
	r.vmlinux_path = bits & 4 ? "vmlinux" : NULL;
	r.dump_format = bits & 8 ? "kdump" : NULL;
	r.vmlinux_verified = bits & 16;
	r.verified_by = "build-id";
	fr_str(&in, r.build_id, sizeof(r.build_id));
	fr_kernel(&in, &r.kernel);
	r.kernel_err = fr_error(&in, "kernel");
	oc_badness_rules_for_version((int)fr_u(&in, 1) % 8, (int)fr_u(&in, 1) % 20,
				     t.osrelease, &r.rules);
	fr_str(&in, r.rules_evidence, sizeof(r.rules_evidence));
	r.constraint = (enum oc_oom_constraint)(fr_u(&in, 1) %
						(OC_OOM_CONSTRAINT_UNKNOWN + 1));
	fr_str(&in, r.constraint_source, sizeof(r.constraint_source));
	r.totalpages = fr_u(&in, fr_u(&in, 1) & 1 ? 8 : 3);
	fr_str(&in, r.totalpages_source, sizeof(r.totalpages_source));
	fr_tasks(&in, &r);
	fr_memcgs(&in, &r);
	fr_zones(&in, &r);
	fr_oomctl(&in, &r);
	fr_events(&in, &r);

	fr_render(&r, sections);
	if (sections != (unsigned int)OC_SECTION_ALL)
		fr_render(&r, OC_SECTION_ALL);
	(void)oc_report_partial(&r);
	oc_report_release(&r);
	return 0;
}
