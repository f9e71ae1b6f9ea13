/** A small HTTP client for the Linggong API: JSON in and out, bearer tokens, a timeout on every call. */

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class Api {
  /** Requests made, by outcome, for the report. */
  readonly counts = { requests: 0, failures: 0 };
  /** Milliseconds each request took (answered or not), for the report. */
  readonly latencies: number[] = [];
  /** The same by route ("POST /api/shifts", "GET /api/shifts/:id", …). */
  readonly byRoute = new Map<string, number[]>();

  constructor(readonly url: string) {}

  async call<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    this.counts.requests += 1;
    const started = Date.now();
    try {
      const res = await fetch(`${this.url}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
      });
      const text = await res.text();
      let body: any = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      if (res.status >= 500) this.counts.failures += 1;
      return { status: res.status, body: body as T };
    } catch (error) {
      this.counts.failures += 1;
      throw error;
    } finally {
      const ms = Date.now() - started;
      this.latencies.push(ms);
      const route = `${method} ${path.split('?')[0].replace(/\/[0-9a-f-]{36}(?=\/|$)/g, '/:id')}`;
      const list = this.byRoute.get(route) ?? [];
      list.push(ms);
      this.byRoute.set(route, list);
    }
  }

  /** Like `call`, but any status other than `expect` throws an ApiError with the body's code. */
  async ok<T = any>(method: string, path: string, expect: number, options: Parameters<Api['call']>[2] = {}): Promise<T> {
    const res = await this.call<any>(method, path, options);
    if (res.status !== expect) {
      const code = typeof res.body === 'object' && res.body ? String(res.body.code) : 'HTTP';
      throw new ApiError(res.status, code, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body as T;
  }

  /** Phone + one-time code (the devCode outside production). */
  async signIn(phone: string): Promise<{ token: string; accountId: string }> {
    const code = await this.ok<{ devCode?: string }>('POST', '/api/auth/code', 200, { body: { phone } });
    if (!code.devCode) throw new Error('the API returned no devCode: it runs in production mode, where the simulator cannot sign in');
    const login = await this.ok<{ token: string; account: { id: string } }>('POST', '/api/auth/login', 200, {
      body: { phone, code: code.devCode },
    });
    return { token: login.token, accountId: login.account.id };
  }
}
