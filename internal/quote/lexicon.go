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
var sayVerbs = wordSet(`said says say told tells added adds asked asks wrote writes tweeted tweets explained
	explains continued continues declared insisted insists noted notes stated states replied
	replies responded recalled recalls warned warns argued argues announced exclaimed
	shouted yelled joked quipped remarked posted sang sings concluded added: claimed claims
	admitted acknowledged predicted promised vowed urged wondered mused observed countered
	retorted cautioned commented reported reports testified complained boasted lamented
	pledged confirmed conceded saying adding telling asking writing noting arguing
	explaining declaring insisting warning tweeting calling called describing described
	dubbed branded labeled labelled yells screamed shouts chanted chanting chants reads
	scolded snapped whispered cried pleaded laughed recounted interjected fumed gushed
	asserted insist`)

var pronouns = map[string]bool{
	"he": true, "she": true, "they": true, "i": true, "we": true, "you": true, "it": true,
}

// determiners open a noun phrase that can be a speaker ("the spokesman").
var determiners = wordSet(`the a an his her their its this that these those one another some many several two three
	other our my both most few all`)

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
var titleWords = wordSet(`president vice prime minister chancellor senator sen. rep. representative gov. governor
	mayor secretary chairman chairwoman chair director spokesman spokeswoman spokesperson
	judge justice general gen. col. lt. sgt. dr. mr. mrs. ms. miss prof. professor king
	queen prince princess pope ceo chief ambassador commissioner deputy speaker leader
	attorney del. delegate councilman councilwoman councillor councilor congressman
	congresswoman candidate nominee former sir dame lord lady rev. father sheriff officer
	detective captain capt. admiral adm. major maj. colonel lieutenant sergeant corporal
	state assemblyman assemblywoman adviser advisor aide manager strategist executive
	founder host anchor coach pastor rabbi imam bishop cardinal archbishop dean emir sheikh
	premier mp sens. reps. house senate majority minority whip presidential democratic
	republican gop mrs mr ms dr foreign defense defence finance interior health economy
	labor opposition party council commission committee european national security treasury
	homeland u.s. us white press campaign communications chairperson head analyst economist
	pollster`)

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
var lowerConnectors = wordSet(`of de van von der la le du al bin da di del dos`)

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

// wordSet is the set of the words of s, separated by white space. Long word
// lists are written this way rather than as map literals, whose
// initialisation compiles to code for every entry.
func wordSet(s string) map[string]bool {
	ws := strings.Fields(s)
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
