// A young person's progress as their worker may see it: the core's numbers
// from what is shared now, drawn with the same sections the young person
// sees. A part that is not shared says so, and nothing more.

import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import type { Api } from '../api/client';
import type { SharedProgress as Shared } from '../core';
import type { Section } from '../core/generated/Section';
import { t } from '../i18n';
import { FeelingsSection, GoalsSection, HelpsSection, MoodSection, PatternsSection, WheelSection } from '../ui/progress';
import { localDate } from '../young/device-data';

export function SharedProgress({ api, youngPersonId }: { api: Api; youngPersonId: string }) {
  const [range, setRange] = useState(4);
  const [shared, setShared] = useState<Shared | undefined>();
  const [problem, setProblem] = useState('');

  useEffect(() => {
    setProblem('');
    api
      .call<Shared>('GET', `/young-people/${encodeURIComponent(youngPersonId)}/progress?weeks=${range}`)
      .then(setShared)
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : t.progress.loadFailed));
  }, [api, youngPersonId, range]);

  if (problem) {
    return (
      <p class="alert" role="alert">
        {problem}
      </p>
    );
  }
  if (!shared) return <p>{t.progress.loading}</p>;
  const words = t.progress;
  return (
    <div class="stack" data-testid="shared-progress">
      {shared.mood.status === 'shared' ? (
        <MoodSection
          weeks={shared.mood.value.weeks}
          trend={shared.mood.value.trend}
          today={localDate()}
          range={range}
          onRange={setRange}
          viewer="worker"
        />
      ) : (
        <NotShared id="mood" title={words.mood.title} />
      )}
      <Part id="feelings" title={words.feelings.title} section={shared.feelings}>
        {(value) => <FeelingsSection feelings={value.totals} />}
      </Part>
      {shared.patterns.status === 'shared' && <PatternsSection patterns={shared.patterns.value} />}
      <Part id="helps" title={words.helps.titleWorker} section={shared.helps_most}>
        {(value) => <HelpsSection helps={value} viewer="worker" />}
      </Part>
      <Part id="goals" title={words.goals.titleWorker} section={shared.goals}>
        {(value) => <GoalsSection goals={value.goals} changes={value.changes} viewer="worker" />}
      </Part>
      <Part id="wheel" title={words.wheel.titleWorker} section={shared.wheel}>
        {(value) => <WheelSection changes={value} viewer="worker" />}
      </Part>
    </div>
  );
}

function Part<T>({ id, title, section, children }: { id: string; title: string; section: Section<T>; children: (value: T) => ComponentChildren }) {
  return section.status === 'shared' ? <>{children(section.value)}</> : <NotShared id={id} title={title} />;
}

function NotShared({ id, title }: { id: string; title: string }) {
  return (
    <section class="card" aria-labelledby={`${id}-title`} data-testid={`not-shared-${id}`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p>{t.progress.notShared}</p>
    </section>
  );
}
