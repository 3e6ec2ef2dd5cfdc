// My progress: moods over the weeks, feelings, what helps, goals, the wheel,
// and patterns only when the core found enough evidence. All counted on the
// phone by the core, from what is stored on the phone.

import { useEffect, useMemo, useState } from 'preact/hooks';

import { progress, type DeviceData } from '../core';
import { t } from '../i18n';
import {
  FeelingsSection,
  GoalsSection,
  HelpsSection,
  MoodSection,
  PatternsSection,
  WheelSection,
  WHEEL_ID,
} from '../ui/progress';
import { loadDeviceData, localDate } from './device-data';

interface Props {
  onGoals: () => void;
  onWheel: () => void;
  onDone: () => void;
}

export function ProgressScreen({ onGoals, onWheel, onDone }: Props) {
  const words = t.progress;
  const [range, setRange] = useState(4);
  const [data, setData] = useState<Partial<DeviceData> | undefined>();
  const today = localDate();

  useEffect(() => {
    void loadDeviceData().then(setData);
  }, []);

  const checked = useMemo(() => data && progress(data, today, range), [data, today, range]);
  if (!data || !checked) return <p>{words.loading}</p>;
  if (checked.status === 'invalid') {
    return (
      <p class="alert" role="alert">
        {checked.errors.map((e) => e.message).join(' ')}
      </p>
    );
  }
  const mine = checked.value;
  const wheels = (data.measure_responses ?? []).filter((m) => m.measure_id === WHEEL_ID).length;
  return (
    <div class="stack">
      <h1>{words.title}</h1>
      <MoodSection weeks={mine.weeks} trend={mine.trend} today={today} range={range} onRange={setRange} viewer="young" />
      <FeelingsSection feelings={mine.feelings} />
      <PatternsSection patterns={mine.patterns} />
      <HelpsSection helps={mine.helps_most} viewer="young" />
      <GoalsSection goals={data.goals ?? []} changes={mine.goal_changes} viewer="young">
        <button type="button" class="secondary" onClick={onGoals}>
          {words.goals.open}
        </button>
      </GoalsSection>
      <WheelSection changes={mine.wheel_changes} viewer="young" taken={wheels}>
        <button type="button" class="secondary" onClick={onWheel}>
          {wheels === 0 ? words.wheel.take : words.wheel.again}
        </button>
      </WheelSection>
      <button type="button" class="secondary" onClick={onDone}>
        {t.common.backHome}
      </button>
    </div>
  );
}
