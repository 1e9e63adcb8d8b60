// SPDX-License-Identifier: GPL-2.0-or-later
/* Streaming JSON writer: see include/oomcore/json.h. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "oomcore/json.h"

void oc_json_init(struct oc_json *j, FILE *out, bool pretty)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->pretty = pretty;
	j->first[0] = true;
}

static void indent(struct oc_json *j)
{
	if (!j->pretty)
		return;
	fputc('\n', j->out);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->out);
}

/* Emits the separator that must precede a new value or key. */
static void before_value(struct oc_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->first[j->depth])
		fputc(',', j->out);
	j->first[j->depth] = false;
	if (j->depth > 0)
		indent(j);
}

static void open(struct oc_json *j, char c)
{
	before_value(j);
	fputc(c, j->out);
	if (j->depth + 1 < OC_JSON_MAX_DEPTH)
		j->depth++;
	j->first[j->depth] = true;
}

static void close(struct oc_json *j, char c)
{
	bool empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		indent(j);
	fputc(c, j->out);
}

void oc_json_object_begin(struct oc_json *j)
{
	open(j, '{');
}

void oc_json_object_end(struct oc_json *j)
{
	close(j, '}');
}

void oc_json_array_begin(struct oc_json *j)
{
	open(j, '[');
}

void oc_json_array_end(struct oc_json *j)
{
	close(j, ']');
}

/* Length of the valid UTF-8 sequence at @s (at most @n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* Bytes that go out as they are: printable ASCII but '"' and '\\'. */
static bool plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

static void write_string(struct oc_json *j, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	fputc('"', j->out);
	while (i < n) {
		unsigned char c = s[i];
		size_t len, run;

		/* Runs of plain bytes in one write: most strings are all. */
		for (run = 0; i + run < n && plain(s[i + run]); run++)
			;
		if (run) {
			fwrite(s + i, 1, run, j->out);
			i += run;
			continue;
		}

		switch (c) {
		case '"':
			fputs("\\\"", j->out);
			break;
		case '\\':
			fputs("\\\\", j->out);
			break;
		case '\n':
			fputs("\\n", j->out);
			break;
		case '\t':
			fputs("\\t", j->out);
			break;
		case '\r':
			fputs("\\r", j->out);
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				fprintf(j->out, "\\u%04x", c);
				break;
			}
			len = utf8_len(s + i, n - i);
			if (!len) {
				fputs("\\ufffd", j->out);
				break;
			}
			fwrite(s + i, 1, len, j->out);
			i += len;
			continue;
		}
		i++;
	}
	fputc('"', j->out);
}

void oc_json_key(struct oc_json *j, const char *key)
{
	before_value(j);
	write_string(j, key, strlen(key));
	fputs(j->pretty ? ": " : ":", j->out);
	j->after_key = true;
}

void oc_json_string_len(struct oc_json *j, const char *s, size_t len)
{
	before_value(j);
	write_string(j, s, len);
}

void oc_json_string(struct oc_json *j, const char *s)
{
	if (!s) {
		oc_json_null(j);
		return;
	}
	oc_json_string_len(j, s, strlen(s));
}

void oc_json_int(struct oc_json *j, int64_t v)
{
	before_value(j);
	fprintf(j->out, "%" PRId64, v);
}

void oc_json_uint(struct oc_json *j, uint64_t v)
{
	before_value(j);
	fprintf(j->out, "%" PRIu64, v);
}

void oc_json_double(struct oc_json *j, double v)
{
	before_value(j);
	if (isfinite(v))
		fprintf(j->out, "%.6g", v);
	else
		fputs("null", j->out);
}

void oc_json_bool(struct oc_json *j, bool v)
{
	before_value(j);
	fputs(v ? "true" : "false", j->out);
}

void oc_json_null(struct oc_json *j)
{
	before_value(j);
	fputs("null", j->out);
}

void oc_json_kv_str(struct oc_json *j, const char *key, const char *s)
{
	oc_json_key(j, key);
	oc_json_string(j, s);
}

void oc_json_kv_int(struct oc_json *j, const char *key, int64_t v)
{
	oc_json_key(j, key);
	oc_json_int(j, v);
}

void oc_json_kv_uint(struct oc_json *j, const char *key, uint64_t v)
{
	oc_json_key(j, key);
	oc_json_uint(j, v);
}

void oc_json_kv_double(struct oc_json *j, const char *key, double v)
{
	oc_json_key(j, key);
	oc_json_double(j, v);
}

void oc_json_kv_bool(struct oc_json *j, const char *key, bool v)
{
	oc_json_key(j, key);
	oc_json_bool(j, v);
}

void oc_json_kv_null(struct oc_json *j, const char *key)
{
	oc_json_key(j, key);
	oc_json_null(j);
}

void oc_json_finish(struct oc_json *j)
{
	fputc('\n', j->out);
	fflush(j->out);
}
