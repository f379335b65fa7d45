package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The pools below are general vocabulary (syllables, common given names and
// surnames, kinds of government bodies, business words); every proper name
// of the corpus is composed from them, so none refers to a real entity.
var (
	syllables = []string{"ka", "lo", "ver", "mi", "dra", "to", "sen", "vi", "mar", "zen",
		"qua", "ri", "bel", "nor", "tas", "gal", "pe", "lin", "cor", "dus",
		"fen", "hal", "ix", "jor", "ke", "lum", "mo", "nex", "ob", "pra",
		"rus", "sol", "tek", "ul", "vax", "wen", "yar", "zo", "an", "el"}
	givenNames = []string{"Anna", "Boris", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Irina", "James",
		"Katya", "Liam", "Maria", "Nikolai", "Olga", "Pavel", "Qiu", "Rosa", "Sergei", "Tara",
		"Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoë", "José", "Renée", "Søren", "Łukasz",
		"Amara", "Bruno", "Chen", "Dmitri", "Emma", "Felix", "Gina", "Hannah", "Ivan", "Julia",
		"Kofi", "Lena", "Marek", "Nadia", "Oscar", "Priya", "Rafael", "Sofia", "Tomás", "Ulla"}
	surnames = []string{"Petrova", "Smith", "Garcia", "Ivanov", "Chen", "Müller", "Kowalski", "Okafor", "Tanaka", "Rossi",
		"Novak", "Silva", "Kim", "Haddad", "Andersen", "Dubois", "Nguyen", "Schmidt", "Lopez", "Sato",
		"Kuznetsov", "Brown", "Mensah", "Jensen", "Popescu", "Costa", "Park", "Yilmaz", "Moreau", "Wójcik",
		"Fischer", "Romero", "Ali", "Larsen", "Volkova", "Bianchi", "Singh", "Horvat", "Eriksson", "Morales"}
	bodies  = []string{"Department", "Ministry", "Office", "Bureau", "Agency", "Commission", "Directorate", "Council"}
	domains = []string{"Commerce", "Trade", "Defense", "Finance", "Energy", "Telecommunications", "Justice", "Interior",
		"Industry", "Cyber Security", "Foreign Affairs", "Economy", "Transport", "Digital Affairs", "Export Control",
		"Competition", "Communications", "Intelligence", "Customs", "Infrastructure", "Technology", "Consumer Protection"}
	companyWords = []string{"Systems", "Labs", "Technologies", "Networks", "Holdings", "Group", "Security", "Software",
		"Telecom", "Energy", "Logistics", "Analytics", "Robotics", "Semiconductor", "Cloud", "Dynamics"}
	productWords = []string{"Antivirus", "Secure VPN", "Cloud Suite", "Endpoint Protection", "Browser", "Messenger",
		"Router OS", "Threat Lab", "Research Unit", "Payments", "Mail", "Firewall"}
	countrySuffixes = []string{"ia", "land", "stan", "ora", "ica", "avia"}
	citySuffixes    = []string{"burg", "ville", "port", "grad", "abad", "polis", "haven", "field"}
	cityPrefixes    = []string{"Port ", "New ", "San ", "Fort ", "Lake "}
	orderTypes      = []string{"ban", "executive order", "determination", "sanction", "designation", "rule", "directive"}
	orderTitles     = map[string]string{"ban": "Ban Order", "executive order": "Executive Order", "determination": "Final Determination",
		"sanction": "Sanctions Notice", "designation": "Entity Designation", "rule": "Interim Final Rule", "directive": "Directive"}
	agencyTitles = []string{"Secretary", "Minister", "Director", "Chair", "Commissioner"}
	memberTitles = []string{"spokesperson", "senior analyst", "general counsel", "chief engineer", "adviser", "deputy director"}
	publishers   = []string{"Global Wire", "Daily Ledger", "Metro Times", "Tech Courier", "Capital Report", "World Dispatch", "Market Herald", "Evening Post"}
	statements   = []string{"poses an unacceptable risk to national security", "is unjustified and politically motivated",
		"protects consumers and critical infrastructure", "will be challenged by every legal means",
		"sends a clear message to our adversaries", "ignores the facts of an independent review",
		"is a necessary step after a lengthy investigation", "will harm customers who rely on the software"}
)

// roles are the meanings an EFFECTIVE_ON date can have for an order, each
// with the sentence that states it ({S} the order, {D} the date).
var roles = []struct{ name, tmpl string }{
	{"takes effect", "{S} takes effect on {D}."},
	{"new sales banned", "New sales are banned under {S} from {D}."},
	{"updates end", "Software updates must end under {S} by {D}."},
	{"compliance deadline", "Companies must comply with {S} by {D}."},
	{"expires", "{S} expires on {D}."},
}

// namer hands out unique names; collisions are redrawn so that every node
// of the world has its own canonical key.
type namer struct {
	r    *rand.Rand
	used map[string]bool
}

func newNamer(r *rand.Rand) *namer { return &namer{r: r, used: map[string]bool{}} }

// unique draws from gen until it yields a name not handed out before. After
// many collisions it appends a numeral, which keeps small pools usable at
// any scale.
func (n *namer) unique(gen func() string) string {
	for try := 0; ; try++ {
		s := gen()
		if try > 20 {
			s = fmt.Sprintf("%s %d", s, try)
		}
		key := strings.ToLower(s)
		if !n.used[key] {
			n.used[key] = true
			return s
		}
	}
}

func (n *namer) stem(syl int) string {
	var b strings.Builder
	for i := 0; i < syl; i++ {
		b.WriteString(syllables[n.r.IntN(len(syllables))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func (n *namer) pick(list []string) string { return list[n.r.IntN(len(list))] }

func (n *namer) country() string {
	return n.unique(func() string { return n.stem(2+n.r.IntN(2)) + n.pick(countrySuffixes) })
}

func (n *namer) city() string {
	return n.unique(func() string {
		if n.r.IntN(3) == 0 {
			return n.pick(cityPrefixes) + n.stem(2)
		}
		return n.stem(2+n.r.IntN(2)) + n.pick(citySuffixes)
	})
}

// companyStem is the distinctive first word of a company name, unique
// across companies so that it can serve as the company's short alias.
func (n *namer) companyStem() string {
	return n.unique(func() string { return n.stem(3 + n.r.IntN(2)) })
}

func (n *namer) person() string {
	return n.unique(func() string {
		switch n.r.IntN(3) {
		case 0:
			return n.pick(givenNames) + " " + n.pick(surnames) + "-" + n.pick(surnames)
		case 1:
			return n.pick(givenNames) + " " + n.pick(surnames)
		}
		mid := string(rune('A' + n.r.IntN(26)))
		return n.pick(givenNames) + " " + mid + ". " + n.pick(surnames)
	})
}
