import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../database/prisma.js';

export interface MarketRow {
  id: string;
  name: string;
  operator: string;
  regionCode: string;
}

/** Raw counts per market for one period, before ratios and scores (evaluation.service.ts). */
export interface MarketCounts {
  walkIns: number;
  hiredWorkers: number;
  casesOpened: number;
  positionsPosted: number;
  positionsFilled: number;
  fillMinutes: number[];
  casesClosed: number;
  casesClosedInTime: number;
  overdueCases: number;
  staffOnDuty: number;
}

type Counter = Map<string, number>;
const counter = (rows: Array<{ marketId: string | null; n: bigint | number }>): Counter =>
  new Map(rows.filter((r) => r.marketId).map((r) => [r.marketId!, Number(r.n)]));

/** The figures the evaluation scores, counted in the database, one query per figure for all the region's markets. */
@Injectable()
export class MarketMetricsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  markets(prefix: string): Promise<MarketRow[]> {
    return this.prisma.market.findMany({
      where: { regionCode: { startsWith: prefix }, active: true },
      select: { id: true, name: true, operator: true, regionCode: true },
      orderBy: [{ regionCode: 'asc' }, { name: 'asc' }],
    });
  }

  async counts(ids: string[], start: Date, end: Date, now: Date): Promise<Map<string, MarketCounts>> {
    if (!ids.length) return new Map();
    const inIds = Prisma.join(ids);
    const [walkIns, hired, opened, fill, fillTimes, closed, overdue, staff] = await Promise.all([
      this.prisma.$queryRaw<Array<{ marketId: string; n: bigint }>>`
        SELECT "homeMarketId" AS "marketId", COUNT(*) AS n FROM "WorkerProfile"
        WHERE assisted AND "homeMarketId" IN (${inIds}) AND "createdAt" >= ${start} AND "createdAt" < ${end}
        GROUP BY 1`,
      // Workers hired on shifts posted at the market, or hired for the market's walk-ins (at the window or by SMS).
      this.prisma.$queryRaw<Array<{ marketId: string; n: bigint }>>`
        SELECT m AS "marketId", COUNT(DISTINCT "workerId") AS n FROM (
          SELECT s."marketId" AS m, a."workerId" FROM "Assignment" a JOIN "Shift" s ON s.id = a."shiftId"
          WHERE s."marketId" IN (${inIds}) AND a."createdAt" >= ${start} AND a."createdAt" < ${end}
          UNION ALL
          SELECT w."homeMarketId" AS m, a."workerId" FROM "Assignment" a JOIN "WorkerProfile" w ON w.id = a."workerId"
          WHERE a."assistedVia" IS NOT NULL AND w."homeMarketId" IN (${inIds}) AND a."createdAt" >= ${start} AND a."createdAt" < ${end}
        ) hires GROUP BY 1`,
      this.prisma.$queryRaw<Array<{ marketId: string; n: bigint }>>`
        SELECT "marketId", COUNT(*) AS n FROM "Case"
        WHERE "marketId" IN (${inIds}) AND "createdAt" >= ${start} AND "createdAt" < ${end} GROUP BY 1`,
      this.prisma.$queryRaw<Array<{ marketId: string; posted: bigint; filled: bigint }>>`
        SELECT "marketId", SUM(headcount)::bigint AS posted, SUM(LEAST(filled, headcount))::bigint AS filled FROM "Shift"
        WHERE "marketId" IN (${inIds}) AND "createdAt" >= ${start} AND "createdAt" < ${end} AND status <> 'cancelled'
        GROUP BY 1`,
      // A filled shift's time to fill: from posting to the hire that took its last place.
      this.prisma.$queryRaw<Array<{ marketId: string; minutes: number }>>`
        SELECT s."marketId", EXTRACT(EPOCH FROM (MAX(a."createdAt") - s."createdAt")) / 60.0 AS minutes
        FROM "Shift" s JOIN "Assignment" a ON a."shiftId" = s.id AND a.status <> 'cancelled'
        WHERE s."marketId" IN (${inIds}) AND s."createdAt" >= ${start} AND s."createdAt" < ${end}
          AND s.status <> 'cancelled' AND s.filled >= s.headcount
        GROUP BY s.id, s."marketId", s."createdAt"`,
      this.prisma.$queryRaw<Array<{ marketId: string; closed: bigint; inTime: bigint }>>`
        SELECT "marketId", COUNT(*) AS closed, COUNT(*) FILTER (WHERE "closedAt" <= "dueAt") AS "inTime" FROM "Case"
        WHERE "marketId" IN (${inIds}) AND "closedAt" >= ${start} AND "closedAt" < ${end} GROUP BY 1`,
      // Overdue in the period: due within it (and already past) but not closed by then.
      this.prisma.$queryRaw<Array<{ marketId: string; n: bigint }>>`
        SELECT "marketId", COUNT(*) AS n FROM "Case"
        WHERE "marketId" IN (${inIds}) AND "dueAt" >= ${start} AND "dueAt" < ${end} AND "dueAt" < ${now}
          AND ("closedAt" IS NULL OR "closedAt" > "dueAt")
        GROUP BY 1`,
      this.prisma.scope.groupBy({ by: ['marketId'], where: { role: 'staff', marketId: { in: ids } }, _count: true }),
    ]);
    const w = counter(walkIns);
    const h = counter(hired);
    const o = counter(opened);
    const od = counter(overdue);
    const s = counter(staff.map((r) => ({ marketId: r.marketId, n: r._count })));
    const fills = new Map(fill.map((r) => [r.marketId, r]));
    const cl = new Map(closed.map((r) => [r.marketId, r]));
    const times = new Map<string, number[]>();
    for (const r of fillTimes) times.set(r.marketId, [...(times.get(r.marketId) ?? []), Number(r.minutes)]);
    return new Map(
      ids.map((id) => [
        id,
        {
          walkIns: w.get(id) ?? 0,
          hiredWorkers: h.get(id) ?? 0,
          casesOpened: o.get(id) ?? 0,
          positionsPosted: Number(fills.get(id)?.posted ?? 0),
          positionsFilled: Number(fills.get(id)?.filled ?? 0),
          fillMinutes: times.get(id) ?? [],
          casesClosed: Number(cl.get(id)?.closed ?? 0),
          casesClosedInTime: Number(cl.get(id)?.inTime ?? 0),
          overdueCases: od.get(id) ?? 0,
          staffOnDuty: s.get(id) ?? 0,
        },
      ]),
    );
  }
}
