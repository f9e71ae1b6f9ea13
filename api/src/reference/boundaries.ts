import { Injectable } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { AppError } from '../common/errors.js';
import { RegionTree } from './region-tree.js';

/** Written by scripts/boundaries.mjs from boundary data published on npm; the same path from src/ and dist/. */
const FILE = new URL('../../geo/boundaries.json.gz', import.meta.url);

export interface RegionProps {
  code: string;
  name: string;
  nameEn: string;
  level: string;
  parentCode: string | null;
}

/** Simplified region outlines (about 1 km), read once on first use: some 4 MB of JSON. */
@Injectable()
export class RegionBoundaries {
  private shapes?: Record<string, MultiPolygon>;

  constructor(private readonly tree: RegionTree) {}

  feature(code: string): Feature<MultiPolygon, RegionProps> {
    const found = this.toFeature(code);
    if (!found) throw new AppError('NOT_FOUND');
    return found;
  }

  /** The region's children that have an outline (a county created since the data was drawn has none). */
  children(code: string): FeatureCollection<MultiPolygon, RegionProps> {
    const features = this.tree.childrenOf(code).flatMap((r) => this.toFeature(r.code) ?? []);
    return { type: 'FeatureCollection', features };
  }

  private toFeature(code: string): Feature<MultiPolygon, RegionProps> | undefined {
    const { code: c, name, nameEn, level, parentCode } = this.tree.get(code);
    const geometry = this.load()[code];
    return geometry && { type: 'Feature', id: c, properties: { code: c, name, nameEn, level, parentCode }, geometry };
  }

  private load(): Record<string, MultiPolygon> {
    this.shapes ??= JSON.parse(gunzipSync(readFileSync(FILE)).toString('utf8')) as Record<string, MultiPolygon>;
    return this.shapes;
  }
}
