// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The type profile cache: see type_cache.h.
 *
 * File layout (host byte order, checked through a byte-order mark):
 *
 *   header  magic "OCTYPES\0", u32 version, u32 byte-order mark,
 *           u32 build-id length, u8 build-id[64], u32 record count,
 *           u64 payload length, u32 CRC-32 of the payload, u32 zero
 *   payload records, each:
 *           u8 kind, u8 found, u16 key length (with its NUL), key
 *           ("KEY" or "TYPE\x1fPATH" for members), then
 *           found symbol:  u64 address, u8 per-CPU flag
 *           found size, enumerator: u64 value
 *           found member:  u64 offset, size, array length, element size,
 *                          u32 bit offset, bit size,
 *                          u8 type name length (with NUL), type name
 *           not found:     u16 message length (with NUL), message
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "oomcore/strmap.h"
#include "oomcore/vector.h"
#include "target/type_cache.h"

#define TC_MAGIC "OCTYPES"	/* 8 bytes with the NUL */
#define TC_VERSION 1u
#define TC_BOM 0x01020304u
#define TC_MAX_FILE (64u << 20)	/* far above any real profile */
#define KEY_SEP '\x1f'		/* between a member's type and path */

struct tc_header {
	char magic[8];
	uint32_t version;
	uint32_t bom;
	uint32_t build_id_len;
	uint8_t build_id[64];
	uint32_t count;
	uint64_t payload_len;
	uint32_t crc;
	uint32_t zero;
};

struct tc_entry {
	char *key;		/* owned; borrowed by the map */
	uint8_t kind;
	struct oc_tc_answer ans;	/* ->message owned */
};

OC_DEFINE_VECTOR(tc_entry_vec, struct tc_entry)

struct oc_type_cache {
	char *path;		/* NULL: memory only */
	uint8_t build_id[64];
	uint32_t build_id_len;
	struct tc_entry_vec entries;
	struct oc_strmap map;	/* (kind, key) -> index in entries */
	bool dirty;
};

char *oc_type_cache_path(const char *build_id_hex)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	char *path = NULL;
	int n;

	if (!build_id_hex || !*build_id_hex)
		return NULL;
	/* The XDG spec: a relative XDG_CACHE_HOME is to be ignored. */
	if (xdg && xdg[0] == '/')
		n = asprintf(&path, "%s/oomcore/types/%s", xdg, build_id_hex);
	else if (home && *home)
		n = asprintf(&path, "%s/.cache/oomcore/types/%s", home,
			     build_id_hex);
	else
		return NULL;
	return n < 0 ? NULL : path;
}

/* "KEY" or "KEY\x1fPATH", malloc'ed. */
static char *make_key(const char *key, const char *path)
{
	size_t lk = strlen(key), lp = path ? strlen(path) : 0;
	char *k = malloc(lk + (path ? lp + 1 : 0) + 1);

	if (!k)
		return NULL;
	memcpy(k, key, lk);
	if (path) {
		k[lk] = KEY_SEP;
		memcpy(k + lk + 1, path, lp + 1);
	} else {
		k[lk] = '\0';
	}
	return k;
}

static void entry_release(struct tc_entry *e)
{
	free(e->key);
	free((char *)e->ans.message);
}

/* Takes ownership of @key and of @ans->message (also on failure). */
static bool add_entry(struct oc_type_cache *c, uint8_t kind, char *key,
		      const struct oc_tc_answer *ans)
{
	struct tc_entry *e;
	uint64_t idx;

	if (oc_strmap_find(&c->map, kind, key, &idx)) {
		free(key);
		free((char *)ans->message);
		return true;
	}
	e = tc_entry_vec_push(&c->entries);
	if (!e) {
		free(key);
		free((char *)ans->message);
		return false;
	}
	e->key = key;
	e->kind = kind;
	e->ans = *ans;
	if (!oc_strmap_insert(&c->map, kind, key, c->entries.len - 1)) {
		entry_release(e);
		c->entries.len--;
		return false;
	}
	return true;
}

/* A bounds-checked reader over the payload. */
struct cursor {
	const uint8_t *p, *end;
	bool ok;
};

static const void *take(struct cursor *cur, size_t n)
{
	const uint8_t *p = cur->p;

	if (!cur->ok || (size_t)(cur->end - cur->p) < n) {
		cur->ok = false;
		return NULL;
	}
	cur->p += n;
	return p;
}

#define DEFINE_GET(name, type)                                     \
	static type name(struct cursor *cur)                       \
	{                                                          \
		const void *p = take(cur, sizeof(type));           \
		type v = 0;                                        \
		if (p)                                             \
			memcpy(&v, p, sizeof(type));               \
		return v;                                          \
	}
DEFINE_GET(get_u8, uint8_t)
DEFINE_GET(get_u16, uint16_t)
DEFINE_GET(get_u32, uint32_t)
DEFINE_GET(get_u64, uint64_t)

/* A string of @len bytes whose last byte, and only that, is NUL. */
static const char *get_str(struct cursor *cur, size_t len)
{
	const char *s = take(cur, len);

	if (!s || !len || memchr(s, '\0', len) != s + len - 1) {
		cur->ok = false;
		return NULL;
	}
	return s;
}

/* Parses one record; false when it does not validate. */
static bool parse_record(struct oc_type_cache *c, struct cursor *cur)
{
	struct oc_tc_answer ans = { 0 };
	uint8_t kind = get_u8(cur), found = get_u8(cur);
	const char *key = get_str(cur, get_u16(cur));
	const char *msg = NULL;
	char *k, *m = NULL;

	if (!cur->ok || kind < OC_TC_SYMBOL || kind > OC_TC_ENUM || found > 1)
		return false;
	if ((kind == OC_TC_MEMBER) != (strchr(key, KEY_SEP) != NULL))
		return false;
	ans.found = found;
	if (!found) {
		msg = get_str(cur, get_u16(cur));
	} else if (kind == OC_TC_SYMBOL) {
		ans.value = get_u64(cur);
		ans.percpu = get_u8(cur) != 0;
	} else if (kind == OC_TC_MEMBER) {
		struct oc_member_info *mi = &ans.member;
		const char *tn;
		uint8_t tlen;

		mi->offset = get_u64(cur);
		mi->size = get_u64(cur);
		mi->array_len = get_u64(cur);
		mi->elem_size = get_u64(cur);
		mi->bit_offset = get_u32(cur);
		mi->bit_size = get_u32(cur);
		tlen = get_u8(cur);
		if (tlen > sizeof(mi->type_name))
			return false;
		tn = get_str(cur, tlen);
		if (tn)
			memcpy(mi->type_name, tn, tlen);
	} else {
		ans.value = get_u64(cur);
	}
	if (!cur->ok)
		return false;
	k = strdup(key);
	if (msg && !(m = strdup(msg))) {
		free(k);
		return false;
	}
	ans.message = m;
	return k && add_entry(c, kind, k, &ans);
}

static void clear_entries(struct oc_type_cache *c)
{
	struct tc_entry *e;

	oc_vec_for_each(&c->entries, e)
		entry_release(e);
	tc_entry_vec_free(&c->entries);
	oc_strmap_free(&c->map);
}

/* Reads the file whole; NULL when it is absent, unreadable or huge. */
static uint8_t *slurp(const char *path, size_t *len)
{
	struct stat st;
	uint8_t *buf;
	size_t got = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > TC_MAX_FILE || !(buf = malloc(st.st_size + 1))) {
		close(fd);
		return NULL;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, st.st_size - got);

		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			break;
		}
		got += n;
	}
	close(fd);
	if (got != (size_t)st.st_size) {
		free(buf);
		return NULL;
	}
	*len = got;
	return buf;
}

/* Fills @c from the file's bytes; false (and @c empty) if invalid. */
static bool parse_file(struct oc_type_cache *c, const uint8_t *buf,
		       size_t len)
{
	struct tc_header h;
	struct cursor cur;

	if (len < sizeof(h))
		return false;
	memcpy(&h, buf, sizeof(h));
	if (memcmp(h.magic, TC_MAGIC, sizeof(h.magic)) ||
	    h.version != TC_VERSION || h.bom != TC_BOM || h.zero ||
	    h.build_id_len != c->build_id_len ||
	    memcmp(h.build_id, c->build_id, sizeof(h.build_id)) ||
	    h.payload_len != len - sizeof(h) ||
	    h.crc != crc32(0, buf + sizeof(h), h.payload_len))
		return false;
	cur.p = buf + sizeof(h);
	cur.end = buf + len;
	cur.ok = true;
	for (uint32_t i = 0; i < h.count; i++) {
		if (!parse_record(c, &cur)) {
			clear_entries(c);
			return false;
		}
	}
	if (cur.p != cur.end) {
		clear_entries(c);
		return false;
	}
	return true;
}

struct oc_error *oc_type_cache_load(const char *path, const uint8_t *build_id,
				    size_t len, struct oc_type_cache **ret)
{
	struct oc_type_cache *c;
	uint8_t *buf;
	size_t flen;

	c = calloc(1, sizeof(*c));
	if (!c)
		return &oc_enomem;
	if (len > sizeof(c->build_id))
		len = sizeof(c->build_id);
	memcpy(c->build_id, build_id, len);
	c->build_id_len = len;
	if (path && !(c->path = strdup(path))) {
		free(c);
		return &oc_enomem;
	}
	if (path && (buf = slurp(path, &flen))) {
		/* An invalid file is as good as none: it will be rewritten. */
		if (!parse_file(c, buf, flen))
			c->dirty = true;
		free(buf);
	}
	*ret = c;
	return NULL;
}

size_t oc_type_cache_count(const struct oc_type_cache *c)
{
	return c->entries.len;
}

bool oc_type_cache_dirty(const struct oc_type_cache *c)
{
	return c->dirty;
}

bool oc_type_cache_get(const struct oc_type_cache *c, enum oc_tc_kind kind,
		       const char *key, const char *path,
		       struct oc_tc_answer *ans)
{
	char buf[256], *k = buf;
	size_t lk = strlen(key), lp = path ? strlen(path) : 0;
	uint64_t idx;
	bool found;

	if (lk + lp + 2 > sizeof(buf) && !(k = make_key(key, path)))
		return false;
	if (k == buf) {
		memcpy(buf, key, lk);
		buf[lk] = '\0';
		if (path) {
			buf[lk] = KEY_SEP;
			memcpy(buf + lk + 1, path, lp + 1);
		}
	}
	found = oc_strmap_find(&c->map, kind, k, &idx);
	if (k != buf)
		free(k);
	if (found)
		*ans = c->entries.data[idx].ans;
	return found;
}

struct oc_error *oc_type_cache_put(struct oc_type_cache *c,
				   enum oc_tc_kind kind, const char *key,
				   const char *path,
				   const struct oc_tc_answer *ans)
{
	struct oc_tc_answer copy = *ans;
	char *k = make_key(key, path);
	size_t before = c->entries.len;

	copy.message = NULL;
	if (!copy.found && !(copy.message = strdup(ans->message ?
							   ans->message : "")))
		goto nomem;
	/* Keys and messages must fit their u16 length fields. */
	if (!k || strlen(k) >= UINT16_MAX ||
	    (copy.message && strlen(copy.message) >= UINT16_MAX)) {
		free(k);
		free((char *)copy.message);
		return k ? NULL : &oc_enomem;
	}
	if (!add_entry(c, kind, k, &copy))
		return &oc_enomem;
	if (c->entries.len != before)
		c->dirty = true;
	return NULL;
nomem:
	free(k);
	return &oc_enomem;
}

/* A growable output buffer; ->ok false once memory ran out. */
struct outbuf {
	uint8_t *data;
	size_t len, cap;
	bool ok;
};

static void put(struct outbuf *o, const void *p, size_t n)
{
	if (!o->ok)
		return;
	if (o->len + n > o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 4096;
		uint8_t *d;

		while (cap < o->len + n)
			cap *= 2;
		d = realloc(o->data, cap);
		if (!d) {
			o->ok = false;
			return;
		}
		o->data = d;
		o->cap = cap;
	}
	memcpy(o->data + o->len, p, n);
	o->len += n;
}

#define DEFINE_PUT(name, type)                                     \
	static void name(struct outbuf *o, type v)                 \
	{                                                          \
		put(o, &v, sizeof(v));                             \
	}
DEFINE_PUT(put_u8, uint8_t)
DEFINE_PUT(put_u16, uint16_t)
DEFINE_PUT(put_u32, uint32_t)
DEFINE_PUT(put_u64, uint64_t)

static void put_str(struct outbuf *o, const char *s, bool short_len)
{
	size_t n = strlen(s) + 1;

	if (short_len)
		put_u8(o, n);
	else
		put_u16(o, n);
	put(o, s, n);
}

static void serialize(const struct oc_type_cache *c, struct outbuf *o)
{
	struct tc_header h = { .version = TC_VERSION, .bom = TC_BOM };
	const struct tc_entry *e;

	memcpy(h.magic, TC_MAGIC, sizeof(h.magic));
	h.build_id_len = c->build_id_len;
	memcpy(h.build_id, c->build_id, c->build_id_len);
	h.count = c->entries.len;
	put(o, &h, sizeof(h));
	oc_vec_for_each(&c->entries, e) {
		const struct oc_member_info *mi = &e->ans.member;

		put_u8(o, e->kind);
		put_u8(o, e->ans.found);
		put_str(o, e->key, false);
		if (!e->ans.found) {
			put_str(o, e->ans.message, false);
		} else if (e->kind == OC_TC_SYMBOL) {
			put_u64(o, e->ans.value);
			put_u8(o, e->ans.percpu);
		} else if (e->kind == OC_TC_MEMBER) {
			char tn[sizeof(mi->type_name)];

			put_u64(o, mi->offset);
			put_u64(o, mi->size);
			put_u64(o, mi->array_len);
			put_u64(o, mi->elem_size);
			put_u32(o, mi->bit_offset);
			put_u32(o, mi->bit_size);
			snprintf(tn, sizeof(tn), "%s", mi->type_name);
			put_str(o, tn, true);
		} else {
			put_u64(o, e->ans.value);
		}
	}
	if (!o->ok)
		return;
	h.payload_len = o->len - sizeof(h);
	h.crc = crc32(0, o->data + sizeof(h), h.payload_len);
	memcpy(o->data, &h, sizeof(h));
}

/* mkdir -p of the directories above @path. */
static int make_parents(const char *path)
{
	char *dir = strdup(path);
	int rc = 0;

	if (!dir)
		return -1;
	for (char *p = dir + 1; *p && !rc; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	free(dir);
	return rc;
}

static bool write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= w;
	}
	return true;
}

struct oc_error *oc_type_cache_save(struct oc_type_cache *c)
{
	struct outbuf o = { .ok = true };
	struct oc_error *err = NULL;
	char *tmp = NULL;
	int fd = -1, e;
	bool ok;

	if (!c->path || !c->dirty)
		return NULL;
	serialize(c, &o);
	if (!o.ok) {
		free(o.data);
		return &oc_enomem;
	}
	if (make_parents(c->path) < 0 ||
	    asprintf(&tmp, "%s.XXXXXX", c->path) < 0 ||
	    (fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		err = oc_error_os(errno, "type cache %s", c->path);
		goto out;
	}
	ok = fchmod(fd, 0644) == 0 && write_all(fd, o.data, o.len);
	e = ok ? 0 : errno;
	if (close(fd) < 0 && ok) {
		ok = false;
		e = errno;
	}
	fd = -1;
	if (!ok || rename(tmp, c->path) < 0) {
		err = oc_error_os(ok ? errno : e ? e : EIO, "type cache %s",
				  c->path);
		err = oc_error_os(errno, "type cache %s", c->path);
		unlink(tmp);
		goto out;
	}
	c->dirty = false;
out:
	if (fd >= 0)
		close(fd);
	free(tmp);
	free(o.data);
	return err;
}

void oc_type_cache_free(struct oc_type_cache *c)
{
	if (!c)
		return;
	clear_entries(c);
	free(c->path);
	free(c);
}
