#!/bin/sh
# The deps step: checks the pkg-config modules ($1) and the dot binary.
# When something is missing it installs the Debian packages ($2) with
# apt-get when run as root, and otherwise prints the command and fails.
mods=$1
debs=$2
missing=
command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"
if [ -z "$missing" ]; then
	for m in $mods; do
		pkg-config --exists "$m" || missing="$missing $m"
	done
fi
command -v dot >/dev/null 2>&1 || missing="$missing dot"
command -v cc >/dev/null 2>&1 || missing="$missing cc"
[ -z "$missing" ] && exit 0
echo "hybridoc: missing:$missing" >&2
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "hybridoc: installing: $debs" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 && apt-get install -y -qq $debs >&2 && exit 0
	echo "hybridoc: apt-get failed" >&2
	exit 1
fi
echo "hybridoc: run as root:  apt-get install -y $debs" >&2
exit 1
