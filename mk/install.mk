# Installing and packaging: install, uninstall, deb.
#
#   make install [PREFIX=/usr/local] [DESTDIR=]
#   make uninstall [PREFIX=...] [DESTDIR=]
#   make deb                  .deb of HEAD, built in a scratch copy
#
# What goes where:
#   $(BINDIR)/oomcore                          the CLI
#   $(CRASH_EXTDIR)/oomcore.so                 the crash(8) extension
#   $(MANDIR)/man1/oomcore.1                   the man page
#   $(BASHCOMPDIR)/oomcore                     bash completion
#
# CRASH_EXTDIR does not follow PREFIX: crash 8.0.2 (Debian 12) finds an
# extension given by name only in $CRASH_EXTENSIONS, then
# /usr/lib64/crash/extensions (64-bit) and /usr/lib/crash/extensions, then
# ./extensions (`strings /usr/bin/crash | grep extensions`). Debian ships
# its own extensions in /usr/lib/crash/extensions, so that is where
# `extend oomcore.so` works without a path.

BINDIR       ?= $(PREFIX)/bin
MANDIR       ?= $(PREFIX)/share/man
BASHCOMPDIR  ?= $(PREFIX)/share/bash-completion/completions
CRASH_EXTDIR ?= /usr/lib/crash/extensions

# Where `make deb` builds and leaves the packages.
DEB_OUT      ?= $(BUILD)/deb

.PHONY: install install-bin install-ext install-doc uninstall deb

install: install-bin install-doc $(if $(EXT_SRCS),install-ext)

install-bin: $(BUILD)/oomcore
	install -D -m 0755 $(BUILD)/oomcore $(DESTDIR)$(BINDIR)/oomcore

install-ext: $(BUILD)/oomcore.so
	install -D -m 0644 $(BUILD)/oomcore.so \
		$(DESTDIR)$(CRASH_EXTDIR)/oomcore.so

install-doc:
	install -D -m 0644 doc/oomcore.1 $(DESTDIR)$(MANDIR)/man1/oomcore.1
	install -D -m 0644 contrib/bash-completion/oomcore \
		$(DESTDIR)$(BASHCOMPDIR)/oomcore

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/oomcore \
		$(DESTDIR)$(CRASH_EXTDIR)/oomcore.so \
		$(DESTDIR)$(MANDIR)/man1/oomcore.1 \
		$(DESTDIR)$(BASHCOMPDIR)/oomcore

# dpkg-buildpackage cleans its tree (make clean: rm -rf build), so the
# package is built from `git archive HEAD` in a scratch directory, never
# in this checkout. The sample dumps are left out of the source.
deb:
	@command -v dpkg-buildpackage >/dev/null || \
		{ echo "deb: apt-get install dpkg-dev debhelper"; exit 1; }
	rm -rf $(DEB_OUT) && mkdir -p $(DEB_OUT)/src
	git archive --format=tar HEAD -- . ':(exclude)dumps-samples' | \
		tar -x -C $(DEB_OUT)/src
	cd $(DEB_OUT)/src && dpkg-buildpackage -us -uc -b
	ls -l $(DEB_OUT)/*.deb
