import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { tempDir } from '../store/helpers.ts';
import { HAS_PG, startPg, type PgCluster } from '../store/pg.ts';

/**
 * Defines `suite` twice: on SQLite (a fresh file per `open()`) and, where PostgreSQL is installed,
 * on a test cluster (a fresh database per `open()`). `open` resolves with the DATABASE_URL.
 */
export function onBothBackends(title: string, suite: (open: () => Promise<string>) => void): void {
  describe(`${title} through SQLite`, () => {
    const tmp = tempDir('topheavy-backends-');
    let n = 0;
    afterAll(() => tmp.remove());
    suite(async () => `file:${path.join(tmp.dir, `store-${++n}.db`)}`);
  });

  describe.skipIf(!HAS_PG)(`${title} through PostgreSQL`, () => {
    let cluster: PgCluster | undefined;
    beforeAll(async () => void (cluster = await startPg()), 60_000);
    afterAll(() => cluster?.stop());
    suite(() => cluster!.createDatabase());
  });
}
