#!/usr/bin/env node
// The console and one-shot CLI: runs the prebuilt JavaScript in dist/ (see bin/start.js).
import path from 'node:path';
import { entryUrl } from './start.js';

const { main } = await import(await entryUrl(path.join(import.meta.dirname, '../bot/console/cli.ts')));
process.exitCode = await main(process.argv.slice(2));
