/**
 * The baseline: a bare Socket.IO server (the same socket.io package and the same engine options as the API's
 * SocketAdapter) that relays one message from an HTTP request to the sockets of one room. No database, no
 * auth, no framework: what any Socket.IO push costs on this machine.
 *   /worker handshake auth { id }       → joins room `worker:<id>`
 *   /board  handshake auth { marketId } → joins room `board:<marketId>`
 *   POST /relay { nsp, room, event, payload } → emits to the room, answers 201 once emitted
 *   POST /relay { nsp, rooms: [...], event, payload } → one emit per room, in order (an offer burst)
 *   /worker `offer:accept` { offerId } → acks at once: the first RACE_SLOTS (10) for an offer id win, the rest
 *     are told it is filled, answers the size of the API's (the transport's share of an accept race)
 */
import http from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 0);
const raceSlots = Number(process.env.RACE_SLOTS ?? 10);
const won = new Map<string, number>();
const FILLED = { ok: false, code: 'SHIFT_FILLED', message: '这个用工已经招满了。' };
const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
    return;
  }
  if (req.method !== 'POST' || req.url !== '/relay') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try {
      const { nsp, room, rooms, event, payload } = JSON.parse(Buffer.concat(chunks).toString()) as {
        nsp: string;
        room: string;
        rooms?: string[];
        event: string;
        payload: unknown;
      };
      for (const r of rooms ?? [room]) io.of(nsp).to(r).emit(event, payload);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    } catch (error) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(error) }));
    }
  });
});

const io = new Server(server, { pingInterval: 20_000, pingTimeout: 20_000, maxHttpBufferSize: 64 * 1024 });
io.of('/worker').on('connection', (socket) => {
  void socket.join(`worker:${String((socket.handshake.auth as { id?: unknown }).id)}`);
  socket.on('offer:accept', (body: { offerId?: string }, ack: (answer: unknown) => void) => {
    const offerId = String(body?.offerId);
    const n = won.get(offerId) ?? 0;
    if (n >= raceSlots) return ack(FILLED);
    won.set(offerId, n + 1);
    ack({ ok: true, assignment: { id: '7d1c2b3a-0000-4000-8000-000000000000', shiftId: offerId } });
  });
});
io.of('/board').on('connection', (socket) => {
  void socket.join(`board:${String((socket.handshake.auth as { marketId?: unknown }).marketId)}`);
});

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
