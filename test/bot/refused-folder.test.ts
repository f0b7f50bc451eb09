import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readConfig } from '../../bot/config.ts';
import { dispatch } from '../../bot/dispatch.ts';
import { createRuntime, type Runtime } from '../../bot/runtime.ts';
import { tempDir } from '../store/helpers.ts';

describe('a fund whose folder was refused answers /hhi with that refusal, not "did you mean"', () => {
  let tmp: ReturnType<typeof tempDir>;
  let runtime: Runtime;
  beforeAll(async () => {
    tmp = tempDir('topheavy-refused-');
    const dir = path.join(tmp.dir, 'holdings');
    mkdirSync(path.join(dir, 'SPSA'), { recursive: true });
    // Our own three lines, not an issuer's file: a table with no column our readers know.
    writeFileSync(path.join(dir, 'SPSA', 'spsa_holdings.csv'), 'Colour,Flavour\nred,sweet\nblue,sour\n');
    runtime = await createRuntime({ ...readConfig({}), holdingsDir: dir, databaseUrl: `file:${path.join(tmp.dir, 'store.db')}`, refreshSeconds: 0 }, { fetch: { env: {} } });
  });
  afterAll(async () => {
    await runtime?.close();
    tmp?.remove();
  });

  test.each([
    ['en', /^SPSA's holdings file was refused, so there are no holdings for SPSA: .*spsa_holdings\.csv.*expected .*Fix or replace the file/s],
    ['ja', /^SPSAの保有銘柄ファイルは読み込みを拒否されたため、SPSAの保有銘柄データはありません：.*spsa_holdings\.csv.*expected .*ファイルを直すか差し替えて/s],
  ] as const)('in %s: the file, its line and what was expected', async (lang, said) => {
    const problem = runtime.source.problems().find((p) => p.fund === 'SPSA');
    expect(problem?.message).toMatch(/spsa_holdings\.csv/);
    const view = await dispatch({ command: 'hhi', text: 'SPSA' }, runtime.context(lang));
    expect(view.tone).toBe('error');
    const text = JSON.stringify(view);
    expect(text).not.toMatch(/Did you mean|もしかして/);
    const message = (view.data as { error?: { message?: string } }).error?.message ?? view.markdown ?? '';
    expect(message).toMatch(said);
    expect(message).toContain(problem!.message);
  });

  test('HOLDINGS_DIR= (set but empty) means unset, not the current folder', () => {
    expect(readConfig({ HOLDINGS_DIR: '' }).holdingsDir).toBe(path.resolve('./data/holdings'));
    expect(readConfig({ HOLDINGS_DIR: '  ' }).holdingsDir).toBe(path.resolve('./data/holdings'));
    expect(readConfig({ HOLDINGS_DIR: 'x' }).holdingsDir).toBe(path.resolve('x'));
  });
});
