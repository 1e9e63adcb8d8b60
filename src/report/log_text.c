// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Text report of log mode: per event the verdict first, then what the
 * log printed (trigger, kernel, memory, zones, memcg, victim, reaper),
 * then the recomputed badness ranking and the findings.
 */
#include <stdio.h>
#include <string.h>

#include "oomcore/badness.h"
#include "oomcore/gfp.h"
#include "oomcore/log.h"

#define TOP_TASKS 10

static void hum(int64_t kb, char *buf, size_t size)
{
	if (!oc_oom_has(kb))
		snprintf(buf, size, "?");
	else if (kb >= 10LL * 1024 * 1024)
		snprintf(buf, size, "%.1f GiB", (double)kb / (1024.0 * 1024));
	else if (kb >= 10 * 1024)
		snprintf(buf, size, "%.1f MiB", (double)kb / 1024.0);
	else
		snprintf(buf, size, "%lld kB", (long long)kb);
}

/* Wraps @text at 76 columns with @indent spaces after the first line. */
static void wrap(FILE *out, const char *first, const char *text, int indent)
{
	int col = fprintf(out, "%s", first);
	const char *p = text;

	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);

		if (col + (int)n + 1 > 78 && col > indent) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (p != text) {
			fputc(' ', out);
			col++;
		}
		fwrite(p, 1, n, out);
		col += (int)n;
		if (!sp)
			break;
		p = sp + 1;
	}
	fputc('\n', out);
}

static void trigger(FILE *out, const struct oc_oom_event *e)
{
	const struct oc_oom_trigger *t = &e->trigger;
	char gfp[300] = "";
	int maj, min;

	if (t->gfp_text[0]) {
		snprintf(gfp, sizeof(gfp), "%s", t->gfp_text);
	} else if (oc_oom_has(t->gfp_mask)) {
		enum oc_gfp_layout l = OC_GFP_LAYOUT_WAIT;

		if (oc_badness_parse_version(e->kernel_version, &maj, &min))
			l = oc_gfp_layout_for_version(maj, min);
		oc_gfp_format((uint64_t)t->gfp_mask, l, gfp, sizeof(gfp));
		strncat(gfp, " (decoded)", sizeof(gfp) - strlen(gfp) - 1);
	}
	if (!t->comm[0] && !oc_oom_has(t->pid) && !oc_oom_has(t->gfp_mask))
		return;
	fprintf(out, "Trigger     %s", t->comm[0] ? t->comm : "?");
	if (oc_oom_has(t->pid))
		fprintf(out, " (pid %lld)", (long long)t->pid);
	if (oc_oom_has(t->gfp_mask))
		fprintf(out, " gfp_mask=%#llx %s",
			(unsigned long long)t->gfp_mask, gfp);
	if (oc_oom_has(t->order))
		fprintf(out, " order=%lld", (long long)t->order);
	if (oc_oom_has(t->oom_score_adj))
		fprintf(out, " oom_score_adj=%lld",
			(long long)t->oom_score_adj);
	if (oc_oom_has(t->oom_adj))
		fprintf(out, " oom_adj=%lld", (long long)t->oom_adj);
	fputc('\n', out);
	if (t->cpuset[0] || e->summary.cpuset[0] || t->nodemask[0] ||
	    e->summary.nodemask[0])
		fprintf(out,
			"            cpuset=%s mems_allowed=%s nodemask=%s\n",
			t->cpuset[0] ? t->cpuset : e->summary.cpuset,
			t->mems_allowed[0] ? t->mems_allowed :
					     e->summary.mems_allowed,
			t->nodemask[0]	       ? t->nodemask :
			e->summary.nodemask[0] ? e->summary.nodemask :
						 "-");
}

/* @v as a decimal, or "?" when not printed; @buf has 24 bytes. */
static const char *num(int64_t v, char *buf)
{
	if (!oc_oom_has(v))
		return "?";
	snprintf(buf, 24, "%lld", (long long)v);
	return buf;
}

static void memory(FILE *out, const struct oc_oom_event *e,
		   const struct oc_oom_analysis *a)
{
	const struct oc_oom_kvset *m = &e->meminfo;
	int64_t pk = a->page_size / 1024, v;
	const struct oc_oom_zone *z;
	char b1[32], b2[32], b3[32], b4[32];
	int i;

	if (m->n) {
		fprintf(out, "Mem-Info    ");
		for (i = 0; i < m->n; i++) {
			hum(m->kv[i].value * pk, b1, sizeof(b1));
			if (m->kv[i].value &&
			    (!strcmp(m->kv[i].key, "free") ||
			     strstr(m->kv[i].key, "anon") ||
			     strstr(m->kv[i].key, "file") ||
			     strstr(m->kv[i].key, "slab") ||
			     !strcmp(m->kv[i].key, "shmem") ||
			     !strcmp(m->kv[i].key, "pagetables") ||
			     !strcmp(m->kv[i].key, "unevictable")))
				fprintf(out, "%s=%s ", m->kv[i].key, b1);
		}
		fputc('\n', out);
	}
	if (e->totals.n) {
		fprintf(out, "Totals      ");
		if (oc_oom_has(v = oc_oom_kv_get(&e->totals, "ram"))) {
			hum(v * pk, b1, sizeof(b1));
			fprintf(out, "RAM %lld pages (%s) ", (long long)v, b1);
		}
		if (oc_oom_has(v = oc_oom_kv_get(&e->totals, "reserved")))
			fprintf(out, "reserved %lld ", (long long)v);
		if (oc_oom_has(v = oc_oom_kv_get(&e->totals, "total_swap"))) {
			hum(v, b1, sizeof(b1));
			hum(oc_oom_kv_get(&e->totals, "free_swap"), b2,
			    sizeof(b2));
			fprintf(out, "swap %s (free %s) ", b1, b2);
		}
		if ((v = oc_oom_kv_get(&e->totals, "hugepages_total")) > 0) {
			hum(v, b1, sizeof(b1));
			fprintf(out, "hugetlb %s ", b1);
		}
		fputc('\n', out);
	}
	oc_vec_for_each(&e->zones, z) {
		char name[32];

		if (oc_oom_has(z->node))
			snprintf(name, sizeof(name), "%lld/%s",
				 (long long)z->node, z->name);
		else
			snprintf(name, sizeof(name), "%s", z->name);
		fprintf(out, "Zone %-7s", name);
		if (z->fields.n)
			fprintf(out, " free %s kB min %s low %s high %s",
				num(oc_oom_kv_get(&z->fields, "free"), b1),
				num(oc_oom_kv_get(&z->fields, "min"), b2),
				num(oc_oom_kv_get(&z->fields, "low"), b3),
				num(oc_oom_kv_get(&z->fields, "high"), b4));
		else
			fprintf(out, " (zone line not in the log)");
		if (oc_oom_has(v = oc_oom_kv_get(&z->fields, "managed")))
			fprintf(out, " managed %lld", (long long)v);
		if (z->n_lowmem_reserve) {
			fprintf(out, " reserve");
			for (i = 0; i < z->n_lowmem_reserve; i++)
				fprintf(out, "%s%lld", i ? "," : " ",
					(long long)z->lowmem_reserve_pages[i]);
		}
		fputc('\n', out);
		if (z->n_orders) {
			fprintf(out, "            blocks");
			for (i = 0; i < z->n_orders; i++)
				fprintf(out, " %lld*%lldk",
					(long long)z->nr_free[i],
					(long long)z->block_kb[i]);
			fputc('\n', out);
		}
	}
}

static void memcg(FILE *out, const struct oc_oom_event *e)
{
	const struct oc_oom_memcg *m = &e->memcg;
	char b1[32], b2[32];

	if (!(e->seen & OC_OOM_SEEN_MEMCG) && !e->summary.oom_memcg[0])
		return;
	fprintf(out, "Memcg       %s (%s)\n",
		m->path[0] ? m->path : e->summary.oom_memcg,
		m->v2 ? "cgroup v2" :
		m->v1 ? "cgroup v1" :
			"?");
	if (oc_oom_has(m->memory.usage_kb)) {
		hum(m->memory.usage_kb, b1, sizeof(b1));
		hum(m->memory.limit_kb, b2, sizeof(b2));
		fprintf(out,
			"            memory usage %s limit %s failcnt %lld\n",
			b1, b2, (long long)m->memory.failcnt);
	}
	if (oc_oom_has(m->memsw.usage_kb)) {
		hum(m->memsw.usage_kb, b1, sizeof(b1));
		if (m->memsw.limit_kb >= (1LL << 43))
			snprintf(b2, sizeof(b2), "unlimited");
		else
			hum(m->memsw.limit_kb, b2, sizeof(b2));
		fprintf(out,
			"            memory+swap usage %s limit %s failcnt %lld\n",
			b1, b2, (long long)m->memsw.failcnt);
	}
	if (oc_oom_has(m->swap.usage_kb)) {
		hum(m->swap.usage_kb, b1, sizeof(b1));
		if (m->swap.limit_kb >= (1LL << 43))
			snprintf(b2, sizeof(b2), "max");
		else
			hum(m->swap.limit_kb, b2, sizeof(b2));
		fprintf(out, "            swap usage %s limit %s\n", b1, b2);
	}
}

static void victim(FILE *out, const struct oc_oom_event *e)
{
	const struct oc_oom_victim *v = &e->victim;
	const struct oc_oom_reap *r;
	const struct oc_oom_extra_kill *x;

	if (oc_oom_has(v->selected_pid))
		fprintf(out, "Selected    %s (pid %lld) score %lld\n",
			v->selected_comm, (long long)v->selected_pid,
			(long long)v->score);
	if (oc_oom_has(v->pid)) {
		fprintf(out, "Killed      %s (pid %lld)", v->comm,
			(long long)v->pid);
		if (oc_oom_has(v->uid))
			fprintf(out, " uid %lld", (long long)v->uid);
		if (oc_oom_has(v->anon_rss_kb))
			fprintf(out, " anon-rss %lld kB",
				(long long)v->anon_rss_kb);
		if (oc_oom_has(v->file_rss_kb))
			fprintf(out, " file-rss %lld kB",
				(long long)v->file_rss_kb);
		if (oc_oom_has(v->shmem_rss_kb))
			fprintf(out, " shmem-rss %lld kB",
				(long long)v->shmem_rss_kb);
		if (oc_oom_has(v->pgtables_kb))
			fprintf(out, " pgtables %lld kB",
				(long long)v->pgtables_kb);
		fputc('\n', out);
	}
	oc_vec_for_each(&e->extra_kills, x)
		fprintf(out, "Also killed %s (pid %lld, %s)\n", x->comm,
			(long long)x->pid,
			x->kind == OC_OOM_EXTRA_OOM_GROUP ? "memory.oom.group" :
							    "shares the mm");
	oc_vec_for_each(&e->reaps, r) {
		if (r->reaped)
			fprintf(out,
				"Reaper      reaped pid %lld (%s): now anon-rss %lld kB file-rss %lld kB shmem-rss %lld kB\n",
				(long long)r->pid, r->comm,
				(long long)r->anon_rss_kb,
				(long long)r->file_rss_kb,
				(long long)r->shmem_rss_kb);
		else
			fprintf(out,
				"Reaper      unable to reap pid %lld (%s)\n",
				(long long)r->pid, r->comm);
	}
	if (e->panic[0])
		fprintf(out, "Panic       %s\n", e->panic);
}

static void ranking(FILE *out, const struct oc_oom_event *e,
		    const struct oc_oom_analysis *a)
{
	char sc[32];
	size_t i;

	if (!a->ranks.len)
		return;
	fprintf(out, "\nBadness (%s; %s)\n", a->era, a->era_evidence);
	if (oc_oom_has(a->totalpages))
		fprintf(out, "totalpages  %lld (%s%s)\n",
			(long long)a->totalpages, a->totalpages_source,
			a->totalpages_exact ? "" : ", approximate");
	fprintf(out, "  %-4s %8s %-16s %10s %10s %9s %7s %12s %6s\n", "rank",
		"pid", "name", "rss", "swap", "pgtables", "adj", "points",
		"score");
	for (i = 0; i < a->ranks.len && i < TOP_TASKS; i++) {
		const struct oc_oom_rank *r = &a->ranks.data[i];
		const struct oc_oom_task *t = &e->tasks.data[r->task];
		bool victim = t->pid == e->victim.pid ||
			      t->pid == e->victim.selected_pid;

		if (!r->eligible)
			fprintf(out,
				"  %-4zu %8lld %-16.16s %10lld %10lld %9lld %7lld %12s %6s%s\n",
				i + 1, (long long)t->pid, t->name,
				(long long)r->rss_pages,
				(long long)r->swap_pages,
				(long long)r->pgtables_pages,
				(long long)(oc_oom_has(t->oom_score_adj) ?
						    t->oom_score_adj :
						    0),
				"-", "-", victim ? "  <- victim" : "");
		else
			fprintf(out,
				"  %-4zu %8lld %-16.16s %10lld %10lld %9lld %7lld %12lld %6s%s\n",
				i + 1, (long long)t->pid, t->name,
				(long long)r->rss_pages,
				(long long)r->swap_pages,
				(long long)r->pgtables_pages,
				(long long)(oc_oom_has(t->oom_score_adj) ?
						    t->oom_score_adj :
						    0),
				(long long)r->points, num(r->score, sc),
				victim ? "  <- victim" : "");
	}
	if (a->ranks.len > TOP_TASKS)
		fprintf(out, "  ... %zu more\n", a->ranks.len - TOP_TASKS);
}

static struct oc_error *event(FILE *out, const struct oc_oom_event *e,
			      size_t idx, size_t n)
{
	struct oc_oom_analysis a;
	struct oc_error *err = oc_oom_analyze(e, &a);
	const struct oc_oom_finding *f;
	char hdr[160];

	if (err) {
		oc_oom_analysis_release(&a);
		return err;
	}
	snprintf(hdr, sizeof(hdr), "Event %zu of %zu, lines %lld-%lld", idx, n,
		 (long long)e->first_line, (long long)e->last_line);
	fprintf(out, "=== %s", hdr);
	if (e->wallclock[0])
		fprintf(out, ", %s", e->wallclock);
	else if (oc_oom_has(e->first_ts_ns))
		fprintf(out, ", %lld.%06lld s after boot",
			(long long)(e->first_ts_ns / 1000000000),
			(long long)(e->first_ts_ns % 1000000000 / 1000));
	fprintf(out, " ===\n");
	wrap(out, "Verdict     ", a.verdict, 12);
	fputc('\n', out);
	if (e->kernel_version[0] || e->arch[0] || e->hardware[0])
		fprintf(out, "Kernel      %s%s%s%s%s\n", e->kernel_version,
			e->arch[0] ? " " : "", e->arch,
			e->hardware[0] ? "; " : "", e->hardware);
	fprintf(out, "Constraint  %s (%s)\n",
		oc_oom_constraint_name(a.constraint), a.constraint_source);
	trigger(out, e);
	memcg(out, e);
	memory(out, e, &a);
	if (e->seen & OC_OOM_SEEN_TASKS)
		fprintf(out, "Tasks       %zu rows%s\n", e->tasks.len,
			e->cols_guessed ? " (columns guessed)" : "");
	victim(out, e);
	ranking(out, e, &a);
	if (a.match_text[0]) {
		fputc('\n', out);
		wrap(out, "Match       ", a.match_text, 12);
	}
	fprintf(out, "\nFindings\n");
	oc_vec_for_each(&a.findings, f) {
		const char *tag = f->severity == OC_OOM_WARN ? "  [!] " :
				  f->severity == OC_OOM_NOTE ? "  [*] " :
							       "  [-] ";

		wrap(out, tag, f->text, 6);
	}
	fputc('\n', out);
	oc_oom_analysis_release(&a);
	return NULL;
}

struct oc_error *oc_log_report_text(FILE *out,
				    const struct oc_oom_event_vec *events,
				    const struct oc_log_stats *st,
				    const struct oc_log_report_opts *opts)
{
	struct oc_error *err;
	size_t i;

	if (!events->len) {
		fprintf(out, "No OOM event found in %s (%lld lines",
			opts->input_name, (long long)st->lines);
		if (st->non_oom_memdumps)
			fprintf(out,
				"; %lld Mem-Info dumps without any OOM-killer line (allocation failures, sysrq-m, or cut-out fragments) were skipped",
				(long long)st->non_oom_memdumps);
		fprintf(out, ").\n");
		return NULL;
	}
	fprintf(out, "%s: %zu OOM event%s in %lld lines", opts->input_name,
		events->len, events->len > 1 ? "s" : "", (long long)st->lines);
	if (st->non_oom_memdumps)
		fprintf(out, "; %lld non-OOM memory dumps skipped",
			(long long)st->non_oom_memdumps);
	if (st->events_not_kept)
		fprintf(out, "; %lld more events not kept (over %d)",
			(long long)st->events_not_kept, OC_LOG_MAX_EVENTS);
	fprintf(out, "\n\n");
	for (i = 0; i < events->len; i++) {
		if (opts->event && (int64_t)i + 1 != opts->event)
			continue;
		err = event(out, &events->data[i], i + 1, events->len);
		if (err)
			return err;
	}
	return NULL;
}
