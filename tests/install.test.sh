#!/bin/sh
# `make install` into a temporary DESTDIR, with the default PREFIX and
# with another one: the program, the manual and the bash completion land
# where they should, the installed program runs from outside the source
# tree (--version, validate on a shipped design, schema), the completion
# registers, and `make uninstall` removes all three.  The make run
# inherits MAKEFLAGS, so under `make asan` it installs that build's
# program.  Exit status 0 pass, 1 fail.
repo=$PWD
bin=${HYBRIDOC:-./hybridoc}
case $bin in /*) ;; *) bin=$repo/$bin ;; esac
pass=0
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
	echo "FAIL $*"
	fails=$((fails + 1))
}
# check DESCRIPTION COMMAND...: one test, passed when COMMAND succeeds.
check() {
	what=$1
	shift
	if "$@"; then
		pass=$((pass + 1))
	else
		fail "$what"
	fi
}

cp designs/contoso-eastus.yaml "$tmp/design.yaml"
for prefix in "" /opt/hd; do
	dest=$tmp/root
	rm -rf "$dest"
	if [ -n "$prefix" ]; then
		set -- PREFIX="$prefix"
	else
		set --
		prefix=/usr/local
	fi
	if ! make -s install DESTDIR="$dest" "$@" >"$tmp/log" 2>&1; then
		fail "make install DESTDIR=$dest $*:"
		cat "$tmp/log"
		continue
	fi
	ibin=$dest$prefix/bin/hybridoc
	iman=$dest$prefix/share/man/man1/hybridoc.1
	icomp=$dest$prefix/share/bash-completion/completions/hybridoc
	check "$ibin is not installed" test -x "$ibin"
	check "$iman is not docs/hybridoc.1" cmp -s "$iman" docs/hybridoc.1
	check "$icomp is not completion/hybridoc.bash" \
	    cmp -s "$icomp" completion/hybridoc.bash
	[ -x "$ibin" ] || continue

	# Run it from outside the tree.
	cd "$tmp" || exit 1
	v=$("$ibin" --version)
	case $v in
	"hybridoc "[0-9]*)
		check "installed --version '$v' is not the build's" \
		    test "$v" = "$("$bin" --version)"
		;;
	*)
		fail "--version prints '$v'"
		;;
	esac
	NO_COLOR=1 "$ibin" validate design.yaml >"$tmp/out" 2>&1
	st=$?
	if [ $st -eq 0 ] && grep -q "1 design checked" "$tmp/out"; then
		pass=$((pass + 1))
	else
		fail "installed validate exits $st:"
		cat "$tmp/out"
	fi
	"$ibin" schema >"$tmp/schema.json"
	check "installed schema differs from docs/design.schema.json" \
	    cmp -s "$tmp/schema.json" "$repo/docs/design.schema.json"
	if command -v bash >/dev/null 2>&1; then
		check "the installed completion does not register" \
		    bash -c ". '$icomp' && complete -p hybridoc >/dev/null"
	fi
	cd "$repo" || exit 1

	if ! make -s uninstall DESTDIR="$dest" "$@" >"$tmp/log" 2>&1; then
		fail "make uninstall:"
		cat "$tmp/log"
	fi
	for f in "$ibin" "$iman" "$icomp"; do
		check "make uninstall left $f" test ! -e "$f"
	done
done

echo "install: $pass passed, $fails failed"
[ $fails -eq 0 ]
