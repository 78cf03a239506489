package quote

import (
	_ "embed"
	"strings"
)

// quoteVerbList is the Gender Gap Tracker's reporting-verb list (MIT, see
// data/LICENSE-quote_verb_list).
//
//go:embed data/quote_verb_list.txt
var quoteVerbList string

// cueVerbs are the reporting verbs in every inflection. The list from the
// Gender Gap Tracker is extended with verbs that PolNeAR's training split
// shows journalists use to attribute speech.
var cueVerbs = map[string]bool{}

// finiteCues are the forms that can head an attribution clause on their own
// ("she said", "said X"), as opposed to participles that need a finite verb
// elsewhere ("saying", "calling").
var finiteCues = map[string]bool{}

func init() {
	extra := []string{
		"urge", "urged", "urges", "urging", "ask", "asked", "asks", "asking",
		"insist", "insisted", "insists", "recall", "recalled", "recalls", "recalling",
		"call", "called", "calls", "calling", "tweet", "tweeted", "tweets",
		"contend", "contended", "contends", "maintain", "maintained", "maintains",
		"stress", "stressed", "stresses", "emphasize", "emphasized", "emphasised", "emphasizes",
		"acknowledge", "acknowledged", "acknowledges", "admit", "admitted", "admits",
		"concede", "conceded", "concedes", "deny", "denied", "denies", "vow", "vowed", "vows",
		"pledge", "pledged", "pledges", "promise", "promised", "promises", "predict", "predicted",
		"boast", "boasted", "boasts", "complain", "complained", "complains", "joke", "joked", "jokes",
		"quip", "quipped", "quips", "shout", "shouted", "yell", "yelled", "chant", "chanted", "chanting",
		"tell", "told", "tells", "telling", "say", "said", "says", "saying",
		"write", "wrote", "writes", "written", "add", "added", "adds", "adding",
		"announce", "announced", "announces", "explain", "explained", "explains",
		"declare", "declared", "declares", "reply", "replied", "replies", "respond", "responded",
		"retort", "retorted", "counter", "countered", "observe", "observed", "observes",
		"agree", "agreed", "agrees", "propose", "proposed", "proposes", "opine", "opined",
		"sing", "sings", "sang", "post", "posted", "posts", "allege", "alleged", "alleges",
		"charge", "charged", "charges", "accuse", "accused", "accuses", "accusing",
		"lament", "lamented", "laments", "remark", "remarked", "remarks", "muse", "mused",
		"hint", "hinted", "hints", "signal", "signaled", "signalled", "believe", "believes", "believed",
		"think", "thinks", "thought", "fear", "fears", "feared", "hope", "hopes", "hoped",
		"conclude", "concluded", "concludes", "show", "shows", "showed", "find", "found", "finds",
		"reveal", "revealed", "reveals", "describe", "described", "describes", "describing",
		"dub", "dubbed", "dubs", "brand", "branded", "label", "labeled", "labelled",
		"question", "questioned", "demand", "demanded", "demands", "caution", "cautioned",
		"advise", "advised", "urging", "continue", "continued", "continues", "added:",
		"yells", "yelled", "screamed", "screams", "shouts", "chants", "reads", "scolded",
		"snapped", "whispered", "cried", "pleaded", "begged", "laughed", "recounted",
		"interjected", "wondered", "fumed", "gushed", "marveled", "raged", "sighed",
		"barked", "beamed", "boomed", "growled", "thundered", "deadpanned", "bellowed", "scoffed",
		"answered", "surmised", "elaborated", "mocked",
	}
	for _, w := range append(strings.Fields(quoteVerbList), extra...) {
		cueVerbs[w] = true
	}
	for w := range cueVerbs {
		if !strings.HasSuffix(w, "ing") {
			finiteCues[w] = true
		}
	}
	// Words in the list that are far more often nouns or other senses than
	// reporting verbs at the head of a clause.
	for _, w := range []string{"present", "presents", "release", "releases", "point", "points",
		"finding", "state", "states", "post", "posts", "charge", "charges", "remarks",
		"question", "fear", "fears", "hope", "hopes", "find", "show", "found", "call", "calls",
		"counter", "label", "brand", "continue", "continued", "continues", "dub", "sing",
		"think", "believe", "reply", "report", "comment", "comments", "claims", "claim", "estimates",
		"note", "notes", "tweet", "tweets", "statement", "word", "words", "mention", "answer"} {
		delete(finiteCues, w)
	}
}

// sayVerbs are the verbs that introduce speech itself (not description or
// belief): the only cues a quote-introducing colon or comma may follow.
var sayVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "added": true, "adds": true,
	"asked": true, "asks": true, "wrote": true, "writes": true, "tweeted": true, "tweets": true,
	"explained": true, "explains": true, "continued": true, "continues": true, "declared": true,
	"insisted": true, "insists": true, "noted": true, "notes": true, "stated": true, "states": true,
	"replied": true, "replies": true, "responded": true, "recalled": true, "recalls": true,
	"warned": true, "warns": true, "argued": true, "argues": true, "announced": true,
	"exclaimed": true, "shouted": true, "yelled": true, "joked": true, "quipped": true,
	"remarked": true, "posted": true, "sang": true, "sings": true, "concluded": true,
	"added:": true, "claimed": true, "claims": true, "admitted": true, "acknowledged": true,
	"predicted": true, "promised": true, "vowed": true, "urged": true, "wondered": true,
	"mused": true, "observed": true, "countered": true, "retorted": true, "cautioned": true,
	"commented": true, "reported": true, "reports": true, "testified": true, "complained": true,
	"boasted": true, "lamented": true, "pledged": true, "confirmed": true, "conceded": true,
	"saying": true, "adding": true, "telling": true, "asking": true, "writing": true,
	"noting": true, "arguing": true, "explaining": true, "declaring": true, "insisting": true,
	"warning": true, "tweeting": true, "calling": true, "called": true, "describing": true,
	"described": true, "dubbed": true, "branded": true, "labeled": true, "labelled": true,
	"yells": true, "screamed": true, "shouts": true, "chanted": true, "chanting": true, "chants": true,
	"reads": true, "scolded": true, "snapped": true, "whispered": true, "cried": true,
	"pleaded": true, "laughed": true, "recounted": true, "interjected": true,
	"fumed": true, "gushed": true, "asserted": true, "insist": true,
}

var pronouns = map[string]bool{
	"he": true, "she": true, "they": true, "i": true, "we": true, "you": true, "it": true,
}

// determiners open a noun phrase that can be a speaker ("the spokesman").
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "his": true, "her": true, "their": true, "its": true,
	"this": true, "that": true, "these": true, "those": true, "one": true, "another": true,
	"some": true, "many": true, "several": true, "two": true, "three": true, "other": true,
	"our": true, "my": true, "both": true, "most": true, "few": true, "all": true,
}

// auxiliaries and adverbs may stand between a speaker and the cue verb
// ("he has also said", "Smith later told").
var auxAdverbs = map[string]bool{
	"has": true, "had": true, "have": true, "was": true, "were": true, "is": true, "are": true,
	"also": true, "further": true, "later": true, "then": true, "previously": true, "once": true,
	"would": true, "will": true, "did": true, "does": true, "do": true, "again": true,
	"recently": true, "earlier": true, "repeatedly": true, "often": true, "just": true,
	"reportedly": true, "even": true, "quickly": true, "simply": true, "had.": true, "still": true,
	"already": true, "never": true, "first": true, "privately": true, "publicly": true,
	"famously": true, "frequently": true, "subsequently": true, "flatly": true,
	"long": true, "always": true, "consistently": true, "now": true, "all": true, "both": true,
	"together": true, "initially": true, "openly": true, "reportedly.": true,
	"overall": true, "too": true, "instead": true, "herself": true, "himself": true, "themselves": true,
	"could": true, "might": true, "should": true, "must": true, // not "may": Theresa May
	// negated auxiliaries, one token each: "his aides haven't said"
	"haven't": true, "hasn't": true, "hadn't": true, "didn't": true, "doesn't": true, "don't": true,
	"won't": true, "wouldn't": true, "haven’t": true, "hasn’t": true, "hadn’t": true, "didn’t": true,
	"doesn’t": true, "don’t": true, "won’t": true, "wouldn’t": true,
	"not": true, "can't": true, "couldn't": true, "shouldn't": true, "can’t": true, "couldn’t": true,
	"shouldn’t": true,
}

// titleWords precede or describe a person's name ("European Council
// President Charles Michel"); they are stripped from resolved names.
var titleWords = map[string]bool{
	"president": true, "vice": true, "prime": true, "minister": true, "chancellor": true,
	"senator": true, "sen.": true, "rep.": true, "representative": true, "gov.": true,
	"governor": true, "mayor": true, "secretary": true, "chairman": true, "chairwoman": true,
	"chair": true, "director": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"judge": true, "justice": true, "general": true, "gen.": true, "col.": true, "lt.": true,
	"sgt.": true, "dr.": true, "mr.": true, "mrs.": true, "ms.": true, "miss": true, "prof.": true,
	"professor": true, "king": true, "queen": true, "prince": true, "princess": true, "pope": true,
	"ceo": true, "chief": true, "ambassador": true, "commissioner": true, "deputy": true,
	"speaker": true, "leader": true, "attorney": true, "del.": true, "delegate": true, "councilman": true, "councilwoman": true, "councillor": true, "councilor": true,
	"congressman": true, "congresswoman": true, "candidate": true, "nominee": true, "former": true,
	"sir": true, "dame": true, "lord": true, "lady": true, "rev.": true, "father": true,
	"sheriff": true, "officer": true, "detective": true, "captain": true, "capt.": true,
	"admiral": true, "adm.": true, "major": true, "maj.": true, "colonel": true, "lieutenant": true,
	"sergeant": true, "corporal": true, "state": true, "assemblyman": true, "assemblywoman": true,
	"adviser": true, "advisor": true, "aide": true, "manager": true, "strategist": true,
	"executive": true, "founder": true, "host": true, "anchor": true, "coach": true, "pastor": true,
	"rabbi": true, "imam": true, "bishop": true, "cardinal": true, "archbishop": true,
	"dean": true, "emir": true, "sheikh": true, "premier": true, "mp": true, "sens.": true,
	"reps.": true, "house": true, "senate": true, "majority": true, "minority": true, "whip": true,
	"presidential": true, "democratic": true, "republican": true, "gop": true, "mrs": true,
	"mr": true, "ms": true, "dr": true, "foreign": true, "defense": true, "defence": true,
	"finance": true, "interior": true, "health": true, "economy": true, "labor": true,
	"opposition": true, "party": true, "council": true, "commission": true, "committee": true,
	"european": true, "national": true, "security": true, "treasury": true, "homeland": true,
	"u.s.": true, "us": true, "white": true, "press": true, "campaign": true, "communications": true,
	"chairperson": true, "head": true, "analyst": true, "economist": true, "pollster": true,
}

// personNouns are common nouns that denote a person and can be resolved
// to a named person in the article ("the minister", "the spokesman").
var personNouns = map[string]bool{
	"president": true, "minister": true, "senator": true, "governor": true, "mayor": true,
	"secretary": true, "chairman": true, "chairwoman": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "candidate": true, "nominee": true, "leader": true, "businessman": true,
	"businesswoman": true, "congressman": true, "congresswoman": true, "chancellor": true,
	"premier": true, "ambassador": true, "commissioner": true, "director": true, "judge": true,
	"lawmaker": true, "official": true, "prosecutor": true, "lawyer": true, "attorney": true,
	"man": true, "woman": true, "actor": true, "actress": true, "singer": true, "star": true,
	"billionaire": true, "mogul": true, "coach": true, "sheriff": true, "general": true,
	"king": true, "queen": true, "pope": true, "speaker": true, "democrat": true, "republican": true,
	"adviser": true, "advisor": true, "aide": true, "manager": true, "ceo": true, "executive": true,
	"founder": true, "host": true, "author": true, "writer": true, "professor": true,
	// collective nouns that speak as one: "police said", "the public thinks"
	"police": true, "people": true, "staff": true, "public": true, "military": true,
}

// femaleWords and maleWords give a person's gender where the text says it.
var femaleWords = map[string]bool{"mrs.": true, "ms.": true, "miss": true, "mrs": true, "ms": true,
	"she": true, "her": true, "queen": true, "princess": true, "spokeswoman": true, "chairwoman": true,
	"congresswoman": true, "businesswoman": true, "woman": true, "actress": true, "lady": true, "dame": true}
var maleWords = map[string]bool{"mr.": true, "mr": true, "he": true, "his": true, "him": true, "king": true,
	"prince": true, "spokesman": true, "chairman": true, "congressman": true, "businessman": true,
	"man": true, "sir": true, "lord": true}

// prepositions end a speaker noun phrase read forwards ("said Smith in
// an interview").
var prepositions = map[string]bool{
	"in": true, "at": true, "on": true, "during": true, "after": true, "before": true,
	"while": true, "to": true, "with": true, "from": true, "by": true, "when": true,
	"as": true, "about": true, "into": true, "over": true, "through": true, "via": true,
	"who": true, "which": true, "that": true, "and": true, "but": true, "because": true,
}

// lowerConnectors may join the capitalised words of one name
// ("Secretary of State John Kerry", "Charles de Gaulle").
var lowerConnectors = map[string]bool{
	"of": true, "de": true, "van": true, "von": true, "der": true, "la": true, "le": true,
	"du": true, "al": true, "bin": true, "da": true, "di": true, "del": true, "dos": true,
}

// Common given names, so that "she said" does not resolve to a man named
// just before. A name missing here simply leaves the gender open.
var femaleNames = setOf(`mary patricia jennifer linda elizabeth barbara susan jessica sarah karen
	nancy lisa betty margaret sandra ashley kimberly emily donna michelle carol amanda melissa
	deborah stephanie rebecca laura sharon cynthia kathleen amy shirley angela helen anna brenda
	pamela nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth
	maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn
	judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara
	janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle
	theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla hillary
	nikki kamala elise nancy condoleezza madeleine theresa angela marine ursula christine
	jacinda sanna giorgia ingrid eva lena anne annette claire kellyanne huma donna debbie
	elizabeth tulsi jill sarah melania ivanka chelsea michelle oprah loretta sonia ruth elena
	amy susan lisa maxine nikki liz marsha kirsten tammy patty dianne barbara gwen claire
	ilhan alexandria rashida ayanna valerie samantha janet gina betsy kirstjen sheila katie`)

var maleNames = setOf(`james robert john michael william david richard joseph thomas charles
	christopher daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian
	george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen
	larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack
	dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter
	noah jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence dylan
	jesse jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy
	roy vincent ralph eugene russell bobby mason philip louis barack bernie mitt mike newt
	chris ted marco rand jeb ben tim bill hugh vladimir volodymyr emmanuel boris olaf recep
	xi narendra justin benjamin charles karl piet tomas omar reince rudy jared steve sean
	paul jim chuck mitch harry elijah kevin beto pete cory bob al dick rick rex
	jeff lloyd antony josh josiah john mike tom dan ron merrick pierre francois angelo matteo pedro jair andres evo`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
