import { performance } from 'node:perf_hooks';

export interface Measurement {
  name: string;
  runs: number;
  p50: number;
  p99: number;
  mean: number;
  perSecond: number;
  /** CPU time of the whole process (every thread) per run: less swayed than wall time by other load on the machine. */
  cpuMs: number;
}

/**
 * Times `fn` after `warmup` untimed calls: each run timed on its own, so p50/p99 are per operation.
 * Async functions are awaited.
 */
export async function measure(name: string, fn: () => unknown, options: { runs?: number; warmup?: number } = {}): Promise<Measurement> {
  const runs = options.runs ?? 200;
  const warmup = options.warmup ?? Math.min(50, runs);
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  const { user, system } = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  const mean = times.reduce((s, x) => s + x, 0) / runs;
  return {
    name,
    runs,
    p50: times[Math.floor(runs * 0.5)]!,
    p99: times[Math.min(runs - 1, Math.floor(runs * 0.99))]!,
    mean,
    perSecond: 1000 / mean,
    cpuMs: (user + system) / 1000 / runs,
  };
}

const ms = (x: number) => (x < 0.1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(3)} ms`);

/** Prints one row: ours beside the baseline, with the ratio and the target. */
export function report(ours: Measurement, baseline: Measurement | null, target?: { ms: number }): void {
  const ratio = baseline ? ` | baseline ${baseline.name}: p50 ${ms(baseline.p50)}, cpu ${ms(baseline.cpuMs)}/run → ${(baseline.p50 / ours.p50).toFixed(1)}× ours` : '';
  const goal = target ? ` | target < ${target.ms} ms: ${ours.p50 < target.ms ? 'met' : 'MISSED'}` : '';
  console.log(`${ours.name.padEnd(44)} p50 ${ms(ours.p50).padStart(10)}  p99 ${ms(ours.p99).padStart(10)}  ${ours.perSecond.toFixed(0).padStart(8)}/s  cpu ${ms(ours.cpuMs)}/run${ratio}${goal}`);
}

export function rss(): string {
  return `${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`;
}
