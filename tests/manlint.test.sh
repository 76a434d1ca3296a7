#!/bin/sh
# docs/hybridoc.1 passes `mandoc -Tlint` with no warning or error.
# (Style notes below warnings are not counted: "referenced manual not
# found" depends on which manuals the machine has.)  Exit status 0
# pass, 1 fail, 77 skipped when mandoc is not installed (Debian package
# mandoc; tests/testdeps.sh installs it).
if ! command -v mandoc >/dev/null 2>&1; then
	echo "manlint: mandoc not installed; skipped"
	exit 77
fi
out=$(mandoc -Tlint -Wwarning docs/hybridoc.1 2>&1)
rc=$?
if [ $rc -ne 0 ] || [ -n "$out" ]; then
	printf '%s\n' "$out"
	echo "FAIL mandoc -Tlint exits $rc"
	exit 1
fi
