/**
 * English, the first catalogue. One module per part of the app, so each
 * screen's words sit together and a translator can work part by part.
 */
import { common } from './common';
import { progress } from './progress';

export const en = {
  common,
  progress,
};
