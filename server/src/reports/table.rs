//! A report table: labels and figures, each figure knowing how many young
//! people it is built from, and the sums the table shows (so the
//! small-number rule can stop a hidden figure being worked out by
//! subtraction).

use serde::ser::{SerializeMap, Serializer};
use serde::{Serialize, ser::SerializeSeq};

/// What a hidden figure says, in JSON, CSV and on screen.
pub const FEWER_THAN_FIVE: &str = "fewer than 5";

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// A count of young people or of things they did.
    Count,
    /// An average, median or percentage: needs five young people.
    Average,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub value: f64,
    pub kind: Kind,
    /// How many young people the figure is built from.
    pub people: usize,
    pub hidden: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Label(String),
    Figure(Figure),
}

impl Cell {
    pub fn label(text: impl Into<String>) -> Cell {
        Cell::Label(text.into())
    }

    /// A count of young people: built from exactly that many.
    pub fn people(count: usize) -> Cell {
        Cell::count(count as f64, count)
    }

    pub fn count(value: f64, people: usize) -> Cell {
        Cell::Figure(Figure {
            value,
            kind: Kind::Count,
            people,
            hidden: false,
        })
    }

    /// An average over `people` young people; none when nobody counts.
    pub fn average(value: Option<f64>, people: usize) -> Cell {
        Cell::Figure(Figure {
            value: value.unwrap_or(0.0),
            kind: Kind::Average,
            people,
            hidden: false,
        })
    }

    pub fn figure(&self) -> Option<&Figure> {
        match self {
            Cell::Figure(figure) => Some(figure),
            Cell::Label(_) => None,
        }
    }

    pub fn figure_mut(&mut self) -> Option<&mut Figure> {
        match self {
            Cell::Figure(figure) => Some(figure),
            Cell::Label(_) => None,
        }
    }

    /// The cell as written in a CSV file or read aloud.
    pub fn text(&self) -> String {
        match self {
            Cell::Label(text) => text.clone(),
            Cell::Figure(figure) if figure.hidden => FEWER_THAN_FIVE.to_owned(),
            Cell::Figure(figure) => match figure.kind {
                Kind::Count => format!("{}", figure.value.round() as i64),
                Kind::Average => format!("{:.1}", one_place(figure.value)),
            },
        }
    }
}

/// Shown as a string (a label), a number, or `{"hidden": "fewer than 5"}`:
/// a hidden figure carries nothing of its value or its count of people.
impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Label(text) => serializer.serialize_str(text),
            Cell::Figure(figure) if figure.hidden => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry("hidden", FEWER_THAN_FIVE)?;
                map.end()
            }
            Cell::Figure(figure) => match figure.kind {
                Kind::Count => serializer.serialize_i64(figure.value.round() as i64),
                Kind::Average => serializer.serialize_f64(one_place(figure.value)),
            },
        }
    }
}

/// Averages are shown to one decimal place, the same in JSON and CSV.
fn one_place(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// A place in a table: (row, column).
pub type At = (usize, usize);

/// A sum the table shows: `total` is the sum of `parts`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sum {
    pub parts: Vec<At>,
    pub total: At,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub id: &'static str,
    pub title: String,
    pub columns: Vec<String>,
    #[serde(serialize_with = "rows")]
    pub rows: Vec<Vec<Cell>>,
    #[serde(skip)]
    pub sums: Vec<Sum>,
}

fn rows<S: Serializer>(rows: &[Vec<Cell>], serializer: S) -> Result<S::Ok, S::Error> {
    let mut seq = serializer.serialize_seq(Some(rows.len()))?;
    for row in rows {
        seq.serialize_element(row)?;
    }
    seq.end()
}

impl Table {
    pub fn at(&self, (row, column): At) -> Option<&Figure> {
        self.rows.get(row)?.get(column)?.figure()
    }

    pub fn at_mut(&mut self, (row, column): At) -> Option<&mut Figure> {
        self.rows.get_mut(row)?.get_mut(column)?.figure_mut()
    }

    /// The table as CSV: a header row, then one line per row; hidden
    /// figures say "fewer than 5". Cells are quoted when they need it.
    pub fn csv(&self) -> String {
        let mut out = String::new();
        let mut line = |cells: Vec<String>| {
            let quoted: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&quoted.join(","));
            out.push_str("\r\n");
        };
        line(self.columns.clone());
        for row in &self.rows {
            line(row.iter().map(Cell::text).collect());
        }
        out
    }
}

fn csv_cell(text: &str) -> String {
    // A leading = + - @ would be a formula to a spreadsheet.
    let guarded = if text.starts_with(['=', '+', '@'])
        || (text.starts_with('-') && text.parse::<f64>().is_err())
    {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it_and_hides_hidden_figures() {
        let mut hidden = Cell::people(3);
        hidden.figure_mut().unwrap().hidden = true;
        let table = Table {
            id: "t",
            title: "T".into(),
            columns: vec!["Group".into(), "Young people".into(), "Average".into()],
            rows: vec![
                vec![
                    Cell::label("Year 8, \"Blue\""),
                    Cell::people(7),
                    Cell::average(Some(3.25), 7),
                ],
                vec![Cell::label("=cmd()"), hidden, Cell::average(Some(-1.0), 6)],
            ],
            sums: vec![],
        };
        assert_eq!(
            table.csv(),
            "Group,Young people,Average\r\n\"Year 8, \"\"Blue\"\"\",7,3.3\r\n'=cmd(),fewer than 5,-1.0\r\n"
        );
        let json = serde_json::to_value(&table).unwrap();
        assert_eq!(
            json["rows"][1][1],
            serde_json::json!({"hidden": "fewer than 5"})
        );
        assert_eq!(json["rows"][0][1], 7);
    }
}
