/**
 * English for the staff and parent faces (the worker's dashboard, the lead's
 * reports, the admin's places and the parent's view). Kept apart from the
 * young person's words so the phone's first script does not carry them.
 */
import { admin } from './admin';
import { alerts } from './alerts';
import { groups } from './groups';
import { parentApp } from './parentApp';
import { reports } from './reports';
import { signposts } from './signposts';
import { topics } from './topics';
import { worker } from './worker';
import { workerMessages } from './workerMessages';

export const staff = {
  admin,
  alerts,
  groups,
  parentApp,
  reports,
  signposts,
  topics,
  worker,
  workerMessages,
};
