import { Injectable } from '@nestjs/common';
import type { TrainingMark, TrainingSignupStatus } from '@linggong/protocol';
import { AppError } from '../common/errors.js';
import { Prisma, PrismaClient, TX_OPTIONS } from '../database/prisma.js';

export type TrainingRow = Prisma.TrainingGetPayload<object>;

export interface NewTraining {
  title: string;
  provider: string;
  trades: string[];
  regionCode: string;
  marketId: string | null;
  address: string;
  startsAt: Date;
  endsAt: Date;
  fee: number;
  subsidy: number | null;
  seats: number;
  createdBy: string;
}

export interface SignupWithWorker {
  workerId: string;
  status: string;
  createdAt: Date;
  markedAt: Date | null;
  worker: { name: string; trades: string[]; assisted: boolean; account: { phone: string } } | null;
}

const isUniqueViolation = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';

/** The only code that touches the Training, TrainingSignup and TrainingNotice tables (and a completer's trades). */
@Injectable()
export class TrainingsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  create(t: NewTraining): Promise<TrainingRow> {
    return this.prisma.training.create({ data: t });
  }

  find(id: string): Promise<TrainingRow | null> {
    return this.prisma.training.findUnique({ where: { id } });
  }

  /** Trainings not yet started, soonest first; `trades` meets any of them; region by prefix. */
  upcoming(filter: { trades?: string[]; regionPrefix?: string; marketIds?: string[]; now: Date }, limit = 200): Promise<TrainingRow[]> {
    const where: Prisma.TrainingWhereInput = { startsAt: { gt: filter.now } };
    if (filter.trades) where.trades = { hasSome: filter.trades };
    if (filter.regionPrefix) where.regionCode = { startsWith: filter.regionPrefix };
    if (filter.marketIds) where.marketId = { in: filter.marketIds };
    return this.prisma.training.findMany({ where, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], take: limit });
  }

  /** Trainings a staff member or admin may see sign-ups of: of these markets, or of these region prefixes. */
  managed(filter: { marketIds: string[]; regionPrefixes: string[] }, limit = 200): Promise<TrainingRow[]> {
    const or: Prisma.TrainingWhereInput[] = [{ marketId: { in: filter.marketIds } }];
    for (const p of filter.regionPrefixes) or.push({ regionCode: { startsWith: p } });
    return this.prisma.training.findMany({ where: { OR: or }, orderBy: [{ startsAt: 'desc' }], take: limit });
  }

  /**
   * One seat, race-safe: the sign-up's row and the conditional `signups < seats` increment commit together
   * or not at all. Concurrent sign-ups wait on the training's row lock, and each re-reads `signups` after it.
   */
  async signUp(trainingId: string, workerId: string, now: Date): Promise<'ok' | 'already' | 'full' | 'closed' | 'missing'> {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const mine = await tx.trainingSignup.findUnique({ where: { trainingId_workerId: { trainingId, workerId } } });
        if (mine) return 'already';
        const taken = await tx.training.updateMany({
          where: { id: trainingId, startsAt: { gt: now }, signups: { lt: tx.training.fields.seats } },
          data: { signups: { increment: 1 } },
        });
        if (taken.count === 0) {
          const t = await tx.training.findUnique({ where: { id: trainingId } });
          return !t ? 'missing' : t.startsAt <= now ? 'closed' : 'full';
        }
        await tx.trainingSignup.create({ data: { trainingId, workerId, createdAt: now } });
        return 'ok';
      }, TX_OPTIONS);
    } catch (err) {
      // The same worker twice at once: the second row's insert fails and its increment rolls back.
      if (isUniqueViolation(err)) return 'already';
      throw err;
    }
  }

  async signups(trainingId: string): Promise<SignupWithWorker[]> {
    const rows = await this.prisma.trainingSignup.findMany({
      where: { trainingId },
      orderBy: { createdAt: 'asc' },
      select: { workerId: true, status: true, createdAt: true, markedAt: true },
    });
    const workers = await this.prisma.workerProfile.findMany({
      where: { id: { in: rows.map((r) => r.workerId) } },
      select: { id: true, name: true, trades: true, assisted: true, account: { select: { phone: true } } },
    });
    const byId = new Map(workers.map((w) => [w.id, w]));
    return rows.map((r) => ({ ...r, worker: byId.get(r.workerId) ?? null }));
  }

  /** Staff mark a sign-up; on completion the training's trades may join the worker's. */
  async mark(trainingId: string, workerId: string, status: TrainingMark, by: string, addTrades: string[] | null): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const res = await tx.trainingSignup.updateMany({
        where: { trainingId, workerId },
        data: { status, markedBy: by, markedAt: new Date() },
      });
      if (!res.count) return false;
      if (addTrades?.length) {
        const w = await tx.workerProfile.findUnique({ where: { id: workerId }, select: { trades: true } });
        if (w) {
          const trades = [...new Set([...w.trades, ...addTrades])];
          if (trades.length !== w.trades.length) await tx.workerProfile.update({ where: { id: workerId }, data: { trades } });
        }
      }
      return true;
    }, TX_OPTIONS);
  }

  signupStatus(trainingIds: string[], workerId: string): Promise<Map<string, TrainingSignupStatus>> {
    return this.prisma.trainingSignup
      .findMany({ where: { workerId, trainingId: { in: trainingIds } }, select: { trainingId: true, status: true } })
      .then((rows) => new Map(rows.map((r) => [r.trainingId, r.status as TrainingSignupStatus])));
  }

  ofWorker(workerId: string) {
    return this.prisma.trainingSignup.findMany({
      where: { workerId },
      include: { training: true },
      orderBy: { createdAt: 'desc' },
      take: 200,
    });
  }

  workerTrades(workerId: string): Promise<{ trades: string[]; regionCode: string | null } | null> {
    return this.prisma.workerProfile.findUnique({ where: { id: workerId }, select: { trades: true, regionCode: true } });
  }

  /**
   * Records that these workers are told of the training and answers those not told before: the notice's
   * primary key makes it once per worker per training, whichever instance (or event) gets there first.
   */
  async markTold(trainingId: string, workerIds: string[]): Promise<string[]> {
    if (!workerIds.length) return [];
    const rows = await this.prisma.trainingNotice.createManyAndReturn({
      data: workerIds.map((workerId) => ({ trainingId, workerId })),
      skipDuplicates: true,
      select: { workerId: true },
    });
    return rows.map((r) => r.workerId);
  }

  /** Trainings among these a worker was told of already. */
  async toldOf(workerId: string, trainingIds: string[]): Promise<Set<string>> {
    const rows = await this.prisma.trainingNotice.findMany({
      where: { workerId, trainingId: { in: trainingIds } },
      select: { trainingId: true },
    });
    return new Set(rows.map((r) => r.trainingId));
  }
}

export function signupError(result: 'already' | 'full' | 'closed' | 'missing'): AppError {
  return new AppError(
    ({ already: 'ALREADY_SIGNED_UP', full: 'TRAINING_FULL', closed: 'TRAINING_CLOSED', missing: 'NOT_FOUND' } as const)[result],
  );
}
