import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The source folders at the repository root (tests, benches and scripts may import anything). */
export const SOURCE_FOLDERS = ['analytics', 'bot', 'charts', 'commands', 'holdings', 'lessons', 'store'];

/**
 * File → what it imports: repository-relative paths (posix) for our files, the bare specifier
 * for packages and node: built-ins. Static imports, re-exports, `import type` and dynamic
 * `import('…')` all count; imports inside comments and strings do not (TypeScript's own scanner).
 */
export type ImportGraph = Map<string, string[]>;

export function importsOf(file: string, text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) =>
    fileName.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName)) : fileName,
  );
}

export function sourceGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const folder of SOURCE_FOLDERS) {
    for (const entry of readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })) {
      if (!entry.endsWith('.ts')) continue;
      const file = path.posix.join(folder, entry.split(path.sep).join('/'));
      graph.set(file, importsOf(file, readFileSync(path.join(root, file), 'utf8')));
    }
  }
  return graph;
}

const ADAPTERS = ['bot/console/', 'bot/discord/', 'bot/slack/'];
const PLATFORM_SDKS = ['discord.js', '@slack/bolt'];
const adapterOf = (file: string) => ADAPTERS.find((a) => file.startsWith(a));
const isPackage = (target: string, name: string) => target === name || target.startsWith(`${name}/`);

/**
 * Imports that cross the lines ../shared/DESIGN.md draws, one sentence each:
 * - an adapter (bot/console, bot/discord, bot/slack) importing another adapter: what two surfaces
 *   share lives in a neutral module beside them;
 * - analytics/ importing anything outside analytics/ (pure math: none of our other folders, no
 *   package, no node: built-in);
 * - commands/ importing discord.js or Bolt: commands return a View, surfaces speak the platform;
 * - store/ or holdings/ importing commands/ or bot/: data flows up to the commands, never back
 *   (what both need, such as the fetcher's types, lives in store/).
 */
export function boundaryViolations(graph: ImportGraph): string[] {
  const out: string[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const from = adapterOf(file);
      const to = adapterOf(target);
      if (from && to && from !== to) out.push(`${file} imports ${target}: adapters never import another adapter`);
      if (file.startsWith('analytics/') && !target.startsWith('analytics/')) out.push(`${file} imports ${target}: analytics/ imports nothing outside itself`);
      if (file.startsWith('commands/') && PLATFORM_SDKS.some((sdk) => isPackage(target, sdk))) out.push(`${file} imports ${target}: commands never import a platform SDK`);
      if (/^(store|holdings)\//.test(file) && /^(commands|bot)\//.test(target)) out.push(`${file} imports ${target}: store/ and holdings/ never import a command or a surface`);
    }
  }
  return out;
}
