import { describe, expect, jest, test } from '@jest/globals';
import { pino } from 'pino';
import { guardConnection } from './connection-guard.js';

const fakeSocket = () => {
  const close = jest.fn();
  return { socket: { id: 's1', nsp: { name: '/worker' }, conn: { close } } as never, close };
};

describe('guardConnection', () => {
  const log = pino({ level: 'silent' });

  test('a failed connect is caught and the transport dropped, so the client reconnects', async () => {
    const { socket, close } = fakeSocket();
    await expect(guardConnection(socket, log, 'connect', () => Promise.reject(new Error('too many clients')))).resolves.toBeUndefined();
    expect(close).toHaveBeenCalledTimes(1);
  });

  test('a failed disconnect is caught and nothing else happens; success leaves the socket alone', async () => {
    const { socket, close } = fakeSocket();
    await expect(guardConnection(socket, log, 'disconnect', () => Promise.reject(new Error('redis down')))).resolves.toBeUndefined();
    await guardConnection(socket, log, 'connect', async () => undefined);
    expect(close).not.toHaveBeenCalled();
  });
});
