import { expect, test } from '@jest/globals';
import net from 'node:net';
import { startTestApp } from '../support/test-app.js';

test('closing the API cuts a connection whose request never finished: a client gone quiet cannot hold a shutdown', async () => {
  const app = await startTestApp('pglite');
  const quiet = net.connect(Number(new URL(app.url).port), '127.0.0.1');
  await new Promise((resolve) => quiet.once('connect', resolve));
  quiet.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n'); // the headers never end
  const closedByServer = new Promise((resolve) => quiet.once('close', resolve));
  await new Promise((resolve) => setTimeout(resolve, 100));

  const started = Date.now();
  await app.stop();
  expect(Date.now() - started).toBeLessThan(10_000);
  await closedByServer;
}, 30_000);
