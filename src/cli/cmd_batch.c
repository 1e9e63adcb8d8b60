// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * oomcore batch: the report of many dumps, one JSON line each, by N forked
 * workers.
 *
 * Inputs are files and directories; directories are searched recursively
 * for crash dumps (kdump/diskdump or ELF core files, by their magic). The
 * workers take the next input from a counter in shared memory, so a slow
 * dump does not hold a queue up, and write each line whole to stdout under
 * a process-shared lock: lines never interleave, whatever stdout is. Each
 * line is the document `oomcore report --json` prints, on one line, or
 * {"input": FILE, "error": MESSAGE} when the dump cannot be reported; the
 * batch goes on after errors, and a worker that dies is replaced (its dump
 * gets an error line). Workers share the vmlinux type profile through the
 * type cache (src/target/type_cache.h): after the first dump of a build,
 * the others open neither DWARF nor the symbol table.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "oomcore/json.h"
#include "oomcore/report.h"
#include "oomcore/target.h"
#include "oomcore/vector.h"

#define MAX_JOBS 256

typedef char *owned_path;	/* (const char *) would bind to char */
OC_DEFINE_VECTOR(path_vec, owned_path)

/* What the workers share with each other and the parent. */
struct batch_shared {
	pthread_mutex_t out_lock;	/* around each line written */
	uint64_t next;			/* next input to take */
	uint64_t ok, partial, failed;
	int64_t current[MAX_JOBS];	/* input a worker is on, or -1 */
};

static void help(FILE *f)
{
	fprintf(f,
		"Usage: oomcore batch [OPTIONS] DIR|VMCORE...\n"
		"\n"
		"Reports on many crash dumps: one JSON line per dump on "
		"stdout, the same\ndocument as 'oomcore report --json', or "
		"{\"input\":...,\"error\":...} for a\ndump that cannot be "
		"read. Directories are searched for kdump and ELF\ncore files. "
		"A summary line goes to stderr.\n"
		"\n"
		"Options:\n"
		"  -k, --vmlinux FILE   the vmlinux of every dump (default: "
		"look it up for\n"
		"                       each dump, as 'oomcore report' does)\n"
		"  -J, --jobs N         N worker processes (default: the "
		"number of CPUs)\n"
		"      --force          use a vmlinux that does not match\n"
		"  -h, --help           this help\n"
		"\n"
		"Exit status: 0 all reported, 3 some reports partial, 1 some "
		"dumps failed,\n2 usage.\n");
}

/* Whether @path starts like a crash dump: kdump, diskdump or ELF core. */
static bool looks_like_dump(const char *path)
{
	unsigned char b[18];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, b, sizeof(b));
	close(fd);
	if (n >= 8 && (!memcmp(b, "KDUMP   ", 8) || !memcmp(b, "DISKDUMP", 8)))
		return true;
	if (n >= 16 && !memcmp(b, "makedumpfile", 12))
		return true;	/* flattened format */
	/* ELF e_type ET_CORE (4), in either byte order. */
	return n >= 18 && !memcmp(b, "\177ELF", 4) &&
	       ((b[5] == 1 && b[16] == 4 && b[17] == 0) ||
		(b[5] == 2 && b[16] == 0 && b[17] == 4));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static struct oc_error *add_path(struct path_vec *v, const char *path)
{
	char *p = strdup(path);

	if (!p || !path_vec_append(v, &p)) {
		free(p);
		return &oc_enomem;
	}
	return NULL;
}

/* Adds the dumps under @dir, recursively, in name order. */
static struct oc_error *scan_dir(struct path_vec *v, const char *dir,
				 int depth)
{
	struct path_vec names = { 0 };
	struct oc_error *err = NULL;
	struct dirent *de;
	DIR *d;

	if (depth > 16)
		return NULL;
	d = opendir(dir);
	if (!d)
		return oc_error_os(errno, "%s", dir);
	while (!err && (de = readdir(d))) {
		char *p;

		if (de->d_name[0] == '.')
			continue;
		if (asprintf(&p, "%s/%s", dir, de->d_name) < 0) {
			err = &oc_enomem;
		} else if (!path_vec_append(&names, &p)) {
			free(p);
			err = &oc_enomem;
		}
	}
	closedir(d);
	if (names.len)
		qsort(names.data, names.len, sizeof(char *), cmp_str);
	for (size_t i = 0; i < names.len; i++) {
		struct stat st;

		if (!err && stat(names.data[i], &st) == 0) {
			if (S_ISDIR(st.st_mode))
				err = scan_dir(v, names.data[i], depth + 1);
			else if (S_ISREG(st.st_mode) &&
				 looks_like_dump(names.data[i]))
				err = add_path(v, names.data[i]);
		}
		free(names.data[i]);
	}
	path_vec_free(&names);
	return err;
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= w;
	}
}

/* Writes one line to stdout, whole, under the shared lock. */
static void emit(struct batch_shared *sh, const char *line, size_t len)
{
	/* A worker that died holding the lock wrote part of a line at most. */
	if (pthread_mutex_lock(&sh->out_lock) == EOWNERDEAD)
		pthread_mutex_consistent(&sh->out_lock);
	write_all(STDOUT_FILENO, line, len);
	pthread_mutex_unlock(&sh->out_lock);
}

static void emit_error(struct batch_shared *sh, const char *input,
		       const char *message)
{
	struct oc_json j;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return;
	oc_json_init(&j, f, false);
	oc_json_object_begin(&j);
	oc_json_kv_str(&j, "input", input);
	oc_json_kv_str(&j, "error", message);
	oc_json_object_end(&j);
	oc_json_finish(&j);
	fclose(f);
	emit(sh, buf, len);
	free(buf);
	__atomic_fetch_add(&sh->failed, 1, __ATOMIC_RELAXED);
}

/* The report of one dump, as one line. */
static void do_one(struct batch_shared *sh, const char *input,
		   const struct oc_cli_dump_opts *tmpl)
{
	struct oc_cli_dump_opts o = *tmpl;
	struct oc_target *t;
	struct oc_report r;
	struct oc_error *err;
	struct oc_json j;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	bool partial;

	o.vmcore = input;
	err = oc_cli_open_dump(&o, &t);
	if (err) {
		emit_error(sh, input, err->message);
		oc_error_free(err);
		return;
	}
	err = oc_report_build(t, OC_SECTION_ALL, &r);
	if (err) {
		emit_error(sh, input, err->message);
		oc_error_free(err);
		oc_report_release(&r);
		oc_target_destroy(t);
		return;
	}
	f = open_memstream(&buf, &len);
	if (f) {
		oc_json_init(&j, f, false);
		oc_report_json(&r, OC_SECTION_ALL, &j);
		fclose(f);
	}
	partial = oc_report_partial(&r);
	oc_report_release(&r);
	oc_target_destroy(t);
	if (!f) {
		emit_error(sh, input, "out of memory");
		return;
	}
	emit(sh, buf, len);
	free(buf);
	__atomic_fetch_add(partial ? &sh->partial : &sh->ok, 1,
			   __ATOMIC_RELAXED);
}

static void worker(struct batch_shared *sh, int slot,
		   const struct path_vec *inputs,
		   const struct oc_cli_dump_opts *o)
{
	for (;;) {
		uint64_t i = __atomic_fetch_add(&sh->next, 1, __ATOMIC_RELAXED);

		if (i >= inputs->len)
			break;
		__atomic_store_n(&sh->current[slot], (int64_t)i,
				 __ATOMIC_RELAXED);
		do_one(sh, inputs->data[i], o);
		__atomic_store_n(&sh->current[slot], -1, __ATOMIC_RELAXED);
	}
	fflush(NULL);
	_exit(0);
}

static pid_t spawn(struct batch_shared *sh, int slot,
		   const struct path_vec *inputs,
		   const struct oc_cli_dump_opts *o)
{
	pid_t pid;

	sh->current[slot] = -1;
	fflush(NULL);
	pid = fork();
	if (pid == 0)
		worker(sh, slot, inputs, o);
	return pid;
}

/* Runs the workers to the end; false when none could be started. */
static bool run_workers(struct batch_shared *sh, int jobs,
			const struct path_vec *inputs,
			const struct oc_cli_dump_opts *o)
{
	pid_t pids[MAX_JOBS];
	int running = 0;

	for (int w = 0; w < jobs; w++) {
		pids[w] = spawn(sh, w, inputs, o);
		if (pids[w] > 0)
			running++;
	}
	if (!running)
		return false;
	while (running) {
		int status, w;
		pid_t pid = wait(&status);

		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (w = 0; w < jobs && pids[w] != pid; w++)
			;
		if (w == jobs)
			continue;
		running--;
		pids[w] = -1;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			continue;
		/* A worker died on a dump: say so, and carry on without it. */
		if (sh->current[w] >= 0) {
			char msg[96];

			if (WIFSIGNALED(status))
				snprintf(msg, sizeof(msg),
					 "the report crashed (signal %d)",
					 WTERMSIG(status));
			else
				snprintf(msg, sizeof(msg),
					 "the report exited with status %d",
					 WEXITSTATUS(status));
			emit_error(sh, inputs->data[sh->current[w]], msg);
		}
		pids[w] = spawn(sh, w, inputs, o);
		if (pids[w] > 0)
			running++;
	}
	return true;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int oc_cmd_batch(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "vmlinux", required_argument, NULL, 'k' },
		{ "jobs", required_argument, NULL, 'J' },
		{ "force", no_argument, NULL, 'F' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{},
	};
	struct oc_cli_dump_opts o = { 0 };
	struct path_vec inputs = { 0 };
	struct batch_shared *sh;
	pthread_mutexattr_t ma;
	struct oc_error *err = NULL;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	double start = now(), secs;
	int c, status;
	char *end;

	while ((c = getopt_long(argc, argv, "k:J:jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			o.vmlinux = optarg;
			break;
		case 'J':
			jobs = strtol(optarg, &end, 10);
			if (*end || jobs < 1 || jobs > MAX_JOBS)
				return oc_cli_usage_error(
					"batch", "--jobs takes 1 to %d",
					MAX_JOBS);
			break;
		case 'F':
			o.force = true;
			break;
		case 'j':
			break;	/* the output is always JSON lines */
		case 'h':
			help(stdout);
			return OC_EXIT_OK;
		default:
			return oc_cli_usage_error("batch", "bad option");
		}
	}
	if (optind >= argc)
		return oc_cli_usage_error("batch", "expected DIR or VMCORE");
	if (jobs < 1)
		jobs = 1;
	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	for (int i = optind; i < argc && !err; i++) {
		struct stat st;

		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			err = scan_dir(&inputs, argv[i], 0);
		else
			err = add_path(&inputs, argv[i]);
	}
	if (!err && !inputs.len)
		err = oc_error_create(OC_ERR_NOT_FOUND,
				      "batch: no crash dumps found");
	if (err)
		goto fail;
	if ((size_t)jobs > inputs.len)
		jobs = inputs.len;
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		err = oc_error_os(errno, "batch: shared memory");
		goto fail;
	}
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&sh->out_lock, &ma);
	pthread_mutexattr_destroy(&ma);
	if (!run_workers(sh, jobs, &inputs, &o)) {
		err = oc_error_os(errno, "batch: cannot start workers");
		munmap(sh, sizeof(*sh));
		goto fail;
	}
	secs = now() - start;
	fprintf(stderr,
		"oomcore batch: %zu dumps: %llu ok, %llu partial, %llu failed "
		"in %.2f s (%.0f dumps/min, %ld jobs)\n",
		inputs.len, (unsigned long long)sh->ok,
		(unsigned long long)sh->partial,
		(unsigned long long)sh->failed, secs,
		secs > 0 ? inputs.len * 60.0 / secs : 0.0, jobs);
	status = sh->failed ? OC_EXIT_ERROR :
		 sh->partial ? OC_EXIT_PARTIAL : OC_EXIT_OK;
	munmap(sh, sizeof(*sh));
	for (size_t i = 0; i < inputs.len; i++)
		free(inputs.data[i]);
	path_vec_free(&inputs);
	return status;
fail:
	for (size_t i = 0; i < inputs.len; i++)
		free(inputs.data[i]);
	path_vec_free(&inputs);
	return oc_cli_fail(err);
}
