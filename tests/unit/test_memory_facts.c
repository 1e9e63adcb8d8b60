// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The analysis of an OOM event takes what the dump's memory knows of it
 * (struct oc_oom_memory_facts, filled by the vmcore report from the
 * oom_control) before what the log only implies. The event is the real
 * 6.1 panic_on_oom report of the bundled numa sample (a cpuset OOM whose
 * log, having no oom-kill: line, does not say so).
 */
#include <stdlib.h>

#include "oc_test.h"
#include "oomcore/log.h"
#include "oomcore/oom_event.h"

int main(void)
{
	struct oc_oom_event_vec events = { 0 };
	struct oc_oom_analysis a = { 0 };
	struct oc_oom_event *e;
	FILE *f = fopen("dumps-samples/6.1-tiny/numa/console.log", "r");

	if (!f) {
		/* A source package without the sample dumps. */
		printf("no dumps-samples/6.1-tiny/numa/console.log\n");
		return 77;
	}
	OC_CHECK_OK(oc_log_parse_file(f, &events, NULL));
	fclose(f);
	OC_CHECK(events.len >= 1);
	if (!events.len)
		return oc_test_done();
	e = &events.data[events.len - 1];
	OC_CHECK(e->panic[0] != '\0');

	/* The log alone: no constraint printed, so none is known. */
	OC_CHECK_OK(oc_oom_analyze(e, &a));
	OC_CHECK_INT(a.constraint, OC_OOM_CONSTRAINT_NONE);
	OC_CHECK(a.totalpages != 32736);
	oc_oom_analysis_release(&a);

	/* With the oom_control's facts: the cpuset and its totalpages. */
	e->memory.known = e->memory.constraint_known = true;
	e->memory.constraint = OC_OOM_CONSTRAINT_CPUSET;
	e->memory.totalpages = 32736;
	snprintf(e->memory.source, sizeof(e->memory.source),
		 "oom_control in the dump");
	memset(&a, 0, sizeof(a));
	OC_CHECK_OK(oc_oom_analyze(e, &a));
	OC_CHECK_INT(a.constraint, OC_OOM_CONSTRAINT_CPUSET);
	OC_CHECK_STR(a.constraint_source, "oom_control in the dump");
	OC_CHECK_INT(a.totalpages, 32736);
	OC_CHECK(a.totalpages_exact);
	OC_CHECK(strstr(a.verdict, "puset") != NULL);
	oc_oom_analysis_release(&a);

	/* 4.9-4.20: totalpages known, the constraint still from the log. */
	e->memory.constraint_known = false;
	memset(&a, 0, sizeof(a));
	OC_CHECK_OK(oc_oom_analyze(e, &a));
	OC_CHECK_INT(a.constraint, OC_OOM_CONSTRAINT_NONE);
	OC_CHECK_INT(a.totalpages, 32736);
	oc_oom_analysis_release(&a);

	oc_oom_event_vec_release(&events);
	return oc_test_done();
}
