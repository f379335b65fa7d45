package kg

import "strings"

// Kind is the type of a node. The set is closed: storage backends use it as a
// whitelist (for example to pick a Neo4j label) so input can never invent one.
type Kind string

// The node kinds of the ontology.
const (
	KindAgency   Kind = "AGENCY"   // a government body: department, ministry, office, court, the White House
	KindCompany  Kind = "COMPANY"  // a business
	KindEntity   Kind = "ENTITY"   // any other named organisation, unit, product, platform or list
	KindPerson   Kind = "PERSON"   // a human being
	KindLocation Kind = "LOCATION" // a country or a city
	KindOrder    Kind = "ORDER"    // an executive order, ban, determination, directive, sanction or list designation
	KindDate     Kind = "DATE"     // a calendar date at DAY, MONTH or YEAR precision
	KindDocument Kind = "DOCUMENT" // an ingested news document
)

// Kinds lists every node kind in a stable order.
var Kinds = []Kind{KindAgency, KindCompany, KindEntity, KindPerson, KindLocation, KindOrder, KindDate, KindDocument}

// Valid reports whether k is one of the ontology's kinds.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if v == k {
			return true
		}
	}
	return false
}

// Label is the Neo4j-style label of the kind ("Agency", "Company"...).
func (k Kind) Label() string {
	s := strings.ToLower(string(k))
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// IDPrefix is the prefix of node IDs of this kind ("agency", "doc"...).
func (k Kind) IDPrefix() string {
	if k == KindDocument {
		return "doc"
	}
	return strings.ToLower(string(k))
}

// Precision is how precisely a DATE node is known.
type Precision string

// The date precisions.
const (
	PrecisionDay   Precision = "DAY"
	PrecisionMonth Precision = "MONTH"
	PrecisionYear  Precision = "YEAR"
)

// RelType is the type of a relationship. Like Kind it is a closed whitelist.
type RelType string

// The relationship vocabulary. Direction is always subject -> object as
// written in the comment.
const (
	RelIssued          RelType = "ISSUED"        // agency|person -> order: issued, imposed, announced an order
	RelAnnounced       RelType = "ANNOUNCED"     // agency|person -> order: made the order public (may differ from the issuer)
	RelTargets         RelType = "TARGETS"       // order -> company|entity|person|location: whom the order is against
	RelEffectiveOn     RelType = "EFFECTIVE_ON"  // order -> date: a date the order (or one part of it, see attr "role") takes effect or ends
	RelOccurredOn      RelType = "OCCURRED_ON"   // order|event node -> date: when something happened (issued, announced, invaded)
	RelBasedOn         RelType = "BASED_ON"      // order -> order: the authority an order rests on ("using powers created by")
	RelHeads           RelType = "HEADS"         // person -> agency|company: leads it (secretary, CEO, director...)
	RelMemberOf        RelType = "MEMBER_OF"     // person -> agency|company: works for it without leading it
	RelLocatedIn       RelType = "LOCATED_IN"    // company|entity|agency -> location: headquartered or based in
	RelOperatesIn      RelType = "OPERATES_IN"   // company -> location: has offices, sells or operates there
	RelLinkedTo        RelType = "LINKED_TO"     // entity|company -> company|agency|location: affiliated, linked, a unit of
	RelSubsidiaryOf    RelType = "SUBSIDIARY_OF" // entity|company -> company: owned by
	RelPreviouslyActed RelType = "ACTED_AGAINST" // agency -> company|entity: an earlier (non-order) action against it
	RelStated          RelType = "STATED"        // person|agency|company -> node: a claim; attr "statement" holds the words
	RelDenied          RelType = "DENIED"        // company|person -> node: denied allegations about it
	RelChallenges      RelType = "CHALLENGES"    // company|person -> order: vows legal action against it
	RelWarned          RelType = "WARNED"        // agency|person -> node: warned about it
	RelUrged           RelType = "URGED"         // agency|person -> node: encouraged (users) to act (switch vendors)
	RelAttempted       RelType = "ATTEMPTED"     // person|agency -> order|node: tried to act but did not succeed (modality)
	RelBlocked         RelType = "BLOCKED"       // agency(court) -> order|person: blocked, obstructed or enjoined
	RelSanctioned      RelType = "SANCTIONED"    // agency -> company|entity|person: put sanctions on
	RelDesignated      RelType = "DESIGNATED"    // agency -> company|entity: added to a list (the list is an ENTITY or ORDER)
	RelListedOn        RelType = "LISTED_ON"     // company|entity -> entity|order: appears on a list
	RelPublishedOn     RelType = "PUBLISHED_ON"  // document -> date
	RelMentions        RelType = "MENTIONS"      // document -> node: the document names the node
)

// RelTypes lists every relationship type in a stable order.
var RelTypes = []RelType{
	RelIssued, RelAnnounced, RelTargets, RelEffectiveOn, RelOccurredOn, RelBasedOn,
	RelHeads, RelMemberOf, RelLocatedIn, RelOperatesIn, RelLinkedTo, RelSubsidiaryOf,
	RelPreviouslyActed, RelStated, RelDenied, RelChallenges, RelWarned, RelUrged,
	RelAttempted, RelBlocked, RelSanctioned, RelDesignated, RelListedOn, RelPublishedOn,
	RelMentions,
}

// Valid reports whether t is one of the ontology's relationship types.
func (t RelType) Valid() bool {
	for _, v := range RelTypes {
		if v == t {
			return true
		}
	}
	return false
}

// Dated reports whether relationships of this type point at a DATE node and
// so make a timeline entry.
func (t RelType) Dated() bool {
	return t == RelEffectiveOn || t == RelOccurredOn || t == RelPublishedOn
}

// Well-known attribute keys on edges and nodes. Attributes are free-form
// strings; these are the ones the loader and the API agree on.
const (
	AttrRole       = "role"       // edge: what a date means for an order ("new sales banned", "updates end")
	AttrStatement  = "statement"  // edge: the words of a claim (STATED, DENIED, WARNED)
	AttrModality   = "modality"   // edge: "asserted" (default), "attempted", "planned", "negated"
	AttrDerivation = "derivation" // edge: how a relative date was computed ("within 30 days of 2024-06-20")
	AttrDate       = "date"       // DATE node: ISO value at its precision ("2024-09-29", "2024-06", "2017")
	AttrPrecision  = "precision"  // DATE node: DAY, MONTH or YEAR
	AttrOrderType  = "orderType"  // ORDER node: "ban", "executive order", "designation", "sanction", "rule"...
	AttrTitle      = "title"      // PERSON node: the best title seen ("Commerce Secretary")
	AttrUnresolved = "unresolved" // edge: "true" when a relative date could not be anchored
)
