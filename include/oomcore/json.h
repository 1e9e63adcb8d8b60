/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small streaming JSON writer, shared by every command so that the JSON
 * documents of all commands have one shape of output (like bpftool's
 * json_writer). Commas, nesting and string escaping are handled here; the
 * caller only opens and closes objects/arrays and emits members.
 *
 * Strings are written as valid UTF-8: invalid bytes become U+FFFD.
 */
#ifndef OOMCORE_JSON_H
#define OOMCORE_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define OC_JSON_MAX_DEPTH 64

struct oc_json {
	FILE *out;
	bool pretty;
	int depth;
	bool first[OC_JSON_MAX_DEPTH];	/* no member written yet at depth */
	bool after_key;			/* a key was written, value pending */
};

/* Starts a writer on @out. Pretty output indents with two spaces. */
void oc_json_init(struct oc_json *j, FILE *out, bool pretty);

/* Opens an object/array as a value (top level, array element or after key). */
void oc_json_object_begin(struct oc_json *j);
void oc_json_object_end(struct oc_json *j);
void oc_json_array_begin(struct oc_json *j);
void oc_json_array_end(struct oc_json *j);

/* Writes a member name inside an object; the next call writes its value. */
void oc_json_key(struct oc_json *j, const char *key);

/* Values. */
void oc_json_string(struct oc_json *j, const char *s);
/* A string of @len bytes that may contain NUL. */
void oc_json_string_len(struct oc_json *j, const char *s, size_t len);
void oc_json_int(struct oc_json *j, int64_t v);
void oc_json_uint(struct oc_json *j, uint64_t v);
void oc_json_double(struct oc_json *j, double v);
void oc_json_bool(struct oc_json *j, bool v);
void oc_json_null(struct oc_json *j);

/* Key + value shorthands. oc_json_kv_str() writes null for a NULL @s. */
void oc_json_kv_str(struct oc_json *j, const char *key, const char *s);
void oc_json_kv_int(struct oc_json *j, const char *key, int64_t v);
void oc_json_kv_uint(struct oc_json *j, const char *key, uint64_t v);
void oc_json_kv_double(struct oc_json *j, const char *key, double v);
void oc_json_kv_bool(struct oc_json *j, const char *key, bool v);
void oc_json_kv_null(struct oc_json *j, const char *key);

/* Ends the document with a newline. */
void oc_json_finish(struct oc_json *j);

#endif /* OOMCORE_JSON_H */
