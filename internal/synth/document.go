package synth

import (
	"math/rand/v2"

	"github.com/newsgraph/newsgraph/kg"
)

// stated is one relationship sentence of a document.
type stated struct {
	f          fact
	start, end int
	sentence   int
	figure     [2]int // range of the figure text, for figures
}

// doc is a rendered document before it becomes an Extraction.
type doc struct {
	w         *world
	text      string
	title     string
	source    string
	url       string
	published string
	pubDay    int32
	pubSpan   span
	cluster   string // "" for an original: its own ID
	spans     []span
	facts     []stated
}

// Streams: each document draws its body and its header from separate
// streams so that a syndicated copy can replay its original's body.
const (
	bodyStream   = 1 << 40
	headerStream = 2 << 40
)

func (c *Corpus) build(i int) *doc {
	if i < 0 || i >= c.cfg.Documents {
		panic("synth: document index out of range")
	}
	if !c.cfg.isCopy(i) {
		return c.render(i, i)
	}
	orig := c.render(i-1, i-1)
	d := c.render(i-1, i)
	d.cluster = kg.DocumentID(orig.text)
	return d
}

// publisher picks the outlet of document i; a copy never shares its
// original's outlet.
func (c *Corpus) publisher(i int) int {
	r := rand.New(rand.NewPCG(c.cfg.Seed, headerStream+uint64(i)))
	p := r.IntN(len(publishers))
	if c.cfg.isCopy(i) {
		prev := c.publisher(i - 1)
		p = (prev + 1 + r.IntN(len(publishers)-1)) % len(publishers)
	}
	return p
}

// render writes the body of original document bodyOf under the header of
// document i.
func (c *Corpus) render(bodyOf, i int) *doc {
	w := c.w
	br := rand.New(rand.NewPCG(c.cfg.Seed, bodyStream+uint64(bodyOf)))
	hr := rand.New(rand.NewPCG(c.cfg.Seed, headerStream+uint64(i)+1<<39))
	d := &doc{w: w}
	pub := c.publisher(i)
	d.source = publishers[pub]

	// The lede: one popular order, chosen with a heavy head so a few orders
	// are covered by many documents.
	pop := newSkewed(br, len(w.popular))
	focal := w.popular[pop.pick()]
	anchor := w.orderAnchor[focal]
	orderFacts := w.anchorFacts(anchor)
	d.pubDay = w.orderDay[focal] + int32(br.IntN(45))
	d.published = dayISO(d.pubDay)

	var report []fact
	have := map[int32]bool{}
	for j := 0; j < len(orderFacts) && j < c.cfg.EchoFacts; j++ {
		report = append(report, orderFacts[j])
		have[w.anchorStart[anchor]+int32(j)] = true
	}
	k := c.cfg.origIndex(bodyOf)
	for _, a := range w.docAnchors[w.docStart[k]:w.docStart[k+1]] {
		for j := w.anchorStart[a]; j < w.anchorStart[a+1]; j++ {
			if !have[j] {
				report = append(report, w.facts[j])
			}
		}
	}

	var b builder
	issuer, target := orderFacts[0].s, int32(-1)
	for _, f := range orderFacts {
		if f.t == kg.RelTargets {
			target = f.o
			break
		}
	}
	orderNode := w.orderNode0 + focal
	first := map[ref]bool{}
	name := func(i int32) slot {
		r := ref{idx: i}
		nd := w.nodes[i]
		if first[r] && nd.alias != "" {
			return slot{text: nd.alias, ref: r, named: true}
		}
		first[r] = true
		return slot{text: nd.name, ref: r, named: true}
	}
	b.render(titleTemplates[hr.IntN(len(titleTemplates))], map[byte]slot{'S': name(issuer), 'O': name(orderNode), 'T': name(target)})
	d.title = b.b.String()
	b.write("\n\n")
	b.sentence++
	b.write(d.source + ", ")
	p := b.write(dayText(d.pubDay))
	d.pubSpan = span{ref: ref{idx: d.pubDay, date: true}, start: p, end: b.runes, surface: dayText(d.pubDay), sentence: b.sentence}
	b.spans = append(b.spans, d.pubSpan)
	b.write(".")

	for n, f := range report {
		if n%4 == 0 {
			b.write("\n\n")
		} else {
			b.write(" ")
		}
		b.sentence++
		st := stated{f: f, sentence: b.sentence}
		slots := map[byte]slot{'S': name(f.s)}
		var tmpl string
		switch {
		case f.t == "":
			tmpl = figureTemplates[br.IntN(len(figureTemplates))]
			slots['N'] = slot{text: "more than " + itoa(int(f.figure)) + " million users"}
		case f.t.Dated():
			if f.t == kg.RelEffectiveOn {
				tmpl = roles[f.role].tmpl
			} else {
				tmpl = templates[f.t][br.IntN(len(templates[f.t]))]
			}
			slots['D'] = slot{text: dayText(f.o), ref: ref{idx: f.o, date: true}, named: true}
		default:
			tmpls := templates[f.t]
			if f.t == kg.RelLocatedIn && w.nodes[f.s].kind == kg.KindLocation {
				tmpls = cityTemplates
			}
			tmpl = tmpls[br.IntN(len(tmpls))]
			slots['O'] = name(f.o)
			slots['T'] = slot{text: w.nodes[f.s].title}
			if f.stmt >= 0 {
				slots['Q'] = slot{text: statements[f.stmt]}
			}
		}
		var at map[byte][2]int
		st.start, st.end, at = b.render(tmpl, slots)
		st.figure = at['N']
		d.facts = append(d.facts, st)
	}
	d.text = b.b.String()
	d.spans = b.spans
	d.url = "https://news.example/" + kg.Slug(d.source) + "/" + itoa(i)
	return d
}
