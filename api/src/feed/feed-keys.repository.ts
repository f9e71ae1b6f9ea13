import { Injectable } from '@nestjs/common';
import { PrismaClient } from '../database/prisma.js';

export interface FeedKeyRow {
  id: string;
  name: string;
  regionCode: string;
  canImport: boolean;
  createdAt: Date;
  revokedAt: Date | null;
}

const COLUMNS = { id: true, name: true, regionCode: true, canImport: true, createdAt: true, revokedAt: true } as const;

/** Feed keys: only their sha256 is stored. */
@Injectable()
export class FeedKeysRepository {
  constructor(private readonly prisma: PrismaClient) {}

  create(data: { name: string; regionCode: string; canImport: boolean; keyHash: string; createdBy: string }): Promise<{ id: string }> {
    return this.prisma.feedKey.create({ data, select: { id: true } });
  }

  byHash(keyHash: string): Promise<FeedKeyRow | null> {
    return this.prisma.feedKey.findUnique({ where: { keyHash }, select: COLUMNS });
  }

  find(id: string): Promise<FeedKeyRow | null> {
    return this.prisma.feedKey.findUnique({ where: { id }, select: COLUMNS });
  }

  /** Revokes once: a second revoke keeps the first time. */
  async revoke(id: string, at: Date): Promise<FeedKeyRow> {
    await this.prisma.feedKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: at } });
    return this.prisma.feedKey.findUniqueOrThrow({ where: { id }, select: COLUMNS });
  }

  list(regionPrefixes: string[]): Promise<FeedKeyRow[]> {
    return this.prisma.feedKey.findMany({
      where: { OR: regionPrefixes.map((p) => ({ regionCode: { startsWith: p } })) },
      select: COLUMNS,
      orderBy: { createdAt: 'asc' },
    });
  }
}
