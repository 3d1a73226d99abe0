//! "Did you mean …?" for a mistyped name: the closest accepted name by edit distance, counting
//! a swap of two neighbouring characters as one edit (Damerau 1964; the "optimal string
//! alignment" form of Levenshtein's distance), when it is close enough to be a typo.

/// The edit distance between `a` and `b`: insertions, deletions, substitutions and swaps of two
/// neighbouring characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * w + j] = if i == 0 || j == 0 {
                i + j
            } else {
                let mut v = (d[(i - 1) * w + j - 1] + usize::from(a[i - 1] != b[j - 1])).min(d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[(i - 2) * w + j - 2] + 1);
                }
                v
            };
        }
    }
    d[a.len() * w + b.len()]
}

/// The accepted name closest to `typed`, if it is within a third of its length (at least one
/// edit): `sadle` → `saddle`, `pdg` → `pgd`; nothing for a word unlike any of them. Names up to
/// 40 characters are compared (longer text is no typo).
pub fn closest<'a>(typed: &str, accepted: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() || typed.chars().count() > 40 {
        return None;
    }
    let limit = (typed.chars().count() / 3).max(1);
    accepted
        .into_iter()
        .map(|name| (edit_distance(&typed, name), name))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, name)| name)
}

/// "; did you mean saddle?" for a close name, else nothing: to follow "is not a landscape".
pub fn did_you_mean<'a>(typed: &str, accepted: impl IntoIterator<Item = &'a str>) -> String {
    closest(typed, accepted).map(|n| format!("; did you mean {n}?")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_name_and_strangers_find_none() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("pdg", "pgd"), 1);
        let ids = ["saddle", "monkey", "saddle3", "chain", "relu", "relu-ss"];
        assert_eq!(closest("sadle", ids), Some("saddle"));
        assert_eq!(closest("Saddle ", ids), Some("saddle"));
        assert_eq!(closest("monkee", ids), Some("monkey"));
        assert_eq!(closest("relu_ss", ids), Some("relu-ss"));
        assert_eq!(closest("banana", ids), None);
        assert_eq!(closest("", ids), None);
        assert_eq!(did_you_mean("pdg", ["gd", "pgd", "sgd"]), "; did you mean pgd?");
        assert_eq!(did_you_mean("zzz", ["gd", "pgd"]), "");
    }
}
