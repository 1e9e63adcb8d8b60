// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The HTML page (see oomcore/html.h): inline CSS, SVG charts drawn here,
 * no script, no external resource. Numbers checked by the tests sit in
 * data- attributes:
 *   <tr class="mem" data-mem="anon" data-pages="N">     where memory went
 *   <tr class="task" data-pid data-points data-score data-role
 *       data-rss data-swap data-pgtables data-adj data-root-bonus>
 *   <tr class="zone" data-node data-zone data-free-pages data-min-pages
 *       data-low-pages data-high-pages>
 *   <tr class="memcg" data-path data-usage-pages data-limit-pages>
 *   <section class="event" data-victim-pid data-runner-up-pid
 *       data-totalpages>
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "oomcore/html.h"

#ifndef OOMCORE_VERSION
#define OOMCORE_VERSION "0.1"
#endif

static const char *const mem_keys[OC_HTML_MEM_NR] = {
	"anon", "pagecache", "shmem", "slab",
	"pagetables", "kernel", "free", "unaccounted",
};

static const char *const mem_labels[OC_HTML_MEM_NR] = {
	"anonymous", "page cache", "shmem / tmpfs", "slab",
	"page tables", "kernel (stacks, reserved)", "free", "unaccounted",
};

static const char *const mem_colors[OC_HTML_MEM_NR] = {
	"#e15759", "#4e79a7", "#f28e2b", "#76b7b2",
	"#edc948", "#b07aa1", "#59a14f", "#bab0ac",
};

const char *oc_html_mem_key(enum oc_html_mem m)
{
	return m < OC_HTML_MEM_NR ? mem_keys[m] : "?";
}

/* Length of the valid UTF-8 sequence at @s, or 0. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	uint32_t c;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return n;
}

/* Text and attribute values: escaped, control bytes and bad UTF-8 as U+FFFD. */
static void esc(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	while (*p) {
		size_t n;

		switch (*p) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		case '\n':
		case '\t':
			fputc(*p, f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				fputs("&#xfffd;", f);
				break;
			}
			n = utf8_len(p);
			if (!n) {
				fputs("&#xfffd;", f);
				break;
			}
			fwrite(p, 1, n, f);
			p += n;
			continue;
		}
		p++;
	}
}

static bool has(int64_t v)
{
	return oc_oom_has(v);
}

/* "12.3 MiB" for @pages of @page_kb KiB. */
static void size_str(char *buf, size_t size, int64_t pages, int64_t page_kb)
{
	double kb = (double)pages * (double)page_kb;
	const char *neg = kb < 0 ? "-" : "";

	if (kb < 0)
		kb = -kb;
	if (!has(pages))
		snprintf(buf, size, "?");
	else if (kb >= 1024.0 * 1024)
		snprintf(buf, size, "%s%.2f GiB", neg, kb / 1024 / 1024);
	else if (kb >= 1024)
		snprintf(buf, size, "%s%.1f MiB", neg, kb / 1024);
	else
		snprintf(buf, size, "%s%.0f KiB", neg, kb);
}

static void attr_i64(FILE *f, const char *name, int64_t v)
{
	if (has(v))
		fprintf(f, " %s=\"%" PRId64 "\"", name, v);
	else
		fprintf(f, " %s=\"\"", name);
}

static void td_i64(FILE *f, int64_t v)
{
	if (has(v))
		fprintf(f, "<td class=\"n\">%" PRId64 "</td>", v);
	else
		fputs("<td class=\"n\">&ndash;</td>", f);
}

static const char css[] =
	"body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;"
	"color:#222;margin:0;background:#f4f5f7}"
	"main{max-width:1000px;margin:0 auto;padding:16px 24px;"
	"background:#fff;min-height:100vh}"
	"h1{font-size:22px;margin:8px 0}"
	"h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #ddd}"
	"h3{font-size:15px;margin:18px 0 6px}"
	".facts{color:#555;margin:0;padding:0;list-style:none}"
	".verdict{background:#fff4e5;border-left:5px solid #e67e22;"
	"padding:10px 14px;margin:12px 0;font-size:15px}"
	".choice{background:#fdecea;border-left:5px solid #c0392b;"
	"padding:8px 14px;margin:8px 0}"
	".partial{background:#fdf2f2;border:1px solid #c0392b;padding:8px 14px}"
	"ul.findings{padding-left:0;list-style:none}"
	"ul.findings li{margin:4px 0}"
	".sev{display:inline-block;min-width:40px;text-align:center;"
	"border-radius:3px;font-size:11px;font-weight:bold;color:#fff;"
	"padding:1px 4px;margin-right:6px}"
	".sev-info{background:#7f8c8d}.sev-note{background:#2980b9}"
	".sev-warn{background:#c0392b}"
	"table{border-collapse:collapse;margin:6px 0;font-size:13px}"
	"th,td{padding:2px 8px;border-bottom:1px solid #eee;text-align:left}"
	"th{background:#f0f0f0}td.n,th.n{text-align:right;"
	"font-variant-numeric:tabular-nums}"
	"tr.victim td{background:#fdecea;font-weight:bold}"
	"tr.runner-up td{background:#fff4e5}"
	"tr.oom td{background:#fdecea}"
	".sw{display:inline-block;width:12px;height:12px;"
	"vertical-align:middle;margin-right:6px;border:1px solid #888}"
	".note{color:#666;font-size:12px}"
	"svg{display:block;margin:6px 0}"
	"svg text{font:12px system-ui,sans-serif;fill:#222}"
	"footer{color:#888;font-size:12px;margin-top:32px}";

static void head(FILE *f, const struct oc_html_page *p)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	      "<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" "
	      "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	      "<meta name=\"generator\" content=\"oomcore " OOMCORE_VERSION
	      "\">\n<title>",
	      f);
	esc(f, p->title);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n",
		css);
}

static void findings(FILE *f, const struct oc_html_event *e)
{
	const struct oc_html_finding *fi;

	if (e->verdict) {
		fputs("<div class=\"verdict\" id=\"verdict\">", f);
		esc(f, e->verdict);
		fputs("</div>\n", f);
	}
	if (e->choice[0]) {
		fputs("<div class=\"choice\">", f);
		esc(f, e->choice);
		if (e->choice_source[0]) {
			fputs(" <span class=\"note\">(", f);
			esc(f, e->choice_source);
			fputs(")</span>", f);
		}
		fputs("</div>\n", f);
	}
	if (!e->findings.len)
		return;
	fputs("<ul class=\"findings\">\n", f);
	oc_vec_for_each(&e->findings, fi) {
		fprintf(f, "<li class=\"finding\"><span class=\"sev sev-%s\">",
			fi->severity);
		esc(f, fi->severity);
		fputs("</span>", f);
		esc(f, fi->text);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
}

/* Where memory went: one stacked bar and its legend table. */
static void memory(FILE *f, const struct oc_html_event *e)
{
	const int width = 940, height = 44;
	int64_t sum = 0;
	double x = 0;
	char buf[32];
	int i;

	fputs("<h3>Where memory went</h3>\n", f);
	for (i = 0; i < OC_HTML_MEM_NR; i++)
		if (has(e->mem[i]) && e->mem[i] > 0)
			sum += e->mem[i];
	if (!sum) {
		fputs("<p class=\"note\">No memory figures: ", f);
		esc(f, e->mem_source[0] ? e->mem_source : "not available");
		fputs("</p>\n", f);
		return;
	}
	fprintf(f,
		"<svg class=\"chart mem-chart\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" role=\"img\" "
		"aria-label=\"where memory went\">\n",
		width, height, width, height);
	for (i = 0; i < OC_HTML_MEM_NR; i++) {
		double w;

		if (!has(e->mem[i]) || e->mem[i] <= 0)
			continue;
		w = (double)e->mem[i] * width / (double)sum;
		fprintf(f,
			"<rect data-mem=\"%s\" x=\"%.2f\" y=\"0\" "
			"width=\"%.2f\" height=\"%d\" fill=\"%s\">"
			"<title>%s: ",
			mem_keys[i], x, w, height, mem_colors[i], mem_labels[i]);
		size_str(buf, sizeof(buf), e->mem[i], e->page_kb);
		fprintf(f, "%s</title></rect>\n", buf);
		if (w > 60) {
			fprintf(f,
				"<text x=\"%.2f\" y=\"27\" "
				"style=\"fill:#fff;font-weight:bold\">"
				"%s %.0f%%</text>\n",
				x + 4, mem_keys[i],
				100.0 * (double)e->mem[i] / (double)sum);
		}
		x += w;
	}
	fputs("</svg>\n<table class=\"mem-table\">\n<tr><th>kind</th>"
	      "<th class=\"n\">pages</th><th class=\"n\">size</th>"
	      "<th class=\"n\">share</th></tr>\n",
	      f);
	for (i = 0; i < OC_HTML_MEM_NR; i++) {
		fprintf(f, "<tr class=\"mem\" data-mem=\"%s\"", mem_keys[i]);
		attr_i64(f, "data-pages", e->mem[i]);
		fprintf(f,
			"><td><span class=\"sw\" style=\"background:%s\">"
			"</span>%s</td>",
			mem_colors[i], mem_labels[i]);
		td_i64(f, e->mem[i]);
		size_str(buf, sizeof(buf), e->mem[i], e->page_kb);
		fprintf(f, "<td class=\"n\">%s</td>", buf);
		if (has(e->mem[i]) && e->mem[i] >= 0)
			fprintf(f, "<td class=\"n\">%.1f%%</td></tr>\n",
				100.0 * (double)e->mem[i] / (double)sum);
		else
			fputs("<td class=\"n\">&ndash;</td></tr>\n", f);
	}
	fputs("</table>\n<p class=\"note\">", f);
	if (has(e->mem_total)) {
		size_str(buf, sizeof(buf), e->mem_total, e->page_kb);
		fprintf(f, "Total %" PRId64 " pages (%s). ", e->mem_total,
			buf);
	}
	esc(f, e->mem_source);
	fputs("</p>\n", f);
}

static const char *role_name(enum oc_html_role r)
{
	return r == OC_HTML_ROLE_VICTIM	   ? "victim" :
	       r == OC_HTML_ROLE_RUNNER_UP ? "runner-up" :
					     "";
}

static const char *role_color(enum oc_html_role r)
{
	return r == OC_HTML_ROLE_VICTIM	   ? "#c0392b" :
	       r == OC_HTML_ROLE_RUNNER_UP ? "#e67e22" :
					     "#5b8db8";
}

struct scale {
	double lo, hi, x0, w;
};

static double sx(const struct scale *s, double v)
{
	if (s->hi <= s->lo)
		return s->x0;
	return s->x0 + (v - s->lo) * s->w / (s->hi - s->lo);
}

#define MAX_BARS 40

/* Badness bars, best first; the victim and runner-up are always drawn. */
static void task_bars(FILE *f, const struct oc_html_event *e)
{
	const struct oc_html_task *t;
	const struct oc_html_task *rows[MAX_BARS];
	struct scale s = { 0, 0, 230, 600 };
	int n = 0, row_h = 20, i;
	size_t k;

	/* Eligible tasks by points, descending (selection of the best). */
	for (k = 0; k < e->tasks.len && n < MAX_BARS; k++) {
		const struct oc_html_task *best = NULL;

		oc_vec_for_each(&e->tasks, t) {
			bool taken = false;

			if (!t->eligible)
				continue;
			for (i = 0; i < n && !taken; i++)
				taken = rows[i] == t;
			if (taken)
				continue;
			if (!best || t->points > best->points ||
			    (t->points == best->points && t->role &&
			     !best->role))
				best = t;
		}
		if (!best)
			break;
		rows[n++] = best;
	}
	/* The victim or runner-up beyond the cut replaces the last rows. */
	oc_vec_for_each(&e->tasks, t) {
		bool shown = false;

		if (!t->role)
			continue;
		for (i = 0; i < n; i++)
			shown |= rows[i] == t;
		if (!shown && n > 0)
			rows[n - 1 - (t->role == OC_HTML_ROLE_VICTIM)] = t;
		else if (!shown)
			rows[n++] = t;
	}
	if (!n)
		return;
	for (i = 0; i < n; i++) {
		if ((double)rows[i]->points < s.lo)
			s.lo = (double)rows[i]->points;
		if ((double)rows[i]->points > s.hi)
			s.hi = (double)rows[i]->points;
	}
	fprintf(f,
		"<svg class=\"chart badness-chart\" width=\"940\" "
		"height=\"%d\" viewBox=\"0 0 940 %d\" role=\"img\" "
		"aria-label=\"OOM badness per task\">\n",
		n * row_h + 24, n * row_h + 24);
	fprintf(f,
		"<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" "
		"stroke=\"#999\"/>\n",
		sx(&s, 0), sx(&s, 0), n * row_h + 4);
	for (i = 0; i < n; i++) {
		const struct oc_html_task *r = rows[i];
		double a = sx(&s, 0), b = sx(&s, (double)r->points);
		int y = i * row_h + 2;

		fprintf(f, "<g class=\"bar\" data-pid=\"%" PRId64 "\"", r->pid);
		attr_i64(f, "data-points", r->points);
		fprintf(f, " data-role=\"%s\">", role_name(r->role));
		fprintf(f,
			"<text x=\"4\" y=\"%d\"%s>%" PRId64 " ",
			y + 14, r->role ? " style=\"font-weight:bold\"" : "",
			r->pid);
		esc(f, r->comm);
		fprintf(f,
			"</text><rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" "
			"height=\"%d\" fill=\"%s\"/>",
			a < b ? a : b, y, a < b ? b - a : a - b, row_h - 4,
			role_color(r->role));
		fprintf(f, "<text x=\"%.1f\" y=\"%d\">%" PRId64 "%s%s</text>",
			(a > b ? a : b) + 4, y + 14, r->points,
			r->role ? " \xe2\x86\x90 " : "",
			r->role == OC_HTML_ROLE_VICTIM	  ? "VICTIM" :
			r->role == OC_HTML_ROLE_RUNNER_UP ? "RUNNER-UP" :
							    "");
		fputs("</g>\n", f);
	}
	fprintf(f,
		"<text x=\"230\" y=\"%d\" class=\"note\">points "
		"(oom_badness(), pages); the kernel kills the highest</text>\n",
		n * row_h + 20);
	fputs("</svg>\n", f);
}

/* The terms of one task's points as a waterfall: rss, swap, ... = points. */
static void terms_chart(FILE *f, const struct oc_html_task *t)
{
	static const char *const names[] = { "rss", "swap", "page tables",
					     "root bonus", "oom_score_adj" };
	int64_t v[5] = { t->rss, t->swap, t->pgtables, t->root_bonus, t->adj };
	struct scale s = { 0, 0, 130, 620 };
	double cum = 0;
	int i, row_h = 20;

	for (i = 0; i < 5; i++) {
		cum += has(v[i]) ? (double)v[i] : 0;
		if (cum < s.lo)
			s.lo = cum;
		if (cum > s.hi)
			s.hi = cum;
	}
	fprintf(f, "<h3>%s: pid %" PRId64 " ",
		t->role == OC_HTML_ROLE_VICTIM ? "Victim" : "Runner-up",
		t->pid);
	esc(f, t->comm);
	fprintf(f, ", %" PRId64 " points</h3>\n", t->points);
	fprintf(f,
		"<svg class=\"chart terms-chart\" data-pid=\"%" PRId64 "\" "
		"width=\"940\" height=\"%d\" viewBox=\"0 0 940 %d\" "
		"role=\"img\" aria-label=\"badness terms\">\n",
		t->pid, 6 * row_h + 4, 6 * row_h + 4);
	cum = 0;
	for (i = 0; i <= 5; i++) {
		int64_t term = i < 5 ? (has(v[i]) ? v[i] : 0) : t->points;
		double from = i < 5 ? cum : 0;
		double to = i < 5 ? cum + (double)term : (double)term;
		double a = sx(&s, from), b = sx(&s, to);
		int y = i * row_h + 2;
		const char *color = i == 5 ? role_color(t->role) :
				    term < 0 ? "#27ae60" :
					       "#95a5a6";

		fprintf(f,
			"<text x=\"4\" y=\"%d\">%s</text>"
			"<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" "
			"height=\"%d\" fill=\"%s\"/>"
			"<text x=\"%.1f\" y=\"%d\">%s%" PRId64 "</text>\n",
			y + 14, i < 5 ? names[i] : "= points", a < b ? a : b, y,
			a < b ? b - a : a - b, row_h - 4, color,
			(a > b ? a : b) + 4, y + 14,
			i < 5 && term >= 0 ? "+" : "", term);
		if (i < 5)
			cum += (double)term;
	}
	fputs("</svg>\n", f);
}

static void tasks(FILE *f, const struct oc_html_event *e)
{
	const struct oc_html_task *t;

	fputs("<h3>OOM badness per task</h3>\n", f);
	if (e->tasks_note[0]) {
		fputs("<p class=\"note\">", f);
		esc(f, e->tasks_note);
		fputs("</p>\n", f);
	}
	if (!e->tasks.len)
		return;
	task_bars(f, e);
	oc_vec_for_each(&e->tasks, t)
		if (t->role == OC_HTML_ROLE_VICTIM)
			terms_chart(f, t);
	oc_vec_for_each(&e->tasks, t)
		if (t->role == OC_HTML_ROLE_RUNNER_UP)
			terms_chart(f, t);
	fputs("<table class=\"tasks\">\n<tr><th class=\"n\">pid</th>"
	      "<th>name</th><th class=\"n\">rss</th><th class=\"n\">swap</th>"
	      "<th class=\"n\">page tables</th>"
	      "<th class=\"n\">root bonus</th>"
	      "<th class=\"n\">oom_score_adj</th><th class=\"n\">adj term</th>"
	      "<th class=\"n\">points</th><th class=\"n\">score</th>"
	      "<th></th></tr>\n",
	      f);
	oc_vec_for_each(&e->tasks, t) {
		fprintf(f, "<tr class=\"task%s%s\" data-pid=\"%" PRId64 "\"",
			t->role ? " " : "", role_name(t->role), t->pid);
		fprintf(f, " data-role=\"%s\" data-eligible=\"%d\"",
			role_name(t->role), t->eligible);
		if (t->eligible) {
			attr_i64(f, "data-points", t->points);
			attr_i64(f, "data-score", t->score);
			attr_i64(f, "data-rss", t->rss);
			attr_i64(f, "data-swap", t->swap);
			attr_i64(f, "data-pgtables", t->pgtables);
			attr_i64(f, "data-root-bonus", t->root_bonus);
			attr_i64(f, "data-adj", t->adj);
		}
		fprintf(f, "><td class=\"n\">%" PRId64 "</td><td>", t->pid);
		esc(f, t->comm);
		fputs("</td>", f);
		if (t->eligible) {
			td_i64(f, t->rss);
			td_i64(f, t->swap);
			td_i64(f, t->pgtables);
			td_i64(f, t->root_bonus);
			td_i64(f, t->oom_score_adj);
			td_i64(f, t->adj);
			td_i64(f, t->points);
			td_i64(f, t->score);
			fprintf(f, "<td>%s</td></tr>\n", role_name(t->role));
		} else {
			fputs("<td colspan=\"4\" class=\"note\">not eligible: ",
			      f);
			esc(f, t->skip ? t->skip : "skipped");
			fputs("</td>", f);
			td_i64(f, t->oom_score_adj);
			fputs("<td></td><td></td><td></td><td></td></tr>\n", f);
		}
	}
	fputs("</table>\n", f);
}

static const char *zone_color(const struct oc_html_zone *z)
{
	if (has(z->min) && z->free <= z->min)
		return "#c0392b";
	if (has(z->low) && z->free <= z->low)
		return "#e67e22";
	if (has(z->high) && z->free <= z->high)
		return "#f1c40f";
	return "#27ae60";
}

static void zone_name(FILE *f, const struct oc_html_zone *z)
{
	if (has(z->node))
		fprintf(f, "Node %" PRId64 " ", z->node);
	esc(f, z->name);
}

static void zones(FILE *f, const struct oc_html_event *e)
{
	const struct oc_html_zone *z;
	int row_h = 34, n = 0, i = 0;
	char buf[32];

	fputs("<h3>Zones: free memory against the watermarks</h3>\n", f);
	if (e->zones_note[0]) {
		fputs("<p class=\"note\">", f);
		esc(f, e->zones_note);
		fputs("</p>\n", f);
	}
	oc_vec_for_each(&e->zones, z)
		n += has(z->free);
	if (!n)
		return;
	fprintf(f,
		"<svg class=\"chart zones-chart\" width=\"940\" height=\"%d\" "
		"viewBox=\"0 0 940 %d\" role=\"img\" "
		"aria-label=\"zone free memory and watermarks\">\n",
		n * row_h + 4, n * row_h + 4);
	oc_vec_for_each(&e->zones, z) {
		static const char *const wn[] = { "min", "low", "high" };
		int64_t w[3] = { z->min, z->low, z->high };
		struct scale s = { 0, 0, 150, 660 };
		int y = i++ * row_h + 12, k;
		double label_x = -100;

		if (!has(z->free))
			continue;
		s.hi = (double)z->free;
		for (k = 0; k < 3; k++)
			if (has(w[k]) && (double)w[k] > s.hi)
				s.hi = (double)w[k];
		s.hi = s.hi * 1.15 + 1;
		fputs("<g class=\"zone-bar\"><text x=\"4\" y=\"", f);
		fprintf(f, "%d\">", y + 13);
		zone_name(f, z);
		fprintf(f,
			"</text><rect x=\"150\" y=\"%d\" width=\"660\" "
			"height=\"18\" fill=\"#f0f0f0\"/>"
			"<rect x=\"150\" y=\"%d\" width=\"%.2f\" "
			"height=\"18\" fill=\"%s\"/>",
			y, y, sx(&s, (double)z->free) - 150, zone_color(z));
		for (k = 0; k < 3; k++) {
			double x;

			if (!has(w[k]))
				continue;
			x = sx(&s, (double)w[k]);
			fprintf(f,
				"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
				"y2=\"%d\" stroke=\"#222\" "
				"stroke-width=\"1.5\"/>",
				x, y - 2, x, y + 20);
			/* close marks: one label for the lot */
			if (k < 2 && has(w[k + 1]) &&
			    sx(&s, (double)w[k + 1]) - x < 24)
				continue;
			fprintf(f,
				"<text x=\"%.1f\" y=\"%d\" "
				"style=\"font-size:10px\" "
				"text-anchor=\"middle\">%s</text>",
				x, y - 3, k == 2 && label_x > x - 24 ?
						  "min/low/high" :
						  wn[k]);
			label_x = x;
		}
		size_str(buf, sizeof(buf), z->free, e->page_kb);
		fprintf(f,
			"<text x=\"820\" y=\"%d\">free %s</text></g>\n",
			y + 13, buf);
	}
	fputs("</svg>\n<table class=\"zones\">\n<tr><th>zone</th>"
	      "<th class=\"n\">free</th><th class=\"n\">min</th>"
	      "<th class=\"n\">low</th><th class=\"n\">high</th>"
	      "<th class=\"n\">free (size)</th></tr>\n",
	      f);
	oc_vec_for_each(&e->zones, z) {
		fputs("<tr class=\"zone\"", f);
		attr_i64(f, "data-node", z->node);
		fputs(" data-zone=\"", f);
		esc(f, z->name);
		fputc('"', f);
		attr_i64(f, "data-free-pages", z->free);
		attr_i64(f, "data-min-pages", z->min);
		attr_i64(f, "data-low-pages", z->low);
		attr_i64(f, "data-high-pages", z->high);
		fputs("><td>", f);
		zone_name(f, z);
		fputs("</td>", f);
		td_i64(f, z->free);
		td_i64(f, z->min);
		td_i64(f, z->low);
		td_i64(f, z->high);
		size_str(buf, sizeof(buf), z->free, e->page_kb);
		fprintf(f, "<td class=\"n\">%s</td></tr>\n", buf);
	}
	fputs("</table>\n<p class=\"note\">Pages. The allocator fails "
	      "below min (plus lowmem_reserve) before it calls the OOM "
	      "killer; kswapd wakes below low and sleeps above high.</p>\n",
	      f);
}

static void memcgs(FILE *f, const struct oc_html_event *e)
{
	const struct oc_html_memcg *m;
	int64_t top = 1;
	char u[32], l[32];

	if (!e->memcgs.len && !e->memcg_note[0])
		return;
	fputs("<h3>Memory cgroups: usage against limits</h3>\n", f);
	if (e->memcg_note[0]) {
		fputs("<p class=\"note\">", f);
		esc(f, e->memcg_note);
		fputs("</p>\n", f);
	}
	if (!e->memcgs.len)
		return;
	oc_vec_for_each(&e->memcgs, m)
		if (m->usage > top)
			top = m->usage;
	fputs("<table class=\"memcgs\">\n<tr><th>group</th>"
	      "<th class=\"n\">usage</th><th class=\"n\">limit</th>"
	      "<th>usage / limit</th></tr>\n",
	      f);
	oc_vec_for_each(&e->memcgs, m) {
		double frac;
		const char *color;

		if (m->limit > 0) {
			frac = (double)m->usage / (double)m->limit;
			color = frac >= 0.95 ? "#c0392b" :
				frac >= 0.8  ? "#e67e22" :
					       "#27ae60";
		} else {
			frac = (double)m->usage / (double)top;
			color = "#95a5a6";
		}
		if (frac > 1)
			frac = 1;
		if (frac < 0)
			frac = 0;
		fprintf(f, "<tr class=\"memcg%s\" data-path=\"",
			m->oom ? " oom" : "");
		esc(f, m->path);
		fputc('"', f);
		attr_i64(f, "data-usage-pages", m->usage);
		attr_i64(f, "data-limit-pages", m->limit);
		fprintf(f, "><td style=\"padding-left:%dpx\">",
			8 + 18 * m->depth);
		esc(f, m->path);
		if (m->oom)
			fputs(" <span class=\"sev sev-warn\">OOM</span>", f);
		size_str(u, sizeof(u), m->usage, e->page_kb);
		if (m->limit >= 0)
			size_str(l, sizeof(l), m->limit, e->page_kb);
		else
			snprintf(l, sizeof(l), "max");
		fprintf(f,
			"</td><td class=\"n\">%s</td><td class=\"n\">%s</td>"
			"<td><svg width=\"260\" height=\"14\">"
			"<rect width=\"260\" height=\"14\" fill=\"#f0f0f0\"/>"
			"<rect width=\"%.1f\" height=\"14\" fill=\"%s\"/>"
			"</svg></td></tr>\n",
			u, l, 260 * frac, color);
	}
	fputs("</table>\n<p class=\"note\">Grey bars: no limit, drawn "
	      "against the largest group.</p>\n",
	      f);
}

static void event(FILE *f, const struct oc_html_event *e)
{
	const struct oc_html_task *t;
	int64_t victim = OC_OOM_NA, runner = OC_OOM_NA;

	oc_vec_for_each(&e->tasks, t) {
		if (t->role == OC_HTML_ROLE_VICTIM)
			victim = t->pid;
		else if (t->role == OC_HTML_ROLE_RUNNER_UP)
			runner = t->pid;
	}
	fputs("<section class=\"event\"", f);
	attr_i64(f, "data-victim-pid", victim);
	attr_i64(f, "data-runner-up-pid", runner);
	attr_i64(f, "data-totalpages", e->totalpages);
	fputs(">\n<h2>", f);
	esc(f, e->heading);
	fputs("</h2>\n", f);
	findings(f, e);
	memory(f, e);
	tasks(f, e);
	zones(f, e);
	memcgs(f, e);
	fputs("</section>\n", f);
}

struct oc_error *oc_html_write(FILE *out, const struct oc_html_page *p)
{
	const struct oc_html_event *e;
	int i;

	head(out, p);
	fputs("<h1>", out);
	esc(out, p->title);
	fputs("</h1>\n<ul class=\"facts\">\n", out);
	for (i = 0; i < p->n_facts; i++) {
		fputs("<li>", out);
		esc(out, p->facts[i]);
		fputs("</li>\n", out);
	}
	fputs("</ul>\n", out);
	if (p->partial[0]) {
		fputs("<div class=\"partial\"><b>Partial report.</b> ", out);
		esc(out, p->partial);
		fputs("</div>\n", out);
	}
	if (!p->events.len)
		fputs("<p>No OOM event found.</p>\n", out);
	oc_vec_for_each(&p->events, e)
		event(out, e);
	fputs("<footer>Made by oomcore " OOMCORE_VERSION
	      ". Memory in pages unless a unit is shown. This page loads "
	      "nothing and runs no script.</footer>\n</main>\n</body>\n"
	      "</html>\n",
	      out);
	if (ferror(out))
		return oc_error_create(OC_ERR_OTHER,
				       "writing the HTML report failed");
	return NULL;
}

void oc_html_page_release(struct oc_html_page *p)
{
	struct oc_html_event *e;

	oc_vec_for_each(&p->events, e) {
		oc_html_finding_vec_free(&e->findings);
		oc_html_task_vec_free(&e->tasks);
		oc_html_zone_vec_free(&e->zones);
		oc_html_memcg_vec_free(&e->memcgs);
	}
	oc_html_event_vec_free(&p->events);
}

struct oc_error *oc_html_open(const char *path, FILE **ret)
{
	if (!strcmp(path, "-")) {
		*ret = stdout;
		return NULL;
	}
	*ret = fopen(path, "w");
	if (!*ret)
		return oc_error_os(errno, "%s", path);
	return NULL;
}

struct oc_error *oc_html_close(const char *path, FILE *f,
			       struct oc_error *err)
{
	if (f == stdout) {
		if (fflush(f) && !err)
			err = oc_error_os(errno, "writing the HTML report");
		return err;
	}
	if (fclose(f) && !err)
		err = oc_error_os(errno, "%s", path);
	return err;
}
