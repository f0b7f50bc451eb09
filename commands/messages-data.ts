import type { Lang } from './context.ts';
import type { Bilingual } from './define.ts';
import { plural } from './format.ts';
import { t } from './messages.ts';
import { downloadWhy, md } from './messages-directory.ts';
import { mf } from './messages-fetch.ts';
import type { DataLine, DirectoryProblem, SayLine, UsageProblem } from '../store/data-lines.ts';
import type { ImportEvent } from '../store/import.ts';
import type { StoreOpenProblem } from '../store/store.ts';
import type { KeptSnapshot, SyncEvent } from '../store/sync.ts';

/** Both languages of the same text (a URL, a line that is already empty). */
const same = (text: string): Bilingual => ({ en: text, ja: text });

const asOfEn = (asOf: string | null | undefined) => (asOf ? `as of ${asOf}` : 'undated');
const asOfJa = (asOf: string | null | undefined) => (asOf ? `基準日 ${asOf}` : '基準日なし');

/** "3 stored, 1 unchanged, 0 failed" and its Japanese, with the store named when given. */
function counts(stored: number, unchanged: number, failed: number, extra: Bilingual, where?: string): Bilingual {
  return {
    en: `${stored} stored, ${unchanged} unchanged, ${failed} failed${extra.en}.${where ? ` Store: ${where}` : ''}`,
    ja: `保存 ${stored}件、変更なし ${unchanged}件、失敗 ${failed}件${extra.ja}。${where ? `保存先：${where}` : ''}`,
  };
}

function kept(k: KeptSnapshot | null | undefined): Bilingual {
  if (!k) return { en: 'no earlier snapshot is stored', ja: '以前に保存したデータはありません。' };
  return {
    en: `keeping the last good snapshot (${k.asOf ? `as of ${k.asOf}` : `undated, imported ${k.importedAt.slice(0, 10)}`}, ${plural(k.ageDays, 'day', 'days')} old)`,
    ja: `前回の正常なデータ（${k.asOf ? `基準日 ${k.asOf}` : `基準日なし、取り込み日 ${k.importedAt.slice(0, 10)}`}、${k.ageDays}日前）を引き続き使います。`,
  };
}

/** An issuer with no file at a public URL, said without its English note. */
const noUrlJa = (n: { issuer: string; env?: string }) => `${n.issuer}はこのファイルを公開URLで提供していません${n.env ? `（${n.env} で指定できます）` : ''}。`;

/** Why a sync of one fund failed, in Japanese from the event's structure (the English is the store's own sentence). */
function syncFailureJa(e: SyncEvent): string {
  if (e.directory) return directoryProblem(e.directory).ja;
  if (e.noUrl) return noUrlJa(e.noUrl);
  if (e.failure) return t('ja', md.fetchFailed(e.fund, e.failure.code, e.failure.detail, e.failure.download));
  return `失敗しました（${e.message ?? '原因不明'}）。`;
}

function syncEvent(e: SyncEvent): Bilingual {
  const what = e.fund.padEnd(6);
  switch (e.status) {
    case 'progress':
      return e.progress ? mf.progress(e.progress) : same('');
    case 'downloading': {
      const again = e.attempt && e.attempt > 1;
      return {
        en: `${what} downloading${again ? ` (attempt ${e.attempt})` : ''} ${e.url ?? ''}`.trimEnd(),
        ja: `${what} ダウンロード中${again ? `（${e.attempt}回目）` : ''} ${e.url ?? ''}`.trimEnd(),
      };
    }
    case 'parsing':
      return { en: `${what} parsing ${e.file ?? ''} (${e.bytes ?? 0} bytes)…`, ja: `${what} ${e.file ?? ''}（${e.bytes ?? 0}バイト）を読み込んでいます…` };
    case 'stored':
      return { en: `${what} stored (${e.positions} positions, ${asOfEn(e.asOf)})`, ja: `${what} 保存しました（${e.positions}銘柄、${asOfJa(e.asOf)}）` };
    case 'unchanged':
      return {
        en: `${what} unchanged (the same file is already stored${e.asOf ? `, as of ${e.asOf}` : ''})`,
        ja: `${what} 変更なし（同じファイルを保存済み${e.asOf ? `、基準日 ${e.asOf}` : ''}）`,
      };
    case 'skipped':
      return { en: `${what} skipped: ${e.message ?? ''}`, ja: `${what} 省略：${e.noUrl ? noUrlJa(e.noUrl) : (e.message ?? '')}` };
    case 'failed': {
      const k = kept(e.kept);
      return { en: `${what} failed: ${e.message ?? 'unknown problem'}; ${k.en}`, ja: `${what} ${syncFailureJa(e)}${k.ja}` };
    }
  }
}

function importEvent(e: ImportEvent): Bilingual {
  const what = `${e.fund.padEnd(6)} ${e.file}`;
  switch (e.status) {
    case 'parsing':
      return { en: `${what}: parsing…`, ja: `${what}：読み込んでいます…` };
    case 'stored':
      return { en: `${what}: stored (${e.positions} positions, ${asOfEn(e.asOf)})`, ja: `${what}：保存しました（${e.positions}銘柄、${asOfJa(e.asOf)}）` };
    case 'unchanged':
      return { en: `${what}: unchanged (already stored${e.asOf ? `, as of ${e.asOf}` : ''})`, ja: `${what}：変更なし（保存済み${e.asOf ? `、基準日 ${e.asOf}` : ''}）` };
    case 'failed':
      // The reason names file, line and what was expected, as the parser said it.
      return { en: `${what}: not imported: ${e.message ?? 'unknown problem'}`, ja: `${what}：取り込めませんでした（${e.message ?? '原因不明'}）` };
  }
}

/** A refresh of the fund directory that failed: the English is the store's sentence, the Japanese follows its kind. */
function directoryProblem(p: DirectoryProblem): Bilingual {
  const unchanged = '名簿は変更していません。';
  switch (p.kind) {
    case 'sec-off':
      return {
        en: p.message,
        ja: 'SECは自動アクセスに連絡先の明示を求めています。SECのファイルをダウンロードするには SEC_USER_AGENT を設定する（例：SEC_USER_AGENT="topheavy admin@example.com"）か、company_tickers_mf.json と company_tickers.json のあるフォルダを --from DIR で指定してください。',
      };
    case 'busy':
      return { en: p.message, ja: `別のプロセスがファンド名簿を長く更新し続けています。${unchanged}` };
    case 'refused':
      return { en: p.message, ja: `名簿の更新を拒否しました（${p.detail}）` };
    case 'download':
      // The library's own words (getaddrinfo ENOTFOUND …) stay in p.detail, for logs.
      return { en: `Could not download the SEC’s fund lists: ${downloadWhy(p.download).en}. The directory is unchanged.`, ja: `SECのファンド一覧をダウンロードできませんでした：${downloadWhy(p.download).ja}。${unchanged}` };
    case 'missing':
      return { en: p.message, ja: `${p.path}：ファイルがありません（company_tickers_mf.json と company_tickers.json が必要です）。${unchanged}` };
    case 'file':
      return { en: p.message, ja: `SECのファンド一覧を読み取れませんでした（${p.detail}）。${unchanged}` };
  }
}

const USAGE_EN = [
  'usage: topheavy data import <file|dir> [--fund TICKER]',
  '       topheavy data sync [FUND…]',
  '       topheavy data directory [--from DIR] [--allow-shrink]',
  '       topheavy data remove FUND [--as-of YYYY-MM-DD]',
  '       topheavy data backfill FUND [--since YYYY]',
  '  <dir>:  a HOLDINGS_DIR-style folder, one sub-folder per fund named by its ticker',
  '  <file>: one issuer file; its fund is its folder name unless --fund says otherwise',
  '  sync:   download each fund\'s current file from its issuer (all known funds, and every fund',
  '          anyone asked about, when none is named; SEC N-PORT needs SEC_USER_AGENT)',
  '  directory: fill the fund directory from the SEC\'s company_tickers_mf.json and company_tickers.json',
  '             (read from DIR, or downloaded when SEC_USER_AGENT is set) plus the curated list;',
  '             refused when it would drop more than 10% of the entries (--allow-shrink to accept)',
  '  backfill: store FUND\'s SEC N-PORT filings, one snapshot per report period since --since (default 2019);',
  '            periods already stored are not downloaded again (needs SEC_USER_AGENT and `data directory`)',
  '  remove: delete a bad snapshot of FUND (the one dated --as-of, or every one when no date is given)',
].join('\n');

const USAGE_JA = [
  '使い方：topheavy data import <file|dir> [--fund TICKER]',
  '        topheavy data sync [FUND…]',
  '        topheavy data directory [--from DIR] [--allow-shrink]',
  '        topheavy data remove FUND [--as-of YYYY-MM-DD]',
  '        topheavy data backfill FUND [--since YYYY]',
  '  <dir>：HOLDINGS_DIR と同じ形のフォルダ（ファンドごとにティッカー名のサブフォルダ）',
  '  <file>：運用会社のファイル1つ。ファンドはフォルダ名（--fund で指定も可）',
  '  sync：各ファンドの最新ファイルを運用会社からダウンロード（指定がなければ既知の全ファンドと、',
  '        これまでに尋ねられた全ファンド。SEC N-PORT には SEC_USER_AGENT が必要）',
  '  directory：SECの company_tickers_mf.json と company_tickers.json（DIR から読むか、SEC_USER_AGENT',
  '             設定時はダウンロード）と厳選リストからファンド名簿を作成。項目が10%超減る場合は',
  '             拒否（--allow-shrink で受け入れ）',
  '  backfill：FUND のSEC N-PORT提出書類を --since（既定 2019）以降の報告期間ごとに保存。保存済みの',
  '            期間は再ダウンロードしません（SEC_USER_AGENT と `data directory` が必要）',
  '  remove：FUND の誤ったデータを削除（--as-of の日付のもの、日付がなければすべて）',
].join('\n');

/** What is wrong with a `topheavy data …` command line. */
export function usageProblem(p: UsageProblem): Bilingual {
  switch (p.kind) {
    case 'one-fund':
      return { en: 'name exactly one fund', ja: 'ファンドを1つだけ指定してください' };
    case 'unknown-option':
      return { en: `unknown option ${p.option}`, ja: `不明なオプションです：${p.option}` };
    case 'not-ticker':
      return { en: `"${p.typed}" is not a fund ticker`, ja: `「${p.typed}」はファンドのティッカーではありません` };
    case 'bad-date':
      return { en: `--as-of needs a date as YYYY-MM-DD, got "${p.got}"`, ja: `--as-of には YYYY-MM-DD 形式の日付を指定してください（指定：「${p.got}」）` };
    case 'bad-year':
      return { en: `--since needs a year as YYYY, got "${p.got}"`, ja: `--since には YYYY 形式の年を指定してください（指定：「${p.got}」）` };
  }
}

/** Every line of `topheavy data …` and of the console's start-up, sync and background work, in both languages. */
export function dataLine(l: DataLine): Bilingual {
  switch (l.kind) {
    case 'usage': {
      const p = l.problem ? usageProblem(l.problem) : same('');
      return { en: `${p.en ? `${p.en}\n` : ''}${USAGE_EN}`, ja: `${p.ja ? `${p.ja}\n` : ''}${USAGE_JA}` };
    }
    case 'progress':
      return mf.progress(l.progress);
    case 'sync':
      return syncEvent(l.event);
    case 'sync-summary': {
      const s = l.summary;
      const skipped = s.skipped.map((e) => e.fund);
      const extra = skipped.length
        ? { en: `, ${skipped.length} skipped (${skipped.join(', ')})`, ja: `、省略 ${skipped.length}件（${skipped.join('、')}）` }
        : same('');
      return counts(s.stored.length, s.unchanged.length, s.failed.length, extra, l.where);
    }
    case 'import':
      return importEvent(l.event);
    case 'import-summary':
      return counts(l.summary.stored.length, l.summary.unchanged.length, l.summary.failed.length, same(''), l.where);
    case 'import-empty':
      return {
        en: `${l.target}: no issuer files here, neither directly nor in one sub-folder per fund`,
        ja: `${l.target}：取り込める運用会社のファイルがありません（直下にも、ファンドごとのサブフォルダにも）`,
      };
    case 'alert': {
      const r = l.alert.rule;
      return { en: `ALERT ${r.platform}/${r.serverId} → #${r.channelId}: ${l.alert.message.en}`, ja: `アラート ${r.platform}/${r.serverId} → #${r.channelId}：${l.alert.message.ja}` };
    }
    case 'removed': {
      const what = `${l.fund.padEnd(6)} ${l.file}`;
      return { en: `${what}: removed (${asOfEn(l.asOf)}, ${l.positions} positions)`, ja: `${what}：削除しました（${asOfJa(l.asOf)}、${l.positions}銘柄）` };
    }
    case 'removed-summary':
      return { en: `${l.count} removed. Store: ${l.where}`, ja: `${l.count}件削除しました。保存先：${l.where}` };
    case 'remove-none':
      return {
        en: `${l.fund}: no snapshot${l.asOf ? ` dated ${l.asOf}` : ''} is stored. Store: ${l.where}`,
        ja: `${l.fund}：${l.asOf ? `基準日 ${l.asOf} の` : ''}保存データはありません。保存先：${l.where}`,
      };
    case 'backfill-progress':
      return {
        en: `${l.fund}: ${l.done} of ${l.total} periods${l.period ? ` (${l.period})` : ''}`,
        ja: `${l.fund}：${l.total}期間中 ${l.done}期間${l.period ? `（${l.period}）` : ''}`,
      };
    case 'backfill-no-ids':
      return {
        en: `${l.fund}: no SEC series id or CIK is known (run \`topheavy data directory\` first). Store: ${l.where}`,
        ja: `${l.fund}：SECのシリーズIDもCIKもわかりません（先に \`topheavy data directory\` を実行してください）。保存先：${l.where}`,
      };
    case 'backfill-failed':
      return {
        en: `${l.fund}: ${l.detail ?? 'the archive could not be read'}`,
        ja: `${l.fund}：N-PORTの過去の提出書類を読み込めませんでした${l.detail ? `（${l.detail}）` : ''}。`,
      };
    case 'backfill-skipped':
      return { en: `${l.fund} ${l.period}: ${l.detail}`, ja: `${l.fund} ${l.period}：省略しました（${l.detail}）` };
    case 'backfill-done':
      return {
        en: `${l.fund}: ${l.periods} report periods since ${l.since}; ${l.stored} stored now, ${l.already} already stored, ${l.skipped} skipped${l.replaced ? `, ${l.replaced} replaced by amendments` : ''}. Store: ${l.where}`,
        ja: `${l.fund}：${l.since}年以降の報告期間 ${l.periods}件。今回保存 ${l.stored}件、保存済み ${l.already}件、省略 ${l.skipped}件${l.replaced ? `、訂正で置き換え ${l.replaced}件` : ''}。保存先：${l.where}`,
      };
    case 'directory-url':
      return { en: `downloading ${l.url}`, ja: `ダウンロード中 ${l.url}` };
    case 'directory-flagged': {
      const n = l.lines.length;
      const shown = `${l.lines.slice(0, 5).join('; ')}${n > 5 ? '; …' : ''}`;
      return { en: `${plural(n, 'symbol', 'symbols')} left out: ${shown}`, ja: `${n}件のシンボルを除外しました：${shown}` };
    }
    case 'directory-stored':
      return {
        en: `Directory: ${l.stored} entries — ${l.series} SEC fund series (${l.classes} share classes), ${l.uits} unit investment trusts, ${l.curated} curated funds and indexes. Store: ${l.where}`,
        ja: `ファンド名簿：${l.stored}件（SECのファンドシリーズ ${l.series}件〔受益証券クラス ${l.classes}件〕、ユニット型投資信託 ${l.uits}件、厳選したファンドと指数 ${l.curated}件）。保存先：${l.where}`,
      };
    case 'directory-failed': {
      const p = directoryProblem(l.problem);
      return l.background ? { en: `fund directory: ${p.en}`, ja: `ファンド名簿：${p.ja}` } : p;
    }
  }
}

/** The lines in one language, for `runDataCommand`'s `say` and the console. */
export function sayData(lang: Lang): SayLine {
  return (l) => t(lang, dataLine(l));
}

/** The store could not be opened (the console's one line before it exits): the English is the store's, the Japanese follows its kind. */
export function storeOpenProblem(p: StoreOpenProblem): Bilingual {
  return { en: p.message, ja: storeOpenJa(p) };
}

function storeOpenJa(p: StoreOpenProblem): string {
  switch (p.kind) {
    case 'pg-unreachable':
      return `${p.where} のPostgreSQLに接続できません（${p.code}）。サーバーを起動するか DATABASE_URL を直してください。`;
    case 'pg-login':
      return `${p.where} のPostgreSQLがログインを拒否しました。DATABASE_URL のユーザー名かパスワードを直してください。`;
    case 'pg-no-db':
      return `${p.where} のPostgreSQLにそのデータベースはありません。作成するか DATABASE_URL のデータベース名を直してください。`;
    case 'pg-other':
      return `${p.where} のPostgreSQLを開けません（${p.detail}）。DATABASE_URL を確認してください。`;
    case 'sqlite':
      return `SQLiteデータベース ${p.where} を開けません（${p.detail}）。DATABASE_URL と、フォルダに書き込めるかを確認してください。`;
  }
}
