#!/usr/bin/env node
// Runs one entry point: `node bin/run.js bot/slack/main.ts` runs dist/bot/slack/main.js when the
// build is current, else the TypeScript source through tsx (see bin/start.js).
import { fileURLToPath } from 'node:url';
import { entryUrl } from './start.js';

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node bin/run.js <entry.ts>');
  process.exit(2);
}
const url = await entryUrl(entry);
// Entry points check process.argv[2] against their own file to know they were started (bot/discord/entry.ts).
process.argv[2] = fileURLToPath(url);
await import(url);
