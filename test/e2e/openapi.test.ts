import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { buildOpenApi } from '../../api/src/openapi.js';
import { http } from '../support/clients.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const COMMITTED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/openapi.json');

describe('the OpenAPI document', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('pglite');
  });
  afterAll(() => app.stop());

  test('docs/openapi.json is what the code generates (run `npm run openapi` after changing an endpoint)', () => {
    const generated = JSON.stringify(buildOpenApi(app.app), null, 2) + '\n';
    if (process.env.UPDATE_OPENAPI === '1') fs.writeFileSync(COMMITTED, generated);
    expect(fs.readFileSync(COMMITTED, 'utf8')).toBe(generated);
  });

  test('is served at /api/docs.json, with request schemas from the validators', async () => {
    const res = await http(app, 'GET', '/api/docs.json');
    expect(res.status).toBe(200);
    const post = res.body.paths['/api/shifts'].post;
    expect(JSON.stringify(post.requestBody)).toContain('headcount');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/code',
        '/api/auth/login',
        '/api/workers/me',
        '/api/workers/me/presence',
        '/api/employers/me',
        '/api/trades',
        '/api/markets',
        '/api/markets/{id}',
        '/api/shifts',
        '/api/shifts/{id}',
        '/api/shifts/{id}/cancel',
        '/api/offers/{id}/accept',
        '/api/offers/{id}/decline',
        '/api/stats/monthly',
      ]),
    );
    const ui = await fetch(`${app.url}/api/docs`);
    expect(ui.status).toBe(200);
  });
});
