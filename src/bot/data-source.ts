import type { FundSummary, HoldingsSource } from '../commands/context.ts';
import type { Catalog } from '../holdings/catalog.ts';

/** The commands' view of a loaded HOLDINGS_DIR. */
export function catalogSource(catalog: Catalog): HoldingsSource {
  const summaries: FundSummary[] = [...catalog.funds.values()].map(({ holdings: h }) => ({
    fund: h.fund,
    name: h.name,
    issuer: h.issuer,
    file: h.file,
    asOf: h.asOf.date,
    positions: h.positions.length,
  }));
  return {
    list: () => summaries,
    get: (fund) => catalog.funds.get(fund)?.holdings,
    problems: () => catalog.problems,
    describe: () => catalog.dir,
  };
}
