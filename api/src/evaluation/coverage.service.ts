import { Injectable } from '@nestjs/common';
import { AccessService } from '../access/access.service.js';
import { regionPrefix } from '../access/region-scope.js';
import { RegionTree } from '../reference/region-tree.js';
import { chinaMonth, monthRange } from '../stats/month.js';
import { CoverageRepository } from './coverage.repository.js';
import { uncoveredCells } from './coverage.js';

/** The most cells one answer lists (the rest are the least demand). */
const MAX_CELLS = 1000;

/** Where work was posted or workers waited with no market within reach: to plan new stations. */
@Injectable()
export class CoverageService {
  constructor(
    private readonly repo: CoverageRepository,
    private readonly tree: RegionTree,
    private readonly access: AccessService,
  ) {}

  async coverage(actorId: string, q: { regionCode: string; month?: string; radiusKm: number }) {
    this.tree.get(q.regionCode);
    await this.access.assertRegion(actorId, q.regionCode, ['officer', 'admin']);
    const month = q.month ?? chinaMonth(new Date());
    const { start, end } = monthRange(month);
    const prefix = regionPrefix(q.regionCode);
    const [markets, shifts, waiting] = await Promise.all([
      this.repo.markets(),
      this.repo.shifts(prefix, start, end),
      this.repo.waiting(prefix, start, end),
    ]);
    const cells = uncoveredCells([...shifts, ...waiting], markets, q.radiusKm);
    return { regionCode: q.regionCode, month, radiusKm: q.radiusKm, cells: cells.slice(0, MAX_CELLS) };
  }
}
