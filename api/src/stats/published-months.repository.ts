import { Injectable } from '@nestjs/common';
import { PrismaClient } from '../database/prisma.js';
import type { MonthlyStats } from './monthly-stats.service.js';

export interface PublishedMonthRow {
  month: string;
  regionCode: string;
  version: number;
  publishedAt: Date;
  figures: MonthlyStats;
}

const COLUMNS = { month: true, regionCode: true, version: true, publishedAt: true, figures: true } as const;

/** Reads the frozen figures of published months (written by the publication module, never updated). */
@Injectable()
export class PublishedMonthsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** The latest version, or the given one; null when there is none. */
  async find(month: string, regionCode: string, version?: number): Promise<PublishedMonthRow | null> {
    const row = await this.prisma.publishedMonth.findFirst({
      where: { month, regionCode, ...(version !== undefined ? { version } : {}) },
      orderBy: { version: 'desc' },
      select: COLUMNS,
    });
    return row ? { ...row, figures: row.figures as unknown as MonthlyStats } : null;
  }

  /** The region's most recent published month, at its latest version; null when it never published. */
  async latest(regionCode: string): Promise<PublishedMonthRow | null> {
    // A few rows per region and month: no index needed beyond the unique one.
    const row = await this.prisma.publishedMonth.findFirst({
      where: { regionCode },
      orderBy: [{ month: 'desc' }, { version: 'desc' }],
      select: COLUMNS,
    });
    return row ? { ...row, figures: row.figures as unknown as MonthlyStats } : null;
  }
}
