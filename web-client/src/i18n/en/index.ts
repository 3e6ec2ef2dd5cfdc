/**
 * English, the first catalogue. One module per part of the app, so each
 * screen's words sit together and a translator can work part by part.
 */
import { common } from './common';
import { messages } from './messages';
import { notifications } from './notifications';
import { parentApp } from './parentApp';
import { parents } from './parents';
import { reminders } from './reminders';
import { topics } from './topics';

export const en = {
  common,
  messages,
  reminders,
  parents,
  notifications,
  parentApp,
  topics,
};
