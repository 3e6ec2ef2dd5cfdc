/**
 * English, the first catalogue. One module per part of the app, so each
 * screen's words sit together and a translator can work part by part.
 */
import { common } from './common';
import { safetyPlan } from './safety-plan';
import { toolbox } from './toolbox';
import { worker } from './worker';

export const en = {
  common,
  safetyPlan,
  toolbox,
  worker,
};
