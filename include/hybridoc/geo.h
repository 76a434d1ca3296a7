/*
 * Where an ExpressRoute circuit can reach: the geopolitical region of
 * each peering location and Azure region, and the Azure regions a Local
 * circuit at each peering location reaches.  The tables are Microsoft
 * Learn's (geo.c names the pages).  Names compare without case, spaces
 * or punctuation, so "East US" and "eastus", "Newport(Wales)" and
 * "Newport Wales" are the same.
 */
#ifndef HYBRIDOC_GEO_H
#define HYBRIDOC_GEO_H

/* The geopolitical region of an Azure region or a peering location, or
 * NULL when the tables do not list it. */
const char	*geo_region_of_region(const char *region);
const char	*geo_region_of_location(const char *location);

/*
 * Whether a Local circuit at location reaches region: 1 yes, 0 no,
 * -1 the location is not in the table.  *locals (may be NULL) is set to
 * the location's local regions as Learn spells them ("" when Local is
 * not available there).
 */
int		 geo_local_reaches(const char *location, const char *region,
		    const char **locals);

#endif
