/*
 * The ExpressRoute reach tables (geo.h).  Sources, under
 * https://learn.microsoft.com/azure/expressroute/:
 * - expressroute-locations-providers, "Azure regions to ExpressRoute
 *   locations within a geopolitical region" (include
 *   expressroute-azure-regions-geopolitical-region, 04/2024): which
 *   locations and regions make up each geopolitical region; "Connectivity
 *   across geopolitical regions isn't supported on the standard
 *   ExpressRoute SKU";
 * - the same page's provider tables (04/2026), column "Local Azure
 *   regions": the regions ExpressRoute Local reaches from each location
 *   (empty: Local not available there).
 * A location listed in the provider tables but not in the geopolitical
 * table (Atlanta2, Brussels, Vienna, ...) has no geopolitical region
 * here: the check skips it rather than guess.
 */
#include <ctype.h>
#include <stddef.h>
#include <string.h>

#include "hybridoc/geo.h"

struct geo_loc {
	const char	*name;
	const char	*geo;		/* NULL: not in the geopolitical table */
	const char	*locals;	/* Learn's names, "; "-separated */
};

static const struct geo_loc locs[] = {
	{ "Abu Dhabi", "UAE", "UAE Central" },
	{ "Amsterdam", "Europe", "West Europe" },
	{ "Amsterdam2", "Europe", "West Europe" },
	{ "Atlanta", "North America", "" },
	{ "Atlanta2", NULL, "" },
	{ "Auckland", "Oceania", "New Zealand North" },
	{ "Bangkok", "Asia", "" },
	{ "Berlin", "Europe", "Germany North" },
	{ "Brussels", NULL, "" },
	{ "Brussels2", NULL, "" },
	{ "Busan", "South Korea", "Korea South" },
	{ "Campinas", "South America", "Brazil South" },
	{ "Canberra", "Australia Government", "Australia Central" },
	{ "Canberra2", "Australia Government", "Australia Central 2" },
	{ "Cape Town", "South Africa", "South Africa West" },
	{ "Chennai", "India", "South India" },
	{ "Chennai2", "India", "South India" },
	{ "Chicago", "North America", "North Central US" },
	{ "Chicago2", "North America", "North Central US" },
	{ "Copenhagen", "Europe", "" },
	{ "Dallas", "North America", "" },
	{ "Dallas2", NULL, "" },
	{ "Denver", "North America", "West Central US" },
	{ "Doha", "Qatar", "Qatar Central" },
	{ "Doha2", "Qatar", "Qatar Central" },
	{ "Dubai", "UAE", "UAE North" },
	{ "Dubai2", "UAE", "UAE North" },
	{ "Dublin", "Europe", "North Europe" },
	{ "Dublin2", "Europe", "North Europe" },
	{ "Frankfurt", "Europe", "Germany West Central" },
	{ "Frankfurt2", "Europe", "Germany West Central" },
	{ "Geneva", "Europe", "Switzerland West" },
	{ "Hong Kong", "Asia", "East Asia" },
	{ "Hong Kong2", "Asia", "East Asia" },
	{ "Jakarta", "Asia", "Indonesia Central" },
	{ "Jakarta2", NULL, "Indonesia Central" },
	{ "Johannesburg", "South Africa", "South Africa North" },
	{ "Kuala Lumpur", "Asia", "Malaysia West" },
	{ "Kuala Lumpur2", NULL, "Malaysia West" },
	{ "Las Vegas", "North America", "" },
	{ "London", "Europe", "UK South" },
	{ "London2", "Europe", "UK South" },
	{ "Los Angeles", "North America", "" },
	{ "Los Angeles2", "North America", "" },
	{ "Madrid", "Europe", "Spain Central" },
	{ "Madrid2", "Europe", "Spain Central" },
	{ "Marseille", "Europe", "France South" },
	{ "Melbourne", "Oceania", "Australia Southeast" },
	{ "Melbourne2", NULL, "Australia Southeast" },
	{ "Miami", "North America", "" },
	{ "Milan", "Europe", "Italy North" },
	{ "Milan2", "Europe", "Italy North" },
	{ "Minneapolis", "North America", "" },
	{ "Montreal", "North America", "" },
	{ "Mumbai", "India", "West India" },
	{ "Mumbai2", "India", "West India" },
	{ "Munich", "Europe", "" },
	{ "New York", "North America", "" },
	{ "Newport(Wales)", "Europe", "UK West" },
	{ "Osaka", "Japan", "Japan West" },
	{ "Oslo", "Europe", "Norway East" },
	{ "Paris", "Europe", "France Central" },
	{ "Paris2", "Europe", "France Central" },
	{ "Perth", "Oceania", "" },
	{ "Phoenix", "North America", "West US 3" },
	{ "Phoenix2", NULL, "West US 3" },
	{ "Portland", NULL, "West US 2" },
	{ "Pune", "India", "Central India" },
	{ "Quebec City", "North America", "Canada East" },
	{ "Queretaro(Mexico)", "North America", "Mexico Central" },
	{ "Quincy", "North America", "West US 2" },
	{ "Rio de Janeiro", "South America", "Brazil Southeast" },
	{ "San Antonio", "North America", "South Central US" },
	{ "Santiago", "South America", "" },
	{ "Sao Paulo", "South America", "Brazil South" },
	{ "Sao Paulo2", "South America", "Brazil South" },
	{ "Seattle", "North America", "West US 2" },
	{ "Seoul", "South Korea", "Korea Central" },
	{ "Seoul2", "South Korea", "Korea Central" },
	{ "Silicon Valley", "North America", "West US" },
	{ "Silicon Valley2", "North America", "West US" },
	{ "Singapore", "Asia", "Southeast Asia" },
	{ "Singapore2", "Asia", "Southeast Asia" },
	{ "Stavanger", "Europe", "Norway West" },
	{ "Stockholm", "Europe", "Sweden Central" },
	{ "Stockholm2", NULL, "Sweden Central" },
	{ "Sydney", "Oceania", "Australia East" },
	{ "Sydney2", "Oceania", "Australia East" },
	{ "Taipei", "Asia", "Taiwan North" },
	{ "Taipei2", NULL, "Taiwan North" },
	{ "Tel Aviv", "Israel", "Israel Central" },
	{ "Tel Aviv2", "Israel", "Israel Central" },
	{ "Tokyo", "Japan", "Japan East" },
	{ "Tokyo2", "Japan", "Japan East" },
	{ "Tokyo3", "Japan", "Japan East" },
	{ "Toronto", "North America", "Canada Central" },
	{ "Toronto2", "North America", "Canada Central" },
	{ "Vancouver", "North America", "" },
	{ "Vienna", NULL, "" },
	{ "Vienna2", NULL, "" },
	{ "Warsaw", "Europe", "Poland Central" },
	{ "Washington DC", "North America", "East US; East US 2" },
	{ "Washington DC2", "North America", "East US; East US 2" },
	{ "Zurich", "Europe", "Switzerland North" },
};

static const struct {
	const char	*region;	/* Learn's name */
	const char	*geo;
} regions[] = {
	{ "Australia Central", "Australia Government" },
	{ "Australia Central 2", "Australia Government" },
	{ "France Central", "Europe" }, { "France South", "Europe" },
	{ "Germany North", "Europe" }, { "Germany West Central", "Europe" },
	{ "Italy North", "Europe" }, { "North Europe", "Europe" },
	{ "Norway East", "Europe" }, { "Norway West", "Europe" },
	{ "Poland Central", "Europe" }, { "Sweden Central", "Europe" },
	{ "Switzerland North", "Europe" }, { "Switzerland West", "Europe" },
	{ "UK West", "Europe" }, { "UK South", "Europe" },
	{ "West Europe", "Europe" },
	{ "East US", "North America" }, { "West US", "North America" },
	{ "East US 2", "North America" }, { "West US 2", "North America" },
	{ "West US 3", "North America" }, { "Central US", "North America" },
	{ "South Central US", "North America" },
	{ "North Central US", "North America" },
	{ "West Central US", "North America" },
	{ "Canada Central", "North America" },
	{ "Canada East", "North America" },
	{ "East Asia", "Asia" }, { "Southeast Asia", "Asia" },
	/* Learn writes "India West" etc.; the region names are these. */
	{ "West India", "India" }, { "Central India", "India" },
	{ "South India", "India" },
	{ "Israel Central", "Israel" },
	{ "Japan West", "Japan" }, { "Japan East", "Japan" },
	{ "Australia East", "Oceania" }, { "Australia Southeast", "Oceania" },
	{ "Korea Central", "South Korea" }, { "Korea South", "South Korea" },
	{ "UAE Central", "UAE" }, { "UAE North", "UAE" },
	{ "South Africa West", "South Africa" },
	{ "South Africa North", "South Africa" },
	{ "Brazil South", "South America" },
	{ "Qatar Central", "Qatar" },
};

/* Compares a and b (b may end at end) ignoring case, spaces and
 * punctuation. */
static int
same(const char *a, const char *b, const char *end)
{
	for (;;) {
		while (*a && !isalnum((unsigned char)*a))
			a++;
		while (b != end && *b && !isalnum((unsigned char)*b))
			b++;
		if (*a == '\0' || b == end || *b == '\0')
			return *a == '\0' && (b == end || *b == '\0');
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++, b++;
	}
}

static const struct geo_loc *
loc_find(const char *location)
{
	size_t	 i;

	for (i = 0; i < sizeof(locs) / sizeof(locs[0]); i++)
		if (same(location, locs[i].name, NULL))
			return &locs[i];
	return NULL;
}

const char *
geo_region_of_location(const char *location)
{
	const struct geo_loc *l = loc_find(location);

	return l != NULL ? l->geo : NULL;
}

const char *
geo_region_of_region(const char *region)
{
	size_t	 i;

	for (i = 0; i < sizeof(regions) / sizeof(regions[0]); i++)
		if (same(region, regions[i].region, NULL))
			return regions[i].geo;
	return NULL;
}

int
geo_local_reaches(const char *location, const char *region,
    const char **locals)
{
	const struct geo_loc *l = loc_find(location);
	const char	*p, *q;

	if (l == NULL)
		return -1;
	if (locals != NULL)
		*locals = l->locals;
	for (p = l->locals; *p; p = *q ? q + 2 : q) {
		if ((q = strstr(p, "; ")) == NULL)
			q = p + strlen(p);
		if (same(region, p, q))
			return 1;
	}
	return 0;
}
