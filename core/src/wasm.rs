//! The browser's door into the core. Only converts: JSON text in, JSON text
//! out, shaped by the generated TypeScript types. Rule failures come back as
//! `Checked::Invalid` values; a `JsError` means the caller broke the contract.

use wasm_bindgen::prelude::*;

use crate::checkin::{CheckIn, LIMITS, SELF_HARM_QUESTION, context_options};
use crate::consent::{ConsentGrant, scope_options};
use crate::feelings::feeling_options;
use crate::progress::ProgressInputs;
use crate::record_id::RecordId;
use crate::sync::{DeviceData, build_sync_batch};
use crate::validation::{Checked, ValidationErrors, parse_json};

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, JsError> {
    // Writing our types to a string cannot fail (no maps with non-string
    // keys, no custom errors); a fixed message keeps serde_json's error
    // texts, and std's I/O error texts behind them, out of the module.
    serde_json::to_string(value).map_err(|_| JsError::new("could not write the result as JSON"))
}

/// Validates a check-in given as JSON; returns `Checked<CheckIn>` as JSON.
#[wasm_bindgen(js_name = validateCheckIn)]
pub fn validate_check_in(json: &str) -> Result<String, JsError> {
    to_json(&Checked::from(CheckIn::parse(json)))
}

/// A new time-ordered record id from the current time and 10 random bytes.
#[wasm_bindgen(js_name = newRecordId)]
pub fn new_record_id(unix_ms: f64, entropy: &[u8]) -> Result<String, JsError> {
    let entropy: [u8; 10] = entropy
        .try_into()
        .map_err(|_| JsError::new("newRecordId needs exactly 10 random bytes"))?;
    if !unix_ms.is_finite() || unix_ms < 0.0 {
        return Err(JsError::new(
            "newRecordId needs a time in milliseconds since 1970",
        ));
    }
    Ok(RecordId::generate(unix_ms as u64, entropy).to_string())
}

/// The batch to send under the current consent, from everything on the
/// device (`DeviceData`); returns `Checked<SyncBatch>`.
#[wasm_bindgen(js_name = buildSyncBatch)]
pub fn build_sync_batch_json(device_data_json: &str, grants_json: &str) -> Result<String, JsError> {
    let inputs = (|| -> Result<_, ValidationErrors> {
        let data: DeviceData = parse_json(device_data_json)?;
        let grants: Vec<ConsentGrant> = parse_json(grants_json)?;
        Ok(build_sync_batch(&data, &grants))
    })();
    to_json(&Checked::from(inputs))
}

#[wasm_bindgen(js_name = feelingOptions)]
pub fn feeling_options_json() -> Result<String, JsError> {
    to_json(&feeling_options())
}

#[wasm_bindgen(js_name = scopeOptions)]
pub fn scope_options_json() -> Result<String, JsError> {
    to_json(&scope_options())
}

#[wasm_bindgen(js_name = checkInLimits)]
pub fn check_in_limits_json() -> Result<String, JsError> {
    to_json(&LIMITS)
}

#[wasm_bindgen(js_name = contextOptions)]
pub fn context_options_json() -> Result<String, JsError> {
    to_json(&context_options())
}

#[wasm_bindgen(js_name = selfHarmQuestion)]
pub fn self_harm_question() -> String {
    SELF_HARM_QUESTION.to_owned()
}

/// Whether a valid check-in should bring help first, and why: a
/// `HelpFirst` as JSON, or `null`. The note is read here, on the device, and
/// nothing about it is sent anywhere. Invalid input is a contract error.
#[wasm_bindgen(js_name = helpFirstForCheckIn)]
pub fn help_first_for_check_in(json: &str) -> Result<String, JsError> {
    let check_in = CheckIn::parse(json).map_err(|errors| JsError::new(&errors.to_string()))?;
    to_json(&crate::support::for_check_in(&check_in))
}

/// Progress over `weeks` weeks up to `today` (YYYY-MM-DD, the device's
/// date), with goal and wheel change, from the young person's records
/// (`DeviceData`); returns `Checked<Progress>`.
#[wasm_bindgen(js_name = progress)]
pub fn progress_json(records_json: &str, today: &str, weeks: u32) -> Result<String, JsError> {
    let measures = crate::measures::catalogue().map_err(|e| JsError::new(&e.to_string()))?;
    let wheel = measures
        .wheel()
        .ok_or_else(|| JsError::new("the questionnaires have no resilience wheel"))?;
    let result = (|| -> Result<_, ValidationErrors> {
        let records: DeviceData = parse_json(records_json)?;
        let today = parse_date(today).ok_or_else(|| {
            ValidationErrors::one(
                "today",
                "invalid_date",
                "This needs a date like 2026-11-23.",
            )
        })?;
        crate::goals::GoalRating::validate_all(&records.goal_ratings)?;
        let inputs = ProgressInputs::of_device(&records, wheel);
        Ok(crate::progress::progress(&inputs, today, weeks))
    })();
    to_json(&Checked::from(result))
}

/// YYYY-MM-DD by hand: chrono's format parser would add tens of kilobytes
/// to the module for one call.
fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    let mut parts = text.splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    chrono::NaiveDate::from_ymd_opt(year, month, day)
}

/// The coping toolbox (`Catalogue`), for browsing and guided screens.
#[wasm_bindgen(js_name = strategyCatalogue)]
pub fn strategy_catalogue_json() -> Result<String, JsError> {
    // Checked once, then handed over as shipped: serialising it again would
    // add a serialiser for every catalogue type to the module.
    crate::strategies::catalogue().map_err(|e| JsError::new(&e.to_string()))?;
    Ok(crate::strategies::CATALOGUE_JSON.to_owned())
}

/// Ranked suggestions for this moment; returns `Checked<Suggestions>`.
#[wasm_bindgen(js_name = suggest)]
pub fn suggest_json(request_json: &str) -> Result<String, JsError> {
    let catalogue = crate::strategies::catalogue().map_err(|e| JsError::new(&e.to_string()))?;
    let result = parse_json::<crate::suggest::SuggestRequest>(request_json).and_then(|request| {
        request.moment.check_in.validate()?;
        Ok(crate::suggest::suggest(catalogue, &request))
    });
    to_json(&Checked::from(result))
}

/// What has been learned about what helps, in plain words (`Learned[]`).
#[wasm_bindgen(js_name = explainLearning)]
pub fn explain_learning_json(history_json: &str) -> Result<String, JsError> {
    let catalogue = crate::strategies::catalogue().map_err(|e| JsError::new(&e.to_string()))?;
    let result = parse_json::<Vec<crate::usage::StrategyUse>>(history_json)
        .map(|history| crate::suggest::explain_learning(catalogue, &history));
    to_json(&Checked::from(result))
}

/// The questionnaire definitions (`MeasureCatalogue`).
#[wasm_bindgen(js_name = measureCatalogue)]
pub fn measure_catalogue_json() -> Result<String, JsError> {
    crate::measures::catalogue().map_err(|e| JsError::new(&e.to_string()))?;
    Ok(crate::measures::CATALOGUE_JSON.to_owned())
}

/// Suggestions with the young person's history kept parsed inside the
/// module: the app loads it once, adds each new rating, and asks for
/// suggestions with only the moment crossing the boundary.
#[wasm_bindgen]
pub struct SuggestionEngine {
    history: Vec<crate::usage::StrategyUse>,
}

#[wasm_bindgen]
impl SuggestionEngine {
    /// From the history (`StrategyUse[]` as JSON).
    #[wasm_bindgen(constructor)]
    pub fn new(history_json: &str) -> Result<SuggestionEngine, JsError> {
        let history = parse_json(history_json).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(SuggestionEngine { history })
    }

    /// Adds one use; returns `Checked<StrategyUse>` so a bad rating is
    /// refused with a message and nothing is added.
    #[wasm_bindgen(js_name = addUse)]
    pub fn add_use(&mut self, use_json: &str) -> Result<String, JsError> {
        let checked = parse_json::<crate::usage::StrategyUse>(use_json).and_then(|strategy_use| {
            strategy_use.validate()?;
            Ok(strategy_use)
        });
        if let Ok(strategy_use) = &checked {
            // A re-rated use replaces the earlier copy.
            self.history.retain(|u| u.id != strategy_use.id);
            self.history.push(strategy_use.clone());
        }
        to_json(&Checked::from(checked))
    }

    /// Forgets everything learned (the young person's reset).
    pub fn reset(&mut self) {
        self.history.clear();
    }

    /// `Moment` as JSON in, `Checked<Suggestions>` out.
    pub fn suggest(&self, moment_json: &str) -> Result<String, JsError> {
        let catalogue = crate::strategies::catalogue().map_err(|e| JsError::new(&e.to_string()))?;
        let result = parse_json::<crate::suggest::Moment>(moment_json).and_then(|moment| {
            moment.check_in.validate()?;
            Ok(crate::suggest::suggest_for(
                catalogue,
                &moment,
                &self.history,
            ))
        });
        to_json(&Checked::from(result))
    }

    /// What has been learned, in plain words (`Learned[]`).
    pub fn learned(&self) -> Result<String, JsError> {
        let catalogue = crate::strategies::catalogue().map_err(|e| JsError::new(&e.to_string()))?;
        to_json(&crate::suggest::explain_learning(catalogue, &self.history))
    }
}

/// Crisis contacts for a region (UK when unknown): `CrisisContact[]`.
#[wasm_bindgen(js_name = crisisContacts)]
pub fn crisis_contacts_json(region: &str) -> Result<String, JsError> {
    let catalogue = crate::crisis::catalogue().map_err(|e| JsError::new(&e.to_string()))?;
    to_json(&catalogue.for_region(region))
}

/// Checks a new goal against the goals already set; `Checked<Goal>`.
#[wasm_bindgen(js_name = validateGoal)]
pub fn validate_goal(goal_json: &str, existing_json: &str) -> Result<String, JsError> {
    let result = (|| {
        let goal: crate::goals::Goal = parse_json(goal_json)?;
        let existing: Vec<crate::goals::Goal> = parse_json(existing_json)?;
        goal.validate(&existing)?;
        Ok(goal)
    })();
    to_json(&Checked::from(result))
}

/// Checks answers against their questionnaire; `Checked<MeasureResponse>`.
#[wasm_bindgen(js_name = validateMeasureResponse)]
pub fn validate_measure_response(json: &str) -> Result<String, JsError> {
    let catalogue = crate::measures::catalogue().map_err(|e| JsError::new(&e.to_string()))?;
    let result = parse_json::<crate::measures::MeasureResponse>(json).and_then(|response| {
        let definition = catalogue.find(&response.measure_id).ok_or_else(|| {
            ValidationErrors::one(
                "measure_id",
                "unknown_measure",
                "This questionnaire isn't one Lantern knows.",
            )
        })?;
        definition.validate(&response)?;
        Ok(response)
    });
    to_json(&Checked::from(result))
}

/// Whether a questionnaire's answers bring help first: `HelpFirst` or `null`.
#[wasm_bindgen(js_name = helpFirstForMeasure)]
pub fn help_first_for_measure(json: &str) -> Result<String, JsError> {
    let catalogue = crate::measures::catalogue().map_err(|e| JsError::new(&e.to_string()))?;
    let response: crate::measures::MeasureResponse =
        parse_json(json).map_err(|e| JsError::new(&e.to_string()))?;
    let definition = catalogue
        .find(&response.measure_id)
        .ok_or_else(|| JsError::new("unknown questionnaire"))?;
    to_json(&crate::support::for_measure(definition, &response))
}

/// Checks the safety plan; `Checked<SafetyPlan>`.
#[wasm_bindgen(js_name = validateSafetyPlan)]
pub fn validate_safety_plan(json: &str) -> Result<String, JsError> {
    let result = parse_json::<crate::safety_plan::SafetyPlan>(json).and_then(|plan| {
        plan.validate()?;
        Ok(plan)
    });
    to_json(&Checked::from(result))
}

/// The safety plan's sections, with their titles and prompts.
#[wasm_bindgen(js_name = safetyPlanSections)]
pub fn safety_plan_sections_json() -> Result<String, JsError> {
    to_json(&crate::safety_plan::SECTIONS)
}
