import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connectCollecting, emitAck, http, newEmployer, newWorker, type TestWorker } from '../support/clients.js';
import { personWith, type Person } from '../support/people.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

type Position = [number, number];
interface Feature {
  type: 'Feature';
  properties: { code: string; name: string; level: string };
  geometry: { type: 'MultiPolygon'; coordinates: Position[][][] };
}

/** A valid GeoJSON MultiPolygon: closed rings of at least 4 positions, all on Earth. */
function expectValidFeature(f: Feature, code: string) {
  expect(f.type).toBe('Feature');
  expect(f.properties.code).toBe(code);
  expect(f.geometry.type).toBe('MultiPolygon');
  expect(f.geometry.coordinates.length).toBeGreaterThan(0);
  for (const polygon of f.geometry.coordinates) {
    for (const ring of polygon) {
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      for (const [lng, lat] of ring) {
        expect(lng).toBeGreaterThanOrEqual(73);
        expect(lng).toBeLessThanOrEqual(136);
        expect(lat).toBeGreaterThanOrEqual(3);
        expect(lat).toBeLessThanOrEqual(54);
      }
    }
  }
}

function bbox(f: Feature) {
  const all = f.geometry.coordinates.flat(2);
  return {
    west: Math.min(...all.map(([lng]) => lng)),
    east: Math.max(...all.map(([lng]) => lng)),
    south: Math.min(...all.map(([, lat]) => lat)),
    north: Math.max(...all.map(([, lat]) => lat)),
  };
}

describe.each(BACKENDS)('regions and coverage on %s', (backend) => {
  let app: TestApp;
  let officer: Person;
  let employer: TestWorker;
  const prisma = () => app.database.prisma;

  beforeAll(async () => {
    app = await startTestApp(backend);
    officer = await personWith(app, { role: 'officer', regionCode: '620000' });
    employer = await newEmployer(app);
  });

  afterAll(async () => {
    await app.stop();
  });

  test('the national tree: counties of other provinces, children, one region with its path', async () => {
    const all = await http(app, 'GET', '/api/regions');
    expect(all.status).toBe(200);
    const codes = all.body.map((r: { code: string }) => r.code);
    // As before: every province and Gansu in full; now every Gansu county too.
    expect(codes).toEqual(expect.arrayContaining(['110000', '440000', '620000', '620100', '620102', '620122', '623000']));
    expect(codes).not.toContain('110105');
    expect(all.body.filter((r: { code: string }) => r.code.startsWith('62') && r.code.endsWith('00') && r.code !== '620000')).toHaveLength(
      14,
    );

    const shenzhen = await http(app, 'GET', '/api/regions?parent=440300');
    expect(shenzhen.body).toContainEqual({ code: '440305', name: '南山区', nameEn: 'Nanshan', level: 'county', parentCode: '440300' });
    expect((await http(app, 'GET', '/api/regions?code=110105')).body).toEqual([
      { code: '110105', name: '朝阳区', nameEn: 'Chaoyang', level: 'county', parentCode: '110000' },
    ]);
    const one = await http(app, 'GET', '/api/regions/440305');
    expect(one.status).toBe(200);
    expect(one.body.path.map((r: { code: string }) => r.code)).toEqual(['440000', '440300']);
    expect((await http(app, 'GET', '/api/regions/620102')).body).toMatchObject({
      nameEn: 'Chengguan',
      path: [{ code: '620000' }, { code: '620100' }],
    });
    expect(await prisma().region.count()).toBeGreaterThan(3000);
    expect((await http(app, 'GET', '/api/regions/999999')).status).toBe(404);
    expect((await http(app, 'GET', '/api/regions/abc')).status).toBe(400);
    expect((await http(app, 'GET', '/api/regions?parent=12')).status).toBe(400);
  });

  test('a market can be created in a county of any province', async () => {
    for (const [province, county, location] of [
      ['110000', '110105', { lat: 39.92, lng: 116.44 }],
      ['440000', '440305', { lat: 22.53, lng: 113.93 }],
    ] as const) {
      const admin = await personWith(app, { role: 'admin', regionCode: province });
      const res = await http(app, 'POST', '/api/markets', {
        token: admin.token,
        body: {
          name: `测试零工市场 ${county}`,
          nameEn: `Test gig market ${county}`,
          kind: 'station',
          operator: 'hrss',
          regionCode: county,
          location,
          reachKm: 3,
          address: '测试地址',
          hours: '08:30-17:30',
          hotline: '010-12345678',
          complaintChannel: '010-12345679',
          services: ['岗位信息发布'],
        },
      });
      expect(res.status).toBe(201);
      expect(res.body.regionCode).toBe(county);
    }
  });

  test('boundaries: a county, a province, a city’s counties, as valid GeoJSON', async () => {
    const nanshan = await http(app, 'GET', '/api/regions/440305/boundary');
    expect(nanshan.status).toBe(200);
    expectValidFeature(nanshan.body, '440305');
    const box = bbox(nanshan.body);
    expect(box.west).toBeLessThan(113.93);
    expect(box.east).toBeGreaterThan(113.93);
    expect(box.south).toBeLessThan(22.53);
    expect(box.north).toBeGreaterThan(22.53);

    const gansu = await http(app, 'GET', '/api/regions/620000/boundary');
    expectValidFeature(gansu.body, '620000');
    const g = bbox(gansu.body);
    // Gansu runs from about 92.8°E to 108.7°E and 32.6°N to 42.8°N (simplified: within a few tenths).
    const near = (v: number, expected: number) => expect(Math.abs(v - expected)).toBeLessThan(0.5);
    near(g.west, 92.8);
    near(g.east, 108.7);
    near(g.south, 32.6);
    near(g.north, 42.8);

    const cities = await http(app, 'GET', '/api/regions/620000/boundary?children=1');
    expect(cities.body.type).toBe('FeatureCollection');
    expect(cities.body.features).toHaveLength(14);
    const lanzhou = await http(app, 'GET', '/api/regions/620100/boundary?children=1');
    for (const f of lanzhou.body.features) expectValidFeature(f, f.properties.code);
    expect(lanzhou.body.features.map((f: Feature) => f.properties.code)).toEqual(
      expect.arrayContaining(['620102', '620103', '620121', '620122', '620123']),
    );
    expect((await http(app, 'GET', '/api/regions/999999/boundary')).status).toBe(404);
    expect((await http(app, 'GET', '/api/regions/620100/boundary?children=yes')).status).toBe(400);
  });

  test('coverage: cells with demand and no market within the radius, most demand first', async () => {
    // A market in 皋兰县 and hand-placed demand in February 2025: beside it, 10 km north, 25 km east.
    const marketId = `cov-${randomUUID().slice(0, 8)}`;
    const at = { lat: 36.335, lng: 103.945 };
    await prisma().market.create({
      data: {
        id: marketId,
        name: '覆盖测试市场',
        nameEn: 'Coverage test market',
        kind: 'station',
        operator: 'hrss',
        regionCode: '620122',
        ...at,
        address: '测试',
        hours: '08:00-17:00',
        hotline: '0931-0000000',
        complaintChannel: '0931-0000001',
        services: [],
      },
    });
    const north = { lat: 36.425, lng: 103.945 };
    const east = { lat: 36.335, lng: 104.225 };
    const feb = new Date('2025-02-10T01:00:00Z');
    await placeShift(at, 9, feb);
    await placeShift(north, 3, feb);
    await placeShift({ lat: north.lat + 0.002, lng: north.lng + 0.002 }, 2, feb);
    await placeShift(east, 1, feb);
    await placeShift(east, 1, new Date('2025-03-02T01:00:00Z')); // March: not this month
    for (const worker of [await newWorker(app, { trades: ['mason'] }), await newWorker(app, { trades: ['mason'] })]) {
      for (const day of ['2025-02-05', '2025-02-06']) {
        await prisma().waitingDay.create({
          data: { workerId: worker.id, day: new Date(`${day}T00:00:00Z`), trade: 'mason', regionCode: '620122', ...east },
        });
      }
    }

    const res = await http(app, 'GET', '/api/coverage?regionCode=620122&month=2025-02', { token: officer.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ regionCode: '620122', month: '2025-02', radiusKm: 3 });
    expect(res.body.cells.map((c: Record<string, unknown>) => [c.shifts, c.positions, c.waitingWorkers, c.nearestMarketId])).toEqual([
      [2, 5, 0, marketId],
      [1, 1, 2, expect.any(String)],
    ]);
    const [n, e] = res.body.cells;
    expect(n.nearestMarketKm).toBeGreaterThan(9);
    expect(n.nearestMarketKm).toBeLessThan(11);
    expect(e.nearestMarketKm).toBeGreaterThan(20); // Baiyin's market is about as near as ours
    expect(Math.abs(n.lat - north.lat)).toBeLessThan(0.01);

    // A wider radius covers the north cell; the east one stays.
    const wide = await http(app, 'GET', '/api/coverage?regionCode=620122&month=2025-02&radiusKm=15', { token: officer.token });
    expect(wide.body.cells.map((c: { positions: number }) => c.positions)).toEqual([1]);

    const tianshui = await personWith(app, { role: 'officer', regionCode: '620500' });
    expect((await http(app, 'GET', '/api/coverage?regionCode=620122&month=2025-02', { token: tianshui.token })).status).toBe(403);
    expect((await http(app, 'GET', '/api/coverage?regionCode=620122&month=2025-02')).status).toBe(401);
    expect((await http(app, 'GET', '/api/coverage?regionCode=620122&month=2025-02&radiusKm=0', { token: officer.token })).status).toBe(400);
    expect((await http(app, 'GET', '/api/coverage?regionCode=620122&month=2025-2', { token: officer.token })).status).toBe(400);
  });

  test('coverage: a worker waiting from the phone counts where they waited (rounded to 1 km), this month by default', async () => {
    // 6 km west of 西固区零工驿站: within its reach (so the day counts for Lanzhou) but outside 3 km.
    const spot = { lat: 36.0925, lng: 103.56 };
    const worker = await newWorker(app, { trades: ['mason'] });
    const phone = await connectCollecting(app, '/worker', { token: worker.token }, ['offer']);
    try {
      await emitAck(phone.socket, 'presence', { status: 'waiting', location: spot });
    } finally {
      phone.socket.disconnect();
    }
    const day = await prisma().waitingDay.findFirstOrThrow({ where: { workerId: worker.id } });
    expect([day.lat, day.lng, day.regionCode]).toEqual([36.09, 103.56, '620104']);
    const res = await http(app, 'GET', '/api/coverage?regionCode=620100', { token: officer.token });
    expect(res.status).toBe(200);
    const cell = res.body.cells.find(
      (c: { lat: number; lng: number }) => Math.abs(c.lat - spot.lat) < 0.01 && Math.abs(c.lng - spot.lng) < 0.01,
    );
    expect(cell).toMatchObject({ waitingWorkers: 1, shifts: 0, nearestMarketId: 'lz-xigu-station' });
    expect(cell.nearestMarketKm).toBeGreaterThan(5);
    expect(cell.nearestMarketKm).toBeLessThan(7);

    // Deleting the account erases where the days were waited; the days stay for the figures.
    expect((await http(app, 'DELETE', '/api/workers/me', { token: worker.token })).status).toBeLessThan(300);
    const after = await prisma().waitingDay.findFirstOrThrow({ where: { workerId: worker.id } });
    expect([after.lat, after.lng, after.regionCode]).toEqual([null, null, '620104']);
  });

  async function placeShift(site: { lat: number; lng: number }, headcount: number, createdAt: Date) {
    await prisma().shift.create({
      data: {
        employerId: employer.id,
        regionCode: '620122',
        title: '覆盖测试',
        trade: 'mason',
        headcount,
        wageAmount: 200,
        wageUnit: 'day',
        ...site,
        address: '测试',
        startsAt: new Date(createdAt.getTime() + 86_400_000),
        endsAt: new Date(createdAt.getTime() + 86_400_000 + 8 * 3600_000),
        createdAt,
      },
    });
  }
});
