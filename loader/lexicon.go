package loader

import (
	"embed"
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

//go:embed lexicon/*.txt
var lexiconFS embed.FS

// gazEntry is what a known phrase stands for: a location, an agency or a
// demonym (which mentions its country).
type gazEntry struct {
	kind    kg.Kind
	name    string // canonical name
	country string // for cities and demonyms: the country they belong to
	demonym bool
	id      string // kg.NodeID(kind, name), made once rather than at every mention
}

// orderTrigger is one line of orders.txt.
type orderTrigger struct {
	typ   string
	ref   bool
	hints []string
	re    *regexp.Regexp
}

// relRule is one line of relations.txt.
type relRule struct {
	typ      kg.RelType
	hints    []string
	re       *regexp.Regexp
	subj     []kg.Kind
	subjAt   string
	obj      []kg.Kind
	objAt    string
	modality string
}

// roleRule is one line of roles.txt.
type roleRule struct {
	role string
	re   *regexp.Regexp
}

// titleRule is one line of titles.txt.
type titleRule struct {
	words []string
	title string
	rel   kg.RelType
	of    string
}

// lexicon is every data file, parsed once at package init so extraction
// never compiles a regular expression.
type lexicon struct {
	gaz          map[string]gazEntry // AliasKey of phrase -> entry
	gazFirst     map[string]bool     // first words of gazetteer phrases
	maxGazWords  int
	agencyHeads  map[string]string // "Department" -> "dept"
	topics       map[string]bool
	topicStarts  map[string]bool // first words of topics
	titles       []titleRule
	titleByKey   map[string]titleRule
	titleStarts  map[string]bool // first words of titles
	suffixes     map[string]bool
	descriptors  map[string]bool
	namewords    map[string]bool // words that end company names and stay in them
	entityDesc   map[string]bool
	givenNames   map[string]bool
	common       map[string]bool
	abbrevs      map[string]bool
	orders       []orderTrigger
	relations    []relRule
	roles        []roleRule
	speech       map[string]bool
	countryNames map[string]bool
}

var lex = mustLoadLexicon()

func lexLines(name string) [][]string { return lexLinesSep(name, "|") }

// lexLinesSep reads a data file whose fields are separated by sep; files
// holding regular expressions use " | " so that "|" stays alternation.
func lexLinesSep(name, sep string) [][]string {
	b, err := lexiconFS.ReadFile("lexicon/" + name)
	if err != nil {
		panic("loader: missing lexicon " + name)
	}
	var out [][]string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, sep)
		// A trailing empty field leaves "x |" after trimming the line.
		if last := fields[len(fields)-1]; sep != "|" && strings.HasSuffix(last, " |") {
			fields[len(fields)-1] = strings.TrimSuffix(last, " |")
			fields = append(fields, "")
		}
		out = append(out, fields)
	}
	return out
}

func lexWords(name string) map[string]bool {
	m := map[string]bool{}
	for _, f := range lexLines(name) {
		for _, w := range strings.Fields(f[0]) {
			m[w] = true
		}
	}
	return m
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func kinds(s string) []kg.Kind {
	var out []kg.Kind
	for _, p := range splitList(s) {
		out = append(out, kg.Kind(p))
	}
	return out
}

func field(f []string, i int) string {
	if i < len(f) {
		return strings.TrimSpace(f[i])
	}
	return ""
}

func mustLoadLexicon() *lexicon {
	l := &lexicon{
		gaz: map[string]gazEntry{}, agencyHeads: map[string]string{}, topics: map[string]bool{},
		titleByKey: map[string]titleRule{}, suffixes: map[string]bool{}, descriptors: map[string]bool{},
		entityDesc: map[string]bool{}, countryNames: map[string]bool{},
	}
	add := func(phrase string, e gazEntry) {
		k := kg.AliasKey(phrase)
		if k == "" {
			return
		}
		if _, ok := l.gaz[k]; ok {
			return
		}
		e.id = kg.NodeID(e.kind, e.name)
		l.gaz[k] = e
		if l.gazFirst == nil {
			l.gazFirst = map[string]bool{}
		}
		l.gazFirst[strings.Fields(k)[0]] = true
		if n := len(strings.Fields(k)); n > l.maxGazWords {
			l.maxGazWords = n
		}
	}
	for _, f := range lexLines("countries.txt") {
		name := field(f, 0)
		l.countryNames[name] = true
		add(name, gazEntry{kind: kg.KindLocation, name: name})
		for _, a := range splitList(field(f, 1)) {
			add(a, gazEntry{kind: kg.KindLocation, name: name})
		}
		for _, d := range splitList(field(f, 2)) {
			add(d, gazEntry{kind: kg.KindLocation, name: name, demonym: true})
		}
	}
	for _, f := range lexLines("cities.txt") {
		e := gazEntry{kind: kg.KindLocation, name: field(f, 0), country: field(f, 1)}
		add(e.name, e)
		for _, a := range splitList(field(f, 2)) {
			add(a, e)
		}
	}
	for _, f := range lexLines("states.txt") {
		add(field(f, 0), gazEntry{kind: kg.KindLocation, name: strings.TrimSuffix(field(f, 0), " State"), country: "United States"})
	}
	for _, f := range lexLines("agencies.txt") {
		e := gazEntry{kind: kg.KindAgency, name: field(f, 0)}
		add(e.name, e)
		for _, a := range splitList(field(f, 1)) {
			add(a, e)
		}
	}
	for _, f := range lexLines("agencyheads.txt") {
		l.agencyHeads[field(f, 0)] = field(f, 1)
	}
	l.topicStarts = map[string]bool{}
	for _, f := range lexLines("topics.txt") {
		l.topics[field(f, 0)] = true
		l.topicStarts[strings.Fields(field(f, 0))[0]] = true
	}
	for _, f := range lexLines("titles.txt") {
		// "director-general" is two tokens: a hyphen splits words.
		words := strings.FieldsFunc(field(f, 0), func(r rune) bool { return r == ' ' || r == '-' })
		t := titleRule{title: field(f, 0), words: words, rel: kg.RelType(field(f, 1)), of: field(f, 2)}
		l.titles = append(l.titles, t)
		l.titleByKey[t.title] = t
		if l.titleStarts == nil {
			l.titleStarts = map[string]bool{}
		}
		l.titleStarts[t.words[0]] = true
	}
	for _, f := range lexLines("companies.txt") {
		switch field(f, 0) {
		case "suffix":
			l.suffixes[strings.TrimSuffix(field(f, 1), ".")] = true
		case "descriptor":
			l.descriptors[field(f, 1)] = true
		case "nameword":
			if l.namewords == nil {
				l.namewords = map[string]bool{}
			}
			l.namewords[field(f, 1)] = true
		}
	}
	l.entityDesc = lexWords("entities.txt")
	l.givenNames = lexWords("givennames.txt")
	l.common = lexWords("commonwords.txt")
	l.abbrevs = lexWords("abbreviations.txt")
	l.speech = lexWords("speech.txt")
	for _, f := range lexLinesSep("orders.txt", " | ") {
		l.orders = append(l.orders, orderTrigger{typ: field(f, 0), ref: field(f, 1) == "ref", hints: splitList(field(f, 2)), re: regexp.MustCompile(field(f, 3))})
	}
	for _, f := range lexLinesSep("relations.txt", " | ") {
		sk, sa, _ := strings.Cut(field(f, 3), ":")
		ok, oa, _ := strings.Cut(field(f, 4), ":")
		l.relations = append(l.relations, relRule{
			typ: kg.RelType(field(f, 0)), hints: splitList(field(f, 1)), re: regexp.MustCompile(field(f, 2)),
			subj: kinds(sk), subjAt: sa, obj: kinds(ok), objAt: oa, modality: field(f, 5),
		})
	}
	for _, f := range lexLinesSep("roles.txt", " | ") {
		l.roles = append(l.roles, roleRule{role: field(f, 0), re: regexp.MustCompile(field(f, 1))})
	}
	for _, r := range l.relations {
		if !r.typ.Valid() {
			panic("loader: relations.txt has unknown type " + string(r.typ))
		}
	}
	return l
}

// hinted reports whether the lower-cased text contains one of the hints
// (or there are none): a cheap test before a regular expression runs.
func hinted(lower string, hints []string) bool {
	if len(hints) == 0 {
		return true
	}
	for _, h := range hints {
		if strings.Contains(lower, h) {
			return true
		}
	}
	return false
}

// asciiLower lower-cases ASCII letters only, so the result has the same
// byte offsets as s and case-insensitive patterns can run on it without
// the cost of case folding.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && !isUpperASCII(s[i]) {
		i++
	}
	if i == len(s) {
		return s
	}
	// One buffer, filled with the runs between capitals: a byte copy
	// lowered in place and then copied into a string made two.
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		b.WriteByte(s[i] + 'a' - 'A') // s[i] is a capital
		j := i + 1
		for j < len(s) && !isUpperASCII(s[j]) {
			j++
		}
		b.WriteString(s[i+1 : j])
		i = j
	}
	return b.String()
}

func isUpperASCII(c byte) bool { return 'A' <= c && c <= 'Z' }
