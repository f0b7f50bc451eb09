#!/usr/bin/env node
// Runs one TypeScript entry point through tsx: `node bin/run.js bot/slack/main.ts`.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node bin/run.js <entry.ts>');
  process.exit(2);
}
await import(pathToFileURL(path.resolve(entry)).href);
