//! Lantern's domain rules, shared by the young person's device (compiled to
//! WebAssembly) and the server (native). Pure functions over plain serde
//! types: no clocks, randomness or I/O, so every result is reproducible.

pub mod checkin;
pub mod consent;
pub mod crisis;
pub mod data_file;
pub mod disclosure;
pub mod feelings;
pub mod goals;
pub mod measures;
mod order;
pub mod phrases;
pub mod profile;
pub mod progress;
pub mod record_id;
pub mod safety_plan;
pub mod shared_progress;
pub mod strategies;
pub mod suggest;
pub mod support;
pub mod sync;
pub mod thrive;
mod time;
pub mod usage;
pub mod validation;

#[cfg(test)]
mod test_support;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use checkin::{CheckIn, FeelingEntry, SharedCheckIn};
pub use consent::{ConsentGrant, ConsentScope};
pub use feelings::Feeling;
pub use profile::AgeBand;
pub use record_id::RecordId;
pub use sync::{SyncBatch, SyncRecord};
pub use validation::{Checked, ValidationError, ValidationErrors};
