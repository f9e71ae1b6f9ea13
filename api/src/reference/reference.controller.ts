import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RegionBoundaries } from './boundaries.js';
import { RegionTree } from './region-tree.js';
import {
  BoundaryQuery,
  RegionParam,
  RegionsQuery,
  type BoundaryQueryInput,
  type RegionParamInput,
  type RegionsQueryInput,
} from './region.schemas.js';
import { INDUSTRIES, TRADES } from './trades.data.js';

/** Reference lists; the markets' own routes are in markets/markets.controller.ts. */
@ApiTags('reference')
@Controller()
export class ReferenceController {
  constructor(
    private readonly tree: RegionTree,
    private readonly boundaries: RegionBoundaries,
  ) {}

  @Get('trades')
  @ApiOperation({ summary: 'The trade list, with GB/T 4754 industry sections' })
  trades() {
    return TRADES;
  }

  @Get('industries')
  industries() {
    return Object.entries(INDUSTRIES).map(([code, v]) => ({ code, ...v }));
  }

  @Get('regions')
  @ApiOperation({
    summary: 'The national GB/T 2260 tree: ?parent= its children, ?code= one; without filters every province and Gansu in full',
  })
  regions(@Query({ schema: RegionsQuery }) q: RegionsQueryInput) {
    return this.tree.list(q);
  }

  @Get('regions/:code')
  @ApiOperation({ summary: 'One region with its ancestors (province first)' })
  region(@Param({ schema: RegionParam }) p: RegionParamInput) {
    return this.tree.withPath(p.code);
  }

  @Get('regions/:code/boundary')
  @ApiOperation({ summary: "The region's simplified outline as a GeoJSON Feature; ?children=1 its children's as a FeatureCollection" })
  boundary(@Param({ schema: RegionParam }) p: RegionParamInput, @Query({ schema: BoundaryQuery }) q: BoundaryQueryInput) {
    const children = q.children === '1' || q.children === 'true';
    return children ? this.boundaries.children(p.code) : this.boundaries.feature(p.code);
  }
}
