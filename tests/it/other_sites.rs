//! Dumps written for these tests in the style of other sites than the seeds'
//! (a press site with comments and social buttons, a ministry's list of
//! communiqués saved as Windows-1252 with CRLF, back-to-back press items), so
//! the rules are judged on text they were not written from.

use std::path::Path;

use communiques::ingest::parse_path;
use tempfile::TempDir;

struct Want {
    title: Option<&'static str>,
    date: Option<&'static str>,
    issuer: Option<&'static str>,
    starts: &'static str,
    ends: &'static str,
}

/// Persons and (country, role) of each article of a file.
type Entities = Vec<(Vec<String>, Vec<(String, &'static str)>)>;

fn entities(path: &Path) -> Entities {
    parse_path(path)
        .unwrap()
        .articles
        .iter()
        .map(|a| {
            (
                a.persons.iter().map(|p| p.name.clone()).collect(),
                a.countries
                    .iter()
                    .map(|c| (c.code.to_string(), c.role.as_str()))
                    .collect(),
            )
        })
        .collect()
}

fn own(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| (*s).to_owned()).collect()
}

fn check(path: &Path, want: &[Want], banned: &[&str]) {
    let parsed = parse_path(path).unwrap_or_else(|e| panic!("{e}"));
    if std::env::var_os("SHOW_ENTITIES").is_some() {
        for a in &parsed.articles {
            let persons: Vec<_> = a.persons.iter().map(|p| (&p.name, &p.roles)).collect();
            let countries: Vec<_> = a.countries.iter().map(|c| (&c.code, c.role)).collect();
            eprintln!("{:?}\n  {persons:?}\n  {countries:?}", a.title);
        }
    }
    let got: Vec<_> = parsed
        .articles
        .iter()
        .map(|a| {
            (
                a.title.as_deref(),
                a.date.map(|d| d.to_string()),
                a.issuer.as_deref(),
            )
        })
        .collect();
    assert_eq!(parsed.articles.len(), want.len(), "{got:#?}");
    for (a, w) in parsed.articles.iter().zip(want) {
        assert_eq!(a.title.as_deref(), w.title);
        assert_eq!(
            a.date.map(|d| d.to_string()).as_deref(),
            w.date,
            "{:?}",
            a.title
        );
        assert_eq!(a.issuer.as_deref(), w.issuer, "{:?}", a.title);
        assert!(
            a.body.starts_with(w.starts),
            "{:?} starts {:?}",
            a.title,
            &a.body[..60]
        );
        assert!(a.body.ends_with(w.ends), "{:?} ends {:?}", a.title, a.body);
        for b in banned {
            assert!(
                !a.body.contains(b) && !a.title.as_deref().unwrap_or("").contains(b),
                "{b:?} in {:?}",
                a.title
            );
        }
    }
}

#[test]
fn a_press_page_with_comments_and_social_buttons() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("presse.txt");
    std::fs::write(
        &path,
        "Accueil\nPolitique\nÉconomie\nSport\nRechercher\n\n\
Sikasso : le ministre de la Santé inaugure le nouvel hôpital régional\n\
Par La Rédaction - 5 mars 2025\n\
Partager\nFacebook\nTwitter\nWhatsApp\n\n\
Le ministre de la Santé et du Développement social, le Colonel Assa Badiallo TOURÉ, a inauguré ce mardi 4 mars 2025 le nouvel hôpital régional de Sikasso, en présence du Gouverneur de la région.\n\n\
Construit en dix-huit mois, l’établissement compte 150 lits et un service d’urgences moderne.\n\n\
Une offre de soins renforcée\n\n\
« Cet hôpital est une réponse concrète aux attentes des populations », a déclaré la ministre, qui a salué l’appui de la Coopération allemande.\n\n\
Le directeur de l’hôpital, Dr Moussa KONÉ, a présenté les nouveaux équipements.\n\n\
Laisser un commentaire\n\
Vous devez être connecté pour publier un commentaire.\n\n\
Articles similaires\n\n\
Kayes : une nouvelle route bitumée inaugurée\n\
12 février 2025\n\n\
Mopti : la campagne de vaccination lancée\n\
3 février 2025\n\n\
© 2025 Le Journal. Tous droits réservés.\n",
    )
    .unwrap();
    check(
        &path,
        &[Want {
            title: Some("Sikasso : le ministre de la Santé inaugure le nouvel hôpital régional"),
            date: Some("2025-03-04"),
            issuer: None,
            starts: "Le ministre de la Santé et du Développement social",
            ends: "a présenté les nouveaux équipements.",
        }],
        &[
            "Partager",
            "Facebook",
            "WhatsApp",
            "Kayes",
            "commentaire",
            "Rédaction",
            "Tous droits",
        ],
    );
}

#[test]
fn a_ministry_list_of_communiques_in_windows_1252_with_crlf() {
    let text = "Communiqués du Ministère\r\n\r\n\
Signature d’un accord de financement avec la Banque mondiale\r\n\r\n\
Le Ministre de l’Économie et des Finances a signé, le vendredi 14 février 2025, avec la Représentante résidente de la Banque mondiale, un accord de financement de 150 millions de dollars destiné au secteur de l’énergie.\r\n\
Cet accord s’inscrit dans le programme de relance du secteur électrique.\r\n\
CELLULE DE COMMUNICATION/MEF\r\n\r\n\
Audience accordée à l’Ambassadeur d’Allemagne\r\n\r\n\
Le Ministre a reçu en audience, le lundi 10 février 2025, l’Ambassadeur de la République fédérale d’Allemagne au Mali. Les échanges ont porté sur la coopération financière entre les deux pays. Cellule de Communication du Ministère de l’Économie et des Finances\r\n\r\n\
Communiqué relatif au paiement des pensions\r\n\r\n\
Le Ministère informe les retraités que le paiement des pensions du premier trimestre 2025 débutera le 3 mars 2025 dans toutes les agences de la Caisse malienne de sécurité sociale.\r\n\
CCOM/MEF\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("ministere.txt");
    std::fs::write(&path, &bytes).unwrap();
    check(
        &path,
        &[
            Want {
                title: Some("Signature d’un accord de financement avec la Banque mondiale"),
                date: Some("2025-02-14"),
                issuer: Some("CELLULE DE COMMUNICATION/MEF"),
                starts: "Le Ministre de l’Économie et des Finances a signé",
                ends: "programme de relance du secteur électrique.",
            },
            Want {
                title: Some("Audience accordée à l’Ambassadeur d’Allemagne"),
                date: Some("2025-02-10"),
                issuer: Some("Cellule de Communication du Ministère de l’Économie et des Finances"),
                starts: "Le Ministre a reçu en audience",
                ends: "entre les deux pays.",
            },
            Want {
                title: Some("Communiqué relatif au paiement des pensions"),
                date: Some("2025-03-03"),
                issuer: Some("CCOM/MEF"),
                starts: "Le Ministère informe les retraités",
                ends: "Caisse malienne de sécurité sociale.",
            },
        ],
        &["Communiqués du Ministère"],
    );
    assert_eq!(
        entities(&path),
        vec![
            (vec![], vec![]),
            (vec![], vec![("DE".to_owned(), "partner")]),
            (vec![], vec![]),
        ]
    );
}

#[test]
fn back_to_back_press_items_with_a_caption() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("breves.txt");
    std::fs::write(
        &path,
        "Le Premier ministre reçoit une délégation du FMI\n\
Le Premier ministre a reçu, ce jeudi 20 mars 2025 à la Primature, une délégation du Fonds monétaire international conduite par son chef de mission pour le Mali.\n\
Les discussions ont porté sur la revue du programme économique et financier du Mali et sur les perspectives de croissance.\n\n\
Le chef de mission du FMI à sa sortie d’audience avec le Premier ministre\n\
Il a salué la qualité des échanges et la résilience de l’économie malienne.\n\n\
Lancement de la campagne agricole 2025-2026 à Ségou\n\
Le ministre de l’Agriculture a procédé, le samedi 22 mars 2025 à Ségou, au lancement officiel de la campagne agricole 2025-2026, en présence des autorités régionales et des organisations paysannes.\n\
Plus de 100 000 tonnes d’engrais seront distribuées aux producteurs.\n",
    )
    .unwrap();
    check(
        &path,
        &[
            Want {
                title: Some("Le Premier ministre reçoit une délégation du FMI"),
                date: Some("2025-03-20"),
                issuer: None,
                starts: "Le Premier ministre a reçu, ce jeudi 20 mars 2025",
                ends: "la résilience de l’économie malienne.",
            },
            Want {
                title: Some("Lancement de la campagne agricole 2025-2026 à Ségou"),
                date: Some("2025-03-22"),
                issuer: None,
                starts: "Le ministre de l’Agriculture a procédé",
                ends: "seront distribuées aux producteurs.",
            },
        ],
        &[],
    );
}

#[test]
fn false_friends_in_a_visit_of_a_neighbour() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("visite.txt");
    std::fs::write(
        &path,
        "Visite de travail de la Ministre sénégalaise des Affaires étrangères à Bamako\n\n\
Le Ministre des Affaires étrangères et de la Coopération internationale, M. Abdoulaye DIOP, a reçu ce mardi 11 mars 2025 son homologue sénégalaise, Mme Yassine FALL, en visite de travail au Mali. Les deux ministres ont passé en revue la coopération sénégalo-malienne, notamment la navigation sur le fleuve Niger et le corridor Dakar-Bamako. Mme FALL a également évoqué la situation en Guinée-Bissau et salué le soutien de la Guinée équatoriale. La délégation a visité les aménagements de l’Office du Niger à Ségou. MAECI\n",
    )
    .unwrap();
    check(
        &path,
        &[Want {
            title: Some(
                "Visite de travail de la Ministre sénégalaise des Affaires étrangères à Bamako",
            ),
            date: Some("2025-03-11"),
            issuer: Some("MAECI"),
            starts: "Le Ministre des Affaires étrangères",
            ends: "l’Office du Niger à Ségou.",
        }],
        &[],
    );
    let parsed = parse_path(&path).unwrap();
    let fall = &parsed.articles[0].persons[1];
    assert_eq!(fall.spellings, ["Yassine FALL", "FALL"]);
    assert_eq!(
        entities(&path),
        vec![(
            own(&["Abdoulaye Diop", "Yassine Fall"]),
            vec![
                ("SN".to_owned(), "partner"),
                ("GW".to_owned(), "mentioned"),
                ("GQ".to_owned(), "mentioned"),
            ]
        )]
    );
}
