/**
 * At most `max` tasks run at once; the rest wait their turn, first come first served. Charts use it
 * to bound the memory renders hold together: each render keeps its vega scenegraph, its SVG, the
 * glyph outlines and a 2 MB pixel buffer until it is done, and resvg's renderAsync runs on
 * libuv's thread pool (four threads), so a burst of chart asks could otherwise draw four at once.
 * A waiting task holds only its closure (the chart spec it was given).
 */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now, tasks waiting, and the most that ever ran at once. */
  stats(): { running: number; waiting: number; peak: number };
}

export function limitConcurrency(max: number): Limiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`limitConcurrency: max must be a whole number ≥ 1, got ${max}`);
  let running = 0;
  let peak = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    running--;
    waiting.shift()?.();
  };
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const start = (): Promise<T> => {
        running++;
        peak = Math.max(peak, running);
        let done: Promise<T>;
        try {
          done = task();
        } catch (error) {
          done = Promise.reject(error);
        }
        return done.finally(next);
      };
      if (running < max) return start();
      return new Promise<T>((resolve, reject) => waiting.push(() => start().then(resolve, reject)));
    },
    stats: () => ({ running, waiting: waiting.length, peak }),
  };
}
