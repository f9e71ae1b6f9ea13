import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../database/prisma.js';
import { DEMO_MARKETS, MARKET_COMPLAINT_CHANNEL, MARKET_HOTLINE } from './markets.data.js';
import { REGIONS } from './regions.data.js';
import { TRADES } from './trades.data.js';

/** Reference data every deployment needs: the trade list and the region tree. */
export async function seedReference(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction([
    ...TRADES.map((t, sort) => prisma.trade.upsert({ where: { code: t.code }, create: { ...t, sort }, update: { ...t, sort } })),
  ]);
  await seedRegions(prisma);
}

/**
 * The national tree is some 3,400 rows: insert the missing ones in one statement per level (parents
 * first), and update only rows whose names or parent changed, so a restart costs one read.
 */
async function seedRegions(prisma: PrismaClient): Promise<void> {
  const existing = new Map((await prisma.region.findMany()).map((r) => [r.code, r]));
  for (const level of ['province', 'city', 'county'] as const) {
    const missing = REGIONS.filter((r) => r.level === level && !existing.has(r.code));
    if (missing.length) await prisma.region.createMany({ data: missing, skipDuplicates: true });
  }
  const changed = REGIONS.filter((r) => {
    const row = existing.get(r.code);
    return row && (row.name !== r.name || row.nameEn !== r.nameEn || row.level !== r.level || row.parentCode !== r.parentCode);
  });
  if (changed.length) await prisma.$transaction(changed.map((r) => prisma.region.update({ where: { code: r.code }, data: r })));
}

export async function seedDemoMarkets(prisma: PrismaClient): Promise<void> {
  for (const m of DEMO_MARKETS) {
    const data = { ...m, hotline: MARKET_HOTLINE, complaintChannel: MARKET_COMPLAINT_CHANNEL, amenities: m.amenities as object[] };
    await prisma.market.upsert({ where: { id: m.id }, create: data, update: data });
  }
}

export const DEMO_EMPLOYER_PHONE = '13800000001';
export const DEMO_STAFF_PHONE = '13900000000';

/** Demo markets and a few open shifts, so a first start shows a living market. Never in production. */
export async function seedDemo(prisma: PrismaClient, now = new Date()): Promise<boolean> {
  await seedDemoMarkets(prisma);
  if ((await prisma.account.count()) > 0) return false;
  await prisma.account.create({
    data: {
      phone: DEMO_STAFF_PHONE,
      roles: ['staff', 'admin', 'officer'],
      scopes: {
        create: [
          ...DEMO_MARKETS.map((m) => ({ role: 'staff' as const, target: m.id, marketId: m.id })),
          { role: 'admin' as const, target: '620000', regionCode: '620000' },
          { role: 'officer' as const, target: '620000', regionCode: '620000' },
        ],
      },
    },
  });
  const employer = await prisma.account.create({
    data: {
      phone: DEMO_EMPLOYER_PHONE,
      roles: ['employer'],
      employer: { create: { name: '兰州安居建筑劳务有限公司', contactName: '王经理' } },
    },
  });
  const hour = 3600_000;
  const at = (h: number) => new Date(now.getTime() + h * hour);
  const shifts = [
    {
      title: '工地清理小工',
      trade: 'construction_laborer',
      headcount: 6,
      wageAmount: 200,
      lat: 36.061,
      lng: 103.851,
      address: '城关区雁滩路高新区工地',
      h: 1,
      olderFriendly: true,
      mealsProvided: true,
    },
    {
      title: '装修电工',
      trade: 'electrician',
      headcount: 2,
      wageAmount: 320,
      lat: 36.048,
      lng: 103.829,
      address: '城关区南关什字某小区',
      h: 2,
      olderFriendly: false,
      mealsProvided: false,
    },
    {
      title: '搬家装车',
      trade: 'mover',
      headcount: 3,
      wageAmount: 35,
      wageUnit: 'hour' as const,
      lat: 36.069,
      lng: 103.79,
      address: '七里河区西站小区',
      h: 1.5,
      olderFriendly: false,
      mealsProvided: false,
    },
    {
      title: '商场保洁',
      trade: 'cleaner',
      headcount: 4,
      wageAmount: 160,
      lat: 36.057,
      lng: 103.838,
      address: '城关区东方红广场商场',
      h: 3,
      olderFriendly: true,
      mealsProvided: true,
    },
  ];
  for (const s of shifts) {
    await prisma.shift.create({
      data: {
        id: randomUUID(),
        employerId: employer.id,
        regionCode: '620102',
        title: s.title,
        trade: s.trade,
        headcount: s.headcount,
        wageAmount: s.wageAmount,
        wageUnit: s.wageUnit ?? 'day',
        lat: s.lat,
        lng: s.lng,
        address: s.address,
        startsAt: at(s.h),
        endsAt: at(s.h + 8),
        mealsProvided: s.mealsProvided,
        olderFriendly: s.olderFriendly,
      },
    });
  }
  return true;
}
