import { Injectable } from '@nestjs/common';
import { PrismaClient } from '../database/prisma.js';
import { SHIFT_WITH_EMPLOYER, type ShiftRow } from '../common/shift-row.js';

// Placeholder "phones" of imported postings' employers: they cannot receive a code, so nobody signs in as one.
const IMPORT_PREFIX = 'feed:';

/** What an import reads and the employer its postings are filed under (one per source). */
@Injectable()
export class ShiftImportRepository {
  constructor(private readonly prisma: PrismaClient) {}

  bySource(source: string, externalId: string): Promise<ShiftRow | null> {
    return this.prisma.shift.findUnique({ where: { source_externalId: { source, externalId } }, include: SHIFT_WITH_EMPLOYER });
  }

  /** The employer an import's postings are filed under: one placeholder account per source, named after it. */
  async employerFor(source: string): Promise<string> {
    try {
      return await this.upsertEmployer(source);
    } catch {
      // Two first imports of a new source at once: one upsert lost the race on the unique phone; now it exists.
      return this.upsertEmployer(source);
    }
  }

  private async upsertEmployer(source: string): Promise<string> {
    const phone = `${IMPORT_PREFIX}${source}`;
    const account = await this.prisma.account.upsert({
      where: { phone },
      create: { phone, roles: ['employer'] },
      update: {},
      select: { id: true },
    });
    await this.prisma.employerProfile.upsert({ where: { id: account.id }, create: { id: account.id, name: source }, update: {} });
    return account.id;
  }
}
