/**
 * Issue #19, finding 6: the board, the phone app, the console and the API docs run in a real Chromium under
 * the server's Content-Security-Policy with no violation (a violation is a feature the policy broke).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext } from '../support/browser.js';
import { http, newEmployer, newWorker, shiftBody, waitFor } from '../support/clients.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp('pglite'), launchBrowser()]);
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

/** A page that records every CSP violation (the DOM event and Chromium's console report). */
async function watchedPage(localStorage: Array<{ name: string; value: string }> = []): Promise<{ page: Page; violations: string[] }> {
  const context = await newContext(browser, {
    viewport: { width: 1366, height: 900 },
    storageState: { cookies: [], origins: [{ origin: app.url, localStorage }] },
  });
  contexts.push(context);
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/CSP violation|Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  return { page, violations };
}

async function expectPolicy(page: Page, path: string): Promise<void> {
  const res = await page.request.get(`${app.url}${path}`);
  expect(res.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
}

describe('the front ends under the Content-Security-Policy', () => {
  test('the market board: live rows, the map and the QR code', async () => {
    const employer = await newEmployer(app);
    const posted = await http(app, 'POST', '/api/shifts', { token: employer.token, body: shiftBody({ marketId: 'lz-chengguan' }) });
    expect(posted.status).toBe(201);
    const { page, violations } = await watchedPage();
    await page.goto(`${app.url}/board/?market=lz-chengguan&voice=0`);
    await page.locator('[role=status] .badge', { hasText: '实时' }).waitFor({ timeout: 30_000 });
    await page.locator('article', { hasText: posted.body.title }).waitFor({ timeout: 10_000 });
    await page.locator('svg').first().waitFor();
    await page.locator('.leaflet-container').first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(1_000);
    await expectPolicy(page, '/board/?market=lz-chengguan');
    expect(violations).toEqual([]);
  }, 60_000);

  test('the phone app: sign-in form, a signed-in worker, the service worker', async () => {
    const worker = await newWorker(app);
    const session = { token: worker.token, account: { id: worker.id, phone: worker.phone, roles: ['worker'] } };
    const { page, violations } = await watchedPage([{ name: 'lg.session', value: JSON.stringify(session) }]);
    await page.goto(`${app.url}/m/#/worker`);
    await page.waitForLoadState('networkidle');
    await waitFor(() => page.evaluate(() => navigator.serviceWorker.ready.then(() => true)), 10_000, 'the service worker');
    const anonymous = await watchedPage();
    await anonymous.page.goto(`${app.url}/m/`);
    await anonymous.page.getByRole('heading', { name: '手机号登录' }).waitFor();
    await anonymous.page.getByLabel('手机号').fill('13812345678');
    await anonymous.page.getByRole('button', { name: '获取验证码' }).click();
    await anonymous.page.getByLabel('验证码').waitFor();
    await page.waitForTimeout(500);
    await expectPolicy(page, '/m/');
    expect([...violations, ...anonymous.violations]).toEqual([]);
  }, 60_000);

  test('the console: sign in at the window and open the queue', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${app.url}/console/`);
    await page.getByLabel('手机号').waitFor({ timeout: 15_000 });
    await page.getByLabel('手机号').fill('13900000000');
    await page.keyboard.press('Enter');
    const code = page.getByLabel('验证码');
    await code.waitFor();
    await waitFor(async () => /^\d{4,8}$/.test(await code.inputValue()), 5_000, 'the prefilled dev code');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const queue = page.getByRole('heading', { name: '现场候工' });
    const pick = page.locator('button.pick', { hasText: '兰州市城关区零工市场' });
    await pick.or(queue).waitFor();
    if (await pick.isVisible()) await pick.click();
    await queue.waitFor();
    await page.getByRole('status').filter({ hasText: '实时连接' }).waitFor({ timeout: 10_000 });
    await expectPolicy(page, '/console/');
    expect(violations).toEqual([]);
  }, 60_000);

  test('the API docs (Swagger UI) under their own policy', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${app.url}/api/docs`);
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 15_000 });
    await expectPolicy(page, '/api/docs');
    expect(violations).toEqual([]);
  }, 60_000);
});
