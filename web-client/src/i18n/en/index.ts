/**
 * English, the first catalogue. One module per part of the app, so each
 * screen's words sit together and a translator can work part by part.
 */
import { account } from './account';
import { checkIn } from './checkIn';
import { common } from './common';
import { findSupport } from './findSupport';
import { help } from './help';
import { home } from './home';
import { join } from './join';
import { messages } from './messages';
import { myGroups } from './myGroups';
import { notifications } from './notifications';
import { outcomes } from './outcomes';
import { parents } from './parents';
import { progress } from './progress';
import { reminders } from './reminders';
import { safetyPlan } from './safety-plan';
import { sharing } from './sharing';
import { sync } from './sync';
import { toolbox } from './toolbox';

export const en = {
  common,
  messages,
  reminders,
  parents,
  notifications,
  sync,
  safetyPlan,
  toolbox,
  outcomes,
  progress,
  account,
  checkIn,
  join,
  home,
  help,
  sharing,
  findSupport,
  myGroups,
};
