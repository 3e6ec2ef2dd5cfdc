// Goals in the young person's own words, each with how it has moved from its
// first rating to its latest (0 not started … 10 reached it).

import type { ComponentChildren } from 'preact';

import type { Goal, GoalChange } from '../../core';
import { t } from '../../i18n';
import { number, type Viewer } from './format';

interface Props {
  goals: Goal[];
  changes: GoalChange[];
  viewer: Viewer;
  /** What the young person can do next (set or rate goals). */
  children?: ComponentChildren;
}

export function GoalsSection({ goals, changes, viewer, children }: Props) {
  const words = t.progress.goals;
  const open = goals.filter((g) => !g.closed_at);
  return (
    <section class="card" aria-labelledby="goals-title">
      <h2 id="goals-title">{viewer === 'young' ? words.title : words.titleWorker}</h2>
      {open.length === 0 ? (
        <p>{viewer === 'young' ? words.empty : words.emptyWorker}</p>
      ) : (
        <ul class="goals" data-testid="goal-progress">
          {open.map((goal) => (
            <li key={goal.id}>
              <GoalLine goal={goal} change={changes.find((c) => c.goal_id === goal.id)} />
            </li>
          ))}
        </ul>
      )}
      {children}
    </section>
  );
}

/** The goal, and where it stands in words and as a bar (the bar only repeats
 * the words). With `titleId` the goal's words are the heading of its card. */
export function GoalLine({ goal, change, titleId }: { goal: Goal; change?: GoalChange; titleId?: string }) {
  const words = t.progress.goals;
  return (
    <>
      {titleId ? (
        <h2 class="goal-text" id={titleId}>
          {goal.text}
        </h2>
      ) : (
        <p class="goal-text">{goal.text}</p>
      )}
      {change ? (
        <>
          <p class="hint">
            {change.ratings > 1 ? words.change(number(change.first), number(change.latest)) : words.latest(number(change.latest))}
          </p>
          <div class="goal-bar" aria-hidden="true">
            <span style={{ width: `${change.latest * 10}%` }} />
          </div>
        </>
      ) : (
        <p class="hint">{words.notRated}</p>
      )}
    </>
  );
}
