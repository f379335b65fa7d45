package loader_test

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/kg"
)

// The name-swap test (issue 17): each development set is copied with
// every gold name of a person, company, entity or agency consistently
// replaced, in the texts and in the gold, by an invented name of the same
// shape. Recognition that comes from context scores the same on the copy;
// recognition that comes from remembered names does not. The goal is an
// entity and a relation recall within swapGoal of the original's.
//
// What is swapped and what is kept:
//   - Every gold name of a PERSON, COMPANY, ENTITY or AGENCY is replaced
//     whole, longest first, only at word boundaries. Its words are mapped
//     one by one through one table per set, so "Facebook" and "Facebook
//     Ireland Ltd." stay related ("Vorlanet", "Vorlanet Ireland Ltd.") and
//     a surname alone follows its full name.
//   - General words are kept: legal suffixes (Inc, Ltd, AG), organisation
//     words (Department, Ministry, Commission, Court, Office), titles,
//     function words, and every word of a LOCATION name or a demonym.
//     Countries, cities and such words are general knowledge the loader may
//     hold (team rules); an invented country would test nothing the issue
//     asks for.
//   - ORDER names and keywords are descriptions ("the ban"), not names:
//     only the swapped names inside them are replaced.
//
// An invented word keeps the shape of the word it replaces: an acronym
// stays an acronym of the same length, a capitalised word stays
// capitalised, digits and punctuation stay.

// swapGoal is the bound on the recall lost by the swap.
const swapGoal = 0.05

// TestNameSwap scores every development set and its name-swapped copy and
// compares the entity and relation recall.
func TestNameSwap(t *testing.T) {
	for _, name := range []string{"dev_sanctions", "dev_competition", "dev_enforcement"} {
		t.Run(name, func(t *testing.T) {
			src := filepath.Join("testdata", "gold", "dev", name+".json")
			swapped, sw := writeSwappedSet(t, src, t.TempDir())
			gsA, gA := runGoldSet(t, src)
			gsB, gB := runGoldSet(t, swapped)
			a, b := evaluate(gsA, gA), evaluate(gsB, gB)
			entA, entB := rowRecall(a, "entities (all)"), rowRecall(b, "entities (all)")
			relA, relB := rowRecall(a, "relations"), rowRecall(b, "relations")
			t.Logf("%d names swapped (%d words), e.g. %s", sw.names, len(sw.words), sw.sample(6))
			t.Logf("entity recall   original %.3f  swapped %.3f  gap %+.3f (goal ≤ %.2f)", entA, entB, entA-entB, swapGoal)
			t.Logf("relation recall original %.3f  swapped %.3f  gap %+.3f (goal ≤ %.2f)", relA, relB, relA-relB, swapGoal)
			if testing.Verbose() {
				for _, d := range b.Details {
					if strings.Contains(d, "entity MISS") {
						t.Logf("swapped %s", strings.TrimSpace(d))
					}
				}
			}
			if gap := entA - entB; gap > swapGoal {
				t.Errorf("entity recall gap %.3f is above the goal %.2f", gap, swapGoal)
			}
			if gap := relA - relB; gap > swapGoal {
				t.Errorf("relation recall gap %.3f is above the goal %.2f", gap, swapGoal)
			}
		})
	}
}

// TestNameSwapper checks the swap itself: whole names at word boundaries,
// longest first, words mapped consistently, general words, places and
// lower-case words kept, acronyms kept acronyms.
func TestNameSwapper(t *testing.T) {
	gs := &goldSet{Entities: []goldEntity{
		{ID: "fb", Kind: kg.KindCompany, Names: []string{"Facebook"}},
		{ID: "fbi", Kind: kg.KindCompany, Names: []string{"Facebook Ireland Ltd."}},
		{ID: "ie", Kind: kg.KindLocation, Names: []string{"Ireland"}},
		{ID: "p", Kind: kg.KindPerson, Names: []string{"Sam Bankman-Fried"}},
		{ID: "a", Kind: kg.KindAgency, Names: []string{"Office of Foreign Assets Control", "OFAC"}},
		{ID: "g", Kind: kg.KindEntity, Names: []string{"three entities linked to the firm"}},
	}}
	sw := newSwapper(gs)
	text := "Facebook Ireland Ltd. and Facebook's unit; Facebookers; Bankman-Fried met Sam Bankman-Fried at OFAC (Office of Foreign Assets Control) in Ireland."
	got := sw.replace(text)
	fb, fbi := sw.replace("Facebook"), sw.replace("Facebook Ireland Ltd.")
	if fb == "Facebook" || fbi != fb+" Ireland Ltd." {
		t.Fatalf("inconsistent swap: %q, %q", fb, fbi)
	}
	for _, keep := range []string{"Facebookers", " Ireland.", "Office of Foreign Assets Control"} {
		if !strings.Contains(got, keep) {
			t.Errorf("%q lost from %q", keep, got)
		}
	}
	for _, gone := range []string{"Facebook ", "Facebook's", "Bankman", "Sam "} {
		if strings.Contains(got, gone) {
			t.Errorf("%q not swapped in %q", gone, got)
		}
	}
	if a := sw.replace("OFAC"); a != "OFAC" {
		t.Errorf("an acronym of kept words swapped to %q", a)
	}
	gs.Entities = append(gs.Entities, goldEntity{ID: "b", Kind: kg.KindCompany, Names: []string{"Banca Ferro Unita", "BFU"}},
		goldEntity{ID: "x", Kind: kg.KindCompany, Names: []string{"XKZ"}})
	sw = newSwapper(gs)
	if a, n := sw.replace("BFU"), sw.replace("Banca Ferro Unita"); a == "BFU" || a != initials(n) {
		t.Errorf("the acronym of a swapped name became %q, the name %q", a, n)
	}
	if a := sw.replace("XKZ"); len(a) != 3 || strings.ToUpper(a) != a || a == "XKZ" {
		t.Errorf("a free acronym swapped to %q", a)
	}
	if g := sw.replace("three entities linked to the firm"); g != "three entities linked to the firm" {
		t.Errorf("description swapped to %q", g)
	}
	if sw.replace("Bankman-Fried") != strings.Fields(sw.replace("Sam Bankman-Fried"))[1] {
		t.Errorf("surname alone does not follow the full name: %q", got)
	}
}

// rowRecall is the recall of the named row of a report.
func rowRecall(r report, row string) float64 {
	for _, s := range r.Rows {
		if s.Name == row {
			return s.recall()
		}
	}
	return 0
}

// swapper maps gold names to invented ones, consistently within a set.
type swapper struct {
	keep  map[string]bool   // lower-cased words that are never swapped
	words map[string]string // original word -> invented word
	used  map[string]bool   // invented words already handed out
	pairs []swapPair        // whole names, longest first
	names int
}

type swapPair struct{ from, to string }

// keptWords are general words: legal suffixes, organisation words,
// titles, function words and demonyms.
var keptWords = strings.Fields(`
a an the of and for on in at to de du la le der die das del di van von y et &
inc inc. ltd ltd. llc l.l.c. co co. corp corp. corporation company companies group holding holdings plc sa s.a. ag gmbh nv bv spa s.p.a. lp llp limited pjsc oao ojsc jsc kg se ab oy asa
department ministry office bureau agency authority commission committee council board court courts service services
administration directorate division unit centre center institute federal national state general supreme district circuit
appeals appeal tribunal high higher regional federation union government parliament congress senate house assembly
secretary minister president chair chairman chief executive director prosecutor prosecutors police force forces
public affairs international foreign home interior justice trade commerce security securities exchange financial
markets market competition communications data protection privacy consumer safety health transportation aviation
energy treasury enforcement control controls assets investment investments industry industrial
u.s. us usa uk eu un american british chinese russian european german french irish italian brazilian nigerian
japanese korean indian israeli canadian swiss dutch ukrainian venezuelan bahamian
judge justice attorney attorneys chancellor governor magistrate commissioner ambassador spokesman spokeswoman
spokesperson officer deputy assistant under senior vice prime mr mrs ms dr sir
southern northern eastern western central
regulation regulatory information technology development investigation intelligence criminal cyberspace cartel
telecommunications network standards food drug drugs environmental environment highway traffic economic economy
policy revenue customs tax antitrust monopoly labor labour education defense defence research science monetary
reserve bank pte pvt sarl srl bhd
list entity entities representatives lords commons deputies adviser advisor counsel inspector administrator head founder
technologies technology telecom electronics microelectronics semiconductor semiconductors systems solutions industries
networks labs software airlines airline motors pharmaceuticals capital partners trading platforms platform
`)

func newSwapper(gs *goldSet) *swapper {
	s := &swapper{keep: map[string]bool{}, words: map[string]string{}, used: map[string]bool{}}
	for _, w := range keptWords {
		s.keep[w] = true
	}
	for _, e := range gs.Entities {
		if e.Kind == kg.KindLocation || hasKind(e, kg.KindLocation) {
			for _, n := range e.Names {
				for _, w := range strings.Fields(n) {
					s.keep[strings.ToLower(strings.Trim(w, ",.()'’"))] = true
				}
			}
		}
	}
	seen := map[string]bool{}
	add := func(n string) {
		if seen[n] || strings.TrimSpace(n) == "" {
			return
		}
		seen[n] = true
		if to := s.inventName(n); to != n {
			s.pairs = append(s.pairs, swapPair{n, to})
			s.names++
		}
	}
	// An acronym that spells the initials of another name of the same
	// thing stays those initials after the swap ("Securities and Exchange
	// Commission (SEC)" keeps "SEC"; a swapped name gets its own initials),
	// as a real text defines it; otherwise it becomes an invented acronym.
	for _, e := range gs.Entities {
		if !swappable(e) {
			continue
		}
		for _, a := range e.Names {
			if !isAcronym(a) {
				continue
			}
			for _, m := range e.Names {
				if m != a && initials(m) == a {
					s.words[a] = initials(s.inventName(m))
					s.used[s.words[a]] = true
					break
				}
			}
		}
	}
	for _, e := range gs.Entities {
		if !swappable(e) {
			continue
		}
		for _, n := range e.Names {
			add(n)
			if e.Kind == kg.KindPerson {
				// A surname alone follows its full name.
				if f := strings.Fields(n); len(f) > 1 && utf8.RuneCountInString(f[len(f)-1]) > 2 {
					add(f[len(f)-1])
				}
			}
		}
	}
	sort.SliceStable(s.pairs, func(i, j int) bool { return len(s.pairs[i].from) > len(s.pairs[j].from) })
	return s
}

// isAcronym: two to six capital letters.
func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 6 {
		return false
	}
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// initials are the first letters of a name's capitalised words
// ("Securities and Exchange Commission" gives "SEC").
func initials(n string) string {
	var b strings.Builder
	for _, w := range strings.Fields(n) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hasKind(e goldEntity, k kg.Kind) bool {
	for _, a := range e.AltKinds {
		if a == k {
			return true
		}
	}
	return false
}

// swappable: the kinds whose names are names, not descriptions or places.
func swappable(e goldEntity) bool {
	switch e.Kind {
	case kg.KindPerson, kg.KindCompany, kg.KindEntity, kg.KindAgency:
		return !hasKind(e, kg.KindLocation)
	}
	return false
}

// inventName maps a name word by word; kept words stay.
func (s *swapper) inventName(n string) string {
	parts := strings.Split(n, " ")
	for i, p := range parts {
		parts[i] = s.inventWord(p)
	}
	return strings.Join(parts, " ")
}

// inventWord maps one space-free piece ("Bankman-Fried", "(OFAC)",
// "Zhao's"): each run of letters that is not a kept word is replaced.
func (s *swapper) inventWord(p string) string {
	if s.keep[strings.ToLower(strings.Trim(p, ",.()'’\""))] || s.keep[strings.ToLower(p)] {
		return p
	}
	var b strings.Builder
	rs := []rune(p)
	for i := 0; i < len(rs); {
		if !unicode.IsLetter(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && unicode.IsLetter(rs[j]) {
			j++
		}
		w := string(rs[i:j])
		// "'s" after an apostrophe, kept words and lower-case words
		// inside a piece stay: only capitalised words are names.
		if (i > 0 && (rs[i-1] == '\'' || rs[i-1] == '’') && w == "s") || s.keep[strings.ToLower(w)] || !hasUpper(w) {
			b.WriteString(w)
		} else {
			b.WriteString(s.word(w))
		}
		i = j
	}
	return b.String()
}

var (
	swapOnsets = []string{"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gl", "kr", "pl", "st", "tr", "vr"}
	swapVowels = []string{"a", "e", "i", "o", "u", "ai", "ei", "ou"}
	swapCodas  = []string{"", "", "n", "r", "l", "x", "m", "nd", "rt", "sk"}
)

// word returns the invented word for w, the same every time.
func (s *swapper) word(w string) string {
	if to, ok := s.words[w]; ok {
		return to
	}
	h := fnv.New64a()
	h.Write([]byte(w))
	seed := h.Sum64()
	var to string
	for try := 0; ; try++ {
		to = inventShape(w, seed+uint64(try)*0x9e3779b97f4a7c15)
		if !s.used[to] && !strings.EqualFold(to, w) {
			break
		}
	}
	s.used[to] = true
	s.words[w] = to
	return to
}

// inventShape builds a pronounceable word with the shape of w: all
// capitals stays all capitals of the same length (an acronym), a leading
// capital stays, and the length is close to w's.
func inventShape(w string, seed uint64) string {
	next := func(n int) int {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return int(seed % uint64(n))
	}
	rs := []rune(w)
	upper := len(rs) > 1
	for _, r := range rs {
		if !unicode.IsUpper(r) {
			upper = false
		}
	}
	if upper && len(rs) <= 6 {
		const letters = "BCDFGHJKLMNPQRSTVWXZ"
		var b strings.Builder
		for range rs {
			b.WriteByte(letters[next(len(letters))])
		}
		return b.String()
	}
	var b strings.Builder
	for b.Len() < max(3, len(rs)-1) {
		b.WriteString(swapOnsets[next(len(swapOnsets))])
		b.WriteString(swapVowels[next(len(swapVowels))])
	}
	b.WriteString(swapCodas[next(len(swapCodas))])
	out := b.String()
	if upper {
		return strings.ToUpper(out)
	}
	if unicode.IsUpper(rs[0]) {
		return strings.ToUpper(out[:1]) + out[1:]
	}
	return out
}

// replace swaps every gold name in text, longest first, at word
// boundaries only.
func (s *swapper) replace(text string) string {
	var b strings.Builder
	for i := 0; i < len(text); {
		if i == 0 || !isWordRune(lastRune(text[:i])) {
			matched := false
			for _, p := range s.pairs {
				if strings.HasPrefix(text[i:], p.from) {
					end := i + len(p.from)
					if end < len(text) && isWordRune(firstRune(text[end:])) && isWordRune(lastRune(p.from)) {
						continue
					}
					b.WriteString(p.to)
					i = end
					matched = true
					break
				}
			}
			if matched {
				continue
			}
		}
		_, n := utf8.DecodeRuneInString(text[i:])
		b.WriteString(text[i : i+n])
		i += n
	}
	return b.String()
}

// keyword maps one lower-cased keyword of the gold.
func (s *swapper) keyword(k string) string {
	for from, to := range s.words {
		if strings.EqualFold(from, k) {
			return strings.ToLower(to)
		}
	}
	return k
}

// sample lists a few swaps for the log.
func (s *swapper) sample(n int) string {
	var out []string
	for _, p := range s.pairs {
		if len(out) == n {
			break
		}
		out = append(out, fmt.Sprintf("%q→%q", p.from, p.to))
	}
	return strings.Join(out, ", ")
}

func hasUpper(w string) bool {
	for _, r := range w {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// writeSwappedSet writes the swapped copy of the gold set at src (its
// documents, sidecars and gold file) under dir and returns the path of
// the copy's gold file.
func writeSwappedSet(t *testing.T, src, dir string) (string, *swapper) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	var gs goldSet
	if err := json.Unmarshal(data, &gs); err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	sw := newSwapper(&gs)
	for i := range gs.Documents {
		d := &gs.Documents[i]
		from := filepath.Join(filepath.Dir(src), filepath.FromSlash(d.Path))
		to := filepath.Join(dir, filepath.FromSlash(d.Path))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, ext := range []string{"", ".json"} {
			b, err := os.ReadFile(from + ext)
			if err != nil {
				if ext == "" {
					t.Fatal(err)
				}
				continue // no sidecar
			}
			if err := os.WriteFile(to+ext, []byte(sw.replace(string(b))), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for j := range d.Dates {
			d.Dates[j].Text = sw.replace(d.Dates[j].Text)
		}
	}
	for i := range gs.Entities {
		e := &gs.Entities[i]
		for j, n := range e.Names {
			e.Names[j] = sw.replace(n)
		}
		for j, set := range e.Keywords {
			for k, w := range set {
				e.Keywords[j][k] = sw.keyword(w)
			}
		}
	}
	out, err := json.MarshalIndent(&gs, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, filepath.Base(src))
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, sw
}
