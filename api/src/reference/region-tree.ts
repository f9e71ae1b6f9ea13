import { Injectable } from '@nestjs/common';
import { AppError } from '../common/errors.js';
import { REGIONS, type RegionSeed } from './regions.data.js';

/** The province the demo and the existing clients live in: its whole subtree is in the default list. */
const HOME_PROVINCE = '620000';

export interface RegionWithPath extends RegionSeed {
  /** Ancestors, the province first. */
  path: RegionSeed[];
}

/** The national division tree in memory: look-ups by code, children, ancestors. */
@Injectable()
export class RegionTree {
  private readonly byCode = new Map(REGIONS.map((r) => [r.code, r]));
  private readonly children = new Map<string, RegionSeed[]>();

  constructor() {
    for (const r of REGIONS) {
      if (!r.parentCode) continue;
      const list = this.children.get(r.parentCode) ?? [];
      list.push(r);
      this.children.set(r.parentCode, list);
    }
  }

  find(code: string): RegionSeed | undefined {
    return this.byCode.get(code);
  }

  get(code: string): RegionSeed {
    const region = this.byCode.get(code);
    if (!region) throw new AppError('NOT_FOUND');
    return region;
  }

  childrenOf(code: string): RegionSeed[] {
    this.get(code);
    return this.children.get(code) ?? [];
  }

  withPath(code: string): RegionWithPath {
    const region = this.get(code);
    const path: RegionSeed[] = [];
    for (let up = region.parentCode; up; up = this.byCode.get(up)?.parentCode ?? null) path.unshift(this.get(up));
    return { ...region, path };
  }

  /** Filtered by `code` or `parent`; without either, every province plus Gansu's whole subtree (as before). */
  list(q: { parent?: string; code?: string }): RegionSeed[] {
    if (q.code) return this.byCode.has(q.code) ? [this.get(q.code)] : [];
    if (q.parent) return this.childrenOf(q.parent);
    return REGIONS.filter((r) => r.level === 'province' || (r.code.startsWith(HOME_PROVINCE.slice(0, 2)) && r.code !== HOME_PROVINCE));
  }
}
