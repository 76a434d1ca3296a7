# The common start of a shell test, sourced from the repository's root
# (". tests/lib.sh"): bin is $HYBRIDOC (default ./hybridoc) as an
# absolute path, tmp a scratch folder removed on exit, and ok NAME /
# bad NAME [DETAIL...] count and print a result ("ok NAME", or "FAIL
# NAME" and each detail indented), which the script sums up at its end
# from $pass and $fails.
bin=${HYBRIDOC:-./hybridoc}
case $bin in
/*)	;;
*/*)	bin=$(pwd)/$bin ;;
esac
pass=0
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); echo "ok $1"; }
bad() { fails=$((fails + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "  $l"; done; }
