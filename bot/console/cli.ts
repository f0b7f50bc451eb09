import type { Lang } from '../../commands/context.ts';
import { dispatch } from '../dispatch.ts';
import { runDataCommand } from '../../store/data-command.ts';
import { readConfig } from '../config.ts';
import { createRuntime } from '../runtime.ts';
import { renderConsole } from './render.ts';
import { csvFileOf } from '../../commands/table-csv.ts';
import { m, t } from '../../commands/messages.ts';
import { CONSOLE_LOG, startChat } from './chat.ts';
import { writeChart } from './chart-file.ts';
import { sayData, storeOpenProblem } from '../../commands/messages-data.ts';
import { md } from '../../commands/messages-directory.ts';
import { StoreOpenError } from '../../store/store.ts';
import { isStoreUnavailable } from '../../store/unavailable.ts';
import { startupProblem } from '../startup.ts';
import { progressWriter } from './progress.ts';

/** Flags the console understands wherever they appear; everything else goes to the command. */
export interface CliFlags {
  json: boolean;
  lang: Lang;
  /** --chart FILE: write the card's chart as a PNG there. */
  chart: string | null;
  /** --sync: download current files from the issuers before answering. */
  sync: boolean;
  /** --csv: print the card's table as CSV (UTF-8 with a BOM) instead of the card. */
  csv: boolean;
  theme: 'light' | 'dark';
  rest: string[];
}

export function parseFlags(argv: readonly string[]): CliFlags {
  const flags: CliFlags = { json: false, lang: 'en', chart: null, sync: false, csv: false, theme: 'light', rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') flags.json = true;
    else if (arg === '--csv') flags.csv = true;
    else if (arg === '--chart') flags.chart = argv[++i] ?? null;
    else if (arg.startsWith('--chart=')) flags.chart = arg.slice(8);
    else if (arg === '--dark') flags.theme = 'dark';
    else if (arg === '--sync') flags.sync = true;
    else if (arg === '--lang') flags.lang = argv[++i] === 'ja' ? 'ja' : 'en';
    else if (arg.startsWith('--lang=')) flags.lang = arg.slice(7) === 'ja' ? 'ja' : 'en';
    else flags.rest.push(arg);
  }
  return flags;
}

/** Quotes an argv item again so that `topheavy portfolio "VT 60, QQQ 40"` reaches the parser whole. */
function requote(arg: string): string {
  return /[\s,]/.test(arg) && !/["']/.test(arg) ? `"${arg}"` : arg;
}

/**
 * `topheavy` with no command opens the console chat; `topheavy <command> … [--json] [--lang ja]
 * [--chart out.png] [--dark] [--csv]`
 * runs one command and exits: 0 on an answer, 1 when the command refused (bad input), 2 on a fault.
 * `topheavy data import <file|dir>` writes issuer files into the store (see store/data-command.ts).
 */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    // A store that cannot be opened (or went away) is one plain line in the reader's language, never a stack trace.
    if (!(error instanceof StoreOpenError) && !isStoreUnavailable(error)) throw error;
    const lang = parseFlags(argv).lang;
    const line = error instanceof StoreOpenError ? t(lang, storeOpenProblem(error.problem)) : lang === 'ja' ? t(lang, md.storeUnavailable()) : startupProblem(error);
    process.stderr.write(`${lang === 'ja' ? 'topheavy：' : 'topheavy: '}${line}\n`);
    return 2;
  }
}

async function run(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv);
  // Every line below, the `data` subcommands' too, in the language asked for (`--lang ja` anywhere on the line).
  const say = sayData(flags.lang);
  if (flags.rest[0] === 'data') {
    const tty = process.stdout.isTTY === true;
    return runDataCommand(flags.rest.slice(1), {
      databaseUrl: readConfig().databaseUrl,
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      tty,
      say,
    });
  }
  // HOLDINGS_DIR is imported at start; on a terminal, say what was new (files already stored stay quiet).
  const runtime = await createRuntime(undefined, {
    onSyncEvent: (event) => {
      const line = process.stderr.isTTY ? say({ kind: 'sync', event }) : '';
      if (line !== '') process.stderr.write(`${line}\n`);
    },
    onImportEvent: (event) => {
      if (process.stderr.isTTY && (event.status === 'stored' || event.status === 'failed')) process.stderr.write(`${say({ kind: 'import', event })}\n`);
    },
    // The console has no channel to post to: crossed alerts (start-up import, scheduled sync) are printed.
    onAlert: (alert) => void process.stderr.write(`${say({ kind: 'alert', alert })}\n`),
    // Background work that failed (the SEC's fund lists not fetched) is said in the reader's language too.
    say,
  });
  const [command, ...args] = flags.rest;
  // No bulk download at first start: the first ask fetches the one fund it names. --sync refreshes what is stored.
  if (flags.sync) {
    const summary = await runtime.sync();
    process.stderr.write(`${say({ kind: 'sync-summary', summary })}\n`);
  }
  if (!command) runtime.warm();
  if (!command) return startChat({ context: runtime.context, lang: flags.lang, theme: flags.theme, chartDir: process.env.CHART_DIR }).finally(() => runtime.close());
  // A download on demand says so on stderr, so --json output stays clean.
  const ctx = { ...runtime.context(flags.lang), progress: progressWriter(process.stderr) };
  const view = await dispatch({ command, text: args.map(requote).join(' ') }, ctx, CONSOLE_LOG);
  await runtime.close();
  const failed = view.tone === 'error';
  if (flags.csv && !failed) {
    // The same bytes Discord and Slack attach: UTF-8 with a BOM, so `> file.csv` opens in Excel too.
    const file = csvFileOf(view, command);
    if (!file) {
      process.stderr.write(`${t(flags.lang, m.noCsvTable())}\n`);
      return 1;
    }
    process.stdout.write(file.bytes);
  } else if (flags.json) process.stdout.write(`${JSON.stringify(view.data ?? null, null, 2)}\n`);
  else process.stdout.write(`${renderConsole(view, { colour: process.stdout.isTTY === true })}\n`);
  if (flags.chart) {
    const written = await writeChart(view, flags.chart, flags.theme);
    process.stderr.write(`${t(flags.lang, written ? m.chartWritten(written) : m.noChart())}\n`);
  }
  if (!failed) return 0;
  const code = (view.data as { error?: { code?: string } } | undefined)?.error?.code;
  return code === 'unexpected' ? 2 : 1;
}
