import type { MarketEvaluation } from '@linggong/protocol';
import { dateTime } from './format.js';
import { minutes, num, percent } from './figures-format.js';
import { t, tOr } from './i18n.svelte.js';
import type { Column } from './table.js';

const grade = (g: string | null | undefined) => (g ? tOr('grade.' + g, g) : '—');

/** The results table's columns: each measure coloured by its score, the grade, the exit flag. */
export function evaluationColumns(options: { market: boolean }): Column<MarketEvaluation>[] {
  const scored = (
    metric: keyof MarketEvaluation['scores'],
    text: (r: MarketEvaluation) => string,
    raw: (r: MarketEvaluation) => number | null,
  ) => ({
    label: t(`metric.${metric}`),
    text: (r: MarketEvaluation) => (r.scores[metric] ? `${text(r)} · ${grade(r.scores[metric])}` : text(r)),
    raw,
    numeric: true,
    tone: (r: MarketEvaluation) => r.scores[metric] ?? undefined,
  });
  const lead: Column<MarketEvaluation>[] = options.market
    ? [
        { label: t('fig.market'), text: (r) => r.marketName },
        { label: t('fig.operator'), text: (r) => tOr('operator.' + r.operator, r.operator), raw: (r) => r.operator },
      ]
    : [{ label: t('eval.period'), text: (r) => r.period }];
  return [
    ...lead,
    { label: t('eval.grade'), text: (r) => grade(r.grade), raw: (r) => r.grade, tone: (r) => r.grade },
    {
      label: t('eval.exit'),
      text: (r) => (r.exitFlag ? `⚑ ${t('eval.exitYes')}` : ''),
      raw: (r) => (r.exitFlag ? 1 : 0),
      tone: (r) => (r.exitFlag ? 'fail' : undefined),
    },
    { label: t('eval.served'), text: (r) => String(r.metrics.served), numeric: true },
    scored(
      'fillRate',
      (r) => percent(r.metrics.fillRate),
      (r) => r.metrics.fillRate,
    ),
    scored(
      'timeToFillP50Min',
      (r) => minutes(r.metrics.timeToFillP50Min),
      (r) => r.metrics.timeToFillP50Min,
    ),
    scored(
      'casesClosedInTimeRate',
      (r) => `${r.metrics.casesClosedInTime}/${r.metrics.casesClosed}`,
      (r) => r.metrics.casesClosedInTimeRate,
    ),
    scored(
      'overdueCases',
      (r) => String(r.metrics.overdueCases),
      (r) => r.metrics.overdueCases,
    ),
    scored(
      'servedPerStaff',
      (r) => num(r.metrics.servedPerStaff),
      (r) => r.metrics.servedPerStaff,
    ),
    { label: t('eval.staff'), text: (r) => String(r.metrics.staffOnDuty), numeric: true },
    { label: t('eval.evaluatedAt'), text: (r) => dateTime(r.evaluatedAt), raw: (r) => r.evaluatedAt },
  ];
}
