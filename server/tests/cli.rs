//! The `lantern` command itself, run as a program against a temporary SQLite
//! database: `migrate` applies and reports, `demo` (and its old name
//! `seed-demo`) adds the demo once.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure

use std::path::Path;
use std::process::{Command, Output};

fn lantern(database: &Path, args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_lantern"))
        .args(args)
        .env_clear()
        .env("LANTERN_DATABASE_URL", database)
        .env("LANTERN_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "lantern {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn migration_folders() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations/sqlite");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn migrate_applies_every_migration_once_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("nested").join("lantern.sqlite");

    let first = stdout(&lantern(&database, &["migrate"]));
    let applied: Vec<&str> = first
        .lines()
        .filter_map(|line| line.strip_prefix("applied "))
        .collect();
    let folders = migration_folders();
    assert_eq!(applied.len(), folders.len(), "{first}");
    // Each version printed is its folder's date and time, in order.
    for (version, folder) in applied.iter().zip(&folders) {
        let digits: String = folder
            .split('_')
            .next()
            .unwrap()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let printed: String = version.chars().filter(char::is_ascii_digit).collect();
        assert_eq!(printed, digits, "{first}");
    }
    assert!(
        first.contains(&format!("{} migrations applied", folders.len())),
        "{first}"
    );
    assert!(database.is_file(), "the data folder and file were created");

    let second = stdout(&lantern(&database, &["migrate"]));
    assert!(second.contains("up to date"), "{second}");
    assert!(!second.contains("applied "), "{second}");
}

#[test]
fn demo_adds_the_demo_once_and_seed_demo_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("lantern.sqlite");

    let first = stdout(&lantern(&database, &["demo"]));
    assert!(first.contains("Demo data added"), "{first}");
    assert!(first.contains("demo.worker@lantern.example"), "{first}");
    assert!(first.contains("demo.duty@lantern.example"), "{first}");

    // The old name, which older scripts use, is the same command.
    let second = stdout(&lantern(&database, &["seed-demo"]));
    assert!(second.contains("already there"), "{second}");

    // The demo left the schema complete.
    let migrate = stdout(&lantern(&database, &["migrate"]));
    assert!(migrate.contains("up to date"), "{migrate}");
}

#[test]
fn help_lists_the_commands() {
    let output = Command::new(env!("CARGO_BIN_EXE_lantern"))
        .arg("--help")
        .env_clear()
        .output()
        .unwrap();
    assert!(output.status.success());
    let help = stdout(&output);
    for command in ["serve", "migrate", "admin", "demo"] {
        assert!(help.contains(command), "{command} missing from:\n{help}");
    }
    let unknown = Command::new(env!("CARGO_BIN_EXE_lantern"))
        .arg("launch-rockets")
        .env_clear()
        .output()
        .unwrap();
    assert!(!unknown.status.success());
}
