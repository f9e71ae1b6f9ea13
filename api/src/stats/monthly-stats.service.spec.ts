import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { openDatabase, type Database } from '../database/database.js';
import { MonthlyStatsService } from './monthly-stats.service.js';

// The boards' one-row total counts seekers without reading (trade, worker) pairs; these rows are the cases
// where a shortcut could part from the full figures: two sources and two trades for one worker, a worker who
// registered in one region and waited in another, no region, no trades, the edges of a month in China time.
let database: Database;
let stats: MonthlyStatsService;

const MONTHS = ['2024-02', '2024-03', '2024-04'];
const REGIONS = [undefined, '620000', '620100', '620102', '620500', '620400'];

async function worker(id: string, trades: string[], regionCode: string | null, createdAt: string): Promise<string> {
  await database.prisma.account.create({ data: { id, phone: `138${id.padStart(8, '0')}`, roles: ['worker'] } });
  await database.prisma.workerProfile.create({ data: { id, name: id, trades, regionCode, createdAt: new Date(createdAt) } });
  return id;
}

async function waited(workerId: string, day: string, trades: string[], regionCode: string | null): Promise<void> {
  await database.prisma.waitingDay.createMany({
    data: trades.map((trade) => ({ workerId, day: new Date(`${day}T00:00:00Z`), trade, regionCode })),
  });
}

async function shift(
  trade: string,
  headcount: number,
  regionCode: string | null,
  status: 'open' | 'filled' | 'cancelled' | 'expired' | 'completed',
  createdAt: string,
) {
  await database.prisma.shift.create({
    data: {
      employerId: 'employer',
      regionCode,
      title: trade,
      trade,
      headcount,
      wageAmount: 300,
      wageUnit: 'day',
      lat: 36.06,
      lng: 103.84,
      address: '兰州',
      startsAt: new Date(createdAt),
      endsAt: new Date(createdAt),
      status,
      createdAt: new Date(createdAt),
    },
  });
}

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  stats = new MonthlyStatsService(database.prisma);

  const both = await worker('both', ['electrician', 'mason'], '620102', '2024-03-05T02:00:00Z');
  await waited(both, '2024-03-06', ['electrician', 'mason'], '620102');
  await waited(both, '2024-03-07', ['electrician', 'mason'], '620102');
  const earlier = await worker('earlier', ['mason'], '620103', '2023-12-10T02:00:00Z');
  await waited(earlier, '2024-03-08', ['mason'], '620102');
  const tianshui = await worker('tianshui', ['welder'], '620502', '2024-03-02T02:00:00Z');
  await waited(tianshui, '2024-03-09', ['welder'], '620102');
  await worker('noRegion', ['cleaner'], null, '2024-03-03T02:00:00Z');
  await worker('noTrades', [], '620102', '2024-03-04T02:00:00Z');
  // 1 March 01:00 and 29 February 23:00 in China.
  await worker('lateNight', ['painter'], '620102', '2024-02-29T17:00:00Z');
  const february = await worker('february', ['painter'], '620102', '2024-02-29T15:00:00Z');
  await waited(february, '2024-04-01', ['painter'], '620102');

  await database.prisma.account.create({ data: { id: 'employer', phone: '13900000000', roles: ['employer'] } });
  await database.prisma.employerProfile.create({ data: { id: 'employer', name: '用工单位' } });
  await shift('electrician', 3, '620102', 'open', '2024-03-05T02:00:00Z');
  await shift('mason', 2, '620103', 'filled', '2024-03-10T02:00:00Z');
  await shift('mason', 10, '620102', 'cancelled', '2024-03-11T02:00:00Z');
  await shift('welder', 4, '620502', 'completed', '2024-03-12T02:00:00Z');
  await shift('cleaner', 1, null, 'expired', '2024-03-13T02:00:00Z');
  await shift('electrician', 5, '620102', 'open', '2024-03-31T16:00:00Z');
});

afterAll(async () => {
  await database?.close();
});

describe('MonthlyStatsService.total', () => {
  test('counts each seeker once, by where they registered or waited, and no cancelled demand', async () => {
    expect(await stats.total('2024-03')).toEqual({ demand: 10, seekers: 5, ratio: 2 });
    expect(await stats.total('2024-03', '620000')).toEqual({ demand: 9, seekers: 4, ratio: 2.25 });
    expect(await stats.total('2024-03', '620100')).toEqual({ demand: 5, seekers: 4, ratio: 1.25 });
    expect(await stats.total('2024-03', '620102')).toEqual({ demand: 3, seekers: 4, ratio: 0.75 });
    expect(await stats.total('2024-03', '620500')).toEqual({ demand: 4, seekers: 1, ratio: 4 });
    expect(await stats.total('2024-03', '620400')).toEqual({ demand: 0, seekers: 0, ratio: null });
    expect(await stats.total('2024-04', '620100')).toEqual({ demand: 5, seekers: 1, ratio: 5 });
  });

  test("equals the full figures' total for every month and region", async () => {
    for (const month of MONTHS) {
      for (const region of REGIONS) {
        const full = await stats.compute(month, region);
        expect({ month, region, ...(await stats.total(month, region)) }).toEqual({ month, region, ...full.total });
        expect(await stats.ratio(month, region)).toBe(full.total.ratio);
      }
    }
  });
});
