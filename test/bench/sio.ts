import WebSocket from 'ws';

/**
 * A minimal Socket.IO v5 / Engine.IO v4 client over a bare WebSocket, light enough for thousands of
 * connections per process. One namespace per connection, text frames only (no binary attachments):
 *   server `0{sid,pingInterval,...}` (open) → client `40/nsp,{auth}` → server `40/nsp,{sid}` or `44/nsp,{message}`;
 *   events `42/nsp,["name",payload]`, emits with ack `42/nsp,<id>["name",payload]` answered by `43/nsp,<id>[answer]`;
 *   heartbeat: server `2` → client `3`.
 */

/** One shared monotonic clock for every bench process on this machine (CLOCK_MONOTONIC), in milliseconds. */
export function nowMs(): number {
  return Number(process.hrtime.bigint() / 1000n) / 1000;
}

export interface SioOptions {
  /** http://127.0.0.1:port */
  url: string;
  /** `/worker`, `/board`, … */
  nsp: string;
  auth?: Record<string, unknown>;
  /** Source address (127.0.0.x) when a single address runs out of ports. */
  localAddress?: string;
  /** Called with the receive time, the event name and the raw JSON text of the packet's array. */
  onEvent?: (at: number, event: string, raw: string, socket: SioSocket) => void;
  onClose?: () => void;
  connectTimeoutMs?: number;
}

export class SioSocket {
  private readonly ws: WebSocket;
  private readonly prefix: string;
  private nextAck = 1;
  private readonly acks = new Map<number, (at: number, answer: unknown) => void>();
  connected = false;
  closed = false;

  private constructor(
    private readonly options: SioOptions,
    onReady: (error?: Error) => void,
  ) {
    this.prefix = options.nsp === '/' ? '' : `${options.nsp},`;
    const wsUrl = `${options.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    this.ws = new WebSocket(wsUrl, {
      localAddress: options.localAddress,
      perMessageDeflate: false,
      handshakeTimeout: options.connectTimeoutMs,
    });
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      onReady(error);
    };
    const timer = setTimeout(() => {
      settle(new Error('connect timeout'));
      this.close();
    }, options.connectTimeoutMs ?? 30_000);
    this.ws.on('error', (err) => settle(err));
    this.ws.on('close', () => {
      this.closed = true;
      this.connected = false;
      settle(new Error('closed before connect'));
      options.onClose?.();
    });
    this.ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      const at = nowMs();
      if (isBinary) return;
      const text = Buffer.isBuffer(data)
        ? data.toString()
        : Array.isArray(data)
          ? Buffer.concat(data).toString()
          : Buffer.from(data).toString();
      const type = text.charCodeAt(0);
      if (type === 50 /* 2 ping */) {
        this.ws.send('3');
        return;
      }
      if (type === 48 /* 0 open */) {
        this.ws.send(`40${this.prefix}${options.auth ? JSON.stringify(options.auth) : ''}`);
        return;
      }
      if (type !== 52 /* 4 message */) return;
      const kind = text.charCodeAt(1);
      let rest = text.slice(2);
      if (this.prefix && rest.startsWith(this.prefix)) rest = rest.slice(this.prefix.length);
      switch (kind) {
        case 48: // 0 connect
          this.connected = true;
          settle();
          return;
        case 52: // 4 connect_error
          settle(new Error(safeMessage(rest)));
          this.close();
          return;
        case 49: // 1 disconnect
          this.connected = false;
          this.close();
          return;
        case 50: {
          // 2 event
          const bracket = rest.indexOf('[');
          if (bracket < 0) return;
          const body = rest.slice(bracket);
          const quote = body.indexOf('"', 2);
          options.onEvent?.(at, body.slice(2, quote), body, this);
          return;
        }
        case 51: {
          // 3 ack
          const bracket = rest.indexOf('[');
          const id = Number(rest.slice(0, bracket));
          const cb = this.acks.get(id);
          if (!cb) return;
          this.acks.delete(id);
          let answer: unknown;
          try {
            answer = (JSON.parse(rest.slice(bracket)) as unknown[])[0];
          } catch {
            answer = undefined;
          }
          cb(at, answer);
          return;
        }
        default:
          return;
      }
    });
  }

  static connect(options: SioOptions): Promise<SioSocket> {
    return new Promise((resolve, reject) => {
      const socket: SioSocket = new SioSocket(options, (error) => (error ? reject(error) : resolve(socket)));
    });
  }

  emit(event: string, payload: unknown): void {
    this.ws.send(`42${this.prefix}${JSON.stringify([event, payload])}`);
  }

  /** Emits with an acknowledgement; resolves with the send time, the ack time and the answer. */
  emitAck<T = unknown>(event: string, payload: unknown, timeoutMs = 30_000): Promise<{ sentAt: number; at: number; answer: T }> {
    const id = this.nextAck++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.acks.delete(id);
        reject(new Error(`ack timeout for ${event}`));
      }, timeoutMs);
      const sentAt = nowMs();
      this.acks.set(id, (at, answer) => {
        clearTimeout(timer);
        resolve({ sentAt, at, answer: answer as T });
      });
      this.ws.send(`42${this.prefix}${id}${JSON.stringify([event, payload])}`);
    });
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }
}

function safeMessage(raw: string): string {
  try {
    const message = (JSON.parse(raw) as { message?: unknown }).message;
    return typeof message === 'string' ? message : raw;
  } catch {
    return raw;
  }
}
