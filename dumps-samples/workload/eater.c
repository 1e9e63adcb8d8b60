/*
 * eater: allocate and dirty anonymous memory 1 MiB at a time until killed
 * (or until -l MiB is reached, then hold).  Prints progress to stdout.
 *   eater [-n comm] [-a adj] [-g cgroupdir] [-c chunk_MiB] [-l limit_MiB]
 *         [-p print_every_MiB] [-d delay_us_per_chunk]
 */
#include "common.h"

int main(int argc, char **argv)
{
	const char *name = "eater", *adj = NULL, *cg = NULL;
	size_t chunk = 1, limit = 0, every = 16, total = 0;
	unsigned delay = 0;
	int o;

	while ((o = getopt(argc, argv, "n:a:g:c:l:p:d:")) != -1) {
		switch (o) {
		case 'n': name = optarg; break;
		case 'a': adj = optarg; break;
		case 'g': cg = optarg; break;
		case 'c': chunk = strtoul(optarg, NULL, 0); break;
		case 'l': limit = strtoul(optarg, NULL, 0); break;
		case 'p': every = strtoul(optarg, NULL, 0); break;
		case 'd': delay = strtoul(optarg, NULL, 0); break;
		default:
			fprintf(stderr, "usage: eater [-n comm] [-a adj] [-g cgroup] [-c MiB] [-l MiB] [-p MiB] [-d us]\n");
			return 2;
		}
	}
	join_cgroup(cg);
	set_adj(adj);
	set_comm(name);
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("EATER %s pid=%d start\n", name, (int)getpid());
	for (;;) {
		touch_anon(chunk, (int)total);
		total += chunk;
		if (every && total % every == 0)
			printf("EATER %s pid=%d eaten=%zuMiB\n", name, (int)getpid(), total);
		if (limit && total >= limit) {
			printf("EATER %s pid=%d holding %zuMiB\n", name, (int)getpid(), total);
			sleep_forever();
		}
		if (delay)
			usleep(delay);
	}
}
