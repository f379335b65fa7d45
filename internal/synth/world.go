package synth

import (
	"math/rand/v2"
	"time"

	"github.com/newsgraph/newsgraph/kg"
)

// node is one entity of the synthetic world.
type node struct {
	id    string
	kind  kg.Kind
	name  string
	alias string // short form used after the first mention in a document, "" for none
	title string // PERSON: job title; ORDER: order type
}

// fact is one relationship of the world (or, when t is empty, a figure of
// its subject). For dated types o is a day number (days since epochDay),
// not a node index.
type fact struct {
	s, o   int32
	t      kg.RelType
	role   int8  // index into roles for EFFECTIVE_ON, else -1
	stmt   int8  // index into statements for STATED, else -1
	figure int32 // users in millions, for figures
}

// edgeKey identifies a fact's edge so that the world never states the same
// edge twice through different anchors: merged typed edges then equal the
// number of facts.
type edgeKey struct {
	s, o int32
	t    kg.RelType
	role int8
}

// world holds every entity and fact. Facts are grouped by anchor (the
// entity they were generated for); documents report whole anchors, which
// keeps each document about a few coherent subjects.
type world struct {
	cfg         Config
	nodes       []node
	facts       []fact
	anchorStart []int32 // anchor k owns facts[anchorStart[k]:anchorStart[k+1]]
	orderAnchor []int32 // anchor index of each order, by order rank
	orderNode0  int32   // node index of the first order
	person0     int32   // node index of the first person
	agency0     int32   // node index of the first agency
	orderDay    []int32 // issue day of each order
	popular     []int32 // order ranks by popularity: popular[0] is covered most
	docAnchors  []int32 // anchors in the order documents take them
	docStart    []int32 // original document k reports docAnchors[docStart[k]:docStart[k+1]]
	seen        map[edgeKey]bool
}

// epochDay is day 0 of the corpus calendar; orders are issued over the
// following twenty years.
var epochDay = time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)

const orderSpanDays = 7300

// hubShare is the share of picks drawn from a Zipf law rather than
// uniformly: it makes a few hubs (agencies issuing hundreds of orders,
// much-targeted companies, big countries) while most nodes stay small.
const hubShare = 0.3

// skewed picks an index in [0, n) with a heavy head.
type skewed struct {
	r *rand.Rand
	z *rand.Zipf
	n int
}

func newSkewed(r *rand.Rand, n int) *skewed {
	s := &skewed{r: r, n: n}
	if n > 1 {
		s.z = rand.NewZipf(r, 1.1, 1, uint64(n-1))
	}
	return s
}

func (s *skewed) pick() int {
	if s.z == nil {
		return 0
	}
	if s.r.Float64() < hubShare {
		return int(s.z.Uint64())
	}
	return s.r.IntN(s.n)
}

func (w *world) add(k kg.Kind, name, alias, title string) int32 {
	w.nodes = append(w.nodes, node{id: kg.NodeID(k, name), kind: k, name: name, alias: alias, title: title})
	return int32(len(w.nodes) - 1)
}

// relate records a fact unless the same edge was already stated.
func (w *world) relate(s int32, t kg.RelType, o int32, role, stmt int8) {
	k := edgeKey{s: s, o: o, t: t, role: role}
	if w.seen[k] {
		return
	}
	w.seen[k] = true
	w.facts = append(w.facts, fact{s: s, o: o, t: t, role: role, stmt: stmt})
}

func (w *world) anchor() { w.anchorStart = append(w.anchorStart, int32(len(w.facts))) }

func newWorld(cfg Config) *world {
	r := rand.New(rand.NewPCG(cfg.Seed, 0x5eed))
	nm := newNamer(r)
	w := &world{cfg: cfg, seen: map[edgeKey]bool{}}

	// Locations: countries first, then cities. The first cities go one to
	// each country so that every country is mentioned somewhere.
	nCountries := cfg.Locations / 10
	countries := make([]int32, nCountries)
	for i := range countries {
		countries[i] = w.add(kg.KindLocation, nm.country(), "", "")
	}
	countryPick := newSkewed(r, nCountries)
	for i := 0; i < cfg.Locations-nCountries; i++ {
		c := countries[i%nCountries]
		if i >= nCountries {
			c = countries[countryPick.pick()]
		}
		city := w.add(kg.KindLocation, nm.city(), "", "")
		w.anchor()
		w.relate(city, kg.RelLocatedIn, c, -1, -1)
	}
	cities := make([]int32, 0, cfg.Locations-nCountries)
	for i := nCountries; i < cfg.Locations; i++ {
		cities = append(cities, int32(i))
	}
	cityPick := newSkewed(r, len(cities))

	// Persons come first as plain nodes; heads are assigned below.
	persons := make([]int32, cfg.Persons)
	w.person0 = int32(len(w.nodes))
	w.agency0 = w.person0 + int32(cfg.Persons)
	for i := range persons {
		persons[i] = w.add(kg.KindPerson, nm.person(), "", "")
	}

	agencies := make([]int32, cfg.Agencies)
	for i := range agencies {
		c := countries[countryPick.pick()]
		name := nm.unique(func() string {
			return w.nodes[c].name + " " + nm.pick(bodies) + " of " + nm.pick(domains)
		})
		agencies[i] = w.add(kg.KindAgency, name, "", "")
		head := persons[i]
		w.nodes[head].title = nm.pick(agencyTitles)
		w.anchor()
		w.relate(agencies[i], kg.RelLocatedIn, c, -1, -1)
		w.relate(head, kg.RelHeads, agencies[i], -1, -1)
	}

	companies := make([]int32, cfg.Companies)
	companyPick := newSkewed(r, cfg.Companies)
	for i := range companies {
		stem := nm.companyStem()
		name := nm.unique(func() string { return stem + " " + nm.pick(companyWords) })
		companies[i] = w.add(kg.KindCompany, name, stem, "")
		head := persons[cfg.Agencies+i]
		w.nodes[head].title = "chief executive"
		w.anchor()
		w.relate(companies[i], kg.RelLocatedIn, cities[cityPick.pick()], -1, -1)
		for n := r.IntN(4); n > 0; n-- {
			w.relate(companies[i], kg.RelOperatesIn, countries[countryPick.pick()], -1, -1)
		}
		w.relate(head, kg.RelHeads, companies[i], -1, -1)
		if i > 0 && r.IntN(5) == 0 {
			if p := companies[companyPick.pick()%i]; p != companies[i] {
				w.relate(companies[i], kg.RelSubsidiaryOf, p, -1, -1)
			}
		}
		if r.IntN(3) == 0 {
			w.facts = append(w.facts, fact{s: companies[i], figure: int32(1 + r.IntN(500)), role: -1, stmt: -1})
		}
	}

	// Persons who head nothing work for a company or an agency.
	agencyPick := newSkewed(r, cfg.Agencies)
	for _, p := range persons[cfg.Agencies+cfg.Companies:] {
		w.nodes[p].title = nm.pick(memberTitles)
		org := companies[companyPick.pick()]
		if r.IntN(4) == 0 {
			org = agencies[agencyPick.pick()]
		}
		w.anchor()
		w.relate(p, kg.RelMemberOf, org, -1, -1)
	}

	entities := make([]int32, cfg.Entities)
	for i := range entities {
		owner := companies[companyPick.pick()]
		stem := w.nodes[owner].alias
		name := nm.unique(func() string { return stem + " " + nm.pick(productWords) })
		entities[i] = w.add(kg.KindEntity, name, "", "")
		w.anchor()
		w.relate(entities[i], kg.RelLinkedTo, owner, -1, -1)
	}

	w.addOrders(r, nm, agencies, companies, entities, persons)

	w.anchor() // sentinel: the end of the last anchor
	w.assignDocuments(r)
	w.seen = nil
	return w
}

// addOrders builds the orders and everything said about them: who issued
// and announced them, whom they target, when each part takes effect, what
// they rest on, and the reactions (statements, denials, challenges).
func (w *world) addOrders(r *rand.Rand, nm *namer, agencies, companies, entities, persons []int32) {
	cfg := w.cfg
	agencyPick := newSkewed(r, cfg.Agencies)
	companyPick := newSkewed(r, cfg.Companies)
	entityPick := newSkewed(r, max(cfg.Entities, 1))
	personPick := newSkewed(r, cfg.Persons)
	orderPick := newSkewed(r, cfg.Orders) // low ranks are the old, foundational orders
	seq := map[string]int{}
	w.orderNode0 = int32(len(w.nodes))
	w.orderDay = make([]int32, cfg.Orders)
	w.orderAnchor = make([]int32, cfg.Orders)
	for i := 0; i < cfg.Orders; i++ {
		day := int32(i*orderSpanDays/cfg.Orders + r.IntN(20))
		year := epochDay.AddDate(0, 0, int(day)).Year()
		typ := nm.pick(orderTypes)
		var name string
		if typ == "executive order" {
			name = orderTitles[typ] + " " + itoa(13000+i)
		} else {
			key := typ + itoa(year)
			seq[key]++
			name = orderTitles[typ] + " " + itoa(year) + "-" + pad4(seq[key])
		}
		o := w.add(kg.KindOrder, name, "", typ)
		w.orderDay[i] = day
		w.orderAnchor[i] = int32(len(w.anchorStart))
		w.anchor()

		ai := agencyPick.pick()
		agency := agencies[ai]
		w.relate(agency, kg.RelIssued, o, -1, -1)
		w.relate(o, kg.RelOccurredOn, day, -1, -1)
		var targets []int32
		for n := 1 + r.IntN(4); n > 0; n-- {
			t := companies[companyPick.pick()]
			if cfg.Entities > 0 && r.IntN(5) == 0 {
				t = entities[entityPick.pick()]
			}
			targets = append(targets, t)
			w.relate(o, kg.RelTargets, t, -1, -1)
		}
		for n := 1 + r.IntN(3); n > 0; n-- {
			role := int8(r.IntN(len(roles)))
			w.relate(o, kg.RelEffectiveOn, day+int32(r.IntN(400)), role, -1)
		}
		if r.IntN(2) == 0 {
			w.relate(persons[ai], kg.RelAnnounced, o, -1, -1) // the issuing agency's head
		}
		if i > 0 && r.IntN(5) < 2 {
			base := w.orderNode0 + int32(orderPick.pick()%i)
			w.relate(o, kg.RelBasedOn, base, -1, -1)
		}
		if r.IntN(5) < 3 {
			w.relate(persons[personPick.pick()], kg.RelStated, o, -1, int8(r.IntN(len(statements))))
		}
		first := targets[0]
		if w.nodes[first].kind == kg.KindCompany {
			if r.IntN(10) < 3 {
				w.relate(first, kg.RelDenied, o, -1, -1)
			}
			if r.IntN(5) == 0 {
				w.relate(first, kg.RelChallenges, o, -1, -1)
			}
		}
		if r.IntN(5) == 0 {
			w.relate(agency, kg.RelWarned, first, -1, -1)
		}
		switch typ {
		case "sanction":
			w.relate(agency, kg.RelSanctioned, first, -1, -1)
		case "designation":
			w.relate(agency, kg.RelDesignated, first, -1, -1)
			for _, t := range targets {
				if w.nodes[t].kind == kg.KindEntity {
					w.relate(t, kg.RelListedOn, o, -1, -1)
				}
			}
		}
	}
}

// assignDocuments deals the anchors out to the original documents in a
// shuffled order, so that every fact has one document that reports it and
// the documents carry about the same number of facts each.
func (w *world) assignDocuments(r *rand.Rand) {
	nAnchors := len(w.anchorStart) - 1
	w.docAnchors = make([]int32, nAnchors)
	for i := range w.docAnchors {
		w.docAnchors[i] = int32(i)
	}
	r.Shuffle(nAnchors, func(i, j int) { w.docAnchors[i], w.docAnchors[j] = w.docAnchors[j], w.docAnchors[i] })
	docs := w.cfg.originals()
	total := len(w.facts)
	w.docStart = make([]int32, docs+1)
	k, acc := 0, 0
	for i, a := range w.docAnchors {
		// Move on to the next document once this one has its share.
		for k < docs-1 && acc >= (k+1)*total/docs {
			k++
			w.docStart[k] = int32(i)
		}
		acc += int(w.anchorStart[a+1] - w.anchorStart[a])
	}
	for k++; k <= docs; k++ {
		w.docStart[k] = int32(nAnchors)
	}
	w.popular = make([]int32, w.cfg.Orders)
	for i := range w.popular {
		w.popular[i] = int32(i)
	}
	r.Shuffle(len(w.popular), func(i, j int) { w.popular[i], w.popular[j] = w.popular[j], w.popular[i] })
}

func (w *world) anchorFacts(a int32) []fact { return w.facts[w.anchorStart[a]:w.anchorStart[a+1]] }

func dayISO(day int32) string { return epochDay.AddDate(0, 0, int(day)).Format("2006-01-02") }

func dayText(day int32) string { return epochDay.AddDate(0, 0, int(day)).Format("January 2, 2006") }

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

func pad4(n int) string {
	s := itoa(n)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}
