/*
 * `hybridoc import`: a design from what is deployed (deployed.h) and an
 * optional overlay, a partial design in the same format that holds what
 * Azure does not know (sites, their locations and devices, local
 * preference, traffic, which site sits behind a circuit).
 *
 * Azure's facts come from the export; everything else from the overlay,
 * matched by names: circuits, subnets and spokes by name, a site's VPN
 * device by its local network gateway (local_network_gateway, default
 * lng-SITE-DEVICE).  A local network gateway that no overlay device
 * claims becomes a site of its own, named after it.  Where the overlay
 * and the export disagree on an Azure fact the export wins, with a
 * note; objects only in the overlay are kept, with a note; nothing the
 * overlay holds is dropped silently.  A connection's shared key is never
 * read: the design records only shared_key_ref from the overlay, and a
 * comment says that a key is set.
 */
#ifndef HYBRIDOC_IMPORT_H
#define HYBRIDOC_IMPORT_H

#include "hybridoc/buf.h"
#include "hybridoc/deployed.h"
#include "hybridoc/diag.h"
#include "hybridoc/value.h"

/*
 * Appends the design's YAML to out: fields in schema order, each object
 * headed by a comment naming the resource id (or Terraform address) it
 * came from.  overlay may be NULL; overlay_file names it in notes, from
 * names the export kind in the header ("arm", "terraform").  Notes go to
 * d.  Returns non-zero on success; 0 with an error in d when the result
 * would not be a valid design (it is then checked with the loader, and
 * its errors are in d).
 */
int	import_design(const struct deployed *dp, const struct value *overlay,
	    const char *overlay_file, const char *from, struct buf *out,
	    struct diags *d);

/*
 * The same with flags.  IMPORT_DEPLOYED_ONLY: the result is what is
 * deployed, described with the overlay's on-premises facts: Azure
 * objects only in the overlay (a circuit, a subnet, a gateway, a device
 * whose local network gateway is not in the export) are left out
 * instead of kept, silently.  `packet --deployed` takes its BASE so.
 */
#define IMPORT_DEPLOYED_ONLY	0x01u
int	import_design_flags(const struct deployed *dp,
	    const struct value *overlay, const char *overlay_file,
	    const char *from, unsigned flags, struct buf *out,
	    struct diags *d);

/* Appends s as a YAML scalar for block (flow 0) or flow (1) context:
 * plain when that reads back as the same string, else double-quoted. */
void	import_yaml_scalar(struct buf *out, const char *s, int flow);

/* Appends the map root as a YAML document: nodes[i] gets the comment
 * text[i] above it (a node may have several, kept in order). */
void	import_yaml_write(struct buf *out, const struct value *root,
	    const struct value *const *nodes, char *const *text, size_t n);

#endif
