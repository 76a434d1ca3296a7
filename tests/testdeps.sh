#!/bin/sh
# The test tools: pandoc (a second GFM reader), tidy (HTML), mandoc (man
# page lint), python3 (table and JSON checks, benchmark generator),
# xmllint (SVG is XML), chromium (the browser test), npm (JSON Schema and
# SARIF validators).  Installed with apt-get when run as root; otherwise
# the command is printed and the tests that need a missing tool skip.
need=
for pair in pandoc:pandoc tidy:tidy mandoc:mandoc python3:python3 \
    xmllint:libxml2-utils chromium:chromium npm:npm; do
	cmd=${pair%%:*}
	pkg=${pair#*:}
	command -v "$cmd" >/dev/null 2>&1 || need="$need $pkg"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "hybridoc: installing test tools:$need" >&2
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get update -qq && apt-get install -y -qq $need; } >&2 && exit 0
	echo "hybridoc: apt-get failed; tests that need$need will skip" >&2
	exit 0
fi
echo "hybridoc: for every test, run as root: apt-get install -y$need" >&2
exit 0
