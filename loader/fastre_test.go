package loader

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestFastReMatchesRegexp compares fastRe with the regexp it stands for on
// seed text (as written and lower-cased) and on random strings made of
// the patterns' own words, spaces, digits and punctuation.
func TestFastReMatchesRegexp(t *testing.T) {
	var texts []string
	for _, in := range seedInputs(t) {
		for _, line := range strings.Split(in.Text, "\n") {
			texts = append(texts, line, asciiLower(line))
		}
	}
	words := strings.Fields("ban banned Ban the The this its a an to on list Entity List entity entities units unit subsidiary affiliates two three 31 2024 June Jun. Sept. 21st 5 In in within days weeks of day after before announcement said he He she company firm agency department linked to tied with based headquartered in -based -linked added adding designate sanction fine ordered stop binding ruling blocks restrict consent order listing move decision executive order powers created by final determination rule interim warn warned urged deny denied vowed legal court sue appeal target targets owned by a subsidiary of users in sells products in broke violated Monday Friday this year last month today © ( ) , . ; - _ é x1 a_b $5 €3 US$ million (€703 million) [x](#) 400 users")
	rng := rand.New(rand.NewSource(5))
	for i := 0; i < 4000; i++ {
		var b strings.Builder
		for n := rng.Intn(14); n >= 0; n-- {
			b.WriteString(words[rng.Intn(len(words))])
			b.WriteString([]string{" ", " ", "  ", "", "\t", "-", "'s ", ", "}[rng.Intn(8)])
		}
		texts = append(texts, b.String())
		if i%4 == 0 {
			// Invalid UTF-8, as the fuzzers feed findDates.
			bs := []byte(b.String())
			if len(bs) > 0 {
				bs[rng.Intn(len(bs))] = []byte{0xff, 0x80, 0xc3, 0xe2}[rng.Intn(4)]
			}
			texts = append(texts, string(bs))
		}
	}
	fast := 0
	for _, re := range fastRegexps() {
		f := newFastRe(re)
		if f.anch != nil {
			fast++
		}
		for _, s := range texts {
			if got, want := f.FindAllStringSubmatchIndex(s), re.FindAllStringSubmatchIndex(s, -1); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q: fastRe %v, regexp %v", re, s, got, want)
			}
			if got, want := f.FindAllStringIndex(s), re.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q: fastRe %v, regexp %v", re, s, got, want)
			}
		}
	}
	t.Logf("%d of %d patterns run anchored", fast, len(fastRegexps()))
}

// FuzzFastRe: on any text, fastRe finds exactly what the regexp it stands
// for finds, for every pattern that uses it.
func FuzzFastRe(f *testing.F) {
	fuzzSeeds(f)
	type pair struct {
		fast *fastRe
		re   interface {
			FindAllStringSubmatchIndex(string, int) [][]int
		}
	}
	var pairs []pair
	for _, re := range fastRegexps() {
		pairs = append(pairs, pair{newFastRe(re), re})
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			text = text[:4096] // whole documents are the other fuzzers' work
		}
		for _, p := range pairs {
			if got, want := p.fast.FindAllStringSubmatchIndex(text), p.re.FindAllStringSubmatchIndex(text, -1); !reflect.DeepEqual(got, want) {
				t.Fatalf("%v on %q: fastRe %v, regexp %v", p.re, text, got, want)
			}
		}
	})
}
