import { useState } from 'preact/hooks';

import { OfflineError } from '../api/client';
import { t } from '../i18n';
import { deviceExport, download, wipeDevice } from './device';
import { PinSettings } from './PinSettings';
import { api } from './session';

const words = t.account.myData;

type Confirming = 'wipe' | 'account' | undefined;

/** Keep a copy, delete everything, the app PIN, and who looked. */
export function MyDataScreen({ connected, onWhoLooked, onDone }: { connected: boolean; onWhoLooked: () => void; onDone: () => void }) {
  const [confirming, setConfirming] = useState<Confirming>();
  const [problem, setProblem] = useState('');
  const stamp = new Date().toISOString().slice(0, 10);

  const failed = (error: unknown) => setProblem(error instanceof OfflineError ? words.offline : words.failed);

  const exportDevice = async () => download(`lantern-phone-${stamp}.json`, await deviceExport());
  const exportServer = async () => {
    setProblem('');
    try {
      download(`lantern-service-${stamp}.json`, JSON.stringify(await api.call('GET', '/me/export'), null, 2));
    } catch (error) {
      failed(error);
    }
  };
  const wipe = async () => {
    await wipeDevice();
    location.replace('/');
  };
  const deleteAccount = async () => {
    setProblem('');
    try {
      await api.call('DELETE', '/me', { confirm: true });
    } catch (error) {
      return failed(error);
    }
    await wipe();
  };

  return (
    <section class="stack" aria-labelledby="my-data-title">
      <h1 id="my-data-title">{words.title}</h1>
      <PinSettings />
      {connected && (
        <section class="card stack">
          <h2>{words.whoLooked}</h2>
          <button type="button" class="secondary" onClick={onWhoLooked}>
            {words.whoLooked}
          </button>
        </section>
      )}
      <section class="card stack" aria-labelledby="export-title">
        <h2 id="export-title">{words.exportTitle}</h2>
        <p class="hint">{words.exportHint}</p>
        <button type="button" class="secondary" onClick={() => void exportDevice()}>
          {words.exportDevice}
        </button>
        {connected && (
          <>
            <p class="hint">{words.exportServerHint}</p>
            <button type="button" class="secondary" onClick={() => void exportServer()}>
              {words.exportServer}
            </button>
          </>
        )}
      </section>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      <Danger
        title={words.wipeTitle}
        hint={words.wipeHint}
        action={words.wipe}
        question={words.wipeConfirm}
        yes={words.wipeYes}
        open={confirming === 'wipe'}
        onAsk={(open) => setConfirming(open ? 'wipe' : undefined)}
        onYes={wipe}
      />
      {connected && (
        <Danger
          title={words.accountTitle}
          hint={words.accountHint}
          action={words.account}
          question={words.accountConfirm}
          yes={words.accountYes}
          open={confirming === 'account'}
          onAsk={(open) => setConfirming(open ? 'account' : undefined)}
          onYes={deleteAccount}
        />
      )}
      <button type="button" class="secondary" onClick={onDone}>
        {t.common.backHome}
      </button>
    </section>
  );
}

interface DangerProps {
  title: string;
  hint: string;
  action: string;
  question: string;
  yes: string;
  open: boolean;
  onAsk: (open: boolean) => void;
  onYes: () => Promise<void>;
}

/** Something that cannot be undone: asked twice, the second time in words. */
function Danger({ title, hint, action, question, yes, open, onAsk, onYes }: DangerProps) {
  return (
    <section class="card stack" aria-label={title}>
      <h2>{title}</h2>
      <p class="hint">{hint}</p>
      {open ? (
        <div class="stack" role="alertdialog" aria-label={question}>
          <p class="status warn">{question}</p>
          <div class="row">
            <button type="button" onClick={() => void onYes()}>
              {yes}
            </button>
            <button type="button" class="secondary" onClick={() => onAsk(false)} autoFocus>
              {t.common.cancel}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" class="secondary" onClick={() => onAsk(true)}>
          {action}
        </button>
      )}
    </section>
  );
}
