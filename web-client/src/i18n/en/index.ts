/**
 * English, the first catalogue. One module per part of the app, so each
 * screen's words sit together and a translator can work part by part.
 */
import { account } from './account';
import { admin } from './admin';
import { alerts } from './alerts';
import { checkIn } from './checkIn';
import { common } from './common';
import { findSupport } from './findSupport';
import { groups } from './groups';
import { help } from './help';
import { home } from './home';
import { join } from './join';
import { messages } from './messages';
import { myGroups } from './myGroups';
import { notifications } from './notifications';
import { outcomes } from './outcomes';
import { parentApp } from './parentApp';
import { parents } from './parents';
import { progress } from './progress';
import { reminders } from './reminders';
import { reports } from './reports';
import { safetyPlan } from './safety-plan';
import { sharing } from './sharing';
import { signposts } from './signposts';
import { sync } from './sync';
import { toolbox } from './toolbox';
import { topics } from './topics';
import { worker } from './worker';
import { workerMessages } from './workerMessages';

export const en = {
  admin,
  common,
  messages,
  reminders,
  parents,
  notifications,
  parentApp,
  topics,
  workerMessages,
  alerts,
  sync,
  safetyPlan,
  toolbox,
  worker,
  outcomes,
  signposts,
  progress,
  account,
  checkIn,
  join,
  home,
  help,
  sharing,
  reports,
  groups,
  findSupport,
  myGroups,
};
