// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for log-line normalization (src/oom/log_line.c). */
#include <string.h>

#include "oc_test.h"
#include "oomcore/log.h"

static char buf[OC_LOG_LINE_MAX + 1];

static struct oc_log_line norm(const char *s)
{
	struct oc_log_line l;

	oc_log_normalize(s, strlen(s), buf, sizeof(buf), &l);
	return l;
}

#define TEXT "stress invoked oom-killer: gfp_mask=0xd0, order=0"

int main(void)
{
	struct oc_log_line l;

	l = norm("[13603.131330] " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	OC_CHECK_INT(l.ts_ns, 13603131330000LL);
	l = norm("[    5.000001][ T1234] " TEXT "\n");
	OC_CHECK_STR(l.text, TEXT);
	OC_CHECK_INT(l.caller_id, 1234);
	OC_CHECK_INT(l.ts_ns, 5000001000LL);
	l = norm("[   12.5] [C3] " TEXT);
	OC_CHECK_INT(l.caller_id, 3 | OC_LOG_CALLER_CPU);
	l = norm("<4>[   12.345678] " TEXT "\r\n");
	OC_CHECK_STR(l.text, TEXT);
	OC_CHECK_INT(l.level, 4);
	l = norm("May  7 03:13:03 localhost kernel: " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	OC_CHECK_STR(l.wallclock, "May  7 03:13:03");
	l = norm("Dec 07 00:29:05.123456 myhost kernel: " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	l = norm("Dez  7 00:29:05 rechner kernel: [ 1.5] " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	OC_CHECK_INT(l.ts_ns, 1500000000LL);
	l = norm("2023-12-07T00:29:05.123456+01:00 host kernel: " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	OC_CHECK_STR(l.wallclock, "2023-12-07T00:29:05.123456+01:00");
	l = norm("[Thu Dec  7 00:29:05 2023] " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	OC_CHECK_STR(l.wallclock, "Thu Dec  7 00:29:05 2023");
	l = norm("[Do Dez  7 00:29:05 2023] " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	l = norm("6,1234,13603131330,-,caller=T99;" TEXT);
	OC_CHECK_STR(l.text, TEXT);
	OC_CHECK_INT(l.ts_ns, 13603131330000LL);
	OC_CHECK_INT(l.caller_id, 99);
	OC_CHECK_INT(l.level, 6);
	/* a kmsg time too large for ns is dropped, not overflowed */
	l = norm("6,900,50000020000002700,-;" TEXT);
	OC_CHECK_STR(l.text, TEXT);
	OC_CHECK(!oc_oom_has(l.ts_ns));
	l = norm("> > [  1.0] " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	l = norm(
		"2023-12-04T10:49:30.127Z In(05) vcpu-5 - Guest: <6>[39291577.009360] " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	OC_CHECK_INT(l.level, 6);
	OC_CHECK_INT(l.ts_ns, 39291577009360000LL);
	l = norm("ttyS0 console: [    3.123456] " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	l = norm("kern  :warn  : [   12.345678] " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	OC_CHECK_INT(l.level, 4);
	l = norm("note: not a prefix");
	OC_CHECK_STR(l.text, "note: not a prefix");
	l = norm("2023-12-07T00:29:05+0000 host kernel: " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	l = norm("[ 1234.567890] host kernel: " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	OC_CHECK_INT(l.ts_ns, 1234567890000LL);
	l = norm("1701908945.123456 host kernel: " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	OC_CHECK_STR(l.wallclock, "1701908945.123456");
	l = norm(
		"01-01 00:00:00.000     0     0 I         : [  123.456789] " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	l = norm("kernel: " TEXT);
	OC_CHECK_STR(l.text, TEXT);
	/* task rows and kernel text in brackets are not prefixes */
	l = norm("[  418]     0   418      728        1   0     -17 udevd");
	OC_CHECK_STR(l.text,
		     "[  418]     0   418      728        1   0     -17 udevd");
	l = norm("[ pid ]   uid  tgid total_vm      rss name");
	OC_CHECK_STR(l.text, "[ pid ]   uid  tgid total_vm      rss name");
	/* HTML escapes, with and without ';' */
	l = norm(
		"May  7 03:13:03 h kernel: [&ltc04e7f34>] ? dump_header+0x84/0x190");
	OC_CHECK_STR(l.text, "[<c04e7f34>] ? dump_header+0x84/0x190");
	l = norm("x &#60;y&#x3E; &#39;z&#x27; &#1;");
	OC_CHECK_STR(l.text, "x <y> 'z' &#1;");
	l = norm("a &lt;b&gt; &amp; &quot;c&quot;");
	OC_CHECK_STR(l.text, "a <b> & \"c\"");
	/* control bytes and NULs become spaces; invalid UTF-8 is kept */
	l = (oc_log_normalize("a\tb\0c\xff", 6, buf, sizeof(buf), &l), l);
	OC_CHECK_STR(l.text, "a b c\xff");
	OC_CHECK_INT(l.len, 6);
	/* program output is left alone */
	l = norm("Dec 07 00:29:05 host systemd[1]: Started foo.");
	OC_CHECK(strstr(l.text, "systemd[1]: Started foo.") != NULL);
	/* tiny buffer */
	{
		char small[4];

		oc_log_normalize("[ 1.0] abcdef", 13, small, sizeof(small), &l);
		OC_CHECK(l.len < sizeof(small));
	}
	return oc_test_done();
}
