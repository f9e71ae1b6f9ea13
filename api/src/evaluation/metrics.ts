import { quantileSorted } from 'simple-statistics';
import type { MarketCounts } from './market-metrics.repository.js';
import { ratio, type Metrics } from './scoring.js';

/**
 * The evaluated figures from a period's counts (docs/evaluation.md defines each). People served counts
 * services: walk-ins registered + workers hired through the market + cases opened at its desk.
 * servedPerStaff is per month, so a quarter's is a third of its total per staff member.
 */
export function toMetrics(c: MarketCounts, months: number): Metrics {
  const served = c.walkIns + c.hiredWorkers + c.casesOpened;
  const sorted = [...c.fillMinutes].sort((a, b) => a - b);
  return {
    served,
    fillRate: ratio(c.positionsFilled, c.positionsPosted),
    timeToFillP50Min: sorted.length ? Math.round(quantileSorted(sorted, 0.5) * 10) / 10 : null,
    casesClosed: c.casesClosed,
    casesClosedInTime: c.casesClosedInTime,
    casesClosedInTimeRate: ratio(c.casesClosedInTime, c.casesClosed),
    overdueCases: c.overdueCases,
    staffOnDuty: c.staffOnDuty,
    servedPerStaff: c.staffOnDuty > 0 ? Math.round((served / c.staffOnDuty / months) * 100) / 100 : null,
  };
}
