// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel log reader: see oomcore/printk.h. Mirrors the kernel's
 * kernel/printk/printk_ringbuffer.c (prb_read / get_data) for 5.10+ and
 * kernel/printk/printk.c (log_from_idx / log_next) for 3.5-5.9.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "oomcore/printk.h"

/* Upper bounds that no real kernel reaches; they catch garbage. */
#define MAX_DESC_COUNT_BITS 24
#define MAX_DATA_SIZE_BITS 30
#define MAX_LOG_BUF_LEN (1u << 30)

const char *oc_printk_format_name(enum oc_printk_format f)
{
	switch (f) {
	case OC_PRINTK_RINGBUFFER:
		return "printk_ringbuffer";
	case OC_PRINTK_STRUCTURED:
		return "printk_log";
	case OC_PRINTK_PLAIN:
		return "log_buf";
	}
	return "?";
}

void oc_printk_log_free(struct oc_printk_log *log)
{
	oc_printk_record_vec_free(&log->records);
	free(log->text);
	log->text = NULL;
	log->text_len = log->text_cap = 0;
}

/* Appends a record with a copy of @text. */
static struct oc_error *add_record(struct oc_printk_log *log,
				   const struct oc_printk_record *tmpl,
				   const char *text, size_t len)
{
	struct oc_printk_record *r;

	if (log->text_len + len + 1 > log->text_cap) {
		size_t cap = log->text_cap ? log->text_cap : 65536;
		char *p;

		while (cap < log->text_len + len + 1)
			cap *= 2;
		p = realloc(log->text, cap);
		if (!p)
			return &oc_enomem;
		log->text = p;
		log->text_cap = cap;
	}
	r = oc_printk_record_vec_push(&log->records);
	if (!r)
		return &oc_enomem;
	*r = *tmpl;
	r->text_off = log->text_len;
	r->text_len = len;
	memcpy(log->text + log->text_len, text, len);
	log->text_len += len;
	log->text[log->text_len++] = '\0';
	return NULL;
}

/*
 * Reads @len bytes at @addr into a new buffer. Pages that cannot be read
 * are zero-filled and counted in *@missing (a partially filtered dump
 * still gives the rest of the log).
 */
static struct oc_error *read_buffer(struct oc_target *t, uint64_t addr,
				    size_t len, char **ret, size_t *missing)
{
	char *buf = malloc(len ? len : 1);
	struct oc_error *err;

	if (!buf)
		return &oc_enomem;
	*missing = 0;
	err = oc_target_read(t, addr, buf, len);
	if (err) {
		size_t done = 0;

		oc_error_free(err);
		while (done < len) {
			size_t chunk =
				t->page_size - ((addr + done) % t->page_size);

			if (chunk > len - done)
				chunk = len - done;
			err = oc_target_read(t, addr + done, buf + done, chunk);
			if (err) {
				oc_error_free(err);
				memset(buf + done, 0, chunk);
				*missing += chunk;
			}
			done += chunk;
		}
		if (*missing == len) {
			free(buf);
			return oc_error_create(
				OC_ERR_FAULT,
				"log buffer at 0x%" PRIx64
				" (%zu bytes) is not in the dump",
				addr, len);
		}
	}
	*ret = buf;
	return NULL;
}

/* Offsets resolved once; "m_" are member offsets, "s_" sizes. */
struct prb_layout {
	uint64_t s_prb, s_desc, s_info;
	uint64_t m_count_bits, m_descs, m_infos, m_head_id, m_tail_id;
	uint64_t m_size_bits, m_data;
	uint64_t m_state_var, m_begin, m_next;
	struct oc_member_info seq, ts_nsec, text_len, level, facility,
		caller_id;
};

static struct oc_error *prb_resolve(struct oc_target *t, struct prb_layout *l)
{
	static const char *const rb = "struct printk_ringbuffer";
	static const char *const info = "struct printk_info";
	struct oc_error *err;

#define OFF(type, path, dst)                                           \
	do {                                                           \
		if ((err = oc_target_offsetof(t, type, path, &(dst)))) \
			return err;                                    \
	} while (0)
#define MEM(type, path, dst)                                         \
	do {                                                         \
		if ((err = oc_target_member(t, type, path, &(dst)))) \
			return err;                                  \
	} while (0)
	if ((err = oc_target_type_size(t, rb, &l->s_prb)) ||
	    (err = oc_target_type_size(t, "struct prb_desc", &l->s_desc)) ||
	    (err = oc_target_type_size(t, info, &l->s_info)))
		return err;
	OFF(rb, "desc_ring.count_bits", l->m_count_bits);
	OFF(rb, "desc_ring.descs", l->m_descs);
	OFF(rb, "desc_ring.infos", l->m_infos);
	OFF(rb, "desc_ring.head_id.counter", l->m_head_id);
	OFF(rb, "desc_ring.tail_id.counter", l->m_tail_id);
	OFF(rb, "text_data_ring.size_bits", l->m_size_bits);
	OFF(rb, "text_data_ring.data", l->m_data);
	OFF("struct prb_desc", "state_var.counter", l->m_state_var);
	OFF("struct prb_desc", "text_blk_lpos.begin", l->m_begin);
	OFF("struct prb_desc", "text_blk_lpos.next", l->m_next);
	MEM(info, "seq", l->seq);
	MEM(info, "ts_nsec", l->ts_nsec);
	MEM(info, "text_len", l->text_len);
	MEM(info, "level", l->level);
	MEM(info, "facility", l->facility);
	MEM(info, "caller_id", l->caller_id);
	return NULL;
}

/* Decodes a (possibly bitfield) member of a record held in @base. */
static uint64_t field(const struct oc_target *t, const char *base,
		      const struct oc_member_info *m)
{
	uint64_t v = oc_target_decode_uint(t, base + m->offset, m->size);

	if (m->bit_size) {
		v >>= m->bit_offset;
		v &= m->bit_size >= 64 ? ~0ULL : (1ULL << m->bit_size) - 1;
	}
	return v;
}

/*
 * Mirrors crash's dump_lockless_record_log(): every descriptor from
 * tail_id to head_id that is committed or finalized.
 */
static struct oc_error *read_ringbuffer(struct oc_target *t,
					struct oc_printk_log *log)
{
	struct prb_layout l;
	struct oc_error *err;
	char *prb = NULL, *descs = NULL, *infos = NULL, *data = NULL;
	uint64_t prb_addr, addr, count, size, head, tail, id, mask;
	unsigned int count_bits, size_bits, sv_bits = t->ptr_size * 8;
	size_t missing;

	if ((err = prb_resolve(t, &l)))
		return oc_error_wrap(err, "printk_ringbuffer layout");
	if ((err = oc_target_symbol(t, "prb", &addr)) ||
	    (err = oc_target_read_ptr(t, addr, &prb_addr)))
		return oc_error_wrap(err, "printk ring buffer");
	if ((err = read_buffer(t, prb_addr, l.s_prb, &prb, &missing)))
		return oc_error_wrap(err, "printk ring buffer");
	count_bits = oc_target_decode_uint(t, prb + l.m_count_bits, 4);
	size_bits = oc_target_decode_uint(t, prb + l.m_size_bits, 4);
	if (count_bits > MAX_DESC_COUNT_BITS ||
	    size_bits > MAX_DATA_SIZE_BITS) {
		err = oc_error_create(OC_ERR_CORRUPT,
				      "printk ring buffer at 0x%" PRIx64
				      " is corrupt (count_bits %u, size_bits "
				      "%u)",
				      prb_addr, count_bits, size_bits);
		goto out;
	}
	count = 1ULL << count_bits;
	size = 1ULL << size_bits;
	mask = ~(3ULL << (sv_bits - 2));
	if (sv_bits < 64)
		mask &= (1ULL << sv_bits) - 1;
	addr = oc_target_decode_uint(t, prb + l.m_descs, t->ptr_size);
	if ((err = read_buffer(t, addr, count * l.s_desc, &descs, &missing)))
		goto out;
	addr = oc_target_decode_uint(t, prb + l.m_infos, t->ptr_size);
	if ((err = read_buffer(t, addr, count * l.s_info, &infos, &missing)))
		goto out;
	addr = oc_target_decode_uint(t, prb + l.m_data, t->ptr_size);
	if ((err = read_buffer(t, addr, size, &data, &missing)))
		goto out;
	head = oc_target_decode_uint(t, prb + l.m_head_id, t->ptr_size);
	tail = oc_target_decode_uint(t, prb + l.m_tail_id, t->ptr_size);

	id = tail;
	for (uint64_t n = 0; n <= count; n++) {
		const char *desc = descs + (id % count) * l.s_desc;
		const char *info = infos + (id % count) * l.s_info;
		uint64_t sv = oc_target_decode_uint(t, desc + l.m_state_var,
						    t->ptr_size);
		unsigned int state = (sv >> (sv_bits - 2)) & 3;
		struct oc_printk_record r = {0};
		uint64_t begin, next, text_len;

		/* desc_committed (1) or desc_finalized (2) with our id */
		if ((sv & mask) != id || (state != 1 && state != 2)) {
			log->skipped++;
			goto next_id;
		}
		r.seq = field(t, info, &l.seq);
		r.ts_nsec = field(t, info, &l.ts_nsec);
		r.caller_id = field(t, info, &l.caller_id);
		r.level = field(t, info, &l.level);
		r.facility = field(t, info, &l.facility);
		r.has_ts = true;
		text_len = field(t, info, &l.text_len);
		begin = oc_target_decode_uint(t, desc + l.m_begin,
					      t->ptr_size) %
			size;
		next = oc_target_decode_uint(t, desc + l.m_next, t->ptr_size) %
		       size;
		if (begin == next) {
			r.dataless = true;
			err = add_record(log, &r, "", 0);
		} else {
			/* A wrapped block starts at the ring's beginning. */
			if (begin > next)
				begin = 0;
			begin += t->ptr_size; /* skip the block's id */
			if (begin > next)
				text_len = 0;
			else if (next - begin < text_len)
				text_len = next - begin;
			err = add_record(log, &r, data + begin, text_len);
		}
		if (err)
			goto out;
	next_id:
		if (id == head)
			break;
		id = (id + 1) & mask;
	}
out:
	free(prb);
	free(descs);
	free(infos);
	free(data);
	return err;
}

/* The address and length of log_buf (3.5-5.9 records, or plain text). */
static struct oc_error *read_log_buf(struct oc_target *t, uint64_t *buf_addr,
				     uint32_t *buf_len)
{
	struct oc_error *err;
	uint64_t addr, v;

	if ((err = oc_target_symbol(t, "log_buf", &addr)) ||
	    (err = oc_target_read_ptr(t, addr, buf_addr)) ||
	    (err = oc_target_symbol(t, "log_buf_len", &addr)) ||
	    (err = oc_target_read_int(t, addr, 4, &v)))
		return oc_error_wrap(err, "log_buf");
	*buf_len = v;
	return NULL;
}

/*
 * 3.5-5.9: variable-length records in log_buf, from log_first_idx to
 * log_next_idx; a record with len 0 means "wrap to the buffer start".
 */
static struct oc_error *read_structured(struct oc_target *t,
					struct oc_printk_log *log)
{
	const char *type = "struct printk_log";
	struct oc_member_info ts, len_m, text_len, level, facility, caller;
	bool has_caller;
	uint64_t hdr_size, addr, buf_addr, v, first, next, seq = 0;
	uint32_t buf_len;
	struct oc_error *err;
	char *buf = NULL;
	size_t missing, idx;

	if (!oc_target_has_type(t, type))
		type = "struct log"; /* its name before 3.11 */
	if ((err = oc_target_type_size(t, type, &hdr_size)) ||
	    (err = oc_target_member(t, type, "ts_nsec", &ts)) ||
	    (err = oc_target_member(t, type, "len", &len_m)) ||
	    (err = oc_target_member(t, type, "text_len", &text_len)) ||
	    (err = oc_target_member(t, type, "level", &level)) ||
	    (err = oc_target_member(t, type, "facility", &facility)))
		return oc_error_wrap(err, "printk_log layout");
	/* caller_id exists with CONFIG_PRINTK_CALLER (5.1+). */
	memset(&caller, 0, sizeof(caller));
	has_caller = oc_target_has_member(t, type, "caller_id") &&
		     oc_ok(oc_target_member(t, type, "caller_id", &caller));
	if ((err = read_log_buf(t, &buf_addr, &buf_len)))
		return err;
	if ((err = oc_target_symbol(t, "log_first_idx", &addr)) ||
	    (err = oc_target_read_int(t, addr, 4, &first)) ||
	    (err = oc_target_symbol(t, "log_next_idx", &addr)) ||
	    (err = oc_target_read_int(t, addr, 4, &next)))
		return oc_error_wrap(err, "log_buf indexes");
	if (oc_ok(oc_target_symbol(t, "log_first_seq", &addr)) &&
	    oc_ok(oc_target_read_u64(t, addr, &v)))
		seq = v;
	if (buf_len == 0 || buf_len > MAX_LOG_BUF_LEN || first >= buf_len ||
	    next >= buf_len || hdr_size == 0)
		return oc_error_create(OC_ERR_CORRUPT,
				       "log_buf is corrupt (length %u, first "
				       "%" PRIu64 ", next %" PRIu64 ")",
				       buf_len, first, next);
	if ((err = read_buffer(t, buf_addr, buf_len, &buf, &missing)))
		return oc_error_wrap(err, "log_buf");

	idx = first;
	for (size_t n = 0; n <= buf_len / hdr_size && idx != next; n++) {
		struct oc_printk_record r = {0};
		const char *h = buf + idx;
		uint64_t rlen, tlen;

		if (idx + hdr_size > buf_len) {
			log->skipped++;
			break;
		}
		rlen = field(t, h, &len_m);
		if (rlen == 0) {
			/* wrap marker */
			if (idx == 0)
				break;
			idx = 0;
			continue;
		}
		tlen = field(t, h, &text_len);
		if (rlen < hdr_size || idx + rlen > buf_len ||
		    hdr_size + tlen > rlen) {
			log->skipped++;
			break;
		}
		r.seq = seq++;
		r.ts_nsec = field(t, h, &ts);
		r.level = field(t, h, &level);
		r.facility = field(t, h, &facility);
		r.caller_id =
			has_caller ? field(t, h, &caller) : OC_PRINTK_NO_CALLER;
		r.has_ts = true;
		if ((err = add_record(log, &r, h + hdr_size, tlen)))
			break;
		idx += rlen;
	}
	free(buf);
	return err;
}

/* Parses "<N>" and "[ sss.uuuuuu] " at the start of a plain line. */
static void parse_plain_prefix(const char **p, const char *end,
			       struct oc_printk_record *r)
{
	const char *s = *p;

	if (end - s >= 3 && s[0] == '<' && isdigit((unsigned char)s[1]) &&
	    s[2] == '>') {
		r->level = s[1] - '0';
		s += 3;
	}
	if (s < end && *s == '[') {
		const char *q = s + 1;
		uint64_t sec = 0, usec = 0;
		int ndig = 0;

		while (q < end && *q == ' ')
			q++;
		while (q < end && isdigit((unsigned char)*q))
			sec = sec * 10 + (*q++ - '0');
		if (q < end && *q == '.') {
			q++;
			while (q < end && isdigit((unsigned char)*q) &&
			       ndig < 9) {
				usec = usec * 10 + (*q++ - '0');
				ndig++;
			}
			while (ndig < 6) {
				usec *= 10;
				ndig++;
			}
			if (q < end && *q == ']' && ndig == 6) {
				r->ts_nsec = sec * 1000000000ULL + usec * 1000;
				r->has_ts = true;
				q++;
				if (q < end && *q == ' ')
					q++;
				s = q;
			}
		}
	}
	*p = s;
}

/* Before 3.5: one character ring of "<N>[time] text\n" lines. */
static struct oc_error *read_plain(struct oc_target *t,
				   struct oc_printk_log *log)
{
	uint64_t addr, buf_addr, end_idx;
	uint32_t buf_len;
	struct oc_error *err;
	char *buf = NULL, *lin = NULL;
	size_t missing, start, n;

	if ((err = read_log_buf(t, &buf_addr, &buf_len)))
		return err;
	if ((err = oc_target_symbol(t, "log_end", &addr)) ||
	    (err = oc_target_read_int(t, addr, 4, &end_idx)))
		return oc_error_wrap(err, "log_end");
	if (buf_len == 0 || buf_len > MAX_LOG_BUF_LEN ||
	    (buf_len & (buf_len - 1)))
		return oc_error_create(OC_ERR_CORRUPT,
				       "log_buf is corrupt (length %u)",
				       buf_len);
	if ((err = read_buffer(t, buf_addr, buf_len, &buf, &missing)))
		return oc_error_wrap(err, "log_buf");
	/* log_end counts every character ever logged. */
	n = end_idx < buf_len ? end_idx : buf_len;
	start = end_idx < buf_len ? 0 : end_idx % buf_len;
	lin = malloc(n + 1);
	if (!lin) {
		free(buf);
		return &oc_enomem;
	}
	for (size_t i = 0; i < n; i++)
		lin[i] = buf[(start + i) % buf_len];
	lin[n] = '\0';
	{
		const char *p = lin, *end = lin + n;
		uint64_t seq = 0;

		/* A wrapped buffer starts mid-line: drop that fragment. */
		if (start && (p = memchr(lin, '\n', n)))
			p++;
		else
			p = lin;
		while (p < end && !err) {
			const char *eol = memchr(p, '\n', end - p);
			struct oc_printk_record r = {
				.level = 0xff,
				.caller_id = OC_PRINTK_NO_CALLER,
			};

			if (!eol)
				eol = end;
			parse_plain_prefix(&p, eol, &r);
			r.seq = seq++;
			err = add_record(log, &r, p, eol - p);
			p = eol + 1;
		}
	}
	free(lin);
	free(buf);
	return err;
}

struct oc_error *oc_printk_read(struct oc_target *t, struct oc_printk_log *log)
{
	if (oc_target_has_symbol(t, "prb")) {
		log->format = OC_PRINTK_RINGBUFFER;
		return read_ringbuffer(t, log);
	}
	if (oc_target_has_symbol(t, "log_first_idx")) {
		log->format = OC_PRINTK_STRUCTURED;
		return read_structured(t, log);
	}
	if (oc_target_has_symbol(t, "log_end")) {
		log->format = OC_PRINTK_PLAIN;
		return read_plain(t, log);
	}
	return oc_error_create(OC_ERR_NOT_FOUND,
			       "no kernel log found: the kernel has none of "
			       "the symbols prb, log_first_idx, log_end");
}

void oc_printk_print(const struct oc_printk_log *log, int flags, FILE *out)
{
	const struct oc_printk_record *r;

	oc_vec_for_each(&log->records, r) {
		const unsigned char *p =
			(const unsigned char *)oc_printk_text(log, r);
		int ilen = 0;

		if (r->dataless) {
			fputc('\n', out);
			continue;
		}
		if (r->has_ts)
			ilen += fprintf(out, "[%5" PRIu64 ".%06" PRIu64 "] ",
					r->ts_nsec / 1000000000,
					r->ts_nsec % 1000000000 / 1000);
		if ((flags & OC_PRINTK_SHOW_CALLER) &&
		    r->caller_id != OC_PRINTK_NO_CALLER) {
			char cbuf[16];

			snprintf(cbuf, sizeof(cbuf), "%c%u",
				 r->caller_id & 0x80000000 ? 'C' : 'T',
				 r->caller_id & ~0x80000000u);
			ilen += fprintf(out, "[%6s] ", cbuf);
		}
		if ((flags & OC_PRINTK_SHOW_LEVEL) && r->level != 0xff)
			ilen += fprintf(out, "<%x>", r->level);
		for (size_t i = 0; i < r->text_len; i++) {
			if (p[i] == '\n')
				fprintf(out, "\n%*s", ilen, "");
			else if ((p[i] >= 0x20 && p[i] < 0x7f) || isspace(p[i]))
				fputc(p[i], out);
			else
				fputc('.', out);
		}
		fputc('\n', out);
	}
}
