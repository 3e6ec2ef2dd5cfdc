/**
 * English, the first catalogue. One module per part of the app, so each
 * screen's words sit together and a translator can work part by part.
 */
import { account } from './account';
import { common } from './common';

export const en = {
  common,
  account,
};
