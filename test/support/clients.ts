import { io, type Socket } from 'socket.io-client';
/** Anything with the API's base URL: an in-process test app, a spawned instance, a restartable app. */
export interface ApiTarget {
  url: string;
}

let phoneCounter = 0;

/** A unique mainland mobile number per call within a test process. */
export function nextPhone(): string {
  phoneCounter += 1;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(phoneCounter).padStart(4, '0')}`;
}

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function http<T = any>(
  app: ApiTarget,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body, headers: res.headers };
}

export async function signIn(app: ApiTarget, phone = nextPhone()): Promise<{ token: string; accountId: string; phone: string }> {
  const code = await http(app, 'POST', '/api/auth/code', { body: { phone } });
  if (code.status !== 200) throw new Error(`code: ${code.status} ${JSON.stringify(code.body)}`);
  const login = await http(app, 'POST', '/api/auth/login', { body: { phone, code: code.body.devCode } });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
  return { token: login.body.token, accountId: login.body.account.id, phone };
}

export interface TestWorker {
  token: string;
  id: string;
  phone: string;
}

export async function newWorker(app: ApiTarget, profile: Record<string, unknown> = {}): Promise<TestWorker> {
  const { token, accountId, phone } = await signIn(app);
  const res = await http(app, 'POST', '/api/workers/me', {
    token,
    body: { name: `测试工人${phone.slice(-4)}`, trades: ['electrician'], ...profile },
  });
  if (res.status !== 201) throw new Error(`worker: ${res.status} ${JSON.stringify(res.body)}`);
  return { token, id: accountId, phone };
}

export async function newEmployer(app: ApiTarget, name = '测试用工单位'): Promise<TestWorker> {
  const { token, accountId, phone } = await signIn(app);
  const res = await http(app, 'POST', '/api/employers/me', { token, body: { name, contactName: '张经理' } });
  if (res.status !== 201) throw new Error(`employer: ${res.status} ${JSON.stringify(res.body)}`);
  return { token, id: accountId, phone };
}

export const LANZHOU = { lat: 36.0577, lng: 103.8431 };

/** Offsets a point by about `km` kilometres to the north. */
export function north(km: number, from = LANZHOU) {
  return { lat: from.lat + km / 111.32, lng: from.lng };
}

export function shiftBody(overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    title: '配电箱安装',
    trade: 'electrician',
    headcount: 1,
    wage: { amount: 300, unit: 'day' },
    location: LANZHOU,
    address: '兰州市城关区庆阳路 1 号',
    startsAt: new Date(now + 3600_000).toISOString(),
    endsAt: new Date(now + 9 * 3600_000).toISOString(),
    ...overrides,
  };
}

export function connect(app: ApiTarget, namespace: string, auth: Record<string, unknown>): Promise<Socket> {
  const socket = io(`${app.url}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Connects and collects the events named, from the moment of connection. */
export async function connectCollecting(app: ApiTarget, namespace: string, auth: Record<string, unknown>, events: string[]) {
  const socket = io(`${app.url}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  const received: Array<{ event: string; payload: any; at: number }> = [];
  for (const event of events) socket.on(event, (payload: unknown) => received.push({ event, payload, at: Date.now() }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, received };
}

export function emitAck<T = any>(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
