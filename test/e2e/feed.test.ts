import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { http, LANZHOU, newEmployer, newWorker, shiftBody, type TestWorker } from '../support/clients.js';
import { personWith, type Person } from '../support/people.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

const TIANSHUI = { lat: 34.5809, lng: 105.7249 };

interface Item {
  id: string;
  version: number;
  regionCode: string;
  filled: number;
  status: string;
  [k: string]: unknown;
}

describe.each(BACKENDS)('the provincial feed on %s', (backend) => {
  let app: TestApp;
  let employer: TestWorker;
  let admin: Person;
  let key: string;
  let keyId: string;
  const feed = (path: string, apiKey = key) => http(app, 'GET', path, { headers: { 'x-api-key': apiKey } });

  /** Pages from `cursor` until a page comes back empty. */
  async function readAll(cursor = '', limit = 7): Promise<{ items: Item[]; cursor: string }> {
    const items: Item[] = [];
    for (;;) {
      const page = await feed(`/api/feed/shifts?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      cursor = page.body.nextCursor;
      if (!page.body.items.length) return { items, cursor };
      items.push(...page.body.items);
    }
  }

  beforeAll(async () => {
    app = await startTestApp(backend);
    employer = await newEmployer(app);
    admin = await personWith(app, { role: 'admin', regionCode: '620100' });
    const created = await http(app, 'POST', '/api/admin/feed-keys', { token: admin.token, body: { name: '省平台', regionCode: '620100' } });
    expect(created.status).toBe(201);
    ({ key, id: keyId } = created.body);
  });

  afterAll(async () => {
    await app.stop();
  });

  test('a key is shown once and kept only as its sha256; who may make one', async () => {
    expect(key).toMatch(/^lgk_[A-Za-z0-9_-]{40,}$/);
    const row = await app.database.prisma.feedKey.findUniqueOrThrow({ where: { id: keyId } });
    expect(row.keyHash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(key);
    const listed = await http(app, 'GET', '/api/admin/feed-keys', { token: admin.token });
    expect(listed.status).toBe(200);
    expect(listed.body).toContainEqual(expect.objectContaining({ id: keyId, name: '省平台', regionCode: '620100', revokedAt: null }));
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const body = { name: 'x', regionCode: '620100' };
    expect((await http(app, 'POST', '/api/admin/feed-keys', { body })).status).toBe(401);
    const worker = await newWorker(app, { trades: ['mason'] });
    expect((await http(app, 'POST', '/api/admin/feed-keys', { token: worker.token, body })).status).toBe(403);
    const officer = await personWith(app, { role: 'officer', regionCode: '620100' });
    expect((await http(app, 'POST', '/api/admin/feed-keys', { token: officer.token, body })).status).toBe(403);
    const tianshui = await personWith(app, { role: 'admin', regionCode: '620500' });
    expect((await http(app, 'POST', '/api/admin/feed-keys', { token: tianshui.token, body })).status).toBe(403);
  });

  test('no key, a wrong key, a revoked key: 401; a bad cursor or limit: 400', async () => {
    expect((await http(app, 'GET', '/api/feed/shifts')).status).toBe(401);
    expect((await feed('/api/feed/shifts', 'lgk_nope')).body.code).toBe('API_KEY_INVALID');
    expect((await feed('/api/feed/shifts?cursor=zzz')).status).toBe(400);
    const figuresCursor = (await feed('/api/feed/figures')).body.nextCursor;
    expect((await feed(`/api/feed/shifts?cursor=${figuresCursor}`)).status).toBe(400);
    expect((await feed('/api/feed/shifts?limit=0')).status).toBe(400);
    expect((await feed('/api/feed/shifts?limit=501')).status).toBe(400);

    const spare = await http(app, 'POST', '/api/admin/feed-keys', { token: admin.token, body: { name: 'spare', regionCode: '620100' } });
    expect((await feed('/api/feed/shifts', spare.body.key)).status).toBe(200);
    const other = await personWith(app, { role: 'admin', regionCode: '620500' });
    expect((await http(app, 'DELETE', `/api/admin/feed-keys/${spare.body.id}`, { token: other.token })).status).toBe(403);
    const revoked = await http(app, 'DELETE', `/api/admin/feed-keys/${spare.body.id}`, { token: admin.token });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await feed('/api/feed/shifts', spare.body.key)).status).toBe(401);
    expect((await feed('/api/feed/figures', spare.body.key)).status).toBe(401);
  });

  test("paging while five writers change shifts never skips or repeats a version, and shows only the key's region", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'mover', headcount: 200 }) });
      ids.push(res.body.id);
    }
    const elsewhere = await http(app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({ trade: 'mover', headcount: 2, location: TIANSHUI, address: '天水市秦州区' }),
    });
    expect(elsewhere.status).toBe(201);

    // Each writer changes shifts in transactions that stay open a little while after the change: versions
    // appended early commit late, the case a plain bigserial order would skip.
    const prisma = app.database.prisma;
    // The ten posted above; `ids` grows while the writers run (each posts one more).
    const seeded = ids.slice(0, 10);
    let writing = true;
    const writer = async (w: number) => {
      for (let n = 0; n < 12; n++) {
        const id = seeded[(w * 7 + n * 3) % seeded.length];
        await prisma.$transaction(async (tx) => {
          await tx.$executeRaw`UPDATE "Shift" SET filled = filled + 1, "updatedAt" = now() WHERE id = ${id}`;
          await tx.$executeRaw`SELECT pg_sleep(${((w * 13 + n * 7) % 5) / 100})`;
        });
      }
      // Through the API as well: a new shift, and a cancel.
      const posted = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ trade: 'mover', headcount: 3 }) });
      ids.push(posted.body.id);
      await http(app, 'POST', `/api/shifts/${posted.body.id}/cancel`, { token: employer.token });
      await http(app, 'POST', '/api/shifts', {
        token: employer.token,
        body: shiftBody({ trade: 'mover', location: TIANSHUI, address: '天水' }),
      });
    };
    const seen: Item[] = [];
    let cursor = '';
    const reader = (async () => {
      while (writing) {
        const page = await feed(`/api/feed/shifts?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      }
    })();
    await Promise.all([0, 1, 2, 3, 4].map(writer));
    writing = false;
    await reader;
    seen.push(...(await readAll(cursor)).items);

    const pairs = seen.map((i) => `${i.id}#${i.version}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(seen.every((i) => i.regionCode.startsWith('6201'))).toBe(true);
    expect(seen.some((i) => i.id === elsewhere.body.id)).toBe(false);

    const shifts = await prisma.shift.findMany({ where: { regionCode: { startsWith: '6201' } } });
    const versions = await prisma.shiftVersion.groupBy({ by: ['shiftId'], _max: { version: true } });
    const latest = new Map(versions.map((v) => [v.shiftId, v._max.version!]));
    for (const s of shifts) {
      const mine = seen.filter((i) => i.id === s.id);
      // Every version, 1..n, in order: none skipped, none twice, none out of turn.
      expect(mine.map((i) => i.version)).toEqual(Array.from({ length: latest.get(s.id)! }, (_, k) => k + 1));
      expect(mine.at(-1)).toMatchObject({ filled: s.filled, status: s.status, headcount: s.headcount });
    }
    expect(shifts.reduce((sum, s) => sum + (seeded.includes(s.id) ? s.filled : 0), 0)).toBe(60);
    // Nothing personal: no employer, address, title or phone.
    const item = seen.find((i) => i.id === ids[0])!;
    expect(Object.keys(item).sort()).toEqual(
      [
        'id',
        'version',
        'regionCode',
        'marketId',
        'trade',
        'industry',
        'headcount',
        'filled',
        'wage',
        'startsAt',
        'endsAt',
        'status',
        'updatedAt',
      ].sort(),
    );
    expect(item).toMatchObject({ trade: 'mover', wage: { amount: 300, unit: 'day' } });

    // A client that starts over reads the same history in the same order.
    expect((await readAll('', 500)).items).toEqual(seen);
  });

  test('the figures feed: every publication of the region, once, in order', async () => {
    const officer = await personWith(app, { role: 'officer', regionCode: '620000' });
    const publish = (regionCode: string, month: string) =>
      http(app, 'POST', '/api/stats/monthly/publish', { token: officer.token, body: { month, regionCode } });
    await publish('620100', '2026-01');
    await publish('620500', '2026-01');
    await publish('620102', '2026-01');
    await publish('620100', '2026-01');
    const first = await feed('/api/feed/figures?limit=2');
    expect(first.status).toBe(200);
    const rest = await feed(`/api/feed/figures?cursor=${first.body.nextCursor}`);
    const items = [...first.body.items, ...rest.body.items];
    expect(items.map((i: Item) => [i.regionCode, i.version])).toEqual([
      ['620100', 1],
      ['620102', 1],
      ['620100', 2],
    ]);
    expect(items[0]).toMatchObject({
      month: '2026-01',
      total: expect.any(Object),
      byTrade: expect.any(Array),
      publishedAt: expect.any(String),
    });
    const end = await feed(`/api/feed/figures?cursor=${rest.body.nextCursor}`);
    expect(end.body).toEqual({ items: [], nextCursor: rest.body.nextCursor });
  });

  test("an import is posted once per (source, externalId), only into the key's region, only with canImport", async () => {
    const body = {
      source: 'gs-hrss',
      externalId: 'J-1001',
      title: '仓库装卸',
      trade: 'mover',
      headcount: 2,
      wage: { amount: 220, unit: 'day' },
      location: LANZHOU,
      address: '兰州市城关区',
      startsAt: new Date(Date.now() + 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 9 * 3600_000).toISOString(),
    };
    const importer = await http(app, 'POST', '/api/admin/feed-keys', {
      token: admin.token,
      body: { name: '省平台导入', regionCode: '620100', canImport: true },
    });
    const post = (b: object, apiKey = importer.body.key) =>
      http(app, 'POST', '/api/feed/import/shifts', { headers: { 'x-api-key': apiKey }, body: b });
    expect((await post(body, key)).status).toBe(403);
    expect((await http(app, 'POST', '/api/feed/import/shifts', { body })).status).toBe(401);

    const [a, b] = await Promise.all([post(body), post(body)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(a.body.id);
    expect(await app.database.prisma.shift.count({ where: { source: 'gs-hrss', externalId: 'J-1001' } })).toBe(1);

    // A posting like any other: public, and in the feed.
    const shown = await http(app, 'GET', `/api/shifts/${a.body.id}`);
    expect(shown.body).toMatchObject({ id: a.body.id, title: '仓库装卸', status: 'open' });
    const { items } = await readAll('', 500);
    expect(items.filter((i) => i.id === a.body.id).map((i) => i.version)).toEqual([1]);

    expect((await post({ ...body, externalId: 'J-1002', location: TIANSHUI })).status).toBe(403);
    expect((await post({ ...body, externalId: 'J-1003', marketId: 'lz-chengguan' })).status).toBe(201);
  });
});
