// Package region resolves administrative division codes (GB/T 2260) to names and to the chain of
// jurisdictions whose rules apply: district → city → province → "CN".
//
// The embedded table names every provincial-level division of mainland China, every provincial
// capital, the sub-provincial cities and the cities named in rule data. Other codes under a known
// province are accepted and placed in the chain by their structure (440305 → 440300 → 440000),
// so any real district works without listing every county; a code under no known province is an
// error matching ErrUnknownRegion.
package region
