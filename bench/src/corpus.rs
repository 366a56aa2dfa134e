//! A synthetic corpus for benchmarks, deterministic from a seed: raw text
//! dumps in the seeds' format (several articles per file, headlines, French
//! prose dates, persons with titles in varied casing and spelling, countries
//! by name, adjective and capital, issuer tags, page chrome, exact copies and
//! rewordings of one event; about 2 KB per article), and `truth.jsonl`, what
//! was put in, in the scorer's gold format, so extraction can be scored at
//! scale.
//!
//! Each event draws its own sentences, topics and people. A rewording keeps
//! most of its event's sentences; a rewording by another source (a loose one)
//! keeps half and writes the rest in its own words. A twin is another event
//! of the same day told in the same words with other participants (the same
//! minister receiving two ambassadors): it must not be grouped with the
//! first. `truth.jsonl` gives each article its event, so grouping is scored
//! pair by pair.

use std::collections::VecDeque;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;
use time::{Date, Duration, Month};

use communiques::domain::french::{month_name, weekday_name};
use communiques::domain::text::fold;

/// A small deterministic generator (an LCG, high bits): the same corpus on
/// every machine for the same seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 17
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    /// `k` distinct indices below `n`, in random order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k.min(n) {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k.min(n));
        all
    }
}

const GIVEN_M: &[&str] = &[
    "Moussa",
    "Amadou",
    "Ibrahim",
    "Oumar",
    "Boubacar",
    "Seydou",
    "Hamadoun",
    "Mamadou",
    "Souleymane",
    "Adama",
    "Bakary",
    "Salif",
    "Kalifa",
    "Modibo",
    "Youssouf",
    "Cheick Oumar",
    "Lassana",
    "Abdoulaye",
    "Sékou",
    "Tiéman",
];
const GIVEN_F: &[&str] = &[
    "Fatoumata",
    "Aminata",
    "Mariam",
    "Kadiatou",
    "Aïssata",
    "Djénéba",
    "Assétou",
    "Oumou",
    "Rokia",
    "Nana",
];
const FAMILY: &[&str] = &[
    "Traoré",
    "Diarra",
    "Coulibaly",
    "Keïta",
    "Touré",
    "Sangaré",
    "Dembélé",
    "Konaté",
    "Sidibé",
    "Maïga",
    "Cissé",
    "Diallo",
    "Koné",
    "Dicko",
    "Sissoko",
    "Kanté",
    "Samaké",
    "Bagayoko",
    "Doumbia",
    "Tangara",
    "Fofana",
    "Camara",
    "Guindo",
    "Haïdara",
    "Kouyaté",
    "Ballo",
    "Djiré",
    "Goïta",
    "Togola",
    "Sacko",
];
/// Offices of the Malian side, as written after "Le".
const OFFICES: &[&str] = &[
    "Ministre des Affaires étrangères et de la Coopération internationale",
    "Ministre de l’Économie et des Finances",
    "Ministre de la Santé et du Développement social",
    "Ministre de l’Éducation nationale",
    "Ministre des Mines",
    "Ministre de l’Énergie et de l’Eau",
    "Ministre de l’Agriculture",
    "Ministre de la Jeunesse et des Sports",
    "Ministre des Transports et des Infrastructures",
    "Ministre de l’Enseignement supérieur et de la Recherche scientifique",
    "Ministre de l’Environnement, de l’Assainissement et du Développement durable",
    "Ministre de la Culture, de l’Artisanat et du Tourisme",
    "Secrétaire général du Ministère des Affaires étrangères",
];
/// Local officials present at domestic events, as written after "du".
const LOCAL_OFFICES: &[&str] = &[
    "Gouverneur de la Région de Ségou",
    "Gouverneur de la Région de Sikasso",
    "Gouverneur de la Région de Kayes",
    "Maire de la Commune IV du District de Bamako",
    "Président du Conseil régional de Mopti",
    "Préfet du Cercle de Koutiala",
];

/// A partner country, with the forms the prose needs.
struct Partner {
    code: &'static str,
    /// Usual name with its article: "la Russie".
    name: &'static str,
    /// Long form after "de": "de la Fédération de Russie".
    of_long: &'static str,
    /// Adjective, masculine singular.
    adjective: &'static str,
    capital: &'static str,
    /// "en Russie", "au Sénégal".
    into: &'static str,
    envoys: &'static [(&'static str, &'static str)],
}

const PARTNERS: &[Partner] = &[
    Partner {
        code: "RU",
        name: "la Russie",
        of_long: "de la Fédération de Russie",
        adjective: "russe",
        capital: "Moscou",
        into: "en Russie",
        envoys: &[("Igor", "Gromov"), ("Alexeï", "Volkov")],
    },
    Partner {
        code: "CN",
        name: "la Chine",
        of_long: "de la République populaire de Chine",
        adjective: "chinois",
        capital: "Pékin",
        into: "en Chine",
        envoys: &[("Chen", "Zhihong"), ("Liu", "Weiming")],
    },
    Partner {
        code: "FR",
        name: "la France",
        of_long: "de la République française",
        adjective: "français",
        capital: "Paris",
        into: "en France",
        envoys: &[("Claire", "Dubois"), ("Étienne", "Marchand")],
    },
    Partner {
        code: "SN",
        name: "le Sénégal",
        of_long: "de la République du Sénégal",
        adjective: "sénégalais",
        capital: "Dakar",
        into: "au Sénégal",
        envoys: &[("Cheikh", "Ndiaye"), ("Aliou", "Faye")],
    },
    Partner {
        code: "TR",
        name: "la Turquie",
        of_long: "de la République de Turquie",
        adjective: "turc",
        capital: "Ankara",
        into: "en Turquie",
        envoys: &[("Mehmet", "Yilmaz"), ("Ayşe", "Kaya")],
    },
    Partner {
        code: "MA",
        name: "le Maroc",
        of_long: "du Royaume du Maroc",
        adjective: "marocain",
        capital: "Rabat",
        into: "au Maroc",
        envoys: &[("Karim", "Bennani"), ("Hassan", "Alaoui")],
    },
    Partner {
        code: "JP",
        name: "le Japon",
        of_long: "du Japon",
        adjective: "japonais",
        capital: "Tokyo",
        into: "au Japon",
        envoys: &[("Kenji", "Sato"), ("Hiroshi", "Tanaka")],
    },
    Partner {
        code: "DE",
        name: "l’Allemagne",
        of_long: "de la République fédérale d’Allemagne",
        adjective: "allemand",
        capital: "Berlin",
        into: "en Allemagne",
        envoys: &[("Jonas", "Becker"), ("Katrin", "Wolff")],
    },
    Partner {
        code: "IN",
        name: "l’Inde",
        of_long: "de la République de l’Inde",
        adjective: "indien",
        capital: "New Delhi",
        into: "en Inde",
        envoys: &[("Rahul", "Mehta"), ("Anjali", "Rao")],
    },
    Partner {
        code: "DZ",
        name: "l’Algérie",
        of_long: "de la République algérienne démocratique et populaire",
        adjective: "algérien",
        capital: "Alger",
        into: "en Algérie",
        envoys: &[("Djamel", "Benali"), ("Nadia", "Kaci")],
    },
    Partner {
        code: "GH",
        name: "le Ghana",
        of_long: "de la République du Ghana",
        adjective: "ghanéen",
        capital: "Accra",
        into: "au Ghana",
        envoys: &[("Kwame", "Mensah"), ("Ama", "Owusu")],
    },
    Partner {
        code: "QA",
        name: "le Qatar",
        of_long: "de l’État du Qatar",
        adjective: "qatari",
        capital: "Doha",
        into: "au Qatar",
        envoys: &[("Khalid", "Al-Thani"), ("Fahad", "Al-Kuwari")],
    },
    Partner {
        code: "IR",
        name: "l’Iran",
        of_long: "de la République islamique d’Iran",
        adjective: "iranien",
        capital: "Téhéran",
        into: "en Iran",
        envoys: &[("Reza", "Karimi"), ("Ali", "Moradi")],
    },
    Partner {
        code: "CA",
        name: "le Canada",
        of_long: "du Canada",
        adjective: "canadien",
        capital: "Ottawa",
        into: "au Canada",
        envoys: &[("Julie", "Tremblay"), ("Marc", "Gagnon")],
    },
    Partner {
        code: "EG",
        name: "l’Égypte",
        of_long: "de la République arabe d’Égypte",
        adjective: "égyptien",
        capital: "Le Caire",
        into: "en Égypte",
        envoys: &[("Ahmed", "Farouk"), ("Mona", "Hamdy")],
    },
    Partner {
        code: "IT",
        name: "l’Italie",
        of_long: "de la République italienne",
        adjective: "italien",
        capital: "Rome",
        into: "en Italie",
        envoys: &[("Giulia", "Romano"), ("Marco", "Ricci")],
    },
];

/// Fields of cooperation; each event draws three.
const TOPICS: &[&str] = &[
    "santé publique",
    "éducation de base",
    "énergie solaire",
    "hydraulique villageoise",
    "infrastructures routières",
    "formation professionnelle",
    "agriculture irriguée",
    "élevage pastoral",
    "pêche continentale",
    "exploitation minière",
    "économie numérique",
    "promotion culturelle",
    "sport scolaire",
    "sécurité alimentaire",
    "lutte contre le terrorisme",
    "défense nationale",
    "transport aérien",
    "transport ferroviaire",
    "enseignement supérieur",
    "recherche agronomique",
    "artisanat d’art",
    "tourisme intérieur",
    "microfinance rurale",
    "assainissement urbain",
    "protection de l’environnement",
    "reboisement",
    "gestion des déchets",
    "protection civile",
    "modernisation de l’état civil",
    "décentralisation",
    "réforme de la justice",
    "droits humains",
    "insertion des jeunes",
    "autonomisation des femmes",
    "commerce extérieur",
    "industrie textile",
    "transformation du coton",
    "logement social",
    "télécommunications",
    "météorologie",
];

/// Body sentences; `{a}`, `{b}`, `{c}` are the event's topics (after "de"),
/// `{n}` an amount, `{m}` a small number, `{t}` a town, `{who}` the Malian official's family name.
const SENTENCES: &[&str] = &[
    "Les échanges ont porté sur l’état de la coopération en matière {a}.",
    "Un accent particulier a été mis sur le financement des projets {b}.",
    "Les deux parties ont convenu de mettre en place un comité de suivi chargé {c}.",
    "Le Ministre {who} a rappelé les priorités du Gouvernement en matière {b} et {c}.",
    "Une enveloppe de {n} milliards de FCFA est annoncée au titre {a}.",
    "La séance de travail s’est déroulée dans une atmosphère cordiale, empreinte de respect mutuel.",
    "Les partenaires ont salué la résilience des populations face aux difficultés du moment.",
    "Il a été question d’élargir les programmes de bourses au profit des étudiants inscrits en filière {c}.",
    "Des missions techniques seront dépêchées dans les prochaines semaines pour évaluer les besoins {a}.",
    "Plusieurs conventions arrivées à échéance seront renouvelées, notamment celles relatives au volet {b}.",
    "Le responsable a insisté sur la nécessité d’accélérer la mise en œuvre des chantiers {a}.",
    "Les communautés rurales seront les premières bénéficiaires des actions prévues dans le volet {c}.",
    "Un atelier de validation réunira prochainement les experts des deux administrations.",
    "La délégation a visité un site pilote consacré au volet {b}, inauguré il y a {m} mois.",
    "Le calendrier des prochaines rencontres a été arrêté d’un commun accord.",
    "Les questions de gouvernance et de transparence budgétaire ont également été abordées.",
    "Le Ministre {who} a plaidé pour un transfert de compétences dans le domaine {c}.",
    "Selon les chiffres présentés, {n} jeunes diplômés ont déjà été recrutés au titre {a}.",
    "Les organisations de la société civile ont été invitées à contribuer au suivi des engagements.",
    "Un mécanisme de concertation trimestrielle permettra d’évaluer les progrès réalisés.",
    "La coopération décentralisée entre collectivités a été citée en exemple.",
    "Les difficultés d’approvisionnement en intrants ont été évoquées sans détour.",
    "Un appel a été lancé au secteur privé pour investir davantage dans la filière {b}.",
    "La rencontre a pris fin par une séance photo et un échange de présents.",
    "Des formations certifiantes seront organisées à l’intention des agents en charge {c}.",
    "Le plan d’action adopté couvre une période de {m} ans et sera révisé à mi-parcours.",
    "Les représentants des travailleurs ont exprimé leurs attentes quant au volet {a}.",
    "Le dispositif de suivi-évaluation sera renforcé grâce à une plateforme informatique dédiée.",
    "La question du foncier a été identifiée comme un préalable à tout investissement durable.",
    "Les intervenants ont souligné l’importance de la mobilisation des ressources intérieures.",
    "Une campagne de sensibilisation accompagnera le lancement des activités prévues.",
    "Le rapport final sera transmis au Conseil des Ministres avant la fin du trimestre.",
    "Les acteurs locaux ont salué une démarche inclusive et participative.",
    "Des indicateurs précis permettront de mesurer l’impact des investissements consentis.",
    "Les équipes techniques se retrouveront dans {m} jours pour finaliser les documents.",
    "La pérennité des acquis passe par l’appropriation des projets par les bénéficiaires.",
    "Les travaux du barrage de {t} devraient reprendre avant la prochaine saison des pluies.",
    "Une unité de transformation sera installée à {t} pour valoriser la production locale.",
    "Les producteurs de {t} attendent depuis longtemps la réhabilitation de la piste rurale.",
    "Le centre de santé communautaire de {t} sera équipé d’un bloc opératoire moderne.",
    "Un lycée technique ouvrira ses portes à {t} à la prochaine rentrée scolaire.",
    "La mairie de {t} a mis à disposition un terrain de dix hectares.",
    "Les femmes maraîchères de {t} bénéficieront de semences améliorées et de motopompes.",
    "Un forage à gros débit alimentera bientôt les quartiers périphériques de {t}.",
    "Les éleveurs transhumants de la zone de {t} disposeront de nouveaux couloirs de passage.",
    "La centrale hybride de {t} fournira l’électricité à plusieurs milliers de ménages.",
    "Les jeunes diplômés de {t} seront accompagnés par un incubateur d’entreprises.",
    "Une brigade mobile de l’état civil sillonnera les villages autour de {t}.",
    "Le marché à bétail de {t} sera reconstruit selon les normes sanitaires.",
    "Des bibliothèques numériques seront ouvertes dans les collèges de {t}.",
    "Le pont reliant {t} à la route nationale fera l’objet d’une étude géotechnique.",
    "Les artisans de {t} exposeront leurs créations lors de la prochaine foire internationale.",
    "Un laboratoire d’analyses des sols a été promis aux coopératives agricoles.",
    "La numérisation des archives administratives figure parmi les chantiers retenus.",
    "Le président de séance a remercié les interprètes et le personnel du protocole.",
    "Un fonds de garantie facilitera l’accès au crédit des petites et moyennes entreprises.",
    "La presse nationale a été conviée à la cérémonie de clôture.",
    "Les bourses d’excellence seront attribuées sur concours dès la session prochaine.",
    "Une caravane de sensibilisation parcourra les foires hebdomadaires de la région.",
    "Les chefs coutumiers et religieux ont apporté leur bénédiction à l’initiative.",
    "Le chronogramme prévoit une première évaluation conjointe au bout de six mois.",
    "Les membres de la délégation ont visité le musée national dans l’après-midi.",
    "Un protocole d’entente sur la formation des magistrats est en cours de finalisation.",
    "Des ambulances médicalisées seront livrées aux districts sanitaires les plus enclavés.",
];

/// Towns where projects are sited; each event draws one.
const TOWNS: &[&str] = &[
    "Kayes",
    "Koulikoro",
    "Sikasso",
    "Ségou",
    "Mopti",
    "Tombouctou",
    "Gao",
    "Kidal",
    "Bougouni",
    "Koutiala",
    "San",
    "Djenné",
    "Bandiagara",
    "Douentza",
    "Nioro du Sahel",
    "Kita",
    "Kolokani",
    "Banamba",
    "Kangaba",
    "Yanfolila",
    "Kadiolo",
    "Yorosso",
    "Niono",
    "Macina",
    "Bla",
    "Tominian",
    "Ténenkou",
    "Youwarou",
    "Diré",
    "Goundam",
    "Niafunké",
    "Ansongo",
    "Bourem",
    "Ménaka",
    "Diéma",
    "Bafoulabé",
    "Kéniéba",
    "Yélimané",
    "Nara",
    "Dioïla",
];
const CLOSINGS: &[&str] = &[
    "Les deux parties se sont quittées sur une note d’optimisme quant à l’avenir des relations entre Bamako et {cap}.",
    "Le partenaire {adj} a réitéré sa disponibilité à accompagner les efforts du Gouvernement de la Transition.",
    "Rendez-vous a été pris pour une prochaine session de la commission mixte à {cap}.",
    "Le diplomate {adj} a salué l’accueil chaleureux réservé à sa délégation.",
];

const ISSUERS: &[&str] = &[
    "PRÉSIDENCE",
    "PRIMATURE",
    "MAECI",
    "BIP/MAECI",
    "CCRP PRÉSIDENCE",
    "CCOM/MEF",
];
const CHROME_HEAD: &[&str] = &[
    "• Accueil",
    "• Politique",
    "• Économie",
    "• Société",
    "Aucun résultat",
    "Afficher tous les résultats",
];

/// What the corpus holds for one article, in the scorer's gold format.
#[derive(Debug, Clone, Serialize)]
pub struct Truth {
    pub file: String,
    pub order: usize,
    pub title: String,
    pub first_words: String,
    pub date: String,
    pub issuer: String,
    pub persons: Vec<String>,
    pub partner_countries_strict: Vec<String>,
    pub countries_mentioned: Vec<String>,
    /// "exact" for a verbatim copy of an earlier article, "version" for a
    /// rewording of an earlier event, absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate: Option<&'static str>,
    /// The event reported: copies and rewordings share it; a twin (another
    /// event of the same day told in the same words, with other
    /// participants) has its own.
    pub event: u64,
}

/// How many articles of each kind a run wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Generated {
    pub files: usize,
    pub articles: usize,
    pub exact_copies: usize,
    pub rewordings: usize,
    /// Rewordings by another source: few sentences in common with the event's
    /// first report.
    pub loose_rewordings: usize,
    /// Other events of the same day drawn from one event's words, with other
    /// participants.
    pub twins: usize,
}

#[derive(Clone)]
struct Person {
    given: &'static str,
    family: &'static str,
    female: bool,
}

impl Person {
    fn draw(rng: &mut Rng) -> Self {
        let female = rng.chance(25);
        Self {
            given: if female {
                *rng.pick(GIVEN_F)
            } else {
                *rng.pick(GIVEN_M)
            },
            family: *rng.pick(FAMILY),
            female,
        }
    }
    fn name(&self) -> String {
        format!("{} {}", self.given, self.family)
    }
    fn honorific(&self) -> &'static str {
        if self.female { "Mme" } else { "M." }
    }
    /// The name as a page writes it: family name in capitals (sometimes
    /// without its accents) or as written.
    fn written(&self, rng: &mut Rng) -> String {
        let family = match rng.below(3) {
            0 => self.family.to_uppercase(),
            1 => fold_keep_case(self.family).to_uppercase(),
            _ => self.family.to_owned(),
        };
        format!("{} {family}", self.given)
    }
}

/// Accents dropped, case kept ("Traoré" → "Traore").
fn fold_keep_case(s: &str) -> String {
    s.chars()
        .map(|c| {
            let f = fold(&c.to_string());
            if c.is_uppercase() {
                f.to_uppercase()
            } else {
                f
            }
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A foreign envoy received in Bamako.
    Audience,
    /// The official received abroad by a counterpart.
    Visit,
    /// An agreement signed with the partner's ambassador.
    Agreement,
    /// A domestic event: no partner country.
    Domestic,
}

#[derive(Clone)]
struct Event {
    id: u64,
    date: Date,
    kind: Kind,
    official: Person,
    office: &'static str,
    partner: usize,
    envoy: Person,
    local_office: &'static str,
    topics: [&'static str; 3],
    sentences: Vec<usize>,
    amount: u32,
    town: &'static str,
    closing: &'static str,
}

impl Event {
    fn draw(rng: &mut Rng, first_day: Date, days: usize) -> Self {
        let kind = match rng.below(10) {
            0..=3 => Kind::Audience,
            4 | 5 => Kind::Visit,
            6 | 7 => Kind::Agreement,
            _ => Kind::Domestic,
        };
        let partner = rng.below(PARTNERS.len());
        let (given, family) = *rng.pick(PARTNERS[partner].envoys);
        let topics = rng.sample(TOPICS.len(), 3);
        Self {
            id: 0,
            date: first_day + Duration::days(rng.below(days) as i64),
            kind,
            official: Person::draw(rng),
            office: *rng.pick(OFFICES),
            partner,
            envoy: Person {
                given,
                family,
                female: false,
            },
            local_office: *rng.pick(LOCAL_OFFICES),
            topics: [TOPICS[topics[0]], TOPICS[topics[1]], TOPICS[topics[2]]],
            sentences: {
                let k = 7 + rng.below(4);
                rng.sample(SENTENCES.len(), k)
            },
            amount: 2 + rng.below(400) as u32,
            town: *rng.pick(TOWNS),
            closing: *rng.pick(CLOSINGS),
        }
    }

    /// Another event of the same day in the same words: the same office
    /// and sentences, other participants (another country and envoy; for a
    /// domestic event, another official).
    fn twin(&self, rng: &mut Rng, id: u64) -> Self {
        let mut twin = self.clone();
        twin.id = id;
        if self.kind == Kind::Domestic {
            while twin.official.family == self.official.family {
                twin.official = Person::draw(rng);
            }
        } else {
            while twin.partner == self.partner {
                twin.partner = rng.below(PARTNERS.len());
            }
            let (given, family) = *rng.pick(PARTNERS[twin.partner].envoys);
            twin.envoy = Person {
                given,
                family,
                female: false,
            };
        }
        twin
    }

    /// The event as another source tells it: half its sentences replaced by
    /// others of the source's own.
    fn retold(&self, rng: &mut Rng) -> Self {
        let mut retold = self.clone();
        let keep = retold.sentences.len() / 2;
        retold.sentences.truncate(keep);
        while retold.sentences.len() < self.sentences.len() {
            let s = rng.below(SENTENCES.len());
            if !retold.sentences.contains(&s) && !self.sentences.contains(&s) {
                retold.sentences.push(s);
            }
        }
        retold
    }

    fn persons(&self) -> Vec<String> {
        let mut persons = vec![self.official.name()];
        if self.kind != Kind::Domestic {
            persons.push(self.envoy.name());
        }
        persons
    }
}

/// "de la santé" → "de santé publique", "d’éducation de base".
fn of(topic: &str) -> String {
    let first = topic.chars().next().map(|c| fold(&c.to_string()));
    let starts_with_vowel = first.is_some_and(|c| !c.is_empty() && "aeiouyh".contains(c.as_str()));
    if starts_with_vowel {
        format!("d’{topic}")
    } else {
        format!("de {topic}")
    }
}

fn date_phrase(rng: &mut Rng, date: Date) -> String {
    let day = match date.day() {
        1 => "1er".to_owned(),
        d => d.to_string(),
    };
    let month = month_name(date.month());
    if rng.chance(70) {
        format!(
            "ce {} {day} {month} {}",
            weekday_name(date.weekday()),
            date.year()
        )
    } else {
        format!("le {day} {month} {}", date.year())
    }
}

/// One article of an event: (headline, body, first words of the body).
fn render(rng: &mut Rng, e: &Event, reworded: bool) -> (String, String) {
    let p = &PARTNERS[e.partner];
    let official = e.official.written(rng);
    let envoy = e.envoy.written(rng);
    let when = date_phrase(rng, e.date);
    let short_office = e.office.split(" de").next().unwrap_or(e.office);
    let h = e.official.honorific();
    let title = match (e.kind, reworded) {
        (Kind::Audience, false) => format!(
            "Audience : le {} reçoit l’Ambassadeur {} au Mali",
            e.office, p.of_long
        ),
        (Kind::Audience, true) => format!(
            "Coopération Mali – {} : le {short_office} {} s’entretient avec le diplomate {}",
            strip_article(p.name),
            e.official.family,
            p.adjective
        ),
        (Kind::Visit, false) => format!(
            "Visite de travail {} : le {} reçu par son homologue {}",
            p.into, e.office, p.adjective
        ),
        (Kind::Visit, true) => format!(
            "{} : séjour de travail du {short_office} {} à {}",
            capitalize(strip_article(p.name)),
            e.official.family,
            p.capital
        ),
        (Kind::Agreement, false) => format!(
            "Signature d’un accord de financement entre le Mali et {} pour le secteur {}",
            p.name,
            of(e.topics[0])
        ),
        (Kind::Agreement, true) => format!(
            "Mali – {} : {} milliards de FCFA pour le secteur {}",
            capitalize(strip_article(p.name)),
            e.amount,
            of(e.topics[0])
        ),
        (Kind::Domestic, false) => format!(
            "Lancement d’un programme national {} par le {}",
            of(e.topics[0]),
            e.office
        ),
        (Kind::Domestic, true) => format!(
            "Programme national {} : le {short_office} {} donne le coup d’envoi",
            of(e.topics[0]),
            e.official.family
        ),
    };
    let opening = match e.kind {
        Kind::Audience => format!(
            "Le {}, {h} {official}, a reçu en audience {when}, S.E. {envoy}, Ambassadeur {} au Mali. Les échanges ont porté sur les relations entre le Mali et {}, notamment en matière {} et {}.",
            e.office,
            p.of_long,
            p.name,
            of(e.topics[0]),
            of(e.topics[1])
        ),
        Kind::Visit => format!(
            "Le {}, {h} {official}, a été {} {when} à {} par son homologue {}, M. {envoy}. La visite visait à consolider la coopération entre le Mali et {} en matière {}.",
            e.office,
            if e.official.female { "reçue" } else { "reçu" },
            p.capital,
            p.adjective,
            p.name,
            of(e.topics[0])
        ),
        Kind::Agreement => format!(
            "Le {}, {h} {official}, et l’Ambassadeur {} au Mali, S.E. {envoy}, ont signé {when} à Bamako un accord de financement de {} milliards de FCFA destiné au secteur {}.",
            e.office,
            p.of_long,
            e.amount,
            of(e.topics[0])
        ),
        Kind::Domestic => format!(
            "Le {}, {h} {official}, a procédé {when} au lancement du programme national {}, en présence du {}. Ce programme complète les actions déjà engagées en matière {}.",
            e.office,
            of(e.topics[0]),
            e.local_office,
            of(e.topics[1])
        ),
    };
    let mut chosen = e.sentences.clone();
    if reworded {
        // Another report of the event: its own order, one sentence fewer.
        chosen.reverse();
        chosen.pop();
    }
    let fill = |s: &str| {
        s.replace("{a}", &of(e.topics[0]))
            .replace("{b}", &of(e.topics[1]))
            .replace("{c}", &of(e.topics[2]))
            .replace("{n}", &e.amount.to_string())
            .replace("{m}", &(2 + e.amount % 11).to_string())
            .replace("{t}", e.town)
            .replace("{who}", &fold_keep_case(e.official.family).to_uppercase())
    };
    let mut paragraphs = vec![opening];
    for chunk in chosen.chunks(4) {
        let sentences: Vec<String> = chunk.iter().map(|&i| fill(SENTENCES[i])).collect();
        paragraphs.push(sentences.join(" "));
    }
    if e.kind != Kind::Domestic {
        paragraphs.push(
            e.closing
                .replace("{cap}", p.capital)
                .replace("{adj}", p.adjective),
        );
    }
    (title, paragraphs.join("\n"))
}

fn strip_article(name: &str) -> &str {
    name.strip_prefix("la ")
        .or_else(|| name.strip_prefix("le "))
        .or_else(|| name.strip_prefix("l’"))
        .unwrap_or(name)
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How far back exact copies and rewordings reach: bounded, so the generator's
/// memory does not grow with the corpus.
const MEMORY: usize = 20_000;

/// Writes `articles` articles into `out` (files of 5 to 12 articles, named
/// `corpus_NNNNNN.txt`) and `truth.jsonl`. Dates run from 1995 to mid-2026.
pub fn generate(articles: usize, seed: u64, out: &Path) -> io::Result<Generated> {
    generate_over(articles, seed, None, out)
}

/// `generate`, the dates over the last `days` days up to mid-2026 when
/// given (dense days: `articles / days` a day), else from 1995.
pub fn generate_over(
    articles: usize,
    seed: u64,
    days: Option<usize>,
    out: &Path,
) -> io::Result<Generated> {
    fs::create_dir_all(out)?;
    let mut rng = Rng::new(seed);
    let mut truth = io::BufWriter::new(fs::File::create(out.join("truth.jsonl"))?);
    let last_day = Date::from_calendar_date(2026, Month::June, 30).map_err(io::Error::other)?;
    let first_day = match days {
        Some(days) => last_day - Duration::days(days.max(1) as i64 - 1),
        None => Date::from_calendar_date(1995, Month::January, 1).map_err(io::Error::other)?,
    };
    let days = (last_day - first_day).whole_days() as usize + 1;
    let mut copies: VecDeque<(String, Truth)> = VecDeque::new();
    let mut events: VecDeque<Event> = VecDeque::new();
    let mut done = Generated::default();
    let mut next_event: u64 = 0;
    let mut text = String::new();
    while done.articles < articles {
        let name = format!("corpus_{:06}.txt", done.files);
        text.clear();
        if rng.chance(40) {
            for line in CHROME_HEAD {
                text.push_str(line);
                text.push('\n');
            }
            text.push('\n');
        }
        let per_file = (5 + rng.below(8)).min(articles - done.articles);
        for order in 0..per_file {
            let (article, t) = if !copies.is_empty() && rng.chance(2) {
                let (article, earlier) = &copies[rng.below(copies.len())];
                done.exact_copies += 1;
                let t = Truth {
                    file: name.clone(),
                    order,
                    duplicate: Some("exact"),
                    ..earlier.clone()
                };
                (article.clone(), t)
            } else {
                let reworded = !events.is_empty() && rng.chance(3);
                let twin = !reworded && !events.is_empty() && rng.chance(4);
                let event = if reworded {
                    done.rewordings += 1;
                    let earlier = &events[rng.below(events.len())];
                    if rng.chance(50) {
                        done.loose_rewordings += 1;
                        earlier.retold(&mut rng)
                    } else {
                        earlier.clone()
                    }
                } else if twin {
                    done.twins += 1;
                    next_event += 1;
                    let earlier = events[rng.below(events.len())].clone();
                    earlier.twin(&mut rng, next_event)
                } else {
                    next_event += 1;
                    Event {
                        id: next_event,
                        ..Event::draw(&mut rng, first_day, days)
                    }
                };
                let issuer = *rng.pick(ISSUERS);
                let (title, body) = render(&mut rng, &event, reworded);
                let p = &PARTNERS[event.partner];
                let partners = if event.kind == Kind::Domestic {
                    vec![]
                } else {
                    vec![p.code.to_owned()]
                };
                let t = Truth {
                    file: name.clone(),
                    order,
                    first_words: body
                        .split_whitespace()
                        .take(12)
                        .collect::<Vec<_>>()
                        .join(" "),
                    title: title.clone(),
                    date: event.date.to_string(),
                    issuer: issuer.to_owned(),
                    persons: event.persons(),
                    countries_mentioned: partners.clone(),
                    partner_countries_strict: partners,
                    duplicate: reworded.then_some("version"),
                    event: event.id,
                };
                if !reworded {
                    events.push_back(event);
                    if events.len() > MEMORY {
                        events.pop_front();
                    }
                }
                (format!("{title}\n\n{body} {issuer}\n"), t)
            };
            text.push_str(&article);
            text.push('\n');
            if rng.chance(20) {
                text.push_str("Partager\n\n");
            }
            serde_json::to_writer(&mut truth, &t)?;
            truth.write_all(b"\n")?;
            if t.duplicate.is_none() {
                copies.push_back((article, t));
                if copies.len() > MEMORY {
                    copies.pop_front();
                }
            }
            done.articles += 1;
        }
        if rng.chance(50) {
            text.push_str("Mots clés : coopération, diplomatie\n© Tous droits réservés\n");
        }
        fs::write(out.join(&name), &text)?;
        done.files += 1;
    }
    truth.flush()?;
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elision_before_vowels_and_mute_h() {
        assert_eq!(of("santé publique"), "de santé publique");
        assert_eq!(of("éducation de base"), "d’éducation de base");
        assert_eq!(of("hydraulique villageoise"), "d’hydraulique villageoise");
        assert_eq!(of("insertion des jeunes"), "d’insertion des jeunes");
    }

    #[test]
    fn accents_fold_but_case_stays() {
        assert_eq!(fold_keep_case("Traoré"), "Traore");
        assert_eq!(fold_keep_case("Keïta").to_uppercase(), "KEITA");
    }
}
