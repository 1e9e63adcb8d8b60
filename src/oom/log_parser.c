// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Block detection of log mode: decides which lines form one OOM event.
 *
 * An event opens at "invoked oom-killer" or, when the head of the report
 * is lost, at any line that only an OOM report prints (cpuset line, memcg
 * "Task in ... killed", task table, oom-kill: summary, Kill/Killed process).
 * A bare Mem-Info dump opens a tentative event that is dropped unless an
 * OOM-only line joins it, so allocation-failure warnings and sysrq-m
 * dumps are never reported. The kill line moves the event to "closing",
 * where only its follow-ups (processes sharing the mm, memory.oom.group
 * kills, panics) are taken; anything else of a report starts a new event.
 * oom_reaper lines, printed later by another thread, and kill or
 * selection lines repeated for a victim already named are given to the
 * event whose victim they name (one event per invocation of the OOM
 * killer); follow-up lines with no report before them form one event
 * marked partial. Unrelated lines in between are ignored (and counted);
 * lines of another printk caller are ignored while an event whose header
 * had a caller id is open. Two headers on one line (two CPUs' reports
 * interleaved) are split, so each starts its event.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "oom/log_internal.h"
#include "oomcore/log.h"

enum pstate {
	P_IDLE,
	P_OPEN,
	P_CLOSING,
};

/* Lines of stack information remembered before an event opens. */
struct pending_stack {
	int64_t line;
	char version[96];
	char hardware[128];
	int64_t pid, cpu;
	char comm[OC_OOM_COMM_LEN];
};

struct oc_log_parser {
	int64_t lineno;
	enum pstate state;
	struct oc_oom_event cur;
	bool strong;   /* cur has a line only OOM reports print */
	int64_t quiet; /* unrelated lines since the last event line */
	int64_t last_ts;
	bool in_slab, in_memcg_stats;
	bool non_oom; /* inside a memory dump that is no OOM */
	int64_t non_oom_lines;
	int64_t sysrq_line;
	char event_arch[16];

	enum oc_log_kind prev_kind; /* for joining wrapped lines */
	bool prev_prefixed;
	int64_t bad_rows_before; /* bad_task_rows before the last row */
	char prev[1024];

	struct pending_stack stack;
	char version[96]; /* last "Linux version" banner */
	char arch[16];

	struct oc_oom_event_vec done;
	size_t boot_first; /* first event of done after the last banner */
	/* what the finished events hold, for the caps of log.h */
	int64_t kept_tasks, kept_zones, kept_nodes, kept_items;
	struct oc_log_stats stats;
	bool nomem;

	char buf[OC_LOG_LINE_MAX + 1];
	char seg[OC_LOG_LINE_MAX + 1];
	char join[2048];
	char part[OC_LOG_LINE_MAX + 1]; /* the first header of a split line */
};

#define CLOSING_QUIET_MAX 64
#define OPEN_QUIET_MAX 2000
#define GAP_NS (300LL * 1000000000LL)

struct oc_error *oc_log_parser_new(struct oc_log_parser **ret)
{
	struct oc_log_parser *p = calloc(1, sizeof(*p));

	if (!p)
		return &oc_enomem;
	p->last_ts = OC_LOG_NONE;
	p->sysrq_line = OC_OOM_NA;
	p->stack.line = OC_OOM_NA;
	*ret = p;
	return NULL;
}

void oc_log_parser_free(struct oc_log_parser *p)
{
	if (!p)
		return;
	if (p->state != P_IDLE)
		oc_oom_event_release(&p->cur);
	oc_oom_event_vec_release(&p->done);
	free(p);
}

void oc_log_parser_stats(const struct oc_log_parser *p, struct oc_log_stats *st)
{
	*st = p->stats;
}

static bool is_strong(enum oc_log_kind k)
{
	switch (k) {
	case OC_LK_HEADER:
	case OC_LK_CPUSET:
	case OC_LK_MEMCG_TASK_IN:
	case OC_LK_MEMCG:
	case OC_LK_MEMCG_STATS:
	case OC_LK_TASKS_STATE:
	case OC_LK_TASK_HEADER:
	case OC_LK_SUMMARY:
	case OC_LK_SELECT:
	case OC_LK_KILLED:
	case OC_LK_SHARING:
	case OC_LK_OOM_GROUP:
	case OC_LK_REAPER:
	case OC_LK_NO_KILLABLE:
	case OC_LK_PANIC:
	case OC_LK_EXITING:
	case OC_LK_SYSRQ_IGNORED:
		return true;
	default:
		return false;
	}
}

static bool is_body(enum oc_log_kind k)
{
	switch (k) {
	case OC_LK_CPUSET:
	case OC_LK_STACK:
	case OC_LK_MEMINFO_START:
	case OC_LK_MEMINFO:
	case OC_LK_NODE:
	case OC_LK_ZONE:
	case OC_LK_RESERVE:
	case OC_LK_BUDDY:
	case OC_LK_TOTALS:
	case OC_LK_SLAB_START:
	case OC_LK_SLAB:
	case OC_LK_MEMCG_TASK_IN:
	case OC_LK_MEMCG:
	case OC_LK_MEMCG_STATS:
	case OC_LK_MEMCG_STAT_LINE:
	case OC_LK_TASKS_STATE:
	case OC_LK_TASK_HEADER:
	case OC_LK_TASK_ROW:
		return true;
	default:
		return false;
	}
}

/* What only a report (not its follow-up lines) prints. */
#define REPORT_SEEN                                                           \
	(OC_OOM_SEEN_HEADER | OC_OOM_SEEN_CPUSET | OC_OOM_SEEN_STACK |        \
	 OC_OOM_SEEN_MEMINFO | OC_OOM_SEEN_ZONES | OC_OOM_SEEN_TOTALS |       \
	 OC_OOM_SEEN_MEMCG | OC_OOM_SEEN_TASKS | OC_OOM_SEEN_SLAB)

/*
 * Without a kill line the victim is still named by the selection line,
 * the 5.0+ summary or a reaper line: the best of them fills ->victim.
 */
static void fill_victim(struct oc_oom_event *e)
{
	struct oc_oom_victim *v = &e->victim;

	if (oc_oom_has(v->pid))
		return;
	if (oc_oom_has(v->selected_pid)) {
		v->pid = v->selected_pid;
		snprintf(v->comm, sizeof(v->comm), "%s", v->selected_comm);
		v->source = OC_OOM_VICTIM_SELECTION;
	} else if (e->summary.present && oc_oom_has(e->summary.pid)) {
		v->pid = e->summary.pid;
		snprintf(v->comm, sizeof(v->comm), "%s", e->summary.task);
		v->uid = e->summary.uid;
		v->source = OC_OOM_VICTIM_SUMMARY;
	} else if (e->reaps.len && oc_oom_has(e->reaps.data[0].pid)) {
		v->pid = e->reaps.data[0].pid;
		snprintf(v->comm, sizeof(v->comm), "%s", e->reaps.data[0].comm);
		v->source = OC_OOM_VICTIM_REAPER;
	}
}

static void finalize(struct oc_log_parser *p)
{
	struct oc_oom_event *e = &p->cur;
	const char *arch;

	if (p->state == P_IDLE)
		return;
	p->state = P_IDLE;
	p->in_slab = p->in_memcg_stats = false;
	p->prev_kind = OC_LK_NONE;
	if (!p->strong) {
		if (e->seen & OC_OOM_SEEN_MEMINFO)
			p->stats.non_oom_memdumps++;
		oc_oom_event_release(e);
		return;
	}
	fill_victim(e);
	e->partial = !(e->seen & REPORT_SEEN);
	if (!e->arch[0]) {
		arch = oc_log_arch_from_release(e->kernel_version);
		if (!arch && p->event_arch[0])
			arch = p->event_arch;
		if (!arch && p->arch[0])
			arch = p->arch;
		if (arch)
			snprintf(e->arch, sizeof(e->arch), "%s", arch);
	}
	/* fragments (a lone kill line...) may use half of the events */
	if (p->done.len >= OC_LOG_MAX_EVENTS ||
	    (p->done.len >= OC_LOG_MAX_EVENTS / 2 &&
	     !(e->seen & (OC_OOM_SEEN_HEADER | OC_OOM_SEEN_MEMINFO |
			  OC_OOM_SEEN_TASKS | OC_OOM_SEEN_MEMCG)))) {
		p->stats.events_not_kept++;
		oc_oom_event_release(e);
		oc_oom_event_init(e);
		return;
	}
	p->kept_tasks += (int64_t)e->tasks.len;
	p->kept_zones += (int64_t)e->zones.len;
	p->kept_nodes += (int64_t)e->nodes.len;
	p->kept_items +=
		(int64_t)(e->slabs.len + e->reaps.len + e->extra_kills.len);
	if (!oc_oom_event_vec_append(&p->done, e)) {
		p->nomem = true;
		oc_oom_event_release(e);
	}
	oc_oom_event_init(e); /* the vectors now belong to p->done */
}

/* Whether applying a line of @k to @e stays within the caps of log.h. */
static bool within_caps(const struct oc_log_parser *p,
			const struct oc_oom_event *e, enum oc_log_kind k)
{
	const struct oc_oom_event *c = p->state != P_IDLE ? &p->cur : NULL;
	int64_t items = p->kept_items;

	/* finished events are counted in kept_* already */
	if (c)
		items += (int64_t)(c->slabs.len + c->reaps.len +
				   c->extra_kills.len);

	switch (k) {
	case OC_LK_TASK_ROW:
		return p->kept_tasks + (int64_t)e->tasks.len < OC_LOG_MAX_TASKS;
	case OC_LK_ZONE:
	case OC_LK_BUDDY:
		return p->kept_zones + (int64_t)e->zones.len < OC_LOG_MAX_ZONES;
	case OC_LK_NODE:
		return p->kept_nodes + (int64_t)e->nodes.len < OC_LOG_MAX_NODES;
	case OC_LK_KILLED:
		/* only the memory.oom.group kills after the victim count */
		if (!oc_oom_has(e->victim.pid) || !e->oom_group_path[0])
			return true;
		return items < OC_LOG_MAX_ITEMS;
	case OC_LK_SLAB:
	case OC_LK_REAPER:
	case OC_LK_SHARING:
		return items < OC_LOG_MAX_ITEMS;
	default:
		return true;
	}
}

static void start(struct oc_log_parser *p, const struct oc_log_line *l,
		  bool header)
{
	struct oc_oom_event *e = &p->cur;

	finalize(p);
	oc_oom_event_init(e);
	p->state = P_OPEN;
	p->strong = false;
	p->quiet = 0;
	p->event_arch[0] = '\0';
	e->first_line = e->last_line = p->lineno;
	e->first_ts_ns = l->ts_ns;
	e->caller_id = l->caller_id;
	snprintf(e->wallclock, sizeof(e->wallclock), "%s", l->wallclock);
	snprintf(e->kernel_version, sizeof(e->kernel_version), "%s",
		 p->version);
	/* a dump_stack just before (lost header) belongs to this event */
	if (!header && oc_oom_has(p->stack.line) &&
	    p->lineno - p->stack.line < 100) {
		if (p->stack.version[0])
			snprintf(e->kernel_version, sizeof(e->kernel_version),
				 "%s", p->stack.version);
		snprintf(e->hardware, sizeof(e->hardware), "%s",
			 p->stack.hardware);
		e->trigger.pid = p->stack.pid;
		e->trigger.cpu = p->stack.cpu;
		snprintf(e->trigger.comm, sizeof(e->trigger.comm), "%s",
			 p->stack.comm);
	}
	p->stack.line = OC_OOM_NA;
}

/* Remembers dump_stack lines seen outside an event. */
static void remember_stack(struct oc_log_parser *p, const char *text)
{
	struct oc_oom_event tmp;

	oc_oom_event_init(&tmp);
	oc_log_apply(text, OC_LK_STACK, &tmp, p->lineno);
	if (!strncmp(text, "CPU: ", 5) || !strncmp(text, "Pid: ", 5)) {
		memset(&p->stack, 0, sizeof(p->stack));
		snprintf(p->stack.version, sizeof(p->stack.version), "%s",
			 tmp.kernel_version);
		snprintf(p->stack.comm, sizeof(p->stack.comm), "%s",
			 tmp.trigger.comm);
		p->stack.pid = tmp.trigger.pid;
		p->stack.cpu = tmp.trigger.cpu;
		p->stack.line = p->lineno;
	} else if (tmp.hardware[0] && oc_oom_has(p->stack.line)) {
		snprintf(p->stack.hardware, sizeof(p->stack.hardware), "%s",
			 tmp.hardware);
	}
	oc_oom_event_release(&tmp);
}

/* Whether @e names @pid as a task the OOM killer chose or killed. */
static bool names_pid(const struct oc_oom_event *e, int64_t pid)
{
	const struct oc_oom_extra_kill *x;
	const struct oc_oom_reap *r;

	if (!oc_oom_has(pid))
		return false;
	if (e->victim.pid == pid || e->victim.selected_pid == pid ||
	    e->summary.pid == pid)
		return true;
	oc_vec_for_each(&e->extra_kills, x) {
		if (x->pid == pid)
			return true;
	}
	oc_vec_for_each(&e->reaps, r) {
		if (r->pid == pid)
			return true;
	}
	return false;
}

/*
 * The event of this boot that names @pid: the open one, else one of the
 * last 32 finished ones; NULL if none does.
 */
static struct oc_oom_event *event_naming(struct oc_log_parser *p, int64_t pid)
{
	size_t i, n = p->done.len;

	if (p->state != P_IDLE && names_pid(&p->cur, pid))
		return &p->cur;
	for (i = n; i > p->boot_first && n - i < 32; i--) {
		if (names_pid(&p->done.data[i - 1], pid))
			return &p->done.data[i - 1];
	}
	return NULL;
}

/* Extends a finished or open event @e to the current line. */
static void touch(struct oc_log_parser *p, struct oc_oom_event *e)
{
	if (e->last_line < p->lineno)
		e->last_line = p->lineno;
	if (e == &p->cur)
		p->quiet = 0;
}

/*
 * A reaper line: to the event that names its pid; else to the fragment
 * of reaper lines just before it; else an event of its own, partial.
 */
static void reaper_line(struct oc_log_parser *p, const struct oc_log_line *l,
			const struct oc_log_fields *f)
{
	struct oc_oom_event *e = event_naming(p, f->pid);
	struct oc_oom_event solo;

	if (!e && p->state == P_IDLE && p->done.len > p->boot_first) {
		struct oc_oom_event *last = &p->done.data[p->done.len - 1];

		if (last->partial && last->seen == OC_OOM_SEEN_REAPER &&
		    p->lineno - last->last_line <= CLOSING_QUIET_MAX)
			e = last;
	}
	if (e && !within_caps(p, e, OC_LK_REAPER)) {
		e->items_not_kept++;
		return;
	}
	if (e) {
		if (e != &p->cur)
			p->kept_items++;
		oc_log_apply(l->text, OC_LK_REAPER, e, p->lineno);
		touch(p, e);
		return;
	}
	/* The report of this kill is not in the input. */
	if (p->done.len >= OC_LOG_MAX_EVENTS / 2) {
		p->stats.events_not_kept++;
		return;
	}
	oc_oom_event_init(&solo);
	solo.first_line = solo.last_line = p->lineno;
	solo.first_ts_ns = l->ts_ns;
	solo.caller_id = l->caller_id;
	snprintf(solo.wallclock, sizeof(solo.wallclock), "%s", l->wallclock);
	snprintf(solo.kernel_version, sizeof(solo.kernel_version), "%s",
		 p->version);
	oc_log_apply(l->text, OC_LK_REAPER, &solo, p->lineno);
	p->kept_items++;
	fill_victim(&solo);
	solo.partial = true;
	if (!oc_oom_event_vec_append(&p->done, &solo)) {
		p->nomem = true;
		oc_oom_event_release(&solo);
	}
}

/*
 * A kill or selection line for a task that an event already killed is a
 * repeat (syslog duplicates, a kill line printed twice), not a new
 * invocation of the OOM killer: the kernel never chooses a task that is
 * already an OOM victim. A parent whose child was sacrificed may be
 * selected again, so a selection line repeats only the task killed, or
 * a selection whose kill line never came. Counts it on that event.
 */
static bool repeated_kill(struct oc_log_parser *p, enum oc_log_kind k,
			  const struct oc_log_fields *f)
{
	struct oc_oom_event *e = event_naming(p, f->pid);
	const struct oc_oom_extra_kill *x;
	bool repeat = false;

	if (!e)
		return false;
	if (e->victim.pid == f->pid)
		repeat = true;
	oc_vec_for_each(&e->extra_kills, x) {
		if (x->pid == f->pid)
			repeat = true;
	}
	if (k == OC_LK_SELECT && e->victim.selected_pid == f->pid &&
	    !oc_oom_has(e->victim.pid) && e != &p->cur)
		repeat = true;
	if (!repeat)
		return false;
	e->repeated_lines++;
	touch(p, e);
	return true;
}

/* Does @text look like the rest of a wrapped @kind line? */
static bool continues(enum oc_log_kind kind, const char *text)
{
	const char *c;

	switch (kind) {
	case OC_LK_KILLED:
	case OC_LK_ZONE:
	case OC_LK_NODE:
	case OC_LK_MEMCG_STATS:
	case OC_LK_REAPER:
	case OC_LK_HEADER:
		c = strchr(text, ':');
		if (!c)
			c = strchr(text, '=');
		return c && strlen(text) < 600;
	case OC_LK_SUMMARY:
		return strchr(text, '=') && !strchr(text, ' ');
	case OC_LK_TASK_ROW: {
		/* the cut numbers, then a name of at most two words */
		int words = 0;

		for (c = text; *c; c++) {
			if (*c == ':' || *c == '[' || *c == '=')
				return false;
		}
		c = text;
		while (*c) {
			const char *w = c;
			bool num = *c == '-' || (*c >= '0' && *c <= '9');

			while (*c && *c != ' ')
				c++;
			if (!num || c - w > 20 || words)
				words++;
			while (*c == ' ')
				c++;
		}
		return words <= 2 && strlen(text) < 80;
	}
	default:
		return false;
	}
}

static void save_prev(struct oc_log_parser *p, enum oc_log_kind kind,
		      const char *text, bool prefixed)
{
	size_t n = strlen(text);

	p->prev_prefixed = prefixed;
	if (n >= sizeof(p->prev))
		n = sizeof(p->prev) - 1;
	memmove(p->prev, text, n);
	p->prev[n] = '\0';
	p->prev_kind = kind;
}

/* Tries to join an unrecognized line to the previous one. */
static bool try_join(struct oc_log_parser *p, const struct oc_log_line *l,
		     bool prefixed)
{
	struct oc_log_fields f;
	enum oc_log_kind k;
	size_t a = strlen(p->prev);

	/*
	 * Two prefixed lines are two records, except a header cut after
	 * "invoked oom-killer:" (pr_cont broken by another CPU's output).
	 */
	bool header_rest = p->prev_kind == OC_LK_HEADER &&
			   !strncmp(l->text, "gfp_mask=", 9) &&
			   !oc_oom_has(p->cur.trigger.gfp_mask);

	if (p->prev_kind == OC_LK_NONE ||
	    (prefixed && p->prev_prefixed && !header_rest) ||
	    !continues(p->prev_kind, l->text) ||
	    a + l->len + 2 > sizeof(p->join))
		return false;
	/* only a row that lost its name can continue on the next line */
	if (p->prev_kind == OC_LK_TASK_ROW &&
	    (!p->cur.tasks.len ||
	     p->cur.tasks.data[p->cur.tasks.len - 1].name[0]))
		return false;
	snprintf(p->join, sizeof(p->join), "%s%s%s", p->prev,
		 p->prev_kind == OC_LK_SUMMARY ? "" : " ", l->text);
	k = oc_log_classify(p->join, false, false, &f);
	if (k != p->prev_kind)
		return false;
	if (k == OC_LK_TASK_ROW && p->cur.tasks.len) {
		p->cur.tasks.len--;
		p->cur.bad_task_rows = p->bad_rows_before;
	}
	if (k == OC_LK_REAPER && p->cur.reaps.len)
		p->cur.reaps.len--;
	oc_log_apply(p->join, k, &p->cur, p->lineno);
	save_prev(p, k, p->join, p->prev_prefixed);
	return true;
}

static void unrelated(struct oc_log_parser *p, const struct oc_log_line *l,
		      bool prefixed)
{
	if (p->state == P_IDLE)
		return;
	if (try_join(p, l, prefixed)) {
		p->cur.last_line = p->lineno;
		return;
	}
	p->quiet++;
	if (p->state == P_OPEN)
		p->cur.foreign_lines++;
	if ((p->state == P_CLOSING && p->quiet > CLOSING_QUIET_MAX) ||
	    (p->state == P_OPEN && p->quiet > OPEN_QUIET_MAX))
		finalize(p);
}

/* In an open event, does @k begin a second report? */
static bool starts_new_report(const struct oc_oom_event *e, enum oc_log_kind k)
{
	switch (k) {
	case OC_LK_MEMINFO_START:
		return e->seen & (OC_OOM_SEEN_MEMINFO | OC_OOM_SEEN_TASKS);
	case OC_LK_TASK_HEADER:
	case OC_LK_TASKS_STATE:
		return e->tasks.len > 0;
	case OC_LK_CPUSET:
		return e->seen & (OC_OOM_SEEN_CPUSET | OC_OOM_SEEN_MEMINFO |
				  OC_OOM_SEEN_MEMCG | OC_OOM_SEEN_TASKS);
	case OC_LK_MEMCG_TASK_IN:
		return e->memcg.path[0] || (e->seen & OC_OOM_SEEN_TASKS);
	default:
		return false;
	}
}

/*
 * Where a second "invoked oom-killer:" header starts in @s (two CPUs'
 * reports interleaved on one line), or NULL: after the first header's
 * last field (order=, oom_score_adj=, oomkilladj= ...) and its value.
 */
static const char *second_header(const char *s)
{
	static const char *const last_fields[] = {
		"oom_score_adj=", "oomkilladj=", "oom_adj=", "order=",
	};
	const char *h1 = strstr(s, "oom-killer:"), *h2, *cut = NULL, *q;
	size_t i;

	if (!h1)
		return NULL;
	h2 = strstr(h1 + 11, " invoked oom-killer:");
	if (!h2)
		return NULL;
	for (i = 0; i < sizeof(last_fields) / sizeof(last_fields[0]); i++) {
		for (q = strstr(h1, last_fields[i]); q && q < h2;
		     q = strstr(q + 1, last_fields[i])) {
			const char *v = q + strlen(last_fields[i]);

			if (*v == '-')
				v++;
			while (*v >= '0' && *v <= '9')
				v++;
			if (v > cut && v < h2)
				cut = v;
		}
	}
	if (!cut) /* the first header has no fields at all */
		cut = h1 + 11;
	while (*cut == ' ' || *cut == ',')
		cut++;
	return cut < h2 ? cut : NULL;
}

static void process_one(struct oc_log_parser *p, struct oc_log_line *l);

static void process(struct oc_log_parser *p, struct oc_log_line *l)
{
	const char *cut = second_header(l->text);
	struct oc_log_line a;
	char *rest;
	size_t n;

	if (!cut) {
		process_one(p, l);
		return;
	}
	rest = strdup(cut);
	if (!rest) {
		p->nomem = true;
		return;
	}
	a = *l;
	n = (size_t)(cut - l->text);
	memcpy(p->part, l->text, n);
	while (n && p->part[n - 1] == ' ')
		n--;
	p->part[n] = '\0';
	a.text = p->part;
	a.len = n;
	process_one(p, &a);
	/* the rest may hold a third header */
	a = *l;
	a.text = rest;
	a.len = strlen(rest);
	process(p, &a);
	free(rest);
}

static void process_one(struct oc_log_parser *p, struct oc_log_line *l)
{
	struct oc_log_fields f;
	enum oc_log_kind k;
	bool prefixed =
		oc_oom_has(l->ts_ns) || l->wallclock[0] || l->level >= 0;
	struct oc_oom_event *e = &p->cur;

	k = oc_log_classify(l->text, p->in_slab, p->in_memcg_stats, &f);
	if (f.arch[0]) {
		snprintf(p->arch, sizeof(p->arch), "%s", f.arch);
		if (p->state != P_IDLE)
			snprintf(p->event_arch, sizeof(p->event_arch), "%s",
				 f.arch);
	}
	switch (k) {
	case OC_LK_BANNER:
		/* a new boot: its pids say nothing of the last one's */
		finalize(p);
		p->boot_first = p->done.len;
		snprintf(p->version, sizeof(p->version), "%s", f.version);
		snprintf(p->stats.kernel_version,
			 sizeof(p->stats.kernel_version), "%s", f.version);
		return;
	case OC_LK_DROPPED:
		p->stats.dropped_markers++;
		if (p->state != P_IDLE)
			e->dropped_markers++;
		return;
	case OC_LK_NON_OOM_DUMP:
		p->stats.non_oom_memdumps++;
		p->non_oom = true;
		p->non_oom_lines = 0;
		if (p->state == P_CLOSING || (p->state == P_OPEN && !p->strong))
			finalize(p);
		return;
	default:
		break;
	}

	if (p->non_oom) {
		/*
		 * show_mem() prints the memcg protection line (6.19+) in
		 * every memory dump, allocation failures included.
		 */
		if (is_strong(k) && k != OC_LK_MEMCG_STATS &&
		    strncmp(l->text, "Memory cgroup min protection ", 29)) {
			p->non_oom = false;
		} else {
			if (++p->non_oom_lines > 3000)
				p->non_oom = false;
			return;
		}
	}

	/* another printk caller while a report with a caller id is open */
	if (p->state == P_OPEN && oc_oom_has(e->caller_id) &&
	    oc_oom_has(l->caller_id) && l->caller_id != e->caller_id &&
	    k != OC_LK_HEADER && k != OC_LK_REAPER && k != OC_LK_PANIC) {
		unrelated(p, l, prefixed);
		return;
	}
	/* a long silence ends a report */
	if (p->state != P_IDLE && k != OC_LK_NONE && l->ts_ns >= 0 &&
	    p->last_ts >= 0 &&
	    (l->ts_ns - p->last_ts > GAP_NS || p->last_ts - l->ts_ns > GAP_NS))
		finalize(p);

	/* an unprefixed token line after a zone/node line: a wrapped line */
	if (k == OC_LK_MEMINFO && !prefixed && p->prev_prefixed &&
	    p->state == P_OPEN &&
	    (p->prev_kind == OC_LK_ZONE || p->prev_kind == OC_LK_NODE) &&
	    try_join(p, l, prefixed)) {
		e->last_line = p->lineno;
		return;
	}
	if (k == OC_LK_NONE) {
		unrelated(p, l, prefixed);
		return;
	}
	if (k == OC_LK_REAPER) {
		reaper_line(p, l, &f);
		return;
	}
	if (k == OC_LK_SYSRQ) {
		p->sysrq_line = p->lineno;
		return;
	}
	if (k == OC_LK_FRAME) {
		/* part of the report's stack dump, or of someone else's */
		if (p->state == P_CLOSING) {
			unrelated(p, l, prefixed);
		} else if (p->state == P_OPEN) {
			oc_log_apply(l->text, k, e, p->lineno);
			e->last_line = p->lineno;
		}
		return;
	}
	if (k == OC_LK_STACK && p->state != P_OPEN) {
		remember_stack(p, l->text);
		if (p->state == P_CLOSING)
			unrelated(p, l, prefixed);
		return;
	}

	switch (k) {
	case OC_LK_HEADER:
		start(p, l, true);
		if (oc_oom_has(p->sysrq_line) && p->lineno - p->sysrq_line < 5)
			e->sysrq = true;
		break;
	case OC_LK_KILLED:
		if (repeated_kill(p, k, &f))
			return;
		if (p->state == P_IDLE ||
		    (oc_oom_has(e->victim.pid) && !e->oom_group_path[0]))
			start(p, l, false);
		break;
	case OC_LK_SELECT:
		if (repeated_kill(p, k, &f))
			return;
		if (p->state == P_IDLE || oc_oom_has(e->victim.selected_pid) ||
		    oc_oom_has(e->victim.pid))
			start(p, l, false);
		break;
	case OC_LK_SUMMARY:
		if (p->state == P_IDLE || e->summary.present ||
		    oc_oom_has(e->victim.pid))
			start(p, l, false);
		break;
	case OC_LK_SHARING:
	case OC_LK_OOM_GROUP:
	case OC_LK_MISC:
	case OC_LK_SYSRQ_IGNORED:
	case OC_LK_PANIC:
	case OC_LK_NO_KILLABLE:
	case OC_LK_EXITING:
		if (p->state == P_IDLE) {
			if (k == OC_LK_SHARING || k == OC_LK_MISC)
				return;
			start(p, l, false);
		}
		break;
	default:
		if (!is_body(k))
			return;
		if (p->state == P_CLOSING)
			finalize(p);
		if (p->state == P_IDLE) {
			/* mid-table or mid-zone lines alone open nothing */
			if (k == OC_LK_TASK_ROW || k == OC_LK_RESERVE ||
			    k == OC_LK_MEMCG_STAT_LINE || k == OC_LK_SLAB)
				return;
			start(p, l, false);
		} else if (starts_new_report(e, k)) {
			start(p, l, false);
		}
		break;
	}

	if (k == OC_LK_TASK_ROW)
		p->bad_rows_before = e->bad_task_rows;
	if (within_caps(p, e, k))
		oc_log_apply(l->text, k, e, p->lineno);
	else
		e->items_not_kept++;
	if (is_strong(k))
		p->strong = true;
	if (k == OC_LK_KILLED || k == OC_LK_PANIC || k == OC_LK_EXITING ||
	    k == OC_LK_NO_KILLABLE || k == OC_LK_SYSRQ_IGNORED)
		p->state = P_CLOSING;
	p->in_slab = k == OC_LK_SLAB_START || k == OC_LK_SLAB;
	p->in_memcg_stats = (k == OC_LK_MEMCG_STATS && !e->memcg.v1) ||
			    k == OC_LK_MEMCG_STAT_LINE;
	p->quiet = 0;
	e->last_line = p->lineno;
	if (oc_oom_has(l->ts_ns))
		p->last_ts = l->ts_ns;
	save_prev(p, k, l->text, prefixed);
}

static void feed_segment(struct oc_log_parser *p, const char *s, size_t len)
{
	struct oc_log_line l;

	oc_log_normalize(s, len, p->buf, sizeof(p->buf), &l);
	process(p, &l);
}

/*
 * journalctl -o json: {"...","MESSAGE":"text",...}. Decodes the MESSAGE
 * string into p->seg (escapes, \n kept as newlines); returns its length
 * or -1 when @line is not such a record. Byte-array messages are skipped.
 */
static long json_message(struct oc_log_parser *p, const char *line, size_t len)
{
	const char *q = memmem(line, len, "\"MESSAGE\":\"", 11);
	const char *end = line + len;
	size_t o = 0;

	if (!q || line[0] != '{')
		return -1;
	for (q += 11; q < end && *q != '"' && o + 1 < sizeof(p->seg); q++) {
		char c = *q;

		if (c == '\\' && q + 1 < end) {
			c = *++q;
			if (c == 'n')
				c = '\n';
			else if (c == 't')
				c = ' ';
			else if (c == 'u' && q + 4 < end) {
				unsigned int v = 0;
				int i;

				for (i = 1; i <= 4; i++) {
					char h = q[i];

					v = v * 16 +
					    (unsigned int)(h >= 'a' ?
								   h - 'a' +
									   10 :
							   h >= 'A' ?
								   h - 'A' +
									   10 :
								   h - '0');
				}
				q += 4;
				c = v < 0x80 ? (char)v : '?';
			}
		}
		p->seg[o++] = c;
	}
	p->seg[o] = '\0';
	return (long)o;
}

struct oc_error *oc_log_parser_feed_line(struct oc_log_parser *p,
					 const char *line, size_t len)
{
	const char *s = line, *end, *cut;
	long jl;

	p->lineno++;
	p->stats.lines++;
	if (len > OC_LOG_LINE_MAX) {
		p->stats.long_lines++;
		len = OC_LOG_LINE_MAX;
	}
	jl = json_message(p, line, len);
	if (jl >= 0) {
		/* feed_segment() normalizes into p->buf, not p->seg */
		s = line = p->seg;
		len = (size_t)jl;
	} else if (len > 12 && !memcmp(line, "    MESSAGE=", 12)) {
		/* journalctl -o verbose */
		s = line += 12;
		len -= 12;
	}
	end = line + len;
	/* rsyslog "#012" and embedded newlines separate lines */
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));

		cut = nl ? nl : end;
		for (const char *h = s; h + 4 <= cut; h++) {
			if (h[0] == '#' && h[1] == '0' && h[2] == '1' &&
			    h[3] == '2') {
				cut = h;
				break;
			}
		}
		feed_segment(p, s, (size_t)(cut - s));
		if (cut == end)
			break;
		s = cut + (*cut == '\n' ? 1 : 4);
	}
	return p->nomem ? &oc_enomem : NULL;
}

struct oc_error *oc_log_parser_feed_record(struct oc_log_parser *p,
					   const char *text, size_t len,
					   int64_t ts_ns, int64_t caller_id)
{
	const char *s = text, *end;
	struct oc_log_line l;

	p->lineno++;
	p->stats.lines++;
	if (len > OC_LOG_LINE_MAX) {
		p->stats.long_lines++;
		len = OC_LOG_LINE_MAX;
	}
	end = text + len;
	while (s <= end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = (size_t)((nl ? nl : end) - s), i, o = 0;

		/* records carry no prefixes: only make the bytes safe */
		for (i = 0; i < n && o + 1 < sizeof(p->seg); i++) {
			unsigned char c = (unsigned char)s[i];

			p->seg[o++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
		}
		while (o && p->seg[o - 1] == ' ')
			o--;
		p->seg[o] = '\0';
		for (i = 0; p->seg[i] == ' '; i++)
			;
		l.text = p->seg + i;
		l.len = o - i;
		l.ts_ns = ts_ns;
		l.caller_id = caller_id;
		l.level = -1;
		l.wallclock[0] = '\0';
		if (l.len)
			process(p, &l);
		if (!nl)
			break;
		s = nl + 1;
	}
	return p->nomem ? &oc_enomem : NULL;
}

static int cmp_first_line(const void *a, const void *b)
{
	const struct oc_oom_event *x = a, *y = b;

	return (x->first_line > y->first_line) -
	       (x->first_line < y->first_line);
}

struct oc_error *oc_log_parser_finish(struct oc_log_parser *p,
				      struct oc_oom_event_vec *out)
{
	size_t i;

	finalize(p);
	if (p->nomem)
		return &oc_enomem;
	if (p->done.len > 1)
		qsort(p->done.data, p->done.len, sizeof(p->done.data[0]),
		      cmp_first_line);
	if (!oc_oom_event_vec_reserve(out, out->len + p->done.len))
		return &oc_enomem;
	for (i = 0; i < p->done.len; i++)
		out->data[out->len++] = p->done.data[i];
	oc_oom_event_vec_free(&p->done);
	p->kept_tasks = p->kept_zones = p->kept_nodes = p->kept_items = 0;
	p->boot_first = 0;
	p->lineno = 0;
	p->non_oom = false;
	p->last_ts = OC_LOG_NONE;
	p->stack.line = OC_OOM_NA;
	return NULL;
}

struct oc_error *oc_log_parse_file(FILE *f, struct oc_oom_event_vec *out,
				   struct oc_log_stats *st)
{
	struct oc_log_parser *p;
	struct oc_error *err;
	static const size_t chunk = 65536;
	char *in = NULL, *line = NULL;
	size_t llen = 0;
	bool overflow = false;

	err = oc_log_parser_new(&p);
	if (err)
		return err;
	in = malloc(chunk);
	line = malloc(OC_LOG_LINE_MAX + 1);
	if (!in || !line) {
		err = &oc_enomem;
		goto out;
	}
	for (;;) {
		size_t n = fread(in, 1, chunk, f), i = 0;

		if (!n) {
			if (ferror(f)) {
				err = oc_error_os(errno ? errno : EIO,
						  "reading the log");
				goto out;
			}
			break;
		}
		while (i < n) {
			char *nl = memchr(in + i, '\n', n - i);
			size_t take = (nl ? (size_t)(nl - in) : n) - i;
			size_t room = OC_LOG_LINE_MAX - llen;

			if (take > room) {
				overflow = true;
				take = room;
			}
			memcpy(line + llen, in + i, take);
			llen += take;
			if (!nl) {
				break;
			}
			err = oc_log_parser_feed_line(p, line, llen);
			if (overflow)
				p->stats.long_lines++;
			if (err)
				goto out;
			llen = 0;
			overflow = false;
			i = (size_t)(nl - in) + 1;
		}
	}
	if (llen) {
		err = oc_log_parser_feed_line(p, line, llen);
		if (err)
			goto out;
	}
	err = oc_log_parser_finish(p, out);
	if (st)
		oc_log_parser_stats(p, st);
out:
	free(in);
	free(line);
	oc_log_parser_free(p);
	return err;
}
