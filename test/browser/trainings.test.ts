/**
 * Trainings in the browser (Debian's Chromium against the real API on PGlite): the hall's board shows
 * an upcoming training the moment staff publish it, without personal data; the worker signs up for a
 * course on the phone (mobile-web at /m/, 390×844), and a full course is refused in plain words.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, newContext, screenshot, watchPage } from '../support/browser.js';
import { http, newWorker, type TestWorker } from '../support/clients.js';
import { personWith, type Person } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MARKET = 'lz-chengguan';
const DAY = 24 * 3600_000;

describe('trainings on the board and the phone', () => {
  let app: TestApp;
  let browser: Browser;
  let staff: Person;
  const contexts: BrowserContext[] = [];

  async function publish(title: string, seats: number, trades = ['electrician']): Promise<{ id: string }> {
    const start = Date.now() + 2 * DAY;
    const res = await http(app, 'POST', '/api/trainings', {
      token: staff.token,
      body: {
        title,
        provider: '兰州市职业技能培训中心',
        trades,
        regionCode: '620102',
        marketId: MARKET,
        address: '城关区庆阳路 1 号三楼',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 3 * DAY).toISOString(),
        fee: 0,
        subsidy: 600,
        seats,
      },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function phoneOf(worker: TestWorker): Promise<BrowserContext> {
    const session = { token: worker.token, account: { id: worker.id, phone: worker.phone, roles: ['worker'] } };
    const context = await newContext(browser, {
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      storageState: { cookies: [], origins: [{ origin: app.url, localStorage: [{ name: 'lg.session', value: JSON.stringify(session) }] }] },
    });
    contexts.push(context);
    return context;
  }

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp('pglite'), launchBrowser()]);
    staff = await personWith(app, { role: 'staff', marketId: MARKET });
  }, 60_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  test('the board shows an upcoming training as soon as it is published', async () => {
    const context = await newContext(browser, { viewport: { width: 1920, height: 1080 } });
    contexts.push(context);
    const board = await context.newPage();
    const watch = watchPage(board);
    await board.goto(`${app.url}/board/?market=${MARKET}`);
    await board.locator('[role=status] .badge', { hasText: '实时' }).waitFor({ timeout: 30_000 });
    expect(await board.getByText('近期培训').count()).toBe(0);

    await publish('育婴员培训（免费）', 20, ['domestic_helper']);
    const panel = board.locator('section.trainings');
    await panel.getByText('育婴员培训（免费）').waitFor({ timeout: 5_000 });
    await panel.getByText('近期培训').waitFor();
    await panel.getByText(/余 20 名/).waitFor();
    await panel.getByText(/补贴 600 元/).waitFor();
    expect(await panel.textContent()).not.toMatch(/1[3-9]\d{9}/);

    // A seat taken elsewhere updates the board's count.
    const trainings = await http(app, 'GET', `/api/trainings?marketId=${MARKET}`);
    const id = trainings.body.find((t: { title: string }) => t.title === '育婴员培训（免费）').id;
    const w = await newWorker(app, { trades: ['domestic_helper'] });
    expect((await http(app, 'POST', `/api/trainings/${id}/signups`, { token: w.token })).status).toBe(201);
    await panel.getByText(/余 19 名/).waitFor({ timeout: 5_000 });
    await screenshot(board, 'trainings-01-board');

    // Read again on a fresh load (not only from the live event).
    await board.reload();
    await board.locator('section.trainings').getByText('育婴员培训（免费）').waitFor({ timeout: 10_000 });
    expect(watch.errors).toEqual([]);
  });

  test('the worker signs up for a course on the phone; a full course is refused plainly', async () => {
    const open = await publish('低压电工上岗培训', 5);
    const full = await publish('高压电工进阶班', 1);
    const other = await newWorker(app);
    expect((await http(app, 'POST', `/api/trainings/${full.id}/signups`, { token: other.token })).status).toBe(201);

    const worker = await newWorker(app, { trades: ['electrician'] });
    const page = await (await phoneOf(worker)).newPage();
    const watch = watchPage(page);
    await page.goto(`${app.url}/m/#/worker/training`);
    await page.getByRole('heading', { name: '适合您工种的培训' }).waitFor({ timeout: 15_000 });
    // Only the trainings of the worker's trades: not the childcare course.
    await page.getByText('低压电工上岗培训').waitFor();
    expect(await page.getByText('育婴员培训（免费）').count()).toBe(0);
    await screenshot(page, 'trainings-02-phone-list');

    await page.getByText('低压电工上岗培训').click();
    await page.getByRole('heading', { name: '低压电工上岗培训' }).waitFor();
    await page.getByText('余 5 个名额').waitFor();
    await page.getByRole('button', { name: '我要报名' }).click();
    await page.getByText('报名成功！请按时到场参加培训').waitFor();
    expect(await page.getByRole('button', { name: '我要报名' }).count()).toBe(0);
    await screenshot(page, 'trainings-03-phone-signed-up');
    const after = await http(app, 'GET', `/api/trainings/${open.id}`, { token: worker.token });
    expect(after.body).toMatchObject({ signups: 1, mySignup: 'signed_up' });

    await page.getByRole('button', { name: /返回培训列表/ }).click();
    await page.getByRole('heading', { name: '我的培训' }).waitFor();
    await page.getByText('高压电工进阶班').click();
    await page.getByText('名额已满').first().waitFor();
    await page.getByRole('button', { name: '我要报名' }).click();
    await page.getByRole('alert').getByText(/名额已满，报不上了/).waitFor();
    await screenshot(page, 'trainings-04-phone-full');

    // The demand survey: a trade and a note, then thanks.
    await page.getByRole('button', { name: /返回培训列表/ }).click();
    await page.getByRole('heading', { name: '您想学什么？' }).waitFor();
    await page.getByRole('button', { name: '提交培训需求' }).click();
    await page.getByText('请至少选一个工种').waitFor();
    await page.getByRole('option', { name: /电焊工/ }).click();
    await page.getByLabel('补充说明（选填）').fill('想考焊工证');
    await page.getByRole('button', { name: '提交培训需求' }).click();
    await page.getByText('已收到您的培训需求，谢谢！').waitFor();
    const answer = await app.database.prisma.trainingDemand.findUnique({ where: { workerId: worker.id } });
    expect(answer).toMatchObject({ trades: ['welder'], note: '想考焊工证' });
    // The refused sign-up's 409 is the one failed request Chromium reports; nothing else went wrong.
    expect(watch.errors).toEqual(['Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });
});
