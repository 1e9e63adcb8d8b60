// SPDX-License-Identifier: GPL-2.0-or-later
/* vmlinux ELF access: see elf_symbols.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oomcore/strmap.h"
#include "target/elf_symbols.h"

struct oc_vmlinux_syms {
	struct oc_strmap map;	/* name -> index into ->values */
	uint64_t *values;
	bool *percpu;
};

static struct oc_error *elf_error(const char *path, const char *what)
{
	return oc_error_create(OC_ERR_FORMAT, "%s: %s: %s", path, what,
			       elf_errmsg(-1));
}

static void read_build_id(struct oc_vmlinux *v)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(v->elf, scn))) {
		GElf_Shdr shdr;
		Elf_Data *data;
		GElf_Nhdr nhdr;
		size_t off = 0, name_off, desc_off;

		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_NOTE)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data)
			continue;
		while ((off = gelf_getnote(data, off, &nhdr, &name_off,
					   &desc_off)) > 0) {
			if (nhdr.n_type == NT_GNU_BUILD_ID &&
			    nhdr.n_namesz == 4 &&
			    !memcmp((char *)data->d_buf + name_off, "GNU", 4) &&
			    nhdr.n_descsz <= sizeof(v->build_id)) {
				memcpy(v->build_id,
				       (char *)data->d_buf + desc_off,
				       nhdr.n_descsz);
				v->build_id_len = nhdr.n_descsz;
				return;
			}
		}
	}
}

struct oc_error *oc_vmlinux_open(const char *path, struct oc_vmlinux **ret)
{
	struct oc_vmlinux *v;
	struct stat st;
	GElf_Ehdr ehdr;

	elf_version(EV_CURRENT);
	v = calloc(1, sizeof(*v));
	if (!v)
		return &oc_enomem;
	v->path = strdup(path);
	v->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (v->fd < 0) {
		int e = errno;

		free(v->path);
		free(v);
		return oc_error_os(e, "vmlinux %s", path);
	}
	if (fstat(v->fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		oc_vmlinux_close(v);
		return oc_error_create(OC_ERR_INVALID,
				       "vmlinux %s: not a regular file", path);
	}
	v->elf = elf_begin(v->fd, ELF_C_READ_MMAP, NULL);
	if (!v->elf || elf_kind(v->elf) != ELF_K_ELF ||
	    !gelf_getehdr(v->elf, &ehdr)) {
		oc_vmlinux_close(v);
		return oc_error_create(OC_ERR_FORMAT,
				       "vmlinux %s: not an ELF file", path);
	}
	v->big_endian = ehdr.e_ident[EI_DATA] == ELFDATA2MSB;
	v->ptr_size = ehdr.e_ident[EI_CLASS] == ELFCLASS64 ? 8 : 4;
	read_build_id(v);
	*ret = v;
	return NULL;
}

void oc_vmlinux_close(struct oc_vmlinux *v)
{
	if (!v)
		return;
	if (v->syms) {
		oc_strmap_free(&v->syms->map);
		free(v->syms->values);
		free(v->syms->percpu);
		free(v->syms);
	}
	if (v->elf)
		elf_end(v->elf);
	if (v->fd >= 0)
		close(v->fd);
	free(v->path);
	free(v);
}

/* Builds the name index over .symtab (or .dynsym if stripped). */
static struct oc_error *load_symbols(struct oc_vmlinux *v)
{
	Elf_Scn *scn = NULL, *symscn = NULL;
	GElf_Shdr shdr, symshdr = { 0 };
	struct oc_vmlinux_syms *s;
	Elf_Data *data;
	size_t n, shstrndx, percpu_idx = SIZE_MAX;

	if (elf_getshdrstrndx(v->elf, &shstrndx) != 0)
		return elf_error(v->path, "section names");
	while ((scn = elf_nextscn(v->elf, scn))) {
		const char *name;

		if (!gelf_getshdr(scn, &shdr))
			continue;
		name = elf_strptr(v->elf, shstrndx, shdr.sh_name);
		if (name && !strcmp(name, ".data..percpu"))
			percpu_idx = elf_ndxscn(scn);
		if (shdr.sh_type == SHT_SYMTAB) {
			symscn = scn;
			symshdr = shdr;
		}
	}
	if (!symscn)
		return oc_error_create(OC_ERR_NOT_FOUND,
				       "%s: no symbol table (stripped vmlinux?)",
				       v->path);
	data = elf_getdata(symscn, NULL);
	if (!data || !symshdr.sh_entsize)
		return elf_error(v->path, "symbol table");
	n = symshdr.sh_size / symshdr.sh_entsize;
	s = calloc(1, sizeof(*s));
	if (!s)
		return &oc_enomem;
	s->values = calloc(n ? n : 1, sizeof(*s->values));
	s->percpu = calloc(n ? n : 1, sizeof(*s->percpu));
	if (!s->values || !s->percpu)
		goto nomem;
	for (size_t i = 1; i < n; i++) {
		GElf_Sym sym;
		const char *name;
		int type;

		if (!gelf_getsym(data, i, &sym))
			continue;
		type = GELF_ST_TYPE(sym.st_info);
		if (type == STT_SECTION || type == STT_FILE ||
		    sym.st_shndx == SHN_UNDEF)
			continue;
		name = elf_strptr(v->elf, symshdr.sh_link, sym.st_name);
		if (!name || !*name)
			continue;
		s->values[i] = sym.st_value;
		s->percpu[i] = sym.st_shndx == percpu_idx;
		/* Global symbols take precedence over local ones. */
		if (GELF_ST_BIND(sym.st_info) == STB_LOCAL)
			continue;
		if (!oc_strmap_insert(&s->map, 'g', name, i))
			goto nomem;
	}
	/* Second pass: locals where no global of the name exists. */
	for (size_t i = 1; i < n; i++) {
		GElf_Sym sym;
		const char *name;

		if (!s->values[i] || !gelf_getsym(data, i, &sym) ||
		    GELF_ST_BIND(sym.st_info) != STB_LOCAL)
			continue;
		name = elf_strptr(v->elf, symshdr.sh_link, sym.st_name);
		if (name && !oc_strmap_insert(&s->map, 'g', name, i))
			goto nomem;
	}
	v->syms = s;
	return NULL;
nomem:
	oc_strmap_free(&s->map);
	free(s->values);
	free(s->percpu);
	free(s);
	return &oc_enomem;
}

struct oc_error *oc_vmlinux_symbol(struct oc_vmlinux *v, const char *name,
				   uint64_t *addr, bool *percpu)
{
	struct oc_error *err;
	uint64_t idx;

	if (!v->syms && (err = load_symbols(v)))
		return err;
	if (!oc_strmap_find(&v->syms->map, 'g', name, &idx))
		return oc_error_create(OC_ERR_NOT_FOUND,
				       "symbol %s not found in %s", name,
				       v->path);
	*addr = v->syms->values[idx];
	if (percpu)
		*percpu = v->syms->percpu[idx];
	return NULL;
}

struct oc_error *oc_vmlinux_read(struct oc_vmlinux *v, uint64_t addr,
				 void *buf, size_t len)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(v->elf, scn))) {
		GElf_Shdr shdr;
		Elf_Data *data;

		if (!gelf_getshdr(scn, &shdr) || !(shdr.sh_flags & SHF_ALLOC) ||
		    addr < shdr.sh_addr ||
		    addr + len > shdr.sh_addr + shdr.sh_size)
			continue;
		if (shdr.sh_type == SHT_NOBITS)
			break;
		data = elf_rawdata(scn, NULL);
		if (!data || addr - shdr.sh_addr + len > data->d_size)
			break;
		memcpy(buf, (char *)data->d_buf + (addr - shdr.sh_addr), len);
		return NULL;
	}
	return oc_error_create(OC_ERR_FAULT,
			       "%s: no initialized data at 0x%llx", v->path,
			       (unsigned long long)addr);
}

void oc_vmlinux_build_id_hex(const struct oc_vmlinux *v, char *buf,
			     size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < v->build_id_len && n + 3 <= size; i++)
		n += snprintf(buf + n, size - n, "%02x", v->build_id[i]);
}
