/**
 * The worker path on Chrome DevTools' "Slow 3G" profile (400 ms round trips, 400 kbit/s each way):
 * a signed-in worker's first load must be usable within a few seconds, and an offer must still
 * reach the screen and be accepted.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { http, LANZHOU, newEmployer, newWorker, shiftBody } from '../support/clients.js';
import { launchBrowser, newContext, screenshot } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 };

describe('the phone app on a slow 3G connection', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp('pglite', { DISPATCH_OFFER_TTL_S: '120' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('a signed-in worker can start waiting within 10 s of opening the app, and gets and accepts an offer', async () => {
    const worker = await newWorker(app, { trades: ['electrician'] });
    const me = await http(app, 'GET', '/api/workers/me', { token: worker.token });
    const session = { token: worker.token, account: { id: worker.id, phone: worker.phone, roles: ['worker'] } };
    const context = await newContext(browser, {
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
      permissions: ['geolocation', 'notifications'],
      geolocation: { latitude: LANZHOU.lat, longitude: LANZHOU.lng },
      storageState: { cookies: [], origins: [{ origin: app.url, localStorage: [{ name: 'lg.session', value: JSON.stringify(session) }] }] },
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);

    const opened = Date.now();
    await page.goto(`${app.url}/m/#/worker`);
    const start = page.getByRole('button', { name: '开始候工' });
    await start.waitFor({ timeout: 20_000 });
    const usableMs = Date.now() - opened;
    console.log(`slow 3G: worker screen usable ${usableMs} ms after opening (${me.body.name})`);
    expect(usableMs).toBeLessThan(10_000);

    await start.click();
    await page.getByRole('button', { name: '停止候工' }).waitFor({ timeout: 15_000 });
    const employer = await newEmployer(app);
    const posted = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ title: '慢网测试电工' }) });
    const postedAt = Date.now();
    await page.getByText('慢网测试电工').first().waitFor({ timeout: 15_000 });
    console.log(`slow 3G: POST → offer on screen ${Date.now() - postedAt} ms`);
    await page.getByRole('button', { name: /接受/ }).first().click();
    await page
      .getByText(/已录用/)
      .first()
      .waitFor({ timeout: 15_000 });
    await screenshot(page, 'mobile-slow-3g-hired');
    expect((await http(app, 'GET', `/api/shifts/${posted.body.id}`)).body.filled).toBe(1);
  });
});
