//! Sorting with little code. std's sorts are compiled anew for every element type and comparator
//! (a stable sort is about 2.5 KB of wasm each time); the sorts of the crate go through these few
//! instantiations instead, and give exactly what a stable sort by the same key gives.

/// Sorts `v` ascending in IEEE total order (−0 before +0, NaN last). Values equal in total order
/// have the same bits, so this is what a stable sort would give.
pub fn sort_f64(v: &mut [f64]) {
    v.sort_unstable_by(f64::total_cmp);
}

/// The positions of `keys` in ascending total order of their key, ties in the order of their
/// positions: the permutation a stable sort by key applies.
pub fn order_by_key(keys: &[f64]) -> Vec<usize> {
    let mut pairs: Vec<(f64, usize)> = keys.iter().copied().zip(0..).collect();
    pairs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    pairs.into_iter().map(|p| p.1).collect()
}

/// Sorts `v` stably by a numeric key (total order).
pub fn sort_by_key<T>(v: &mut Vec<T>, key: impl Fn(&T) -> f64) {
    let keys: Vec<f64> = v.iter().map(key).collect();
    let order = order_by_key(&keys);
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts three items stably by a numeric key (total order) with three compare-exchanges.
#[inline]
pub fn sort3_by_key<T>(v: &mut [T; 3], key: impl Fn(&T) -> f64) {
    let gt = |a: &T, b: &T| key(a).total_cmp(&key(b)).is_gt();
    if gt(&v[0], &v[1]) {
        v.swap(0, 1);
    }
    if gt(&v[1], &v[2]) {
        v.swap(1, 2);
    }
    if gt(&v[0], &v[1]) {
        v.swap(0, 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_std_stable_sort() {
        let mut rng = crate::numeric::random::rng(5);
        for n in [0, 1, 2, 3, 7, 40, 1000] {
            // Few distinct keys, so that ties are common; signed zeros and NaN too.
            let mut keys: Vec<f64> = (0..n).map(|_| (crate::numeric::random::gaussian(&mut rng) * 3.0).round()).collect();
            if n > 3 {
                keys[0] = -0.0;
                keys[1] = f64::NAN;
                keys[2] = 0.0;
            }
            let mut a = keys.clone();
            sort_f64(&mut a);
            let mut b = keys.clone();
            b.sort_by(|x, y| x.total_cmp(y));
            assert_eq!(a.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), b.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
            let mut items: Vec<(f64, usize)> = keys.iter().copied().zip(0..).collect();
            let mut expected = items.clone();
            expected.sort_by(|x, y| x.0.total_cmp(&y.0));
            sort_by_key(&mut items, |p| p.0);
            assert_eq!(items.iter().map(|p| p.1).collect::<Vec<_>>(), expected.iter().map(|p| p.1).collect::<Vec<_>>());
        }
        for t in [[3.0, 1.0, 2.0], [1.0, 1.0, 0.0], [2.0, 1.0, 1.0], [0.0, 0.0, 0.0], [1.0, 2.0, 3.0], [3.0, 2.0, 1.0]] {
            let mut v = [(t[0], 0), (t[1], 1), (t[2], 2)];
            let mut w = v;
            sort3_by_key(&mut v, |p| p.0);
            w.sort_by(|x, y| x.0.total_cmp(&y.0));
            assert_eq!(v, w);
        }
    }
}
