//! Versions of one event: different reports (presidency, press) of the same
//! meeting on the same day are grouped, listed once, and link to each other.
//! Exact duplicates need no code here: they share a content hash, and the store
//! keeps one communiqué with several sources.

use super::similarity::Signature;

/// Two reports of one date are one event when this share of the shorter one's
/// content words is in the other. Measured on the seeds (title + body): the two
/// reports of the Moscow meeting share 0.93; the two audiences of the Prime
/// Minister on 8 January 2026 share 0.37, and no pair of different events, of
/// any dates, shares more than 0.41. The threshold sits well clear of both.
pub const SAME_EVENT_OVERLAP: f64 = 0.55;

/// What grouping compares of a communiqué: the words of its title and body.
pub fn signature(title: Option<&str>, body: &str) -> Signature {
    Signature::of(&format!("{}\n{}", title.unwrap_or_default(), body))
}

/// A communiqué as the grouping sees it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: i64,
    pub slug: String,
    /// Of title and body.
    pub words: Signature,
    pub body_chars: usize,
}

/// Groups same-day communiqués that report one event. Returns, for each
/// candidate, the id of its group's representative: the most complete report
/// (longest body), ties broken by slug, so the choice depends on content only.
pub fn group(candidates: &[Candidate]) -> Vec<(i64, i64)> {
    let n = candidates.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (root(&mut parent, i), root(&mut parent, j));
            // Already one group: nothing to learn from this pair.
            if a != b
                && candidates[i]
                    .words
                    .overlaps_at_least(&candidates[j].words, SAME_EVENT_OVERLAP)
            {
                parent[a] = b;
            }
        }
    }
    let mut best: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let r = root(&mut parent, i);
        let better = match best[r] {
            None => true,
            Some(b) => {
                let (ci, cb) = (&candidates[i], &candidates[b]);
                (ci.body_chars, std::cmp::Reverse(&ci.slug))
                    > (cb.body_chars, std::cmp::Reverse(&cb.slug))
            }
        };
        if better {
            best[r] = Some(i);
        }
    }
    (0..n)
        .map(|i| {
            let r = root(&mut parent, i);
            let rep = best[r].expect("every root has a representative");
            (candidates[i].id, candidates[rep].id)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i64, slug: &str, text: &str) -> Candidate {
        Candidate {
            id,
            slug: slug.to_owned(),
            words: Signature::of(text),
            body_chars: text.len(),
        }
    }

    #[test]
    fn groups_reports_of_one_event_and_keeps_others_apart() {
        let a = c(
            1,
            "a",
            "Le Président a rencontré à Moscou la communauté malienne résidant en Russie, en présence de l'ambassadeur Seydou Kamissoko et de la diaspora.",
        );
        let b = c(
            2,
            "b",
            "À Moscou, le président de la Transition a rencontré la diaspora malienne résidant en Russie en présence de l'ambassadeur Seydou Kamissoko, des étudiants et de la diaspora burkinabè.",
        );
        let other = c(
            3,
            "c",
            "Le Premier ministre a reçu la Chargée d'Affaires du Canada pour évoquer le secteur minier et l'éducation.",
        );
        let groups = group(&[a, b, other]);
        assert_eq!(groups, vec![(1, 2), (2, 2), (3, 3)]);
    }
}
