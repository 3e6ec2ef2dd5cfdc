// One uPlot chart in a box that follows its width. uPlot is fetched the first
// time a chart is drawn, so it never weighs on the app's first load. The
// canvas is a picture for sighted users; every chart sits next to a text
// equivalent (a table or sentences), which is what screen readers get.

import type uPlot from 'uplot';
import { useEffect, useRef } from 'preact/hooks';

export type ChartSpec = { options: Omit<uPlot.Options, 'width' | 'height'>; data: uPlot.AlignedData };
/** Builds the chart for a width, with uPlot itself at hand (for its path builders). */
export type BuildChart = (U: typeof uPlot, width: number) => ChartSpec;

let loading: Promise<typeof uPlot> | undefined;

export function loadUPlot(): Promise<typeof uPlot> {
  loading ??= import('./uplot-lazy').then((module) => module.default);
  return loading;
}

/** Calm colours from the design tokens (a canvas cannot read CSS variables cheaply). */
export const INK = '#1f1d3d';
export const INK_SOFT = '#4a4766';
export const BRAND = '#2d2a6e';
export const LINE = '#d9d4cc';
export const FONT = '13px system-ui, sans-serif';

interface Props {
  build: BuildChart;
  height: number;
  /** What the picture shows, for anyone who cannot see it. */
  label: string;
  /** A fixed width (sparklines); otherwise the box's width. */
  width?: number;
  class?: string;
  testId?: string;
}

export function UPlotChart({ build, height, label, width, testId, ...rest }: Props) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let chart: uPlot | undefined;
    let observer: ResizeObserver | undefined;
    let cancelled = false;
    let drawnWidth = 0;
    const draw = (U: typeof uPlot) => {
      const w = width ?? Math.max(element.clientWidth, 200);
      if (w === drawnWidth) return;
      drawnWidth = w;
      chart?.destroy();
      const { options, data } = build(U, w);
      chart = new U({ ...options, width: w, height }, data, element);
    };
    loadUPlot()
      .then((U) => {
        if (cancelled) return;
        draw(U);
        if (width === undefined) {
          observer = new ResizeObserver(() => draw(U));
          observer.observe(element);
        }
      })
      // Without the chart (offline before it was ever fetched) the text
      // equivalent next to it still says everything.
      .catch(() => undefined);
    return () => {
      cancelled = true;
      observer?.disconnect();
      chart?.destroy();
    };
  }, [build, height, width]);

  return (
    <div
      ref={box}
      class={`chart ${rest.class ?? ''}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ minHeight: `${height}px`, width: width ? `${width}px` : undefined }}
    />
  );
}
