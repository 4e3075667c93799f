//! The wording of validation's messages: numbers, quoted choices, suggestions for typos.

/// A number for a message ("a number of 16 or more digits" past what [`number_text`] writes).
pub(super) fn number_text(n: f64) -> String {
    match n.abs() >= 1e15 {
        true => "a number of 16 or more digits".to_owned(),
        false => crate::json::number_text(n),
    }
}

pub(super) fn quoted(choices: &[&str]) -> String {
    let quoted: Vec<String> = choices.iter().map(|c| format!("\"{c}\"")).collect();
    quoted.join(", ")
}

/// The known word closest to a misspelt one, if it is close enough to be a likely typo.
pub(super) fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(&word.to_ascii_lowercase(), k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance, for suggestions; inputs are short keys.
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().take(64).enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_messages() {
        let texts: Vec<String> = [2.0, -7.0, 2.5, 0.1, -0.25, 1e20, 123456.000001].map(number_text).to_vec();
        assert_eq!(texts, ["2", "-7", "2.5", "0.1", "-0.25", "a number of 16 or more digits", "123456.000001"]);
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("captoin", &["caption", "credit"]), Some("caption"));
        assert_eq!(closest("Headline", &["headline"]), Some("headline"));
        assert_eq!(closest("zzz", &["caption", "credit"]), None);
    }
}
