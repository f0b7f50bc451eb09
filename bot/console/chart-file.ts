import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { View } from '../../commands/view.ts';

/**
 * Writes a View's chart to a PNG file and returns its path, or null when the View has no chart.
 * The charts module (vega, resvg, a 5 MB font) is imported on first use only, so commands without
 * a chart, and the chat's start-up, never pay for it.
 */
export async function writeChart(view: View, file: string, theme: 'light' | 'dark' = 'light'): Promise<string | null> {
  if (!view.chart || view.tone === 'error') return null;
  const { renderViewPng } = await import('../../charts/index.ts');
  const png = await renderViewPng(view, theme);
  if (!png) return null;
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, png);
  return path.resolve(file);
}

/** Where the chat keeps its charts by default: beside the store, ./data/charts/ (they outlive the session). */
export const CHART_DIR = path.join('data', 'charts');

/**
 * A chart file's path: `dir/2026-12-06T063012-3-hhi.png`, the session's start then the turn and
 * command, so sessions never overwrite each other's charts.
 */
export function chatChartPath(dir: string, sessionStart: Date, command: string, turn: number): string {
  const stamp = sessionStart.toISOString().slice(0, 19).replace(/:/g, '');
  return path.resolve(dir, `${stamp}-${turn}-${command.replace(/[^a-z0-9-]/gi, '')}.png`);
}
