#!/usr/bin/env node
// `npm run build`, and `npm ci` through `prepare`: compiles the entry points once to dist/, so a
// start runs plain JavaScript instead of transpiling TypeScript (tsx) on every launch.
//
// The entry points are bundled with esbuild: our ~110 modules plus kysely's and zod's ~350 small
// ESM files become a few files, because resolving and compiling hundreds of modules one by one
// costs more at start than running any command. Dynamic `import()`s stay separate chunks, and
// the packages that only some paths need (Discord, Slack, charts, spreadsheets, PostgreSQL) or
// that carry native code stay external, loaded from node_modules when a path asks for them.
// Type checking is `tsc --noEmit` (npm test); esbuild only strips the types.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'dist');

/** What `bin/topheavy.js` and `bin/run.js` start (see package.json scripts). */
export const ENTRY_POINTS = [
  'bot/console/cli.ts',
  'bot/discord/gateway.ts',
  'bot/discord/http.ts',
  'bot/discord/register.ts',
  'bot/slack/main.ts',
  'bot/slack/print-manifest.ts',
  // The chart-process bench's child (forked through bin/run.js): built, so it measures the memory of
  // the code a bot runs, not of the same sources transpiled by tsx (which keeps every module's
  // source and source map on the heap: 60–90 MB more RSS in a 200-request run).
  'bench/chart-process.ts',
  // The Discord benches' servers, for the same reason: their heap is the bot's, so the garbage
  // collector's pauses they measure are the bot's (under tsx a ~75 MB heap paused 13–20 ms).
  'bench/discord.ts',
  'bench/discord-burst.ts',
  'bench/pg-restart.ts',
];

/** Small pure-JavaScript packages every start needs: inlined, so they load as one file. */
const BUNDLED = new Set(['kysely', 'zod', 'marked', 'yaml']);

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

// Taken before esbuild reads anything: a source saved during the build counts as newer.
const builtAt = Date.now();
rmSync(OUT, { recursive: true, force: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: ENTRY_POINTS,
  outdir: OUT,
  outbase: ROOT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  chunkNames: 'chunks/[name]-[hash]',
  // yaml's Node entry is CommonJS; bundled CommonJS may `require` a built-in, and an ESM file has no `require` of its own.
  banner: { js: "import { createRequire as __topheavyRequire } from 'node:module'; const require = __topheavyRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
// bin/stale.js compares the build time with these sources' modification times, and runs the
// sources through tsx when one is newer (an edit since the last build), so dist/ never runs stale code.
const sources = Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('node_modules/')).sort();
writeFileSync(path.join(OUT, 'BUILD.json'), `${JSON.stringify({ builtAt, sources }, null, 1)}\n`);
