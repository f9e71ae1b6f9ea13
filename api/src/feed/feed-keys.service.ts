import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FeedKeyResponse } from '@linggong/protocol';
import { AccessService } from '../access/access.service.js';
import { regionPrefix } from '../access/region-scope.js';
import { AppError } from '../common/errors.js';
import { FeedKeysRepository, type FeedKeyRow } from './feed-keys.repository.js';
import type { CreateFeedKeyInput } from './feed.schemas.js';

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Keys of provincial platforms: made by an admin of the region, shown once, kept as a hash, revocable. */
@Injectable()
export class FeedKeysService {
  constructor(
    private readonly keys: FeedKeysRepository,
    private readonly access: AccessService,
  ) {}

  async create(adminId: string, input: CreateFeedKeyInput): Promise<FeedKeyResponse> {
    await this.access.assertRegion(adminId, input.regionCode);
    const key = `lgk_${randomBytes(32).toString('base64url')}`;
    const { id } = await this.keys.create({ ...input, keyHash: sha256(key), createdBy: adminId });
    return { id, key };
  }

  async list(adminId: string, regionCode?: string) {
    if (regionCode) await this.access.assertRegion(adminId, regionCode);
    const regions = regionCode
      ? [regionCode]
      : (await this.access.scopesOf(adminId)).flatMap((s) =>
          s.role === 'admin' && 'regionCode' in s && s.regionCode ? [s.regionCode] : [],
        );
    const prefixes = regions.map(regionPrefix);
    return (await this.keys.list(prefixes)).map(toFeedKeyView);
  }

  async revoke(adminId: string, id: string) {
    const key = await this.keys.find(id);
    if (!key) throw new AppError('NOT_FOUND');
    await this.access.assertRegion(adminId, key.regionCode);
    return toFeedKeyView(await this.keys.revoke(id, new Date()));
  }

  /** The live key behind an `X-Api-Key` header; missing, unknown and revoked keys are all 401. */
  async authenticate(header: string | undefined): Promise<FeedKeyRow> {
    const key = header?.trim() ? await this.keys.byHash(sha256(header.trim())) : null;
    if (!key || key.revokedAt) throw new AppError('API_KEY_INVALID');
    return key;
  }
}

function toFeedKeyView(k: FeedKeyRow) {
  return {
    id: k.id,
    name: k.name,
    regionCode: k.regionCode,
    canImport: k.canImport,
    createdAt: k.createdAt.toISOString(),
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
