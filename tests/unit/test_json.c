// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for the JSON writer and the error objects. */
#include <errno.h>
#include <stdlib.h>

#include "oc_test.h"
#include "oomcore/error.h"
#include "oomcore/json.h"

static char *render(void (*fn)(struct oc_json *), bool pretty)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct oc_json j;

	oc_json_init(&j, f, pretty);
	fn(&j);
	fclose(f);
	return buf;
}

static void doc(struct oc_json *j)
{
	oc_json_object_begin(j);
	oc_json_kv_int(j, "schema_version", 1);
	oc_json_kv_str(j, "s", "a\"b\\c\n\x01\xff\xc3\xa9");
	oc_json_key(j, "list");
	oc_json_array_begin(j);
	oc_json_uint(j, 18446744073709551615ULL);
	oc_json_int(j, -5);
	oc_json_object_begin(j);
	oc_json_object_end(j);
	oc_json_array_begin(j);
	oc_json_array_end(j);
	oc_json_array_end(j);
	oc_json_kv_null(j, "n");
	oc_json_kv_str(j, "null_str", NULL);
	oc_json_kv_bool(j, "b", true);
	oc_json_object_end(j);
	oc_json_finish(j);
}

int main(void)
{
	char *s = render(doc, false);
	struct oc_error *err;

	OC_CHECK_STR(s, "{\"schema_version\":1,\"s\":\"a\\\"b\\\\c\\n\\u0001"
			"\\ufffd\xc3\xa9\",\"list\":[18446744073709551615,-5,{},[]],"
			"\"n\":null,\"null_str\":null,\"b\":true}\n");
	free(s);
	s = render(doc, true);
	OC_CHECK(strstr(s, "\n  \"list\": [\n    18446744073709551615,") != NULL);
	free(s);

	err = oc_error_create(OC_ERR_NOT_FOUND, "symbol %s", "prb");
	err = oc_error_wrap(err, "dmesg");
	OC_CHECK_STR(err->message, "dmesg: symbol prb");
	OC_CHECK_INT(err->code, OC_ERR_NOT_FOUND);
	oc_error_free(err);
	err = oc_error_os(ENOENT, "open %s", "x");
	OC_CHECK_STR(err->message, "open x: No such file or directory");
	OC_CHECK_INT(err->errnum, ENOENT);
	oc_error_free(err);
	return oc_test_done();
}
