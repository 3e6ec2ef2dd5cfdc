// The one door to the wasm core. Everything else imports these typed
// wrappers; nothing else touches wasm-bindgen. The core speaks JSON, and the
// types of that JSON are generated from the Rust types (./generated).

import init, * as wasm from './pkg/lantern_core.js';
import type { CheckIn } from './generated/CheckIn';
import type { CheckInLimits } from './generated/CheckInLimits';
import type { Checked } from './generated/Checked';
import type { ConsentGrant } from './generated/ConsentGrant';
import type { ContextOption } from './generated/ContextOption';
import type { CrisisContact } from './generated/CrisisContact';
import type { DeviceData } from './generated/DeviceData';
import type { FeelingOption } from './generated/FeelingOption';
import type { HelpFirst } from './generated/HelpFirst';
import type { RecordId } from './generated/RecordId';
import type { Progress } from './generated/Progress';
import type { ScopeOption } from './generated/ScopeOption';
import type { Catalogue } from './generated/Catalogue';
import type { Learned } from './generated/Learned';
import type { MeasureCatalogue } from './generated/MeasureCatalogue';
import type { Moment } from './generated/Moment';
import type { Goal } from './generated/Goal';
import type { GoalChange } from './generated/GoalChange';
import type { GoalRating } from './generated/GoalRating';
import type { ItemChange } from './generated/ItemChange';
import type { MeasureResponse } from './generated/MeasureResponse';
import type { PlanSection } from './generated/PlanSection';
import type { SafetyPlan } from './generated/SafetyPlan';
import type { Strategy } from './generated/Strategy';
import type { StrategyUse } from './generated/StrategyUse';
import type { SuggestRequest } from './generated/SuggestRequest';
import type { Suggestion } from './generated/Suggestion';
import type { Suggestions } from './generated/Suggestions';
import type { SyncBatch } from './generated/SyncBatch';

export type {
  Catalogue,
  Learned,
  MeasureCatalogue,
  Moment,
  Goal,
  GoalChange,
  GoalRating,
  ItemChange,
  MeasureResponse,
  PlanSection,
  SafetyPlan,
  SuggestRequest,
  Suggestions,
  CheckIn,
  CheckInLimits,
  Checked,
  ConsentGrant,
  ContextOption,
  CrisisContact,
  DeviceData,
  FeelingOption,
  HelpFirst,
  Progress,
  RecordId,
  ScopeOption,
  Strategy,
  StrategyUse,
  Suggestion,
  SyncBatch,
};
export type { ConsentScope } from './generated/ConsentScope';
export type { Feeling } from './generated/Feeling';
export type { Pace } from './generated/Pace';
export type { Preferences } from './generated/Preferences';
export type { StrategyKind } from './generated/StrategyKind';
export type { FeelingEntry } from './generated/FeelingEntry';
export type { SharedCheckIn } from './generated/SharedCheckIn';
export type { SyncOutcome } from './generated/SyncOutcome';
export type { Tombstone } from './generated/Tombstone';
export type { SyncRecord } from './generated/SyncRecord';
export type { SharedProgress } from './generated/SharedProgress';
export type { WeekMood } from './generated/WeekMood';
export type { Trend } from './generated/Trend';
export type { FeelingCount } from './generated/FeelingCount';
export type { HelpfulStrategy } from './generated/HelpfulStrategy';
export type { ContextPattern } from './generated/ContextPattern';
export type { MeasureDefinition } from './generated/MeasureDefinition';
export type { ValidationError } from './generated/ValidationError';
export type { PlanContact } from './generated/PlanContact';
export type { AgeBand } from './generated/AgeBand';
export type { Context } from './generated/Context';
export type { SelfHarmAnswer } from './generated/SelfHarmAnswer';
export type { SleepQuality } from './generated/SleepQuality';

let ready: Promise<void> | undefined;

/** Loads the wasm once (in the browser, fetched next to this module). */
export function loadCore(): Promise<void> {
  ready ??= init().then(() => undefined);
  return ready;
}

/** For Node (tests): instantiate from the bytes of lantern_core_bg.wasm. */
export function loadCoreSync(bytes: BufferSource): void {
  wasm.initSync({ module: bytes });
  ready = Promise.resolve();
}

/** What a check-in form holds before the core has checked it. */
export interface CheckInDraft {
  id: string;
  recorded_at: string;
  mood: number;
  feelings: { feeling: string; intensity: number }[];
  contexts?: string[];
  sleep?: { minutes: number; quality: string };
  note?: string;
  self_harm?: string;
}

export function validateCheckIn(draft: CheckInDraft): Checked<CheckIn> {
  return JSON.parse(wasm.validateCheckIn(JSON.stringify(draft))) as Checked<CheckIn>;
}

/** A time-ordered id for a new record, made on the device. */
export function newRecordId(now: number = Date.now()): RecordId {
  const entropy = new Uint8Array(10);
  crypto.getRandomValues(entropy);
  return wasm.newRecordId(now, entropy);
}

/** The batch that may leave the device under `grants`: what consent does
 * not cover is left out, and check-ins carry only their shared fields. */
export function buildSyncBatch(data: Partial<DeviceData>, grants: ConsentGrant[]): Checked<SyncBatch> {
  return JSON.parse(wasm.buildSyncBatch(JSON.stringify(data), JSON.stringify(grants))) as Checked<SyncBatch>;
}

/** Progress over `weeks` weeks up to `today` (the device's local date), from
 * the young person's records: mood, feelings and patterns from the check-ins
 * in those weeks; what helps, goal change and wheel change from all of their
 * strategy uses, goal ratings and questionnaires. One call, so every screen
 * shows the same numbers. */
export function progress(records: Partial<DeviceData>, today: string, weeks: number): Checked<Progress> {
  return JSON.parse(wasm.progress(JSON.stringify(records), today, weeks)) as Checked<Progress>;
}

/** Crisis contacts for a region; the UK's when the region is unknown. */
export function crisisContacts(region = 'uk'): CrisisContact[] {
  return JSON.parse(wasm.crisisContacts(region)) as CrisisContact[];
}

/** The coping toolbox as shipped. */
export function strategyCatalogue(): Catalogue {
  return JSON.parse(wasm.strategyCatalogue()) as Catalogue;
}

/** The questionnaires as shipped. */
export function measureCatalogue(): MeasureCatalogue {
  return JSON.parse(wasm.measureCatalogue()) as MeasureCatalogue;
}

/** Ranked ideas for this moment, with the young person's history kept
 * parsed inside the core: load it once, add each new rating. */
export class Suggester {
  private readonly engine: wasm.SuggestionEngine;

  constructor(history: StrategyUse[]) {
    this.engine = new wasm.SuggestionEngine(JSON.stringify(history));
  }

  addUse(use: StrategyUse): Checked<StrategyUse> {
    return JSON.parse(this.engine.addUse(JSON.stringify(use))) as Checked<StrategyUse>;
  }

  suggest(moment: Moment): Checked<Suggestions> {
    return JSON.parse(this.engine.suggest(JSON.stringify(moment))) as Checked<Suggestions>;
  }

  learned(): Learned[] {
    return JSON.parse(this.engine.learned()) as Learned[];
  }

  reset(): void {
    this.engine.reset();
  }

  free(): void {
    this.engine.free();
  }
}

/** Ranked ideas for this moment, each with its reason (history sent each time). */
export function suggest(request: SuggestRequest): Checked<Suggestions> {
  return JSON.parse(wasm.suggest(JSON.stringify(request))) as Checked<Suggestions>;
}

/** What Lantern has learned about what helps, in plain words. */
export function explainLearning(history: StrategyUse[]): Checked<Learned[]> {
  return JSON.parse(wasm.explainLearning(JSON.stringify(history))) as Checked<Learned[]>;
}

export function feelingOptions(): FeelingOption[] {
  return JSON.parse(wasm.feelingOptions()) as FeelingOption[];
}

export function contextOptions(): ContextOption[] {
  return JSON.parse(wasm.contextOptions()) as ContextOption[];
}

/** The self-harm question, worded the same everywhere. */
export function selfHarmQuestion(): string {
  return wasm.selfHarmQuestion();
}

/** Whether a (valid) check-in should bring help first, and why: the
 * self-harm answer, or something in the note (read on the device only). */
export function helpFirstFor(checkIn: CheckIn): HelpFirst | null {
  return JSON.parse(wasm.helpFirstForCheckIn(JSON.stringify(checkIn))) as HelpFirst | null;
}

export function scopeOptions(): ScopeOption[] {
  return JSON.parse(wasm.scopeOptions()) as ScopeOption[];
}

export function checkInLimits(): CheckInLimits {
  return JSON.parse(wasm.checkInLimits()) as CheckInLimits;
}

/** Local time with its UTC offset, e.g. 2026-11-23T16:05:00+00:00. */
export function localTimestamp(date: Date = new Date()): string {
  const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

/** A new goal, checked against the goals already set. */
export function validateGoal(goal: Goal, existing: Goal[]): Checked<Goal> {
  return JSON.parse(wasm.validateGoal(JSON.stringify(goal), JSON.stringify(existing))) as Checked<Goal>;
}

export function validateMeasureResponse(response: MeasureResponse): Checked<MeasureResponse> {
  return JSON.parse(wasm.validateMeasureResponse(JSON.stringify(response))) as Checked<MeasureResponse>;
}

/** Whether a questionnaire's answers bring help first. */
export function helpFirstForMeasure(response: MeasureResponse): HelpFirst | null {
  return JSON.parse(wasm.helpFirstForMeasure(JSON.stringify(response))) as HelpFirst | null;
}

export function validateSafetyPlan(plan: SafetyPlan): Checked<SafetyPlan> {
  return JSON.parse(wasm.validateSafetyPlan(JSON.stringify(plan))) as Checked<SafetyPlan>;
}

export function safetyPlanSections(): PlanSection[] {
  return JSON.parse(wasm.safetyPlanSections()) as PlanSection[];
}
