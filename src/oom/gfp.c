// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * GFP mask decoding per era (include/linux/gfp.h, gfp_types.h) and the
 * flag names of include/trace/events/mmflags.h (__def_gfpflag_names).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "oomcore/gfp.h"

#define B(f) (1ULL << OC_GFP_##f)

struct gfp_bit {
	uint32_t value;
	enum oc_gfp_flag flag;
};

/* 2.6.x-4.3 (3.10 include/linux/gfp.h) */
static const struct gfp_bit layout_wait[] = {
	{ 0x01, OC_GFP_DMA },
	{ 0x02, OC_GFP_HIGHMEM },
	{ 0x04, OC_GFP_DMA32 },
	{ 0x08, OC_GFP_MOVABLE },
	{ 0x10, OC_GFP_WAIT },
	{ 0x20, OC_GFP_HIGH },
	{ 0x40, OC_GFP_IO },
	{ 0x80, OC_GFP_FS },
	{ 0x100, OC_GFP_COLD },
	{ 0x200, OC_GFP_NOWARN },
	{ 0x400, OC_GFP_RETRY_MAYFAIL },
	{ 0x800, OC_GFP_NOFAIL },
	{ 0x1000, OC_GFP_NORETRY },
	{ 0x2000, OC_GFP_MEMALLOC },
	{ 0x4000, OC_GFP_COMP },
	{ 0x8000, OC_GFP_ZERO },
	{ 0x10000, OC_GFP_NOMEMALLOC },
	{ 0x20000, OC_GFP_HARDWALL },
	{ 0x40000, OC_GFP_THISNODE },
	{ 0x80000, OC_GFP_RECLAIMABLE },
	{ 0x100000, OC_GFP_KMEMCG },
	{ 0x200000, OC_GFP_NOTRACK },
	{ 0x400000, OC_GFP_NO_KSWAPD },
	{ 0x800000, OC_GFP_OTHER_NODE },
	{ 0x1000000, OC_GFP_WRITE },
};

/* 4.4-4.9 (4.9 include/linux/gfp.h) */
static const struct gfp_bit layout_4_4[] = {
	{ 0x01, OC_GFP_DMA },
	{ 0x02, OC_GFP_HIGHMEM },
	{ 0x04, OC_GFP_DMA32 },
	{ 0x08, OC_GFP_MOVABLE },
	{ 0x10, OC_GFP_RECLAIMABLE },
	{ 0x20, OC_GFP_HIGH },
	{ 0x40, OC_GFP_IO },
	{ 0x80, OC_GFP_FS },
	{ 0x100, OC_GFP_COLD },
	{ 0x200, OC_GFP_NOWARN },
	{ 0x400, OC_GFP_RETRY_MAYFAIL },
	{ 0x800, OC_GFP_NOFAIL },
	{ 0x1000, OC_GFP_NORETRY },
	{ 0x2000, OC_GFP_MEMALLOC },
	{ 0x4000, OC_GFP_COMP },
	{ 0x8000, OC_GFP_ZERO },
	{ 0x10000, OC_GFP_NOMEMALLOC },
	{ 0x20000, OC_GFP_HARDWALL },
	{ 0x40000, OC_GFP_THISNODE },
	{ 0x80000, OC_GFP_ATOMIC },
	{ 0x100000, OC_GFP_ACCOUNT },
	{ 0x200000, OC_GFP_NOTRACK },
	{ 0x400000, OC_GFP_DIRECT_RECLAIM },
	{ 0x800000, OC_GFP_OTHER_NODE },
	{ 0x1000000, OC_GFP_WRITE },
	{ 0x2000000, OC_GFP_KSWAPD_RECLAIM },
};

/* 4.10-4.14: __GFP_OTHER_NODE gone, the bits above it move down. */
static const struct gfp_bit layout_4_10[] = {
	{ 0x01, OC_GFP_DMA },
	{ 0x02, OC_GFP_HIGHMEM },
	{ 0x04, OC_GFP_DMA32 },
	{ 0x08, OC_GFP_MOVABLE },
	{ 0x10, OC_GFP_RECLAIMABLE },
	{ 0x20, OC_GFP_HIGH },
	{ 0x40, OC_GFP_IO },
	{ 0x80, OC_GFP_FS },
	{ 0x100, OC_GFP_COLD },
	{ 0x200, OC_GFP_NOWARN },
	{ 0x400, OC_GFP_RETRY_MAYFAIL },
	{ 0x800, OC_GFP_NOFAIL },
	{ 0x1000, OC_GFP_NORETRY },
	{ 0x2000, OC_GFP_MEMALLOC },
	{ 0x4000, OC_GFP_COMP },
	{ 0x8000, OC_GFP_ZERO },
	{ 0x10000, OC_GFP_NOMEMALLOC },
	{ 0x20000, OC_GFP_HARDWALL },
	{ 0x40000, OC_GFP_THISNODE },
	{ 0x80000, OC_GFP_ATOMIC },
	{ 0x100000, OC_GFP_ACCOUNT },
	{ 0x200000, OC_GFP_NOTRACK },
	{ 0x400000, OC_GFP_DIRECT_RECLAIM },
	{ 0x800000, OC_GFP_WRITE },
	{ 0x1000000, OC_GFP_KSWAPD_RECLAIM },
	{ 0x2000000, OC_GFP_NOLOCKDEP },
};

/* 4.15-4.20 (4.19 include/linux/gfp.h) */
static const struct gfp_bit layout_4_15[] = {
	{ 0x01, OC_GFP_DMA },
	{ 0x02, OC_GFP_HIGHMEM },
	{ 0x04, OC_GFP_DMA32 },
	{ 0x08, OC_GFP_MOVABLE },
	{ 0x10, OC_GFP_RECLAIMABLE },
	{ 0x20, OC_GFP_HIGH },
	{ 0x40, OC_GFP_IO },
	{ 0x80, OC_GFP_FS },
	{ 0x100, OC_GFP_WRITE },
	{ 0x200, OC_GFP_NOWARN },
	{ 0x400, OC_GFP_RETRY_MAYFAIL },
	{ 0x800, OC_GFP_NOFAIL },
	{ 0x1000, OC_GFP_NORETRY },
	{ 0x2000, OC_GFP_MEMALLOC },
	{ 0x4000, OC_GFP_COMP },
	{ 0x8000, OC_GFP_ZERO },
	{ 0x10000, OC_GFP_NOMEMALLOC },
	{ 0x20000, OC_GFP_HARDWALL },
	{ 0x40000, OC_GFP_THISNODE },
	{ 0x80000, OC_GFP_ATOMIC },
	{ 0x100000, OC_GFP_ACCOUNT },
	{ 0x200000, OC_GFP_DIRECT_RECLAIM },
	{ 0x400000, OC_GFP_KSWAPD_RECLAIM },
	{ 0x800000, OC_GFP_NOLOCKDEP },
};

/* 5.0-6.x (5.10 gfp.h, 6.1 gfp_types.h) */
static const struct gfp_bit layout_5[] = {
	{ 0x01, OC_GFP_DMA },
	{ 0x02, OC_GFP_HIGHMEM },
	{ 0x04, OC_GFP_DMA32 },
	{ 0x08, OC_GFP_MOVABLE },
	{ 0x10, OC_GFP_RECLAIMABLE },
	{ 0x20, OC_GFP_HIGH },
	{ 0x40, OC_GFP_IO },
	{ 0x80, OC_GFP_FS },
	{ 0x100, OC_GFP_ZERO },
	{ 0x200, OC_GFP_ATOMIC },
	{ 0x400, OC_GFP_DIRECT_RECLAIM },
	{ 0x800, OC_GFP_KSWAPD_RECLAIM },
	{ 0x1000, OC_GFP_WRITE },
	{ 0x2000, OC_GFP_NOWARN },
	{ 0x4000, OC_GFP_RETRY_MAYFAIL },
	{ 0x8000, OC_GFP_NOFAIL },
	{ 0x10000, OC_GFP_NORETRY },
	{ 0x20000, OC_GFP_MEMALLOC },
	{ 0x40000, OC_GFP_COMP },
	{ 0x80000, OC_GFP_NOMEMALLOC },
	{ 0x100000, OC_GFP_HARDWALL },
	{ 0x200000, OC_GFP_THISNODE },
	{ 0x400000, OC_GFP_ACCOUNT },
	{ 0x800000, OC_GFP_ZEROTAGS },
	{ 0x1000000, OC_GFP_SKIP_ZERO },
	{ 0x2000000, OC_GFP_SKIP_KASAN_UNPOISON },
	{ 0x4000000, OC_GFP_SKIP_KASAN_POISON },
	{ 0x8000000, OC_GFP_NOLOCKDEP },
};

static const char *const flag_names[OC_GFP_NR_FLAGS] = {
	[OC_GFP_DMA] = "__GFP_DMA",
	[OC_GFP_HIGHMEM] = "__GFP_HIGHMEM",
	[OC_GFP_DMA32] = "__GFP_DMA32",
	[OC_GFP_MOVABLE] = "__GFP_MOVABLE",
	[OC_GFP_RECLAIMABLE] = "__GFP_RECLAIMABLE",
	[OC_GFP_HIGH] = "__GFP_HIGH",
	[OC_GFP_IO] = "__GFP_IO",
	[OC_GFP_FS] = "__GFP_FS",
	[OC_GFP_ZERO] = "__GFP_ZERO",
	[OC_GFP_ATOMIC] = "__GFP_ATOMIC",
	[OC_GFP_DIRECT_RECLAIM] = "__GFP_DIRECT_RECLAIM",
	[OC_GFP_KSWAPD_RECLAIM] = "__GFP_KSWAPD_RECLAIM",
	[OC_GFP_WAIT] = "__GFP_WAIT",
	[OC_GFP_WRITE] = "__GFP_WRITE",
	[OC_GFP_NOWARN] = "__GFP_NOWARN",
	[OC_GFP_RETRY_MAYFAIL] = "__GFP_RETRY_MAYFAIL",
	[OC_GFP_NOFAIL] = "__GFP_NOFAIL",
	[OC_GFP_NORETRY] = "__GFP_NORETRY",
	[OC_GFP_MEMALLOC] = "__GFP_MEMALLOC",
	[OC_GFP_COMP] = "__GFP_COMP",
	[OC_GFP_NOMEMALLOC] = "__GFP_NOMEMALLOC",
	[OC_GFP_HARDWALL] = "__GFP_HARDWALL",
	[OC_GFP_THISNODE] = "__GFP_THISNODE",
	[OC_GFP_ACCOUNT] = "__GFP_ACCOUNT",
	[OC_GFP_COLD] = "__GFP_COLD",
	[OC_GFP_NOTRACK] = "__GFP_NOTRACK",
	[OC_GFP_NO_KSWAPD] = "__GFP_NO_KSWAPD",
	[OC_GFP_OTHER_NODE] = "__GFP_OTHER_NODE",
	[OC_GFP_KMEMCG] = "__GFP_KMEMCG",
	[OC_GFP_NOLOCKDEP] = "__GFP_NOLOCKDEP",
	[OC_GFP_ZEROTAGS] = "__GFP_ZEROTAGS",
	[OC_GFP_SKIP_ZERO] = "__GFP_SKIP_ZERO",
	[OC_GFP_SKIP_KASAN_UNPOISON] = "__GFP_SKIP_KASAN_UNPOISON",
	[OC_GFP_SKIP_KASAN_POISON] = "__GFP_SKIP_KASAN_POISON",
};

/*
 * Composite names, most specific first as in mmflags.h; flag sets differ
 * between the __GFP_WAIT era and the reclaim-bits era.
 */
#define RECLAIM (B(DIRECT_RECLAIM) | B(KSWAPD_RECLAIM))
#define R_KERNEL (RECLAIM | B(IO) | B(FS))
#define R_USER (R_KERNEL | B(HARDWALL))
#define R_HIGHUSER_MOVABLE (R_USER | B(HIGHMEM) | B(MOVABLE))
#define R_TRANSHUGE_LIGHT                                                  \
	(B(HIGHMEM) | B(MOVABLE) | B(IO) | B(FS) | B(HARDWALL) | B(COMP) | \
	 B(NOMEMALLOC) | B(NOWARN))
#define W_KERNEL (B(WAIT) | B(IO) | B(FS))
#define W_USER (W_KERNEL | B(HARDWALL))
#define W_HIGHUSER_MOVABLE (W_USER | B(HIGHMEM) | B(MOVABLE))

struct gfp_combo {
	const char *name;
	uint64_t flags;
};

static const struct gfp_combo combos_reclaim[] = {
	{ "GFP_TRANSHUGE", R_TRANSHUGE_LIGHT | B(DIRECT_RECLAIM) },
	{ "GFP_TRANSHUGE_LIGHT", R_TRANSHUGE_LIGHT },
	{ "GFP_HIGHUSER_MOVABLE", R_HIGHUSER_MOVABLE },
	{ "GFP_HIGHUSER", R_USER | B(HIGHMEM) },
	{ "GFP_USER", R_USER },
	{ "GFP_KERNEL_ACCOUNT", R_KERNEL | B(ACCOUNT) },
	{ "GFP_KERNEL", R_KERNEL },
	{ "GFP_NOFS", RECLAIM | B(IO) },
	{ "GFP_ATOMIC", B(HIGH) | B(ATOMIC) | B(KSWAPD_RECLAIM) },
	{ "GFP_NOIO", RECLAIM },
	{ "GFP_NOWAIT", B(KSWAPD_RECLAIM) },
	{ "GFP_DMA", B(DMA) },
	{ "GFP_DMA32", B(DMA32) },
	{ "__GFP_RECLAIM", RECLAIM },
};

static const struct gfp_combo combos_wait[] = {
	{ "GFP_TRANSHUGE", W_HIGHUSER_MOVABLE | B(COMP) | B(NOMEMALLOC) |
				   B(NORETRY) | B(NOWARN) | B(NO_KSWAPD) },
	{ "GFP_HIGHUSER_MOVABLE", W_HIGHUSER_MOVABLE },
	{ "GFP_HIGHUSER", W_USER | B(HIGHMEM) },
	{ "GFP_USER", W_USER },
	{ "GFP_TEMPORARY", W_KERNEL | B(RECLAIMABLE) },
	{ "GFP_KERNEL", W_KERNEL },
	{ "GFP_NOFS", B(WAIT) | B(IO) },
	{ "GFP_NOIO", B(WAIT) },
	{ "GFP_ATOMIC", B(HIGH) },
	{ "GFP_DMA", B(DMA) },
	{ "GFP_DMA32", B(DMA32) },
};

/* Names only seen in text of some eras, mapped to flags. */
static const struct gfp_combo text_aliases[] = {
	{ "__GFP_REPEAT", B(RETRY_MAYFAIL) },
	{ "GFP_TEMPORARY", R_KERNEL | B(RECLAIMABLE) },
	{ "GFP_NOWAIT", B(KSWAPD_RECLAIM) },
	{ "GFP_IOFS", B(IO) | B(FS) },
	{ "GFP_THISNODE", B(THISNODE) | B(NOWARN) | B(NORETRY) },
	{ "GFP_HIGHUSER_MOVABLE_NOCMA", 0 },
	{ "none", 0 },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct gfp_bit *layout_table(enum oc_gfp_layout l, size_t *n)
{
	switch (l) {
	case OC_GFP_LAYOUT_WAIT:
		*n = ARRAY_SIZE(layout_wait);
		return layout_wait;
	case OC_GFP_LAYOUT_4_4:
		*n = ARRAY_SIZE(layout_4_4);
		return layout_4_4;
	case OC_GFP_LAYOUT_4_10:
		*n = ARRAY_SIZE(layout_4_10);
		return layout_4_10;
	case OC_GFP_LAYOUT_4_15:
		*n = ARRAY_SIZE(layout_4_15);
		return layout_4_15;
	case OC_GFP_LAYOUT_5:
		break;
	}
	*n = ARRAY_SIZE(layout_5);
	return layout_5;
}

enum oc_gfp_layout oc_gfp_layout_for_version(int major, int minor)
{
	int v = major * 1000 + minor;

	if (v < 4004)
		return OC_GFP_LAYOUT_WAIT;
	if (v < 4010)
		return OC_GFP_LAYOUT_4_4;
	if (v < 4015)
		return OC_GFP_LAYOUT_4_10;
	if (v < 5000)
		return OC_GFP_LAYOUT_4_15;
	return OC_GFP_LAYOUT_5;
}

const char *oc_gfp_layout_name(enum oc_gfp_layout l)
{
	switch (l) {
	case OC_GFP_LAYOUT_WAIT:
		return "2.6-4.3";
	case OC_GFP_LAYOUT_4_4:
		return "4.4-4.9";
	case OC_GFP_LAYOUT_4_10:
		return "4.10-4.14";
	case OC_GFP_LAYOUT_4_15:
		return "4.15-4.20";
	case OC_GFP_LAYOUT_5:
		return "5.0+";
	}
	return "?";
}

void oc_gfp_from_mask(uint64_t mask, enum oc_gfp_layout layout,
		      struct oc_gfp *g)
{
	size_t n, i;
	const struct gfp_bit *t = layout_table(layout, &n);
	uint64_t left = mask;

	g->flags = 0;
	for (i = 0; i < n; i++) {
		if (mask & t[i].value) {
			g->flags |= 1ULL << t[i].flag;
			left &= ~(uint64_t)t[i].value;
		}
	}
	g->complete = left == 0;
}

static void append(char *buf, size_t size, size_t *pos, const char *s)
{
	int n;

	if (*pos >= size)
		return;
	n = snprintf(buf + *pos, size - *pos, "%s%s", *pos ? "|" : "", s);
	if (n < 0)
		return;
	*pos += (size_t)n;
	if (*pos >= size)
		*pos = size - 1;
}

bool oc_gfp_format(uint64_t mask, enum oc_gfp_layout layout, char *buf,
		   size_t size)
{
	struct oc_gfp g;
	const struct gfp_combo *combos;
	size_t ncombos, i, pos = 0, n;
	const struct gfp_bit *t = layout_table(layout, &n);
	uint64_t left;
	char hex[32];

	if (!size)
		return false;
	buf[0] = '\0';
	if (!mask) {
		snprintf(buf, size, "none");
		return true;
	}
	oc_gfp_from_mask(mask, layout, &g);
	if (layout == OC_GFP_LAYOUT_WAIT) {
		combos = combos_wait;
		ncombos = ARRAY_SIZE(combos_wait);
	} else {
		combos = combos_reclaim;
		ncombos = ARRAY_SIZE(combos_reclaim);
	}
	left = g.flags;
	for (i = 0; i < ncombos; i++) {
		if ((left & combos[i].flags) == combos[i].flags) {
			append(buf, size, &pos, combos[i].name);
			left &= ~combos[i].flags;
		}
	}
	for (i = 0; i < OC_GFP_NR_FLAGS; i++) {
		if (left & (1ULL << i))
			append(buf, size, &pos, flag_names[i]);
	}
	/* bits without a name */
	for (i = 0; i < n; i++)
		mask &= ~(uint64_t)t[i].value;
	if (mask) {
		snprintf(hex, sizeof(hex), "%#llx", (unsigned long long)mask);
		append(buf, size, &pos, hex);
	}
	return g.complete;
}

static bool lookup_name(const char *name, size_t len, uint64_t *flags)
{
	size_t i;

	for (i = 0; i < OC_GFP_NR_FLAGS; i++) {
		if (strlen(flag_names[i]) == len &&
		    !strncmp(flag_names[i], name, len)) {
			*flags = 1ULL << i;
			return true;
		}
	}
	for (i = 0; i < ARRAY_SIZE(combos_reclaim); i++) {
		if (strlen(combos_reclaim[i].name) == len &&
		    !strncmp(combos_reclaim[i].name, name, len)) {
			*flags = combos_reclaim[i].flags;
			return true;
		}
	}
	for (i = 0; i < ARRAY_SIZE(text_aliases); i++) {
		if (strlen(text_aliases[i].name) == len &&
		    !strncmp(text_aliases[i].name, name, len)) {
			*flags = text_aliases[i].flags;
			return true;
		}
	}
	return false;
}

void oc_gfp_from_text(const char *text, struct oc_gfp *g)
{
	const char *p = text, *q;
	uint64_t f;

	g->flags = 0;
	g->complete = true;
	while (*p) {
		while (*p == '(' || *p == '|' || *p == ' ' || *p == ')')
			p++;
		if (!*p)
			break;
		q = p;
		while (*q && *q != '|' && *q != ')' && *q != ' ')
			q++;
		if (q - p > 2 && p[0] == '0' && p[1] == 'x') {
			g->complete = false; /* leftover bits: no layout */
		} else if (lookup_name(p, (size_t)(q - p), &f)) {
			g->flags |= f;
		} else {
			g->complete = false;
		}
		p = q;
	}
}

enum oc_zone_type oc_gfp_highest_zone(const struct oc_gfp *g)
{
	if (oc_gfp_test(g, OC_GFP_DMA))
		return OC_ZONE_DMA;
	if (oc_gfp_test(g, OC_GFP_DMA32))
		return OC_ZONE_DMA32;
	if (oc_gfp_test(g, OC_GFP_HIGHMEM))
		return oc_gfp_test(g, OC_GFP_MOVABLE) ? OC_ZONE_MOVABLE :
							OC_ZONE_HIGHMEM;
	return OC_ZONE_NORMAL;
}

static const char *const zone_names[] = {
	[OC_ZONE_DMA] = "DMA",	       [OC_ZONE_DMA32] = "DMA32",
	[OC_ZONE_NORMAL] = "Normal",   [OC_ZONE_HIGHMEM] = "HighMem",
	[OC_ZONE_MOVABLE] = "Movable", [OC_ZONE_UNKNOWN] = "?",
};

enum oc_zone_type oc_zone_type_from_name(const char *name)
{
	int i;

	for (i = 0; i < OC_ZONE_UNKNOWN; i++) {
		if (!strcasecmp(name, zone_names[i]))
			return (enum oc_zone_type)i;
	}
	return OC_ZONE_UNKNOWN;
}

const char *oc_zone_type_name(enum oc_zone_type z)
{
	if ((unsigned int)z > OC_ZONE_UNKNOWN)
		z = OC_ZONE_UNKNOWN;
	return zone_names[z];
}

bool oc_gfp_can_reclaim(const struct oc_gfp *g)
{
	return oc_gfp_test(g, OC_GFP_DIRECT_RECLAIM) ||
	       oc_gfp_test(g, OC_GFP_WAIT);
}
