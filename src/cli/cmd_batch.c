// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * oomcore batch: the report of many dumps or logs, one JSON line each, by
 * N forked workers, and a summary of all OOM events at the end.
 *
 * Inputs are files and directories; directories are searched recursively
 * for crash dumps (kdump/diskdump or ELF core files, by their magic) and
 * kernel logs (text files). A dump's line is `oomcore report --json`, a
 * log's `oomcore log --json`. The
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
#include "oomcore/log.h"
#include "oomcore/report.h"
#include "oomcore/target.h"
#include "oomcore/vector.h"

#define MAX_JOBS 256
#define MAX_VICTIMS 128 /* distinct victim names counted */

/* How many OOM events killed (or would kill) a task of this name. */
struct victim_count {
	char comm[OC_OOM_COMM_LEN];
	uint64_t n;
};

typedef char *owned_path; /* (const char *) would bind to char */
OC_DEFINE_VECTOR(path_vec, owned_path)

/* What the workers share with each other and the parent. */
struct batch_shared {
	pthread_mutex_t out_lock; /* around each line written */
	uint64_t next;		  /* next input to take */
	uint64_t ok, partial, failed;
	int64_t current[MAX_JOBS]; /* input a worker is on, or -1 */
	/* The summary, updated under out_lock. */
	uint64_t dumps, logs, events, partial_events;
	uint64_t by_constraint[OC_OOM_CONSTRAINT_UNKNOWN + 1];
	struct victim_count victims[MAX_VICTIMS];
	uint64_t victims_other; /* names beyond MAX_VICTIMS */
};

static void help(FILE *f)
{
	fprintf(f,
		"Usage: oomcore batch [OPTIONS] DIR|VMCORE|LOG...\n"
		"\n"
		"Reports on many crash dumps and kernel logs: one JSON line "
		"per input on\nstdout, the same document as 'oomcore report "
		"--json' for a dump and\n'oomcore log --json' for a log, or "
		"{\"input\":...,\"error\":...} for an\ninput that cannot be "
		"read. Directories are searched for kdump and ELF\ncore files "
		"and for text files (logs). At the end, a summary goes to\n"
		"stderr: how many OOM events, by constraint, and the most "
		"frequent\nvictims; on a terminal, a progress line while it "
		"runs.\n"
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
		"inputs failed,\n2 usage.\n"
		"\n"
		"Example:\n"
		"  oomcore batch --jobs 4 /var/crash /var/log/kern.log > "
		"oom.jsonl\n");
}

/* Whether @path starts like a crash dump: kdump, diskdump or ELF core. */
static bool looks_like_dump(const char *path)
{
	unsigned char b[18];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return false;
	n = read(fd, b, sizeof(b));
	close(fd);
	if (n >= 8 && (!memcmp(b, "KDUMP   ", 8) || !memcmp(b, "DISKDUMP", 8)))
		return true;
	if (n >= 16 && !memcmp(b, "makedumpfile", 12))
		return true; /* flattened format */
	/* ELF e_type ET_CORE (4), in either byte order. */
	return n >= 18 && !memcmp(b, "\177ELF", 4) &&
	       ((b[5] == 1 && b[16] == 4 && b[17] == 0) ||
		(b[5] == 2 && b[16] == 0 && b[17] == 4));
}

/* Whether @path starts like text: no NUL, mostly printable, in 4 KB. */
static bool looks_like_text(const char *path)
{
	unsigned char b[4096];
	size_t printable = 0;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return false;
	n = read(fd, b, sizeof(b));
	close(fd);
	if (n <= 0 || memchr(b, 0, n))
		return false;
	for (ssize_t i = 0; i < n; i++)
		if (b[i] >= 0x20 || b[i] == '\n' || b[i] == '\t' ||
		    b[i] == '\r')
			printable++;
	return printable * 10 >= (size_t)n * 9;
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
static struct oc_error *scan_dir(struct path_vec *v, const char *dir, int depth)
{
	struct path_vec names = { 0 };
	struct oc_error *err = NULL;
	struct dirent *de;
	bool has_dump = false;
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
	/*
	 * Text beside a dump is its dmesg or notes (kdump writes
	 * vmcore-dmesg.txt next to the vmcore): only the dump is read.
	 */
	for (size_t i = 0; i < names.len && !has_dump; i++) {
		struct stat st;

		has_dump = stat(names.data[i], &st) == 0 &&
			   S_ISREG(st.st_mode) &&
			   looks_like_dump(names.data[i]);
	}
	for (size_t i = 0; i < names.len; i++) {
		struct stat st;

		if (!err && stat(names.data[i], &st) == 0) {
			if (S_ISDIR(st.st_mode))
				err = scan_dir(v, names.data[i], depth + 1);
			else if (S_ISREG(st.st_mode) &&
				 (looks_like_dump(names.data[i]) ||
				  (!has_dump &&
				   looks_like_text(names.data[i]))))
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

/* Counts one OOM event in the summary; the caller holds out_lock. */
static void count_event(struct batch_shared *sh, enum oc_oom_constraint c,
			const char *victim, bool partial)
{
	sh->events++;
	if (partial)
		sh->partial_events++;
	sh->by_constraint[c <= OC_OOM_CONSTRAINT_UNKNOWN ?
				  c :
				  OC_OOM_CONSTRAINT_UNKNOWN]++;
	if (!victim || !*victim)
		return;
	for (int i = 0; i < MAX_VICTIMS; i++) {
		struct victim_count *vc = &sh->victims[i];

		if (!vc->comm[0])
			snprintf(vc->comm, sizeof(vc->comm), "%s", victim);
		if (!strcmp(vc->comm, victim)) {
			vc->n++;
			return;
		}
	}
	sh->victims_other++;
}

/* The victim of an event: the one killed, else the one recomputed. */
static const char *event_victim(const struct oc_oom_event *e,
				const struct oc_oom_analysis *a)
{
	if (e->victim.comm[0])
		return e->victim.comm;
	if (e->victim.selected_comm[0])
		return e->victim.selected_comm;
	if (a && a->top >= 0)
		return e->tasks.data[a->ranks.data[a->top].task].name;
	return NULL;
}

/* Adds a report's events (or its OOM in progress) to the summary. */
static void summarize_report(struct batch_shared *sh, const struct oc_report *r)
{
	if (pthread_mutex_lock(&sh->out_lock) == EOWNERDEAD)
		pthread_mutex_consistent(&sh->out_lock);
	sh->dumps++;
	for (size_t i = 0; i < r->events.len; i++) {
		const struct oc_oom_event *e = &r->events.data[i];
		const char *victim = event_victim(e, &r->analyses[i]);

		/* The last event, if the dump is its panic: memory knows. */
		if (i + 1 == r->events.len && r->sel.victim >= 0 &&
		    !e->victim.comm[0])
			victim = r->tasks.tasks
					 .data[r->sel.scores.data[r->sel.victim]
						       .task]
					 .mm_comm;
		count_event(sh, r->analyses[i].constraint, victim,
			    e->partial);
	}
	pthread_mutex_unlock(&sh->out_lock);
}

/* The analysis of one log, as one line. */
static void do_log(struct batch_shared *sh, const char *input)
{
	struct oc_oom_event_vec events = { 0 };
	struct oc_log_report_opts opts = { .input_name = input };
	struct oc_log_stats st;
	struct oc_error *err;
	char *buf = NULL;
	size_t len = 0;
	FILE *in, *f;

	in = fopen(input, "r");
	if (!in) {
		err = oc_error_os(errno, "%s", input);
		emit_error(sh, input, err->message);
		oc_error_free(err);
		return;
	}
	err = oc_log_parse_file(in, &events, &st);
	fclose(in);
	f = err ? NULL : open_memstream(&buf, &len);
	if (f) {
		err = oc_log_report_json(f, &events, &st, &opts);
		fclose(f);
	} else if (!err) {
		err = &oc_enomem;
	}
	if (err) {
		emit_error(sh, input, err->message);
		oc_error_free(err);
		free(buf);
		oc_oom_event_vec_release(&events);
		return;
	}
	emit(sh, buf, len);
	free(buf);
	if (pthread_mutex_lock(&sh->out_lock) == EOWNERDEAD)
		pthread_mutex_consistent(&sh->out_lock);
	sh->logs++;
	for (size_t i = 0; i < events.len; i++) {
		struct oc_oom_analysis a = { 0 };

		if (!oc_oom_analyze(&events.data[i], &a))
			count_event(sh, a.constraint,
				    event_victim(&events.data[i], &a),
				    events.data[i].partial);
		oc_oom_analysis_release(&a);
	}
	pthread_mutex_unlock(&sh->out_lock);
	oc_oom_event_vec_release(&events);
	__atomic_fetch_add(&sh->ok, 1, __ATOMIC_RELAXED);
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

	if (!looks_like_dump(input) && looks_like_text(input)) {
		do_log(sh, input);
		return;
	}
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
	summarize_report(sh, &r);
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

static void print_progress(struct batch_shared *sh, size_t total)
{
	uint64_t ok = __atomic_load_n(&sh->ok, __ATOMIC_RELAXED);
	uint64_t partial = __atomic_load_n(&sh->partial, __ATOMIC_RELAXED);
	uint64_t failed = __atomic_load_n(&sh->failed, __ATOMIC_RELAXED);

	fprintf(stderr, "\r[%llu/%zu] %llu ok, %llu partial, %llu failed ",
		(unsigned long long)(ok + partial + failed), total,
		(unsigned long long)ok, (unsigned long long)partial,
		(unsigned long long)failed);
}

static int cmp_victims(const void *a, const void *b)
{
	const struct victim_count *x = a, *y = b;

	return x->n < y->n ? 1 : x->n > y->n ? -1 : strcmp(x->comm, y->comm);
}

/* The end of the batch: OOM events by constraint, frequent victims. */
static void print_summary(struct batch_shared *sh)
{
	struct victim_count v[MAX_VICTIMS];
	size_t n = 0;

	fprintf(stderr, "OOM events: %llu", (unsigned long long)sh->events);
	if (sh->partial_events)
		fprintf(stderr, " (%llu partial: the report is not in the input)",
			(unsigned long long)sh->partial_events);
	for (int c = 0; c <= OC_OOM_CONSTRAINT_UNKNOWN; c++)
		if (sh->by_constraint[c])
			fprintf(stderr, "%s %s %llu", n++ ? "," : ":",
				oc_oom_constraint_name(c),
				(unsigned long long)sh->by_constraint[c]);
	fputc('\n', stderr);
	for (n = 0; n < MAX_VICTIMS && sh->victims[n].comm[0]; n++)
		v[n] = sh->victims[n];
	if (!n)
		return;
	qsort(v, n, sizeof(v[0]), cmp_victims);
	fprintf(stderr, "Top victims:");
	for (size_t i = 0; i < n && i < 10; i++)
		fprintf(stderr, "%s %s %llu", i ? "," : "", v[i].comm,
			(unsigned long long)v[i].n);
	if (sh->victims_other)
		fprintf(stderr, " (and %llu more)",
			(unsigned long long)sh->victims_other);
	fputc('\n', stderr);
}

/* Runs the workers to the end; false when none could be started. */
static bool run_workers(struct batch_shared *sh, int jobs,
			const struct path_vec *inputs,
			const struct oc_cli_dump_opts *o)
{
	bool progress = isatty(STDERR_FILENO);
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
		/* On a terminal, poll so the progress line can move. */
		pid_t pid = waitpid(-1, &status, progress ? WNOHANG : 0);

		if (pid == 0) {
			print_progress(sh, inputs->len);
			nanosleep(&(struct timespec){ 0, 200000000 }, NULL);
			continue;
		}
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
			break; /* the output is always JSON lines */
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
				      "batch: no crash dumps or logs found");
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
	if (isatty(STDERR_FILENO))
		fputc('\n', stderr);
	fprintf(stderr,
		"oomcore batch: %zu inputs (%llu dumps, %llu logs): %llu ok, "
		"%llu partial, %llu failed in %.2f s (%.0f inputs/min, %ld "
		"jobs)\n",
		inputs.len, (unsigned long long)sh->dumps,
		(unsigned long long)sh->logs, (unsigned long long)sh->ok,
		(unsigned long long)sh->partial, (unsigned long long)sh->failed,
		secs, secs > 0 ? inputs.len * 60.0 / secs : 0.0, jobs);
	print_summary(sh);
	status = sh->failed  ? OC_EXIT_ERROR :
		 sh->partial ? OC_EXIT_PARTIAL :
			       OC_EXIT_OK;
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
