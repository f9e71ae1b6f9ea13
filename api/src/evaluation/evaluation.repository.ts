import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../database/prisma.js';
import type { Thresholds } from './thresholds.js';

export type EvaluationRow = Prisma.MarketEvaluationGetPayload<object>;
export type EvaluationDraft = Omit<EvaluationRow, 'metrics' | 'thresholds' | 'scores'> & {
  metrics: object;
  thresholds: object;
  scores: object;
};

/** Threshold sets per region and evaluation results per (market, period). */
@Injectable()
export class EvaluationRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async thresholdSets(codes: string[]): Promise<Map<string, Partial<Thresholds>>> {
    const rows = await this.prisma.evaluationThreshold.findMany({ where: { regionCode: { in: codes } } });
    return new Map(rows.map((r) => [r.regionCode, r.thresholds as Partial<Thresholds>]));
  }

  async saveThresholds(regionCode: string, thresholds: Partial<Thresholds>, updatedBy: string): Promise<void> {
    const data = { thresholds: thresholds as object, updatedBy };
    await this.prisma.evaluationThreshold.upsert({ where: { regionCode }, create: { regionCode, ...data }, update: data });
  }

  async grades(marketIds: string[], period: string): Promise<Map<string, string>> {
    const rows = await this.prisma.marketEvaluation.findMany({
      where: { marketId: { in: marketIds }, period },
      select: { marketId: true, grade: true },
    });
    return new Map(rows.map((r) => [r.marketId, r.grade]));
  }

  /** A rerun of a period replaces that period's results; other periods stay as they were. */
  async save(rows: EvaluationDraft[]): Promise<void> {
    await this.prisma.$transaction(
      rows.map((r) =>
        this.prisma.marketEvaluation.upsert({
          where: { marketId_period: { marketId: r.marketId, period: r.period } },
          create: r,
          update: r,
        }),
      ),
    );
  }

  inRegion(prefix: string, period?: string): Promise<EvaluationRow[]> {
    return this.prisma.marketEvaluation.findMany({
      where: { regionCode: { startsWith: prefix }, ...(period ? { period } : {}) },
      orderBy: [{ period: 'desc' }, { regionCode: 'asc' }, { marketName: 'asc' }],
      take: 5000,
    });
  }

  ofMarket(marketId: string): Promise<EvaluationRow[]> {
    return this.prisma.marketEvaluation.findMany({ where: { marketId }, orderBy: { evaluatedAt: 'desc' }, take: 500 });
  }
}
