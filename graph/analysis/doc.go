// Package analysis answers questions that are computed from stored graph
// data rather than looked up: where the documents disagree.
//
// A conflict is one fact (its kind, subject and topic) and two or more
// versions of it (sides), each with the quotes, documents and independent
// story groups behind it. The kinds and topics mean:
//
//   - ISSUER, topic "issuer": reports attribute an order to different
//     issuers (ISSUED edges, and ANNOUNCED edges from anything but a
//     person). A planned action ("will ban") names its issuer; a negated
//     or attempted one names nobody.
//   - AUTHORITY, topic "authority": reports rest an order on different
//     legal bases (BASED_ON).
//   - DATE, topic "<role>" ("new sales banned", "updates end", "occurred
//     on"): reports give days that cannot both be true for the same role.
//     A date written without a year in an undated report ("July 20") is
//     compared by month and day, never given a year.
//   - DATE, topic "<role> (wording)": reports give the same day in
//     different words, one counting from an event ("within 30 days of the
//     announcement", with the loader's derivation) and one naming the day
//     ("July 20"). Nothing is contradicted, but an analyst should see both.
//   - FIGURE, topic "<figure>[ (year)][ [unit]]": reports give values of
//     one figure more than 5% apart.
//   - FIGURE, topic "<figure> (breakdown)": reports give the same figure
//     as a total ("three entities") and as a sum of parts ("two Russian
//     units and one Kaspersky unit"), or as different sums of parts.
//
// Sides disagree only when each is the version of a story group the other
// is not (see Detect); near-duplicate copies of one story count once.
package analysis
