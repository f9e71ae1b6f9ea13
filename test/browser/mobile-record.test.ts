/**
 * After the hire, on the phone (mobile-web at /m/, 390×844, touch, geolocation): 我的工作
 * (the employer's number, check-in on site only, check-out), 我的记录 (wage paid, rating the
 * employer, a dispute that shows its evidence), cancelling with the late-cancel warning, the
 * employer confirming attendance and rating the worker, 附近市场 with the rights guide.
 *
 * Hires are set up through the API (a worker socket waiting, a shift, `offer:accept`);
 * the phone screens are then driven by their visible Chinese labels.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Response } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { launchBrowser, newContext, screenshot, watchPage } from '../support/browser.js';
import {
  connectCollecting,
  emitAck,
  http,
  LANZHOU,
  newEmployer,
  newWorker,
  north,
  shiftBody,
  waitFor,
  type TestWorker,
} from '../support/clients.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MIN = 60_000;
const SITE = LANZHOU; // the shifts' location (shiftBody's default), the 城关 market
const FAR = north(5); // 5 km north of the site

let app: TestApp;
const CHECK_IN_RADIUS_M = 300;
let browser: Browser;
const contexts: BrowserContext[] = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  // Not the default 500 m: the phone's texts must follow the API's configured radius.
  [app, browser] = await Promise.all([startTestApp('pglite', { CHECK_IN_RADIUS_M: String(CHECK_IN_RADIUS_M) }), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

type Role = 'worker' | 'employer';

async function phone(at: { lat: number; lng: number }, who: TestWorker, role: Role): Promise<BrowserContext> {
  const session = { token: who.token, account: { id: who.id, phone: who.phone, roles: [role] } };
  const context = await newContext(browser, {
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    permissions: ['geolocation'],
    geolocation: { latitude: at.lat, longitude: at.lng },
    storageState: {
      cookies: [],
      origins: [{ origin: app.url, localStorage: [{ name: 'lg.session', value: JSON.stringify(session) }] }],
    },
  });
  contexts.push(context);
  return context;
}

interface Hire {
  worker: TestWorker;
  employer: TestWorker;
  shiftId: string;
  assignmentId: string;
  title: string;
}

/**
 * A worker waiting 500 m from the site gets the offer for a new shift and accepts it over
 * the socket; the socket then goes offline so no later shift is offered to this worker.
 */
async function hiredWorker(options: { trade: string; startsInMin: number; hours?: number; employerName?: string }): Promise<Hire> {
  const employer = await newEmployer(app, options.employerName ?? '兰州安居装修队');
  const worker = await newWorker(app, { trades: [options.trade] });
  const link = await connectCollecting(app, '/worker', { token: worker.token }, ['offer']);
  sockets.push(link.socket);
  const near = north(0.5);
  expect(await emitAck(link.socket, 'presence', { status: 'waiting', location: near })).toMatchObject({ ok: true });

  const title = `${{ electrician: '配电箱安装', mover: '搬运建材', plumber: '暖气管道维修' }[options.trade] ?? '零工'} ${Date.now() % 100000}`;
  const startsAt = Date.now() + options.startsInMin * MIN;
  const posted = await http(app, 'POST', '/api/shifts', {
    token: employer.token,
    body: shiftBody({
      title,
      trade: options.trade,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + (options.hours ?? 8) * 60 * MIN).toISOString(),
    }),
  });
  expect(posted.status).toBe(201);
  const offer = await waitFor(() => link.received.find((e) => e.payload.shift.id === posted.body.id), 10_000, 'the offer');
  const ack = await emitAck(link.socket, 'offer:accept', { offerId: offer.payload.offerId });
  expect(ack).toMatchObject({ ok: true });
  await emitAck(link.socket, 'presence', { status: 'offline', location: near });
  link.socket.disconnect();
  return { worker, employer, shiftId: posted.body.id, assignmentId: ack.assignment.id, title };
}

const isPost = (path: RegExp) => (r: Response) => r.request().method() === 'POST' && path.test(new URL(r.url()).pathname);

/** Console errors that mean something broke; a refusal the test asked for (a 4xx) is not one. */
function pageErrors(errors: string[]): string[] {
  return errors.filter(
    (e) =>
      !e.startsWith('Blocked call to navigator.vibrate') &&
      !/^Failed to load resource: the server responded with a status of 4\d\d/.test(e),
  );
}

/** "HH:mm" in Asia/Shanghai, the phones' time zone. */
const shanghaiClock = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);

describe('after the hire, on the phone (pglite)', () => {
  test('我的工作 → check in only on site → check out → 我的记录: paid, rating, dispute with its evidence', async () => {
    const hire = await hiredWorker({ trade: 'electrician', startsInMin: 30 });
    const context = await phone(FAR, hire.worker, 'worker');
    const page = await context.newPage();
    const clean = watchPage(page);

    // ---------- 我的工作: the job, the employer's number, map links ----------
    await page.goto(`${app.url}/m/#/worker/jobs`);
    const card = page.getByRole('article', { name: hire.title });
    await card.waitFor();
    await card.getByText('¥300/天').waitFor();
    await card.getByText('兰州市城关区庆阳路 1 号').waitFor();
    await card.getByText('兰州安居装修队').waitFor();
    await card.getByText('张经理').waitFor();
    const call = card.getByRole('link', { name: `打电话给雇主 ${hire.employer.phone}` });
    expect(await call.getAttribute('href')).toBe(`tel:${hire.employer.phone}`);
    const amap = await card.getByRole('link', { name: /高德地图/ }).getAttribute('href');
    expect(amap).toBe(`https://uri.amap.com/marker?position=${SITE.lng},${SITE.lat}&name=${encodeURIComponent('兰州市城关区庆阳路 1 号')}`);
    expect(await card.getByRole('link', { name: /手机地图/ }).getAttribute('href')).toMatch(
      new RegExp(`^geo:${SITE.lat},${SITE.lng}\\?q=`),
    );
    await card.getByText(`在干活地点 ${CHECK_IN_RADIUS_M} 米内可签到`, { exact: false }).waitFor();
    const tabs = page.getByRole('navigation', { name: '主菜单' });
    expect(await tabs.getByRole('link', { name: /我的工作/ }).getAttribute('aria-current')).toBe('page');
    await screenshot(page, 'mobile-record-01-my-shifts');

    // ---------- check-in from 5 km away: refused, with the API's message and the distance ----------
    const refused = page.waitForResponse(isPost(/\/check-in$/));
    await card.getByRole('button', { name: /到岗签到/ }).click();
    const farRes = await refused;
    expect(farRes.status()).toBe(409);
    const farBody = (await farRes.json()) as { code: string; message: string };
    expect(farBody.code).toBe('TOO_FAR_FROM_SITE');
    const alert = card.getByRole('alert');
    await alert.getByText(farBody.message).waitFor();
    await alert.getByText(`您现在离干活地点约 5.0 公里，要在 ${CHECK_IN_RADIUS_M} 米以内`, { exact: false }).waitFor();
    await alert.scrollIntoViewIfNeeded();
    await screenshot(page, 'mobile-record-02-check-in-too-far');

    // ---------- on site: checked in ----------
    await context.setGeolocation({ latitude: SITE.lat + 0.001, longitude: SITE.lng }); // ~110 m off
    const checkedIn = page.waitForResponse(isPost(/\/check-in$/));
    await card.getByRole('button', { name: /到岗签到/ }).click();
    expect((await checkedIn).status()).toBe(200);
    await card.getByText(/已签到 \d\d:\d\d/).waitFor();
    expect(await card.getByRole('alert').count()).toBe(0);
    await card.getByRole('button', { name: /完工签退/ }).scrollIntoViewIfNeeded();
    await screenshot(page, 'mobile-record-03-checked-in');

    // ---------- check-out: completed (only once the shift has started: move its start back) ----------
    await app.database.prisma.assignment.update({ where: { id: hire.assignmentId }, data: { startsAt: new Date(Date.now() - 5 * MIN) } });
    const checkedOut = page.waitForResponse(isPost(/\/check-out$/));
    await card.getByRole('button', { name: /完工签退/ }).click();
    expect((await checkedOut).status()).toBe(200);
    await page.getByText(`已完工：${hire.title}`).waitFor();
    await screenshot(page, 'mobile-record-04-checked-out');
    const past = await http(app, 'GET', '/api/workers/me/assignments?scope=past', { token: hire.worker.token });
    expect(past.body).toEqual([expect.objectContaining({ id: hire.assignmentId, status: 'completed' })]);
    expect(past.body[0].checkIn.location.lat).toBeCloseTo(SITE.lat + 0.001, 6);
    expect(past.body[0].checkIn.location.lng).toBeCloseTo(SITE.lng, 6);

    // ---------- 我的记录 ----------
    await page.getByRole('link', { name: '去记录' }).click();
    await page.getByRole('heading', { name: '已完工的工作' }).waitFor();
    const rec = page.getByRole('article', { name: hire.title });
    await rec.getByText('¥300/天').waitFor();
    await rec.getByText(shanghaiClock(past.body[0].checkIn.at)).first().waitFor();
    await rec
      .getByText(/离工地 1\d\d 米/)
      .first()
      .waitFor();

    // 工资已结清: yes.
    const paid = page.waitForResponse(isPost(/\/paid$/));
    await rec.getByRole('button', { name: /^✓ 已结清$/ }).click();
    expect((await paid).status()).toBe(200);
    await waitFor(
      async () => (await rec.getByRole('button', { name: /^✓ 已结清$/ }).getAttribute('aria-pressed')) === 'true',
      5000,
      '已结清 pressed',
    );

    // Rating the employer: no stars → a message, nothing sent; 4 stars → sent once.
    const ratings: Response[] = [];
    page.on('response', (r) => {
      if (isPost(/\/rating$/)(r)) ratings.push(r);
    });
    await rec.getByRole('button', { name: '提交评价' }).click();
    await rec.getByText('请先点星星，选 1 到 5 星').waitFor();
    expect(ratings).toHaveLength(0);
    await rec.getByRole('button', { name: '4 星' }).click();
    await rec.getByRole('button', { name: '提交评价' }).click();
    await rec.getByText('您给了 4 星').waitFor();
    expect(ratings.map((r) => r.status())).toEqual([200]);
    await rec.getByRole('heading', { name: '给雇主打分' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'mobile-record-05-record-paid-rated');

    // A case about the hire: the kinds and the full checklist (一次性告知) first; empty → a message;
    // described → opened at the market, and the evidence is shown back.
    await rec.getByRole('button', { name: /申诉\/投诉/ }).click();
    const checklist = rec.getByRole('region', { name: '一次性告知：请准备好以下材料' });
    await checklist.getByText('本人身份证件（原件，复印件一份）').waitFor();
    expect(await rec.getByRole('button', { name: '欠薪' }).getAttribute('aria-pressed')).toBe('true');
    await rec.getByRole('button', { name: '提交申诉' }).click();
    await rec.getByText('请写清楚发生了什么').waitFor();
    await rec.getByLabel('申诉/投诉：发生了什么？').fill('说好 300 元一天，只给了 200 元，差 100 元。');
    const disputed = page.waitForResponse(isPost(/\/api\/cases$/));
    await rec.getByRole('button', { name: '提交申诉' }).click();
    const disputeRes = await disputed;
    expect(disputeRes.status()).toBe(201);
    const dispute = (await disputeRes.json()) as { id: string; kind: string; evidence: { checkIn: { at: string } } };
    expect(dispute.kind).toBe('wage_arrears');
    const evidence = rec.getByRole('region', { name: '系统保存的证据' });
    await evidence.waitFor();
    await rec
      .getByText(`已提交（编号 ${dispute.id.slice(0, 8).toUpperCase()}）`)
      .first()
      .waitFor();
    await evidence.getByText('说好 300 元一天，只给了 200 元，差 100 元。').waitFor();
    await evidence.getByText('招工信息（发布时的原样）').waitFor();
    await evidence.getByText(hire.title).waitFor();
    await evidence.getByText('兰州市城关区庆阳路 1 号').waitFor();
    await evidence
      .getByText(/位置 36\.05870, 103\.84310/)
      .first()
      .waitFor();
    expect(await evidence.getByText('¥300/天').count()).toBeGreaterThanOrEqual(2); // agreed and as posted
    await evidence.scrollIntoViewIfNeeded();
    await screenshot(page, 'mobile-record-06-dispute-evidence');
    // 我的事项 lists it with its status and history.
    const mine = page.getByRole('region', { name: '我的事项' });
    await mine.getByText('待受理').waitFor();
    await mine.getByText(`编号 ${dispute.id.slice(0, 8).toUpperCase()}`, { exact: false }).waitFor();

    // The API agrees: paid, rated once (a second rating is refused with ALREADY_RATED).
    const after = await http(app, 'GET', '/api/workers/me/assignments?scope=past', { token: hire.worker.token });
    expect(after.body[0]).toMatchObject({ paidConfirmed: true, myRatingOfEmployer: 4 });
    const again = await http(app, 'POST', `/api/assignments/${hire.assignmentId}/rating`, { token: hire.worker.token, body: { stars: 5 } });
    expect(again).toMatchObject({ status: 409, body: { code: 'ALREADY_RATED' } });
    expect(pageErrors(clean.errors)).toEqual([]);
  }, 60_000);

  test('cancelling a hire that starts in 30 minutes shows the late-cancel warning first; the API answers late: true', async () => {
    const soon = await hiredWorker({ trade: 'mover', startsInMin: 30, employerName: '七里河搬家公司' });
    const context = await phone(SITE, soon.worker, 'worker');
    const page = await context.newPage();
    const clean = watchPage(page);
    await page.goto(`${app.url}/m/#/worker/jobs`);
    const card = page.getByRole('article', { name: soon.title });
    await card.getByRole('button', { name: '取消这份工作' }).click();
    await card.getByRole('heading', { name: '为什么取消？' }).waitFor();
    await card.getByText('距开工不足 2 小时取消，会降低您的可靠度，以后推送会靠后').waitFor();
    expect(await card.getByText('现在取消不影响可靠度').count()).toBe(0);

    // No reason chosen: a message, nothing sent.
    const cancels: Response[] = [];
    page.on('response', (r) => {
      if (isPost(/\/cancel$/)(r)) cancels.push(r);
    });
    await card.getByRole('button', { name: '确定取消' }).click();
    await card.getByText('请选择取消原因').waitFor();
    // 其他 needs words.
    await card.getByRole('button', { name: '其他', exact: true }).click();
    await card.getByRole('button', { name: '确定取消' }).click();
    await card.getByText('请写一下取消原因').waitFor();
    expect(cancels).toHaveLength(0);
    await card.getByRole('button', { name: '身体不适' }).click();
    await card.getByRole('button', { name: '确定取消' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'mobile-record-07-cancel-late-warning');

    const answered = page.waitForResponse(isPost(/\/cancel$/));
    await card.getByRole('button', { name: '确定取消' }).click();
    const res = await answered;
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({
      late: true,
      assignment: { status: 'cancelled', cancelled: { reason: '身体不适', late: true } },
    });
    expect(JSON.parse(res.request().postData() ?? '{}')).toEqual({ reason: '身体不适' });
    await page.getByText('已取消。这次属于临时取消，已记入可靠度').waitFor();
    await page.getByText('还没有要去的工作').waitFor();

    // A hire five hours ahead: cancelling it now does not count. (Another trade: the cancelled
    // mover shift is being offered again and would keep a new mover busy.)
    const later = await hiredWorker({ trade: 'plumber', startsInMin: 300, employerName: '城关物业' });
    const laterPage = await (await phone(SITE, later.worker, 'worker')).newPage();
    await laterPage.goto(`${app.url}/m/#/worker/jobs`);
    const laterCard = laterPage.getByRole('article', { name: later.title });
    await laterCard.getByRole('button', { name: '取消这份工作' }).click();
    await laterCard.getByText('现在取消不影响可靠度').waitFor();
    expect(await laterCard.getByText(/距开工不足 2 小时/).count()).toBe(0);
    await laterCard.getByRole('button', { name: '不取消' }).click();
    await laterCard.getByRole('button', { name: '取消这份工作' }).waitFor();
    expect(pageErrors(clean.errors)).toEqual([]);
  }, 60_000);

  test('after the start the employer confirms attendance (到岗) and rates the worker', async () => {
    const hire = await hiredWorker({ trade: 'electrician', startsInMin: -10, hours: 4, employerName: '城关水电维修' });
    const context = await phone(SITE, hire.employer, 'employer');
    const page = await context.newPage();
    const clean = watchPage(page);
    await page.goto(`${app.url}/m/#/employer/shift/${hire.shiftId}`);
    await page.getByText('已招 1/1').waitFor();
    const tabs = page.getByRole('navigation', { name: '主菜单' });
    await tabs.getByRole('link', { name: /发布/ }).waitFor();
    expect(await tabs.getByRole('link', { name: /我的招工/ }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('link', { name: '再发一次' }).waitFor();

    const confirm = page.getByRole('button', { name: /确认到岗/ });
    await page.getByRole('button', { name: /未到岗/ }).waitFor();
    await confirm.scrollIntoViewIfNeeded();
    await screenshot(page, 'mobile-record-08-employer-attendance');
    const marked = page.waitForResponse(isPost(/\/attendance$/));
    await confirm.click();
    const res = await marked;
    expect(res.status()).toBe(200);
    expect(JSON.parse(res.request().postData() ?? '{}')).toEqual({ status: 'completed' });

    await page.getByRole('button', { name: '5 星' }).waitFor();
    expect(await page.getByRole('button', { name: /确认到岗/ }).count()).toBe(0);
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('请先点星星，选 1 到 5 星').waitFor();
    await page.getByRole('button', { name: '5 星' }).click();
    const rated = page.waitForResponse(isPost(/\/rating$/));
    await page.getByRole('button', { name: '提交评价' }).click();
    expect((await rated).status()).toBe(200);
    await page.getByText('已评价 5 星').waitFor();
    await page.getByText('已评价 5 星').scrollIntoViewIfNeeded();
    await screenshot(page, 'mobile-record-09-employer-rated');

    const worker = await http(app, 'GET', '/api/workers/me/assignments?scope=past', { token: hire.worker.token });
    expect(worker.body[0]).toMatchObject({ id: hire.assignmentId, status: 'completed', employerRatingOfMe: 5 });
    expect(pageErrors(clean.errors)).toEqual([]);
  }, 60_000);

  test('附近市场: nearest first with hotline and complaint channel; the rights guide; training lists what fits (none yet) and asks what to learn; tabs load lazily', async () => {
    const worker = await newWorker(app, { trades: ['cleaner'] });
    const context = await phone(north(0.2), worker, 'worker');
    const page = await context.newPage();
    const clean = watchPage(page);
    const scripts: string[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.endsWith('.js')) scripts.push(new URL(r.url()).pathname);
    });

    // The worker's first screen does not download the new tabs.
    await page.goto(`${app.url}/m/#/worker`);
    await page.getByRole('button', { name: '开始候工' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(scripts.filter((s) => /\/(MyJobs|MyRecord|NearbyMarkets|RightsGuide|Training)-[^/]+\.js$/.test(s))).toEqual([]);
    const tabs = page.getByRole('navigation', { name: '主菜单' });
    for (const name of ['候工', '我的工作', '记录', '市场']) await tabs.getByRole('link', { name }).waitFor();
    expect(await tabs.getByRole('link', { name: '候工' }).getAttribute('aria-current')).toBe('page');
    await screenshot(page, 'mobile-record-10-worker-home-tabs');

    await tabs.getByRole('link', { name: /市场/ }).click();
    await page.getByText('按离您的距离排列').waitFor();
    expect(scripts.some((s) => /\/NearbyMarkets-[^/]+\.js$/.test(s))).toBe(true);
    const first = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 2 }) })
      .first();
    await first.getByRole('heading', { name: '兰州市城关区零工市场' }).waitFor();
    await first.getByText('06:00-18:00').waitFor();
    await first.getByText('0.2 公里').waitFor();
    expect(await first.getByRole('link', { name: /12333/ }).first().getAttribute('href')).toBe('tel:12333');
    await first.getByText(/投诉入口/).waitFor();
    await first.getByText('工具借用：电钻、梯子、手推车').waitFor();
    await first.getByText('权益维护指引', { exact: true }).waitFor();
    await screenshot(page, 'mobile-record-11-markets');

    await page
      .getByRole('link', { name: /权益维护指引/ })
      .first()
      .click();
    await page.getByRole('heading', { name: /上工前：把工资和工时写下来/ }).waitFor();
    await page.getByRole('heading', { name: /首问负责/ }).waitFor();
    await page.getByRole('heading', { name: /一次性告知/ }).waitFor();
    expect(await page.getByRole('link', { name: /打 12333/ }).getAttribute('href')).toBe('tel:12333');
    await screenshot(page, 'mobile-record-12-rights');
    await page.getByRole('heading', { name: /一次性告知/ }).scrollIntoViewIfNeeded();
    await screenshot(page, 'mobile-record-12b-rights-end');

    await page.goto(`${app.url}/m/#/worker/training`);
    await page.getByRole('heading', { name: '适合您工种的培训' }).waitFor();
    await page.getByText(/近期没有适合您工种的培训/).waitFor();
    await page.getByRole('heading', { name: '您想学什么？' }).waitFor();
    await screenshot(page, 'mobile-record-13-training');

    // English on the same screens.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('heading', { name: 'Trainings for your trades' }).waitFor();
    await page.goto(`${app.url}/m/#/worker/record`);
    await page.getByRole('heading', { name: 'Completed shifts' }).waitFor();
    await page.getByText('No completed shifts yet').waitFor();
    await screenshot(page, 'mobile-record-14-record-empty-en');
    expect(pageErrors(clean.errors)).toEqual([]);
  }, 60_000);
});
