#!/bin/sh
# packet --git in a pull request that adds or deletes a design (the CI
# recipes make a packet for every added or changed design):
#  - a design that the base revision does not have gets a packet whose
#    base is an empty design: exit 0 or 1, every site, circuit and
#    gateway listed as added, nothing removed, and a note on stderr;
#  - a design deleted from the working tree gets a clear message and
#    exit 2, and no packet folder.
bin=${HYBRIDOC:-./hybridoc}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
command -v git >/dev/null 2>&1 || { echo "packetgit: no git; skipped"; exit 77; }
pass=0
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

repo=$PWD
cd "$tmp" || exit 1
git init -q . && git -c user.email=t@example.com -c user.name=t \
    commit -q --allow-empty -m base || { echo "packetgit: git init failed"; exit 1; }
mkdir designs
cp "$repo/designs/contoso-eastus.yaml" designs/new.yaml
"$bin" packet --git HEAD designs/new.yaml -o pk >out 2>err
st=$?
if [ $st -le 1 ] && [ -f pk/packet.md ] && grep -q 'is new since HEAD' err; then
	ok
else
	fail "new design: exit $st"; cat err
fi
grep -q '^Objects added: [1-9][0-9]*; removed: 0;' pk/packet.md 2>/dev/null && ok ||
	fail "new design: the summary does not list everything as added"
for o in sites.HQ sites.LocalSite2 circuits.er-eus-equinix-dc 'azure.vpn\\_gateway' \
    'azure.expressroute\\_gateway'; do
	grep -q "^| added | $o |" pk/packet.md 2>/dev/null && ok ||
		fail "new design: $o is not listed as added"
done
grep -q 'HEAD:designs/new.yaml (new design: empty base)' pk/packet.md &&
	ok || fail "new design: the base is not named as empty"

"$bin" packet --git HEAD designs/gone.yaml -o pk2 >out 2>err
st=$?
if [ $st -eq 2 ] && [ ! -e pk2 ] && grep -q 'designs/gone.yaml is not in the working tree: the change deletes it' err; then
	ok
else
	fail "deleted design: exit $st"; cat err
fi

echo "packetgit: $pass passed, $fails failed"
[ $fails -eq 0 ]
