import type { Bilingual } from './define.ts';

/**
 * The sentences of /lesson and /quiz, in English and Japanese. Kept apart from messages.ts so the
 * lesson work does not collide with edits to the shared message table; same shape: each entry
 * takes already formatted figures and returns both languages.
 */
export const ml = {
  // ---- live figures in lessons ({{kind FUND}}) ----
  asOf: (date: string | null): Bilingual => ({ en: date ?? 'an unknown date', ja: date ?? '不明' }),
  fillEffectiveN: (fund: string, n: string, asOf: string): Bilingual => ({
    en: `${fund}: ${n} effective names (as of ${asOf})`,
    ja: `${fund}：実効銘柄数 ${n}（基準日 ${asOf}）`,
  }),
  fillTrend: (fund: string, periods: number, from: string, to: string, topFrom: string, topTo: string, nFrom: string, nTo: string): Bilingual => ({
    en: `${fund}, from its own SEC N-PORT filings (${periods} periods): top 10 ${topFrom} on ${from} → ${topTo} on ${to}; effective N ${nFrom} → ${nTo}`,
    ja: `${fund}（SEC N-PORTの提出書類${periods}期分）：上位10銘柄 ${from}時点 ${topFrom} → ${to}時点 ${topTo}、実効銘柄数 ${nFrom} → ${nTo}`,
  }),
  fillTrendNone: (fund: string): Bilingual => ({
    en: `${fund}: its N-PORT archive is not stored yet (\`/history ${fund}\` reads it)`,
    ja: `${fund}：N-PORTの過去の提出書類はまだ保存されていません（\`/history ${fund}\` で読み込めます）`,
  }),
  fillTop10: (fund: string, share: string, asOf: string): Bilingual => ({
    en: `${fund}: top 10 holdings = ${share} (as of ${asOf})`,
    ja: `${fund}：上位10銘柄で${share}（基準日 ${asOf}）`,
  }),
  fillHhi: (fund: string, hhi: string, asOf: string): Bilingual => ({
    en: `${fund}: HHI ${hhi} (as of ${asOf})`,
    ja: `${fund}：HHI ${hhi}（基準日 ${asOf}）`,
  }),
  fillLargest: (fund: string, ticker: string, weight: string, asOf: string): Bilingual => ({
    en: `${fund}: largest holding ${ticker} at ${weight} (as of ${asOf})`,
    ja: `${fund}：最大銘柄は${ticker}で${weight}（基準日 ${asOf}）`,
  }),
  fillTailK: (fund: string, ticker: string, weight: string, k: string | null, asOf: string): Bilingual => ({
    en: k === null ? `${fund}: largest holding ${ticker} at ${weight}, more than all the other holdings combined (as of ${asOf})` : `${fund}: largest holding ${ticker} at ${weight} = its ${k} smallest holdings combined (as of ${asOf})`,
    ja: k === null ? `${fund}：最大銘柄${ticker}は${weight}で、ほかの全銘柄の合計より重い（基準日 ${asOf}）` : `${fund}：最大銘柄${ticker}の${weight}は、小さい方から${k}銘柄の合計と同じ重さ（基準日 ${asOf}）`,
  }),
  fillOver45: (fund: string, count: string, share: string, asOf: string): Bilingual => ({
    en: `${fund}: ${count} companies above 4.5% (share classes combined), together ${share} (as of ${asOf})`,
    ja: `${fund}：4.5%を超える企業は${count}社（株式クラスは合算）、合計${share}（基準日 ${asOf}）`,
  }),
  fillBigShare: (fund: string, count: string, share: string, asOf: string): Bilingual => ({
    en: `${fund}: ${count} companies at 3% or more (share classes combined), together ${share} (as of ${asOf})`,
    ja: `${fund}：ウエイト3%以上の企業は${count}社（株式クラスは合算）、合計${share}（基準日 ${asOf}）`,
  }),
  fillProfile: (fund: string, count: string, n: string, top10: string, asOf: string): Bilingual => ({
    en: `${fund}: ${count} holdings, ${n} effective names, top 10 = ${top10} (as of ${asOf})`,
    ja: `${fund}：${count}銘柄、実効銘柄数 ${n}、上位10銘柄で${top10}（基準日 ${asOf}）`,
  }),
  fillCount: (fund: string, count: string, asOf: string): Bilingual => ({
    en: `${fund}: ${count} holdings (as of ${asOf})`,
    ja: `${fund}：${count}銘柄（基準日 ${asOf}）`,
  }),
  fillUsShare: (fund: string, share: string, asOf: string): Bilingual => ({
    en: `${fund}: ${share} in US companies (as of ${asOf})`,
    ja: `${fund}：米国企業が${share}（基準日 ${asOf}）`,
  }),
  fillTechPlus: (fund: string, share: string, asOf: string): Bilingual => ({
    en: `${fund}: Tech+ (IT + Communication Services) ${share} (as of ${asOf})`,
    ja: `${fund}：テック+（情報技術＋コミュニケーション・サービス）${share}（基準日 ${asOf}）`,
  }),
  fillAsOf: (fund: string, asOf: string): Bilingual => ({
    en: `${fund} holdings as of ${asOf}`,
    ja: `${fund}のデータ（基準日 ${asOf}）`,
  }),
  fillMissing: (fund: string): Bilingual => ({
    en: `(${fund} is not loaded)`,
    ja: `（${fund}のデータは読み込まれていません）`,
  }),

  // ---- /lesson ----
  lessonDescription: (): Bilingual => ({
    en: 'Short lessons on index concentration, with live numbers',
    ja: 'インデックスの集中についての短いレッスン（最新データ付き）',
  }),
  menuTitle: (count: number): Bilingual => ({ en: `Lessons (${count})`, ja: `レッスン一覧（${count}本）` }),
  menuSummary: (): Bilingual => ({
    en: 'Pick one with /lesson <id>, e.g. /lesson cap-weighting-basics. Each ends with a quiz: /quiz <id>.',
    ja: '/lesson <ID> で開きます（例：/lesson cap-weighting-basics）。各レッスンにはクイズがあります：/quiz <ID>',
  }),
  menuEmpty: (): Bilingual => ({ en: 'No lessons are installed yet.', ja: 'レッスンはまだありません。' }),
  colId: (): Bilingual => ({ en: 'Id', ja: 'ID' }),
  colTitle: (): Bilingual => ({ en: 'Lesson', ja: 'レッスン' }),
  colPages: (): Bilingual => ({ en: 'Pages', ja: 'ページ' }),
  startHere: (): Bilingual => ({ en: 'Start here', ja: 'ここから始める' }),
  pageTitle: (title: string, page: number, pages: number): Bilingual => ({
    en: `${title} (${page}/${pages})`,
    ja: `${title}（${page}/${pages}）`,
  }),
  previous: (): Bilingual => ({ en: '◀ Previous', ja: '◀ 前へ' }),
  next: (): Bilingual => ({ en: 'Next ▶', ja: '次へ ▶' }),
  takeQuiz: (): Bilingual => ({ en: 'Take the quiz', ja: 'クイズに挑戦' }),
  tryIt: (): Bilingual => ({ en: 'Try it', ja: '試してみよう' }),
  sourcesField: (): Bilingual => ({ en: 'Sources', ja: '出典' }),
  unknownLesson: (topic: string, suggestions: readonly string[]): Bilingual => ({
    en: `There is no lesson "${topic}".${suggestions.length ? ` Did you mean ${suggestions.join(', ')}?` : ''} Type /lesson for the list.`,
    ja: `「${topic}」というレッスンはありません。${suggestions.length ? `もしかして：${suggestions.join('、')}？` : ''}一覧は /lesson で表示できます。`,
  }),
  noSuchPage: (id: string, page: number, pages: number): Bilingual => ({
    en: `Lesson ${id} has ${pages} pages; there is no page ${page}.`,
    ja: `レッスン ${id} は${pages}ページです。${page}ページ目はありません。`,
  }),
  onlyInOtherLanguage: (): Bilingual => ({
    en: 'This lesson is not translated yet; shown in Japanese.',
    ja: 'このレッスンはまだ翻訳されていないため、英語で表示しています。',
  }),

  // ---- /quiz ----
  quizDescription: (): Bilingual => ({
    en: 'A quiz question on a lesson or on live fund data; answer with the buttons',
    ja: 'レッスンや最新のファンドデータに関するクイズ（ボタンで回答）',
  }),
  quizTitle: (what: string): Bilingual => ({ en: `Quiz: ${what}`, ja: `クイズ：${what}` }),
  liveData: (): Bilingual => ({ en: 'live data', ja: '最新データ' }),
  quizPrompt: (console = false): Bilingual =>
    console
      ? { en: 'One answer per person. Type the number of your answer (1, 2, …) to see the explanation.', ja: '回答は1人1回です。答えの番号（1、2…）を入力すると解説が表示されます。' }
      : { en: 'One answer per person. Press a button to answer and see the explanation.', ja: '回答は1人1回です。ボタンを押すと回答と解説が表示されます。' },
  revealTitle: (what: string): Bilingual => ({ en: `Answer: ${what}`, ja: `答え：${what}` }),
  youAnswered: (n: number, correct: boolean): Bilingual => ({
    en: correct ? `You chose ${n}: correct!` : `You chose ${n}: not quite.`,
    ja: correct ? `あなたの回答は${n}：正解です！` : `あなたの回答は${n}：残念、不正解です。`,
  }),
  alreadyAnswered: (n: number): Bilingual => ({
    en: `You already answered this one (you chose ${n}); only the first answer counts.`,
    ja: `この問題には回答済みです（${n}を選択）。最初の回答だけが有効です。`,
  }),
  fCorrect: (): Bilingual => ({ en: 'Correct answer', ja: '正解' }),
  fSpread: (count: number): Bilingual => ({ en: `Answers so far (${count})`, ja: `これまでの回答（${count}件）` }),
  fYourScore: (): Bilingual => ({ en: 'Your score', ja: 'あなたの成績' }),
  scoreValue: (correct: number, answered: number, streak: number, best: number): Bilingual => ({
    en: `${correct}/${answered} correct · streak ${streak} (best ${best})`,
    ja: `${answered}問中${correct}問正解・連続正解 ${streak}（最高 ${best}）`,
  }),
  scoreboardTitle: (): Bilingual => ({ en: 'Quiz leaderboard', ja: 'クイズ ランキング' }),
  scoreboardEmpty: (): Bilingual => ({ en: 'Nobody has answered a quiz here yet. Try /quiz.', ja: 'ここではまだ誰もクイズに回答していません。/quiz でどうぞ。' }),
  colRank: (): Bilingual => ({ en: '#', ja: '順位' }),
  colUser: (): Bilingual => ({ en: 'Player', ja: '参加者' }),
  colCorrect: (): Bilingual => ({ en: 'Correct', ja: '正解' }),
  colAnswered: (): Bilingual => ({ en: 'Answered', ja: '回答' }),
  colStreak: (): Bilingual => ({ en: 'Streak', ja: '連続' }),
  nextQuestion: (): Bilingual => ({ en: 'Another question', ja: '次の問題' }),
  showScores: (): Bilingual => ({ en: 'Leaderboard', ja: 'ランキング' }),
  revealAll: (): Bilingual => ({ en: 'Reveal to everyone', ja: '全員に答えを表示' }),
  readLesson: (): Bilingual => ({ en: 'Read the lesson', ja: 'レッスンを読む' }),
  revealNotYet: (): Bilingual => ({
    en: 'Answer first (or ask an admin) before revealing the answer to everyone.',
    ja: '全員に答えを表示するには、先に回答してください（または管理者に依頼してください）。',
  }),
  unknownQuiz: (topic: string, suggestions: readonly string[]): Bilingual => ({
    en: `There is no quiz for "${topic}".${suggestions.length ? ` Did you mean ${suggestions.join(', ')}?` : ''} Try /quiz, /quiz live or /quiz <lesson id>.`,
    ja: `「${topic}」のクイズはありません。${suggestions.length ? `もしかして：${suggestions.join('、')}？` : ''}/quiz、/quiz live、/quiz <レッスンID> をお試しください。`,
  }),
  quizUnverified: (): Bilingual => ({
    en: 'That quiz answer does not match a question this bot posted (it was posted before the bot\'s quiz key changed, or the answer was altered), so nothing was scored. Try /quiz for a new question.',
    ja: 'この回答は、このボットが出題した問題と一致しません（クイズの鍵が変わる前の出題か、回答が書き換えられています）。採点していません。/quiz で新しい問題をどうぞ。',
  }),
  quizGone: (): Bilingual => ({
    en: 'That question is no longer available (its lesson or fund data changed). Try /quiz for a new one.',
    ja: 'この問題は利用できなくなりました（レッスンまたはファンドデータが変わりました）。/quiz で新しい問題をどうぞ。',
  }),
  badChoice: (options: number): Bilingual => ({ en: `Choose an answer from 1 to ${options}.`, ja: `1〜${options}の番号で回答してください。` }),
  noLiveData: (): Bilingual => ({
    en: 'Live-data questions need at least one loaded fund (two for comparisons). Try /quiz <lesson id> instead.',
    ja: '最新データの問題には、読み込み済みのファンドが必要です（比較問題は2本以上）。/quiz <レッスンID> をお試しください。',
  }),

  liveQuestionNeedsData: (): Bilingual => ({
    en: 'That question is computed from a fund that is not loaded here. Try /quiz <lesson id> for another one.',
    ja: 'この問題は、ここで読み込まれていないファンドのデータから作られます。/quiz <レッスンID> で別の問題をどうぞ。',
  }),

  // ---- generated questions ----
  qMoreEffective: (a: string, aAsOf: string, b: string, bAsOf: string): Bilingual => ({
    en: `Which has more effective names (1/HHI): ${a} (file as of ${aAsOf}) or ${b} (as of ${bAsOf})?`,
    ja: `実効銘柄数（1/HHI）が多いのはどちら？ ${a}（基準日 ${aAsOf}）と${b}（基準日 ${bAsOf}）`,
  }),
  aboutTheSame: (): Bilingual => ({ en: 'About the same (within 10%)', ja: 'ほぼ同じ（差は10%以内）' }),
  whyEffective: (fund: string, n: string, count: string, asOf: string, isMore: boolean): Bilingual => ({
    en: `${fund} holds ${count} names but counts as ${n} equal-weighted ones (as of ${asOf})${isMore ? ' — the larger figure.' : ' — the smaller figure.'}`,
    ja: `${fund}は${count}銘柄で構成され、実効銘柄数は${n}です（基準日 ${asOf}）。${isMore ? 'こちらの方が多いです。' : 'こちらの方が少ないです。'}`,
  }),
  whySame: (ratio: string, correct: boolean): Bilingual => ({
    en: correct ? `Yes: the two differ by only ${ratio}.` : `No: the larger is ${ratio} above the smaller, more than 10%.`,
    ja: correct ? `正解：差はわずか${ratio}です。` : `不正解：大きい方が小さい方より${ratio}多く、10%を超える差があります。`,
  }),
  qUsShare: (fund: string, asOf: string): Bilingual => ({
    en: `In ${fund}'s holdings file as of ${asOf}, about what share is invested in US companies?`,
    ja: `${fund}のデータ（基準日 ${asOf}）では、米国企業への投資はおよそ何％？`,
  }),
  qTop10: (fund: string, asOf: string): Bilingual => ({
    en: `In ${fund}'s holdings file as of ${asOf}, about what share sits in its 10 largest holdings?`,
    ja: `${fund}のデータ（基準日 ${asOf}）で、上位10銘柄比率はおよそ何％？`,
  }),
  qTechPlus: (fund: string, asOf: string): Bilingual => ({
    en: `In ${fund}'s holdings file as of ${asOf}, about what share is in Tech+ (Information Technology + Communication Services)?`,
    ja: `${fund}のデータ（基準日 ${asOf}）で、テック+（情報技術＋コミュニケーション・サービス）のウエイトはおよそ何％？`,
  }),
  qEffectiveN: (fund: string, count: string, asOf: string): Bilingual => ({
    en: `${fund} holds ${count} names (file as of ${asOf}). About how many equal-weighted names is that worth (effective N = 1/HHI)?`,
    ja: `${fund}は${count}銘柄で構成されています（基準日 ${asOf}）。均等加重に換算すると約何銘柄分（実効銘柄数＝1/HHI）？`,
  }),
  qTailK: (fund: string, ticker: string, weight: string, asOf: string): Bilingual => ({
    en: `In ${fund}'s file as of ${asOf}, its largest holding ${ticker} is ${weight}. It weighs as much as about how many of the fund's smallest holdings combined?`,
    ja: `${fund}のデータ（基準日 ${asOf}）で、最大銘柄${ticker}のウエイトは${weight}です。小さい方から数えて約何銘柄の合計と同じ重さ？`,
  }),
  qOver45: (fund: string, asOf: string): Bilingual => ({
    en: `In ${fund}'s file as of ${asOf}, how many companies weigh more than 4.5%, share classes combined (the threshold the Nasdaq-100 and RIC-driven rules count)?`,
    ja: `${fund}のデータ（基準日 ${asOf}）で、ウエイトが4.5%（ナスダック100などRICに沿った規則が数える閾値）を超える企業は何社？（株式クラスは合算）`,
  }),
  qLargest: (fund: string, asOf: string): Bilingual => ({
    en: `Which company has the largest weight in ${fund}'s file as of ${asOf}?`,
    ja: `${fund}のデータ（基準日 ${asOf}）で、ウエイトが最大の銘柄はどれ？`,
  }),
  aboutCount: (count: string): Bilingual => ({ en: `About ${count}`, ja: `約${count}` }),
  whyLiveFigure: (fund: string, right: string, asOf: string, correct: boolean, guess: string): Bilingual => ({
    en: correct ? `Right: computed from ${fund}'s holdings file as of ${asOf}.` : `Not ${guess}: ${fund}'s holdings file as of ${asOf} gives ${right}.`,
    ja: correct ? `正解：${fund}のデータ（基準日 ${asOf}）から計算した値です。` : `${guess}ではありません。${fund}のデータ（基準日 ${asOf}）では${right}です。`,
  }),
  whyLargest: (fund: string, name: string, weight: string, top: string, topWeight: string, asOf: string, correct: boolean): Bilingual => ({
    en: correct ? `Right: ${name} is ${weight} of ${fund} (as of ${asOf}).` : `${name} is ${weight}; the largest is ${top} at ${topWeight} (${fund}, as of ${asOf}).`,
    ja: correct ? `正解：${name}は${fund}の${weight}です（基準日 ${asOf}）。` : `${name}は${weight}です。最大は${top}の${topWeight}です（${fund}、基準日 ${asOf}）。`,
  }),
  whyPeerFigure: (fund: string, right: string, asOf: string, guess: string, peer: string, peerAsOf: string): Bilingual => ({
    en: `${guess} is ${peer}'s figure (file as of ${peerAsOf}), not ${fund}'s: ${fund}'s file as of ${asOf} gives ${right}.`,
    ja: `${guess}は${peer}の値（基準日 ${peerAsOf}）で、${fund}の値ではありません。${fund}のデータ（基準日 ${asOf}）では${right}です。`,
  }),
  aboutShare: (share: string): Bilingual => ({ en: `About ${share}`, ja: `約${share}` }),
  whyUsShare: (fund: string, share: string, asOf: string, correct: boolean, guess: string): Bilingual => ({
    en: correct
      ? `Right: ${fund}'s holdings file puts ${share} in US companies (as of ${asOf}). A "world" fund can still be mostly one country.`
      : `${guess} is off: ${fund}'s holdings file puts ${share} in US companies (as of ${asOf}).`,
    ja: correct
      ? `正解：${fund}の保有データでは米国企業が${share}です（基準日 ${asOf}）。「全世界」型でも中身の多くは1か国ということがあります。`
      : `${guess}ではありません。${fund}の保有データでは米国企業が${share}です（基準日 ${asOf}）。`,
  }),
} as const;
