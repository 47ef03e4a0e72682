import type { ChartDefinition } from './chart-definition';
import { campusFilters } from '../campus-scope';
import { baseOption, categoryAxis, valueAxis } from './chart-style';
import { groupColour } from './chart-colours';
import { currencyLabel } from '../format-number';
import { disclosureOf, suppressedRows } from '../disclosure-marker';

const GROUP = 'fines_and_fees.user_group';
const BALANCE = 'fines_and_fees.open_balance';

/** The balance still owed on open fines and fees, by the user group of the fee's user. */
export const openFinesByGroup: ChartDefinition = {
  id: 'open-fines-by-group',
  title: 'Open fines and fees balance by user group',
  query: (scope) => ({
    measures: [BALANCE],
    dimensions: [GROUP],
    filters: campusFilters('fines_and_fees', scope),
  }),
  draw: (resultSet) => {
    const held = suppressedRows(resultSet, BALANCE);
    const minCellSize = disclosureOf(resultSet)?.minCellSize;
    const rows = (resultSet.rawData() as Record<string, unknown>[]).map((row, index) => ({
      group: String(row[GROUP] ?? '∅'),
      balance: row[BALANCE] === null || row[BALANCE] === undefined ? null : Number(row[BALANCE]),
      held: held.has(index),
    }));
    // Largest balance first; groups with no balance at all (null) or a held-back one last, not first as SQL's DESC puts them.
    rows.sort((a, b) => (a.balance === null ? 1 : 0) - (b.balance === null ? 1 : 0) || (b.balance ?? 0) - (a.balance ?? 0));
    const heldCount = rows.filter((row) => row.held).length;
    return {
      points: rows.filter((row) => row.balance !== null && row.balance !== 0).length,
      note: heldCount > 0 && minCellSize ? `${heldCount === 1 ? '1 balance is' : `${heldCount} balances are`} not shown: fewer than ${minCellSize} people each.` : '',
      option: {
        ...baseOption('currency', minCellSize),
        legend: { show: false },
        yAxis: { ...categoryAxis('User group', rows.map((row) => row.group)), inverse: true, nameGap: 110 },
        xAxis: valueAxis(`Open balance (${currencyLabel()})`, 'currency', 30),
        series: [{
          type: 'bar',
          name: 'Open balance',
          data: rows.map((row) => ({ value: row.balance, itemStyle: { color: groupColour(row.group) } })),
        }],
      },
    };
  },
};
