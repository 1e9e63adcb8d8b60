// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The OOM constraint of an event, from every clue the kernel printed.
 *
 * From 5.0 the kernel prints it (oom-kill:constraint=...). Before, it has
 * to be rebuilt the way constrained_alloc() (mm/oom_kill.c) decided it:
 * a memory cgroup OOM shows its memcg block, or, when the report has
 * none (a memcg OOM that panics in check_panic_on_oom() under
 * panic_on_oom=2 prints the global Mem-Info on 3.x/4.x), a charge path
 * in its call trace; CONSTRAINT_MEMORY_POLICY needs a nodemask that
 * leaves out a node with memory (4.9-4.20 print it in the header);
 * CONSTRAINT_CPUSET a cpuset whose mems_allowed leaves one out, for a
 * request that may not fall back outside it (__GFP_HARDWALL, as every
 * user page has). The NUMA nodes with memory are those of Mem-Info.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oom/analysis_internal.h"

bool oc_analysis_nodelist(const char *s, uint64_t *mask)
{
	const char *p = s;

	*mask = 0;
	if (!*p)
		return false;
	while (*p) {
		unsigned long a, b;
		char *end;

		if (*p < '0' || *p > '9')
			return false;
		a = strtoul(p, &end, 10);
		b = a;
		p = end;
		if (*p == '-') {
			p++;
			if (*p < '0' || *p > '9')
				return false;
			b = strtoul(p, &end, 10);
			p = end;
		}
		if (a > b)
			return false;
		for (; a <= b && a < 64; a++)
			*mask |= 1ULL << a;
		if (*p == ',')
			p++;
		else if (*p && *p != ' ')
			return false;
		else
			break;
	}
	return true;
}

/* The nodes Mem-Info shows with memory (node lines, zones with pages). */
static uint64_t memory_nodes(const struct oc_oom_event *e)
{
	const struct oc_oom_node *n;
	const struct oc_oom_zone *z;
	uint64_t m = 0;

	oc_vec_for_each(&e->nodes, n) {
		if (oc_oom_has(n->node) && n->node >= 0 && n->node < 64)
			m |= 1ULL << n->node;
	}
	oc_vec_for_each(&e->zones, z) {
		int64_t pages = oc_oom_kv_get(&z->fields, "present");

		if (!oc_oom_has(pages))
			pages = oc_oom_kv_get(&z->fields, "managed");
		if (oc_oom_has(z->node) && z->node >= 0 && z->node < 64 &&
		    oc_oom_has(pages) && pages > 0)
			m |= 1ULL << z->node;
	}
	return m;
}

static int first_node(uint64_t m)
{
	return m ? __builtin_ctzll(m) : -1;
}

static enum oc_oom_constraint parse_constraint(const char *s)
{
	if (!strcmp(s, "CONSTRAINT_NONE"))
		return OC_OOM_CONSTRAINT_NONE;
	if (!strcmp(s, "CONSTRAINT_CPUSET"))
		return OC_OOM_CONSTRAINT_CPUSET;
	if (!strcmp(s, "CONSTRAINT_MEMORY_POLICY"))
		return OC_OOM_CONSTRAINT_MEMORY_POLICY;
	if (!strcmp(s, "CONSTRAINT_MEMCG"))
		return OC_OOM_CONSTRAINT_MEMCG;
	return OC_OOM_CONSTRAINT_UNKNOWN;
}

/* The NUMA part of constrained_alloc(), from the printed clues. */
static enum oc_oom_constraint numa(const struct oc_oom_event *e, char *src,
				   size_t size)
{
	uint64_t mem = memory_nodes(e), allowed;
	struct oc_gfp g;
	bool gfp = oc_analysis_event_gfp(e, &g);

	if (!mem)
		return OC_OOM_CONSTRAINT_UNKNOWN;
	if (gfp && g.complete && oc_gfp_test(&g, OC_GFP_THISNODE)) {
		snprintf(src, size,
			 "__GFP_THISNODE request: never cpuset or mempolicy");
		return OC_OOM_CONSTRAINT_NONE;
	}
	if (oc_analysis_nodelist(e->trigger.nodemask, &allowed) && (mem & ~allowed)) {
		snprintf(src, size,
			 "header nodemask=%s leaves out node %d, which has memory",
			 e->trigger.nodemask, first_node(mem & ~allowed));
		return OC_OOM_CONSTRAINT_MEMORY_POLICY;
	}
	if (oc_analysis_nodelist(e->trigger.mems_allowed, &allowed) &&
	    (mem & ~allowed)) {
		bool hardwall = gfp && oc_gfp_test(&g, OC_GFP_HARDWALL);

		snprintf(src, size,
			 "cpuset %s has mems_allowed=%s, leaving out node %d%s",
			 e->trigger.cpuset[0] ? e->trigger.cpuset : "?",
			 e->trigger.mems_allowed, first_node(mem & ~allowed),
			 hardwall ? " (__GFP_HARDWALL request)" :
				    " (a request without __GFP_HARDWALL may "
				    "still use a hardwall ancestor's nodes)");
		return OC_OOM_CONSTRAINT_CPUSET;
	}
	if (!(mem & (mem - 1))) {
		snprintf(src, size,
			 "one NUMA node with memory: no cpuset or mempolicy "
			 "constraint is possible");
		return OC_OOM_CONSTRAINT_NONE;
	}
	/* both inputs of constrained_alloc() printed, neither constrains */
	if (e->trigger.nodemask[0] &&
	    oc_analysis_nodelist(e->trigger.mems_allowed, &allowed)) {
		snprintf(src, size,
			 "nodemask=%s and cpuset mems_allowed=%s cover every "
			 "node with memory",
			 e->trigger.nodemask, e->trigger.mems_allowed);
		return OC_OOM_CONSTRAINT_NONE;
	}
	return OC_OOM_CONSTRAINT_UNKNOWN;
}

enum oc_oom_constraint oc_analysis_constraint(const struct oc_oom_event *e,
					      char *src, size_t size)
{
	enum oc_oom_constraint c;

	if (e->memory.known && e->memory.constraint_known) {
		snprintf(src, size, "%s", e->memory.source);
		return e->memory.constraint;
	}
	if (e->summary.constraint[0]) {
		snprintf(src, size, "printed");
		return parse_constraint(e->summary.constraint);
	}
	if (e->memcg_oom) {
		snprintf(src, size, "memcg report");
		return OC_OOM_CONSTRAINT_MEMCG;
	}
	if (e->trace_memcg_fn[0]) {
		snprintf(src, size,
			 "call trace through %s (a memcg charge path; no "
			 "memcg block printed)",
			 e->trace_memcg_fn);
		return OC_OOM_CONSTRAINT_MEMCG;
	}
	if (e->sysrq) {
		snprintf(src, size, "sysrq has no constraint");
		return OC_OOM_CONSTRAINT_NONE;
	}
	if (!(e->seen & (OC_OOM_SEEN_HEADER | OC_OOM_SEEN_MEMINFO |
			 OC_OOM_SEEN_TASKS | OC_OOM_SEEN_SELECT |
			 OC_OOM_SEEN_CPUSET | OC_OOM_SEEN_ZONES))) {
		snprintf(src, size, "the report is not in the log");
		return OC_OOM_CONSTRAINT_UNKNOWN;
	}
	c = numa(e, src, size);
	if (c != OC_OOM_CONSTRAINT_UNKNOWN)
		return c;
	snprintf(src, size,
		 "assumed: cpuset/mempolicy constraints are only printed "
		 "from 5.0");
	return OC_OOM_CONSTRAINT_NONE;
}
