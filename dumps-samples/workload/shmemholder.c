/*
 * shmemholder: write N MiB into a file on tmpfs (shmem page cache, counted
 * as Shmem in /proc/meminfo and as shmem in the OOM Mem-Info), optionally
 * mmap MAP_SHARED M MiB of it and fault it in (RssShmem of this process),
 * then sleep forever holding the mapping.
 *   shmemholder [-n comm] [-p /dev/shm/file] [-m file_MiB] [-M mapped_MiB]
 *               [-a adj] [-g cgroupdir] [-f]
 */
#include "common.h"

int main(int argc, char **argv)
{
	const char *name = "shmemholder", *path = "/dev/shm/oomcore-blob";
	const char *adj = NULL, *cg = NULL;
	size_t mb = 16, mmb = (size_t)-1, i;
	int fg = 0, o, fd;
	static char buf[1 << 16];

	while ((o = getopt(argc, argv, "n:p:m:M:a:g:f")) != -1) {
		switch (o) {
		case 'n': name = optarg; break;
		case 'p': path = optarg; break;
		case 'm': mb = strtoul(optarg, NULL, 0); break;
		case 'M': mmb = strtoul(optarg, NULL, 0); break;
		case 'a': adj = optarg; break;
		case 'g': cg = optarg; break;
		case 'f': fg = 1; break;
		default:
			fprintf(stderr, "usage: shmemholder [-n comm] [-p file] [-m MiB] [-M mapped_MiB] [-a adj] [-g cgroup] [-f]\n");
			return 2;
		}
	}
	if (mmb > mb)
		mmb = mb;
	if (!fg)
		background();
	join_cgroup(cg);
	set_adj(adj);
	set_comm(name);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		die(path);
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 31 + 1);
	for (i = 0; i < (mb << 20); i += sizeof(buf))
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			die("write");
	if (mmb) {
		volatile char *p = mmap(NULL, mmb << 20, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		char sum = 0;
		if (p == MAP_FAILED)
			die("mmap");
		for (i = 0; i < (mmb << 20); i += 4096)
			sum += p[i];
		(void)sum;
	}
	ready();
	sleep_forever();
	return 0;
}
