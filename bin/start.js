// Where bin/topheavy.js and bin/run.js find an entry point: the build in dist/ when it is there and
// newer than every source file it was built from, else the TypeScript source through tsx (slower
// to start), said once on stderr. `npm ci` builds dist/ (the `prepare` script); `npm run build` again.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist');

/** Why dist/ cannot be used (missing, or a source changed since it was built), in English and Japanese, or null when it can. */
function staleBecause() {
  let build;
  try {
    build = JSON.parse(readFileSync(path.join(DIST, 'BUILD.json'), 'utf8'));
  } catch {
    return { en: 'dist/ is missing', ja: 'dist/ がありません' };
  }
  for (const file of build.sources) {
    let modified;
    try {
      modified = statSync(path.join(ROOT, file)).mtimeMs;
    } catch {
      return { en: `${file} is gone since the build`, ja: `${file} がビルド後に削除されました` };
    }
    if (modified > build.builtAt) return { en: `${file} changed since the build`, ja: `${file} がビルド後に変更されました` };
  }
  return null;
}

/** The console's language asked for on the command line (`--lang ja`), for this one line before any module loads. */
function japanese() {
  const i = process.argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  return i >= 0 && (process.argv[i].slice(7) || process.argv[i + 1]) === 'ja';
}

/**
 * The module to import for a source entry point such as `bot/slack/main.ts`: its build in dist/,
 * or the source itself with tsx registered. Other files (a bench script) always go through tsx.
 */
export async function entryUrl(source) {
  const absolute = path.resolve(source);
  const relative = path.relative(ROOT, absolute);
  if (relative.startsWith('dist' + path.sep)) return pathToFileURL(absolute).href;
  const built = path.join(DIST, relative.replace(/\.ts$/, '.js'));
  const why = relative.endsWith('.ts') ? staleBecause() : 'not a TypeScript entry point';
  if (why === null) {
    try {
      statSync(built);
      return pathToFileURL(built).href;
    } catch {
      // An entry point the build does not list (scripts, benches): the source, through tsx.
    }
  } else if (why !== 'not a TypeScript entry point') {
    process.stderr.write(
      japanese()
        ? `topheavy：TypeScriptのソースをtsxで実行します（${why.ja}。\`npm run build\` で起動が速くなります）\n`
        : `topheavy: running the TypeScript sources through tsx (${why.en}; \`npm run build\` makes start-up fast again)\n`,
    );
  }
  const { register } = await import('tsx/esm/api');
  register();
  return pathToFileURL(absolute).href;
}
