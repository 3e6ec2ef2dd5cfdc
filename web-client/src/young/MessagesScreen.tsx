import { useEffect, useState } from 'preact/hooks';

import { OfflineError } from '../api/client';
import { day, t } from '../i18n';
import { smsLink, telLink } from '../ui/contact-links';
import { markMessagesRead } from './inbox';
import { api } from './session';

type ReplyKind = 'heart' | 'thumbs_up' | 'thanks' | 'smile';

interface ReplyView {
  reply: ReplyKind;
  words: string;
  at: string;
}

interface ReceivedMessage {
  id: string;
  from: string;
  text: string;
  at: string;
  reply: ReplyView | null;
}

interface MyMessages {
  replies: { reply: ReplyKind; words: string }[];
  messages: ReceivedMessage[];
}

interface DirectoryService {
  name: string;
  description: string;
  phone?: string | null;
  text_number?: string | null;
  text_keyword?: string | null;
  website?: string | null;
  hours: string;
}

/** A place to get help that the worker suggested. */
interface Signpost {
  id: string;
  from: string;
  note: string | null;
  at: string;
  service_name: string;
  service: DirectoryService | null;
}

const FACES: Record<ReplyKind, string> = { heart: '❤️', thumbs_up: '👍', thanks: '🙏', smile: '🙂' };

/** Messages from the young person's worker; each can be answered with one
 * tap. It is not a chat, and nothing here is needed to use Lantern. */
export function MessagesScreen({ onDone }: { onDone: () => void }) {
  const [loaded, setLoaded] = useState<MyMessages | undefined>();
  const [signposts, setSignposts] = useState<Signpost[]>([]);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    api
      .call<MyMessages>('GET', '/me/encouragements')
      .then(setLoaded)
      .catch((error: unknown) =>
        setProblem(
          error instanceof OfflineError ? t.messages.offline : t.messages.loadFailed,
        ),
      );
    api
      .call<{ signposts: Signpost[] }>('GET', '/me/signposts')
      .then((list) => setSignposts(list.signposts))
      .catch(() => undefined);
    void markMessagesRead();
  }, []);

  const answer = async (message: ReceivedMessage, reply: ReplyKind) => {
    setProblem('');
    try {
      // The answer is the message as it now stands, reply included.
      const updated = await api.call<ReceivedMessage>(
        'PUT',
        `/me/encouragements/${encodeURIComponent(message.id)}/reply`,
        { reply },
      );
      setLoaded((current) =>
        current && {
          ...current,
          messages: current.messages.map((m) => (m.id === updated.id ? updated : m)),
        },
      );
    } catch {
      setProblem(t.messages.answerFailed);
    }
  };

  return (
    <section class="stack" aria-labelledby="messages-title">
      <h1 id="messages-title">{t.messages.title}</h1>
      {problem && (
        <p class="alert" role="alert">
          {problem}
        </p>
      )}
      {loaded && loaded.messages.length === 0 && signposts.length === 0 && <p class="hint">{t.messages.none}</p>}
      {signposts.map((signpost) => (
        <SignpostCard signpost={signpost} key={signpost.id} />
      ))}
      {loaded?.messages.map((message) => (
        <article class="card stack" key={message.id} data-testid="message">
          <p class="hint">{t.messages.from(message.from, day(message.at, { weekday: 'short' }))}</p>
          <p>{message.text}</p>
          <div class="row" role="group" aria-label={t.messages.answerWithOneTap}>
            {loaded.replies.map((option) => (
              <button
                type="button"
                key={option.reply}
                class={message.reply?.reply === option.reply ? 'picked chip' : 'secondary chip'}
                aria-pressed={message.reply?.reply === option.reply}
                onClick={() => void answer(message, option.reply)}
              >
                <span aria-hidden="true">{FACES[option.reply]}</span> {t.messages.replies[option.reply] ?? option.words}
              </button>
            ))}
          </div>
          {message.reply && (
            <p class="hint" role="status">
              {t.messages.answered(message.reply.words)}
            </p>
          )}
        </article>
      ))}
      <button type="button" class="secondary" onClick={onDone}>
        {t.common.backHome}
      </button>
    </section>
  );
}

/** A place that can help, from the worker: their words, then how to get in touch. */
function SignpostCard({ signpost }: { signpost: Signpost }) {
  const service = signpost.service;
  return (
    <article class="card stack" data-testid="signpost">
      <p class="hint">{t.messages.from(signpost.from, day(signpost.at, { weekday: 'short' }))}</p>
      <h2>{t.messages.placeToTry(signpost.service_name)}</h2>
      {signpost.note && <p>{signpost.note}</p>}
      {service ? (
        <>
          <p>{service.description}</p>
          <p class="hint">{service.hours}</p>
          <div class="row">
            {service.phone && (
              <a class="button" href={telLink(service.phone)}>
                {t.messages.call(service.phone)}
              </a>
            )}
            {service.text_number && (
              <a class="button" href={smsLink(service.text_number, service.text_keyword)}>
                {t.messages.text(service.text_number, service.text_keyword ?? undefined)}
              </a>
            )}
            {service.website && (
              <a class="button secondary" href={service.website} target="_blank" rel="noopener noreferrer">
                {t.messages.website}
              </a>
            )}
          </div>
        </>
      ) : (
        <p class="hint">{t.messages.serviceGone}</p>
      )}
    </article>
  );
}
