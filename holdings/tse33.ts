import type { GicsSector } from './types.ts';

/**
 * TSE 33-sector name (Japanese, exactly as JPX prints it in topixweight_j.csv) → nearest GICS sector.
 *
 * This is an APPROXIMATION. TSE sectors group companies by what they make, GICS by how they
 * earn, so a whole TSE sector cannot land in one GICS sector: Sony (電気機器) is Consumer
 * Discretionary under GICS, Hitachi (電気機器) Industrials, Nintendo (その他製品) Communication
 * Services, Seven & i (小売業) Consumer Staples. Positions keep the TSE label in `industry`
 * and say `sectorSource: 'mapped'`, so a reader can see where a sector figure came from.
 *
 * Rule: each label goes to the GICS sector its name describes, unless more than half of that
 * TSE sector's TOPIX weight (checked on the 2026-04-30 file) sits in companies that GICS puts
 * in one other sector. The exceptions that rule makes, with their share of the TSE sector:
 * - 鉱業 (mining) → Energy: INPEX alone is ~87%; the metal miners are filed under 非鉄金属.
 * - 精密機器 (precision instruments) → Health Care: HOYA, Terumo, Olympus and Asahi Intecc ~79%.
 * - 繊維製品 (textiles) → Materials: Toray and Teijin (synthetic fibres, chemicals) ~52%.
 * Judgement calls without a majority either way:
 * - 電気機器 → Information Technology (Tokyo Electron, Advantest, Keyence, Renesas… are the
 *   largest group; Hitachi and Mitsubishi Electric are Industrials, Sony and Panasonic
 *   Consumer Discretionary).
 * - その他製品 → Consumer Discretionary, although Nintendo is ~46% (Communication Services).
 * - 情報・通信業 → Communication Services (SoftBank Group, NTT, KDDI, SoftBank ~65%); the IT
 *   service firms in it (NTT Data, Nomura Research, TIS, SCSK) are Information Technology.
 * - 卸売業 → Industrials: the general trading houses (Mitsubishi Corp, Mitsui, Itochu,
 *   Marubeni, Sumitomo ~79%) are Trading Companies & Distributors under GICS.
 * - 小売業 → Consumer Discretionary (Fast Retailing ~25%), although Seven & i and Aeon are Staples.
 * - 非鉄金属 → Materials, although the cable makers (Fujikura, Sumitomo Electric, Furukawa
 *   Electric) hold much of its weight and GICS does not class them as Materials.
 * - 建設業 → Industrials, although the house builders (Daiwa House, Sekisui House) are not.
 */
export const SECTOR_BY_TSE33: Readonly<Record<string, GicsSector>> = Object.freeze({
  '水産・農林業': 'Consumer Staples',
  '鉱業': 'Energy',
  '建設業': 'Industrials',
  '食料品': 'Consumer Staples',
  '繊維製品': 'Materials',
  'パルプ・紙': 'Materials',
  '化学': 'Materials',
  '医薬品': 'Health Care',
  '石油・石炭製品': 'Energy',
  'ゴム製品': 'Consumer Discretionary',
  'ガラス・土石製品': 'Materials',
  '鉄鋼': 'Materials',
  '非鉄金属': 'Materials',
  '金属製品': 'Industrials',
  '機械': 'Industrials',
  '電気機器': 'Information Technology',
  '輸送用機器': 'Consumer Discretionary',
  '精密機器': 'Health Care',
  'その他製品': 'Consumer Discretionary',
  '電気・ガス業': 'Utilities',
  '陸運業': 'Industrials',
  '海運業': 'Industrials',
  '空運業': 'Industrials',
  '倉庫・運輸関連業': 'Industrials',
  '情報・通信業': 'Communication Services',
  '卸売業': 'Industrials',
  '小売業': 'Consumer Discretionary',
  '銀行業': 'Financials',
  '証券、商品先物取引業': 'Financials',
  'その他金融業': 'Financials',
  '保険業': 'Financials',
  '不動産業': 'Real Estate',
  'サービス業': 'Industrials',
} satisfies Record<string, GicsSector>);
