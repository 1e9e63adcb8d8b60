// SPDX-License-Identifier: GPL-2.0-or-later
/* Error objects: see include/oomcore/error.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oomcore/error.h"

struct oc_error oc_enomem = {
	.code = OC_ERR_NOMEM,
	.errnum = ENOMEM,
	.message = "out of memory",
};

struct oc_error *oc_error_vcreate(enum oc_error_code code, const char *fmt,
				  va_list ap)
{
	struct oc_error *err = malloc(sizeof(*err));

	if (!err)
		return &oc_enomem;
	err->code = code;
	err->errnum = 0;
	if (vasprintf(&err->message, fmt, ap) < 0) {
		free(err);
		return &oc_enomem;
	}
	return err;
}

struct oc_error *oc_error_create(enum oc_error_code code, const char *fmt, ...)
{
	struct oc_error *err;
	va_list ap;

	va_start(ap, fmt);
	err = oc_error_vcreate(code, fmt, ap);
	va_end(ap);
	return err;
}

struct oc_error *oc_error_os(int errnum, const char *fmt, ...)
{
	struct oc_error *err;
	char *msg;
	va_list ap;

	va_start(ap, fmt);
	err = oc_error_vcreate(OC_ERR_OS, fmt, ap);
	va_end(ap);
	if (err == &oc_enomem)
		return err;
	err->errnum = errnum;
	if (asprintf(&msg, "%s: %s", err->message, strerror(errnum)) >= 0) {
		free(err->message);
		err->message = msg;
	}
	return err;
}

struct oc_error *oc_error_wrap(struct oc_error *err, const char *fmt, ...)
{
	char *prefix, *msg;
	va_list ap;

	if (!err || err == &oc_enomem)
		return err;
	va_start(ap, fmt);
	if (vasprintf(&prefix, fmt, ap) < 0) {
		va_end(ap);
		return err;
	}
	va_end(ap);
	if (asprintf(&msg, "%s: %s", prefix, err->message) >= 0) {
		free(err->message);
		err->message = msg;
	}
	free(prefix);
	return err;
}

void oc_error_free(struct oc_error *err)
{
	if (!err || err == &oc_enomem)
		return;
	free(err->message);
	free(err);
}
