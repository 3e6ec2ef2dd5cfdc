//! Directory services from a CSV file (RFC 4180: commas, double quotes
//! around cells that hold commas, quotes or line breaks, "" for a quote).
//! The header is fixed (`HEADER`, documented in docs/directory.md); each
//! row is checked on its own, so good rows are kept and bad ones named by
//! the line they start on.

use lantern_core::ValidationError;
use serde::Serialize;

use super::{Draft, check};

/// The columns, in order. `needs` and `thrive` hold words separated by
/// `;`; `self_referral` is `yes` or `no`; empty cells are none.
pub const HEADER: [&str; 13] = [
    "name",
    "description",
    "needs",
    "thrive",
    "min_age",
    "max_age",
    "area",
    "phone",
    "text_number",
    "text_keyword",
    "website",
    "self_referral",
    "hours",
];

/// A row left out, by the line of the file it starts on (the header is 1).
#[derive(Debug, Serialize)]
pub struct Rejected {
    pub line: usize,
    pub errors: Vec<ValidationError>,
}

/// The file's good rows, and its bad ones by line. Err when the header is
/// not `HEADER`: then no row can be read.
pub fn read(text: &str) -> Result<(Vec<Draft>, Vec<Rejected>), ValidationError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = records(text).into_iter();
    let header_ok = records.next().is_some_and(|(_, cells)| {
        cells.len() == HEADER.len() && cells.iter().zip(HEADER).all(|(c, h)| c.trim() == h)
    });
    if !header_ok {
        return Err(ValidationError::new(
            "header",
            "csv_header",
            format!("The first line must be exactly: {}", HEADER.join(",")),
        ));
    }
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for (line, cells) in records {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match row(&cells).and_then(check) {
            Ok(draft) => good.push(draft),
            Err(errors) => bad.push(Rejected { line, errors }),
        }
    }
    Ok((good, bad))
}

fn row(cells: &[String]) -> Result<Draft, Vec<ValidationError>> {
    if cells.len() != HEADER.len() {
        return Err(vec![ValidationError::new(
            "row",
            "wrong_column_count",
            format!(
                "This row has {} cells; it needs {}, one per column.",
                cells.len(),
                HEADER.len()
            ),
        )]);
    }
    let mut errors = Vec::new();
    let cell = |name: &str| cells[HEADER.iter().position(|h| *h == name).unwrap_or(0)].trim();
    let list = |name: &str| -> Vec<String> {
        cell(name)
            .split(';')
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut age = |name: &str| match cell(name).parse::<i64>() {
        Ok(age) => age,
        Err(_) => {
            errors.push(ValidationError::new(
                name,
                "not_a_number",
                "Write the age as a whole number.",
            ));
            0
        }
    };
    let min_age = age("min_age");
    let max_age = age("max_age");
    let self_referral = match cell("self_referral").to_ascii_lowercase().as_str() {
        "yes" | "true" => true,
        "no" | "false" => false,
        _ => {
            errors.push(ValidationError::new(
                "self_referral",
                "yes_or_no_required",
                "Write yes or no.",
            ));
            false
        }
    };
    let some = |name: &str| Some(cell(name).to_owned());
    let draft = Draft {
        name: cell("name").to_owned(),
        description: cell("description").to_owned(),
        needs: list("needs"),
        thrive: list("thrive"),
        min_age,
        max_age,
        area: cell("area").to_owned(),
        phone: some("phone"),
        text_number: some("text_number"),
        text_keyword: some("text_keyword"),
        website: some("website"),
        self_referral,
        hours: cell("hours").to_owned(),
    };
    if errors.is_empty() {
        return Ok(draft);
    }
    // The rest is checked too, so one pass names everything wrong; a cell
    // that could not be read is named once.
    if let Err(more) = check(draft) {
        let unread: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
        let ages_unread = unread.iter().any(|f| f.ends_with("_age"));
        let named_already = |e: &ValidationError| {
            unread.contains(&e.field) || (ages_unread && e.code == "ages_reversed")
        };
        errors.extend(more.into_iter().filter(|e| !named_already(e)));
    }
    Err(errors)
}

/// The file's records with the line each starts on.
fn records(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut records = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            '\n' if quoted => {
                line += 1;
                cell.push('\n');
            }
            ',' if !quoted => cells.push(std::mem::take(&mut cell)),
            '\r' if !quoted => {}
            '\n' => {
                cells.push(std::mem::take(&mut cell));
                records.push((start, std::mem::take(&mut cells)));
                line += 1;
                start = line;
            }
            c => cell.push(c),
        }
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        records.push((start, cells));
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_cells_keep_commas_quotes_and_line_breaks() {
        let parsed = records("a,\"b, \"\"c\"\"\nd\",e\r\nf,g,h\n");
        assert_eq!(
            parsed,
            [
                (1, vec!["a".into(), "b, \"c\"\nd".into(), "e".into()]),
                (3, vec!["f".into(), "g".into(), "h".into()]),
            ]
        );
    }
}
