import type { Bilingual } from './define.ts';
import type { FetchProgress, IssuerProblem } from '../store/fund-fetch.ts';
import { SELECT_SECTOR_FUNDS } from '../holdings/sector-fill.ts';
import { sectorName } from './messages.ts';

/** What an issuer did instead of giving its file, in both languages (said once, before N-PORT answers). */
function problemWords(p: IssuerProblem): Bilingual {
  switch (p.kind) {
    case 'html':
      return { en: 'answered with a web page (a bot check), not a holdings file', ja: 'ファイルではなくウェブページ（ボット確認）を返しました' };
    case 'status':
      return p.status === 404
        ? { en: 'has no file at its usual address (HTTP 404)', ja: 'いつものアドレスにファイルがありません（HTTP 404）' }
        : { en: `answered with an error (HTTP ${p.status})`, ja: `エラーを返しました（HTTP ${p.status}）` };
    case 'timeout':
      return { en: 'did not answer in time', ja: '時間内に応答しませんでした' };
    case 'network':
      // The library's own words ("getaddrinfo ENOTFOUND …") go to the log line, not to the reader.
      return { en: 'could not be reached (after several tries)', ja: '接続できませんでした（何度か試しました）' };
    case 'unreadable':
      return { en: `sent a file that is not a holdings file (${p.detail})`, ja: `保有銘柄ファイルではないファイルを返しました（${p.detail}）` };
    case 'other-fund':
      return { en: `sent the holdings of another fund (${p.found})`, ja: `別のファンド（${p.found}）の保有銘柄を返しました` };
    case 'older':
      return {
        en: `has a file as of ${p.asOf}, older than the fund's SEC N-PORT for ${p.nport}`,
        ja: `${p.asOf}時点のファイルを返しました。SEC N-PORT（${p.nport}時点）より古いものです`,
      };
  }
}

/** Progress of an on-demand fetch or a sync, one line each, in the reader's language. */
export const mf = {
  progress: (e: FetchProgress): Bilingual => {
    switch (e.kind) {
      case 'issuer':
        return { en: `${e.fund}: downloading the ${e.issuer} holdings file…`, ja: `${e.fund}：${e.issuer}の保有銘柄ファイルをダウンロードしています…` };
      case 'fallback':
        return mf.fallback(e.fund, e.issuer, e.problem);
      case 'nport-lookup':
        return { en: `${e.fund}: looking up its latest SEC Form N-PORT filing…`, ja: `${e.fund}：最新のSEC様式N-PORTの提出書類を探しています…` };
      case 'nport-read':
        return { en: `${e.fund}: reading SEC N-PORT ${e.accession} (filed ${e.filed})…`, ja: `${e.fund}：SEC N-PORT ${e.accession}（提出日 ${e.filed}）を読み込んでいます…` };
      case 'directory':
        return {
          en: 'Downloading the SEC’s fund lists into the fund directory (once; refreshed weekly)…',
          ja: 'SECのファンド一覧をファンド名簿にダウンロードしています（初回のみ、以後は毎週更新）…',
        };
      case 'sector-files':
        return {
          en: 'Reading GICS sectors from the Select Sector SPDR daily files (once a week)…',
          ja: 'セレクト・セクターSPDRの日次ファイルからGICSセクターを読み込んでいます（週に一度）…',
        };
      case 'sector-files-failed': {
        const why = typeof e.why === 'string' ? { en: e.why, ja: e.why } : mf.issuerDid(e.why.issuer, e.why.problem);
        // Each fund with its sector, in the reader's language: "XLK (Information Technology)", "XLK（情報技術）".
        const named = (lang: 'en' | 'ja') =>
          e.funds.map((f) => {
            const sector = SELECT_SECTOR_FUNDS[f];
            return sector === undefined ? f : lang === 'en' ? `${f} (${sector})` : `${f}（${sectorName('ja', sector)}）`;
          });
        return {
          en: `Sector lists not fetched: ${named('en').join(', ')}; ${e.fund}: ${why.en.replace(/\.$/, '')}. Their companies keep no sector unless another stored fund gives theirs; the card says how much of the weight has one.`,
          ja: `セクター一覧を取得できませんでした：${named('ja').join('、')}。${e.fund}：${why.ja.replace(/。$/, '')}。これらの企業のセクターは、ほかの保存済みファンドにない限り不明のままです。セクターが判明している比率はカードに示します。`,
        };
      }
    }
  },
  /** The one line that says what the issuer did and what answers instead. */
  fallback: (fund: string, issuer: string, problem: IssuerProblem): Bilingual => {
    const w = problemWords(problem);
    return { en: `${fund}: ${issuer} ${w.en}; SEC Form N-PORT answers instead.`, ja: `${fund}：${issuer}は${w.ja}。代わりにSEC様式N-PORTから取得します。` };
  },
  /** After a failed fetch: what the issuer did, as a sentence of its own. */
  issuerDid: (issuer: string, problem: IssuerProblem): Bilingual => {
    const w = problemWords(problem);
    return { en: `${issuer} ${w.en}.`, ja: `${issuer}は${w.ja}。` };
  },
  /** Said on the card under a fund fetched from N-PORT because its issuer failed. */
  fallbackNote: (issuer: string, problem: IssuerProblem): Bilingual => {
    const w = problemWords(problem);
    return { en: `Not from ${issuer}’s own file: ${issuer} ${w.en}.`, ja: `${issuer}自身のファイルからではありません：${issuer}は${w.ja}。` };
  },
};
