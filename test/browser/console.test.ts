/**
 * The staff console (console/, served at /console/) in a real Chromium on a 1366×768 office
 * screen, driven by its visible Chinese labels and the keyboard, against the real API on PGlite.
 *
 * Issue 16's acceptance: a walk-in registered at the window → a shift posted at the window for
 * that walk-in's trade → the offer on the console → accepted → the board shows the hire; and
 * a case opened at the window, taken (首问负责) and closed.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchBrowser, newContext, screenshot, watchPage } from '../support/browser.js';
import { http, newWorker, waitFor } from '../support/clients.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MARKET = 'lz-chengguan';
const MARKET_NAME = '兰州市城关区零工市场';
/** The demo admin: outside production an admin of 620000, which covers the demo markets. */
const DEMO_ADMIN = '13900000000';
const OFFICE_SCREEN = { width: 1366, height: 768 };
const HALL_SCREEN = { width: 1920, height: 1080 };

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp('pglite', { DISPATCH_OFFER_TTL_S: '120' }), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

async function desk(viewport = OFFICE_SCREEN): Promise<Page> {
  const context = await newContext(browser, { viewport });
  contexts.push(context);
  return context.newPage();
}

/** Sign in through the form (the dev code is prefilled) and choose the market. */
async function signInAtTheWindow(page: Page, phone = DEMO_ADMIN): Promise<void> {
  await page.goto(`${app.url}/console/`);
  await page.getByLabel('手机号').waitFor({ timeout: 15_000 });
  expect(page.url()).toMatch(/#\/login/);
  await page.getByLabel('手机号').fill(phone);
  await page.keyboard.press('Enter');
  const code = page.getByLabel('验证码');
  await code.waitFor();
  await waitFor(async () => /^\d{4,8}$/.test(await code.inputValue()), 5_000, 'the prefilled dev code');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  // Staff of one market go straight to its queue; those who serve several choose first.
  const queue = page.getByRole('heading', { name: '现场候工' });
  const pick = page.locator('button.pick', { hasText: MARKET_NAME });
  await pick.or(queue).waitFor();
  if (await pick.isVisible()) await pick.click();
  await queue.waitFor();
  await page.getByRole('status').filter({ hasText: '实时连接' }).waitFor({ timeout: 10_000 });
}

/** Choose a trade in the console's TradeFilter by typing its Chinese name and pressing Enter. */
async function typeTrade(page: Page, label: string, name: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(name);
  await page.getByRole('option', { name: new RegExp(`^${name}`) }).waitFor();
  await page.keyboard.press('Enter');
}

/** The console's own session (token and account), as it keeps it in localStorage. */
async function sessionOf(page: Page): Promise<{ token: string; account: { id: string } }> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('lg.console.session') ?? '{}'));
}

function boardRow(page: Page, title: string): Locator {
  return page.locator('article', { hasText: title });
}

describe('staff console in Chromium (pglite)', () => {
  test('walk-in registered → shift posted at the window → offer on the console → accepted → on the board', async () => {
    const title = `窗口代发 配电检修 ${Date.now() % 100000}`;
    const walkInName = '李大爷';

    const hall = await desk(HALL_SCREEN);
    await hall.goto(`${app.url}/board/?market=${MARKET}&voice=0`);
    await hall.locator('[role=status] .badge', { hasText: '实时' }).waitFor({ timeout: 30_000 });

    const page = await desk();
    const clean = watchPage(page);
    await signInAtTheWindow(page);
    await screenshot(page, 'console-01-queue-empty');

    // ---------- 登记: the whole form with the keyboard ----------
    await page.getByRole('link', { name: /登记/ }).first().click();
    await page.getByRole('heading', { name: '登记现场求职者' }).waitFor();
    const started = Date.now();
    await page.keyboard.type(walkInName); // the name field has the focus
    await page.keyboard.press('Tab');
    await page.keyboard.type('电工');
    await page.getByRole('option', { name: /^电工/ }).waitFor();
    await page.keyboard.press('Enter'); // picks the trade
    await page.keyboard.press('Enter'); // nothing typed: registers
    const ticket = page.getByTestId('ticket');
    await ticket.waitFor();
    console.log(`walk-in registered with the keyboard in ${Date.now() - started} ms`);
    const number = (await ticket.textContent())?.trim() ?? '';
    expect(number).toMatch(/^A\d{3}$/);
    await screenshot(page, 'console-02-ticket');

    const walkIns = await waitFor(async () => {
      const res = await http(app, 'GET', `/api/staff/walk-ins?marketId=${MARKET}&status=waiting`, {
        token: (await sessionOf(page)).token,
      });
      return res.status === 200 && (res.body as Array<{ ticket: string; name: string }>).find((w) => w.ticket === number);
    }, 5_000, 'the walk-in on the waiting list');
    expect(walkIns).toMatchObject({ name: walkInName, trades: ['electrician'], status: 'waiting' });

    // ---------- 代发布: a shift for a walk-in employer, two wanted ----------
    await page.keyboard.press('Alt+3');
    await page.getByRole('heading', { name: '代用工单位发布' }).waitFor();
    await page.getByLabel('单位或个人名称').fill('城关区物业维修队');
    await page.getByLabel('联系人').fill('赵师傅');
    await page.getByLabel('活儿名称').fill(title);
    await typeTrade(page, '工种', '电工');
    await page.getByLabel('人数').fill('2');
    await page.getByLabel('工钱').fill('260');
    const posted = Date.now();
    await page.getByRole('button', { name: '发布并派单' }).click();
    await page.getByRole('heading', { name: '已发布，正在派单' }).waitFor();
    await boardRow(hall, title).locator('.remaining b', { hasText: '2' }).waitFor({ timeout: 5_000 });

    // ---------- the offer reaches the console (a banner off the window screen), with the ticket ----------
    await page.locator('a.banner', { hasText: '派单等待答复' }).click();
    const offer = page.getByRole('article', { name: `${number} 号的派单` });
    await offer.waitFor({ timeout: 10_000 });
    console.log(`POST /api/staff/shifts → offer on the console in ${Date.now() - posted} ms`);
    await expect(offer.textContent()).resolves.toContain(title);
    await expect(offer.textContent()).resolves.toContain(walkInName);
    await screenshot(page, 'console-03-offer');

    await offer.getByRole('button', { name: '接受' }).click();
    await offer.getByRole('status').filter({ hasText: `已为 ${number} 号接下这份活` }).waitFor({ timeout: 5_000 });

    // ---------- the hall's board counts the hire like a phone hire ----------
    await boardRow(hall, title).locator('.remaining b', { hasText: '1' }).waitFor({ timeout: 5_000 });
    const shifts = await http(app, 'GET', `/api/shifts?marketId=${MARKET}`);
    expect((shifts.body as Array<{ title: string; filled: number }>).find((s) => s.title === title)).toMatchObject({ filled: 1 });
    await screenshot(hall, 'console-04-board-after-hire');

    expect(clean.errors).toEqual([]);
  });

  test('a case opened at the window is owned at once; a worker\'s case is taken (首问负责) and closed', async () => {
    // A second person at the desk: staff of this market only (the admin signed in a moment ago, and a new
    // code for the same phone is refused for 30 s).
    const staffPhone = '13900000042';
    await app.database.prisma.account.create({
      data: { phone: staffPhone, roles: ['staff'], scopes: { create: { role: 'staff', target: MARKET, marketId: MARKET } } },
    });
    const page = await desk();
    const clean = watchPage(page);
    await signInAtTheWindow(page, staffPhone);

    // ---------- at the window: kind picker with the full checklist, owned by whoever files it ----------
    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { name: '案件', exact: true }).waitFor();
    await page.getByRole('link', { name: '窗口受理新案件' }).click();
    await page.locator('.kind', { hasText: '欠薪' }).click();
    const checklist = page.locator('section.checklist li');
    await checklist.first().waitFor();
    expect(await checklist.count()).toBeGreaterThan(0);
    await page.getByLabel('情况说明').fill('在七里河工地干了三天，老板说月底结账，现在联系不上。');
    await page.getByLabel('联系电话').fill('13912345678');
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await page.waitForURL(/#\/cases\/[^/]+$/);
    await page.locator('.facts dd', { hasText: '我' }).first().waitFor();
    expect(await page.getByRole('button', { name: '受理（首问负责）' }).count()).toBe(0);
    await screenshot(page, 'console-05-case-at-window');

    // ---------- from the phone: a worker's dispute, nobody's yet ----------
    const worker = await newWorker(app);
    const opened = await http(app, 'POST', '/api/cases', {
      token: worker.token,
      body: { kind: 'dispute', marketId: MARKET, description: '雇主说我没去，其实我到了工地签了到。' },
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: 'open', ownerId: null });
    const caseId = (opened.body as { id: string }).id;

    await page.keyboard.press('Alt+4');
    await page.getByRole('heading', { name: '案件', exact: true }).waitFor();
    await page.locator(`a[href="#/cases/${caseId}"]`).click();
    await page.getByRole('button', { name: '受理（首问负责）' }).click();
    await page.locator('.facts dd', { hasText: '我' }).first().waitFor();

    await page.getByRole('button', { name: '办结', exact: true }).click();
    await page.getByLabel('办结意见').fill('核实签到记录后已撤销误记的爽约。');
    await page.getByRole('button', { name: '确定' }).click();
    await page.locator('.badge', { hasText: '已办结' }).waitFor({ timeout: 5_000 });
    await screenshot(page, 'console-06-case-closed');

    const staff = await sessionOf(page);
    const res = await http(app, 'GET', `/api/cases/${caseId}`, { token: staff.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: caseId, kind: 'dispute', marketId: MARKET, status: 'closed', ownerId: staff.account.id });
    const actions = (res.body as { history: Array<{ action: string }> }).history.map((h) => h.action);
    expect(actions.length).toBeGreaterThanOrEqual(3); // opened, taken, closed
    expect(clean.errors).toEqual([]);
  });
});
