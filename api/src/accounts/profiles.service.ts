import { Injectable } from '@nestjs/common';
import type { Role } from '@linggong/protocol';
import { AppError, fieldError } from '../common/errors.js';
import { PrismaClient } from '../database/prisma.js';
import { reliabilityOf } from '../common/reliability.js';
import { tradeByCode } from '../reference/trades.js';
import { statedPriority } from '../presence/effective-priority.js';
import type { WorkerProfileInput } from './account.schemas.js';

type WorkerRow = NonNullable<Awaited<ReturnType<PrismaClient['workerProfile']['findUnique']>>>;

export function toWorkerProfile(w: WorkerRow) {
  return {
    id: w.id,
    name: w.name,
    trades: w.trades,
    birthYear: w.birthYear,
    // What the worker declared counts in ranking only once staff verified it (protocol Part 2, walk-ins).
    ...statedPriority(w),
    reliability: Math.round(reliabilityOf(w) * 100) / 100,
    completedCount: w.completedCount,
    lateCancelCount: w.lateCancelCount,
    noShowCount: w.noShowCount,
    createdAt: w.createdAt.toISOString(),
  };
}

/** Worker and employer profiles; creating one adds its role to the account. */
@Injectable()
export class ProfilesService {
  constructor(private readonly prisma: PrismaClient) {}

  async saveWorker(accountId: string, input: WorkerProfileInput) {
    const unknown = input.trades.findIndex((t) => !tradeByCode(t));
    if (unknown >= 0) throw fieldError(`trades.${unknown}`, '没有这个工种', 'Unknown trade code');
    const data = { name: input.name, trades: [...new Set(input.trades)], birthYear: input.birthYear ?? null, priorityClaim: input.priority };
    const [worker] = await this.prisma.$transaction([
      this.prisma.workerProfile.upsert({ where: { id: accountId }, create: { id: accountId, ...data }, update: data }),
      ...(await this.addRole(accountId, 'worker')),
    ]);
    return toWorkerProfile(worker);
  }

  async worker(accountId: string) {
    const w = await this.prisma.workerProfile.findUnique({ where: { id: accountId } });
    if (!w) throw new AppError('PROFILE_REQUIRED');
    return w;
  }

  async saveEmployer(accountId: string, input: { name: string; contactName?: string }) {
    const data = { name: input.name, contactName: input.contactName ?? null };
    const [employer] = await this.prisma.$transaction([
      this.prisma.employerProfile.upsert({ where: { id: accountId }, create: { id: accountId, ...data }, update: data }),
      ...(await this.addRole(accountId, 'employer')),
    ]);
    return { id: employer.id, name: employer.name, contactName: employer.contactName, createdAt: employer.createdAt.toISOString() };
  }

  async employer(accountId: string) {
    const e = await this.prisma.employerProfile.findUnique({ where: { id: accountId } });
    if (!e) throw new AppError('PROFILE_REQUIRED');
    return { id: e.id, name: e.name, contactName: e.contactName, createdAt: e.createdAt.toISOString() };
  }

  private async addRole(accountId: string, role: Role) {
    const account = await this.prisma.account.findUniqueOrThrow({ where: { id: accountId }, select: { roles: true } });
    if (account.roles.includes(role)) return [];
    return [this.prisma.account.update({ where: { id: accountId }, data: { roles: { push: role } } })];
  }
}
