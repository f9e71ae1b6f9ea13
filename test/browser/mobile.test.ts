/**
 * The phone app (mobile-web, served at /m/) in a real Chromium, driven like a person:
 * tapping the visible Chinese labels on a 390×844 touch screen with geolocation.
 *
 * Issue 5's acceptance: the offer reaches a waiting worker's screen within a second of
 * the employer's post, the worker accepts, the employer sees the hire and the board
 * shows the shift filled; an open offer survives a dropped connection; forms explain
 * their problems in Chinese; the worker path's first load stays small.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Page, Response, WebSocket } from 'playwright-core';
import { launchBrowser, newContext, screenshot, watchPage } from '../support/browser.js';
import { http, LANZHOU, newEmployer, newWorker, nextPhone, north, shiftBody, waitFor, type TestWorker } from '../support/clients.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const WORKER_SPOT = north(1); // about 1 km north of the 城关 market
const OFFER_BUDGET_MS = 1000;
const JS_BUDGET_BYTES = 150 * 1024;

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // Offers stay open long enough to drop and restore a connection while one is on screen.
  [app, browser] = await Promise.all([startTestApp('pglite', { DISPATCH_OFFER_TTL_S: '120' }), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

type Session = { token: string; account: { id: string; phone: string; roles: string[] } };

/** A phone: 390×844, touch, mobile, geolocation granted at `at`, optionally already signed in. */
async function phone(at: { lat: number; lng: number }, session?: Session): Promise<BrowserContext> {
  const context = await newContext(browser, {
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    permissions: ['geolocation', 'notifications'],
    geolocation: { latitude: at.lat, longitude: at.lng },
    ...(session
      ? {
          storageState: {
            cookies: [],
            origins: [{ origin: app.url, localStorage: [{ name: 'lg.session', value: JSON.stringify(session) }] }],
          },
        }
      : {}),
  });
  contexts.push(context);
  return context;
}

/**
 * Console errors that mean something broke. Chromium's own note when a page vibrates before
 * the person has tapped it (a reopened page that receives an offer at once) is not one.
 */
function pageErrors(errors: string[]): string[] {
  return errors.filter((e) => !e.startsWith('Blocked call to navigator.vibrate'));
}

function sessionOf(who: TestWorker, role: 'worker' | 'employer'): Session {
  return { token: who.token, account: { id: who.id, phone: who.phone, roles: [role] } };
}

/**
 * Follows the worker's Socket.IO traffic: resolves when the server has acknowledged a
 * `presence { status: "waiting" }`, i.e. when this worker can really be offered work.
 */
function trackWorkerSocket(page: Page) {
  const state = { waitingAcked: false, opened: 0, closed: 0, offersReceived: [] as string[] };
  const presenceIds = new Set<string>();
  page.on('websocket', (ws: WebSocket) => {
    state.opened += 1;
    ws.on('close', () => (state.closed += 1));
    ws.on('framesent', ({ payload }) => {
      const m = /^42\/worker,(\d+)\["presence",\{"status":"waiting"/.exec(String(payload));
      if (m) presenceIds.add(m[1]);
    });
    ws.on('framereceived', ({ payload }) => {
      const text = String(payload);
      const ack = /^43\/worker,(\d+)\[\{"ok":true/.exec(text);
      if (ack && presenceIds.has(ack[1])) state.waitingAcked = true;
      const offer = /^42\/worker,\["offer",\{"offerId":"([^"]+)"/.exec(text);
      if (offer) state.offersReceived.push(offer[1]);
    });
  });
  return state;
}

/** Sign in through the form: phone number, 获取验证码 (the dev code is prefilled), 登录. */
async function signInThroughForm(page: Page, phoneNumber: string, shots?: [string, string]): Promise<void> {
  await page.goto(`${app.url}/m/`);
  await page.getByRole('heading', { name: '手机号登录' }).waitFor();
  expect(page.url()).toMatch(/#\/login/);
  if (shots) await screenshot(page, shots[0]);
  await page.getByLabel('手机号').fill(phoneNumber);
  await page.getByRole('button', { name: '获取验证码' }).click();
  const code = page.getByLabel('验证码');
  await code.waitFor();
  await waitFor(async () => /^\d{4,8}$/.test(await code.inputValue()), 5000, 'the prefilled dev code');
  if (shots) await screenshot(page, shots[1]);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: '您想做什么？' }).waitFor();
}

/** "YYYY-MM-DDTHH:mm" in Asia/Shanghai (the contexts' time zone) for a datetime-local input. */
function shanghaiLocal(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);
}

/** Choose one trade in a TradePicker by typing its Chinese name and tapping it. */
async function pickTrade(page: Page, searchLabel: string, name: string, nameEn: string): Promise<void> {
  await page.getByLabel(searchLabel).fill(name);
  await page.getByRole('option', { name: new RegExp(`^\\s*✓?\\s*${name}\\s*${nameEn}`) }).click();
}

describe('phone app in Chromium (pglite)', () => {
  test('a waiting worker sees the offer within 1 s of the post, accepts it; the employer and the board see the hire', async () => {
    const title = `配电箱安装 ${Date.now() % 100000}`;
    const workerName = '王建国';
    const workerPhone = nextPhone();
    const employerPhone = nextPhone();

    // ---------- the worker: sign in, register, start waiting ----------
    const workerContext = await phone(WORKER_SPOT);
    const worker = await workerContext.newPage();
    const workerClean = watchPage(worker);
    const socket = trackWorkerSocket(worker);
    // Records, in the page's own clock, when the offer's title is first on screen.
    await worker.addInitScript(() => {
      const w = window as unknown as { __offerSeen?: Record<string, number> };
      w.__offerSeen = {};
      new MutationObserver(() => {
        const heading = document.querySelector('[role="dialog"] h1');
        const text = heading?.textContent?.trim();
        if (text && !w.__offerSeen![text]) w.__offerSeen![text] = Date.now();
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });

    await signInThroughForm(worker, workerPhone, ['mobile-01-sign-in', 'mobile-02-sign-in-code']);
    await worker.getByRole('link', { name: /我要找活/ }).click();

    await worker.getByRole('button', { name: '完成登记' }).waitFor();
    await worker.getByLabel('姓名').fill(workerName);
    await pickTrade(worker, '会做的工种（可多选）', '电工', 'Electrician');
    await worker.getByRole('button', { name: '去掉 电工' }).waitFor(); // chosen
    await worker.getByLabel('出生年份（可不填）').fill('1974');
    await screenshot(worker, 'mobile-03-worker-register');
    await worker.getByRole('button', { name: '完成登记' }).click();

    await worker.getByRole('button', { name: '开始候工' }).click();
    await worker.getByText('正在候工').waitFor();
    await worker.getByText('位置：手机定位').waitFor();
    await waitFor(() => socket.waitingAcked, 10_000, 'the server to acknowledge presence "waiting"');
    await worker.getByRole('status').filter({ hasText: '在线' }).waitFor();
    await screenshot(worker, 'mobile-04-worker-waiting');

    // ---------- the board in the market hall ----------
    const boardContext = await newContext(browser, { viewport: { width: 1280, height: 800 } });
    contexts.push(boardContext);
    const board = await boardContext.newPage();
    await board.goto(`${app.url}/board/?market=lz-chengguan&voice=0`);

    // ---------- the employer: sign in, register, post ----------
    const employerContext = await phone(LANZHOU);
    const employer = await employerContext.newPage();
    const employerClean = watchPage(employer);
    await signInThroughForm(employer, employerPhone);
    await employer.getByRole('link', { name: /我要招人/ }).click();
    await employer.getByLabel('单位或个人名称').fill('兰州安居装修队');
    await employer.getByLabel('联系人姓名（可不填）').fill('张经理');
    await employer.getByRole('button', { name: '完成登记' }).click();

    await employer.getByRole('heading', { name: '发布招工' }).waitFor();
    await pickTrade(employer, '工种', '电工', 'Electrician');
    await waitFor(async () => (await employer.getByLabel('标题').inputValue()) === '电工', 5000, 'the title filled in from the trade');
    await employer.getByLabel('标题').fill(title);
    expect(await employer.getByLabel('要几个人').inputValue()).toBe('1');
    await employer.getByLabel('工资金额（元）').fill('320');
    expect(await employer.getByRole('button', { name: '按天' }).getAttribute('aria-pressed')).toBe('true');
    await employer.getByRole('button', { name: /用我现在的位置/ }).click();
    await employer.getByText('已用手机定位').waitFor();
    await employer.getByLabel('详细地址').fill('兰州市城关区庆阳路 1 号 工地北门');
    await employer.getByRole('heading', { name: '发布招工' }).scrollIntoViewIfNeeded();
    await screenshot(employer, 'mobile-06-employer-post-form');

    const posted = employer.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/shifts');
    const offerDialog = worker.getByRole('dialog', { name: '¥320/天' });
    const offerOnScreen = offerDialog
      .getByRole('heading', { name: title })
      .waitFor({ timeout: 10_000 })
      .then(() => Date.now());
    offerOnScreen.catch(() => undefined);
    await employer.getByRole('button', { name: '发布，马上派单' }).click();
    const response = await posted;
    const postAnsweredAt = Date.now();
    expect(response.status()).toBe(201);
    const shift = (await response.json()) as { id: string };

    const shownAt = await offerOnScreen;
    // The same two moments in the browsers' own clock (one machine, one clock): when the
    // employer's page had the whole answer, and when the worker's page first drew the offer.
    const postAnsweredInBrowser = await employer.evaluate(() => {
      const entry = performance
        .getEntriesByType('resource')
        .find((e) => new URL(e.name).pathname === '/api/shifts') as PerformanceResourceTiming;
      return performance.timeOrigin + entry.responseEnd;
    });
    const seenInPage = await worker.evaluate((t) => (window as unknown as { __offerSeen: Record<string, number> }).__offerSeen[t], title);
    const seenByTest = shownAt - postAnsweredAt;
    expect(typeof seenInPage).toBe('number');
    const seenByBrowsers = Math.round(seenInPage - postAnsweredInBrowser);
    console.log(
      `POST /api/shifts answered → offer on the worker's screen: ${seenByBrowsers} ms in the browsers' clock, ` +
        `${seenByTest} ms as the test process saw it (negative: the offer was drawn before the POST answer arrived)`,
    );
    // Asserted in the browsers' clock: the test process shares its event loop with the API
    // (and pglite), so its own view of either moment can lag by hundreds of milliseconds.
    expect(seenByBrowsers).toBeLessThan(OFFER_BUDGET_MS);

    expect(await offerDialog.getByText('¥320/天').isVisible()).toBe(true);
    await offerDialog.getByText('兰州安居装修队').waitFor();
    await screenshot(worker, 'mobile-05-offer');

    // The board shows the new shift before anyone takes it.
    await board.getByText(title).first().waitFor({ timeout: 10_000 });

    // ---------- the worker accepts ----------
    await offerDialog.getByRole('button', { name: '接受' }).click();
    await worker.getByText('已录用！').waitFor();
    await worker.getByRole('heading', { name: title }).waitFor();
    expect(await worker.getByRole('dialog').count()).toBe(0);
    expect(worker.url()).toMatch(/#\/worker\/job\/[^/]+$/);
    await worker.getByText('兰州市城关区庆阳路 1 号 工地北门').waitFor();
    await screenshot(worker, 'mobile-07-hired');

    // ---------- the employer's watch screen shows the hire, with the phone number ----------
    expect(employer.url()).toContain(`#/employer/shift/${shift.id}`);
    await employer.getByText('已招 1/1').waitFor();
    await employer.getByText('已招满', { exact: true }).waitFor();
    await employer.getByText(workerName, { exact: true }).waitFor();
    const call = employer.getByRole('link', { name: `给 ${workerName} 打电话` });
    await call.waitFor();
    expect(await call.textContent()).toContain(workerPhone);
    expect(await call.getAttribute('href')).toBe(`tel:${workerPhone}`);
    await screenshot(employer, 'mobile-08-employer-watch');

    // ---------- the board: 已招满 (it lingers a few seconds) or gone ----------
    const row = board.locator('article', { hasText: title });
    const seen = await waitFor(
      async () => {
        if ((await row.count()) === 0) return 'gone';
        return (await row.getByText('已招满').isVisible()) ? 'filled' : false;
      },
      10_000,
      'the board to mark the shift filled or drop it',
    );
    console.log(`board after the hire: ${seen}`);
    if (seen === 'filled') await screenshot(board, 'mobile-09-board-filled');

    const server = await http(app, 'GET', `/api/shifts/${shift.id}`);
    expect(server.body).toMatchObject({ status: 'filled', filled: 1, headcount: 1 });
    expect(pageErrors(workerClean.errors)).toEqual([]);
    expect(pageErrors(employerClean.errors)).toEqual([]);
  }, 60_000);

  test('an open offer comes back after the connection drops and after the page is reopened, and can be accepted', async () => {
    const worker = await newWorker(app, { name: '李师傅', trades: ['plumber'] });
    const employer = await newEmployer(app, '城关物业');
    const context = await phone(WORKER_SPOT, sessionOf(worker, 'worker'));
    let page = await context.newPage();
    const socket = trackWorkerSocket(page);
    await page.goto(`${app.url}/m/#/worker`);
    await page.getByRole('button', { name: '开始候工' }).click();
    await page.getByText('正在候工').waitFor();
    await waitFor(() => socket.waitingAcked, 10_000, 'presence "waiting" acknowledged');

    const title = `暖气管道维修 ${Date.now() % 100000}`;
    const posted = await http(app, 'POST', '/api/shifts', {
      token: employer.token,
      body: shiftBody({ title, trade: 'plumber', wage: { amount: 260, unit: 'day' } }),
    });
    expect(posted.status).toBe(201);
    const offer = page.getByRole('dialog', { name: '¥260/天' });
    await offer.getByRole('heading', { name: title }).waitFor();
    const offerId = await waitFor(() => socket.offersReceived[0], 5000, 'the offer frame');

    // The signal goes: the socket closes; the offer stays on screen.
    await context.setOffline(true);
    await waitFor(() => socket.closed >= 1, 10_000, 'the socket to drop');
    await page.waitForTimeout(3000); // a few seconds without signal (not a correctness wait)
    expect(await offer.getByRole('heading', { name: title }).isVisible()).toBe(true);

    // The signal returns: a new socket, and the server sends the open offer again.
    await context.setOffline(false);
    await waitFor(() => socket.opened >= 2 && socket.offersReceived.length >= 2, 15_000, 'reconnect and the re-sent offer');
    expect(socket.offersReceived.at(-1)).toBe(offerId);
    await offer.getByRole('heading', { name: title }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(1); // the re-send did not stack a second offer
    // The phone closes the page; a new page with the stored token gets the offer from the server.
    await page.close();
    page = await context.newPage();
    const clean = watchPage(page);
    await page.goto(`${app.url}/m/#/worker`);
    const again = page.getByRole('dialog', { name: '¥260/天' });
    await again.getByRole('heading', { name: title }).waitFor({ timeout: 10_000 });
    await again.getByRole('button', { name: '接受' }).click();
    await page.getByText('已录用！').waitFor();
    await page.getByRole('heading', { name: title }).waitFor();

    const server = await http(app, 'GET', `/api/shifts/${posted.body.id}`);
    expect(server.body).toMatchObject({ status: 'filled', filled: 1 });
    expect(pageErrors(clean.errors)).toEqual([]);
  }, 60_000);

  test('sign-in refuses a bad phone number in Chinese and sends nothing', async () => {
    const context = await phone(LANZHOU);
    const page = await context.newPage();
    const authRequests: string[] = [];
    page.on('request', (req) => {
      if (new URL(req.url()).pathname.startsWith('/api/auth/')) authRequests.push(`${req.method()} ${req.url()}`);
    });
    await page.goto(`${app.url}/m/#/login`);
    const phoneInput = page.getByLabel('手机号');
    const message = '请输入正确的手机号：11 位数字，以 1 开头';

    for (const bad of ['1380013', '23800138000', '1380013800a']) {
      await phoneInput.fill(bad);
      await page.getByRole('button', { name: '获取验证码' }).click();
      await page.getByText(message).waitFor();
      expect(await phoneInput.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('验证码').count()).toBe(0);
    }
    await screenshot(page, 'mobile-10-sign-in-bad-phone');
    expect(authRequests).toEqual([]);

    // Corrected, the message goes and the code is asked for.
    await phoneInput.fill(nextPhone());
    await page.getByRole('button', { name: '获取验证码' }).click();
    await page.getByLabel('验证码').waitFor();
    expect(await page.getByText(message).count()).toBe(0);
    expect(authRequests).toHaveLength(1);
  });

  test("the post form puts end-time problems on the 结束时间 field, the API's own message included", async () => {
    const employer = await newEmployer(app, '七里河搬家公司');
    const context = await phone(LANZHOU, sessionOf(employer, 'employer'));
    const page = await context.newPage();
    const posts: Response[] = [];
    page.on('response', (res) => {
      if (res.request().method() === 'POST' && new URL(res.url()).pathname === '/api/shifts') posts.push(res);
    });
    await page.goto(`${app.url}/m/#/employer/post`);
    await page.getByRole('heading', { name: '发布招工' }).waitFor();
    await pickTrade(page, '工种', '搬家工', 'Mover');
    await page.getByLabel('工资金额（元）').fill('200');
    await page.getByRole('button', { name: /用我现在的位置/ }).click();
    await page.getByText('已用手机定位').waitFor();
    await page.getByLabel('详细地址').fill('兰州市七里河区西津西路 8 号');

    const tomorrow9 = Date.parse(shanghaiLocal(Date.now() + 86_400_000).slice(0, 10) + 'T09:00:00+08:00');
    const start = page.getByLabel('开始时间');
    const end = page.getByLabel('结束时间');
    const endField = page.locator('label.field', { has: end });
    await start.fill(shanghaiLocal(tomorrow9));

    // The end before the start: the phone itself says so, on the field, and posts nothing.
    await end.fill(shanghaiLocal(tomorrow9 - 3600_000));
    await page.getByRole('button', { name: '发布，马上派单' }).click();
    await endField.getByText('结束时间要晚于开始时间').waitFor();
    expect(await end.getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('alert').filter({ hasText: '还有内容没填好，请看红字提示' }).waitFor();
    expect(posts).toHaveLength(0);

    // A rule only the API knows (at most 24 hours): its message lands on the same field.
    await end.fill(shanghaiLocal(tomorrow9 + 25 * 3600_000));
    const refused = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/shifts');
    await page.getByRole('button', { name: '发布，马上派单' }).click();
    const res = await refused;
    expect(res.status()).toBe(400);
    const body = (await res.json()) as { code: string; details: Array<{ field: string; message: string }> };
    expect(body.code).toBe('VALIDATION_FAILED');
    const apiMessage = body.details.find((d) => d.field === 'endsAt')?.message;
    expect(apiMessage).toMatch(/[\u4e00-\u9fff]/); // Chinese, as the phone asks for
    await endField.getByText(apiMessage!).waitFor();
    expect(await end.getAttribute('aria-invalid')).toBe('true');
    expect(await endField.getByText('结束时间要晚于开始时间').count()).toBe(0);
    await screenshot(page, 'mobile-11-post-api-error');
    expect(await page.evaluate(() => location.hash)).toBe('#/employer/post'); // still on the form
  });

  test("the worker path's first load stays under 150 KB of gzip JS", async () => {
    const worker = await newWorker(app, { trades: ['cleaner'] });
    const context = await phone(WORKER_SPOT, sessionOf(worker, 'worker'));
    const page = await context.newPage();
    const scripts: Response[] = [];
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (res.request().resourceType() === 'script' || url.pathname.endsWith('.js')) scripts.push(res);
    });
    await page.goto(`${app.url}/m/#/worker`);
    await page.getByRole('button', { name: '开始候工' }).waitFor();
    await page.waitForLoadState('networkidle');

    let total = 0;
    let compressedByServer = 0;
    const lines: string[] = [];
    for (const res of scripts) {
      const body = await res.body();
      const encoding = (await res.headerValue('content-encoding')) ?? '';
      let size: number;
      if (/gzip|br|deflate|zstd/.test(encoding)) {
        compressedByServer += 1;
        size = (await res.request().sizes()).responseBodySize;
      } else {
        size = gzipSync(body).length;
      }
      total += size;
      lines.push(`${new URL(res.url()).pathname} ${body.length} B raw, ${size} B ${encoding || 'gzip (computed)'}`);
    }
    console.log(
      `worker path first load: ${scripts.length} JS files, ${(total / 1024).toFixed(1)} KB ` +
        (compressedByServer === scripts.length
          ? 'as transferred (server-compressed)'
          : `gzip (${scripts.length - compressedByServer} computed with zlib: the server did not compress them)`) +
        '\n' +
        lines.join('\n'),
    );
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.some((res) => /\/WorkerArea-[^/]+\.js$/.test(res.url()))).toBe(true);
    expect(scripts.some((res) => /\/(PostShift|ShiftWatchScreen|leafletMap)-[^/]+\.js$/.test(res.url()))).toBe(false);
    expect(total).toBeLessThan(JS_BUDGET_BYTES);
  });
});
