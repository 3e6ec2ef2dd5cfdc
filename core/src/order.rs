//! One stable sort for the whole core.
//!
//! `slice::sort_by` compiles the standard library's sort again for every
//! element type and comparator, about 3 KB of WebAssembly each, and the
//! module has a size budget. Here the sort is compiled once: it orders
//! positions through a comparator behind `&dyn`, and only the small step that
//! moves the items into that order is generic.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order (like
/// `slice::sort_by`).
pub(crate) fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Sorts `items` by a key, like `slice::sort_by_key`.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in sorted order. Not generic, so compiled once.
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::Random;

    #[test]
    fn sorts_like_the_standard_library_keeping_ties_in_order() {
        let mut random = Random(7);
        for len in [0, 1, 2, 5, 20, 300] {
            let items: Vec<(u8, usize)> = (0..len).map(|i| (random.below(7) as u8, i)).collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |item| item.0);
            let mut std = items;
            std.sort_by_key(|item| item.0);
            assert_eq!(ours, std, "length {len}");
        }
    }

    #[test]
    fn sorts_by_a_comparator_in_reverse() {
        let mut words = vec!["b", "a", "c", "a"];
        sort_by(&mut words, |a, b| b.cmp(a));
        assert_eq!(words, ["c", "b", "a", "a"]);
    }
}
