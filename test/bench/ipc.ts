import { fork, type ChildProcess } from 'node:child_process';

/** Commands to a bench child process and their answers, over the IPC channel of `fork`. */
export interface Request {
  id: number;
  cmd: string;
  [key: string]: unknown;
}
export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
export interface Report {
  type: string;
  [key: string]: unknown;
}

/** The child's side: answers each command with the handler's result or error. */
export function serve(handlers: Record<string, (req: Request) => unknown>): void {
  process.on('message', (msg: Request) => {
    const handler = handlers[msg.cmd];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${msg.cmd}`);
        return handler(msg);
      })
      .then(
        (result) => process.send?.({ id: msg.id, ok: true, result } satisfies Reply),
        (error: unknown) =>
          process.send?.({ id: msg.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies Reply),
      );
  });
  process.on('disconnect', () => process.exit(0));
}

export function report(r: Report): void {
  process.send?.(r);
}

/** The coordinator's side of one child. */
export class Child {
  readonly proc: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly listeners: Array<(r: Report) => void> = [];

  constructor(
    readonly name: string,
    script: string,
    env: Record<string, string> = {},
  ) {
    this.proc = fork(script, [], {
      env: { ...process.env, ...env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    this.proc.on('message', (msg: Reply | Report) => {
      if ('type' in msg) {
        for (const l of this.listeners) l(msg);
        return;
      }
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(`${this.name}: ${msg.error}`));
    });
    this.proc.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`${this.name} exited (${code})`));
      this.pending.clear();
    });
  }

  onReport(listener: (r: Report) => void): void {
    this.listeners.push(listener);
  }

  call<T = unknown>(cmd: string, args: Record<string, unknown> = {}, timeoutMs = 600_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.proc.send({ id, cmd, ...args });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) return resolve();
      const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
      this.proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.proc.kill('SIGTERM');
    });
  }
}
