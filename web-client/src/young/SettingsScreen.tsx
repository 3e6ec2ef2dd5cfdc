import { t } from '../i18n';
import { NotificationSettings } from '../ui/NotificationSettings';
import { IdeaSettings } from './IdeaSettings';
import { Reminder } from './Reminder';
import { api } from './session';

/** What may buzz on this phone, and when to keep quiet. */
export function SettingsScreen(props: { connected: boolean; onLearned: () => void; onDone: () => void }) {
  const { connected, onDone } = props;
  return (
    <section class="stack" aria-labelledby="settings-title">
      <h1 id="settings-title">{t.home.reminders}</h1>
      <Reminder />
      {connected ? (
        <NotificationSettings api={api} />
      ) : (
        <p>{t.home.connectForMessages}</p>
      )}
      <IdeaSettings />
      <section class="card">
        <h2>{t.toolbox.learnedTitle}</h2>
        <p class="hint">{t.toolbox.learnedIntro}</p>
        <button type="button" class="secondary" onClick={props.onLearned}>
          {t.toolbox.learnedLink}
        </button>
      </section>
      <button type="button" class="secondary" onClick={onDone}>
        {t.common.backHome}
      </button>
    </section>
  );
}
