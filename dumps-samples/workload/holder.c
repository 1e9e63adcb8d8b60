/*
 * holder: allocate and dirty N MiB of anonymous memory, then sleep forever.
 *   holder [-n comm] [-m MiB] [-a oom_score_adj] [-g cgroupdir]
 *          [-k children] [-c child_MiB] [-A child_adj] [-f]
 * Returns once all memory (including the children's) is resident; the
 * holder itself keeps running in the background.  -f: stay in foreground.
 */
#include "common.h"

int main(int argc, char **argv)
{
	const char *name = "holder", *adj = NULL, *cg = NULL, *cadj = NULL;
	size_t mb = 16, cmb = 4;
	int k = 0, fg = 0, o, i;

	while ((o = getopt(argc, argv, "n:m:a:g:k:c:A:f")) != -1) {
		switch (o) {
		case 'n': name = optarg; break;
		case 'm': mb = strtoul(optarg, NULL, 0); break;
		case 'a': adj = optarg; break;
		case 'g': cg = optarg; break;
		case 'k': k = atoi(optarg); break;
		case 'c': cmb = strtoul(optarg, NULL, 0); break;
		case 'A': cadj = optarg; break;
		case 'f': fg = 1; break;
		default:
			fprintf(stderr, "usage: holder [-n comm] [-m MiB] [-a adj] [-g cgroup] [-k kids] [-c kid_MiB] [-A kid_adj] [-f]\n");
			return 2;
		}
	}
	if (!fg)
		background();
	join_cgroup(cg);
	set_adj(adj);
	set_comm(name);
	for (i = 0; i < k; i++) {
		int pfd[2];
		char c;
		pid_t pid;
		if (pipe(pfd))
			die("pipe");
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			char cname[32];
			close(pfd[0]);
			snprintf(cname, sizeof(cname), "%.10s_k%d", name, i);
			set_comm(cname);
			set_adj(cadj);
			touch_anon(cmb, 100 + i);
			if (write(pfd[1], "r", 1) != 1)
				_exit(1);
			close(pfd[1]);
			sleep_forever();
		}
		close(pfd[1]);
		if (read(pfd[0], &c, 1) != 1)
			die("child");
		close(pfd[0]);
	}
	touch_anon(mb, 7);
	ready();
	sleep_forever();
	return 0;
}
