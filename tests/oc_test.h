/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Minimal unit-test helpers. A test binary calls OC_CHECK*() and returns
 * oc_test_done() from main(): exit 0 when every check passed, 1 otherwise.
 * Each failed check prints file:line and the expression.
 */
#ifndef OC_TEST_H
#define OC_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int oc_test_failures, oc_test_checks;

#define OC_CHECK(cond)                                                        \
	do {                                                                  \
		oc_test_checks++;                                             \
		if (!(cond)) {                                                \
			oc_test_failures++;                                   \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
				__LINE__, #cond);                             \
		}                                                             \
	} while (0)

#define OC_CHECK_INT(a, b)                                                    \
	do {                                                                  \
		long long _a = (long long)(a), _b = (long long)(b);           \
		oc_test_checks++;                                             \
		if (_a != _b) {                                               \
			oc_test_failures++;                                   \
			fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", \
				__FILE__, __LINE__, #a, _a, _b);              \
		}                                                             \
	} while (0)

#define OC_CHECK_STR(a, b)                                                    \
	do {                                                                  \
		const char *_a = (a), *_b = (b);                              \
		oc_test_checks++;                                             \
		if (!_a || !_b || strcmp(_a, _b)) {                           \
			oc_test_failures++;                                   \
			fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", \
				__FILE__, __LINE__, #a, _a ? _a : "(null)",   \
				_b ? _b : "(null)");                          \
		}                                                             \
	} while (0)

/* Checks that @err is NULL; prints and frees it otherwise. */
#define OC_CHECK_OK(err)                                                      \
	do {                                                                  \
		struct oc_error *_e = (err);                                  \
		oc_test_checks++;                                             \
		if (_e) {                                                     \
			oc_test_failures++;                                   \
			fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__,   \
				__LINE__, #err, _e->message);                 \
			oc_error_free(_e);                                    \
		}                                                             \
	} while (0)

static inline int oc_test_done(void)
{
	printf("%d checks, %d failed\n", oc_test_checks, oc_test_failures);
	return oc_test_failures ? 1 : (oc_test_checks ? 0 : 1);
}

#endif /* OC_TEST_H */
