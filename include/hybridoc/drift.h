/*
 * Drift: a design compared with what is deployed (deployed.h).  Every
 * difference is a finding of the HD8xx family (rules.h) at the design's
 * line for the fact, its message naming the resource id or Terraform
 * address: HD811 in the design but not deployed, HD812 deployed but not
 * in the design, HD813 a gateway setting (SKU, generation, VPN type,
 * active-active, BGP on/off, ASN, instance count), HD814 an address
 * (public IPs, BGP peer addresses), HD815 an address space or prefix,
 * HD816 a circuit (provider, peering location, bandwidth, SKU), HD817
 * a private peering (peer ASN, subnets, VLAN), HD818 a connection
 * (routing weight, FastPath, BGP, shared-key presence, IKE version, DPD
 * timeout).  A fact the export does not report is no finding.
 */
#ifndef HYBRIDOC_DRIFT_H
#define HYBRIDOC_DRIFT_H

struct deployed;
struct design;
struct findings;

/* Adds the differences between dsn and dp to f (not yet finished). */
void	drift_check(const struct design *dsn, const struct deployed *dp,
	    struct findings *f);

#endif
