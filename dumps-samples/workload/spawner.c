/*
 * spawner: fork N small sleeping processes (for the "manytasks" scenario).
 *   spawner [-n comm] [-N count] [-k KiB_per_child] [-a child_adj] [-g cgroupdir]
 * Returns once all children exist; the parent keeps running in the background.
 */
#include "common.h"

int main(int argc, char **argv)
{
	const char *name = "spawner", *adj = NULL, *cg = NULL;
	int n = 2000, kib = 16, o, i;
	int pfd[2];

	while ((o = getopt(argc, argv, "n:N:k:a:g:")) != -1) {
		switch (o) {
		case 'n': name = optarg; break;
		case 'N': n = atoi(optarg); break;
		case 'k': kib = atoi(optarg); break;
		case 'a': adj = optarg; break;
		case 'g': cg = optarg; break;
		default:
			fprintf(stderr, "usage: spawner [-n comm] [-N count] [-k KiB] [-a adj] [-g cgroup]\n");
			return 2;
		}
	}
	background();
	join_cgroup(cg);
	set_comm(name);
	if (pipe(pfd))
		die("pipe");
	for (i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			char *p;
			int j;
			close(pfd[0]);
			set_adj(adj);
			set_comm("spawn_child");
			/* a little private RSS, varying per child */
			p = mmap(NULL, (size_t)kib << 10 << 1, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p != MAP_FAILED)
				for (j = 0; j < kib * 1024 + (i % 4) * 4096; j += 4096)
					p[j] = 1;
			if (write(pfd[1], "r", 1) != 1)
				_exit(1);
			close(pfd[1]);
			sleep_forever();
		}
	}
	close(pfd[1]);
	for (i = 0; i < n; i++) {
		char c;
		if (read(pfd[0], &c, 1) != 1)
			die("child ready");
	}
	close(pfd[0]);
	printf("SPAWNER %d children ready\n", n);
	fflush(stdout);
	ready();
	sleep_forever();
	return 0;
}
