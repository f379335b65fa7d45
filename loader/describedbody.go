package loader

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/kg"
)

// reDescribedBody: an act's subject is a body described, not named: "A
// Moscow court on Monday banned", "the country's data protection
// regulator has ordered". The head noun says which body it can be.
var reDescribedBody = regexp.MustCompile(`^\W*(?:(?:a|an|the)\s+)?(?:[\p{L}'’-]+\s+){0,4}?(court|regulator|watchdog|authority)\s+(?:(?:on\s+\w+|in\s+\w+|has|had|have|also|then|\w+ly)\s+)*$`)

// describedBody binds the described subject of an act to the body the
// story names: the nearest government body of that kind named in the two
// sentences after the act, else in the three before it. A court is a
// body with "court" in its name; a regulator, watchdog or authority is
// any other.
func (x *extraction) describedBody(o *orderRef) (known, bool) {
	from := x.clauseStart(o.sent, o.start)
	if o.start-from > 120 {
		return known{}, false
	}
	clause := x.lowerText[from:o.start]
	if !containsAny(clause, "court", "regulator", "watchdog", "authority") {
		return known{}, false // the cheap test first
	}
	m := reDescribedBody.FindStringSubmatch(clause)
	if m == nil {
		return known{}, false
	}
	court := m[1] == "court"
	fits := func(mn mention) bool {
		if mn.kind != kg.KindAgency || isList(mn.known) {
			return false
		}
		return court == strings.Contains(strings.ToLower(mn.name), "court")
	}
	for si := o.sent + 1; si < len(x.sents) && si <= o.sent+2; si++ {
		for _, mn := range x.ments[si] {
			if fits(mn) {
				return mn.known, true
			}
		}
	}
	for si := o.sent - 1; si >= 0 && si >= o.sent-3; si-- {
		ms := x.ments[si]
		for i := len(ms) - 1; i >= 0; i-- {
			if fits(ms[i]) {
				return ms[i].known, true
			}
		}
	}
	return known{}, false
}
