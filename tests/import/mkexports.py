#!/usr/bin/env python3
"""Writes the coherent exports of the shipped designs used by
tests/import.test.sh: for each designs/NAME.yaml, NAME.arm.json (Azure
Resource Manager resources as `az ... show` prints them, field names
from the Microsoft.Network REST API reference), NAME.tf.json (`terraform
show -json` of a state, attribute names from the azurerm provider's
documentation) and NAME.overlay.yaml (what Azure does not know: the
design without the facts the exports carry).

Run by hand when a shipped design changes (python3 with PyYAML):
    python3 tests/import/mkexports.py
The test suite reads only the committed output, never this script.
The three designs use three ARM shapes: a REST list ({"value": ...}),
a plain array and Azure Resource Graph output ({"data": ...})."""
import copy
import json
import os
import sys

import yaml

SUB = "00000000-0000-0000-0000-000000000000"
# A stand-in for the pre-shared key: the tests check it never leaves.
SECRET = "FIXTURE-SHARED-KEY-never-printed"
ROOT = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(ROOT))


def rid(rg, typ, name, *child):
    s = f"/subscriptions/{SUB}/resourceGroups/{rg}/providers/Microsoft.Network/{typ}/{name}"
    for c in child:
        s += "/" + c
    return s


def devices(site):
    v = site.get("vpn")
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def attachments(site):
    v = site.get("expressroute")
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def facts(d):
    """The design's Azure objects with the defaults made explicit."""
    az = d["azure"]
    rg, loc = az["resource_group"], az["region"]
    out = {"rg": rg, "loc": loc, "vnet": az["vnet"],
           "spokes": az.get("spokes", []),
           "ergw": az.get("expressroute_gateway"),
           "vpngw": az.get("vpn_gateway"),
           "circuits": d.get("circuits", []), "devices": [],
           "erconns": [], "rs": d.get("route_server", {})}
    for s in d.get("sites", []):
        for j, v in enumerate(devices(s)):
            name = v.get("name", f"vpn{j + 1}")
            out["devices"].append({
                "site": s, "dev": v,
                "lng": v.get("local_network_gateway", f"lng-{s['name']}-{name}"),
                "conn": v.get("connection", f"cn-{s['name']}-{name}")})
        for a in attachments(s):
            cn = a.get("connection", f"cn-{a['circuit']}")
            if cn not in [c["name"] for c in out["erconns"]]:
                out["erconns"].append({"name": cn, "circuit": a["circuit"]})
    for c in out["circuits"]:
        if c["name"] not in [e["circuit"] for e in out["erconns"]]:
            out["erconns"].append({"name": f"cn-{c['name']}", "circuit": c["name"]})
    return out


def arm(d):
    f = facts(d)
    rg, loc = f["rg"], f["loc"]
    res = []
    hub = f["vnet"]
    peer = lambda a, b: {
        "name": f"peer-{a}-{b}", "id": rid(rg, "virtualNetworks", a, "virtualNetworkPeerings", f"peer-{a}-{b}"),
        "properties": {"remoteVirtualNetwork": {"id": rid(rg, "virtualNetworks", b)},
                       "allowGatewayTransit": a == hub["name"],
                       "useRemoteGateways": a != hub["name"],
                       "peeringState": "Connected"}}
    res.append({"name": hub["name"], "id": rid(rg, "virtualNetworks", hub["name"]),
                "type": "Microsoft.Network/virtualNetworks", "location": loc,
                "properties": {"provisioningState": "Succeeded",
                               "addressSpace": {"addressPrefixes": hub["address_space"]},
                               "subnets": [{"name": s["name"], "id": rid(rg, "virtualNetworks", hub["name"], "subnets", s["name"]),
                                            "properties": {"addressPrefix": s["prefix"], "provisioningState": "Succeeded"}}
                                           for s in hub.get("subnets", [])],
                               "virtualNetworkPeerings": [peer(hub["name"], s["name"]) for s in f["spokes"]]}})
    for s in f["spokes"]:
        res.append({"name": s["name"], "id": rid(rg, "virtualNetworks", s["name"]),
                    "type": "Microsoft.Network/virtualNetworks", "location": loc,
                    "properties": {"addressSpace": {"addressPrefixes": s["address_space"]},
                                   "subnets": [],
                                   "virtualNetworkPeerings": [peer(s["name"], hub["name"])]}})
    gwsub = {"id": rid(rg, "virtualNetworks", hub["name"], "subnets", "GatewaySubnet")}
    if f["ergw"]:
        g = f["ergw"]
        res.append({"name": g["name"], "id": rid(rg, "virtualNetworkGateways", g["name"]),
                    "type": "Microsoft.Network/virtualNetworkGateways", "location": loc,
                    "properties": {"gatewayType": "ExpressRoute",
                                   "sku": {"name": g["sku"], "tier": g["sku"]},
                                   "ipConfigurations": [{"name": "default",
                                                         "id": rid(rg, "virtualNetworkGateways", g["name"], "ipConfigurations", "default"),
                                                         "properties": {"privateIPAllocationMethod": "Dynamic", "subnet": gwsub}}],
                                   "activeActive": False, "enableBgp": False}})
    if f["vpngw"]:
        g = f["vpngw"]
        ipc, bpa = [], []
        for i, inst in enumerate(g["instances"]):
            cfg = "default" if i == 0 else "activeActive"
            pip = f"pip-{g['name']}-{i + 1}"
            res.append({"name": pip, "id": rid(rg, "publicIPAddresses", pip),
                        "type": "Microsoft.Network/publicIPAddresses", "location": loc,
                        "sku": {"name": "Standard", "tier": "Regional"},
                        "properties": {"publicIPAllocationMethod": "Static", "publicIPAddressVersion": "IPv4",
                                       "ipAddress": inst["public_ip"]}})
            cid = rid(rg, "virtualNetworkGateways", g["name"], "ipConfigurations", cfg)
            ipc.append({"name": cfg, "id": cid,
                        "properties": {"privateIPAllocationMethod": "Dynamic",
                                       "publicIPAddress": {"id": rid(rg, "publicIPAddresses", pip)},
                                       "subnet": gwsub}})
            bpa.append({"ipconfigurationId": cid,
                        "defaultBgpIpAddresses": [inst["bgp_ip"]] if "bgp_ip" in inst else [],
                        "customBgpIpAddresses": [inst["apipa_bgp_ip"]] if "apipa_bgp_ip" in inst else [],
                        "tunnelIpAddresses": [inst["public_ip"]]})
        res.append({"name": g["name"], "id": rid(rg, "virtualNetworkGateways", g["name"]),
                    "type": "Microsoft.Network/virtualNetworkGateways", "location": loc,
                    "properties": {"gatewayType": "Vpn", "vpnType": g.get("vpn_type", "RouteBased"),
                                   "vpnGatewayGeneration": "Generation%d" % g.get("generation", 1),
                                   "sku": {"name": g["sku"], "tier": g["sku"]},
                                   "activeActive": g.get("active_active", False),
                                   "enableBgp": g.get("bgp", True),
                                   "ipConfigurations": ipc,
                                   "bgpSettings": {"asn": g.get("asn", 65515), "peerWeight": 0,
                                                   "bgpPeeringAddress": ",".join(i.get("bgp_ip", "") for i in g["instances"]),
                                                   "bgpPeeringAddresses": bpa}}})
    for c in f["circuits"]:
        p = c["private_peering"]
        tier = c.get("sku", "Standard")
        res.append({"name": c["name"], "id": rid(rg, "expressRouteCircuits", c["name"]),
                    "type": "Microsoft.Network/expressRouteCircuits", "location": loc,
                    "sku": {"name": f"{tier}_MeteredData", "tier": tier, "family": "MeteredData"},
                    "properties": {"serviceProviderProperties": {"serviceProviderName": c["provider"],
                                                                 "peeringLocation": c["peering_location"],
                                                                 "bandwidthInMbps": c["bandwidth_mbps"]},
                                   "circuitProvisioningState": "Enabled",
                                   "serviceProviderProvisioningState": "Provisioned",
                                   "peerings": [{"name": "AzurePrivatePeering",
                                                 "id": rid(rg, "expressRouteCircuits", c["name"], "peerings", "AzurePrivatePeering"),
                                                 "properties": {"peeringType": "AzurePrivatePeering", "azureASN": 12076,
                                                                "peerASN": p["peer_asn"],
                                                                "primaryPeerAddressPrefix": p["primary_subnet"],
                                                                "secondaryPeerAddressPrefix": p["secondary_subnet"],
                                                                "vlanId": p["vlan_id"], "state": "Enabled"}}]}})
        e = next(e for e in f["erconns"] if e["circuit"] == c["name"])
        res.append({"name": e["name"], "id": rid(rg, "connections", e["name"]),
                    "type": "Microsoft.Network/connections", "location": loc,
                    "properties": {"connectionType": "ExpressRoute",
                                   "virtualNetworkGateway1": {"id": rid(rg, "virtualNetworkGateways", f["ergw"]["name"])},
                                   "peer": {"id": rid(rg, "expressRouteCircuits", c["name"])},
                                   "routingWeight": c.get("routing_weight", 0),
                                   "expressRouteGatewayBypass": c.get("fastpath", False),
                                   "enableBgp": False}})
    for x in f["devices"]:
        s, v = x["site"], x["dev"]
        bgp = v.get("bgp")
        lp = {"gatewayIpAddress": v["public_ip"],
              "localNetworkAddressSpace": {"addressPrefixes": [bgp["peer_ip"] + "/32"] if bgp else s["address_prefixes"]}}
        if bgp:
            lp["bgpSettings"] = {"asn": bgp["asn"], "bgpPeeringAddress": bgp["peer_ip"], "peerWeight": 0}
        res.append({"name": x["lng"], "id": rid(rg, "localNetworkGateways", x["lng"]),
                    "type": "Microsoft.Network/localNetworkGateways", "location": loc, "properties": lp})
        ike = v.get("ike", {})
        cp = {"connectionType": "IPsec",
              "virtualNetworkGateway1": {"id": rid(rg, "virtualNetworkGateways", f["vpngw"]["name"])},
              "localNetworkGateway2": {"id": rid(rg, "localNetworkGateways", x["lng"])},
              "connectionProtocol": "IKEv%d" % ike.get("version", 2),
              "routingWeight": 0, "dpdTimeoutSeconds": ike.get("dpd_timeout_s", 45),
              "sharedKey": SECRET, "enableBgp": bool(bgp),
              "usePolicyBasedTrafficSelectors": False,
              "ipsecPolicies": []}
        if "sa_lifetime_s" in ike:
            cp["ipsecPolicies"] = [{"saLifeTimeSeconds": ike["sa_lifetime_s"], "saDataSizeKilobytes": 102400000,
                                    "ipsecEncryption": "GCMAES256", "ipsecIntegrity": "GCMAES256",
                                    "ikeEncryption": "AES256", "ikeIntegrity": "SHA256",
                                    "dhGroup": "DHGroup14", "pfsGroup": "PFS2048"}]
        res.append({"name": x["conn"], "id": rid(rg, "connections", x["conn"]),
                    "type": "Microsoft.Network/connections", "location": loc, "properties": cp})
    if f["rs"].get("enabled"):
        res.append({"name": "rs-hub", "id": rid(rg, "virtualHubs", "rs-hub"),
                    "type": "Microsoft.Network/virtualHubs", "location": loc,
                    "properties": {"sku": "Standard", "virtualRouterAsn": 65515,
                                   "allowBranchToBranchTraffic": f["rs"].get("branch_to_branch", False)}})
    return res


def tfres(typ, name, values, sensitive=None):
    return {"address": f"{typ}.{name}", "mode": "managed", "type": typ, "name": name,
            "provider_name": "registry.terraform.io/hashicorp/azurerm", "schema_version": 0,
            "values": values, "sensitive_values": sensitive or {}}


def tfname(s):
    return s.replace(".", "_").replace("-", "_").lower()


def terraform(d):
    f = facts(d)
    rg, loc = f["rg"], f["loc"]
    r = []
    hub = f["vnet"]
    r.append(tfres("azurerm_virtual_network", "hub", {
        "name": hub["name"], "id": rid(rg, "virtualNetworks", hub["name"]), "location": loc,
        "resource_group_name": rg, "address_space": hub["address_space"], "subnet": []}))
    for s in hub.get("subnets", []):
        r.append(tfres("azurerm_subnet", tfname(s["name"]), {
            "name": s["name"], "id": rid(rg, "virtualNetworks", hub["name"], "subnets", s["name"]),
            "resource_group_name": rg, "virtual_network_name": hub["name"], "address_prefixes": [s["prefix"]]}))
    for s in f["spokes"]:
        r.append(tfres("azurerm_virtual_network", tfname(s["name"]), {
            "name": s["name"], "id": rid(rg, "virtualNetworks", s["name"]), "location": loc,
            "resource_group_name": rg, "address_space": s["address_space"], "subnet": []}))
        r.append(tfres("azurerm_virtual_network_peering", "hub_to_" + tfname(s["name"]), {
            "name": "peer-hub-" + s["name"], "resource_group_name": rg, "virtual_network_name": hub["name"],
            "remote_virtual_network_id": rid(rg, "virtualNetworks", s["name"]),
            "allow_gateway_transit": True, "use_remote_gateways": False}))
    gwsub = rid(rg, "virtualNetworks", hub["name"], "subnets", "GatewaySubnet")
    if f["ergw"]:
        g = f["ergw"]
        r.append(tfres("azurerm_virtual_network_gateway", "er", {
            "name": g["name"], "id": rid(rg, "virtualNetworkGateways", g["name"]), "location": loc,
            "resource_group_name": rg, "type": "ExpressRoute", "vpn_type": "RouteBased", "sku": g["sku"],
            "generation": "None", "active_active": False, "enable_bgp": False,
            "ip_configuration": [{"name": "default", "subnet_id": gwsub, "public_ip_address_id": None,
                                  "private_ip_address_allocation": "Dynamic"}],
            "bgp_settings": []}))
    if f["vpngw"]:
        g = f["vpngw"]
        ipc, pa = [], []
        for i, inst in enumerate(g["instances"]):
            cfg = "default" if i == 0 else "activeActive"
            pip = f"pip-{g['name']}-{i + 1}"
            r.append(tfres("azurerm_public_ip", f"vpn{i + 1}", {
                "name": pip, "id": rid(rg, "publicIPAddresses", pip), "location": loc,
                "resource_group_name": rg, "allocation_method": "Static", "sku": "Standard",
                "ip_address": inst["public_ip"]}))
            ipc.append({"name": cfg, "subnet_id": gwsub, "public_ip_address_id": rid(rg, "publicIPAddresses", pip),
                        "private_ip_address_allocation": "Dynamic"})
            pa.append({"ip_configuration_name": cfg,
                       "apipa_addresses": [inst["apipa_bgp_ip"]] if "apipa_bgp_ip" in inst else [],
                       "default_addresses": [inst["bgp_ip"]] if "bgp_ip" in inst else [],
                       "tunnel_ip_addresses": [inst["public_ip"]]})
        r.append(tfres("azurerm_virtual_network_gateway", "vpn", {
            "name": g["name"], "id": rid(rg, "virtualNetworkGateways", g["name"]), "location": loc,
            "resource_group_name": rg, "type": "Vpn", "vpn_type": g.get("vpn_type", "RouteBased"),
            "sku": g["sku"], "generation": "Generation%d" % g.get("generation", 1),
            "active_active": g.get("active_active", False), "enable_bgp": g.get("bgp", True),
            "ip_configuration": ipc,
            "bgp_settings": [{"asn": g.get("asn", 65515), "peer_weight": 0, "peering_addresses": pa}]}))
    for c in f["circuits"]:
        p = c["private_peering"]
        r.append(tfres("azurerm_express_route_circuit", tfname(c["name"]), {
            "name": c["name"], "id": rid(rg, "expressRouteCircuits", c["name"]), "location": loc,
            "resource_group_name": rg, "service_provider_name": c["provider"],
            "peering_location": c["peering_location"], "bandwidth_in_mbps": c["bandwidth_mbps"],
            "sku": [{"tier": c.get("sku", "Standard"), "family": "MeteredData"}],
            "service_key": "FIXTURE-SERVICE-KEY", "allow_classic_operations": False},
            {"service_key": True}))
        r.append(tfres("azurerm_express_route_circuit_peering", tfname(c["name"]) + "_private", {
            "peering_type": "AzurePrivatePeering", "express_route_circuit_name": c["name"],
            "resource_group_name": rg, "peer_asn": p["peer_asn"],
            "primary_peer_address_prefix": p["primary_subnet"],
            "secondary_peer_address_prefix": p["secondary_subnet"], "vlan_id": p["vlan_id"],
            "azure_asn": 12076}))
        e = next(e for e in f["erconns"] if e["circuit"] == c["name"])
        r.append(tfres("azurerm_virtual_network_gateway_connection", tfname(e["name"]), {
            "name": e["name"], "id": rid(rg, "connections", e["name"]), "location": loc,
            "resource_group_name": rg, "type": "ExpressRoute",
            "virtual_network_gateway_id": rid(rg, "virtualNetworkGateways", f["ergw"]["name"]),
            "express_route_circuit_id": rid(rg, "expressRouteCircuits", c["name"]),
            "local_network_gateway_id": None, "routing_weight": c.get("routing_weight", 0),
            "express_route_gateway_bypass": c.get("fastpath", False), "enable_bgp": False,
            "shared_key": None}))
    for x in f["devices"]:
        s, v = x["site"], x["dev"]
        bgp = v.get("bgp")
        r.append(tfres("azurerm_local_network_gateway", tfname(x["lng"]), {
            "name": x["lng"], "id": rid(rg, "localNetworkGateways", x["lng"]), "location": loc,
            "resource_group_name": rg, "gateway_address": v["public_ip"], "gateway_fqdn": None,
            "address_space": [bgp["peer_ip"] + "/32"] if bgp else s["address_prefixes"],
            "bgp_settings": [{"asn": bgp["asn"], "bgp_peering_address": bgp["peer_ip"], "peer_weight": 0}] if bgp else []}))
        ike = v.get("ike", {})
        pol = []
        if "sa_lifetime_s" in ike:
            pol = [{"sa_lifetime": ike["sa_lifetime_s"], "sa_datasize": 102400000, "ipsec_encryption": "GCMAES256",
                    "ipsec_integrity": "GCMAES256", "ike_encryption": "AES256", "ike_integrity": "SHA256",
                    "dh_group": "DHGroup14", "pfs_group": "PFS2048"}]
        r.append(tfres("azurerm_virtual_network_gateway_connection", tfname(x["conn"]), {
            "name": x["conn"], "id": rid(rg, "connections", x["conn"]), "location": loc,
            "resource_group_name": rg, "type": "IPsec",
            "virtual_network_gateway_id": rid(rg, "virtualNetworkGateways", f["vpngw"]["name"]),
            "local_network_gateway_id": rid(rg, "localNetworkGateways", x["lng"]),
            "express_route_circuit_id": None, "routing_weight": 0,
            "express_route_gateway_bypass": False, "enable_bgp": bool(bgp),
            "connection_protocol": "IKEv%d" % ike.get("version", 2),
            "dpd_timeout_seconds": ike.get("dpd_timeout_s", 45),
            "shared_key": SECRET, "ipsec_policy": pol}, {"shared_key": True}))
    if f["rs"].get("enabled"):
        r.append(tfres("azurerm_route_server", "hub", {
            "name": "rs-hub", "resource_group_name": rg, "location": loc, "sku": "Standard",
            "branch_to_branch_traffic_enabled": f["rs"].get("branch_to_branch", False)}))
    return {"format_version": "1.0", "terraform_version": "1.9.8",
            "values": {"root_module": {"resources": r}}}


def overlay(d):
    """The design without what the exports carry."""
    o = copy.deepcopy(d)
    az = o["azure"]
    keep = {k: az[k] for k in ("subscription",) if k in az}
    if "spokes" in az:
        keep["spokes"] = [{"name": s["name"]} for s in az["spokes"]]
    o["azure"] = keep
    if "circuits" in o:
        o["circuits"] = [{"name": c["name"],
                          "private_peering": {"bfd": c["private_peering"].get("bfd", False)}}
                         for c in o["circuits"]]
    for s in o.get("sites", []):
        for v in devices(s):
            for k in ("public_ip", "bgp", "static", "ike"):
                v.pop(k, None)
    o.pop("route_server", None)
    return o


def main():
    shapes = ["value", "array", "data"]
    for i, name in enumerate(sorted(os.listdir(os.path.join(REPO, "designs")))):
        if not name.endswith(".yaml"):
            continue
        base = name[:-5]
        with open(os.path.join(REPO, "designs", name)) as fp:
            d = yaml.safe_load(fp)
        res = arm(d)
        shape = shapes[i % 3]
        if shape == "value":
            doc = {"value": res}
        elif shape == "data":
            for x in res:
                x["type"] = x["type"].lower()
            doc = {"totalRecords": len(res), "count": len(res), "data": res, "skip_token": None}
        else:
            doc = res
        with open(os.path.join(ROOT, base + ".arm.json"), "w") as fp:
            json.dump(doc, fp, indent=2, sort_keys=False)
            fp.write("\n")
        with open(os.path.join(ROOT, base + ".tf.json"), "w") as fp:
            json.dump(terraform(d), fp, indent=2)
            fp.write("\n")
        with open(os.path.join(ROOT, base + ".overlay.yaml"), "w") as fp:
            fp.write(f"# The on-premises facts of designs/{name}, for the import test:\n"
                     "# everything Azure does not know.  Written by mkexports.py.\n")
            yaml.safe_dump(overlay(d), fp, sort_keys=False, width=72, allow_unicode=True)


if __name__ == "__main__":
    sys.exit(main())
