import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AccessService } from '../access/access.service.js';
import { regionPrefix } from '../access/region-scope.js';
import { AppError, fieldError } from '../common/errors.js';
import { LOGGER } from '../common/logger.js';
import { DomainEvents } from '../events/domain-events.js';
import { RegionTree } from '../reference/region-tree.js';
import { EvaluationRepository, type EvaluationRow } from './evaluation.repository.js';
import type { ListQueryInput, PutThresholdsInput, RunInput } from './evaluation.schemas.js';
import { MarketMetricsRepository, type MarketRow } from './market-metrics.repository.js';
import { toMetrics } from './metrics.js';
import { periodRange, previousPeriod } from './period.js';
import { exitFlag, grade, scoreAll, type Score } from './scoring.js';
import { bandProblems, effectiveThresholds, METRICS, type ScoredMetric, type Thresholds } from './thresholds.js';

export interface ThresholdsView {
  regionCode: string;
  thresholds: Thresholds;
  /** Where each metric's band comes from: a region code (this one or an ancestor), or null for the default. */
  sources: Record<ScoredMetric, string | null>;
}

/** Operator evaluation (绩效评价): thresholds per region, runs per period, history per market. */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly repo: EvaluationRepository,
    private readonly metrics: MarketMetricsRepository,
    private readonly tree: RegionTree,
    private readonly access: AccessService,
    private readonly events: DomainEvents,
    @Inject(LOGGER) private readonly log: Logger,
  ) {}

  async thresholds(actorId: string, regionCode: string): Promise<ThresholdsView> {
    this.tree.get(regionCode);
    await this.access.assertRegion(actorId, regionCode, ['officer', 'admin']);
    return this.view(regionCode);
  }

  async putThresholds(actorId: string, input: PutThresholdsInput): Promise<ThresholdsView> {
    this.tree.get(input.regionCode);
    await this.access.assertRegion(actorId, input.regionCode, ['officer', 'admin']);
    const problems = bandProblems(input.thresholds);
    if (problems.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        problems.map((k) => ({
          field: `thresholds.${k}`,
          zh: METRICS[k] === 'higher' ? '达标值不能低于不合格线' : '达标值不能高于不合格线',
          en: METRICS[k] === 'higher' ? 'pass must be at least fail' : 'pass must be at most fail',
        })),
      );
    }
    const own = (await this.repo.thresholdSets([input.regionCode])).get(input.regionCode) ?? {};
    await this.repo.saveThresholds(input.regionCode, { ...own, ...input.thresholds }, actorId);
    this.log.info({ event: 'evaluation.thresholds_set', regionCode: input.regionCode, accountId: actorId }, 'thresholds set');
    return this.view(input.regionCode);
  }

  /** Scores every active market of the region for the period, keeps the results, flags exits. */
  async run(actorId: string, input: RunInput) {
    this.tree.get(input.regionCode);
    await this.access.assertRegion(actorId, input.regionCode, ['officer', 'admin']);
    const { start, end, months } = periodRange(input.period);
    const now = new Date();
    if (start > now) throw fieldError('period', '不能评价尚未开始的期间', 'This period has not started');
    const markets = await this.metrics.markets(regionPrefix(input.regionCode));
    const ids = markets.map((m) => m.id);
    const [counts, previous, thresholdsOf] = await Promise.all([
      this.metrics.counts(ids, start, end, now),
      this.repo.grades(ids, previousPeriod(input.period)),
      this.thresholdResolver(markets),
    ]);
    const drafts = markets.map((m) => {
      const metrics = toMetrics(counts.get(m.id)!, months);
      const thresholds = thresholdsOf(m.regionCode);
      const scores = scoreAll(metrics, thresholds, months);
      const g = grade(scores);
      const flag = exitFlag(m.operator, g, previous.get(m.id) as Score | undefined);
      return {
        marketId: m.id,
        period: input.period,
        marketName: m.name,
        operator: m.operator as EvaluationRow['operator'],
        regionCode: m.regionCode,
        metrics,
        thresholds,
        scores,
        grade: g,
        exitFlag: flag,
        evaluatedAt: now,
        evaluatedBy: actorId,
      };
    });
    await this.repo.save(drafts);
    const results = drafts.map((d) => toEvaluationResult(d as unknown as EvaluationRow));
    this.log.info(
      { event: 'evaluation.completed', regionCode: input.regionCode, period: input.period, markets: drafts.length, accountId: actorId },
      'evaluation run',
    );
    this.events.publish('evaluation.completed', {
      regionCode: input.regionCode,
      period: input.period,
      actorId,
      results: drafts.map((d) => ({ marketId: d.marketId, grade: d.grade, exitFlag: d.exitFlag })),
    });
    return { regionCode: input.regionCode, period: input.period, evaluatedAt: now.toISOString(), results };
  }

  async list(actorId: string, q: ListQueryInput) {
    this.tree.get(q.regionCode);
    await this.access.assertRegion(actorId, q.regionCode, ['officer', 'admin']);
    return (await this.repo.inRegion(regionPrefix(q.regionCode), q.period)).map(toEvaluationResult);
  }

  async ofMarket(actorId: string, marketId: string) {
    await this.access.assertOverseeMarket(actorId, marketId);
    return (await this.repo.ofMarket(marketId)).map(toEvaluationResult);
  }

  private async view(regionCode: string): Promise<ThresholdsView> {
    const chain = this.chainOf(regionCode);
    const sets = await this.repo.thresholdSets(chain);
    const thresholds = effectiveThresholds(chain.map((c) => sets.get(c)));
    const sources = Object.fromEntries(
      (Object.keys(METRICS) as ScoredMetric[]).map((k) => [k, chain.find((c) => sets.get(c)?.[k]) ?? null]),
    ) as Record<ScoredMetric, string | null>;
    return { regionCode, thresholds, sources };
  }

  /** The region itself, then its ancestors up to the province. */
  private chainOf(regionCode: string): string[] {
    const known = this.tree.find(regionCode);
    if (!known) return [regionCode];
    const { path } = this.tree.withPath(regionCode);
    return [regionCode, ...path.map((p) => p.code).reverse()];
  }

  private async thresholdResolver(markets: MarketRow[]): Promise<(regionCode: string) => Thresholds> {
    const chains = new Map(markets.map((m) => [m.regionCode, this.chainOf(m.regionCode)]));
    const sets = await this.repo.thresholdSets([...new Set([...chains.values()].flat())]);
    return (regionCode) => effectiveThresholds((chains.get(regionCode) ?? []).map((c) => sets.get(c)));
  }
}

export function toEvaluationResult(r: EvaluationRow) {
  return {
    marketId: r.marketId,
    marketName: r.marketName,
    operator: r.operator,
    regionCode: r.regionCode,
    period: r.period,
    metrics: r.metrics,
    scores: r.scores,
    grade: r.grade,
    exitFlag: r.exitFlag,
    thresholds: r.thresholds,
    evaluatedAt: r.evaluatedAt.toISOString(),
  };
}
