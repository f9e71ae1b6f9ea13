import type { Namespace } from 'socket.io';

/**
 * Closes this instance's sockets a batch at a time over `spreadMs`, so thousands of phones
 * reconnect to the other instances gradually instead of all in the same second.
 */
export async function drainSockets(namespaces: Array<Namespace | undefined>, spreadMs: number, batches = 10): Promise<number> {
  const sockets = namespaces.flatMap((nsp) => (nsp ? [...nsp.sockets.values()] : []));
  const size = Math.ceil(sockets.length / batches) || 1;
  for (let i = 0; i < sockets.length; i += size) {
    for (const socket of sockets.slice(i, i + size)) socket.disconnect(true);
    if (i + size < sockets.length) await new Promise((r) => setTimeout(r, spreadMs / batches));
  }
  return sockets.length;
}
