import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DomainEvents, type DomainEventMap } from '../../api/src/events/domain-events.js';
import { chinaMonth } from '../../api/src/stats/month.js';
import { http, newEmployer, newWorker, shiftBody, type TestWorker } from '../support/clients.js';
import { personWith, type Person } from '../support/people.js';
import { BACKENDS, startTestApp, type TestApp } from '../support/test-app.js';

const strip = ({ version: _v, publishedAt: _p, ...figures }: Record<string, unknown>) => figures;

describe.each(BACKENDS)('publishing a month on %s', (backend) => {
  let app: TestApp;
  let employer: TestWorker;
  let officer: Person;
  const month = chinaMonth(new Date());
  const events: Array<DomainEventMap['figures.published']> = [];
  const live = () => http(app, 'GET', `/api/stats/monthly?month=${month}&regionCode=620100`);
  const published = (extra = '') => http(app, 'GET', `/api/stats/monthly?month=${month}&regionCode=620100&published=1${extra}`);
  const post = (body: Record<string, unknown>) => http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody(body) });

  beforeAll(async () => {
    app = await startTestApp(backend);
    app.app.get(DomainEvents).on('figures.published', (e) => void events.push(e));
    employer = await newEmployer(app);
    officer = await personWith(app, { role: 'officer', regionCode: '620100' });
    await newWorker(app, { trades: ['electrician'] });
    await post({ trade: 'electrician', headcount: 3 });
    await post({ trade: 'mason', headcount: 2 });
  });

  afterAll(async () => {
    await app.stop();
  });

  test('a month never published is 404; the live figures answer as before', async () => {
    const res = await published();
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_PUBLISHED');
    expect((await live()).status).toBe(200);
    expect((await live()).body).not.toHaveProperty('version');
  });

  test('who may publish: anonymous 401, a worker 403, an officer of another region 403', async () => {
    const body = { month, regionCode: '620100' };
    expect((await http(app, 'POST', '/api/stats/monthly/publish', { body })).status).toBe(401);
    const worker = await newWorker(app, { trades: ['mason'] });
    expect((await http(app, 'POST', '/api/stats/monthly/publish', { token: worker.token, body })).status).toBe(403);
    const tianshui = await personWith(app, { role: 'officer', regionCode: '620500' });
    expect((await http(app, 'POST', '/api/stats/monthly/publish', { token: tianshui.token, body })).status).toBe(403);
    const staff = await personWith(app, { role: 'staff', marketId: 'lz-chengguan' });
    expect((await http(app, 'POST', '/api/stats/monthly/publish', { token: staff.token, body })).status).toBe(403);
    expect((await published()).status).toBe(404);
  });

  test('a publication is frozen: later shifts move the live figures, not the published ones; corrections are versions', async () => {
    const before = (await live()).body;
    const first = await http(app, 'POST', '/api/stats/monthly/publish', { token: officer.token, body: { month, regionCode: '620100' } });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ month, regionCode: '620100', version: 1, publishedAt: expect.any(String) });
    await app.app.get(DomainEvents).drain();
    expect(events).toContainEqual({ month, regionCode: '620100', version: 1, actorId: officer.id });

    // Anyone may read it, without signing in.
    const v1 = (await published()).body;
    expect(strip(v1)).toEqual(before);
    expect(v1).toMatchObject({ version: 1, publishedAt: first.body.publishedAt });

    await post({ trade: 'electrician', headcount: 5 });
    await post({ trade: 'welder', headcount: 4 });
    const after = (await live()).body;
    expect(after.total.demand).toBe(before.total.demand + 9);
    expect(await published()).toMatchObject({ status: 200, body: v1 });

    // An admin of the province corrects the city's month: version 2, with today's figures; version 1 stays.
    const admin = await personWith(app, { role: 'admin', regionCode: '620000' });
    const second = await http(app, 'POST', '/api/stats/monthly/publish', { token: admin.token, body: { month, regionCode: '620100' } });
    expect(second.status).toBe(201);
    expect(second.body.version).toBe(2);
    const v2 = (await published()).body;
    expect(strip(v2)).toEqual(after);
    expect(v2.version).toBe(2);
    expect((await published('&version=1')).body).toEqual(v1);
    expect((await published('&version=2')).body).toEqual(v2);
    expect((await published('&version=3')).status).toBe(404);
  });

  test('officers publishing at once get one version each, none twice', async () => {
    const others = await Promise.all([1, 2, 3].map(() => personWith(app, { role: 'officer', regionCode: '620100' })));
    const results = await Promise.all(
      others.map((o) => http(app, 'POST', '/api/stats/monthly/publish', { token: o.token, body: { month, regionCode: '620100' } })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    const versions = results.map((r) => r.body.version).sort();
    expect(versions).toEqual([3, 4, 5]);
    expect((await published()).body.version).toBe(5);
  });

  test('CSV and the printable page of a published version', async () => {
    const csv = await http(app, 'GET', `/api/stats/monthly?month=${month}&regionCode=620100&published=1&version=1&format=csv`);
    expect(csv.status).toBe(200);
    const v1 = (await published('&version=1')).body;
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^month,regionCode,level,code,demand/);
    expect(lines.at(-1)).toBe(`${month},620100,total,all,${v1.total.demand},${v1.total.seekers},${v1.total.ratio ?? ''},,,,,,`);

    const res = await fetch(`${app.url}/api/stats/monthly/print?month=${month}&regionCode=620100&version=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('兰州市');
    expect(html).toContain('第 1 版');
    expect(html).toContain('求人倍率（按工种）');
    expect(html).toContain('电工');
    expect(html).toMatch(/<svg[^>]*>/);
    // Self-contained: nothing is fetched from anywhere (the SVG namespace is a name, not a request).
    expect(html).not.toMatch(/\s(src|href)=/);
    expect(html.replaceAll('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:\/\//);
    const missing = await http(app, 'GET', `/api/stats/monthly/print?month=2001-01&regionCode=620100`);
    expect(missing.status).toBe(404);
  });

  test('the latest publication of a region, for the going rate on phones: never an error when none', async () => {
    const latest = (regionCode: string) => http(app, 'GET', `/api/stats/monthly/latest?regionCode=${regionCode}`);
    expect(await latest('620500')).toMatchObject({ status: 200, body: { published: null } });
    // An earlier month published after this one does not hide the newer month.
    const older = await http(app, 'POST', '/api/stats/monthly/publish', {
      token: officer.token,
      body: { month: '2025-01', regionCode: '620100' },
    });
    expect(older.status).toBe(201);
    const newest = (await published()).body;
    const found = await latest('620100');
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ published: newest });
    expect((await latest('62010')).status).toBe(400);
  });
});
