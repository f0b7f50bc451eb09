import { describe, expect, test } from 'vitest';
import { FairQueue } from '../../../bot/slack/fair-queue.ts';

describe('the Slack command queue shares its slots fairly', () => {
  test('GIVEN one workspace with 6 waiting commands and two with 1 each THEN the others are not stuck behind the first', async () => {
    const q = new FairQueue(1, 100, 100);
    const order: string[] = [];
    const job = (name: string) => async () => void order.push(name);
    for (let i = 1; i <= 6; i++) q.push('T-busy', `U${i}`, job(`busy${i}`));
    q.push('T-a', 'U1', job('a'));
    q.push('T-b', 'U1', job('b'));
    await q.drained();
    // One slot: the first busy job starts at once; then the workspaces take turns.
    expect(order).toEqual(['busy1', 'busy2', 'a', 'b', 'busy3', 'busy4', 'busy5', 'busy6']);
  });

  test('GIVEN one user past their share THEN only that user is refused; another user of the same workspace is queued', async () => {
    const q = new FairQueue(1, 100, 3);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    expect(q.push('T', 'U-flood', () => gate)).toBe(true);
    await new Promise((r) => setImmediate(r));
    const accepted = Array.from({ length: 5 }, () => q.push('T', 'U-flood', async () => {}));
    expect(accepted).toEqual([true, true, true, false, false]);
    expect(q.push('T', 'U-other', async () => {})).toBe(true);
    release();
    await q.drained();
    // Once the waiting ones ran, the user has a share again.
    expect(q.push('T', 'U-flood', async () => {})).toBe(true);
    await q.drained();
  });

  test('GIVEN the whole queue full THEN push says no and nothing is queued', async () => {
    const q = new FairQueue(1, 2, 10);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    q.push('T', 'U', () => gate);
    await new Promise((r) => setImmediate(r));
    expect([q.push('T', 'U', async () => {}), q.push('T2', 'U', async () => {}), q.push('T3', 'U', async () => {})]).toEqual([true, true, false]);
    expect(q.pending).toBe(3);
    release();
    await q.drained();
    expect(q.pending).toBe(0);
  });
});
