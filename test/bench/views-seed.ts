/**
 * Shifts with 50 hires each, written straight into the database before the API opens it (as seed.ts does for
 * accounts): hiring 50 workers through 50 phones would measure the race, not the employer's screens. The rows
 * have the shapes api/src/dispatch and api/src/offers write: an accepted offer behind every hire, and more
 * offers that went to workers who did not take the shift. The shifts started 30 minutes ago, so attendance
 * can be recorded for every hire.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths.js';
import { CITY, type PreparedDatabase } from './seed.js';

interface PrismaLike {
  shift: { create(args: { data: object }): Promise<unknown> };
  offer: { createMany(args: { data: object[] }): Promise<unknown> };
  assignment: { createMany(args: { data: object[] }): Promise<unknown> };
}

export interface HiredShift {
  shiftId: string;
  assignmentIds: string[];
}

/** `shifts` filled shifts of the bench's employer, each with `hires` hired workers and `extraOffers` more offers. */
export async function seedHiredShifts(db: PreparedDatabase, shifts: number, hires: number, extraOffers: number): Promise<HiredShift[]> {
  const { openDatabase } = (await import(pathToFileURL(path.join(ROOT, 'api/dist/database/database.js')).href)) as {
    openDatabase: (o: object) => Promise<{ prisma: PrismaLike; close(): Promise<void> }>;
  };
  const workers = db.people.workers;
  if (workers.length < hires + extraOffers) throw new Error(`views: ${hires + extraOffers} workers needed, ${workers.length} seeded`);
  const opened = await openDatabase(db.env.DATABASE_URL ? { databaseUrl: db.env.DATABASE_URL, dataDir: 'memory://' } : { dataDir: db.env.DATA_DIR });
  const now = Date.now();
  const startsAt = new Date(now - 30 * 60_000);
  const endsAt = new Date(now + 5 * 3600_000);
  const out: HiredShift[] = [];
  try {
    for (let s = 0; s < shifts; s++) {
      const shiftId = randomUUID();
      await opened.prisma.shift.create({
        data: {
          id: shiftId,
          employerId: db.people.employer.id,
          marketId: 'lz-chengguan',
          regionCode: '620102',
          title: `库房装卸 ${s + 1}（视图压测）`,
          trade: 'electrician',
          description: '压测用：五十人已录用',
          headcount: hires,
          filled: hires,
          wageAmount: '260',
          wageUnit: 'day',
          lat: CITY.lat,
          lng: CITY.lng,
          address: '兰州市城关区东岗西路 100 号',
          startsAt,
          endsAt,
          status: 'filled',
          wave: 2,
          radiusKm: 5,
          closedReason: 'filled',
        },
      });
      const offers = workers.slice(0, hires + extraOffers).map((w, i) => ({
        id: randomUUID(),
        shiftId,
        workerId: w.id,
        wave: i < hires ? 1 : 2,
        distanceKm: 1 + (i % 40) / 10,
        score: 0.7,
        reasons: ['距离 1.2 公里', '守约率 100%'],
        status: i < hires ? 'accepted' : i % 2 ? 'declined' : 'open',
        expiresAt: endsAt,
        respondedAt: i < hires ? new Date(now - 60 * 60_000 + i * 1000) : null,
      }));
      await opened.prisma.offer.createMany({ data: offers });
      const assignments = offers.slice(0, hires).map((o, i) => ({
        id: randomUUID(),
        shiftId,
        workerId: o.workerId,
        offerId: o.id,
        startsAt,
        endsAt,
        wageAmount: '260',
        wageUnit: 'day',
        createdAt: new Date(now - 60 * 60_000 + i * 1000),
        // A third checked in on site already: the view shows both kinds.
        checkInAt: i % 3 === 0 ? new Date(now - 20 * 60_000) : null,
        checkInLat: i % 3 === 0 ? CITY.lat : null,
        checkInLng: i % 3 === 0 ? CITY.lng : null,
      }));
      await opened.prisma.assignment.createMany({ data: assignments });
      out.push({ shiftId, assignmentIds: assignments.map((a) => a.id) });
    }
  } finally {
    await opened.close();
  }
  return out;
}
