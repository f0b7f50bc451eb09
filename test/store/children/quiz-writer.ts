/**
 * Child process for the concurrency test: writes `count` quiz answers as user `<tag>-<i>` into
 * the store named by argv[2], each its own statement, as fast as it can, then says "done".
 */
import { Store } from '../../../store/store.ts';

const [url, tag, countText] = process.argv.slice(2);
const count = Number(countText);
const store = await Store.open(url);
process.stdout.write('ready\n');
// Start together: the parent sends a line once every writer is ready.
await new Promise((resolve) => process.stdin.once('data', resolve));
for (let i = 0; i < count; i++) {
  await store.recordQuizAnswer({ quizId: `q${i % 7}`, platform: 'discord', userId: `${tag}-${i}`, answer: 'b', correct: i % 2 === 0 });
  // Everyone also answers one shared quiz: the unique key must keep exactly one row for it.
  await store.recordQuizAnswer({ quizId: 'shared', platform: 'discord', userId: 'same-user', answer: tag!, correct: true });
}
await store.close();
process.stdout.write('done\n');
