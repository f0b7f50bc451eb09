import path from 'node:path';
import readline from 'node:readline';
import { LANGS, type Context, type Lang } from '../../commands/context.ts';
import { ma } from '../../commands/messages-args.ts';
import { t } from '../../commands/messages.ts';
import { COMMANDS } from '../../commands/registry.ts';
import { dispatch } from '../dispatch.ts';
import type { View } from '../../commands/view.ts';
import { CONSOLE_WIDTH, renderConsole, wrapLine } from './render.ts';
import { CHART_DIR, chatChartPath, writeChart } from './chart-file.ts';
import { progressWriter } from './progress.ts';
import { stderrLogger, type Logger } from '../log.ts';

/**
 * The console's log: faults (with the id the apology shows) on stderr; refusals are not logged, as
 * the card already says why in the reader's language and the console's reader is its operator.
 */
export const CONSOLE_LOG: Logger = { info: () => {}, error: stderrLogger.error };

export interface ChatOptions {
  context: (lang: Lang) => Context;
  lang: Lang;
  theme?: 'light' | 'dark';
  /** Where chart PNGs are kept, their path printed under each card (default ./data/charts). */
  chartDir?: string;
  /** false: no chart files (the fuzz run, whose cost is the commands; charts have their own bench). */
  charts?: boolean;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

const GREETING: Record<Lang, string> = {
  en: 'topheavy console — type /help for commands, /quit or Ctrl-D to leave. Try /hhi SPY or /overlap VOO QQQ.',
  ja: 'topheavy コンソール — /help でコマンド一覧、/quit または Ctrl-D で終了。/hhi SPY や /overlap VOO QQQ を試してください。',
};

const LEAVE_HINT: Record<Lang, string> = {
  en: '(Ctrl-C again or Ctrl-D to leave)\n',
  ja: '（もう一度 Ctrl-C か Ctrl-D で終了）\n',
};

const NO_MORE: Record<Lang, string> = {
  en: 'Nothing more to show: /more continues the last card when it has a second page.',
  ja: '続きはありません。/more は直前のカードに続きがあるときに使えます。',
};

const OUT_OF_RANGE = (typed: string, count: number): Record<Lang, string> => ({
  en: `"${typed}" is not one of the choices: type a number from 1 to ${count}${count <= 26 ? ` (or a letter a–${String.fromCharCode(96 + count)})` : ''}.`,
  ja: `「${typed}」は選択肢にありません。1〜${count}の番号${count <= 26 ? `（またはa〜${String.fromCharCode(96 + count)}）` : ''}を入力してください。`,
});

/** A path under the working folder as typed from there (data/charts/…), any other whole. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** Words tab completion offers: command names first, then loaded fund tickers. */
export function completions(line: string, commands: readonly string[], funds: readonly string[]): [string[], string] {
  const words = line.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  const pool = words.length <= 1 ? commands.map((c) => `/${c}`) : funds;
  const hits = pool.filter((w) => w.toLowerCase().startsWith(last.toLowerCase()));
  return [hits.length ? [...hits] : [...pool], last];
}

/**
 * The console chat: a prompt, history (up/down), tab completion of commands and tickers, each
 * line dispatched as a slash command and the View printed as text. `/lang ja` switches language.
 */
export function startChat(options: ChatOptions): Promise<number> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  let lang = options.lang;
  const funds = () => options.context(lang).data.list().map((f) => f.fund);
  const rl = readline.createInterface({
    input,
    output,
    terminal: (output as NodeJS.WriteStream).isTTY === true,
    historySize: 200,
    completer: (line: string) => completions(line, [...COMMANDS.map((c) => c.name), 'more', 'lang', 'quit'], funds()),
  });
  const colour = (output as NodeJS.WriteStream).isTTY === true;
  // Cards fit the terminal as it is now (40–120 columns); 80 when it is not a terminal.
  const width = () => Math.min(120, Math.max(40, (output as NodeJS.WriteStream).columns || CONSOLE_WIDTH));
  const greet = () => output.write(`${wrapLine(GREETING[lang], width()).join('\n')}\n`);
  greet();
  rl.setPrompt('> ');
  rl.prompt();
  let queue = Promise.resolve();
  let last: View | undefined;
  let turn = 0;
  const started = new Date();
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      // "／ｈｈｉ" (typed with a Japanese input method on) is /hhi.
      const text = line.trim().replace(/^\S+/, (word) => word.normalize('NFKC'));
      if (text === '') return rl.prompt();
      if (/^\/?(quit|exit)$/i.test(text)) return rl.close();
      const lm = /^\/?lang(?:\s+(\S+))?$/i.exec(text);
      if (lm) {
        const wanted = (lm[1] ?? '').toLowerCase();
        if ((LANGS as readonly string[]).includes(wanted)) {
          lang = wanted as Lang;
          greet();
        } else output.write(`${t(lang, ma.unknownLanguage(lm[1] ?? '', LANGS))}\n`);
        return rl.prompt();
      }
      let [command = '', ...rest] = text.replace(/^\//, '').split(/\s+/);
      // A number or letter answers the last card's list: its quiz options ("2" or "b"), or the funds
      // that fit a name ("1" = the first; see commands/fund-choice.ts), as if its command were typed.
      const isFundChoice = Array.isArray((last?.data as { choices?: unknown } | undefined)?.choices);
      const choices = (last?.actions ?? []).filter((a) => a.kind === 'command' && (isFundChoice || (a.command === 'quiz' && /^answer /.test(a.args))));
      const pick = /^(\d{1,2})$|^([a-z])$/i.exec(text);
      if (choices.length > 0 && pick) {
        const index = pick[1] ? Number(pick[1]) - 1 : pick[2]!.toLowerCase().charCodeAt(0) - 97;
        const chosen = choices[index];
        if (chosen?.kind !== 'command') {
          output.write(`${OUT_OF_RANGE(text, choices.length)[lang]}\n`);
          return rl.prompt();
        }
        [command, ...rest] = [chosen.command, chosen.args];
      }
      if (/^more$/i.test(command) && rest.length === 0) {
        // "/more" runs the last card's "rest of this card" action, as a button would.
        const next = last?.actions?.find((a) => a.kind === 'command' && a.more);
        if (!next || next.kind !== 'command') {
          output.write(`${NO_MORE[lang]}\n`);
          return rl.prompt();
        }
        [command, ...rest] = [next.command, next.args];
      }
      const view = await dispatch({ command, text: rest.join(' ') }, { ...options.context(lang), progress: progressWriter(output) }, CONSOLE_LOG);
      last = view;
      output.write(`${renderConsole(view, { colour, chat: true, width: width() })}\n`);
      const chart = options.charts === false ? null : await writeChart(view, chatChartPath(options.chartDir ?? CHART_DIR, started, command, ++turn), options.theme).catch(() => null);
      output.write(chart ? `📈 ${shortPath(chart)}\n\n` : '\n');
      rl.prompt();
    });
  });
  // Ctrl-C clears a typo instead of quitting; a second Ctrl-C on an empty line (or Ctrl-D) leaves.
  let interrupted = false;
  rl.on('SIGINT', () => {
    if (rl.line.length === 0 && interrupted) return rl.close();
    interrupted = rl.line.length === 0;
    (rl as unknown as { line: string }).line = '';
    output.write(`\n${interrupted ? LEAVE_HINT[lang] : ''}`);
    rl.prompt();
  });
  rl.on('line', () => (interrupted = false));
  return new Promise((resolve) =>
    // Charts written this session stay where their paths said.
    rl.on('close', () => queue.then(() => resolve(0))),
  );
}
