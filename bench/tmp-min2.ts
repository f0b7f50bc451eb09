import { loadCatalog } from '../holdings/catalog.ts';
import { columnsOf } from '../holdings/columns.ts';
import { concentrationPass } from '../analytics/index.ts';
const catalog = await loadCatalog('/work/shared/data/holdings/raw');
const c = columnsOf(catalog.funds.get('VT')!.holdings);
for (let i = 0; i < 3000; i++) concentrationPass(c.weightArray, [c.sectorCodes, c.countryCodes], 0.03);
