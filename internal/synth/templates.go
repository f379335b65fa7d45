package synth

import "github.com/newsgraph/newsgraph/kg"

// templates hold the ways a news report states each relationship; the
// generator picks one per sentence. {S} is the subject, {O} the object,
// {D} a date, {T} the subject's title, {Q} a statement, {N} a figure.
var templates = map[kg.RelType][]string{
	kg.RelIssued:       {"{S} issued {O}.", "{O} was issued by {S}.", "{S} said it had imposed {O}."},
	kg.RelAnnounced:    {"{S} announced {O}.", "{O} was announced by {S}."},
	kg.RelTargets:      {"{S} is directed against {O}.", "{S} bars {O} from doing business in the country.", "{O} is the target of {S}."},
	kg.RelOccurredOn:   {"{S} was signed on {D}.", "{S} was issued on {D}."},
	kg.RelBasedOn:      {"{S} rests on powers created by {O}.", "{S} builds on {O}."},
	kg.RelHeads:        {"{S} is the {T} of {O}.", "{O} is led by its {T}, {S}."},
	kg.RelMemberOf:     {"{S}, {T} at {O}, commented on the case.", "{S} works at {O} as {T}."},
	kg.RelLocatedIn:    {"{S} is based in {O}.", "{S} is headquartered in {O}."},
	kg.RelOperatesIn:   {"{S} has offices in {O}.", "{S} sells its products in {O}."},
	kg.RelLinkedTo:     {"{S} is a unit of {O}.", "{S} is linked to {O}."},
	kg.RelSubsidiaryOf: {"{S} is owned by {O}.", "{S} is a subsidiary of {O}."},
	kg.RelStated:       {"\"{O} {Q},\" {S} said.", "{S} said {O} {Q}."},
	kg.RelDenied:       {"{S} denied the allegations behind {O}.", "{S} rejected the claims made in {O}."},
	kg.RelChallenges:   {"{S} vowed to challenge {O} in court."},
	kg.RelWarned:       {"{S} warned about {O}.", "{S} warned customers about the risks of using {O}."},
	kg.RelSanctioned:   {"{S} imposed sanctions on {O}.", "{S} put sanctions on {O}."},
	kg.RelDesignated:   {"{S} added {O} to its list of restricted parties."},
	kg.RelListedOn:     {"{S} appears on {O}.", "{S} is listed under {O}."},
}

// cityTemplates state that a city lies in a country.
var cityTemplates = []string{"{S} is a city in {O}.", "{S} lies in {O}."}

// figureTemplates state a company's user count ({N} is the figure as written).
var figureTemplates = []string{"{S} has {N}.", "{S} says it has {N} worldwide."}

// titleTemplates make a headline from an order's issuer ({S}), the order
// ({O}) and its first target ({T}).
var titleTemplates = []string{"{S} issues {O} against {T}", "{T} hit by {O}", "{S} moves against {T} with {O}"}
