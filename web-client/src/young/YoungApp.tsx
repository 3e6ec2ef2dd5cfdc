import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import { CrisisContacts, GetHelpButton } from '../ui/GetHelp';
import { checkIns, type StoredCheckIn } from '../store/db';
import type { CheckIn, ConsentGrant } from '../core';
import { CheckInScreen } from './CheckInScreen';
import { IdeasScreen } from './IdeasScreen';
import { dateTime, list, plural, t } from '../i18n';
import { moodFace, moodWord } from './moods';
import { scopeTitle } from './scopes';
import { api, loadGrants, loadSession } from './session';
import { newMessageCount } from './inbox';
import { PlanSummary } from './PlanSummary';
import { keepPushFresh, RESUBSCRIBED_MESSAGE } from '../push/subscribe';
import { describe, syncNow, when as sentWhen, type SyncStatus } from './sync';
import { useGate } from './app-lock';
import { lazily } from '../ui/lazily';
import { LockScreen } from './LockScreen';
import { WelcomeScreen } from './WelcomeScreen';

// Screens a young person opens now and then load when first opened (the
// service worker keeps them for offline use), so starting the app and the
// check-in evaluate less code on a slow phone.
const LearnedScreen = lazily(() => import('./LearnedScreen').then((m) => m.LearnedScreen));
const ToolboxScreen = lazily(() => import('./ToolboxScreen').then((m) => m.ToolboxScreen));
const JoinScreen = lazily(() => import('./JoinScreen').then((m) => m.JoinScreen));
const SharingScreen = lazily(() => import('./SharingScreen').then((m) => m.SharingScreen));
const ParentsScreen = lazily(() => import('./ParentsScreen').then((m) => m.ParentsScreen));
const SafetyPlanScreen = lazily(() => import('./SafetyPlanScreen').then((m) => m.SafetyPlanScreen));
const GoalsScreen = lazily(() => import('./GoalsScreen').then((m) => m.GoalsScreen));
const ProgressScreen = lazily(() => import('./ProgressScreen').then((m) => m.ProgressScreen));
const WheelScreen = lazily(() => import('./WheelScreen').then((m) => m.WheelScreen));
const MyDataScreen = lazily(() => import('./MyDataScreen').then((m) => m.MyDataScreen));
const FindSupportScreen = lazily(() => import('./FindSupportScreen').then((m) => m.FindSupportScreen));
const MessagesScreen = lazily(() => import('./MessagesScreen').then((m) => m.MessagesScreen));
const MyGroupsScreen = lazily(() => import('./MyGroupsScreen').then((m) => m.MyGroupsScreen));
const SettingsScreen = lazily(() => import('./SettingsScreen').then((m) => m.SettingsScreen));
const WhoLookedScreen = lazily(() => import('./WhoLookedScreen').then((m) => m.WhoLookedScreen));

type Screen =
  | 'home'
  | 'check-in'
  | 'join'
  | 'sharing'
  | 'help-first'
  | 'ideas'
  | 'settings'
  | 'messages'
  | 'parents'
  | 'safety-plan'
  | 'toolbox'
  | 'learned'
  | 'progress'
  | 'goals'
  | 'wheel'
  | 'my-data'
  | 'who-looked'
  | 'find-support'
  | 'my-groups';

/** Screens a link (a tapped notification) can open directly. */
function screenFromHash(hash: string): Screen | undefined {
  if (hash.startsWith('#/check-in')) return 'check-in';
  if (hash.startsWith('#/settings')) return 'settings';
  if (hash.startsWith('#/messages')) return 'messages';
  if (hash.startsWith('#/safety-plan')) return 'safety-plan';
  if (hash.startsWith('#/toolbox')) return 'toolbox';
  if (hash.startsWith('#/learned')) return 'learned';
  if (hash.startsWith('#/progress')) return 'progress';
  if (hash.startsWith('#/goals')) return 'goals';
  if (hash.startsWith('#/wheel')) return 'wheel';
  if (hash.startsWith('#/my-data')) return 'my-data';
  if (hash.startsWith('#/privacy')) return 'who-looked';
  if (hash.startsWith('#/find-support')) return 'find-support';
  return undefined;
}

const RETRY_MS = 60_000;
/** The first retry after a send that could not get through; it doubles up to RETRY_MS. */
const SOON_MS = 5_000;

/** The young person's app: works without an account; connecting is optional. */
export function YoungApp() {
  const [gate, setGate] = useGate();
  const [screen, setScreen] = useState<Screen>(screenFromHash(location.hash) ?? 'home');
  const [connected, setConnected] = useState(false);
  const [recent, setRecent] = useState<StoredCheckIn[]>([]);
  const [grants, setGrants] = useState<ConsentGrant[]>([]);
  const [status, setStatus] = useState<SyncStatus>({ state: 'not_connected' });
  const [saved, setSaved] = useState(false);
  const [latest, setLatest] = useState<CheckIn | undefined>();
  const [newMessages, setNewMessages] = useState(0);

  const refresh = useCallback(async () => {
    const session = await loadSession();
    setConnected(Boolean(session));
    if (session) setNewMessages(await newMessageCount());
    setRecent(await checkIns.all());
    setGrants(await loadGrants());
  }, []);

  const sync = useCallback(async () => {
    setStatus({ state: 'sending' });
    setStatus(await syncNow());
    await refresh();
  }, [refresh]);

  // The "online" event can come a moment before the server is reachable:
  // a send that could not get through tries again soon, then less often.
  const retryIn = useRef(SOON_MS);
  useEffect(() => {
    if (status.state === 'sending') return;
    if (status.state !== 'waiting' && status.state !== 'failed') {
      retryIn.current = SOON_MS;
      return;
    }
    const timer = window.setTimeout(() => void sync(), retryIn.current);
    retryIn.current = Math.min(retryIn.current * 2, RETRY_MS);
    return () => window.clearTimeout(timer);
  }, [status, sync]);

  useEffect(() => {
    const onHash = () => {
      const linked = screenFromHash(location.hash);
      if (linked) setScreen(linked);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (!connected) return;
    const fresh = () => void keepPushFresh(api).catch(() => undefined);
    fresh();
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: string } | undefined)?.type === RESUBSCRIBED_MESSAGE) fresh();
    };
    navigator.serviceWorker?.addEventListener('message', onMessage);
    return () => navigator.serviceWorker?.removeEventListener('message', onMessage);
  }, [connected]);

  useEffect(() => {
    void refresh().then(sync);
    const retry = () => void sync();
    window.addEventListener('online', retry);
    const timer = window.setInterval(retry, RETRY_MS);
    return () => {
      window.removeEventListener('online', retry);
      window.clearInterval(timer);
    };
  }, [refresh, sync]);

  const go = (next: Screen) => {
    // The address names the screen when it has a link of its own, so a
    // reload (even offline) stays there; other screens clear it, so a
    // tapped link always changes the address and opens its screen.
    const link = screenFromHash(`#/${next}`) === next ? `#/${next}` : '';
    if (location.hash !== link) history.replaceState(null, '', location.pathname + location.search + link);
    setSaved(false);
    setScreen(next);
  };

  return (
    <>
      <header class="topbar">
        <span class="brand">
          <img src="/icon.svg" alt="" width="28" height="28" /> Lantern
        </span>
        <GetHelpButton>
          <PlanSummary />
        </GetHelpButton>
      </header>
      <main>
        {gate === 'welcome' && <WelcomeScreen onDone={() => setGate('open')} />}
        {gate === 'locked' && <LockScreen onUnlocked={() => setGate('open')} />}
        {gate === 'open' && <Screens {...{ screen, go, setScreen, setSaved, setLatest, latest, sync, refresh, connected, recent, grants, status, saved, newMessages }} />}
      </main>
    </>
  );
}

interface ScreensProps {
  screen: Screen;
  go: (next: Screen) => void;
  setScreen: (next: Screen) => void;
  setSaved: (saved: boolean) => void;
  setLatest: (checkIn: CheckIn) => void;
  latest: CheckIn | undefined;
  sync: () => Promise<void>;
  refresh: () => Promise<void>;
  connected: boolean;
  recent: StoredCheckIn[];
  grants: ConsentGrant[];
  status: SyncStatus;
  saved: boolean;
  newMessages: number;
}

/** The screen the young person is on, once past the welcome and the lock. */
function Screens(props: ScreensProps) {
  const { screen, go, setScreen, setSaved, setLatest, latest, sync, refresh, connected, recent, grants, status, saved, newMessages } =
    props;
  return (
      <>
        {screen === 'check-in' && (
          <CheckInScreen
            onSaved={(checkIn, needsHelp) => {
              setLatest(checkIn);
              setScreen(needsHelp ? 'help-first' : 'ideas');
              void sync();
            }}
            onCancel={() => go('home')}
          />
        )}
        {screen === 'join' && (
          <JoinScreen
            onJoined={() => {
              void refresh();
              go('sharing');
            }}
            onCancel={() => go('home')}
          />
        )}
        {screen === 'ideas' && latest && (
          <IdeasScreen
            checkIn={latest}
            onDone={() => {
              setScreen('home');
              setSaved(true);
            }}
          />
        )}
        {screen === 'help-first' && <HelpFirst onDone={() => go('home')} />}
        {screen === 'sharing' && <SharingScreen onChanged={() => void sync()} onDone={() => go('home')} />}
        {screen === 'messages' && (
          <MessagesScreen
            onDone={() => {
              go('home');
              void refresh();
            }}
          />
        )}
        {screen === 'parents' && <ParentsScreen onDone={() => go('home')} />}
        {screen === 'safety-plan' && <SafetyPlanScreen onSaved={() => void sync()} onDone={() => go('home')} />}
        {screen === 'settings' && (
          <SettingsScreen connected={connected} onLearned={() => go('learned')} onDone={() => go('home')} />
        )}
        {screen === 'toolbox' && <ToolboxScreen onDone={() => go('home')} />}
        {screen === 'learned' && <LearnedScreen onDone={() => go('home')} />}
        {screen === 'progress' && (
          <ProgressScreen onGoals={() => go('goals')} onWheel={() => go('wheel')} onDone={() => go('home')} />
        )}
        {screen === 'goals' && <GoalsScreen onChanged={() => void sync()} onDone={() => go('progress')} />}
        {screen === 'wheel' && (
          <WheelScreen
            onSaved={() => {
              go('progress');
              void sync();
            }}
            onCancel={() => go('progress')}
          />
        )}
        {screen === 'my-data' && <MyDataScreen connected={connected} onWhoLooked={() => go('who-looked')} onDone={() => go('home')} />}
        {screen === 'who-looked' && <WhoLookedScreen onDone={() => go('my-data')} />}
        {screen === 'find-support' && <FindSupportScreen onDone={() => go('home')} />}
        {screen === 'my-groups' && <MyGroupsScreen onDone={() => go('home')} />}
        {screen === 'home' && (
          <Home
            connected={connected}
            recent={recent}
            grants={grants}
            status={status}
            saved={saved}
            onCheckIn={() => go('check-in')}
            onJoin={() => go('join')}
            onSharing={() => go('sharing')}
            onSettings={() => go('settings')}
            onToolbox={() => go('toolbox')}
            onMessages={() => go('messages')}
            onParents={() => go('parents')}
            onMyGroups={() => go('my-groups')}
            onSafetyPlan={() => go('safety-plan')}
            onProgress={() => go('progress')}
            onMyData={() => go('my-data')}
            onFindSupport={() => go('find-support')}
            newMessages={newMessages}
            onSync={() => void sync()}
          />
        )}
      </>
  );
}

/** After a young person tells us of thoughts of self-harm: help, kindly, first. */
function HelpFirst({ onDone }: { onDone: () => void }) {
  return (
    <section class="stack" aria-labelledby="help-first-title">
      <h1 id="help-first-title">{t.home.helpFirst.title}</h1>
      <p>{t.home.helpFirst.body}</p>
      <div class="card">
        <h2>{t.home.helpFirst.trustTitle}</h2>
        <p>{t.home.helpFirst.trust}</p>
      </div>
      <CrisisContacts />
      <PlanSummary />
      <p>{t.home.helpFirst.saved}</p>
      <button type="button" class="secondary" onClick={onDone}>
        {t.common.backHome}
      </button>
    </section>
  );
}

interface HomeProps {
  connected: boolean;
  recent: StoredCheckIn[];
  grants: ConsentGrant[];
  status: SyncStatus;
  saved: boolean;
  onCheckIn: () => void;
  onJoin: () => void;
  onSharing: () => void;
  onSettings: () => void;
  onToolbox: () => void;
  onMessages: () => void;
  onParents: () => void;
  onMyGroups: () => void;
  onSafetyPlan: () => void;
  onProgress: () => void;
  onMyData: () => void;
  onFindSupport: () => void;
  newMessages: number;
  onSync: () => void;
}

function Home(props: HomeProps) {
  const { connected, recent, grants, status, saved, onCheckIn, onJoin, onSharing, onSettings, onSync } = props;
  const shown = describe(status);
  const canSend = connected && !['not_connected', 'not_shared', 'sending'].includes(status.state);
  return (
    <div class="stack">
      {saved && (
        <p class="status ok" role="status">
          {t.home.saved}
        </p>
      )}
      <section class="card stack">
        <h1>{t.home.greeting}</h1>
        <p>{t.home.checkInHint}</p>
        <button type="button" onClick={onCheckIn}>
          {t.home.checkIn}
        </button>
      </section>

      <section class="card">
        <h2>{t.toolbox.homeTitle}</h2>
        <p class="hint">{t.toolbox.homeHint}</p>
        <button type="button" class="secondary" onClick={props.onToolbox}>
          {t.toolbox.open}
        </button>
      </section>

      <section class="card">
        <h2>{t.findSupport.title}</h2>
        <p class="hint">{t.findSupport.homeHint}</p>
        <button type="button" class="secondary" onClick={props.onFindSupport}>
          {t.findSupport.open}
        </button>
      </section>

      <section class="card">
        <h2>{t.progress.title}</h2>
        <p class="hint">{t.progress.homeHint}</p>
        <button type="button" class="secondary" onClick={props.onProgress}>
          {t.progress.title}
        </button>
      </section>

      <section class="card">
        <h2>{t.home.sharing}</h2>
        {connected && (
          <p data-testid="sharing-summary">
            {grants.length === 0
              ? t.home.sharingNothing
              : t.home.sharingList(list(grants.map((g) => scopeTitle(g.scope))))}
          </p>
        )}
        <p class={`status ${shown.tone}`} data-testid="sync-status" aria-live="polite">
          {shown.text}
        </p>
        <div class="row">
          {connected ? (
            <>
              <button type="button" class="secondary" onClick={onSharing}>
                {t.home.whatIShare}
              </button>
              {canSend && (
                <button type="button" class="secondary" onClick={onSync}>
                  {t.home.sendNow}
                </button>
              )}
            </>
          ) : (
            <button type="button" class="secondary" onClick={onJoin}>
              {t.home.haveCode}
            </button>
          )}
        </div>
      </section>

      {connected && (
        <section class="card">
          <h2>{t.home.messages}</h2>
          <p class="hint" data-testid="new-messages">
            {props.newMessages === 0 ? t.home.messagesNone : plural(props.newMessages, t.home.messagesNew)}
          </p>
          <button type="button" class="secondary" onClick={props.onMessages}>
            {t.home.messages}
          </button>
        </section>
      )}

      {connected && (
        <section class="card">
          <h2>{t.myGroups.title}</h2>
          <p class="hint">{t.myGroups.homeHint}</p>
          <button type="button" class="secondary" onClick={props.onMyGroups}>
            {t.myGroups.title}
          </button>
        </section>
      )}

      {connected && (
        <section class="card">
          <h2>{t.home.parent}</h2>
          <p class="hint">{t.home.parentHint}</p>
          <button type="button" class="secondary" onClick={props.onParents}>
            {t.home.parent}
          </button>
        </section>
      )}

      <section class="card">
        <h2>{t.safetyPlan.title}</h2>
        <p class="hint">{t.safetyPlan.homeHint}</p>
        <button type="button" class="secondary" onClick={props.onSafetyPlan}>
          {t.safetyPlan.openEditor}
        </button>
      </section>

      <section class="card">
        <h2>{t.home.reminders}</h2>
        <p class="hint">{t.home.remindersHint}</p>
        <button type="button" class="secondary" onClick={onSettings}>
          {t.home.reminders}
        </button>
      </section>

      <section class="card">
        <h2>{t.account.myData.title}</h2>
        <p class="hint">{t.account.home}</p>
        <button type="button" class="secondary" onClick={props.onMyData}>
          {t.account.myData.title}
        </button>
      </section>

      <section class="card">
        <h2>{t.home.myCheckIns}</h2>
        {recent.length === 0 ? (
          <p class="hint">{t.home.noCheckIns}</p>
        ) : (
          <ul class="check-ins">
            {recent.slice(0, 10).map((row) => (
              <li key={row.id}>
                <span aria-hidden="true">{moodFace(row.checkIn.mood)}</span> {moodWord(row.checkIn.mood)} ·{' '}
                {dateTime(row.checkIn.recorded_at)}
                {row.syncedAt && <span class="hint">{t.home.sent(sentWhen(row.syncedAt))}</span>}
                {row.workerTold && (
                  <p class="hint" data-testid="worker-told">
                    {t.home.workerTold}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
