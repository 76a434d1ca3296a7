#!/usr/bin/python3
"""Draw a hybridoc design's topology with mingrammer's diagrams (the peer).

usage: peer_diagrams.py DESIGN -o FILE.svg

The benchmark's peer: what a user would write instead of hybridoc to get
a picture of the same network with Debian's python3-diagrams.  It draws
the topology `hybridoc diagram --detail full` draws -- Azure region >
VNet > GatewaySubnet clusters holding the ExpressRoute gateway and one
node per VPN gateway instance, the hub's other subnets and the peered
spokes; a cluster per provider with its circuits; a cluster per site
with its ExpressRoute edge, its VPN devices and one node per address
prefix -- and the same labelled edges: gateway to circuit, the
primary and secondary links of each circuit to each site, one IPsec
tunnel per device and gateway instance, router to prefix.  Azure icons
from diagrams.azure.network, generic ones from diagrams.generic.network
for on-premises devices.  No simulation, no checks: only the picture.

The design is read with PyYAML's C loader when it is there, so that
the peer pays as little as possible for reading; the time still
includes Python's start-up and the diagrams imports, as it would for a
user.  Run it with Debian's /usr/bin/python3 (python3-diagrams lives in
its dist-packages).
"""

import argparse
import os
import sys

import yaml

from diagrams import Cluster, Diagram, Edge
from diagrams.azure.network import (ExpressrouteCircuits, Subnets,
                                    VirtualNetworkGateways, VirtualNetworks)
from diagrams.generic.network import Firewall, Router, Subnet

ER = "#0969da"
VPN = "#bc4c00"


def load(path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path) as fp:
        return yaml.load(fp, Loader=loader)


def devices(site):
    v = site.get("vpn")
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def tunnel_label(dev):
    if dev.get("static"):
        return "IPsec · static"
    bgp = dev.get("bgp") or {}
    s = "IPsec · BGP AS %s" % bgp.get("asn", "?")
    if dev.get("as_path_prepend"):
        s += "\nprepend %d" % dev["as_path_prepend"]
    return s


def draw(dsn, stem):
    az = dsn["azure"]
    vnet = az["vnet"]
    vpngw = az.get("vpn_gateway")
    ergw = az.get("expressroute_gateway")
    title = dsn.get("title", dsn["name"])
    with Diagram(title, filename=stem, outformat="svg", show=False,
                 direction="LR"):
        with Cluster("Azure · %s" % az["region"]):
            with Cluster("VNet %s\n%s" % (vnet["name"],
                                          ", ".join(vnet["address_space"]))):
                gws = [s for s in vnet.get("subnets", [])
                       if s["name"] == "GatewaySubnet"]
                with Cluster("GatewaySubnet %s" %
                             (gws[0]["prefix"] if gws else "")):
                    er = None
                    if ergw:
                        er = VirtualNetworkGateways(
                            "ExpressRoute gateway\n%s\n%s"
                            % (ergw["name"], ergw["sku"]))
                    inst = []
                    if vpngw:
                        ii = vpngw.get("instances") or [{}]
                        for k, x in enumerate(ii):
                            inst.append(VirtualNetworkGateways(
                                "VPN gateway %s\ninstance %d of %d\n%s"
                                % (vpngw["name"], k + 1, len(ii),
                                   x.get("public_ip", ""))))
                others = [s for s in vnet.get("subnets", [])
                          if s["name"] != "GatewaySubnet"]
                if others:
                    Subnets("subnets\n" + "\n".join(
                        "%s %s" % (s["name"], s["prefix"]) for s in others))
            for sp in az.get("spokes", []):
                VirtualNetworks("peered VNet %s\n%s" % (
                    sp["name"], ", ".join(sp["address_space"])))
        circ = {}
        providers = {}
        for c in dsn.get("circuits", []):
            providers.setdefault(c["provider"], []).append(c)
        for p, cs in providers.items():
            with Cluster("provider %s" % p):
                for c in cs:
                    circ[c["name"]] = ExpressrouteCircuits(
                        "circuit %s\n%s\n%d Mbps" % (
                            c["name"], c["peering_location"],
                            c["bandwidth_mbps"]))
        if er is not None:
            for c in circ.values():
                er >> Edge(color=ER) >> c
        for site in dsn.get("sites", []):
            with Cluster(site["name"]):
                routers = []
                e = site.get("expressroute")
                if e:
                    edge = Router("ExpressRoute edge\nlocal pref %s"
                                  % e.get("local_preference", "-"))
                    routers.append(edge)
                    c = next(x for x in dsn["circuits"]
                             if x["name"] == e["circuit"])
                    pp = c.get("private_peering", {})
                    circ[e["circuit"]] >> Edge(
                        color=ER, label="VLAN %s\nprimary %s" % (
                            pp.get("vlan_id", "-"),
                            pp.get("primary_subnet", "-"))) >> edge
                    circ[e["circuit"]] >> Edge(
                        color=ER, label="secondary %s"
                        % pp.get("secondary_subnet", "-")) >> edge
                for dev in devices(site):
                    fw = Firewall("VPN device %s\n%s" % (
                        dev.get("name", "vpn"), dev["public_ip"]))
                    routers.append(fw)
                    for k, gi in enumerate(inst):
                        gi >> Edge(color=VPN, style="dashed",
                                   label=tunnel_label(dev) if k == 0
                                   else "") >> fw
                for pfx in site["address_prefixes"]:
                    n = Subnet(pfx)
                    if routers:
                        routers[0] >> Edge(style="dotted") >> n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("design")
    ap.add_argument("-o", dest="output", required=True)
    a = ap.parse_args()
    if not a.output.endswith(".svg"):
        sys.exit("peer_diagrams.py: -o must name a .svg file")
    # diagrams adds the extension itself and works in the current
    # folder: give it the stem.
    draw(load(a.design), os.path.abspath(a.output[:-len(".svg")]))


if __name__ == "__main__":
    main()
