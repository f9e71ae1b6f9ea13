/**
 * The baseline: a bare Socket.IO server (the same socket.io package and the same engine options as the API's
 * SocketAdapter) that relays one message from an HTTP request to the sockets of one room. No database, no
 * auth, no framework: what any Socket.IO push costs on this machine.
 *   /worker handshake auth { id }       → joins room `worker:<id>`
 *   /board  handshake auth { marketId } → joins room `board:<marketId>`
 *   POST /relay { nsp, room, event, payload } → emits to the room, answers 201 once emitted
 *   POST /relay { nsp, rooms: [...], event, payload } → one emit per room, in order (an offer burst)
 */
import http from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT ?? 0);
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
});
io.of('/board').on('connection', (socket) => {
  void socket.join(`board:${String((socket.handshake.auth as { marketId?: unknown }).marketId)}`);
});

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
