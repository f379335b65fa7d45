package loader

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/kg"
)

// extraction is the state of one Extract call.
type extraction struct {
	ctx          context.Context
	know         Knowledge
	err          error
	text         string
	masked       string
	doc          *kg.Document
	sents        []sentence
	toks         [][]token
	tokBuf       []token // the array toks share, recycled by release
	learned      map[string]known
	learnedFirst map[string]bool
	surnames     map[string]known
	cache        map[lookupKey]lookupResult
	anyCache     map[string]lookupResult // lookupAny by the text of the span
	last         map[kg.Kind]known
	lastSpeaker  *known
	companyWords map[string]known // one-word company names of the text, built on first use
	ments        [][]mention
	dates        [][]dateMention
	orders       []orderRef
	groups       []groupFact
	sentEdges    map[int][]known
	main         *orderRef
	firstCompany *known
	courts       map[string]known // named courts by their court words ("appeals"), for "the appeals court"
	agencyAs     map[string]known // bodies named here as an earlier document named them (agencies.go)
	enumerated   bool             // the document names the members of its groups
	dc           dateContext
	b            *builder
	lowerText    string     // masked with ASCII letters lower-cased (asciiLower)
	hintSets     []hintMask // hints each sentence contains (hintsIn)
	hintDone     []bool
	keyBuf       []byte    // scratch for map lookups by word key
	verbs        [][]token // verbs of saying per sentence, computed once
	verbsDone    []bool
	bySent       map[int][]int        // sentence -> indexes into orders
	lawDates     map[int]map[int]bool // sentence -> starts of dates a law took
}

type lookupKey struct {
	kind kg.Kind
	key  string // kg.AliasKey of the alias
}

type lookupResult struct {
	k  known
	ok bool
}

func newExtraction(ctx context.Context, k Knowledge, pd *parsedDoc, doc *kg.Document) *extraction {
	x := &extraction{
		ctx: ctx, know: k, text: doc.Text, masked: pd.masked, doc: doc,
		learned: map[string]known{}, learnedFirst: map[string]bool{}, surnames: map[string]known{}, cache: map[lookupKey]lookupResult{}, anyCache: map[string]lookupResult{},
		last: map[kg.Kind]known{}, sentEdges: map[int][]known{}, b: newBuilder(doc),
		dc: dateContext{events: map[string]dateMention{}},
	}
	if t, err := time.Parse("2006-01-02", doc.PublishedAt); err == nil {
		x.dc.pub = t
	}
	x.sents = splitSentences(pd.masked, pd.lines)
	// One lower-cased copy of the text and one token array serve every
	// sentence: per-sentence copies and slices dominated the allocations.
	x.lowerText = asciiLower(pd.masked)
	x.enumerated = strings.Contains(pd.masked, " are ") && hinted(unicodeLower(pd.masked, x.lowerText), []string{"affiliat", "subsidiar", " units", "entities"}) && reGroupEnum.MatchString(pd.masked)
	x.toks = make([][]token, len(x.sents))
	all := newTokenBuf(len(pd.masked)/6 + 8)
	for i, s := range x.sents {
		n := len(all)
		all = appendTokens(all, pd.masked, x.lowerText, s.start, s.end)
		x.toks[i] = all[n:len(all):len(all)]
	}
	x.tokBuf = all
	return x
}

// unicodeLower is strings.ToLower(s), given lower = asciiLower(s): the two
// agree on ASCII text, which then needs no second copy.
func unicodeLower(s, lower string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
	}
	return lower
}

// tokenBufs recycles the token arrays of finished extractions: one array
// per document was the largest allocation of extracting, and its memory
// is of no use once the extraction is built.
var tokenBufs sync.Pool // of *[]token

// newTokenBuf is an empty token array with room for n tokens.
func newTokenBuf(n int) []token {
	if p, ok := tokenBufs.Get().(*[]token); ok && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]token, 0, n)
}

// release hands the token array back once nothing reads the tokens: the
// extraction is built and x is dropped. The array is cleared so that it
// keeps no document's text alive.
func (x *extraction) release() {
	buf := x.tokBuf
	x.tokBuf, x.toks, x.verbs = nil, nil, nil
	if buf == nil {
		return
	}
	clear(buf)
	buf = buf[:0]
	tokenBufs.Put(&buf)
}

// lookup asks the graph for a node of kind named alias, once per document.
func (x *extraction) lookup(kind kg.Kind, alias string) (known, bool) {
	if x.know == nil || x.err != nil {
		return known{}, false
	}
	return x.lookupKeyed(kind, alias, kg.AliasKey(alias))
}

// lookupKeyed is lookup with the alias key already computed.
func (x *extraction) lookupKeyed(kind kg.Kind, alias, key string) (known, bool) {
	if x.know == nil || x.err != nil {
		return known{}, false
	}
	ck := lookupKey{kind, key}
	if r, ok := x.cache[ck]; ok {
		return r.k, r.ok
	}
	var r lookupResult
	if mem, ok := x.know.(*Memory); ok {
		// The same answer as Lookup, without recomputing the key.
		if n, ok := mem.firstByKey(kind, key); ok {
			r = lookupResult{k: known{kind: n.Kind, id: n.ID, name: n.Name, key: n.Name}, ok: true}
		}
		x.cache[ck] = r
		return r.k, r.ok
	}
	nodes, err := x.know.Lookup(x.ctx, kind, alias)
	if err != nil {
		x.err = kg.Wrap(kg.CodeUnavailable, err, "looking up known names failed")
		return known{}, false
	}
	if len(nodes) > 0 {
		sort.Slice(nodes, func(i, j int) bool { return nodes[i].ID < nodes[j].ID })
		n := nodes[0]
		r = lookupResult{k: known{kind: n.Kind, id: n.ID, name: n.Name, key: n.Name}, ok: true}
	}
	x.cache[ck] = r
	return r.k, r.ok
}

var anyKinds = []kg.Kind{kg.KindCompany, kg.KindPerson, kg.KindEntity, kg.KindAgency}

// lookupAny asks for a node of any named kind called by the words of
// toks. The name is a function of the span's text, so the answer is kept
// by that text: capitalised runs recur through a document.
func (x *extraction) lookupAny(toks []token) (known, bool) {
	if x.know == nil || x.err != nil {
		return known{}, false
	}
	span := x.masked[toks[0].start:toks[len(toks)-1].end]
	if r, ok := x.anyCache[span]; ok {
		return r.k, r.ok
	}
	name := joinWords(toks)
	key := kg.AliasKey(name)
	var r lookupResult
	for _, kind := range anyKinds {
		if k, ok := x.lookupKeyed(kind, name, key); ok {
			r = lookupResult{k: k, ok: true}
			break
		}
	}
	if x.err == nil {
		x.anyCache[span] = r
	}
	return r.k, r.ok
}

// lower is the text of sentence si with ASCII letters lower-cased.
func (x *extraction) lower(si int) string {
	s := x.sents[si]
	return x.lowerText[s.start:s.end]
}

func (x *extraction) mainKnown() known {
	return known{kind: kg.KindOrder, id: x.main.id, name: x.main.name, key: x.main.key}
}

// run is the pipeline over the sentences: learn names, find mentions and
// dates, find orders, then emit relations, events and facts.
func (x *extraction) run() {
	x.learn()
	x.ments = make([][]mention, len(x.sents))
	x.dates = make([][]dateMention, len(x.sents))
	for si, s := range x.sents {
		ms := x.findMentions(si)
		ms = x.resolveAnaphora(si, ms)
		ms = x.learnAcronyms(si, ms)
		x.ments[si] = ms
		for _, m := range ms {
			x.last[m.kind] = m.known
		}
		if s.kind != lineMeta {
			ds := findDatesLower(x.masked, x.lower(si), s.start, s.end, &x.dc)
			x.dates[si] = ds
			x.dc.noteEvents(x.masked[s.start:s.end], ds)
			if x.dc.announce == nil && len(x.speechVerbs(si)) > 0 {
				for _, d := range ds {
					if d.iso != "" && d.prec == kg.PrecisionDay && !strings.Contains(d.derivation, "within") {
						dd := d
						x.dc.announce = &dd
						break
					}
				}
			}
		}
		os := x.findOrders(si, ms, x.dates[si])
		x.orders = append(x.orders, os...)
		if x.dc.announce == nil && hasNewOrder(os) {
			for _, d := range x.dates[si] {
				if d.iso != "" && d.prec == kg.PrecisionDay && !strings.Contains(d.derivation, "within") && !strings.Contains(d.derivation, "year of publication") {
					dd := d
					x.dc.announce = &dd
					break
				}
			}
		}
	}
	x.stateBodies()
	x.corefFrames()
	for i := range x.orders {
		o := &x.orders[i]
		if o.ref {
			continue
		}
		if o.sameAs > 0 {
			e := &x.orders[o.sameAs-1]
			if e.ref {
				// Told as part of an act that refers to another: so does it.
				o.ref, o.typeFilter, o.sameAs = true, e.typeFilter, 0
				continue
			}
			o.id, o.name, o.key, o.past = e.id, e.name, e.key, e.past
			continue
		}
		x.orderIdentity(o)
		if x.main == nil && !o.authority && o.modality != "attempted" && !o.past && (!o.frame || o.sent <= 1) {
			x.main = o
		}
	}
	// A general act is the document's main order only when no order of the
	// seed's kinds is told.
	for i := range x.orders {
		if o := &x.orders[i]; x.main == nil && !o.ref && o.sameAs == 0 && !o.authority && o.modality != "attempted" && !o.past {
			x.main = o
		}
	}
	if x.main == nil {
		for i := range x.orders {
			if !x.orders[i].ref && x.orders[i].modality != "attempted" && !x.orders[i].authority {
				x.main = &x.orders[i]
				break
			}
		}
	}
	// Nodes first, so that every relation finds both ends.
	for si := range x.sents {
		for _, m := range x.ments[si] {
			x.b.mention(m)
		}
	}
	for _, g := range x.groups {
		ev := x.b.evidence(g.start, g.end, g.sent)
		x.b.ensureNode(g.owner, nil)
		x.b.fact(g.id, kg.Fact{Name: "count", Value: itoa(g.count), Text: ev.Quote, Evidence: ev})
		x.b.edge(g.id, kg.RelLinkedTo, g.owner.id, "", nil, x.b.evidence(x.sents[g.sent].start, x.sents[g.sent].end, g.sent))
	}
	x.enumerateMembers()
	x.lawDates = map[int]map[int]bool{}
	for si := range x.sents {
		if used := x.lawFacts(si, false); used != nil {
			x.lawDates[si] = used
		}
	}
	x.emitOrders()
	for si := range x.sents {
		x.lawFacts(si, true)
	}
	for si := range x.sents {
		x.structuralRelations(si, x.ments[si])
		x.sentenceRelations(si, x.ments[si])
		x.sentenceFacts(si, x.ments[si])
	}
	x.emitEventDates()
	if x.doc.PublishedAt != "" {
		iso, p, err := kg.ParseISODate(x.doc.PublishedAt)
		if err == nil {
			id := x.b.dateNode(iso, p, nil)
			x.b.edge(x.doc.ID, kg.RelPublishedOn, id, "", nil, x.docEvidence())
		}
	}
}

// docEvidence is the evidence for facts about the document itself: its
// first line.
func (x *extraction) docEvidence() kg.Evidence {
	for _, s := range x.sents {
		return x.b.evidence(s.start, s.end, s.idx)
	}
	return x.b.evidence(0, 0, 0)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

func hasNewOrder(os []orderRef) bool {
	for _, o := range os {
		if !o.ref && !o.authority && o.modality != "attempted" {
			return true
		}
	}
	return false
}
