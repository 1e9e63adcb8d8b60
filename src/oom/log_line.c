// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Line normalization for log mode: removes what syslog, journald, dmesg,
 * /dev/kmsg, web pages and mailers put around the kernel's own text, so
 * that the field parsers only see what printk printed.
 *
 * Handled, in any stacking order: "<4>" levels, dmesg -x "kern  :warn  : ",
 * kmsg "6,123,456789,-;",
 * "[   12.345678]" times, "[T1234]"/"[C3]" caller ids, dmesg -T and ISO
 * times (any locale: anything bracketed holding hh:mm:ss), syslog and
 * journalctl "Mon DD hh:mm:ss[.us] host kernel:" prefixes, email quote
 * marks, HTML escapes ("&lt;", and "&lt" without its ';' as copied from
 * web pages). Control bytes become spaces; other bytes are kept.
 */
#include <ctype.h>
#include <string.h>

#include "oomcore/log.h"

static bool isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* Copies @in into @buf decoding HTML escapes; returns the length. */
static size_t unescape(const char *in, size_t len, char *buf, size_t size)
{
	static const struct {
		const char *from;
		char to;
	} esc[] = {
		{ "&lt;", '<' },    { "&gt;", '>' },   { "&amp;", '&' },
		{ "&quot;", '"' },  { "&#39;", '\'' }, { "&#039;", '\'' },
		{ "&apos;", '\'' }, { "&nbsp;", ' ' }, { "&#60;", '<' },
		{ "&#62;", '>' },   { "&lt", '<' },    { "&gt", '>' },
	};
	size_t i = 0, o = 0, k;

	while (i < len && o + 1 < size) {
		unsigned char c = (unsigned char)in[i];

		if (c == '&' && i + 3 < len && in[i + 1] == '#') {
			/* numeric entity: "&#60;", "&#x3c;" (ASCII only) */
			size_t j = i + 2;
			unsigned int v = 0;
			bool hex = in[j] == 'x' || in[j] == 'X';

			if (hex)
				j++;
			while (j < len && j - i < 8 &&
			       (hex ? isxdigit((unsigned char)in[j]) :
				      isdigit((unsigned char)in[j]))) {
				v = v * (hex ? 16 : 10) +
				    (unsigned int)(isdigit((unsigned char)
								   in[j]) ?
							   in[j] - '0' :
							   (tolower((
								    unsigned char)in
									    [j]) -
							    'a' + 10));
				j++;
			}
			if (j < len && in[j] == ';' && v >= 0x20 && v < 0x7f) {
				buf[o++] = (char)v;
				i = j + 1;
				continue;
			}
		}
		if (c == '&') {
			for (k = 0; k < sizeof(esc) / sizeof(esc[0]); k++) {
				size_t n = strlen(esc[k].from);

				if (n <= len - i &&
				    !memcmp(in + i, esc[k].from, n))
					break;
			}
			if (k < sizeof(esc) / sizeof(esc[0])) {
				buf[o++] = esc[k].to;
				i += strlen(esc[k].from);
				continue;
			}
		}
		buf[o++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
		i++;
	}
	buf[o] = '\0';
	while (o && buf[o - 1] == ' ')
		buf[--o] = '\0';
	return o;
}

static const char *skip_spaces(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/* "<N>" */
static const char *strip_level(const char *p, int *level)
{
	const char *q = p + 1;
	int v = 0;

	if (*p != '<' || !isdig(*q))
		return p;
	while (isdig(*q) && q - p < 4)
		v = v * 10 + (*q++ - '0');
	if (*q != '>')
		return p;
	*level = v & 7;
	return q + 1;
}

/* /dev/kmsg: "level,seq,usec,flags[,...];text" */
static const char *strip_kmsg(const char *p, int *level, int64_t *ts,
			      int64_t *caller)
{
	const char *q = p, *f;
	int64_t v[3] = { 0, 0, 0 };
	int i;

	for (i = 0; i < 3; i++) {
		if (!isdig(*q))
			return p;
		while (isdig(*q)) {
			if (v[i] < INT64_MAX / 100)
				v[i] = v[i] * 10 + (*q - '0');
			q++;
		}
		if (*q++ != ',')
			return p;
	}
	if (*q != '-' && *q != 'c' && *q != '+')
		return p;
	f = q;
	while (*q && *q != ';' && q - f < 64)
		q++;
	if (*q != ';')
		return p;
	/* caller=T123 among the flags */
	for (; f < q; f++) {
		if (!strncmp(f, "caller=", 7) && (f[7] == 'T' || f[7] == 'C') &&
		    isdig(f[8])) {
			int64_t id = 0;
			const char *d = f + 8;

			while (isdig(*d) && id < 0x7fffffff)
				id = id * 10 + (*d++ - '0');
			*caller = f[7] == 'C' ? (id | OC_LOG_CALLER_CPU) : id;
			break;
		}
	}
	*level = (int)(v[0] & 7);
	*ts = v[2] <= INT64_MAX / 1000 ? v[2] * 1000 : OC_LOG_NONE;
	return q + 1;
}

/* dmesg -x: "kern  :warn  : " */
static const char *strip_decode(const char *p, int *level)
{
	static const char *const levels[] = {
		"emerg", "alert",  "crit", "err",
		"warn",	 "notice", "info", "debug",
	};
	const char *q = p, *l;
	size_t i;

	while (*q >= 'a' && *q <= 'z' && q - p < 8)
		q++;
	if (q == p)
		return p;
	while (*q == ' ')
		q++;
	if (*q++ != ':')
		return p;
	l = q;
	while (*q >= 'a' && *q <= 'z' && q - l < 7)
		q++;
	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		if ((size_t)(q - l) == strlen(levels[i]) &&
		    !strncmp(l, levels[i], (size_t)(q - l)))
			break;
	}
	if (i == sizeof(levels) / sizeof(levels[0]))
		return p;
	while (*q == ' ')
		q++;
	if (*q != ':' || q[1] != ' ')
		return p;
	*level = (int)i;
	return q + 2;
}

/* "[   12.345678]" */
static const char *strip_dmesg_ts(const char *p, int64_t *ts)
{
	const char *q = skip_spaces(p + 1);
	int64_t sec = 0, frac = 0;
	int nfrac = 0;

	if (*p != '[' || !isdig(*q))
		return p;
	while (isdig(*q)) {
		if (sec < INT64_MAX / 100)
			sec = sec * 10 + (*q - '0');
		q++;
	}
	if (*q != '.')
		return p;
	q++;
	while (isdig(*q)) {
		if (nfrac < 9) {
			frac = frac * 10 + (*q - '0');
			nfrac++;
		}
		q++;
	}
	if (*q != ']' || !nfrac)
		return p;
	while (nfrac++ < 9)
		frac *= 10;
	if (sec < INT64_MAX / 1000000000LL)
		*ts = sec * 1000000000LL + frac;
	return q + 1;
}

/* "[T1234]", "[ C3]" */
static const char *strip_caller(const char *p, int64_t *caller)
{
	const char *q = skip_spaces(p + 1);
	char kind;
	int64_t id = 0;

	if (*p != '[' || (*q != 'T' && *q != 'C') || !isdig(q[1]))
		return p;
	kind = *q++;
	while (isdig(*q)) {
		if (id < 0x7fffffff)
			id = id * 10 + (*q - '0');
		q++;
	}
	if (*q != ']')
		return p;
	*caller = kind == 'C' ? (id | OC_LOG_CALLER_CPU) : id;
	return q + 1;
}

static bool is_hms(const char *q)
{
	return isdig(q[0]) && isdig(q[1]) && q[2] == ':' && isdig(q[3]) &&
	       isdig(q[4]) && q[5] == ':' && isdig(q[6]) && isdig(q[7]);
}

static void set_wallclock(char *dst, const char *from, const char *to)
{
	size_t n = (size_t)(to - from);

	if (n >= 40)
		n = 39;
	memcpy(dst, from, n);
	dst[n] = '\0';
}

/* dmesg -T and friends: "[Thu Dec  7 00:29:05 2023]", any locale */
static const char *strip_bracket_time(const char *p, char *wallclock)
{
	const char *q;
	bool hms = false;

	if (*p != '[')
		return p;
	for (q = p + 1; *q && *q != ']' && q - p < 64; q++) {
		if (*q == '[')
			return p;
		if (is_hms(q))
			hms = true;
	}
	if (*q != ']' || !hms)
		return p;
	set_wallclock(wallclock, p + 1, q);
	return q + 1;
}

/* ISO 8601 "2023-12-07T00:29:05.123456+00:00 " */
static const char *strip_iso_time(const char *p, char *wallclock)
{
	const char *q = p;
	int i;

	for (i = 0; i < 4; i++)
		if (!isdig(q[i]))
			return p;
	if (q[4] != '-' || !isdig(q[5]) || !isdig(q[6]) || q[7] != '-' ||
	    !isdig(q[8]) || !isdig(q[9]) || (q[10] != 'T' && q[10] != ' ') ||
	    !is_hms(q + 11))
		return p;
	q += 19;
	if (*q == '.' || *q == ',')
		for (q++; isdig(*q); q++)
			;
	if (*q == 'Z') {
		q++;
	} else if ((*q == '+' || *q == '-') && isdig(q[1])) {
		for (q++; isdig(*q) || *q == ':'; q++)
			;
	}
	if (*q != ' ' && *q != '\0')
		return p;
	set_wallclock(wallclock, p, q);
	return q;
}

/* journalctl -o short-unix: "1701908945.123456 " */
static const char *strip_unix_time(const char *p, char *wallclock)
{
	const char *q = p;

	while (isdig(*q) && q - p < 12)
		q++;
	if (q - p < 9 || *q != '.' || !isdig(q[1]))
		return p;
	for (q++; isdig(*q); q++)
		;
	if (*q != ' ')
		return p;
	set_wallclock(wallclock, p, q);
	return q;
}

/* syslog/journal "Dec  7 00:29:05[.123456] " with any month word */
static const char *strip_syslog_time(const char *p, char *wallclock)
{
	const char *q = p;
	int n = 0;

	if (!*q || *q == ' ' || isdig(*q) || *q == '[' || *q == '<')
		return p;
	while (*q && *q != ' ' && n < 16) {
		q++;
		n++;
	}
	if (*q != ' ')
		return p;
	q = skip_spaces(q);
	if (!isdig(*q))
		return p;
	q++;
	if (isdig(*q))
		q++;
	if (*q != ' ')
		return p;
	q = skip_spaces(q);
	if (!is_hms(q))
		return p;
	q += 8;
	if (*q == '.')
		for (q++; isdig(*q); q++)
			;
	if (*q != ' ')
		return p;
	set_wallclock(wallclock, p, q);
	return q;
}

/* "host kernel: ", "host kernel[0]: ", "kernel: " after a time stamp */
static const char *strip_host_tag(const char *p, bool after_time)
{
	const char *q = skip_spaces(p), *tag = q;
	int i;

	for (i = 0; i < 2; i++) {
		if (!strncmp(tag, "kernel:", 7))
			return tag + 7;
		if (!strncmp(tag, "kernel[", 7)) {
			const char *e = strchr(tag, ']');

			if (e && e[1] == ':')
				return e + 2;
		}
		if (!after_time)
			return p;
		/* skip the host name */
		while (*tag && *tag != ' ' && tag - q < 128)
			tag++;
		if (*tag != ' ')
			return p;
		tag = skip_spaces(tag);
	}
	return p;
}

/*
 * Consoles captured by a hypervisor or a serial server put their own
 * prefix before the kernel's: "2023-12-04T10:49:30.127Z In(05) vcpu-5 -
 * Guest: <6>[39291577.009360] text". Finds a "[sec.usec]" (six digits)
 * near the start, optionally after "<N>", and returns what follows it.
 */
static const char *strip_embedded_ts(const char *p, int64_t *ts, int *level)
{
	const char *q;

	for (q = p; *q && q - p < 160; q++) {
		const char *t;

		if (*q != '[' || q == p || (q[-1] != ' ' && q[-1] != '>'))
			continue;
		t = strip_dmesg_ts(q, ts);
		if (t == q || t - q < 9 || t[-8] != '.')
			continue;
		if (q - p >= 3 && q[-1] == '>' && q[-3] == '<' && isdig(q[-2]))
			*level = q[-2] - '0';
		return t;
	}
	return p;
}

void oc_log_normalize(const char *in, size_t len, char *buf, size_t size,
		      struct oc_log_line *out)
{
	const char *p, *q;
	size_t n;
	int round;
	bool embedded = false;

	out->ts_ns = OC_LOG_NONE;
	out->caller_id = OC_LOG_NONE;
	out->level = -1;
	out->wallclock[0] = '\0';
	n = unescape(in, len, buf, size);
	p = buf;
	for (round = 0; round < 8; round++) {
		bool timed = false;

		q = p;
		p = skip_spaces(p);
		while (*p == '>') {
			p++;
			p = skip_spaces(p);
		}
		p = strip_level(p, &out->level);
		p = strip_decode(p, &out->level);
		p = strip_kmsg(p, &out->level, &out->ts_ns, &out->caller_id);
		{
			const char *t = strip_dmesg_ts(p, &out->ts_ns);

			timed |= t != p;
			p = t;
		}
		p = strip_caller(skip_spaces(p), &out->caller_id);
		{
			const char *t = strip_bracket_time(p, out->wallclock);

			if (t == p)
				t = strip_iso_time(p, out->wallclock);
			if (t == p)
				t = strip_syslog_time(p, out->wallclock);
			if (t == p && round == 0)
				t = strip_unix_time(p, out->wallclock);
			timed |= t != p;
			p = t;
		}
		p = strip_host_tag(p, timed);
		if (p == q && !embedded) {
			embedded = true;
			p = strip_embedded_ts(p, &out->ts_ns, &out->level);
		}
		if (p == q)
			break;
	}
	p = skip_spaces(p);
	out->text = p;
	out->len = n - (size_t)(p - buf);
}
