import type { Bilingual } from './define.ts';
import type { DownloadProblem, FetchFailure } from '../store/fund-fetch.ts';

/** The sentences of fund resolution by name (directory, stand-ins, on-demand fetching), in English and Japanese. */
export const md = {
  /** Said after noSuchFund when SEC sources are off: the directory then holds only the curated names and what is stored. */
  secOffHint: (): Bilingual => ({
    en: ' With SEC sources off, only stored funds and the curated names are known: set SEC_USER_AGENT="Your Name you@example.com" to look up and fetch any US fund by ticker.',
    ja: 'SECのデータを使わない設定のため、分かるのは保存済みのファンドと登録済みの名前だけです。SEC_USER_AGENT="氏名 you@example.com" を設定すると、米国のどのファンドもティッカーで探して取得できます。',
  }),
  /** Said after noSuchFund with SEC sources on but the SEC's lists not in (they could not be downloaded): the answer may change once they are. */
  secListsAbsent: (): Bilingual => ({
    en: ' The SEC’s fund lists could not be downloaded just now, so only stored funds and the curated names are known: US funds by ticker can be looked up once the SEC answers again (try in a few minutes).',
    ja: 'SECのファンド一覧を今ダウンロードできないため、分かるのは保存済みのファンドと登録済みの名前だけです。SECが応答するようになれば、米国のファンドをティッカーで探せます（数分後にお試しください）。',
  }),
  /** Said after noSuchFund for a name (not a ticker) with SEC sources on: the SEC's fund lists carry tickers, not fund names. */
  secByTicker: (): Bilingual => ({
    en: ' US funds beyond the curated names are known from the SEC’s lists, which give tickers but not fund names: ask with the fund’s ticker (as on its issuer’s page, e.g. IVW).',
    ja: '登録済みの名前以外の米国ファンドはSECの一覧で探しますが、一覧にあるのはティッカーだけでファンド名はありません。運用会社のページにあるティッカー（例：IVW）で指定してください。',
  }),
  noSuchFund: (raw: string, suggestions: readonly string[]): Bilingual => ({
    en: `There is no fund or index called “${raw}” in the fund directory.${suggestions.length ? ` Did you mean ${suggestions.join(', ')}?` : ''} Try \`/funds search ${raw}\` or a ticker such as SPY.`,
    ja: `ファンド名簿に「${raw}」というファンドや指数はありません。${suggestions.length ? `${suggestions.join('、')} のことですか？` : ''}\`/funds search ${raw}\` で探すか、SPY などのティッカーを指定してください。`,
  }),
  choose: (raw: string, count: number): Bilingual => ({
    en: `“${raw}” matches ${count} funds. Pick one${count > 1 ? ' (or answer with its number on the console)' : ''}:`,
    ja: `「${raw}」に当てはまるファンドが${count}件あります。1つ選んでください（コンソールでは番号で答えられます）：`,
  }),
  chooseTitle: (raw: string): Bilingual => ({ en: `Which “${raw}”?`, ja: `どの「${raw}」ですか？` }),
  indexFunds: (index: string, count: number): Bilingual => ({
    en: `${index} is an index, not a fund: ${count} fund${count === 1 ? '' : 's'} in the directory track it. Pick one:`,
    ja: `${index}はファンドではなく指数です。名簿でこれに連動するファンドは${count}本です。1つ選んでください：`,
  }),
  searchTitle: (query: string, count: number): Bilingual => ({
    en: `Funds matching “${query}”: ${count}`,
    ja: `「${query}」に当てはまるファンド：${count}件`,
  }),
  searchNone: (query: string): Bilingual => ({
    en: `Nothing in the fund directory matches “${query}”. Try a ticker (SPY), an index (S&P 500) or a Japanese name (オルカン).`,
    ja: `ファンド名簿に「${query}」に当てはまるものはありません。ティッカー（SPY）、指数名（S&P 500）、日本語の名前（オルカン）で試してください。`,
  }),
  noDirectory: (): Bilingual => ({
    en: 'The fund directory is empty: run `topheavy data directory` (with SEC_USER_AGENT set, or --from DIR) to fill it.',
    ja: 'ファンド名簿が空です。`topheavy data directory`（SEC_USER_AGENT を設定するか --from DIR を指定）で作成してください。',
  }),
  colChoice: (): Bilingual => ({ en: '#', ja: '番号' }),
  colName: (): Bilingual => ({ en: 'Name', ja: '名称' }),
  colHeld: (): Bilingual => ({ en: 'Holdings', ja: '保有銘柄' }),
  heldStored: (): Bilingual => ({ en: 'stored', ja: '保存済み' }),
  heldStandIn: (t: string): Bilingual => ({ en: `via ${t}`, ja: `${t}で代用` }),
  heldOnDemand: (): Bilingual => ({ en: 'fetched when asked', ja: '要求時に取得' }),
  heldNotStored: (): Bilingual => ({ en: 'not stored', ja: '未保存' }),
  heldNone: (): Bilingual => ({ en: 'none', ja: 'なし' }),
  standIn: (asked: string, by: string, note: string): Bilingual => ({
    en: `Stand-in: ${asked} is shown with the holdings of ${by}. ${note}`,
    ja: `代用：${asked}は${by}の保有銘柄で表示しています。${note}`,
  }),
  standInChoice: (by: string, all: readonly string[]): Bilingual => ({
    en: all.length > 1 ? ` (${by} is the first of ${all.join(', ')} that is stored.)` : '',
    ja: all.length > 1 ? `（${all.join('・')}のうち保存済みの最初が${by}です。）` : '',
  }),
  indexWeights: (index: string, note: string): Bilingual => ({ en: `${index}: ${note}`, ja: `${index}：${note}` }),
  sameSeries: (asked: string, shown: string, series: string): Bilingual => ({
    en: `${asked} is a share class of the same fund as ${shown} (SEC series ${series}): one portfolio, so ${shown}’s holdings are shown.`,
    ja: `${asked}は${shown}と同じファンド（SEC シリーズ ${series}）の別の受益証券クラスです。ポートフォリオは同一のため、${shown}の保有銘柄を表示しています。`,
  }),
  variant: (raw: string, parent: string, marker: string): Bilingual => ({
    en: `“${raw}” names a different fund from ${parent} (${marker}): its holdings differ, so ${parent}’s are not shown for it, and there are none stored for it.`,
    ja: `「${raw}」は${parent}とは別のファンドです（${marker}）。保有銘柄が異なるため${parent}のデータでは代用せず、このファンドの保有銘柄データもありません。`,
  }),
  indexNotStored: (index: string, ticker: string): Bilingual => ({
    en: `${index} is known, but its weights are not stored yet: import its weight file with \`topheavy data import <file> --fund ${ticker}\`.`,
    ja: `${index}は名簿にありますが、ウエイトのデータがまだ保存されていません。\`topheavy data import <ファイル> --fund ${ticker}\` で取り込んでください。`,
  }),
  standInMissing: (name: string, by: readonly string[]): Bilingual => ({
    en: `${name} is answered with the holdings of ${by.join(' or ')}, and none of them is stored yet.`,
    ja: `${name}は${by.join('または')}の保有銘柄で代用しますが、いずれもまだ保存されていません。`,
  }),
  fetchOff: (name: string, ticker: string): Bilingual => ({
    en: `${name} is in the fund directory, but its holdings are not stored and downloading on demand is off here. Import its file with \`topheavy data import <file> --fund ${ticker}\`.`,
    ja: `${name}は名簿にありますが、保有銘柄が保存されておらず、ここでは要求時のダウンロードが無効です。\`topheavy data import <ファイル> --fund ${ticker}\` で取り込んでください。`,
  }),
  noSource: (name: string): Bilingual => ({
    en: `${name} is in the fund directory, but nothing is known about where to download its holdings.`,
    ja: `${name}は名簿にありますが、保有銘柄の入手先がわかりません。`,
  }),
  fetching: (ticker: string, name: string): Bilingual => ({
    en: `Fetching the holdings of ${ticker}${name !== ticker ? ` (${name})` : ''}…`,
    ja: `${ticker}${name !== ticker ? `（${name}）` : ''}の保有銘柄を取得しています…`,
  }),
  fetched: (ticker: string, kind: string, report: string | null, filed: string | null): Bilingual => ({
    en: `${ticker}’s holdings were fetched just now from ${kind !== 'issuer' ? 'its SEC Form N-PORT' : 'the issuer’s file'}${report ? ` for ${report}` : ''}${filed ? `, filed ${filed}` : ''}.`,
    ja: `${ticker}の保有銘柄を${kind !== 'issuer' ? 'SEC様式N-PORT' : '運用会社のファイル'}から今取得しました${report ? `（基準日 ${report}` : ''}${filed ? `${report ? '、' : '（'}提出日 ${filed}` : ''}${report || filed ? '）' : ''}。`,
  }),
  fetchFailed: (ticker: string, code: FetchFailure, detail: string, download?: DownloadProblem): Bilingual => {
    const why: Record<FetchFailure, Bilingual> = {
      'sec-off': {
        en: 'the issuer has no file we can read and SEC downloads are off: the operator can set SEC_USER_AGENT (a contact, as the SEC requires) to turn them on',
        ja: '運用会社に読み込めるファイルがなく、SECからのダウンロードが無効です。運営者が SEC_USER_AGENT（SECが求める連絡先）を設定すると有効になります',
      },
      'no-source': { en: 'nothing is known to download for it', ja: 'ダウンロード先がわかりません' },
      refused: { en: 'the issuer’s file could not be used and the SEC had nothing usable either', ja: '運用会社のファイルを使えず、SECにも使えるデータがありませんでした' },
      unreadable: { en: `the file could not be read (${detail})`, ja: `ファイルを読み取れませんでした（${detail}）` },
      network: download ? downloadWhy(download) : { en: 'the download failed after several tries; try again later', ja: '何度か試しましたがダウンロードできませんでした。後でもう一度お試しください' },
    };
    return { en: `Could not fetch ${ticker}’s holdings: ${why[code].en}.`, ja: `${ticker}の保有銘柄を取得できませんでした：${why[code].ja}。` };
  },
  /** A fund whose SEC series only the SEC's lists give, when those lists could not be brought in (the SEC unreachable). */
  secListsMissing: (ticker: string): Bilingual => ({
    en: `Could not fetch ${ticker}’s holdings: its SEC Form N-PORT series is found through the SEC’s fund lists, and those could not be downloaded just now (the SEC did not answer). Try again in a few minutes.`,
    ja: `${ticker}の保有銘柄を取得できませんでした：SEC様式N-PORTの系列はSECのファンド一覧で調べますが、その一覧を今ダウンロードできませんでした（SECが応答しません）。数分後にもう一度お試しください。`,
  }),
  storeUnavailable: (): Bilingual => ({
    en: 'The store is unavailable just now (its database is restarting or busy); try again in a minute.',
    ja: 'データベースが一時的に使えません（再起動中または混雑中です）。1分ほどしてからもう一度お試しください。',
  }),
};

/** Why a download failed, by kind: the refused host, the size cap, the clock, the server's status, a bot check. */
export function downloadWhy(d: DownloadProblem): Bilingual {
  switch (d.kind) {
    case 'refused-host':
      return { en: 'the download was refused because it led to a host we do not fetch from (a private address or another site)', ja: 'ダウンロード先（またはリダイレクト先）が取得を許可していないホスト（内部アドレスや別のサイト）だったため、取得を拒否しました' };
    case 'too-large':
      return { en: 'the file was larger than the size limit, so the download was stopped', ja: 'ファイルがサイズ上限を超えたため、ダウンロードを中止しました' };
    case 'timeout':
      return { en: 'the server did not answer in time (after several tries); try again later', ja: 'サーバーが時間内に応答しませんでした（何度か試しました）。後でもう一度お試しください' };
    case 'http':
      // Only a server error or a rate limit passes with time; a 404 or 403 will answer the same tomorrow.
      if (d.status === 404 || d.status === 410)
        return { en: `the server has no file at that address (HTTP ${d.status}): the source may have moved it, or files none for this fund`, ja: `サーバーのそのアドレスにファイルがありません（HTTP ${d.status}）。移動されたか、このファンドについては提出されていない可能性があります` };
      if (d.status !== undefined && d.status >= 400 && d.status < 500 && d.status !== 429)
        return { en: `the server refused the request (HTTP ${d.status})`, ja: `サーバーが要求を拒否しました（HTTP ${d.status}）` };
      return { en: `the server answered HTTP ${d.status ?? 'error'}; try again later`, ja: `サーバーが HTTP ${d.status ?? 'エラー'} を返しました。後でもう一度お試しください` };
    case 'challenge':
      return { en: 'the site answered with a bot-check page instead of the file', ja: 'サイトがファイルの代わりにボット確認ページを返しました' };
    case 'truncated':
      return { en: 'the connection closed before the whole file arrived; try again later', ja: 'ファイルを受け取り終える前に接続が切れました。後でもう一度お試しください' };
    case 'network':
      return { en: 'the server could not be reached (after several tries); try again later', ja: 'サーバーに接続できませんでした（何度か試しました）。後でもう一度お試しください' };
  }
}
