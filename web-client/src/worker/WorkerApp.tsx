import { useEffect, useState } from 'preact/hooks';

import type { CaseloadEntry, Session } from '../api/types';
import { ts } from '../i18n/staff';
import { keepPushFresh } from '../push/subscribe';
import { lazily } from '../ui/lazily';
import { NotificationSettings } from '../ui/NotificationSettings';
import { Alerts } from './Alerts';
import { api, tabSessions } from './api';
import { Caseload } from './Caseload';
import { GroupEncourage } from './GroupEncourage';
import { GroupPageView, Groups } from './Groups';
import { Invite } from './Invite';
import { Security } from './Security';
import { SignIn } from './SignIn';
import { EnrolmentScreen } from './TotpEnrolment';
import { YoungPersonPage } from './YoungPersonPage';
import './worker.css';

const words = ts.worker.common;

// The lead's reports and the admin's face load only for them.
const LeadReports = lazily(() => import('../lead/Reports').then((face) => face.Reports));
const AdminFace = lazily(() => import('../admin/AdminFace').then((face) => face.AdminFace));

/** The worker's dashboard: sign-in (with two-step codes), caseload, a young
 * person's shared data, encouragement, invites. */
export function WorkerApp() {
  const [session, setSession] = useState<Session | undefined>();
  const [loaded, setLoaded] = useState(false);
  const [selected, setSelected] = useState<CaseloadEntry | undefined>();
  const [group, setGroup] = useState<string | undefined>();
  // Bumped when something changes the caseload's order or badges.
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((n) => n + 1);

  useEffect(() => {
    void tabSessions.load().then((s) => {
      setSession(s);
      setLoaded(true);
    });
  }, []);

  const full = session && session.scope !== 'totp_enrolment';
  const lead = session?.user.role === 'service_lead';
  const admin = session?.user.role === 'admin';
  // Workers get the caseload; leads and admins their own face instead.
  const worker = full && !lead && !admin;
  useEffect(() => {
    // A browser whose push subscription changed tells the server again.
    if (full) void keepPushFresh(api).catch(() => undefined);
  }, [full]);

  const signOut = async () => {
    await api.signOut();
    setSession(undefined);
    setSelected(undefined);
  };

  if (!loaded) return null;
  return (
    <>
      <header class="topbar">
        <span class="brand">
          <img src="/icon.svg" alt="" width="28" height="28" /> {words.brand}
        </span>
        {session && (
          <div class="row">
            <span>{session.user.display_name}</span>
            <button type="button" class="secondary" onClick={signOut}>
              {words.signOut}
            </button>
          </div>
        )}
      </header>
      <main class="wide">
        {!session && <SignIn onSignedIn={setSession} />}
        {session && !full && <EnrolmentScreen session={session} onSession={setSession} />}
        {full && lead && <LeadReports />}
        {full && admin && <AdminFace me={session.user.id} />}
        {full && (lead || admin) && (
          <details class="card">
            <summary>{ts.worker.totp.settingsTitle}</summary>
            <Security />
          </details>
        )}
        {worker && group && <GroupPageView id={group} onBack={() => setGroup(undefined)} />}
        {worker && !group && !selected && (
          <div class="stack">
            <h1 class="visually-hidden">{words.dashboard}</h1>
            <Alerts api={api} onChanged={changed} />
            <Caseload onOpen={setSelected} reloadKey={changes} />
            <Groups onOpen={setGroup} />
            <GroupEncourage />
            <Invite />
            <details class="card">
              <summary>{ts.worker.notifications}</summary>
              <NotificationSettings api={api} />
            </details>
            <details class="card">
              <summary>{ts.worker.totp.settingsTitle}</summary>
              <Security />
            </details>
          </div>
        )}
        {worker && !group && selected && <YoungPersonPage person={selected} onBack={() => setSelected(undefined)} onChanged={changed} />}
      </main>
    </>
  );
}
