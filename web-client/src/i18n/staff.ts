/**
 * The words of the staff and parent faces, chosen for the device's language
 * like `t`. Only those faces import this, so it loads with them and never in
 * the young person's first script.
 */
import { staff as en } from './en/staff';
import { languageOf, locale } from './index';

/** The shape every staff catalogue must have: English's. */
export type StaffStrings = typeof en;

const catalogues: Record<string, StaffStrings> = { en };

export const ts: StaffStrings = catalogues[languageOf(locale)] ?? en;
