package extract

import (
	"strings"
	"testing"
)

// want describes a triple a snippet must (or must not) yield. Empty fields
// match anything; object and claim match by substring.
type want struct {
	subj, pred, obj, claim, qual, rule string
	not                                bool
}

func (w want) matches(t Triple) bool {
	if w.pred != "" && t.Predicate != w.pred {
		return false
	}
	if w.subj != "" && t.Subject != w.subj {
		return false
	}
	if w.obj != "" && !strings.Contains(t.Object, w.obj) {
		return false
	}
	if w.claim != "" && !strings.Contains(t.ClaimText, w.claim) {
		return false
	}
	if w.qual != "" && t.Qualifier != w.qual {
		return false
	}
	if w.rule != "" && t.Rule != w.rule {
		return false
	}
	return true
}

func runRuleCases(t *testing.T, cases []struct {
	name string
	text string
	want []want
}) {
	t.Helper()
	x := testExtractor()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := x.Extract("snippet.txt", []byte(tc.text))
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			checkResult(t, []byte(tc.text), r)
			for _, w := range tc.want {
				found := false
				for _, tr := range r.Triples {
					if w.matches(tr) {
						found = true
						break
					}
				}
				if found == w.not {
					var got []string
					for _, tr := range r.Triples {
						if tr.Predicate == PredText || tr.Predicate == PredAbout {
							continue
						}
						o := tr.Object
						if tr.ClaimText != "" {
							o = tr.ClaimText
						}
						got = append(got, tr.Subject+" | "+tr.Predicate+" | "+o+" ["+tr.Rule+"]")
					}
					if w.not {
						t.Errorf("unwanted %+v\ngot:\n  %s", w, strings.Join(got, "\n  "))
					} else {
						t.Errorf("missing %+v\ngot:\n  %s", w, strings.Join(got, "\n  "))
					}
				}
			}
		})
	}
}

func TestAttributionRules(t *testing.T) {
	runRuleCases(t, []struct {
		name string
		text string
		want []want
	}{
		{"speaker after quote with a long title",
			`"We will not give in to terror," said Italy's Interior Minister Matteo Piantedosi, adding that security at train stations would be stepped up.`,
			[]want{
				{subj: "Matteo Piantedosi", pred: PredStated, claim: "We will not give in to terror", rule: "quote-speaker-after"},
				{subj: "Matteo Piantedosi", pred: PredStated, claim: "security at train stations would be stepped up", rule: "adding-that"},
				{subj: "Matteo Piantedosi", pred: PredRole, obj: "Interior Minister"},
				{subj: "Matteo Piantedosi", pred: PredAffiliatedWith, obj: "Italy"},
			}},
		{"nested report: the outlet reports another's words",
			"Reuters reported that Sarah Jones confirmed to reporters that the suspect had travelled to Syria.",
			[]want{
				{subj: "Sarah Jones", pred: PredStated, claim: "the suspect had travelled to Syria"},
				{pred: PredReportedBy, obj: "Reuters"},
				{subj: "Reuters", pred: PredStated, not: true},
			}},
		{"according to, both ways",
			"According to Belgian prosecutors, the cell had planned further attacks. The men were arrested in Liege, according to the federal police.",
			[]want{
				{pred: PredStated, claim: "the cell had planned further attacks", rule: "according-to"},
				{subj: "Federal police", pred: PredStated, claim: "The men were arrested in Liege"},
			}},
		{"according to a source with an appositive",
			"According to a study by the Soufan Center, a New York-based research group, most recruits were under 25. According to the police, the driver, a local man, was sober.",
			[]want{
				{pred: PredStated, claim: "most recruits were under 25"},
				{pred: PredStated, claim: "research group", not: true},
				{pred: PredStated, claim: "the driver, a local man, was sober"},
			}},
		{"a quote, then according to a statement from an organisation",
			`"Our thoughts are with the victims," according to a statement from the Belgian Interior Ministry.`,
			[]want{
				{subj: "Belgian Interior Ministry", pred: PredStated, claim: "Our thoughts are with the victims"},
			}},
		{"according to a document, published by its author",
			"According to the annual Terrorism Situation Report, published by Europol in June, arrests fell by a third.",
			[]want{
				{pred: PredStated, claim: "arrests fell by a third"},
				{pred: PredStated, claim: "published by", not: true},
			}},
		{"speaker before the quote, quote across paragraphs",
			"The mayor, Anne Hidalgo, said: “We will stand together.\n\n“Paris will never be afraid.”\n\nShe left the city hall at noon.",
			[]want{
				{subj: "Anne Hidalgo", pred: PredStated, claim: "We will stand together"},
				{subj: "Anne Hidalgo", pred: PredStated, claim: "Paris will never be afraid", rule: "quote-continuation"},
				{subj: "Anne Hidalgo", pred: PredRole, obj: "mayor"},
			}},
		{"pronoun and description coreference",
			"Interior Minister Horst Seehofer spoke to reporters in Berlin. “The threat is real,” he said.\n\nA senior official said the suspect had been known to police. “He was on a watch list,” the official added.",
			[]want{
				{subj: "Horst Seehofer", pred: PredStated, claim: "The threat is real"},
				{subj: "Unnamed senior official (snippet)", pred: PredStated, claim: "the suspect had been known to police"},
				{subj: "Unnamed senior official (snippet)", pred: PredStated, claim: "He was on a watch list"},
			}},
		{"he after a report that names another person is the reporter",
			"Chief Inspector Anna Berg said at a briefing that Lukas Meyer had been known to police since 2019.\n\n“We are checking his contacts abroad,” she said.",
			[]want{
				{subj: "Anna Berg", pred: PredStated, claim: "We are checking his contacts abroad"},
				{subj: "Lukas Meyer", pred: PredStated, not: true},
			}},
		{"a pronoun after an unnamed office-holder takes no one; a list's bullet is no part of a speaker",
			"Chancellor Olaf Brandt visited the scene on Monday.\n\nThe King has sent a message of condolence. He says the country is united in grief.\n\n- Witnesses say the van did not slow down",
			[]want{
				{subj: "Olaf Brandt", pred: PredStated, claim: "the country is united in grief", not: true},
				{subj: "Unnamed witnesses (snippet)", pred: PredStated, claim: "the van did not slow down"},
			}},
		{"speech acts beyond said",
			"Prime Minister Jane Doe called the attacks an act of war. Chancellor Karl Weber condemned the bombing as cowardly. The group threatened to strike again. Senator John Carter tweeted that the country must stay united. Minister Paul Roy vowed to hunt down those responsible.",
			[]want{
				{subj: "Jane Doe", pred: PredStated, claim: "the attacks an act of war", rule: "described-as"},
				{subj: "Karl Weber", pred: PredStated, claim: "the bombing as cowardly"},
				{subj: "John Carter", pred: PredStated, claim: "the country must stay united"},
				{subj: "Paul Roy", pred: PredStated, claim: "to hunt down those responsible", rule: "to-infinitive"},
			}},
		{"told someone, then the claim without that",
			"Police spokesman Thomas Neuendorf told reporters the truck had been stolen from a Polish company. A witness told the BBC the driver had fled.",
			[]want{
				{subj: "Thomas Neuendorf", pred: PredStated, claim: "the truck had been stolen from a Polish company"},
				{pred: PredStated, claim: "the driver had fled"},
			}},
		{"a report published by an agency",
			"Europol said in a report published on Tuesday that jihadist attacks in Europe had fallen. According to the report, most attackers were home-grown.",
			[]want{
				{subj: "Europol", pred: PredStated, claim: "jihadist attacks in Europe had fallen"},
				{subj: "Europol report", pred: PredStated, claim: "most attackers were home-grown"},
				{subj: "Europol report", pred: PredPublishedBy, obj: "Europol"},
			}},
		{"told an outlet, but said",
			"Marc Dubois, a researcher at the Egmont Institute, told Le Monde that the networks were weakened, but said they could rebuild quickly.",
			[]want{
				{subj: "Marc Dubois", pred: PredStated, claim: "the networks were weakened"},
				{subj: "Marc Dubois", pred: PredStated, claim: "they could rebuild quickly"},
				{pred: PredReportedBy, obj: "Le Monde"},
				{subj: "Marc Dubois", pred: PredAffiliatedWith, obj: "Egmont Institute"},
			}},
		{"anonymous sources stay per article",
			"One official said the attacker had acted alone. A second official said he had help.",
			[]want{
				{subj: "Unnamed official (snippet)", pred: PredStated, claim: "the attacker had acted alone"},
				{subj: "Unnamed official 2 (snippet)", pred: PredStated, claim: "he had help"},
			}},
		{"sources close to an inquiry",
			"People close to the case said nothing. A source close to the defence team said the suspect would appeal. Two sources familiar with the file said the weapon had been bought online.",
			[]want{
				{subj: "Unnamed source close to the defence team (snippet)", pred: PredStated, claim: "the suspect would appeal"},
				{pred: PredStated, claim: "the weapon had been bought online"},
			}},
		{"the office said, after its full name",
			"The Hamburg public prosecutor's office said the two men were Syrian nationals.\n\nNeither had a criminal record.\n\nBoth were remanded in custody, the prosecutor's office added.",
			[]want{
				{subj: "Hamburg public prosecutor's office", pred: PredStated, claim: "Both were remanded in custody"},
			}},
		{"a description, then the titled name, then said",
			"Its chief executive, Managing Director Oliver Grant, said the company had received threats. The agency's new director, General Maria Lopez, told reporters the risk was high.",
			[]want{
				{subj: "Oliver Grant", pred: PredStated, claim: "the company had received threats"},
				{subj: "Maria Lopez", pred: PredStated, claim: "the risk was high"},
			}},
		{"claim, then a description, the name and said with a time",
			"The gunman had acted alone, the region's police chief, Henrik Dahl, said on Monday evening. Two of the wounded were in a critical condition, Dahl said on Tuesday.",
			[]want{
				{subj: "Henrik Dahl", pred: PredStated, claim: "The gunman had acted alone"},
				{subj: "Henrik Dahl", pred: PredStated, claim: "police chief", not: true},
				{subj: "Henrik Dahl", pred: PredStated, claim: "Two of the wounded were in a critical condition"},
			}},
		{"ministries and services described in lower case",
			"Nine people remain in hospital, the health ministry said. The ambulance service said crews had treated 40 people.",
			[]want{
				{subj: "Health ministry", pred: PredStated, claim: "Nine people remain in hospital"},
				{subj: "Ambulance service", pred: PredStated, claim: "crews had treated 40 people"},
			}},
		{"a spokesman for an office; an office-holder's office",
			"A spokeswoman for the Dutch public prosecution service told ANP that three suspects were in custody. The governor's office said in a statement that schools would reopen. The European Commission's office in Madrid said nothing.",
			[]want{
				{subj: "Unnamed spokeswoman for the Dutch public prosecution service (snippet)", pred: PredStated, claim: "three suspects were in custody"},
				{subj: "Governor's office", pred: PredStated, claim: "schools would reopen"},
			}},
		{"media as a speaker",
			"Belgian media reported that the suspect had been released on parole.",
			[]want{
				{subj: "Unnamed Belgian media (snippet)", pred: PredStated, claim: "the suspect had been released on parole"},
			}},
		{"a denial keeps its verb",
			"Hezbollah denied that its fighters had met the suspect. The Interior Ministry denied any role in the raid.",
			[]want{
				{pred: PredStated, claim: "denied that its fighters had met the suspect"},
				{pred: PredStated, claim: "denied any role in the raid"},
			}},
		{"a platform after 'on' is no speaker with an appositive",
			`In a message on Telegram, the Interior Minister, Olaf Brandt, wrote: "The border stays open." In a post on Facebook, the mayor said the square would reopen.`,
			[]want{
				{subj: "Olaf Brandt", pred: PredStated, claim: "The border stays open"},
				{subj: "Telegram", pred: PredStated, not: true},
				{subj: "Facebook", pred: PredStated, not: true},
			}},
		{"impersonal and passive verbs are no speakers",
			"It is understood that the suspect was known to police. He is believed to have travelled to Syria.",
			[]want{
				{pred: PredStated, not: true},
			}},
		{"a wire dateline after the headline is no part of the claim",
			"Spain detains two after Valencia knife attack\n\nMADRID (AP) - Two men were detained in Valencia on Friday after a stabbing near the cathedral, the interior ministry said.\n\nThe 2004 bombings of MADRID commuter trains killed 191 people.",
			[]want{
				{pred: PredStated, claim: "Two men were detained in Valencia"},
				{pred: PredStated, claim: "MADRID", not: true},
				{pred: PredStated, claim: "(AP)", not: true},
			}},
		{"scare quotes are not speech",
			`The minister warned of a "serious and lasting" threat from extremists.`,
			[]want{
				{pred: PredStated, claim: "serious and lasting", rule: "quote-speaker-after", not: true},
				{pred: PredStated, rule: "quote-speaker-before", not: true},
			}},
	})
}

func TestAttackRules(t *testing.T) {
	runRuleCases(t, []struct {
		name string
		text string
		want []want
	}{
		{"responsibility claim with toll and news agency",
			"The Islamic State group claimed responsibility for the attack at the Manchester Arena, which killed 22 people, in a statement released by its news agency Amaq. More than 50 people were injured.",
			[]want{
				{pred: PredPerpetrator, obj: "Islamic State", rule: "claimed-responsibility"},
				{subj: "Islamic State", pred: PredStated, claim: "responsibility for the attack"},
				{pred: PredAttackLocation, obj: "Manchester Arena"},
				{pred: PredAttackLocation, obj: "Manchester"},
				{pred: PredKilled, obj: "22"},
				{pred: PredKilled, obj: "50", not: true},
			}},
		{"toll shapes",
			"A bomb exploded at a market in Baghdad on Monday, killing at least 12 people. The blast left 22 dead, officials said. The death toll rose to 30 on Tuesday.",
			[]want{
				{subj: "Baghdad bombing", pred: PredKilled, obj: "12", qual: "at least"},
				{pred: PredKilled, obj: "22"},
				{pred: PredKilled, obj: "30"},
				{pred: PredAttackDate, obj: "Monday"},
			}},
		{"dates as worded",
			"Gunmen attacked a concert hall in Paris last November. A truck attack on Bastille Day in Nice killed 86 people. A key militant was killed in an airstrike in Syria May 31.",
			[]want{
				{subj: "Paris attack", pred: PredAttackDate, obj: "last November"},
				{subj: "Nice attack", pred: PredAttackDate, obj: "Bastille Day"},
				{subj: "Nice attack", pred: PredKilled, obj: "86"},
				{pred: PredKilled, obj: "1", not: true},
			}},
		{"a toll in a relative clause belongs to the attack it hangs on",
			"The Hamburg stabbing was the worst in Germany since the 2016 truck attack on a Christmas market in Berlin, which killed 12 people.",
			[]want{
				{subj: "2016 Berlin attack", pred: PredKilled, obj: "12"},
				{subj: "Hamburg stabbing", pred: PredKilled, not: true},
			}},
		{"a site after the city's possessive",
			"A man set off a bomb at Rotterdam's Central Station on Friday. Gunmen attacked diners at Vienna's Schwedenplatz in 2020.",
			[]want{
				{subj: "Rotterdam bombing", pred: PredAttackLocation, obj: "Rotterdam Central Station"},
				{subj: "Rotterdam bombing", pred: PredAttackLocation, obj: "Rotterdam"},
				{pred: PredAttackLocation, obj: "Schwedenplatz"},
			}},
		{"the attacker, then the verb and its date",
			"Police are questioning three men over the bombing at a bus station in Lille. The bomber, a 24-year-old local man, detonated a rucksack bomb on the morning of March 14 before being arrested at a hotel.",
			[]want{
				{subj: "Lille bombing", pred: PredAttackDate, obj: "March 14"},
			}},
		{"a count before a preposition counts people, not attacks; plans for attacks are none",
			"Police are holding two women over the stabbing at a cafe in Nantes. Officers arrested four men over plans for attacks in Bordeaux. An inquiry into the threat of attacks in Rennes was opened.",
			[]want{
				{subj: "Nantes stabbing", pred: PredAttackLocation, obj: "Nantes"},
				{pred: PredAttackLocation, obj: "Bordeaux", not: true},
				{pred: PredAttackLocation, obj: "Rennes", not: true},
			}},
		{"shots were fired: a shooting, or a site of the one already told",
			"Shots were fired outside a synagogue in Vienna on Monday, leaving two people dead.\n\nA gunman opened fire in the centre of Turin on Sunday, killing three people.\n\nWhat happened?\n\nPolice arrived within minutes.\n\nThe first shots were fired at 21:10 on Piazza Castello, near the royal palace.",
			[]want{
				{subj: "Vienna shooting", pred: PredAttackLocation, obj: "Vienna"},
				{subj: "Vienna shooting", pred: PredKilled, obj: "2"},
				{subj: "Turin shooting", pred: PredAttackLocation, obj: "Piazza Castello"},
				{subj: "Vienna shooting", pred: PredAttackLocation, obj: "Piazza Castello", not: true},
			}},
		{"claimed the attack; the suspect identified with an age; a vehicle driven into a crowd",
			"A car was driven into a crowd at a festival in Lyon on Sunday, killing three people. The driver, identified by prosecutors as 41-year-old Pascal Roche, was arrested. Islamic State claimed the attack on Monday. A blogger claimed the attack was staged.",
			[]want{
				{subj: "Lyon attack", pred: PredKilled, obj: "3"},
				{subj: "Lyon attack", pred: PredPerpetrator, obj: "Pascal Roche"},
				{subj: "Lyon attack", pred: PredPerpetrator, obj: "Islamic State"},
				{subj: "Islamic State", pred: PredStated, claim: "claimed the attack"},
				{pred: PredPerpetrator, obj: "blogger", not: true},
			}},
		{"British day-month dates; stabbed to death",
			"Gunmen attacked a concert hall in Oslo on 25 June 2022, killing two people. A teacher was stabbed to death outside a school in Arras, police said on 14 October.",
			[]want{
				{subj: "2022 Oslo attack", pred: PredAttackDate, obj: "25 June 2022"},
				{subj: "Arras stabbing", pred: PredAttackLocation, obj: "Arras"},
				{subj: "Arras stabbing", pred: PredAttackDate, obj: "14 October", not: true},
			}},
		{"a toll told as a time reference belongs to another event",
			"A man stabbed shoppers at a mall in Bergen on Friday, killing one person. The attack came two years after a gunman killed four people outside a club in the city. A gunman opened fire at a bar in Turku after an argument, killing three.",
			[]want{
				{subj: "Bergen stabbing", pred: PredKilled, obj: "1"},
				{subj: "Bergen stabbing", pred: PredKilled, obj: "4", not: true},
				{subj: "Turku shooting", pred: PredKilled, obj: "3"},
			}},
		{"responsibility claimed in the passive, or by saying it was behind the attack",
			"A car bomb killed nine people near a market in Mosul on Friday. The bombing was claimed by the Islamic State group. A bomb exploded at a bus station in Lahore on Sunday, killing six. The Pakistani Taliban said it was behind the attack. Al-Qaeda denied it was behind the attack.",
			[]want{
				{subj: "Mosul bombing", pred: PredPerpetrator, obj: "Islamic State"},
				{subj: "Lahore bombing", pred: PredPerpetrator, obj: "Pakistani Taliban"},
				{pred: PredPerpetrator, obj: "Qaeda", not: true},
			}},
		{"the speaker after a list of places is no site",
			"At least nine people have been killed in a blast at a train station in Leipzig, police say. Five people died in a shooting at a bar in Graz, the hospital said.",
			[]want{
				{subj: "Leipzig bombing", pred: PredAttackLocation, obj: "Leipzig train station"},
				{pred: PredAttackLocation, obj: "police", not: true},
				{pred: PredAttackLocation, obj: "hospital", not: true},
			}},
		{"the year names the event",
			"The Brussels bombings in March 2016 killed 32 people at Zaventem airport and a metro station.",
			[]want{
				{subj: "2016 Brussels bombings", pred: PredAttackLocation, obj: "Brussels"},
				{subj: "2016 Brussels bombings", pred: PredKilled, obj: "32"},
				{subj: "2016 Brussels bombings", pred: PredAttackDate, obj: "March 2016"},
			}},
		{"planned, threatened and counted attacks are no events",
			"The group could launch attacks in Paris at any time. Militants are plotting attacks in London. Extremists carried out seven attacks in Germany and France last year.",
			[]want{
				{pred: PredAttackLocation, not: true},
			}},
		{"the month May is no modal",
			"The attack in Manchester in May 2017 killed 22 people. The bombing in Ankara was likely carried out by the PKK.",
			[]want{
				{pred: PredAttackLocation, obj: "Manchester"},
				{pred: PredKilled, obj: "22"},
				{pred: PredAttackLocation, obj: "Ankara"},
			}},
		{"heart attacks and likely attacks are no events",
			"The former mayor of Lille died of a heart attack in Paris in 2019. Officials said an attack in Munich was highly likely during the holidays. A cyber attack on the port of Rotterdam halted shipping. An attack in Madrid could come at any time, the minister said.",
			[]want{
				{pred: PredAttackLocation, not: true},
			}},
		{"an attacker shot dead is no toll",
			"Police shot and killed a suspected terrorist who set off a small explosive device at a train station in Brussels on Tuesday.",
			[]want{
				{subj: "Brussels bombing", pred: PredAttackLocation, obj: "Brussels"},
				{subj: "Brussels bombing", pred: PredAttackDate, obj: "Tuesday"},
				{pred: PredKilled, not: true},
			}},
		{"place glued to a date word",
			"The threat was highlighted in Brussels Tuesday, where a man set off a bomb at a train station.",
			[]want{
				{pred: PredAttackLocation, obj: "Brussels"},
				{pred: PredAttackDate, obj: "Tuesday"},
			}},
		{"one of them, NAME",
			"Nine Islamic State gunmen attacked bars and a stadium in Paris in November 2015. One of them, Ali Karim fled to Brussels.",
			[]want{
				{subj: "2015 Paris attack", pred: PredPerpetrator, obj: "Islamic State"},
				{subj: "2015 Paris attack", pred: PredPerpetrator, obj: "Ali Karim"},
				{subj: "Ali Karim", pred: PredMemberOf, obj: "Islamic State"},
			}},
		{"the attacker named",
			"A man drove a truck into a crowd in Stockholm on Friday, killing four people. Police named the attacker as Rakhmat Akilov.",
			[]want{
				{subj: "Stockholm attack", pred: PredPerpetrator, obj: "Rakhmat Akilov"},
				{subj: "Stockholm attack", pred: PredKilled, obj: "4"},
			}},
	})
}

func TestEntityRules(t *testing.T) {
	runRuleCases(t, []struct {
		name string
		text string
		want []want
	}{
		{"titles before names",
			"Director of Public Prosecutions Max Hill said the case was complex. Army Gen. John Nicholson said troops would stay. Mr Hill later left.",
			[]want{
				{subj: "Max Hill", pred: PredRole, obj: "Director of Public Prosecutions"},
				{subj: "John Nicholson", pred: PredAffiliatedWith, obj: "Army"},
				{subj: "John Nicholson", pred: PredRole, obj: "General"},
				{subj: "Hill", not: true},
			}},
		{"a sentence-initial title word the tagger reads as an adjective",
			"Foreign Minister Annalena Brandt said the embassy would stay open. The foreign ministry later confirmed it.",
			[]want{
				{subj: "Annalena Brandt", pred: PredRole, obj: "Foreign Minister"},
			}},
		{"a city before a lower-case title",
			"Lyon prosecutor Nicolas Jacquet said the inquiry was widening. The file was sent to Munich police chief Anna Vogel.",
			[]want{
				{subj: "Nicolas Jacquet", pred: PredRole, obj: "Lyon prosecutor"},
				{subj: "Anna Vogel", pred: PredRole, obj: "Munich police chief"},
			}},
		{"no full stop at the end of a role",
			`"The danger is real," said Klaus Brenner, the interior minister of Rhineland-Palatinate. "We will say more tomorrow."`,
			[]want{
				{subj: "Klaus Brenner", pred: PredRole, obj: "interior minister of Rhineland-Palatinate"},
				{subj: "Klaus Brenner", pred: PredRole, obj: "Palatinate.", not: true},
			}},
		{"an office noun in lower case before the name",
			"Bergen police attorney Ingrid Moe told reporters the motive was unclear. The file was handed to defence lawyer Jan Olsen.",
			[]want{
				{subj: "Ingrid Moe", pred: PredRole, obj: "Bergen police attorney"},
				{subj: "Jan Olsen", pred: PredRole, obj: "lawyer"},
			}},
		{"an unlisted organisation, then a title, then the name",
			"Greater Manchester Police Chief Constable Ian Hopkins said the attacker acted alone.",
			[]want{
				{subj: "Ian Hopkins", pred: PredAffiliatedWith, obj: "Greater Manchester Police"},
				{subj: "Ian Hopkins", pred: PredStated},
				{subj: "Greater Manchester Police Chief Constable Ian Hopkins", not: true},
			}},
		{"appositives after and before names",
			"Omar Haddad, a recruiter for the Islamic State, was arrested. Belgium's head of counter-terrorism, Paul Van Tigchelt, said the arrest was important. Lina Berg is the director of the Swedish Security Service.",
			[]want{
				{subj: "Omar Haddad", pred: PredMemberOf, obj: "Islamic State"},
				{subj: "Omar Haddad", pred: PredRole, obj: "recruiter for the Islamic State"},
				{subj: "Paul Van Tigchelt", pred: PredRole, obj: "head of counter-terrorism"},
				{subj: "Paul Van Tigchelt", pred: PredAffiliatedWith, obj: "Belgium"},
				{subj: "Lina Berg", pred: PredLeads, obj: "Swedish Security Service"},
			}},
		{"its: the organisation that spoke just before, not one named further back",
			"Amnesty International criticised the raids. Belgium's federal police said on Friday that nine homes had been searched. Its spokesman, Marc Peeters, said no weapons were found.",
			[]want{
				{subj: "Marc Peeters", pred: PredAffiliatedWith, obj: "federal police"},
				{subj: "Marc Peeters", pred: PredAffiliatedWith, obj: "Amnesty International", not: true},
			}},
		{"its inside a longer phrase before the name",
			"The Danish Security Service has raised the alert level, a step its vice-president, Jonas Holm, described as temporary.",
			[]want{
				{subj: "Jonas Holm", pred: PredRole, obj: "vice-president"},
				{subj: "Jonas Holm", pred: PredAffiliatedWith, obj: "Danish Security Service"},
			}},
		{"head of a country's agency: affiliated with the country",
			"The director of Austria's state security agency, Franz Huber, said the threat remained high.",
			[]want{
				{subj: "Franz Huber", pred: PredAffiliatedWith, obj: "Austria"},
				{subj: "Franz Huber", pred: PredLeads, obj: "state security agency"},
			}},
		{"an appositive role with a topic or a field, then where",
			"Anna Kowalska, a specialist on jihadist networks at the Polish Institute of International Affairs, said the risk was growing. Tom Hale, a lecturer in war studies, and Mark Dunn, a professor of politics at the University of Kent, disagreed.",
			[]want{
				{subj: "Anna Kowalska", pred: PredRole, obj: "specialist on jihadist networks"},
				{subj: "Anna Kowalska", pred: PredAffiliatedWith, obj: "Polish Institute of International Affairs"},
				{subj: "Mark Dunn", pred: PredRole, obj: "professor of politics"},
				{subj: "Mark Dunn", pred: PredAffiliatedWith, obj: "University of Kent"},
			}},
		{"a surname that is also a site noun; a participle appositive after a report",
			"Daniel Church, the country's independent reviewer of terrorism laws, said the rules were outdated. The study, published by the Royal United Services Institute in May, found that most plotters were teenagers.",
			[]want{
				{subj: "Daniel Church", pred: PredStated, claim: "the rules were outdated"},
				{subj: "Daniel Church", pred: PredRole, obj: "independent reviewer of terrorism laws"},
				{subj: "Royal United Services Institute report", pred: PredStated, claim: "most plotters were teenagers"},
				{pred: PredReportedBy, obj: "Royal United Services Institute", not: true},
			}},
		{"an appositive role that ends the sentence keeps its organisation",
			`"There is no second suspect," said Lena Fischer, a spokeswoman for the Bavarian interior ministry.`,
			[]want{
				{subj: "Lena Fischer", pred: PredRole, obj: "spokeswoman for the Bavarian interior ministry"},
				{subj: "Lena Fischer", pred: PredAffiliatedWith, obj: "interior ministry"},
			}},
		{"organisations no list names, by their suffix",
			"The Greater Manchester Police said two men were held. The Federal Criminal Police Office said it was investigating. The Al Noor Foundation, a charity close to the Muslim Brotherhood, denied any link.",
			[]want{
				{subj: "Greater Manchester Police", pred: PredStated},
				{subj: "Federal Criminal Police Office", pred: PredStated},
				{subj: "Al Noor Foundation", pred: PredAffiliatedWith, obj: "Muslim Brotherhood"},
			}},
		{"cities written with their country",
			"The attack happened in Hanover, Germany, and in Lyon, France.",
			[]want{
				{subj: "Hanover", pred: PredLocatedIn, obj: "Germany"},
				{subj: "Lyon", pred: PredLocatedIn, obj: "France"},
			}},
		{"abbreviations and adjectives resolve to countries",
			"U.S. Secretary of State Rex Tillerson met British officials. The U.K. raised its threat level.",
			[]want{
				{subj: "Rex Tillerson", pred: PredAffiliatedWith, obj: "United States"},
				{subj: "Rex Tillerson", pred: PredRole, obj: "Secretary of State"},
			}},
		{"the same person by full name, surname and Mr",
			"Interior Minister Gerard Collomb visited the site. Collomb said the suspect was known to police. “We will find the truth,” Mr Collomb said.",
			[]want{
				{subj: "Gerard Collomb", pred: PredStated, claim: "the suspect was known to police"},
				{subj: "Gerard Collomb", pred: PredStated, claim: "We will find the truth"},
				{subj: "Collomb", not: true},
			}},
		{"a surname with its particle joins the full name",
			"Ursula von Berg, the agency's director, spoke in Brussels. Ms von Berg said the threat was high. Later Von Berg added that more arrests were likely.",
			[]want{
				{subj: "Ursula von Berg", pred: PredStated, claim: "the threat was high"},
				{subj: "Ursula von Berg", pred: PredStated, claim: "more arrests were likely"},
				{subj: "Von Berg", not: true},
			}},
		{"a city that is a given name; al- names; an appositive with a place before it closes",
			`"We must act now," says Sofia Berglund. Ayman al-Zawahiri urged followers to strike. For Pieter Claes, a researcher at the Clingendael Institute in The Hague, the risk is rising.`,
			[]want{
				{subj: "Sofia Berglund", pred: PredStated, claim: "We must act now"},
				{subj: "Ayman al-Zawahiri", pred: PredStated},
				{subj: "Pieter Claes", pred: PredAffiliatedWith, obj: "Clingendael Institute"},
			}},
		{"a place-based adjective is no part of the organisation's name",
			"Ruth Keller, director of the Geneva-based Centre for Security Policy, said the ban was overdue.",
			[]want{
				{subj: "Ruth Keller", pred: PredLeads, obj: "Centre for Security Policy"},
				{pred: PredLeads, obj: "Geneva-based", not: true},
			}},
		{"an organisation named past 'of' speaks as itself; an organisation before a lower-case title",
			"The UN Security Council met on Friday. The Central Council of Jews said it was appalled. EU migration chief Ylva Berg said the rules would change.",
			[]want{
				{subj: "Central Council of Jews", pred: PredStated, claim: "it was appalled"},
				{subj: "UN Security Council", pred: PredStated, not: true},
				{subj: "Ylva Berg", pred: PredRole, obj: "EU migration chief"},
				{subj: "Ylva Berg", pred: PredAffiliatedWith, obj: "European Union"},
			}},
		{"an organisation's chief, and who leads it",
			"Interpol chief Valdecy Urquiza said the network was global. Ruth Berger, who heads the Federal Criminal Police Office, said two men were held. Tom Price, who led the Metropolitan Police until 2019, agreed.",
			[]want{
				{subj: "Valdecy Urquiza", pred: PredLeads, obj: "Interpol"},
				{subj: "Ruth Berger", pred: PredLeads, obj: "Federal Criminal Police Office"},
				{subj: "Tom Price", pred: PredLeads, not: true},
			}},
		{"title words then an organisation word name an organisation, not a person",
			"The Swedish Justice Ministry said the suspects would be extradited. Justice Minister Gunnar Strommer said the same.",
			[]want{
				{subj: "Swedish Justice Ministry", pred: PredStated, claim: "the suspects would be extradited"},
				{subj: "Ministry", not: true},
				{subj: "Gunnar Strommer", pred: PredRole, obj: "Justice Minister"},
			}},
		{"a sentence-initial common noun is no name",
			"Investigators said the van had been rented. Refugees said they feared reprisals.",
			[]want{
				{subj: "Investigators", not: true},
				{subj: "Unnamed investigators (snippet)", pred: PredStated, claim: "the van had been rented"},
			}},
	})
}

// TestMergesAreRecorded: every resolution to a canonical name is listed.
func TestMergesAreRecorded(t *testing.T) {
	text := "Interior Minister Gerard Collomb spoke. Collomb said the threat was high. “It is real,” he said."
	r := testExtractor().Extract("m.txt", []byte(text))
	rules := map[string]bool{}
	for _, m := range r.Merges {
		if m.Canonical != "Gerard Collomb" {
			continue
		}
		rules[m.Rule] = true
		if text[m.Start:m.End] != m.Surface {
			t.Errorf("merge offsets do not locate %q", m.Surface)
		}
	}
	for _, want := range []string{"surname", "pronoun"} {
		if !rules[want] {
			t.Errorf("no %q merge to Gerard Collomb; merges: %+v", want, r.Merges)
		}
	}
}

// TestAliasTable: the caller's alias table maps forms to canonical names;
// across articles only full names and alias entries merge.
func TestAliasTable(t *testing.T) {
	x := New([]Alias{
		{Name: "2015 Paris attacks", Type: TypeAttack, Forms: []string{"Paris attacks"}},
		{Name: "Abdelhamid Abaaoud", Type: TypePerson, Forms: []string{"Abaaoud"}},
		{Name: "Islamic State", Type: TypeOrg, Forms: []string{"the group"}}, // no capital: ignored
	})
	a := x.Extract("a.txt", []byte("Abaaoud said the Paris attacks were only the start. The group said nothing."))
	b := x.Extract("b.txt", []byte("Salah Abdeslam took part in the November 2015 Paris attacks."))
	var attackA, attackB string
	for _, tr := range a.Triples {
		if tr.Predicate == PredStated && tr.Subject != "Abdelhamid Abaaoud" {
			t.Errorf("speaker %q, want the alias table's canonical name", tr.Subject)
		}
		if tr.Predicate == PredAttackLocation {
			attackA = tr.SubjectIRI
		}
	}
	for _, tr := range b.Triples {
		if tr.Predicate == PredAttackLocation {
			attackB = tr.SubjectIRI
		}
	}
	if attackA == "" || attackA != attackB {
		t.Errorf("the same attack in two articles: %q vs %q", attackA, attackB)
	}
	for _, tr := range a.Triples {
		if tr.Subject == "Islamic State" {
			t.Errorf("a lower-case alias form merged a description: %+v", tr)
		}
	}
}

func TestOutletRules(t *testing.T) {
	runRuleCases(t, []struct {
		name string
		text string
		want []want
	}{
		{"an opening participle names the outlet, and the titled name is the speaker",
			"Talking to the broadcaster RTL, Justice Minister Marco Bianchi said the suspects would be extradited.",
			[]want{
				{subj: "Marco Bianchi", pred: PredStated, claim: "the suspects would be extradited"},
				{subj: "RTL", pred: PredStated, not: true},
				{pred: PredReportedBy, obj: "RTL"},
			}},
		{"outlets no list names",
			"The mayor, Johanna Rolland, told the regional daily Ouest-France that the festival would go ahead. Police chief Tom Lake told the Manchester Evening News that patrols had doubled.",
			[]want{
				{pred: PredReportedBy, obj: "Ouest-France"},
				{pred: PredReportedBy, obj: "Manchester Evening News"},
				{subj: "Tom Lake", pred: PredStated, claim: "patrols had doubled"},
			}},
	})
}
