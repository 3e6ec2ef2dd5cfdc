import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

import { t } from '../i18n';

/** A screen or face whose code is fetched the first time it is shown; it
 * says "Loading…" meanwhile, and something plain if the code cannot
 * arrive. `frame` puts that line where the page needs it. */
export function lazily<P extends object>(
  load: () => Promise<ComponentType<P>>,
  frame: (status: ComponentChildren) => ComponentChildren = (status) => status,
): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return function Lazy(props: P) {
    const [Screen, setScreen] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Screen) return;
      load().then(
        (screen) => {
          loaded = screen;
          setScreen(() => screen);
        },
        () => setFailed(true),
      );
    }, []);
    if (Screen) return <Screen {...props} />;
    return <>{frame(<p role="status">{failed ? t.help.pageFailed : t.help.loading}</p>)}</>;
  };
}
