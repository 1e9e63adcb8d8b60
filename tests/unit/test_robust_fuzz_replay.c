// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Replays the fuzzers' corpora (tests/fuzz/corpus*) through the libFuzzer
 * harnesses, built here with the normal compiler: every input once, so
 * `make check` (and `make check-asan`, under ASan+UBSan) re-runs what the
 * fuzzers found interesting without needing clang. A harness crashes or
 * traps on a finding, which fails the test.
 *
 * Each harness is included under its own name for LLVMFuzzerTestOneInput.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oc_test.h"

#define LLVMFuzzerTestOneInput oc_fuzz_printk_one
#include "../fuzz/fuzz_printk.c"
#undef LLVMFuzzerTestOneInput

#define LLVMFuzzerTestOneInput oc_fuzz_render_one
#include "../fuzz/fuzz_render.c"
#undef LLVMFuzzerTestOneInput

#if __has_include("../fuzz/fuzz_log.c")
#define LLVMFuzzerTestOneInput oc_fuzz_log_one
#include "../fuzz/fuzz_log.c"
#undef LLVMFuzzerTestOneInput
#define HAVE_FUZZ_LOG 1
#endif

typedef int fuzz_fn(const uint8_t *data, size_t size);

/* Feeds every file of @dir to @fn; returns how many. */
static int replay_dir(const char *dir, fuzz_fn *fn)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		char path[4096];
		unsigned char *buf;
		long len;
		FILE *f;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		f = fopen(path, "rb");
		if (!f)
			continue;
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		rewind(f);
		buf = malloc(len > 0 ? (size_t)len : 1);
		if (buf && len >= 0 && fread(buf, 1, (size_t)len, f) == (size_t)len) {
			/* A copy of exactly the input's size, as libFuzzer. */
			fn(buf, (size_t)len);
			n++;
		}
		free(buf);
		fclose(f);
	}
	closedir(d);
	return n;
}

int main(void)
{
	int n;

	n = replay_dir("tests/fuzz/corpus-printk", oc_fuzz_printk_one);
	printf("corpus-printk: %d inputs\n", n);
	OC_CHECK(n > 0);
	n = replay_dir("tests/fuzz/corpus-render", oc_fuzz_render_one);
	printf("corpus-render: %d inputs\n", n);
	OC_CHECK(n > 0);
#ifdef HAVE_FUZZ_LOG
	n = replay_dir("tests/fuzz/corpus", oc_fuzz_log_one);
	n += replay_dir("tests/fuzz/corpus-log", oc_fuzz_log_one);
	printf("corpus (log): %d inputs\n", n);
#endif
	return oc_test_done();
}
