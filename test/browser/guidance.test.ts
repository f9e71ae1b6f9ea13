/**
 * Career guidance on the phone (mobile-web at /m/, 390×844): the worker opens the market's public page
 * (the hall's QR code), sees the session with its free places, books it with a tap, and the booking is
 * theirs on the server; the page then shows 已预约 and one place fewer. The rights guide leads to the
 * worker's own market with the help form open.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, newContext, screenshot, watchPage } from '../support/browser.js';
import { http, newWorker, waitFor } from '../support/clients.js';
import { personWith } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const MARKET = 'lz-chengguan';
let app: TestApp;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp('pglite'), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

test('the worker books a guidance session on the market page', async () => {
  const staff = await personWith(app, { role: 'staff', marketId: MARKET });
  const startsAt = new Date(Date.now() + 3 * 3600_000);
  const slot = await http(app, 'POST', `/api/markets/${MARKET}/guidance-slots`, {
    token: staff.token,
    body: { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(), counsellor: '王老师', capacity: 2 },
  });
  expect(slot.status).toBe(201);
  const worker = await newWorker(app);
  const session = { token: worker.token, account: { id: worker.id, phone: worker.phone, roles: ['worker'] } };
  context = await newContext(browser, {
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    storageState: {
      cookies: [],
      origins: [{ origin: app.url, localStorage: [{ name: 'lg.session', value: JSON.stringify(session) }, { name: 'lg.preferredMarket', value: JSON.stringify(MARKET) }] }],
    },
  });
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto(`${app.url}/m/#/market/${MARKET}`);

  const guidance = page.getByRole('region', { name: /职业指导/ });
  const item = guidance.getByRole('listitem').filter({ hasText: '王老师' });
  await item.getByText('剩余 2 个名额（共 2 个）').waitFor();
  await item.getByRole('button', { name: '预约' }).click();
  await item.getByText('已预约').waitFor();
  await item.getByText('剩余 1 个名额（共 2 个）').waitFor();

  const mine = await waitFor(async () => (await http(app, 'GET', '/api/workers/me/guidance', { token: worker.token })).body[0], 5000, 'the booking');
  expect(mine).toMatchObject({ slotId: slot.body.id, status: 'booked', walkIn: false });
  await screenshot(page, 'guidance-booked');

  // The rights guide: help at the worker's own market, the form open there.
  await page.goto(`${app.url}/m/#/worker/rights`);
  await page.getByRole('link', { name: '到我的市场提交求助' }).click();
  await page.getByRole('region', { name: '找市场帮忙' }).getByRole('button', { name: /咨询|投诉/ }).first().waitFor();
  expect(watch.errors).toEqual([]);
}, 60_000);

test('the board shows the sessions with free places, the guide (free) and the staff count', async () => {
  const hall = await newContext(browser, { viewport: { width: 1920, height: 1080 } });
  try {
    const page = await hall.newPage();
    await page.goto(`${app.url}/board/?market=${MARKET}&voice=0`);
    const footer = page.locator('footer');
    await footer.getByText(/王老师 余 1 位/).waitFor();
    await footer.getByText('全部免费').waitFor();
    await footer.getByText(/工作人员 \d+ 人/).waitFor();
    await screenshot(page, 'board-services');
  } finally {
    await hall.close();
  }
}, 60_000);
