// SPDX-License-Identifier: GPL-2.0-or-later
/* DWARF type lookup with on-demand CU indexing: see dwarf_types.h. */
#include <dwarf.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "oomcore/strmap.h"
#include "oomcore/vector.h"
#include "target/dwarf_types.h"

/* Namespaces of the name index. */
enum {
	NS_STRUCT = 's',
	NS_UNION = 'u',
	NS_ENUM = 'e',
	NS_TYPEDEF = 't',
	NS_BASE = 'b',
	NS_ENUMERATOR = 'n',
};

struct cu {
	Dwarf_Off die_off;	/* offset of the CU DIE */
	const char *name;	/* DW_AT_name (in .debug_str), may be NULL */
	bool indexed;
};

OC_DEFINE_VECTOR(cu_vec, struct cu)

/* Whether names missing from .debug_str are known to be undefined. */
enum str_filter {
	FILTER_UNKNOWN,
	FILTER_PROBING,
	FILTER_ON,
	FILTER_OFF,
};

struct oc_dwarf_types {
	Dwarf *dwarf;
	Elf *elf;
	enum str_filter filter;
	const char *strs;	/* .debug_str, when the filter is on */
	size_t strs_len;
	struct cu_vec cus;
	size_t next_unindexed;	/* CUs before this are all indexed */
	size_t nindexed;
	size_t nhinted;		/* CUs named in hint_cus[] */
	struct oc_strmap names;	/* (ns, name) -> DIE offset / value */
	/* Enumerator values are stored in their own map. */
	struct oc_strmap enumerators;
};

/*
 * Compile units that define most of what the walkers ask for, in the order
 * they are indexed before any other unit. Matched as path suffixes.
 */
static const char *const hint_cus[] = {
	"mm/oom_kill.c",
	"mm/page_alloc.c",
	"mm/memcontrol.c",
	"kernel/printk/printk.c",
	"kernel/printk/printk_ringbuffer.c",
	"mm/vmstat.c",
	"kernel/fork.c",
	"kernel/cgroup/cgroup.c",
	"mm/swapfile.c",
	"mm/hugetlb.c",
};

#define NHINTS (sizeof(hint_cus) / sizeof(hint_cus[0]))

static bool has_suffix(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && !strcmp(s + ls - lx, suffix) &&
	       (ls == lx || s[ls - lx - 1] == '/');
}

static struct oc_error *dwarf_err(const char *what)
{
	return oc_error_create(OC_ERR_FORMAT, "%s: %s", what,
			       dwarf_errmsg(-1));
}

/* A section by name, when present with contents and not compressed. */
static Elf_Scn *find_section(Elf *elf, const char *name, GElf_Shdr *shdr)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(elf, &shstrndx) != 0)
		return NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *sname;

		if (!gelf_getshdr(scn, shdr) ||
		    !(sname = elf_strptr(elf, shstrndx, shdr->sh_name)) ||
		    strcmp(sname, name))
			continue;
		if (shdr->sh_type != SHT_PROGBITS || !shdr->sh_size ||
		    (shdr->sh_flags & SHF_COMPRESSED))
			return NULL;
		return scn;
	}
	return NULL;
}

/* The contents of a section (mapped, not copied), or NULL. */
static const uint8_t *section_data(Elf *elf, const char *name, size_t *size)
{
	GElf_Shdr shdr;
	Elf_Scn *scn = find_section(elf, name, &shdr);
	Elf_Data *data = scn ? elf_getdata(scn, NULL) : NULL;

	if (!data || !data->d_buf || data->d_size != shdr.sh_size)
		return NULL;
	*size = data->d_size;
	return data->d_buf;
}

/* Bounded little-endian DWARF reads; ->ok turns false past the end. */
struct rd {
	const uint8_t *p, *end;
	bool ok;
};

static uint64_t rd_uint(struct rd *r, size_t n)
{
	uint64_t v = 0;

	if (!r->ok || (size_t)(r->end - r->p) < n) {
		r->ok = false;
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		v |= (uint64_t)r->p[i] << (8 * i);
	r->p += n;
	return v;
}

static inline uint64_t rd_leb(struct rd *r)
{
	uint64_t v = 0;

	/* One byte is the common case: abbreviation codes, tags, forms. */
	if (r->ok && r->p < r->end && *r->p < 0x80)
		return *r->p++;
	for (unsigned int shift = 0; r->ok; shift += 7) {
		uint8_t b = rd_uint(r, 1);

		if (shift < 64)
			v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			break;
	}
	return v;
}

static void rd_skip(struct rd *r, uint64_t n)
{
	if (!r->ok || (uint64_t)(r->end - r->p) < n)
		r->ok = false;
	else
		r->p += n;
}

/*
 * Skips one attribute value of @form; false for forms not expected in a
 * compile unit's DIE (the caller then falls back to libdw).
 */
static bool skip_form(struct rd *r, uint64_t form, int offsz, int addrsz,
		      int version)
{
	static const uint8_t fixed[] = {
		[DW_FORM_data1] = 1, [DW_FORM_ref1] = 1, [DW_FORM_flag] = 1,
		[DW_FORM_strx1] = 1, [DW_FORM_addrx1] = 1,
		[DW_FORM_data2] = 2, [DW_FORM_ref2] = 2, [DW_FORM_strx2] = 2,
		[DW_FORM_addrx2] = 2, [DW_FORM_strx3] = 3,
		[DW_FORM_addrx3] = 3, [DW_FORM_data4] = 4, [DW_FORM_ref4] = 4,
		[DW_FORM_ref_sup4] = 4, [DW_FORM_strx4] = 4,
		[DW_FORM_addrx4] = 4, [DW_FORM_data8] = 8, [DW_FORM_ref8] = 8,
		[DW_FORM_ref_sig8] = 8, [DW_FORM_ref_sup8] = 8,
		[DW_FORM_data16] = 16,
	};

	switch (form) {
	case DW_FORM_addr:
		rd_skip(r, addrsz);
		break;
	case DW_FORM_ref_addr:
		rd_skip(r, version == 2 ? addrsz : offsz);
		break;
	case DW_FORM_strp:
	case DW_FORM_line_strp:
	case DW_FORM_sec_offset:
	case DW_FORM_strp_sup:
		rd_skip(r, offsz);
		break;
	case DW_FORM_string:
		while (r->ok && rd_uint(r, 1))
			;
		break;
	case DW_FORM_sdata:
	case DW_FORM_udata:
	case DW_FORM_ref_udata:
	case DW_FORM_strx:
	case DW_FORM_addrx:
	case DW_FORM_loclistx:
	case DW_FORM_rnglistx:
		rd_leb(r);
		break;
	case DW_FORM_block1:
		rd_skip(r, rd_uint(r, 1));
		break;
	case DW_FORM_block2:
		rd_skip(r, rd_uint(r, 2));
		break;
	case DW_FORM_block4:
		rd_skip(r, rd_uint(r, 4));
		break;
	case DW_FORM_block:
	case DW_FORM_exprloc:
		rd_skip(r, rd_leb(r));
		break;
	case DW_FORM_flag_present:
	case DW_FORM_implicit_const:
		break;
	default:
		if (form >= sizeof(fixed) || !fixed[form])
			return false;
		rd_skip(r, fixed[form]);
	}
	return r->ok;
}

/*
 * The compile units and their names, read with pread() from the file
 * rather than through libdw: touching 2,000+ unit headers through the
 * mapping faults in 64 KiB around each (fault-around), 150 MB of RSS on a
 * distribution vmlinux, and libdw parses each unit's abbreviations. Only
 * the common shapes are read (DWARF 2-5 compile units, little-endian,
 * names in .debug_str or .debug_line_str); false means "use libdw".
 */
static bool read_cus_fast(struct oc_dwarf_types *dt, int fd)
{
	size_t info_size, abbrev_size, str_size, lstr_size = 0;
	const uint8_t *abbrevs, *strs, *lstrs;
	GElf_Shdr info_shdr;
	GElf_Ehdr ehdr;
	uint64_t off = 0;

	if (fd < 0 || !gelf_getehdr(dt->elf, &ehdr) ||
	    ehdr.e_ident[EI_DATA] != ELFDATA2LSB ||
	    !find_section(dt->elf, ".debug_info", &info_shdr) ||
	    !(abbrevs = section_data(dt->elf, ".debug_abbrev", &abbrev_size)) ||
	    !(strs = section_data(dt->elf, ".debug_str", &str_size)))
		return false;
	info_size = info_shdr.sh_size;
	lstrs = section_data(dt->elf, ".debug_line_str", &lstr_size);
	while (off < info_size) {
		uint8_t buf[256];
		struct rd r = { buf, buf, true }, a;
		uint64_t len, abbrev_off, code, name_off = 0, next;
		int offsz = 4, addrsz, version;
		const uint8_t *names = NULL;
		size_t names_size = 0;
		ssize_t got;
		struct cu *cu;

		got = pread(fd, buf, sizeof(buf), info_shdr.sh_offset + off);
		if (got < 16)
			return false;
		r.end = buf + got;
		len = rd_uint(&r, 4);
		if (len == 0xffffffff) {
			len = rd_uint(&r, 8);
			offsz = 8;
		} else if (len >= 0xfffffff0) {
			return false;
		}
		next = off + (offsz == 8 ? 12 : 4) + len;
		version = rd_uint(&r, 2);
		if (version == 5) {
			uint64_t type = rd_uint(&r, 1);

			if (type != DW_UT_compile && type != DW_UT_partial)
				return false;
			addrsz = rd_uint(&r, 1);
			abbrev_off = rd_uint(&r, offsz);
		} else if (version >= 2 && version <= 4) {
			abbrev_off = rd_uint(&r, offsz);
			addrsz = rd_uint(&r, 1);
		} else {
			return false;
		}
		cu = cu_vec_push(&dt->cus);
		if (!cu || !r.ok || next > info_size || next <= off ||
		    abbrev_off >= abbrev_size)
			return false;
		cu->die_off = off + (r.p - buf);
		code = rd_leb(&r);
		/* The unit's abbreviation @code, from its table. */
		a = (struct rd){ abbrevs + abbrev_off, abbrevs + abbrev_size,
				 true };
		while (a.ok) {
			uint64_t c = rd_leb(&a), tag, at, form;

			if (!c)
				return false;
			tag = rd_leb(&a);
			rd_uint(&a, 1);	/* children */
			if (c == code && tag != DW_TAG_compile_unit &&
			    tag != DW_TAG_partial_unit)
				return false;
			while (a.ok) {
				at = rd_leb(&a);
				form = rd_leb(&a);
				if (!at && !form)
					break;
				if (form == DW_FORM_implicit_const)
					rd_leb(&a);
				if (c != code)
					continue;
				if (at == DW_AT_name) {
					if (form == DW_FORM_strp) {
						names = strs;
						names_size = str_size;
					} else if (form == DW_FORM_line_strp) {
						names = lstrs;
						names_size = lstr_size;
					}
					if (!names)
						return false;
					name_off = rd_uint(&r, offsz);
					break;
				}
				if (!skip_form(&r, form, offsz, addrsz,
					       version))
					return false;
			}
			if (c == code)
				break;
		}
		if (!a.ok || !r.ok || (names && name_off >= names_size))
			return false;
		if (names) {
			cu->name = (const char *)names + name_off;
			if (!memchr(cu->name, '\0', names_size - name_off))
				return false;
		}
		off = next;
	}
	return dt->cus.len > 0;
}

/* Counts the compile units named in hint_cus[]. */
static void count_hinted(struct oc_dwarf_types *dt)
{
	dt->nhinted = 0;
	for (size_t i = 0; i < dt->cus.len; i++) {
		const char *name = dt->cus.data[i].name;

		for (size_t h = 0; name && h < NHINTS; h++) {
			if (has_suffix(name, hint_cus[h])) {
				dt->nhinted++;
				break;
			}
		}
	}
}

struct oc_error *oc_dwarf_types_open(Elf *elf, int fd,
				     struct oc_dwarf_types **ret)
{
	struct oc_dwarf_types *dt;
	Dwarf_Off off = 0, next;
	size_t hsize;

	dt = calloc(1, sizeof(*dt));
	if (!dt)
		return &oc_enomem;
	dt->elf = elf;
	dt->dwarf = dwarf_begin_elf(elf, DWARF_C_READ, NULL);
	if (!dt->dwarf) {
		free(dt);
		return oc_error_create(OC_ERR_NOT_FOUND,
				       "vmlinux has no DWARF debug info (%s)",
				       dwarf_errmsg(-1));
	}
	if (read_cus_fast(dt, fd))
		goto done;
	dt->cus.len = 0;
	while (dwarf_nextcu(dt->dwarf, off, &next, &hsize, NULL, NULL,
			    NULL) == 0) {
		Dwarf_Die die;
		struct cu *cu;

		if (dwarf_offdie(dt->dwarf, off + hsize, &die)) {
			cu = cu_vec_push(&dt->cus);
			if (!cu) {
				oc_dwarf_types_free(dt);
				return &oc_enomem;
			}
			cu->die_off = off + hsize;
			cu->name = dwarf_diename(&die);
		}
		off = next;
	}
done:
	count_hinted(dt);
	if (!dt->cus.len) {
		oc_dwarf_types_free(dt);
		return oc_error_create(OC_ERR_NOT_FOUND,
				       "vmlinux has no DWARF compile units");
	}
	*ret = dt;
	return NULL;
}

void oc_dwarf_types_free(struct oc_dwarf_types *dt)
{
	if (!dt)
		return;
	oc_strmap_free(&dt->names);
	oc_strmap_free(&dt->enumerators);
	cu_vec_free(&dt->cus);
	dwarf_end(dt->dwarf);
	free(dt);
}

void oc_dwarf_types_stats(const struct oc_dwarf_types *dt, size_t *indexed,
			  size_t *total)
{
	*indexed = dt->nindexed;
	*total = dt->cus.len;
}

static bool is_declaration(Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	bool flag = false;

	if (dwarf_attr(die, DW_AT_declaration, &attr))
		dwarf_formflag(&attr, &flag);
	return flag;
}

static bool index_enumerators(struct oc_dwarf_types *dt, Dwarf_Die *enum_die)
{
	Dwarf_Die child;

	if (dwarf_child(enum_die, &child) != 0)
		return true;
	do {
		Dwarf_Attribute attr;
		Dwarf_Sword sval;
		Dwarf_Word uval;
		const char *name;
		uint64_t v;

		if (dwarf_tag(&child) != DW_TAG_enumerator)
			continue;
		name = dwarf_diename(&child);
		if (!name || !dwarf_attr(&child, DW_AT_const_value, &attr))
			continue;
		if (dwarf_formsdata(&attr, &sval) == 0)
			v = (uint64_t)sval;
		else if (dwarf_formudata(&attr, &uval) == 0)
			v = uval;
		else
			continue;
		if (!oc_strmap_insert(&dt->enumerators, NS_ENUMERATOR, name,
				      v))
			return false;
	} while (dwarf_siblingof(&child, &child) == 0);
	return true;
}

/* Adds the named top-level types and enumerators of one CU to the index. */
static struct oc_error *index_cu(struct oc_dwarf_types *dt, struct cu *cu)
{
	Dwarf_Die cu_die, die;

	cu->indexed = true;
	dt->nindexed++;
	if (!dwarf_offdie(dt->dwarf, cu->die_off, &cu_die))
		return dwarf_err("reading a compile unit");
	if (dwarf_child(&cu_die, &die) != 0)
		return NULL;
	do {
		int tag = dwarf_tag(&die);
		const char *name;
		uint8_t ns;

		switch (tag) {
		case DW_TAG_structure_type:
			ns = NS_STRUCT;
			break;
		case DW_TAG_union_type:
			ns = NS_UNION;
			break;
		case DW_TAG_enumeration_type:
			ns = NS_ENUM;
			if (!index_enumerators(dt, &die))
				return &oc_enomem;
			break;
		case DW_TAG_typedef:
			ns = NS_TYPEDEF;
			break;
		case DW_TAG_base_type:
			ns = NS_BASE;
			break;
		default:
			continue;
		}
		name = dwarf_diename(&die);
		if (!name || is_declaration(&die))
			continue;
		if (!oc_strmap_insert(&dt->names, ns, name, dwarf_dieoffset(&die)))
			return &oc_enomem;
	} while (dwarf_siblingof(&die, &die) == 0);
	return NULL;
}

/*
 * Indexes the next CU that is not indexed yet, hinted ones first.
 * Returns false when every CU is indexed.
 */
static bool index_next(struct oc_dwarf_types *dt, struct oc_error **err)
{
	*err = NULL;
	for (size_t h = 0; h < sizeof(hint_cus) / sizeof(hint_cus[0]); h++) {
		for (size_t i = 0; i < dt->cus.len; i++) {
			struct cu *cu = &dt->cus.data[i];

			if (!cu->indexed && cu->name &&
			    has_suffix(cu->name, hint_cus[h])) {
				*err = index_cu(dt, cu);
				return true;
			}
		}
	}
	while (dt->next_unindexed < dt->cus.len) {
		struct cu *cu = &dt->cus.data[dt->next_unindexed++];

		if (!cu->indexed) {
			*err = index_cu(dt, cu);
			return true;
		}
	}
	return false;
}

static bool in_strs(struct oc_dwarf_types *dt, const char *name)
{
	size_t n = strlen(name) + 1;	/* "NAME\0", maybe a merged tail */

	return memmem(dt->strs, dt->strs_len, name, n) != NULL;
}

static struct oc_error *find_name(struct oc_dwarf_types *dt,
				  struct oc_strmap *map, uint8_t ns,
				  const char *name, uint64_t *value);

/*
 * Turns the .debug_str filter on when it can be trusted: .debug_str is a
 * mergeable string section (then GCC and clang put every name longer than
 * a string offset in it, not inline in .debug_info) and a name known to be
 * defined, task_struct's, is found in it.
 */
static void probe_filter(struct oc_dwarf_types *dt)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;
	uint64_t off;
	struct oc_error *err;

	dt->filter = FILTER_PROBING;
	if (elf_getshdrstrndx(dt->elf, &shstrndx) != 0)
		goto off;
	while ((scn = elf_nextscn(dt->elf, scn))) {
		GElf_Shdr shdr;
		const char *sname;
		Elf_Data *data;

		if (!gelf_getshdr(scn, &shdr))
			continue;
		sname = elf_strptr(dt->elf, shstrndx, shdr.sh_name);
		if (!sname || strcmp(sname, ".debug_str"))
			continue;
		if ((shdr.sh_flags & (SHF_MERGE | SHF_STRINGS)) !=
			    (SHF_MERGE | SHF_STRINGS) ||
		    (shdr.sh_flags & SHF_COMPRESSED))
			goto off;
		data = elf_getdata(scn, NULL);
		if (!data || !data->d_buf || !data->d_size)
			goto off;
		dt->strs = data->d_buf;
		dt->strs_len = data->d_size;
		break;
	}
	if (!dt->strs)
		goto off;
	err = find_name(dt, &dt->names, NS_STRUCT, "task_struct", &off);
	if (err || !in_strs(dt, "task_struct")) {
		oc_error_free(err);
		goto off;
	}
	dt->filter = FILTER_ON;
	return;
off:
	dt->filter = FILTER_OFF;
}

/*
 * Whether @name is surely not defined anywhere: true when the filter is
 * on, the name is longer than any string offset (8 bytes) and it is not in
 * .debug_str. A lookup of a missing name then costs one memmem() over
 * .debug_str instead of indexing every compile unit.
 */
static bool surely_undefined(struct oc_dwarf_types *dt, const char *name)
{
	if (strlen(name) <= 8)
		return false;
	if (dt->filter == FILTER_UNKNOWN)
		probe_filter(dt);
	return dt->filter == FILTER_ON && !in_strs(dt, name);
}

/* Finds a name in namespace @ns, indexing more CUs until it appears. */
static struct oc_error *find_name(struct oc_dwarf_types *dt,
				  struct oc_strmap *map, uint8_t ns,
				  const char *name, uint64_t *value)
{
	struct oc_error *err;
	bool checked = false;

	while (!oc_strmap_find(map, ns, name, value)) {
		/* Before the first unhinted CU, which starts a full scan. */
		if (!checked && dt->nindexed >= dt->nhinted) {
			checked = true;
			if (surely_undefined(dt, name))
				goto not_found;
		}
		if (!index_next(dt, &err))
			goto not_found;
		if (err)
			return err;
	}
	return NULL;
not_found:
	return oc_error_create(OC_ERR_NOT_FOUND,
			       "%s%s not found in the vmlinux DWARF",
			       ns == NS_ENUMERATOR ? "enumerator " : "type ",
			       name);
}

/* Parses "struct foo" etc. and returns the DIE of the named type. */
static struct oc_error *find_type(struct oc_dwarf_types *dt, const char *type,
				  Dwarf_Die *die)
{
	static const struct {
		const char *prefix;
		uint8_t ns;
	} prefixes[] = {
		{ "struct ", NS_STRUCT },
		{ "union ", NS_UNION },
		{ "enum ", NS_ENUM },
	};
	struct oc_error *err;
	uint64_t off;

	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(prefixes[i].prefix);

		if (!strncmp(type, prefixes[i].prefix, n)) {
			err = find_name(dt, &dt->names, prefixes[i].ns,
					type + n, &off);
			goto found;
		}
	}
	/* A typedef or a base type: typedefs are far more common. */
	err = find_name(dt, &dt->names, NS_TYPEDEF, type, &off);
	if (err && err->code == OC_ERR_NOT_FOUND) {
		oc_error_free(err);
		err = find_name(dt, &dt->names, NS_BASE, type, &off);
	}
found:
	if (err)
		return err;
	if (!dwarf_offdie(dt->dwarf, off, die))
		return dwarf_err(type);
	return NULL;
}

/* Follows typedefs and qualifiers to the underlying type. */
static bool strip_type(Dwarf_Die *die)
{
	for (int depth = 0; depth < 64; depth++) {
		Dwarf_Attribute attr;

		switch (dwarf_tag(die)) {
		case DW_TAG_typedef:
		case DW_TAG_const_type:
		case DW_TAG_volatile_type:
		case DW_TAG_restrict_type:
		case DW_TAG_atomic_type:
			if (!dwarf_attr(die, DW_AT_type, &attr) ||
			    !dwarf_formref_die(&attr, die))
				return false;
			break;
		default:
			return true;
		}
	}
	return false;
}

static bool type_of(Dwarf_Die *die, Dwarf_Die *type)
{
	Dwarf_Attribute attr;

	return dwarf_attr(die, DW_AT_type, &attr) &&
	       dwarf_formref_die(&attr, type);
}

/* Appends a C spelling of @die's type to @buf (bounded, best effort). */
static void type_name(Dwarf_Die *die, char *buf, size_t size, int depth)
{
	Dwarf_Die inner, sub;
	const char *name = dwarf_diename(die);
	size_t len = strlen(buf);
	Dwarf_Word n;

	if (depth > 8 || len + 1 >= size)
		return;
	switch (dwarf_tag(die)) {
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
	case DW_TAG_enumeration_type:
		snprintf(buf + len, size - len, "%s %s",
			 dwarf_tag(die) == DW_TAG_structure_type ? "struct" :
			 dwarf_tag(die) == DW_TAG_union_type	 ? "union" :
								   "enum",
			 name ? name : "<anonymous>");
		break;
	case DW_TAG_pointer_type:
		if (type_of(die, &inner))
			type_name(&inner, buf, size, depth + 1);
		else
			snprintf(buf + len, size - len, "void");
		len = strlen(buf);
		snprintf(buf + len, size - len, " *");
		break;
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
		snprintf(buf + len, size - len, "%s ",
			 dwarf_tag(die) == DW_TAG_const_type ? "const" :
							       "volatile");
		if (type_of(die, &inner))
			type_name(&inner, buf, size, depth + 1);
		break;
	case DW_TAG_array_type:
		if (type_of(die, &inner))
			type_name(&inner, buf, size, depth + 1);
		if (dwarf_child(die, &sub) != 0)
			break;
		do {
			Dwarf_Attribute attr;

			if (dwarf_tag(&sub) != DW_TAG_subrange_type)
				continue;
			len = strlen(buf);
			if (dwarf_attr(&sub, DW_AT_count, &attr) &&
			    dwarf_formudata(&attr, &n) == 0)
				snprintf(buf + len, size - len, "[%lu]",
					 (unsigned long)n);
			else if (dwarf_attr(&sub, DW_AT_upper_bound, &attr) &&
				 dwarf_formudata(&attr, &n) == 0)
				snprintf(buf + len, size - len, "[%lu]",
					 (unsigned long)n + 1);
			else
				snprintf(buf + len, size - len, "[]");
		} while (dwarf_siblingof(&sub, &sub) == 0);
		break;
	case DW_TAG_subroutine_type:
		snprintf(buf + len, size - len, "function");
		break;
	default:
		snprintf(buf + len, size - len, "%s", name ? name : "?");
	}
}

/* Length of the first dimension of an array type; 0 for flexible. */
static uint64_t array_len(Dwarf_Die *array)
{
	Dwarf_Die sub;
	Dwarf_Attribute attr;
	Dwarf_Word n;

	if (dwarf_child(array, &sub) != 0)
		return 0;
	do {
		if (dwarf_tag(&sub) != DW_TAG_subrange_type)
			continue;
		if (dwarf_attr(&sub, DW_AT_count, &attr) &&
		    dwarf_formudata(&attr, &n) == 0)
			return n;
		if (dwarf_attr(&sub, DW_AT_upper_bound, &attr) &&
		    dwarf_formudata(&attr, &n) == 0)
			return n + 1;
		return 0;
	} while (dwarf_siblingof(&sub, &sub) == 0);
	return 0;
}

static uint64_t die_size(Dwarf_Die *type)
{
	Dwarf_Word size;

	if (dwarf_aggregate_size(type, &size) != 0)
		return 0;
	return size;
}

/*
 * Finds member @name in struct/union @agg (searching anonymous members
 * too). On success *@member is its DIE and *@offset its byte offset from
 * the start of @agg; bitfields also set *@bit_off and *@bit_size.
 */
static bool find_member(Dwarf_Die *agg, const char *name, int depth,
			Dwarf_Die *member, uint64_t *offset, uint32_t *bit_off,
			uint32_t *bit_size)
{
	Dwarf_Die child;

	if (depth > 16 || dwarf_child(agg, &child) != 0)
		return false;
	do {
		const char *mname;
		Dwarf_Attribute attr;
		Dwarf_Word loc = 0, word;
		Dwarf_Die type;

		if (dwarf_tag(&child) != DW_TAG_member)
			continue;
		if (dwarf_attr(&child, DW_AT_data_member_location, &attr))
			dwarf_formudata(&attr, &loc);
		mname = dwarf_diename(&child);
		if (!mname) {
			uint64_t inner;

			if (type_of(&child, &type) && strip_type(&type) &&
			    find_member(&type, name, depth + 1, member, &inner,
					bit_off, bit_size)) {
				*offset = loc + inner;
				return true;
			}
			continue;
		}
		if (strcmp(mname, name))
			continue;
		*member = child;
		*bit_off = 0;
		*bit_size = 0;
		if (dwarf_attr(&child, DW_AT_bit_size, &attr) &&
		    dwarf_formudata(&attr, &word) == 0) {
			uint64_t bits;

			*bit_size = word;
			if (dwarf_attr(&child, DW_AT_data_bit_offset, &attr) &&
			    dwarf_formudata(&attr, &word) == 0) {
				bits = word;
			} else {
				/* DWARF 2/3: counted from the storage MSB. */
				Dwarf_Word bsz = 0, boff = 0;

				if (dwarf_attr(&child, DW_AT_byte_size, &attr))
					dwarf_formudata(&attr, &bsz);
				if (dwarf_attr(&child, DW_AT_bit_offset, &attr))
					dwarf_formudata(&attr, &boff);
				bits = loc * 8 + bsz * 8 - boff - *bit_size;
			}
			*offset = bits / 8;
			*bit_off = bits % 8;
			return true;
		}
		*offset = loc;
		return true;
	} while (dwarf_siblingof(&child, &child) == 0);
	return false;
}

struct oc_error *oc_dwarf_type_size(struct oc_dwarf_types *dt,
				    const char *type, uint64_t *size)
{
	Dwarf_Die die;
	struct oc_error *err = find_type(dt, type, &die);

	if (err)
		return err;
	if (!strip_type(&die) || dwarf_aggregate_size(&die, size) != 0)
		return oc_error_create(OC_ERR_FORMAT, "size of %s: %s", type,
				       dwarf_errmsg(-1));
	return NULL;
}

struct oc_error *oc_dwarf_member(struct oc_dwarf_types *dt, const char *type,
				 const char *path,
				 struct oc_member_info *info)
{
	Dwarf_Die cur, member, mtype;
	struct oc_error *err;
	const char *p = path;
	uint64_t offset = 0;
	uint32_t bit_off = 0, bit_size = 0;
	bool have_member = false;

	err = find_type(dt, type, &cur);
	if (err)
		return err;
	memset(info, 0, sizeof(*info));
	while (*p) {
		char name[128];
		size_t n = strcspn(p, ".[");
		uint64_t moff;

		if (n == 0 || n >= sizeof(name))
			goto bad_path;
		memcpy(name, p, n);
		name[n] = '\0';
		p += n;
		if (!strip_type(&cur) ||
		    (dwarf_tag(&cur) != DW_TAG_structure_type &&
		     dwarf_tag(&cur) != DW_TAG_union_type))
			goto bad_path;
		if (!find_member(&cur, name, 0, &member, &moff, &bit_off,
				 &bit_size))
			return oc_error_create(OC_ERR_NOT_FOUND,
					       "%s has no member %s (in %s)",
					       type, name, path);
		offset += moff;
		if (!type_of(&member, &mtype))
			goto bad_path;
		cur = mtype;
		have_member = true;
		/* Array subscripts. */
		while (*p == '[') {
			char *end;
			unsigned long long idx = strtoull(p + 1, &end, 0);
			Dwarf_Die arr = cur, elem;
			uint64_t esize;

			if (*end != ']' || !strip_type(&arr) ||
			    dwarf_tag(&arr) != DW_TAG_array_type ||
			    !type_of(&arr, &elem))
				goto bad_path;
			esize = die_size(&elem);
			offset += idx * esize;
			cur = elem;
			p = end + 1;
		}
		if (*p == '.')
			p++;
		else if (*p)
			goto bad_path;
	}
	if (!have_member)
		goto bad_path;
	info->offset = offset;
	info->bit_offset = bit_off;
	info->bit_size = bit_size;
	info->size = bit_size ? (bit_off + bit_size + 7) / 8 : die_size(&cur);
	info->elem_size = info->size;
	type_name(&cur, info->type_name, sizeof(info->type_name), 0);
	mtype = cur;
	if (strip_type(&mtype) && dwarf_tag(&mtype) == DW_TAG_array_type) {
		info->array_len = array_len(&mtype);
		if (info->array_len)
			info->elem_size = info->size / info->array_len;
		else if (type_of(&mtype, &member))
			info->elem_size = die_size(&member);
	}
	return NULL;

bad_path:
	return oc_error_create(OC_ERR_INVALID, "bad member path %s.%s", type,
			       path);
}

struct oc_error *oc_dwarf_enumerator(struct oc_dwarf_types *dt,
				     const char *name, int64_t *value)
{
	uint64_t v;
	struct oc_error *err =
		find_name(dt, &dt->enumerators, NS_ENUMERATOR, name, &v);

	if (!err)
		*value = (int64_t)v;
	return err;
}
