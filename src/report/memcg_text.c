// SPDX-License-Identifier: GPL-2.0-or-later
/* The memory cgroup tree as text: see oc_memcg_print_text(). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "oomcore/memcg.h"

/* @pages as a size with a unit ("12.5M"), "max" or "-". */
static const char *size_str(const struct oc_memcgs *m, int64_t pages,
			    bool limit, char *buf, size_t len)
{
	static const char units[] = "KMGTPE";
	double v;
	int u = 0;

	if (pages < 0)
		return "-";
	if (limit && oc_memcg_is_unlimited(m, pages))
		return "max";
	v = (double)pages * m->page_size / 1024;
	while (v >= 1024 && u < 5) {
		v /= 1024;
		u++;
	}
	snprintf(buf, len, "%.1f%c", v, units[u]);
	return buf;
}

/* The last path component, or "/" for the root. */
static const char *base_name(const char *path)
{
	const char *p = strrchr(path, '/');

	return p && p[1] ? p + 1 : path;
}

void oc_memcg_print_text(const struct oc_memcgs *m, FILE *out)
{
	char a[32], b[32], c[32], d[32], e[32];

	fprintf(out, "cgroup %s memory hierarchy, %zu groups%s\n",
		m->v2 ? "v2" : "v1", m->groups.len,
		m->stats ? "" : " (no statistics)");
	fprintf(out, "%-32s %9s %9s %9s %9s %8s %5s %8s\n", "GROUP", "USAGE",
		"LIMIT", "PEAK", m->v2 ? "SWAP" : "MEMSW", "FAILCNT", "OOM",
		"OOM_KILL");
	for (size_t i = 0; i < m->groups.len; i++) {
		const struct oc_memcg *g = &m->groups.data[i];
		char name[64];
		int ind = g->depth * 2;
		int64_t ev_oom = g->events[OC_MEMCG_EV_OOM];
		int64_t ev_kill = g->events[OC_MEMCG_EV_OOM_KILL];

		if (ind > 24)
			ind = 24;
		snprintf(name, sizeof(name), "%*s%s%s", ind, "",
			 base_name(g->path), g->dying ? " (dying)" : "");
		fprintf(out, "%-32s %9s %9s %9s %9s %8" PRId64 " ", name,
			size_str(m, g->memory.usage, false, a, sizeof(a)),
			size_str(m, g->memory.max, true, b, sizeof(b)),
			size_str(m, g->memory.watermark, false, c, sizeof(c)),
			size_str(m, g->swap.usage, false, d, sizeof(d)),
			g->memory.failcnt);
		if (ev_oom >= 0)
			fprintf(out, "%5" PRId64 " %8" PRId64 "\n", ev_oom,
				ev_kill);
		else
			fprintf(out, "%5s %8s\n", "-", "-");
		(void)e;
	}
	for (size_t i = 0; i < m->groups.len; i++) {
		const struct oc_memcg *g = &m->groups.data[i];
		int lim = oc_memcg_limiting_ancestor(m, (int)i);

		if (g->parent < 0 || lim != (int)i)
			continue;
		fprintf(out, "%s: %.1f%% of its limit %s used\n", g->path,
			100.0 * (double)g->memory.usage /
				(double)(g->memory.max ? g->memory.max : 1),
			size_str(m, g->memory.max, true, e, sizeof(e)));
	}
	if (m->partial)
		fprintf(out, "note: walk incomplete: %s\n",
			m->partial->message);
}
