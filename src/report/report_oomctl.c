// SPDX-License-Identifier: GPL-2.0-or-later
/* The oom_control section of the vmcore report, as text and JSON. */
#include <inttypes.h>

#include "oomcore/gfp.h"
#include "oomcore/report.h"

static const char *const constraint_names[] = {
	"CONSTRAINT_NONE", "CONSTRAINT_CPUSET", "CONSTRAINT_MEMORY_POLICY",
	"CONSTRAINT_MEMCG",
};

/* The gfp flag names with this kernel's bit layout. */
static void gfp_names(const struct oc_report *r, uint64_t mask, char *buf,
		      size_t size)
{
	int major = 0, minor = 0;

	oc_badness_parse_version(r->t->osrelease, &major, &minor);
	oc_gfp_format(mask, oc_gfp_layout_for_version(major, minor), buf,
		      size);
}

/* The log's header of the event, to say which fields agree. */
static const struct oc_oom_event *last_event(const struct oc_report *r)
{
	return r->events.len ? &r->events.data[r->events.len - 1] : NULL;
}

void oc_report_oomctl_text(const struct oc_report *r, FILE *out)
{
	const struct oc_oomctl *c = &r->oomctl;
	const struct oc_oom_event *e = last_event(r);
	char gfp[256];

	fprintf(out, "oom_control\n");
	if (r->oomctl_err) {
		fprintf(out, "  not available: %s\n\n", r->oomctl_err->message);
		return;
	}
	if (!c->found) {
		fprintf(out, "  no struct oom_control on the stack of the "
			     "panicking task: no OOM was in progress at the "
			     "crash\n");
		if (e && oc_oom_has(e->trigger.gfp_mask))
			fprintf(out,
				"  from the log: gfp_mask=%#" PRIx64
				" order=%" PRId64 "\n",
				e->trigger.gfp_mask, e->trigger.order);
		fputc('\n', out);
		return;
	}
	gfp_names(r, c->gfp_mask, gfp, sizeof(gfp));
	fprintf(out,
		"  at 0x%" PRIx64 " on the stack of pid %d (%s)%s, %d "
		"candidate%s\n",
		c->addr, c->pid, c->comm,
		c->matches_log ? ", gfp_mask and order as in the log" : "",
		c->candidates, c->candidates == 1 ? "" : "s");
	fprintf(out, "  gfp_mask=%#" PRIx64 "(%s) order=%d\n", c->gfp_mask,
		gfp, c->order);
	fprintf(out, "  zonelist=0x%" PRIx64 " nodemask=", c->zonelist);
	if (c->nodemask_ptr)
		fprintf(out, "0x%" PRIx64 " (nodes 0x%" PRIx64 ")",
			c->nodemask_ptr, c->nodemask);
	else
		fprintf(out, "(null)");
	fprintf(out, " memcg=0x%" PRIx64 "\n", c->memcg);
	if (c->has_totalpages)
		fprintf(out, "  totalpages=%" PRIu64 " chosen=0x%" PRIx64
			     " chosen_points=%" PRId64 "\n",
			c->totalpages, c->chosen, c->chosen_points);
	if (c->has_constraint)
		fprintf(out, "  constraint=%s\n",
			c->constraint < 4 ? constraint_names[c->constraint] :
					    "?");
	fputc('\n', out);
}

void oc_report_oomctl_json(const struct oc_report *r, struct oc_json *j)
{
	const struct oc_oomctl *c = &r->oomctl;
	char gfp[256];

	oc_json_object_begin(j);
	oc_json_kv_str(j, "error",
		       r->oomctl_err ? r->oomctl_err->message : NULL);
	oc_json_kv_bool(j, "found", c->found);
	if (c->found) {
		gfp_names(r, c->gfp_mask, gfp, sizeof(gfp));
		oc_json_kv_uint(j, "address", c->addr);
		oc_json_kv_int(j, "stack_of_pid", c->pid);
		oc_json_kv_str(j, "stack_of_comm", c->comm);
		oc_json_kv_int(j, "candidates", c->candidates);
		oc_json_kv_bool(j, "matches_log_header", c->matches_log);
		oc_json_kv_uint(j, "gfp_mask", c->gfp_mask);
		oc_json_kv_str(j, "gfp_flags", gfp);
		oc_json_kv_int(j, "order", c->order);
		oc_json_kv_uint(j, "zonelist", c->zonelist);
		oc_json_kv_uint(j, "nodemask_ptr", c->nodemask_ptr);
		if (c->nodemask_ptr)
			oc_json_kv_uint(j, "nodemask", c->nodemask);
		oc_json_kv_uint(j, "memcg", c->memcg);
		if (c->has_totalpages) {
			oc_json_kv_uint(j, "totalpages", c->totalpages);
			oc_json_kv_uint(j, "chosen", c->chosen);
			oc_json_kv_int(j, "chosen_points", c->chosen_points);
		}
		if (c->has_constraint)
			oc_json_kv_str(j, "constraint",
				       c->constraint < 4 ?
					       constraint_names[c->constraint] :
					       NULL);
	}
	oc_json_object_end(j);
}
