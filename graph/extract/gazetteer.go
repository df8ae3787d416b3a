package extract

import "strings"

// The built-in general lists: countries, cities, regions and common
// organisations (governments' agencies, international bodies, militant
// groups, news outlets), each with its usual surface forms, adjectives and
// abbreviations. They name no entity particular to any corpus; entities the
// lists miss are found by capitalisation, suffix and context rules.

// kinds of gazetteer entries
const (
	kCountry  = "country"
	kCity     = "city"
	kRegion   = "region"
	kOrg      = "org"
	kOutlet   = "outlet"
	kMilitant = "militant"
)

type gazEntry struct {
	name    string
	typ     string
	kind    string
	adj     bool   // the surface form is an adjective or demonym ("German")
	country string // a city's country
}

// countries: "Canonical|form|form...;adjectives" (adjectives after ';').
const countryData = `
United States|U.S.|US|U.S|USA|U.S.A.|America|United States of America;American|Americans
United Kingdom|U.K.|UK|U.K|Britain|Great Britain;British|Briton|Britons
England;English
Scotland;Scottish
Wales;Welsh
Northern Ireland
Ireland;Irish
France;French
Germany;German|Germans
Italy;Italian|Italians
Spain;Spanish
Portugal;Portuguese
Belgium;Belgian|Belgians
Netherlands|Holland|the Netherlands;Dutch
Luxembourg
Switzerland;Swiss
Austria;Austrian
Denmark;Danish
Sweden;Swedish
Norway;Norwegian
Finland;Finnish
Iceland;Icelandic
Poland;Polish
Czech Republic|Czechia;Czech
Slovakia;Slovak
Hungary;Hungarian
Romania;Romanian
Bulgaria;Bulgarian
Greece;Greek
Cyprus;Cypriot
Malta;Maltese
Croatia;Croatian
Serbia;Serbian
Bosnia|Bosnia and Herzegovina;Bosnian
Kosovo;Kosovar
Albania;Albanian
Macedonia|North Macedonia;Macedonian
Montenegro
Slovenia;Slovenian
Estonia;Estonian
Latvia;Latvian
Lithuania;Lithuanian
Ukraine;Ukrainian
Belarus;Belarusian
Russia|Russian Federation;Russian|Russians
Moldova
Georgia;Georgian
Armenia;Armenian
Azerbaijan
Turkey|Türkiye;Turkish
Syria;Syrian|Syrians
Iraq;Iraqi|Iraqis
Iran;Iranian
Israel;Israeli
Palestine|Palestinian territories;Palestinian
Lebanon;Lebanese
Jordan;Jordanian
Egypt;Egyptian
Libya;Libyan
Tunisia;Tunisian
Algeria;Algerian
Morocco;Moroccan
Saudi Arabia;Saudi
Yemen;Yemeni
Oman
United Arab Emirates|UAE|U.A.E.;Emirati
Qatar;Qatari
Bahrain;Bahraini
Kuwait;Kuwaiti
Afghanistan;Afghan
Pakistan;Pakistani
India;Indian
Bangladesh;Bangladeshi
Sri Lanka;Sri Lankan
China;Chinese
Japan;Japanese
South Korea;South Korean
North Korea;North Korean
Indonesia;Indonesian
Malaysia;Malaysian
Philippines|the Philippines;Filipino
Thailand;Thai
Australia;Australian
New Zealand
Canada;Canadian
Mexico;Mexican
Brazil;Brazilian
Argentina;Argentine
Colombia;Colombian
Venezuela;Venezuelan
Nigeria;Nigerian
Niger;Nigerien
Mali;Malian
Burkina Faso
Chad
Somalia;Somali
Kenya;Kenyan
Ethiopia;Ethiopian
Sudan;Sudanese
South Africa;South African
Uzbekistan;Uzbek
Kazakhstan
Tajikistan
Kyrgyzstan
Chechnya;Chechen
`

// cities: "City|form...@Country"
const cityData = `
Paris@France
Nice@France
Marseille|Marseilles@France
Lyon@France
Toulouse@France
Strasbourg@France
Saint-Denis@France
Lille@France
Bordeaux@France
Brussels@Belgium
Antwerp@Belgium
Liege|Liège@Belgium
Verviers@Belgium
Molenbeek@Belgium
Zaventem@Belgium
Berlin@Germany
Munich@Germany
Hamburg@Germany
Frankfurt@Germany
Cologne@Germany
Hanover|Hannover@Germany
Dresden@Germany
Dusseldorf|Düsseldorf@Germany
Stuttgart@Germany
Leipzig@Germany
Ansbach@Germany
Wurzburg|Würzburg@Germany
Bonn@Germany
London@United Kingdom
Manchester@United Kingdom
Birmingham@United Kingdom
Liverpool@United Kingdom
Leeds@United Kingdom
Glasgow@United Kingdom
Edinburgh@United Kingdom
Belfast@United Kingdom
Cardiff@United Kingdom
Westminster@United Kingdom
Rome@Italy
Milan@Italy
Turin@Italy
Naples@Italy
Venice@Italy
Florence@Italy
Bologna@Italy
Madrid@Spain
Barcelona@Spain
Cambrils@Spain
Seville@Spain
Valencia@Spain
Lisbon@Portugal
Amsterdam@Netherlands
Rotterdam@Netherlands
The Hague@Netherlands
Copenhagen@Denmark
Stockholm@Sweden
Gothenburg@Sweden
Oslo@Norway
Helsinki@Finland
Turku@Finland
Vienna@Austria
Zurich|Zürich@Switzerland
Geneva@Switzerland
Bern@Switzerland
Warsaw@Poland
Prague@Czech Republic
Budapest@Hungary
Bucharest@Romania
Sofia@Bulgaria
Athens@Greece
Dublin@Ireland
Moscow@Russia
St Petersburg|St. Petersburg|Saint Petersburg@Russia
Kiev|Kyiv@Ukraine
Istanbul@Turkey
Ankara@Turkey
Damascus@Syria
Aleppo@Syria
Raqqa|Raqqah@Syria
Baghdad@Iraq
Mosul@Iraq
Fallujah@Iraq
Tehran@Iran
Beirut@Lebanon
Jerusalem@Israel
Tel Aviv@Israel
Amman@Jordan
Cairo@Egypt
Tripoli@Libya
Tunis@Tunisia
Sousse@Tunisia
Algiers@Algeria
Rabat@Morocco
Casablanca@Morocco
Riyadh@Saudi Arabia
Doha@Qatar
Dubai@United Arab Emirates
Abu Dhabi@United Arab Emirates
Kabul@Afghanistan
Islamabad@Pakistan
Karachi@Pakistan
Lahore@Pakistan
New Delhi|Delhi@India
Mumbai@India
Dhaka@Bangladesh
Colombo@Sri Lanka
Jakarta@Indonesia
Manila@Philippines
Marawi@Philippines
Beijing@China
Tokyo@Japan
Sydney@Australia
Melbourne@Australia
Christchurch@New Zealand
Toronto@Canada
Ottawa@Canada
Montreal@Canada
Washington|Washington, D.C.|Washington D.C.@United States
New York|New York City|NYC@United States
Los Angeles@United States
Chicago@United States
Boston@United States
San Bernardino@United States
Orlando@United States
San Francisco@United States
Miami@United States
Dallas@United States
Nairobi@Kenya
Mogadishu@Somalia
Lagos@Nigeria
Abuja@Nigeria
Bamako@Mali
Ouagadougou@Burkina Faso
`

// regions: "Region|form...;adjectives"
const regionData = `
Europe|European continent|the Continent;European|Europeans
Western Europe;Western European
Eastern Europe;Eastern European
Southern Europe
Northern Europe
Central Europe
Middle East;Middle Eastern
North Africa;North African
Africa;African
West Africa
East Africa
Sahel
Asia;Asian
Southeast Asia
South Asia
Central Asia
Latin America
North America
Persian Gulf|the Gulf
Balkans|the Balkans
Scandinavia;Scandinavian
Caucasus|North Caucasus
Mediterranean
Levant
Gaza|Gaza Strip
West Bank
Kurdistan
Sinai
Mindanao
Kashmir
`

// organisations: "kind|Canonical|form|form..."
const orgData = `
militant|Islamic State|ISIS|ISIL|IS|Isis|Isil|Daesh|Daech|Islamic State group|Islamic State of Iraq and Syria|Islamic State of Iraq and the Levant|Islamic State in Iraq and Syria|so-called Islamic State
militant|al-Qaeda|al Qaeda|Al Qaeda|Al-Qaeda|al-Qaida|al Qaida|Al-Qaida|al-Qa'ida|Qaeda
militant|al-Qaeda in the Arabian Peninsula|AQAP
militant|al-Qaeda in the Islamic Maghreb|AQIM
militant|al-Shabaab|al Shabaab|Al-Shabaab|al-Shabab|Shabaab
militant|Boko Haram
militant|Taliban|the Taliban
militant|Pakistani Taliban|Tehreek-e-Taliban Pakistan|TTP
militant|Hezbollah|Hizbollah|Hizballah
militant|Hamas
militant|Islamic Jihad
militant|Jabhat al-Nusra|al-Nusra Front|Nusra Front|Jabhat Fateh al-Sham
militant|Hayat Tahrir al-Sham|HTS
militant|Lashkar-e-Taiba|LeT
militant|Jaish-e-Mohammed|JeM
militant|Abu Sayyaf
militant|ETA
militant|IRA|Irish Republican Army|Real IRA|New IRA
militant|PKK|Kurdistan Workers' Party
militant|Muslim Brotherhood
militant|Khorasan Group
org|European Union|EU|E.U.
org|United Nations|UN|U.N.
org|UN Security Council|U.N. Security Council|Security Council
org|NATO|Nato|North Atlantic Treaty Organization
org|Europol
org|Interpol
org|Eurojust
org|Frontex
org|European Commission
org|European Parliament
org|European Council
org|Council of Europe
org|OSCE
org|African Union
org|Arab League
org|Red Cross|International Committee of the Red Cross|ICRC
org|Amnesty International
org|Human Rights Watch
org|FBI|Federal Bureau of Investigation
org|CIA|Central Intelligence Agency
org|NSA|National Security Agency
org|Department of Homeland Security|Homeland Security|DHS|Homeland Security Department
org|Department of Justice|Justice Department|DOJ
org|State Department|U.S. State Department|Department of State
org|Pentagon|Department of Defense|Defense Department|DoD
org|White House
org|Congress|U.S. Congress
org|Senate|U.S. Senate
org|House of Representatives
org|National Counterterrorism Center|NCTC
org|Office of the Director of National Intelligence|ODNI
org|Kremlin
org|FSB
org|Elysee|Élysée|Elysee Palace|Élysée Palace
org|Downing Street|No 10|Number 10
org|Home Office
org|Foreign Office
org|MI5|Security Service
org|MI6|Secret Intelligence Service
org|GCHQ
org|Scotland Yard|Metropolitan Police|Met Police|the Met
org|House of Commons|Commons
org|Bundestag
org|Bundeswehr
org|BND
org|BfV
org|DGSI
org|DGSE
org|Mossad
org|Shin Bet
outlet|Agence France-Presse|AFP|Agence France Presse
outlet|Reuters
outlet|Associated Press|AP|the AP
outlet|BBC|British Broadcasting Corporation
outlet|CNN
outlet|Fox News|Fox
outlet|NBC|NBC News
outlet|ABC|ABC News
outlet|CBS|CBS News
outlet|NPR
outlet|MSNBC
outlet|Sky News
outlet|Al Jazeera|Al-Jazeera
outlet|Al Arabiya
outlet|Euronews
outlet|France 24
outlet|Deutsche Welle|DW
outlet|New York Times|The New York Times|NYT
outlet|Washington Post|The Washington Post
outlet|Wall Street Journal|The Wall Street Journal|WSJ
outlet|Los Angeles Times
outlet|USA Today
outlet|The Guardian|Guardian
outlet|The Times|Times of London
outlet|The Telegraph|Daily Telegraph|Telegraph
outlet|The Independent
outlet|Financial Times|FT
outlet|Daily Mail|Mail Online|MailOnline
outlet|The Sun
outlet|Daily Mirror|The Mirror
outlet|The Economist
outlet|Politico
outlet|Bloomberg
outlet|Newsweek
outlet|Time magazine
outlet|The Atlantic
outlet|Le Monde
outlet|Le Figaro
outlet|Le Parisien
outlet|Liberation|Libération
outlet|BFMTV|BFM TV
outlet|Der Spiegel|Spiegel
outlet|Bild
outlet|Die Welt
outlet|Süddeutsche Zeitung|Sueddeutsche Zeitung
outlet|dpa|DPA
outlet|El País|El Pais
outlet|El Mundo
outlet|La Repubblica
outlet|Corriere della Sera
outlet|ANSA
outlet|Belga
outlet|RTBF
outlet|Het Laatste Nieuws
outlet|Xinhua
outlet|TASS
outlet|RIA Novosti
outlet|Anadolu|Anadolu Agency
outlet|Daily Caller
outlet|Breitbart
outlet|Vox
outlet|Axios
outlet|The Hill
outlet|HuffPost|Huffington Post
outlet|BuzzFeed News
outlet|Vice News
outlet|Amaq|Amaq News Agency|Amaq news agency|A'maq
`

// orgSuffixes end organisation names ("Metropolitan Police", "Overseas
// Security Advisory Council").
var orgSuffixes = setOf("Police", "Agency", "Ministry", "Department", "Foundation", "Council", "Command",
	"Committee", "Commission", "Institute", "Institution", "Center", "Centre", "University", "College",
	"Party", "Army", "Navy", "Corps", "Force", "Forces", "Service", "Services", "Office", "Bureau",
	"Authority", "Organization", "Organisation", "Group", "Brigade", "Brigades", "Front", "Movement",
	"Network", "Court", "Tribunal", "Parliament", "Assembly", "Senate", "Congress", "Government",
	"Administration", "Association", "Union", "Federation", "League", "Alliance", "Coalition", "Company",
	"Corporation", "Corp", "Corp.", "Inc", "Inc.", "LLC", "Ltd", "Ltd.", "plc", "PLC", "GmbH", "SA", "AG",
	"Bank", "Fund", "Trust", "Society", "Secretariat", "Cabinet", "Directorate", "Gendarmerie",
	"Guard", "Guards", "Unit", "Squad", "Task", "Inquiry", "Sentinel", "Times", "Post", "Journal", "News",
	"Herald", "Tribune", "Gazette", "Telegraph", "Observer", "Chronicle", "Express", "Mirror", "Standard",
	"Review", "Magazine", "Radio", "Television", "TV", "Broadcasting", "Channel", "Press", "Daily",
	"Monitor", "Watch", "International", "Program", "Programme", "Project", "Initiative", "Caliphate",
	"Mosque", "Church", "Hospital", "School", "Prison", "Agencies", "Ministries", "Fighters", "Mujahideen",
	"Taskforce", "Board", "Panel", "Secretary's", "Legion", "Battalion", "Regiment", "Division",
	"Gazette", "Wire", "Weekly", "Courier", "Mail")

// outletSuffixes mark news outlets among organisations.
var outletSuffixes = setOf("Sentinel", "Times", "Post", "Journal", "News", "Herald", "Tribune", "Gazette",
	"Telegraph", "Observer", "Chronicle", "Express", "Mirror", "Standard", "Magazine", "Radio", "Television",
	"TV", "Broadcasting", "Channel", "Press", "Daily", "Wire", "Weekly", "Courier", "Mail", "Review")

// orgPrefixes begin organisation names ("Ministry of the Interior").
var orgPrefixes = setOf("Ministry", "Department", "Office", "Bureau", "Institute", "University", "Bank",
	"Council", "Commission", "Committee", "Agency", "Federation", "Union", "Court", "House", "Federal",
	"Royal", "National", "Directorate", "Centre", "Center", "Association", "Order", "Army", "Police",
	"Organisation", "Organization", "Assembly", "League")

// siteNouns name the places where attacks happen.
var siteNouns = setOf("airport", "station", "arena", "stadium", "hall", "theatre", "theater", "church",
	"cathedral", "mosque", "synagogue", "market", "cafe", "café", "restaurant", "bar", "nightclub", "club",
	"hotel", "school", "university", "museum", "embassy", "consulate", "parliament", "square", "bridge",
	"promenade", "beach", "mall", "centre", "center", "supermarket", "headquarters", "checkpoint",
	"terminal", "concert", "venue", "boulevard", "street", "avenue", "office", "offices", "base",
	"barracks", "synagogue", "temple", "park", "port", "harbour", "harbor", "festival", "metro", "subway",
	"underground", "bus", "train", "tram", "airport", "hospital", "prison", "police")

var gazetteer = buildGazetteer()

type gazIndex struct {
	exact map[string]gazEntry // surface form, exact case
	fold  map[string]gazEntry // lower-cased multiword forms
	maxN  int                 // longest form, in words
}

func buildGazetteer() *gazIndex {
	g := &gazIndex{exact: map[string]gazEntry{}, fold: map[string]gazEntry{}}
	add := func(form string, e gazEntry) {
		form = strings.TrimSpace(form)
		if form == "" {
			return
		}
		if _, ok := g.exact[form]; !ok {
			g.exact[form] = e
		}
		n := len(strings.Fields(form))
		if n > 1 {
			if _, ok := g.fold[strings.ToLower(form)]; !ok {
				g.fold[strings.ToLower(form)] = e
			}
		}
		if n > g.maxN {
			g.maxN = n
		}
	}
	// countries and regions: "Name|form…;adjective|…"
	placesWithAdjectives := func(data string, kind string) {
		for _, line := range strings.Split(data, "\n") {
			if line = strings.TrimSpace(line); line == "" {
				continue
			}
			names, adjs, _ := strings.Cut(line, ";")
			forms := strings.Split(names, "|")
			e := gazEntry{name: forms[0], typ: TypePlace, kind: kind}
			for _, f := range forms {
				add(f, e)
			}
			if adjs != "" {
				a := e
				a.adj = true
				for _, f := range strings.Split(adjs, "|") {
					add(f, a)
				}
			}
		}
	}
	placesWithAdjectives(countryData, kCountry)
	for _, line := range strings.Split(cityData, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		names, country, _ := strings.Cut(line, "@")
		forms := strings.Split(names, "|")
		e := gazEntry{name: forms[0], typ: TypePlace, kind: kCity, country: country}
		for _, f := range forms {
			add(f, e)
		}
	}
	placesWithAdjectives(regionData, kRegion)
	for _, line := range strings.Split(orgData, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) < 2 {
			continue
		}
		e := gazEntry{name: f[1], typ: TypeOrg, kind: f[0]}
		for _, form := range f[1:] {
			add(form, e)
		}
	}
	return g
}

// lookup finds a built-in entry for a surface form.
func (g *gazIndex) lookup(form string) (gazEntry, bool) {
	if e, ok := g.exact[form]; ok {
		return e, true
	}
	if strings.Contains(form, " ") {
		e, ok := g.fold[strings.ToLower(form)]
		return e, ok
	}
	return gazEntry{}, false
}

// Person titles. titleHeads can end a title ("Interior Minister"),
// titleMods only precede a head ("Interior", "Deputy").
var titleHeads = setOf("President", "Vice-President", "Minister", "Secretary", "Chancellor", "Director",
	"Chief", "Commissioner", "Prosecutor", "General", "Gen.", "Gen", "Governor", "Gov.", "Mayor", "Senator",
	"Sen.", "Rep.", "Representative", "Congressman", "Congresswoman", "King", "Queen", "Prince", "Princess",
	"Commander", "Cmdr.", "Officer", "Inspector", "Spokesman", "Spokeswoman", "Spokesperson", "Chairman",
	"Chairwoman", "Chair", "Leader", "Ambassador", "Judge", "Justice", "Pope", "Imam", "Sheikh", "Colonel",
	"Col.", "Lieutenant", "Lt.", "Major", "Maj.", "Captain", "Capt.", "Sergeant", "Sgt.", "Admiral", "Adm.",
	"Superintendent", "Supt.", "Constable", "Detective", "Det.", "Adviser", "Advisor", "Envoy", "Coordinator",
	"MP", "MEP", "Dr.", "Dr", "Prof.", "Professor", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Sir", "Dame",
	"Lord", "Lady", "Baroness", "Baron", "CEO", "Head", "Premier", "Attorney", "Magistrate", "Cardinal",
	"Bishop", "Archbishop", "Rabbi", "Father", "Brig.", "Brigadier", "Cpl.", "Corporal", "Pvt.", "Private",
	"Undersecretary", "Emir", "Ayatollah", "Mullah", "Cleric", "Deputy", "Sheriff", "Marshal",
	"Commandant", "Counsel", "Gov", "Speaker", "Secretary-General", "Director-General", "Spokesperson")

var titleMods = setOf("Vice", "Prime", "Deputy", "Interior", "Foreign", "Defence", "Defense", "Home",
	"Justice", "Finance", "Attorney", "Assistant", "Acting", "Former", "Chief", "Police", "Army", "Navy",
	"Military", "Senior", "National", "Security", "Intelligence", "Counterterrorism", "Counter-terrorism",
	"Federal", "State", "Lt.", "Maj.", "Brig.", "Lieutenant", "Major", "Brigadier", "Rear", "Supreme",
	"Executive", "Managing", "General", "Special", "Public", "Crown", "Regional", "District", "Health",
	"Economy", "Transport", "Education", "Immigration", "Labour", "Labor", "Trade", "Culture", "European",
	"Homeland", "Defense", "Energy", "Treasury", "Environment", "Agriculture", "Interior", "Principal",
	"Sen.", "Police", "Det.", "Detective", "Chief", "Metropolitan", "Commanding", "Air", "Marine", "Navy",
	"Grand", "Top", "U.S.", "Anti-terror", "Anti-terrorism", "Terrorism", "Terror")

// honorifics precede names but are not roles.
var honorifics = setOf("Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Sir", "Dame", "Prof.", "Mx")

// ranks are military or police ranks: roles only when nothing better is known.
var ranks = setOf("Gen.", "Gen", "General", "Col.", "Colonel", "Lt.", "Lieutenant", "Maj.", "Major",
	"Capt.", "Captain", "Sgt.", "Sergeant", "Adm.", "Admiral", "Brig.", "Brigadier", "Cpl.", "Corporal",
	"Pvt.", "Private", "Cmdr.", "Commander", "Det.", "Detective", "Supt.", "Superintendent", "Constable")

// services are armed or police services that may prefix a rank
// ("Army Gen. X"): the person is affiliated with them.
var services = setOf("Army", "Navy", "Air Force", "Marine", "Marines", "Police", "Coast Guard")

// roleNouns head appositive role phrases ("X, a recruiter for Y").
var roleNouns = setOf("head", "chief", "director", "chairman", "chairwoman", "chair", "editor", "spokesman",
	"spokeswoman", "spokesperson", "minister", "officer", "official", "leader", "commander", "founder",
	"co-founder", "member", "president", "secretary", "analyst", "expert", "researcher", "fellow",
	"professor", "correspondent", "reporter", "recruiter", "cleric", "preacher", "imam", "ambassador",
	"envoy", "adviser", "advisor", "ceo", "executive", "manager", "coordinator", "prosecutor", "judge",
	"lawyer", "attorney", "governor", "mayor", "senator", "lawmaker", "deputy", "general", "colonel",
	"commissioner", "inspector", "agent", "operative", "militant", "fighter", "activist", "scholar",
	"consultant", "strategist", "historian", "journalist", "columnist", "writer", "author", "producer",
	"spokesman", "chaplain", "king", "queen", "prince", "emir", "sheikh", "mp", "mep", "councillor",
	"councilor", "superintendent", "constable", "detective", "captain", "lieutenant", "sergeant",
	"strategist", "negotiator", "diplomat", "aide", "staffer", "architect", "mastermind", "ringleader",
	"organizer", "organiser", "financier", "facilitator", "bombmaker", "propagandist", "representative",
	"partner", "owner", "boss", "head", "commandant", "premier", "chancellor", "secretary-general",
	"director-general", "undersecretary", "investigator", "specialist", "lecturer", "teacher", "student",
	"doctor", "surgeon", "engineer", "pilot", "soldier", "veteran", "trainer", "vice-president",
	"vice-chairman", "vice-chairwoman", "vice-chair", "vice-premier", "reviewer", "rapporteur", "ombudsman")

// leadNouns are role heads meaning the person leads the organisation.
var leadNouns = setOf("head", "chief", "director", "chairman", "chairwoman", "chair", "leader", "commander", "ceo",
	"president", "director-general", "secretary-general", "boss", "founder", "co-founder", "commandant",
	"emir", "premier", "chancellor", "governor", "mayor", "owner", "executive", "ringleader")

// memberNouns mean membership ("a recruiter for Y", "chief cleric to Y").
var memberNouns = setOf("member", "recruiter", "cleric", "preacher", "fighter", "militant", "operative",
	"commander", "propagandist", "financier", "facilitator", "bombmaker", "spokesman", "spokesperson",
	"ideologue", "mastermind", "soldier", "emir", "ringleader", "supporter")

// firstNames is a small list of common given names (English, European,
// Arabic), used to split a title from a name ("Director of National
// Intelligence James Clapper") and to recognise people.
var firstNames = setOf(strings.Fields(`
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony
Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan
Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander
Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle
Walter Ethan Jeremy Harold Keith Christian Roger Noah Gerald Carl Terry Sean Austin Arthur Lawrence
Jesse Dylan Bryan Joe Jordan Billy Bruce Albert Willie Gabriel Logan Alan Juan Wayne Roy Ralph Randy
Eugene Vincent Russell Elijah Louis Bobby Philip Johnny Barack Hillary Bill Mike Jim Tom Tony Nick Rex
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret
Sandra Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca
Sharon Laura Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole Emma Samantha
Katherine Christine Debra Rachel Catherine Carolyn Janet Ruth Maria Heather Diane Virginia Julie Joyce
Victoria Olivia Kelly Christina Lauren Joan Evelyn Judith Megan Cheryl Andrea Hannah Martha Jacqueline
Frances Gloria Ann Teresa Kathryn Sara Janice Jean Alice Madison Doris Abigail Julia Judy Grace Denise
Amber Marilyn Beverly Danielle Theresa Sophia Marie Diana Brittany Natalie Isabella Charlotte Rose
Alexis Kayla Theresa Angela Theresa Amber Boris Theresa Nicola Priti Sadiq Amber Rishi Keir Yvette
Emmanuel Francois François Nicolas Manuel Jean-Claude Jean-Marc Jean-Yves Jean-Pierre Francois Gerard
Gérard Bernard Christophe Pierre Jacques Michel Philippe Alain Claude Laurent Olivier Sebastien Sébastien
Thierry Eric Marine Segolene Ségolène Anne Marine Christiane Rachida Angela Horst Thomas Wolfgang Olaf
Heiko Ursula Frank-Walter Hans Jürgen Jurgen Klaus Helmut Gerhard Matteo Marco Giuseppe Giovanni Luigi
Paolo Sergio Angelino Marco Mario Silvio Giorgia Roberto Alessandro Francesco Antonio Luca Andrea
Carlo Mariano Pedro Pablo Jose José Luis Carlos Miguel Javier Juan Alfonso Fernando Alberto Charles
Jan Lars Stefan Stefan Mats Anders Magnus Erik Sven Johan Stefan Karl Frederik Mette Viktor Recep
Vladimir Dmitry Sergei Sergey Alexei Alexey Petro Volodymyr Viktor Mohammed Muhammad Mohamed Mohammad
Ahmed Ahmad Ali Omar Umar Abdul Abdel Abdullah Abdelhamid Abdelkader Hassan Hussein Husain Ibrahim Ismail
Khalid Khaled Mahmoud Mustafa Mostafa Osama Youssef Yusuf Yousef Salah Salman Tariq Hamza Bilal Karim
Rachid Said Saïd Samir Nabil Amir Anis Adel Nasser Ayman Turki Abu Bakr Reda Brahim Chérif Cherif Amedy
Mohamed Najim Khalid Ibrahim Youssouf Hasna Fatima Aisha Aicha Khadija Salman Rashid Faisal Nawaz
Narendra Imran Shinzo Xi Justin Malcolm Scott Jacinda Theresa Boris Amber Ben Sam Max Alex Chris Dan
Matt Steve Rob Bob Ted Nancy Chuck Lindsey Marco Rand Kamala Joe Jill Antony Lloyd Merrick Alejandro
Christopher Kirstjen Rex Jeff Jeh Janet Loretta Eric Leon Ash Rudy Rudolph Keith Andrew
Ahmad Scott Paul Matthew Neil Cressida Mark Ken Bernard Hugh Sajid Priti Amber
Gilles Francois Patrick Luc Jan Charles Sophie Didier Yves Gilles Hubert Henri Louis Marc Guy Rik
Rik Elio Geert Bart Koen Jan Dirk Wim Piet Mark Mariano Cristina Soraya Ada Manuela Carles
Gabriele Jeroen Ahmed Boualem Hamid Kamel Mehdi Nordine Ismaël Ismael Omar Oussama Younes
`)...)
