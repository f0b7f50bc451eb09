import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Draws one small chart in a fresh node (resvg not loaded yet), mimalloc saying the options it read on stderr. */
function drawWith(env: Record<string, string>): Promise<string> {
  const script = `
    import { renderPng } from './charts/render.ts';
    const png = await renderPng({ kind: 'bars', title: 'T', series: [{ name: 'A', points: [{ x: 'X', y: 0.1 }, { x: 'Y', y: 0.05 }] }] }, { lang: 'en', theme: 'light', source: 's' });
    if (png.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('no PNG');`;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', MIMALLOC_VERBOSE: '1', ...env }, timeout: 60_000 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stderr),
    ),
  );
}

describe('resvg-js allocator (mimalloc, where the platform build links it)', () => {
  it('is told to purge freed images at once, unless the operator chose otherwise', async () => {
    const [ours, operators] = await Promise.all([drawWith({}), drawWith({ MIMALLOC_PURGE_DELAY: '25' })]);
    // A resvg-js build without mimalloc prints nothing: there is nothing to tell it then.
    if (!/^mimalloc:/m.test(ours)) return;
    expect(ours).toMatch(/option 'purge_delay': 0$/m);
    expect(operators).toMatch(/option 'purge_delay': 25$/m);
  }, 90_000);
});
