//! The small-number rule. Leads never see a single young person, so any
//! figure built from one to four young people is hidden ("fewer than 5"),
//! averages need five, and a hidden figure must not be recoverable:
//!
//! - by subtraction within a table: where a sum is shown with its parts
//!   and only one of them is hidden, a second is hidden too;
//! - by subtracting a group's or school's report from the whole service's:
//!   a filtered figure is hidden when the rest of the service for that same
//!   figure is one to four young people.
//!
//! A count of nobody (0) is shown: it is built from no one.

use super::table::{Figure, Kind, Table};

const SMALLEST: usize = 5;

fn too_few(figure: &Figure) -> bool {
    match figure.kind {
        Kind::Count => (1..SMALLEST).contains(&figure.people),
        Kind::Average => figure.people < SMALLEST,
    }
}

/// Hides every figure built from too few young people, then whatever else
/// would let one be worked out.
pub fn apply(table: &mut Table) {
    for row in &mut table.rows {
        for figure in row.iter_mut().filter_map(|c| c.figure_mut()) {
            if too_few(figure) {
                figure.hidden = true;
            }
        }
    }
    protect_sums(table);
}

/// For a report of part of the service (a group, a school): hides each
/// figure whose counterpart for the rest of the service is built from one
/// to four young people, since `whole - part` would show it. `whole` is the
/// same table for the whole service, before its own suppression.
pub fn apply_against_whole(part: &mut Table, whole: &Table) {
    for (r, row) in part.rows.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            let (Some(figure), Some(of_whole)) = (cell.figure_mut(), whole.at((r, c))) else {
                continue;
            };
            let rest = of_whole.people.saturating_sub(figure.people);
            if (1..SMALLEST).contains(&rest) {
                figure.hidden = true;
            }
        }
    }
    apply(part);
}

/// Where a sum and its parts are shown and exactly one of them is hidden,
/// the hidden one is the sum minus the rest: hide the smallest other part
/// that is not zero (or else the sum). Never a zero: counts cannot be
/// negative, so a hidden zero in a line summing to zero is no secret, and
/// would give its partner away. Repeated until no sum gives anything away,
/// since hiding one figure can expose another sum.
fn protect_sums(table: &mut Table) {
    loop {
        let mut changed = false;
        for sum in table.sums.clone() {
            let members: Vec<_> = sum.parts.iter().chain([&sum.total]).copied().collect();
            let hidden = members
                .iter()
                .filter(|at| table.at(**at).is_some_and(|f| f.hidden))
                .count();
            if hidden != 1 {
                continue;
            }
            let smallest_part = sum
                .parts
                .iter()
                .filter(|at| table.at(**at).is_some_and(|f| !f.hidden && f.value > 0.0))
                .min_by(|a, b| {
                    let value = |at: &&(usize, usize)| table.at(**at).map_or(0.0, |f| f.value);
                    value(a).total_cmp(&value(b))
                })
                .copied();
            let next = smallest_part.unwrap_or(sum.total);
            if let Some(figure) = table.at_mut(next) {
                if !figure.hidden {
                    figure.hidden = true;
                    changed = true;
                }
            }
        }
        if !changed {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::table::{Cell, Sum};

    /// A table of counts with row, column and grand totals.
    fn grid(values: &[&[usize]]) -> Table {
        let width = values[0].len();
        let mut rows: Vec<Vec<Cell>> = values
            .iter()
            .map(|row| {
                let mut cells: Vec<Cell> = row.iter().map(|n| Cell::people(*n)).collect();
                cells.push(Cell::people(row.iter().sum()));
                cells
            })
            .collect();
        rows.push(
            (0..=width)
                .map(|c| {
                    let column: usize = values
                        .iter()
                        .map(|row| if c < width { row[c] } else { row.iter().sum() })
                        .sum();
                    Cell::people(column)
                })
                .collect(),
        );
        let mut sums = vec![];
        for r in 0..=values.len() {
            sums.push(Sum {
                parts: (0..width).map(|c| (r, c)).collect(),
                total: (r, width),
            });
        }
        for c in 0..=width {
            sums.push(Sum {
                parts: (0..values.len()).map(|r| (r, c)).collect(),
                total: (values.len(), c),
            });
        }
        Table {
            id: "grid",
            title: "Grid".into(),
            columns: vec![],
            rows,
            sums,
        }
    }

    fn square(a: usize, b: usize, c: usize, d: usize) -> Table {
        grid(&[&[a, b], &[c, d]])
    }

    fn shown(table: &Table) -> Vec<Vec<Option<i64>>> {
        table
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| c.figure().filter(|f| !f.hidden).map(|f| f.value as i64))
                    .collect()
            })
            .collect()
    }

    /// Every way of working out a cell from one sum: if a sum has exactly one
    /// unknown, it is known; if its known parts already make its known
    /// total, every unknown part is zero (counts are never negative).
    /// Repeats until nothing new is learned.
    fn recoverable(table: &Table) -> Vec<Vec<Option<i64>>> {
        let mut known = shown(table);
        loop {
            let mut learned = false;
            for sum in &table.sums {
                let members: Vec<_> = sum.parts.iter().chain([&sum.total]).collect();
                let unknown: Vec<_> = members
                    .iter()
                    .filter(|(r, c)| known[*r][*c].is_none())
                    .collect();
                let total_known = known[sum.total.0][sum.total.1];
                let parts_known: i64 = sum.parts.iter().filter_map(|(r, c)| known[*r][*c]).sum();
                if !unknown.is_empty() && total_known == Some(parts_known) {
                    for (r, c) in unknown {
                        known[*r][*c] = Some(0);
                    }
                    learned = true;
                    continue;
                }
                if unknown.len() != 1 {
                    continue;
                }
                let parts: i64 = sum.parts.iter().filter_map(|(r, c)| known[*r][*c]).sum();
                let (r, c) = **unknown[0];
                known[r][c] = Some(if (r, c) == sum.total {
                    parts
                } else {
                    known[sum.total.0][sum.total.1].unwrap() - parts
                });
                learned = true;
            }
            if !learned {
                return known;
            }
        }
    }

    fn assert_nothing_small_recoverable(table: &Table) {
        let known = recoverable(table);
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let people = cell.figure().unwrap().people;
                if (1..5).contains(&people) {
                    assert_eq!(
                        known[r][c], None,
                        "({r},{c}) of {people} people can be worked out"
                    );
                }
            }
        }
    }

    #[test]
    fn small_counts_are_hidden_and_zero_and_five_are_shown() {
        let mut table = square(0, 5, 7, 9);
        apply(&mut table);
        assert_eq!(
            shown(&table),
            [
                [Some(0), Some(5), Some(5)],
                [Some(7), Some(9), Some(16)],
                [Some(7), Some(14), Some(21)]
            ]
        );
    }

    #[test]
    fn a_lone_hidden_cell_takes_another_with_it_so_no_sum_reveals_it() {
        let mut table = square(3, 20, 12, 30);
        apply(&mut table);
        assert!(table.at((0, 0)).unwrap().hidden);
        assert_nothing_small_recoverable(&table);
        // Figures not needed to protect anything are still shown.
        assert!(!table.at((2, 2)).unwrap().hidden, "the grand total stays");
    }

    #[test]
    fn no_small_cell_is_ever_recoverable_from_the_sums() {
        // Every square of small and large counts, including zeros.
        let values = [0, 1, 2, 4, 5, 6, 11];
        for a in values {
            for b in values {
                for c in values {
                    for d in values {
                        let mut table = square(a, b, c, d);
                        apply(&mut table);
                        assert_nothing_small_recoverable(&table);
                    }
                }
            }
        }
    }

    #[test]
    fn a_zero_is_never_hidden_to_protect_a_small_count() {
        // Hiding the 0 beside the 2 would give the 2 away: the 0's column
        // sums to 0, so it must be 0, so the 2 is its row total minus 9.
        let mut table = grid(&[&[2, 0, 9], &[0, 0, 7], &[0, 0, 8]]);
        apply(&mut table);
        assert!(!table.at((0, 1)).unwrap().hidden);
        assert_nothing_small_recoverable(&table);
        let values = [0, 2, 6];
        for a in values {
            for b in values {
                for c in values {
                    for d in values {
                        let mut table = grid(&[&[a, b, 0], &[c, 0, d], &[0, 9, 5]]);
                        apply(&mut table);
                        assert_nothing_small_recoverable(&table);
                    }
                }
            }
        }
    }

    #[test]
    fn averages_need_five_young_people() {
        let mut table = Table {
            id: "a",
            title: "A".into(),
            columns: vec!["Average".into()],
            rows: vec![
                vec![Cell::average(Some(3.0), 4)],
                vec![Cell::average(Some(3.0), 5)],
                vec![Cell::average(None, 0)],
            ],
            sums: vec![],
        };
        apply(&mut table);
        let hidden: Vec<bool> = table
            .rows
            .iter()
            .map(|r| r[0].figure().unwrap().hidden)
            .collect();
        assert_eq!(hidden, [true, false, true]);
    }

    #[test]
    fn a_part_is_hidden_when_the_rest_of_the_service_is_small() {
        let whole = square(10, 20, 12, 30);
        // The group has all but three of column A's first row.
        let mut part = square(7, 20, 12, 26);
        apply_against_whole(&mut part, &whole);
        assert!(part.at((0, 0)).unwrap().hidden, "10 - 7 = 3 would show");
        assert!(part.at((1, 1)).unwrap().hidden, "30 - 26 = 4 would show");
        assert!(!part.at((1, 0)).unwrap().hidden, "12 - 12 = 0 shows no one");
        assert_nothing_small_recoverable(&part);
    }
}
