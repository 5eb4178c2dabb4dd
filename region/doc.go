// Package region resolves administrative division codes (GB/T 2260) to names and to the chain of
// jurisdictions whose rules apply: district → city → province → "CN".
//
// The embedded table names every provincial-level division of mainland China, every provincial
// capital, the sub-provincial cities and the cities named in rule data. Other codes under a known
// province are accepted and placed in the chain by their structure (440305 → 440300 → 440000),
// so any real district works without listing every county; a code under no known province is an
// error matching ErrUnknownRegion.
//
// The five 计划单列市 — Dalian 210200, Qingdao 370200, Ningbo 330200, Xiamen 350200 and Shenzhen
// 440300 — are cities in the chain (their districts → the city → the province → "CN") but act
// at provincial level in SME recognition: Region.SeparatelyPlanned marks them, and
// Region.ProvincialLevel is true for them and for every province. A 计划单列市 replaces its
// province for a tier simply by having its own rule set, which the chain already prefers.
package region
