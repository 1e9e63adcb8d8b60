/*
 * oracle: print the ground truth the OOM analyser should reproduce from the
 * vmcore, as a machine-readable block on stdout (the console):
 *
 *   ORACLE-BEGIN v1 label=<label> uptime=<s>
 *   ORACLE meminfo <Key>=<kB> ...                 (whole /proc/meminfo)
 *   ORACLE sysctl vm.panic_on_oom=<n> vm.oom_kill_allocating_task=<n> vm.overcommit_memory=<n>
 *   ORACLE node id=<n> MemTotal=<kB> MemFree=<kB>    (per NUMA node)
 *   ORACLE cgroup path=<path> memory.current=<bytes> memory.max=<bytes|max> nr_procs=<n> cpuset.mems.effective=<list>
 *   ORACLE task pid=<n> ppid=<n> tgid=<n> uid=<n> oom_score=<n> oom_score_adj=<n> VmRSS=<kB> RssAnon=<kB>
 *               RssFile=<kB> RssShmem=<kB> VmPTE=<kB> VmSwap=<kB> kthread=<0|1> cgroup=<path> comm=<comm>
 *   ORACLE-END count=<tasks>
 *
 * Values are copied verbatim from /proc and cgroupfs; memory values in kB
 * unless stated (cgroup memory.* are bytes). Missing values print as "-".
 * comm is the last field and may contain spaces.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int slurp(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;
	if (fd < 0) {
		buf[0] = 0;
		return -1;
	}
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		n = 0;
	buf[n] = 0;
	return (int)n;
}

static void chomp(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = 0;
}

static void status_field(const char *status, const char *key, char *out, size_t len)
{
	char pat[64];
	const char *p;
	snprintf(pat, sizeof(pat), "\n%s:", key);
	p = strstr(status, pat);
	if (!p) {
		snprintf(out, len, "-");
		return;
	}
	p += strlen(pat);
	while (*p == ' ' || *p == '\t')
		p++;
	snprintf(out, len, "%.*s", (int)strcspn(p, " \t\n"), p);
}

static void print_cgroups(const char *root, const char *rel)
{
	char path[1024], buf[256], cur[64], max[64], mems[128];
	DIR *d;
	struct dirent *e;
	int nprocs = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s%s/memory.current", root, rel);
	slurp(path, cur, sizeof(cur));
	chomp(cur);
	snprintf(path, sizeof(path), "%s%s/memory.max", root, rel);
	slurp(path, max, sizeof(max));
	chomp(max);
	snprintf(path, sizeof(path), "%s%s/cpuset.mems.effective", root, rel);
	slurp(path, mems, sizeof(mems));
	chomp(mems);
	snprintf(path, sizeof(path), "%s%s/cgroup.procs", root, rel);
	f = fopen(path, "r");
	if (f) {
		while (fgets(buf, sizeof(buf), f))
			nprocs++;
		fclose(f);
	}
	printf("ORACLE cgroup path=%s memory.current=%s memory.max=%s nr_procs=%d cpuset.mems.effective=%s\n",
	       *rel ? rel : "/", *cur ? cur : "-", *max ? max : "-", nprocs, *mems ? mems : "-");

	snprintf(path, sizeof(path), "%s%s", root, rel);
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d))) {
		char sub[1024];
		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", rel, e->d_name);
		print_cgroups(root, sub);
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	static char status[8192], buf[4096];
	char path[512], *line, *save;
	const char *label = argc > 1 ? argv[1] : "-";
	DIR *d;
	struct dirent *e;
	int count = 0, node;

	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	slurp("/proc/uptime", buf, sizeof(buf));
	buf[strcspn(buf, " ")] = 0;
	printf("ORACLE-BEGIN v1 label=%s uptime=%s\n", label, buf);

	slurp("/proc/meminfo", status, sizeof(status));
	printf("ORACLE meminfo");
	for (line = strtok_r(status, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char key[64], val[64];
		if (sscanf(line, "%63[^:]: %63s", key, val) == 2)
			printf(" %s=%s", key, val);
	}
	printf("\n");

	printf("ORACLE sysctl");
	{
		static const char *const ks[] = { "vm/panic_on_oom", "vm/oom_kill_allocating_task",
			"vm/overcommit_memory", "vm/oom_dump_tasks", "kernel/panic_on_oops" };
		unsigned i;
		for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++) {
			char k[64], *c;
			snprintf(path, sizeof(path), "/proc/sys/%s", ks[i]);
			slurp(path, buf, sizeof(buf));
			chomp(buf);
			snprintf(k, sizeof(k), "%s", ks[i]);
			for (c = k; *c; c++)
				if (*c == '/')
					*c = '.';
			printf(" %s=%s", k, *buf ? buf : "-");
		}
	}
	printf("\n");

	for (node = 0; node < 64; node++) {
		char total[64] = "-", free_[64] = "-";
		char *p;
		snprintf(path, sizeof(path), "/sys/devices/system/node/node%d/meminfo", node);
		if (slurp(path, buf, sizeof(buf)) < 0)
			continue;
		if ((p = strstr(buf, "MemTotal:")))
			sscanf(p, "MemTotal: %63s", total);
		if ((p = strstr(buf, "MemFree:")))
			sscanf(p, "MemFree: %63s", free_);
		printf("ORACLE node id=%d MemTotal=%s MemFree=%s\n", node, total, free_);
	}

	if (access("/sys/fs/cgroup/cgroup.controllers", F_OK) == 0)
		print_cgroups("/sys/fs/cgroup", "");

	d = opendir("/proc");
	while (d && (e = readdir(d))) {
		char comm[64], cg[512], f[12][64];
		static const char *const keys[] = { "PPid", "Tgid", "Uid", "VmRSS", "RssAnon", "RssFile",
						    "RssShmem", "VmPTE", "VmSwap" };
		char score[32], adj[32];
		unsigned i;
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/status", e->d_name);
		if (slurp(path, status + 1, sizeof(status) - 1) <= 0)
			continue;
		status[0] = '\n';
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			status_field(status, keys[i], f[i], sizeof(f[i]));
		snprintf(path, sizeof(path), "/proc/%s/comm", e->d_name);
		slurp(path, comm, sizeof(comm));
		chomp(comm);
		snprintf(path, sizeof(path), "/proc/%s/oom_score", e->d_name);
		slurp(path, score, sizeof(score));
		chomp(score);
		snprintf(path, sizeof(path), "/proc/%s/oom_score_adj", e->d_name);
		slurp(path, adj, sizeof(adj));
		chomp(adj);
		snprintf(path, sizeof(path), "/proc/%s/cgroup", e->d_name);
		slurp(path, buf, sizeof(buf));
		chomp(buf);
		/* cgroup v2 line is "0::/path" */
		{
			char *p = strstr(buf, "0::");
			snprintf(cg, sizeof(cg), "%s", p ? p + 3 : "-");
			cg[strcspn(cg, "\n")] = 0;
		}
		printf("ORACLE task pid=%s ppid=%s tgid=%s uid=%s oom_score=%s oom_score_adj=%s VmRSS=%s RssAnon=%s RssFile=%s RssShmem=%s VmPTE=%s VmSwap=%s kthread=%d cgroup=%s comm=%s\n",
		       e->d_name, f[0], f[1], f[2], *score ? score : "-", *adj ? adj : "-", f[3], f[4], f[5],
		       f[6], f[7], f[8], strcmp(f[3], "-") == 0, cg, comm);
		count++;
	}
	if (d)
		closedir(d);
	printf("ORACLE-END count=%d\n", count);
	fflush(stdout);
	return 0;
}
