import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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

/** Where the chat puts its charts: one folder per process, files named by command and turn. */
export function chatChartPath(command: string, turn: number): string {
  return path.join(tmpdir(), `topheavy-charts-${process.pid}`, `${turn}-${command.replace(/[^a-z0-9-]/gi, '')}.png`);
}
