/* Shared helpers for the oomcore guest workloads (static, no libc extras). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static __attribute__((unused)) void die(const char *what)
{
	fprintf(stderr, "%s: %s\n", what, strerror(errno));
	exit(1);
}

static __attribute__((unused)) void write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, val, strlen(val)) < 0)
		die(path);
	close(fd);
}

/* Set our own oom_score_adj (-1000..1000). */
static __attribute__((unused)) void set_adj(const char *adj)
{
	if (adj)
		write_file("/proc/self/oom_score_adj", adj);
}

/* Move ourselves into a cgroup v2 directory (e.g. /sys/fs/cgroup/app/leaf). */
static __attribute__((unused)) void join_cgroup(const char *dir)
{
	char p[512], pid[32];
	if (!dir)
		return;
	snprintf(p, sizeof(p), "%s/cgroup.procs", dir);
	snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
	write_file(p, pid);
}

static __attribute__((unused)) void set_comm(const char *name)
{
	if (name)
		prctl(PR_SET_NAME, name, 0, 0, 0);
}

/* Allocate mb MiB of private anonymous memory and dirty every page. */
static __attribute__((unused)) char *touch_anon(size_t mb, int seed)
{
	size_t len = mb << 20, i;
	char *p;
	if (!len)
		return NULL;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("mmap");
	for (i = 0; i < len; i += 4096)
		p[i] = (char)(seed + i / 4096 + 1);
	return p;
}

/*
 * "Background after ready": the caller's process forks, the child does the
 * work and reports readiness through a pipe, the parent exits 0 once the
 * child is ready (so a shell script can run us synchronously and know the
 * memory is really resident when we return).
 */
static __attribute__((unused)) int ready_fd = -1;
static __attribute__((unused)) void background(void)
{
	int pfd[2];
	pid_t pid;
	char c;
	if (pipe(pfd))
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid > 0) {
		close(pfd[1]);
		if (read(pfd[0], &c, 1) != 1)
			exit(1);
		exit(0);
	}
	close(pfd[0]);
	ready_fd = pfd[1];
	setsid();
}

static __attribute__((unused)) void ready(void)
{
	if (ready_fd >= 0) {
		if (write(ready_fd, "r", 1) != 1)
			exit(1);
		close(ready_fd);
		ready_fd = -1;
	}
}

static __attribute__((unused)) void sleep_forever(void)
{
	for (;;)
		pause();
}
