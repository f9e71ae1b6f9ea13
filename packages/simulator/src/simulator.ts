/**
 * The market-day simulator: workers arrive at Lanzhou's gig markets before dawn, wait on their phones
 * (Socket.IO '/worker'), take or turn down offers like people do; employers post shifts over HTTP through
 * the day and now and then cancel. Time runs `speed` times faster than the wall clock; every time the API
 * sees (shift start and end) is the simulated time mapped onto the wall clock, so a shift from 7:00 to
 * 15:00 simulated lasts 8 simulated hours = 8 × 3600 / speed real seconds.
 *
 * Everything random is drawn from streams seeded by `seed` and a label (the day, the worker, the shift),
 * so the plan of a day and each person's choice about a given offer are the same on every run; only the
 * interleaving of network events varies.
 */
import type { OfferPayload, PriorityGroup, WorkerClientEvents, WorkerServerEvents } from '@linggong/protocol';
import { io, type Socket } from 'socket.io-client';
import { Api, ApiError } from './api.js';
import {
  around,
  dayEquivalent,
  describe,
  EMPLOYER_KINDS,
  employerName,
  headcount,
  LANZHOU_PLACES,
  personName,
  referenceDayWage,
  termsFor,
  TRADE_MODELS,
  wageFor,
  workerTrades,
  type EmployerKind,
  type LatLng,
  type Place,
  type TradeModel,
  type WageOffer,
} from './model.js';
import { Rng } from './random.js';
import { buildReport, type SimReport } from './report.js';

export interface SimOptions {
  /** Base URL of a running API, e.g. http://127.0.0.1:3000 */
  url: string;
  /** Simulated seconds per real second. */
  speed: number;
  workers: number;
  /** Employers (organisations) posting; default workers / 12, at least 3. */
  employers?: number;
  /** Shifts posted per simulated day; default workers × 0.17. */
  shifts?: number;
  /** Hour (China time) the simulated day starts; default 4. */
  fromHour?: number;
  /** Length of the simulated day in hours; default 14 (4:00–18:00). */
  hours?: number;
  /**
   * The day opens in full swing: the workers who would have come before `fromHour` are waiting within the
   * first real seconds, and the first shift is posted at once (the demo: a board is live straight away).
   */
  warmStart?: boolean;
  /** Days to simulate, the same workers coming back each day; Infinity loops until `signal` aborts. */
  days?: number;
  seed?: number;
  /** The offer deadline the API was started with, in real seconds (to know when an offer is nominally over). */
  offerTtlS?: number;
  /** Before the first day, cancel the demo employer's sample shifts (an embedded, throwaway server only). */
  clearDemoShifts?: boolean;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Called after each day with that day's report (loop mode resets the figures after each day). */
  onDay?: (report: SimReport) => void | Promise<void>;
  /** Reset the figures after each day (loop mode: memory stays flat). */
  resetDaily?: boolean;
  signal?: AbortSignal;
}

type WorkerSocket = Socket<WorkerServerEvents, WorkerClientEvents>;

/** Nominal offer deadline of the real service: a person takes longer than this only with the phone in the pocket. */
const NOMINAL_OFFER_TTL_S = 45;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const CHINA_OFFSET = 8 * HOUR;

/** A simulated clock for one day: `speed` simulated ms per real ms from the moment it starts. */
export class SimClock {
  readonly realStart = Date.now();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly simStart: number,
    readonly speed: number,
  ) {}

  now(): number {
    return this.simStart + (Date.now() - this.realStart) * this.speed;
  }

  /** The wall-clock time at which simulated time `simT` happens. */
  toReal(simT: number): number {
    return this.realStart + (simT - this.simStart) / this.speed;
  }

  toSim(realT: number): number {
    return this.simStart + (realT - this.realStart) * this.speed;
  }

  at(simT: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        fn();
      },
      Math.max(0, this.toReal(simT) - Date.now()),
    );
    this.timers.add(t);
    return t;
  }

  after(simMs: number, fn: () => void): NodeJS.Timeout {
    return this.at(this.now() + simMs, fn);
  }

  cancel(t: NodeJS.Timeout | undefined): void {
    if (!t) return;
    clearTimeout(t);
    this.timers.delete(t);
  }

  until(simT: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const t = this.at(simT, () => {
        signal?.removeEventListener('abort', stop);
        resolve();
      });
      const stop = () => {
        this.cancel(t);
        resolve();
      };
      signal?.addEventListener('abort', stop, { once: true });
    });
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/** HH:MM of a simulated instant, China time. */
export function clockTime(simT: number): string {
  return new Date(simT + CHINA_OFFSET).toISOString().slice(11, 16);
}

export interface SimWorker {
  index: number;
  phone: string;
  name: string;
  trades: string[];
  priority: PriorityGroup;
  birthYear: number;
  home: LatLng;
  place: Place;
  /** Waits in the market hall (else from home, 家门口). */
  atMarket: boolean;
  /** Personal factor on the trade's reference wage: what it takes to say yes. */
  reservation: number;
  token?: string;
  id?: string;
  // today's state
  socket?: WorkerSocket;
  state: 'home' | 'waiting' | 'hired' | 'gone';
  leaveAt: number;
  pending: Map<string, NodeJS.Timeout>;
  /** An accept is on its way: a person answers one offer at a time. */
  accepting: boolean;
  /**
   * Wall-clock end of the shift this worker was last hired for. Days run back to back on the wall clock, so
   * yesterday's evening shift can still be running when today starts: a worker at work does not come.
   */
  busyUntil: number;
}

interface SimEmployer {
  index: number;
  phone: string;
  kind: EmployerKind;
  name: string;
  token?: string;
  ready?: Promise<string>;
}

export interface ShiftRecord {
  key: string;
  day: number;
  index: number;
  id?: string;
  employer: number;
  trade: string;
  headcount: number;
  wage: WageOffer;
  postedSim: number;
  /** Wall-clock instants: durations are measured on them × speed, so a skipped night between days does not count. */
  postedReal?: number;
  firstHireReal?: number;
  filledReal?: number;
  startSim: number;
  endSim: number;
  hires: number;
  firstHireSim?: number;
  filledSim?: number;
  cancelledSim?: number;
  offersSeen: number;
}

export interface HireRecord {
  worker: number;
  shiftId: string;
  assignmentId: string;
  trade: string;
  priority: PriorityGroup;
  sim: number;
  real: number;
  ours: boolean;
  /** Cancelled by the employer (the whole shift). */
  cancelled?: boolean;
  /** What this hire will do: show up, cancel beforehand, or not come (only when the API can record it). */
  fate?: 'show' | 'cancel' | 'no_show';
  /** The worker cancelled (POST /api/assignments/:id/cancel). */
  workerCancelled?: boolean;
}

/** Worker cancellations and attendance exist only on servers that have the assignment lifecycle endpoints. */
export interface Lifecycle {
  workerCancel: boolean;
  attendance: boolean;
}

/** Everything counted while the simulation runs; the report is computed from it. */
export class Metrics {
  days = 0;
  simMinutes = 0;
  shifts: ShiftRecord[] = [];
  postFailures = 0;
  duplicatePosts = 0;
  idempotentReplays = 0;
  replayMismatches = 0;
  cancels = 0;
  cancelFailures = 0;
  hires: HireRecord[] = [];
  /** Per worker index: days waited (a worker-day counts once, however often they return to waiting). */
  waitedDays = new Map<number, number>();
  workerDays = 0;
  workerDaysByPriority: Record<PriorityGroup, number> = { none: 0, older: 0, hard_to_employ: 0 };
  offersReceived = 0;
  offersForeign = 0;
  accepts = 0;
  acceptLost: Record<string, number> = {};
  declines = 0;
  ignored = 0;
  tooSlow = 0;
  withdrawnWhilePending = 0;
  assignmentCancelled = 0;
  backToWaiting = 0;
  /** Arrivals skipped because the worker's previous shift was still running. */
  stillAtWork = 0;
  lifecycle: Lifecycle = { workerCancel: false, attendance: false };
  workerCancels = 0;
  lateCancels = 0;
  workerCancelFailures = 0;
  attendanceByStatus: Record<string, number> = {};
  attendanceFailures = 0;
  signInFailures = 0;
  socketErrors = 0;
  /** Real milliseconds from sending an accept to its acknowledgement. */
  acceptLatencies: number[] = [];
  presenceFailures = 0;
  requestFailures = 0;
  workers: SimWorker[] = [];
}

export interface DayPlan {
  arrivals: Array<{ worker: SimWorker; arriveSim: number; leaveSim: number }>;
  posts: Array<PlannedShift>;
}

interface PlannedShift {
  record: ShiftRecord;
  employer: SimEmployer;
  body: Record<string, unknown>;
  cancelSim?: number;
  duplicate: boolean;
}

export class Simulation {
  readonly metrics = new Metrics();
  readonly api: Api;
  private readonly seed: number;
  private readonly fromHour: number;
  private readonly hours: number;
  private readonly runId = Date.now().toString(36);
  private readonly log: (line: string) => void;
  private workers: SimWorker[] = [];
  private employers: SimEmployer[] = [];
  private trades: TradeModel[] = [...TRADE_MODELS];
  private knownMarkets = new Set<string>();
  private shiftsById = new Map<string, ShiftRecord>();
  /** Shifts being posted, by what an offer shows of them: an offer can arrive before the POST's response. */
  private posting = new Map<string, ShiftRecord>();
  private seenOffers = new Set<string>();
  private inflight = new Set<Promise<unknown>>();
  private clock?: SimClock;
  private day = 0;
  /** Each day's simulated start, fixed once (the date must not move if midnight passes while it runs). */
  private dayStarts = new Map<number, number>();

  constructor(readonly options: SimOptions) {
    this.api = new Api(options.url.replace(/\/$/, ''));
    this.seed = options.seed ?? 1;
    this.fromHour = options.fromHour ?? 4;
    this.hours = options.hours ?? 14;
    this.log = options.log ?? (() => undefined);
  }

  /** Runs the days and returns the report of the whole run (of the last day in loop mode). */
  async run(): Promise<SimReport> {
    await this.prepare();
    const days = this.options.days ?? 1;
    let last: SimReport | undefined;
    for (this.day = 0; this.day < days && !this.options.signal?.aborted; this.day++) {
      await this.runDay(this.day);
      last = await this.report();
      await this.options.onDay?.(last);
      if (this.options.resetDaily) this.resetMetrics();
    }
    return last ?? (await this.report());
  }

  async report(): Promise<SimReport> {
    return buildReport(this.metrics, this.options, this.api, this.employerTokens());
  }

  // --- setting up ------------------------------------------------------------------------------------

  private async prepare(): Promise<void> {
    const trades = await this.api.ok<Array<{ code: string }>>('GET', '/api/trades', 200);
    const known = new Set(trades.map((t) => t.code));
    this.trades = TRADE_MODELS.filter((t) => known.has(t.code));
    if (!this.trades.length) throw new Error('the API knows none of the simulated trades');
    const markets = await this.api.ok<Array<{ id: string }>>('GET', '/api/markets', 200);
    this.knownMarkets = new Set(markets.map((m) => m.id));
    this.workers = this.makeWorkers();
    this.employers = this.makeEmployers();
    this.metrics.workers = this.workers;
    this.metrics.lifecycle = await this.detectLifecycle();
    if (this.options.clearDemoShifts) await this.clearDemoShifts();
    // Warm: the employers are signed in before the day, so the first post does not queue behind the crowd's sign-ins.
    if (this.options.warmStart) for (const e of this.employers) await this.employerToken(e);
  }

  private phone(prefix: string, index: number): string {
    return `${prefix}${seedTag(this.seed)}${String(index).padStart(4, '0')}`;
  }

  private makeWorkers(): SimWorker[] {
    const thisYear = new Date().getFullYear();
    // Priority groups by quota (20% older, 5% hard to employ), on a seeded shuffle: the shares hold at any size.
    const n = this.options.workers;
    const order = Array.from({ length: n }, (_, i) => i);
    const shuffle = Rng.of(this.seed, 'groups');
    for (let i = n - 1; i > 0; i--) {
      const j = shuffle.int(0, i);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const groups = new Array<PriorityGroup>(n).fill('none');
    order.slice(0, Math.round(n * 0.2)).forEach((i) => (groups[i] = 'older'));
    order.slice(Math.round(n * 0.2), Math.round(n * 0.25)).forEach((i) => (groups[i] = 'hard_to_employ'));
    return Array.from({ length: n }, (_, index) => {
      const rng = Rng.of(this.seed, 'worker', index);
      const place = rng.weighted(LANZHOU_PLACES.map((p) => [p, p.weight] as const));
      const priority = groups[index];
      const age = priority === 'older' ? rng.int(50, 62) : rng.int(20, 52);
      const known = new Set(this.trades.map((t) => t.code));
      let trades = workerTrades(rng).filter((t) => known.has(t));
      if (!trades.length) trades = [this.trades[0].code];
      return {
        index,
        phone: this.phone('170', index),
        name: personName(rng),
        trades,
        priority,
        birthYear: thisYear - age,
        home: around(rng, place.location, 3),
        place,
        atMarket: rng.chance(0.7),
        reservation: rng.logNormal(priority === 'none' ? 1 : 0.93, 0.12),
        state: 'home',
        leaveAt: 0,
        pending: new Map(),
        accepting: false,
        busyUntil: 0,
      };
    });
  }

  private makeEmployers(): SimEmployer[] {
    const count = Math.max(1, this.options.employers ?? Math.max(3, Math.round(this.options.workers / 12)));
    const rng = Rng.of(this.seed, 'employers');
    const kinds = EMPLOYER_KINDS.filter((k) => this.trades.some((t) => t.kind === k.kind));
    return Array.from({ length: count }, (_, index) => {
      // The first employers cover the kinds in order of their share, the rest are drawn by share.
      const kind = index < kinds.length ? kinds[index].kind : rng.weighted(kinds.map((k) => [k.kind, k.share] as const));
      return { index, phone: this.phone('171', index), kind, name: employerName(rng, kind) };
    });
  }

  /** Whether the server can record a worker's cancellation and attendance (its OpenAPI document lists the endpoints). */
  private async detectLifecycle(): Promise<Lifecycle> {
    const res = await this.api.call<{ paths?: Record<string, unknown> }>('GET', '/api/docs.json').catch(() => undefined);
    const paths = res?.status === 200 ? Object.keys(res.body.paths ?? {}) : [];
    const has = (suffix: string) => paths.some((p) => /^\/api\/assignments\/\{[^}]+\}\//.test(p) && p.endsWith(suffix));
    return { workerCancel: has('/cancel'), attendance: has('/attendance') };
  }

  private async clearDemoShifts(): Promise<void> {
    const { token } = await this.api.signIn('13800000001');
    const open = await this.api.ok<Array<{ id: string }>>('GET', '/api/shifts?mine=1&status=open', 200, { token });
    for (const s of open) await this.api.call('POST', `/api/shifts/${s.id}/cancel`, { token });
    if (open.length) this.log(`cleared ${open.length} demo sample shifts`);
  }

  private employerTokens(): Map<number, string> {
    return new Map(this.employers.filter((e) => e.token).map((e) => [e.index, e.token!]));
  }

  private resetMetrics(): void {
    const fresh = new Metrics();
    fresh.workers = this.workers;
    fresh.lifecycle = this.metrics.lifecycle;
    Object.assign(this.metrics, fresh);
    this.api.latencies.length = 0;
    this.api.byRoute.clear();
    for (const d of this.dayStarts.keys()) if (d < this.day) this.dayStarts.delete(d);
    for (const [id, rec] of this.shiftsById) if (rec.endSim < (this.clock?.now() ?? 0)) this.shiftsById.delete(id);
  }

  // --- one day ---------------------------------------------------------------------------------------

  /** Simulated start of day `d`: today's date (China time) plus d days, at `fromHour`. */
  private dayStart(d: number): number {
    const chinaNow = new Date(Date.now() + CHINA_OFFSET);
    const midnightChina = Date.UTC(chinaNow.getUTCFullYear(), chinaNow.getUTCMonth(), chinaNow.getUTCDate()) - CHINA_OFFSET;
    return midnightChina + d * 24 * HOUR + this.fromHour * HOUR;
  }

  planDay(day: number): DayPlan {
    const start = this.fromHour;
    const end = this.fromHour + this.hours;
    /** The first real seconds (ten), in simulated hours: the warm crowd connects over them. */
    const firstSeconds = (10 * this.options.speed) / 3600;
    const inWindow = (draw: () => number, lo: number, hi: number, rng: Rng) => {
      for (let i = 0; i < 50; i++) {
        const h = draw();
        if (h >= lo && h < hi) return h;
      }
      return rng.uniform(lo, hi);
    };
    const arrivals = this.workers.map((worker) => {
      const rng = Rng.of(this.seed, 'day', day, 'worker', worker.index);
      // Most come for the morning rush (5:00–7:00); some later, looking for afternoon work.
      const draw = () => (rng.chance(0.78) ? rng.normal(6, 0.75) : rng.uniform(6.5, 16));
      const early = this.options.warmStart ? draw() : undefined;
      // Warm: who came before the start is there already (connecting over the first seconds), else drawn again.
      const arrive =
        early !== undefined && early < start
          ? start + rng.uniform(0, firstSeconds)
          : early !== undefined && early < end - 0.25
            ? early
            : inWindow(draw, start, Math.max(start + 0.01, end - 0.25), rng);
      const patience = Math.max(1, rng.logNormal(worker.priority === 'older' ? 4.5 : 3.5, 0.45));
      const leave = Math.min(end, Math.max(arrive + 0.5, (early ?? arrive) + patience));
      return { worker, arriveSim: this.atHourOf(day, arrive), leaveSim: this.atHourOf(day, leave) };
    });
    const count = this.options.shifts ?? Math.max(1, Math.round(this.options.workers * 0.17));
    const posts: PlannedShift[] = [];
    for (let index = 0; index < count; index++) {
      const rng = Rng.of(this.seed, 'day', day, 'shift', index);
      // Morning-heavy: most posts around 5:00–8:00, the rest spread over the day.
      const postH = inWindow(
        () => (rng.chance(0.65) ? rng.normal(6.3, 1) : rng.uniform(7.5, 16.5)),
        start,
        Math.max(start + 0.01, end - 0.5),
        rng,
      );
      // Warm: the first shift goes up a real second after the start.
      posts.push(this.planShift(rng, day, index, this.options.warmStart && index === 0 ? start + firstSeconds / 10 : postH));
    }
    posts.sort((a, b) => a.record.postedSim - b.record.postedSim);
    return { arrivals, posts };
  }

  private atHourOf(day: number, h: number): number {
    this.dayStarts.set(day, this.dayStarts.get(day) ?? this.dayStart(day));
    return this.dayStarts.get(day)! - this.fromHour * HOUR + Math.round(h * HOUR);
  }

  private planShift(rng: Rng, day: number, index: number, postH: number): PlannedShift {
    const employer = rng.weighted(
      this.employers.map((e) => {
        const share = EMPLOYER_KINDS.find((k) => k.kind === e.kind)!.share;
        const sameKind = this.employers.filter((x) => x.kind === e.kind).length;
        return [e, share / sameKind] as const;
      }),
    );
    const ofKind = this.trades.filter((t) => t.kind === employer.kind);
    const trade = rng.weighted((ofKind.length ? ofKind : this.trades).map((t) => [t, t.demand] as const));
    const lead = postH < 7.5 ? rng.uniform(0.5, 2.5) : rng.uniform(1, 4);
    const startH = Math.ceil((postH + lead) * 6) / 6; // on the next 10 minutes
    const wage = wageFor(rng, trade);
    const hours =
      wage.unit === 'hour'
        ? rng.int(3, 6)
        : rng.weighted([
            [8, 0.65],
            [6, 0.1],
            [9, 0.1],
            [10, 0.15],
          ] as const);
    const place = rng.weighted(LANZHOU_PLACES.map((p) => [p, p.weight] as const));
    const location = around(rng, place.location, trade.kind === 'agriculture' ? 8 : 3.5);
    const terms = termsFor(rng, trade, employer.kind, startH, hours);
    const title = rng.pick(trade.titles);
    const address = `${place.district}${rng.pick(place.streets)}${rng.int(1, 399)}号${
      trade.kind === 'construction' ? rng.pick(['工地', '小区', '项目部']) : trade.kind === 'agriculture' ? '合作社基地' : ''
    }`;
    const record: ShiftRecord = {
      key: `sim-${this.runId}-${this.seed}-d${day}-s${index}`,
      day,
      index,
      employer: employer.index,
      trade: trade.code,
      headcount: headcount(rng, trade),
      wage,
      postedSim: this.atHourOf(day, postH),
      startSim: this.atHourOf(day, startH),
      endSim: this.atHourOf(day, startH + hours),
      hires: 0,
      offersSeen: 0,
    };
    const body: Record<string, unknown> = {
      title,
      trade: trade.code,
      headcount: record.headcount,
      wage,
      location,
      address,
      description: describe(terms, hours),
      terms,
      ...(rng.chance(0.6) && this.knownMarkets.has(place.marketId) ? { marketId: place.marketId } : {}),
    };
    // Some employers call it off: the weather, the client, the concrete truck.
    const cancelSim = rng.chance(0.06) ? record.postedSim + rng.uniform(0.15, 0.9) * (record.startSim - record.postedSim) : undefined;
    return { record, employer, body, cancelSim, duplicate: rng.chance(0.03) };
  }

  private async runDay(day: number): Promise<void> {
    const clock = new SimClock(this.atHourOf(day, this.fromHour), this.options.speed);
    this.clock = clock;
    this.seenOffers.clear();
    const plan = this.planDay(day);
    const dayEnd = this.atHourOf(day, this.fromHour + this.hours);
    this.log(
      `day ${day + 1}: ${clockTime(clock.simStart)}–${clockTime(dayEnd)} simulated at ×${this.options.speed}, ` +
        `${plan.arrivals.length} workers, ${plan.posts.length} shifts planned`,
    );
    for (const a of plan.arrivals) {
      a.worker.state = 'home';
      a.worker.accepting = false;
      a.worker.leaveAt = a.leaveSim;
      clock.at(a.arriveSim, () => this.track(this.arrive(a.worker)));
      clock.at(a.leaveSim, () => this.goHome(a.worker, 'left'));
    }
    for (const p of plan.posts) {
      clock.at(p.record.postedSim, () => this.track(this.post(p)));
      if (p.cancelSim !== undefined) clock.at(p.cancelSim, () => this.track(this.cancel(p)));
    }
    for (let h = Math.ceil(this.fromHour) + 1; h < this.fromHour + this.hours; h++) {
      clock.at(this.atHourOf(day, h), () => this.progress());
    }
    await clock.until(dayEnd, this.options.signal);
    clock.stop();
    for (const w of this.workers) this.goHome(w, 'day over');
    await this.settle(5_000);
    this.metrics.days += 1;
    this.metrics.simMinutes += Math.round((Math.min(clock.now(), dayEnd) - clock.simStart) / MINUTE);
    this.progress();
  }

  private progress(): void {
    if (!this.clock) return;
    const waiting = this.workers.filter((w) => w.state === 'waiting').length;
    const today = this.metrics.shifts.filter((s) => s.day === this.day);
    const positions = today.reduce((s, r) => s + r.headcount, 0);
    const hired = today.reduce((s, r) => s + r.hires, 0);
    this.log(
      `  ${clockTime(this.clock.now())}  waiting ${String(waiting).padStart(4)}  shifts ${String(today.length).padStart(4)}  ` +
        `positions ${String(positions).padStart(4)}  hired ${String(hired).padStart(4)}  offers ${this.metrics.offersReceived}`,
    );
  }

  /** Keeps a promise from going unhandled and lets the end of the day wait for it. */
  private track(p: Promise<unknown>): void {
    const tracked = p.catch((error: unknown) => {
      this.metrics.requestFailures += 1;
      if (this.metrics.requestFailures <= 5) this.log(`  ! ${error instanceof Error ? error.message : String(error)}`);
    });
    this.inflight.add(tracked);
    void tracked.finally(() => this.inflight.delete(tracked));
  }

  private async settle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.inflight.size && Date.now() < deadline) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.inflight]), new Promise((r) => (timer = setTimeout(r, deadline - Date.now())))]);
      clearTimeout(timer);
    }
  }

  // --- workers ---------------------------------------------------------------------------------------

  private async arrive(w: SimWorker): Promise<void> {
    if (w.state !== 'home' || this.options.signal?.aborted) return;
    if (Date.now() < w.busyUntil) {
      this.metrics.stillAtWork += 1;
      w.state = 'gone';
      return;
    }
    w.state = 'waiting';
    if (!w.token) {
      try {
        const { token, accountId } = await this.api.signIn(w.phone);
        await this.api.ok('POST', '/api/workers/me', 201, {
          token,
          body: { name: w.name, trades: w.trades, birthYear: w.birthYear, priority: w.priority },
        });
        w.token = token;
        w.id = accountId;
      } catch (error) {
        this.metrics.signInFailures += 1;
        w.state = 'gone';
        if (this.metrics.signInFailures <= 3) this.log(`  ! worker ${w.phone} could not sign in: ${(error as Error).message}`);
        return;
      }
    }
    if (w.state !== 'waiting') return; // the day ended while signing in
    const socket: WorkerSocket = io(`${this.api.url}/worker`, {
      auth: { token: w.token },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 500,
    });
    w.socket = socket;
    let waitedToday = false;
    socket.on('connect', () => {
      if (w.state !== 'waiting') return;
      this.track(
        this.sendPresence(w, 'waiting').then((ok) => {
          if (!ok || waitedToday) return;
          waitedToday = true;
          this.metrics.waitedDays.set(w.index, (this.metrics.waitedDays.get(w.index) ?? 0) + 1);
          this.metrics.workerDays += 1;
          this.metrics.workerDaysByPriority[w.priority] += 1;
        }),
      );
    });
    socket.on('connect_error', (err) => {
      this.metrics.socketErrors += 1;
      if (err.message === 'UNAUTHENTICATED') {
        w.token = undefined;
        this.disconnect(w);
        w.state = 'gone';
      }
    });
    socket.on('offer', (offer) => this.onOffer(w, offer));
    socket.on('offer:withdrawn', ({ offerId }) => {
      const t = w.pending.get(offerId);
      if (t) {
        this.clock?.cancel(t);
        w.pending.delete(offerId);
        this.metrics.withdrawnWhilePending += 1;
      }
    });
    socket.on('assignment:cancelled', (p) => this.onAssignmentCancelled(w, p.assignmentId));
  }

  private async sendPresence(w: SimWorker, status: 'waiting' | 'busy' | 'offline'): Promise<boolean> {
    const socket = w.socket;
    if (!socket?.connected) return false;
    const jitter = (v: number) => v + (Rng.of(this.seed, w.index, this.day).next() - 0.5) * 0.002;
    const body =
      status !== 'waiting'
        ? { status }
        : w.atMarket
          ? {
              status,
              location: { lat: jitter(w.place.location.lat), lng: jitter(w.place.location.lng) },
              ...(this.knownMarkets.has(w.place.marketId) ? { marketId: w.place.marketId } : {}),
            }
          : { status, location: w.home };
    try {
      const ack = await socket.timeout(10_000).emitWithAck('presence', body);
      if (!ack.ok) this.metrics.presenceFailures += 1;
      return ack.ok;
    } catch {
      this.metrics.presenceFailures += 1;
      return false;
    }
  }

  /** How likely this worker is to take this offer: pay against expectations, distance, terms. */
  acceptProbability(w: SimWorker, offer: OfferPayload, nowSim: number): number {
    const clock = this.clock!;
    const startSim = clock.toSim(Date.parse(offer.shift.startsAt));
    const hours = (clock.toSim(Date.parse(offer.shift.endsAt)) - startSim) / HOUR;
    const pay = dayEquivalent(offer.shift.wage, hours, offer.shift.trade);
    const expected = referenceDayWage(offer.shift.trade) * w.reservation * (hours < 6 ? hours / 8 + 0.15 : 1);
    const terms = offer.shift.terms;
    let logit = 1.1 + 6 * (pay / expected - 1) - 0.15 * offer.distanceKm;
    if (terms.mealsProvided) logit += 0.3;
    if (terms.transportProvided) logit += 0.3;
    if (terms.nightWork) logit -= 0.5;
    if (w.priority === 'older') logit += (terms.olderFriendly ? 0.5 : 0) - (terms.physicalDemand === 'heavy' ? 0.8 : 0);
    if (w.priority === 'hard_to_employ') logit += 0.3;
    if (nowSim - startSim > 30 * MINUTE) logit -= 1.5; // half the day is gone
    return 1 / (1 + Math.exp(-logit));
  }

  private onOffer(w: SimWorker, offer: OfferPayload): void {
    if (this.seenOffers.has(offer.offerId)) return; // sent again on a reconnect
    this.seenOffers.add(offer.offerId);
    const clock = this.clock!;
    const rec = this.shiftsById.get(offer.shift.id) ?? this.bindPosting(offer.shift.id, postingKey(offer.shift));
    this.metrics.offersReceived += 1;
    if (rec) rec.offersSeen += 1;
    else this.metrics.offersForeign += 1;
    if (w.state === 'hired') return this.respond(w, offer.offerId, 'decline');
    if (w.state !== 'waiting') return;
    const rng = Rng.of(this.seed, 'offer', this.day, w.index, rec ? rec.key : offer.shift.id);
    const inPocket = rng.chance(0.07);
    const accept = rng.chance(this.acceptProbability(w, offer, clock.now()));
    const delayS = accept ? rng.logNormal(6, 0.8) : rng.logNormal(12, 0.8);
    const forgets = !accept && rng.chance(0.15);
    const leftS = Math.min(NOMINAL_OFFER_TTL_S, ((Date.parse(offer.expiresAt) - Date.now()) * clock.speed) / 1000);
    if (inPocket || forgets) {
      this.metrics.ignored += 1;
      return;
    }
    if (delayS >= leftS) {
      this.metrics.tooSlow += 1;
      return;
    }
    const t = clock.after(delayS * 1000, () => {
      w.pending.delete(offer.offerId);
      this.respond(w, offer.offerId, accept && w.state === 'waiting' && !w.accepting ? 'accept' : 'decline', offer.shift.endsAt);
    });
    w.pending.set(offer.offerId, t);
  }

  private respond(w: SimWorker, offerId: string, what: 'accept' | 'decline', endsAt = ''): void {
    const socket = w.socket;
    if (!socket?.connected) return;
    if (what === 'decline') {
      this.metrics.declines += 1;
      this.track(this.socketCall(socket.timeout(10_000).emitWithAck('offer:decline', { offerId })));
      return;
    }
    this.metrics.accepts += 1;
    w.accepting = true;
    const sent = Date.now();
    this.track(
      socket
        .timeout(10_000)
        .emitWithAck('offer:accept', { offerId })
        .then((ack) => {
          this.metrics.acceptLatencies.push(Date.now() - sent);
          if (ack.ok) this.onHired(w, ack.assignment.shiftId, ack.assignment.id, Date.parse(endsAt));
          else this.metrics.acceptLost[ack.code] = (this.metrics.acceptLost[ack.code] ?? 0) + 1;
        })
        .catch(() => {
          // the phone lost its connection before the answer came: the offer stays open on the server
          this.metrics.socketErrors += 1;
          this.metrics.acceptLost.NO_ANSWER = (this.metrics.acceptLost.NO_ANSWER ?? 0) + 1;
        })
        .finally(() => (w.accepting = false)),
    );
  }

  /** A socket call whose failure (disconnected, no acknowledgement in time) is a socket error, not a crash. */
  private socketCall<T>(p: Promise<T>): Promise<T | undefined> {
    return p.catch(() => {
      this.metrics.socketErrors += 1;
      return undefined;
    });
  }

  private onHired(w: SimWorker, shiftId: string, assignmentId: string, endsAtReal: number): void {
    const clock = this.clock!;
    const now = clock.now();
    const rec = this.shiftsById.get(shiftId);
    const hire: HireRecord = {
      worker: w.index,
      shiftId,
      assignmentId,
      trade: rec?.trade ?? 'other',
      priority: w.priority,
      sim: now,
      real: Date.now(),
      ours: !!rec,
    };
    this.metrics.hires.push(hire);
    if (rec) {
      rec.hires += 1;
      rec.firstHireSim ??= now;
      rec.firstHireReal ??= Date.now();
      if (rec.hires >= rec.headcount) {
        rec.filledSim ??= now;
        rec.filledReal ??= Date.now();
      }
    }
    // Accepted is accepted: even a worker who had just left goes to work.
    if (Number.isFinite(endsAtReal)) w.busyUntil = Math.max(w.busyUntil, endsAtReal);
    if (rec) this.planAttendance(w, hire, rec);
    if (w.state !== 'waiting') return;
    w.state = 'hired';
    // Off to work: the other offers are turned down, the phone says busy and goes in the pocket at the start.
    for (const [offerId, t] of w.pending) {
      clock.cancel(t);
      this.respond(w, offerId, 'decline');
    }
    w.pending.clear();
    this.track(this.sendPresence(w, 'busy'));
    const startSim = rec?.startSim ?? now + HOUR;
    clock.at(Math.max(now + MINUTE, startSim), () => {
      if (w.state === 'hired') {
        w.state = 'gone';
        this.disconnect(w);
      }
    });
  }

  /**
   * Where the API can record it: a few hired workers cancel before the start (most of them late), a few
   * do not come; half an hour after the start the employer confirms who came and who did not.
   */
  private planAttendance(w: SimWorker, hire: HireRecord, rec: ShiftRecord): void {
    const clock = this.clock!;
    const { workerCancel, attendance } = this.metrics.lifecycle;
    const rng = Rng.of(this.seed, 'hire', this.day, w.index, rec.key);
    hire.fate = rng.weighted([
      ['cancel', workerCancel ? 0.04 : 0],
      ['no_show', attendance ? 0.03 : 0],
      ['show', 0.93],
    ] as const);
    const now = clock.now();
    if (hire.fate === 'cancel') {
      const at = now + rng.uniform(0.2, 0.95) * Math.max(rec.startSim - now, 10 * MINUTE);
      clock.at(at, () => this.track(this.workerCancel(w, hire, rec, rng.pick(['家里有事', '身体不舒服', '找到了离家更近的活']))));
    }
    if (attendance) clock.at(Math.max(now, rec.startSim) + 30 * MINUTE, () => this.track(this.confirmAttendance(hire, rec)));
  }

  private async workerCancel(w: SimWorker, hire: HireRecord, rec: ShiftRecord, reason: string): Promise<void> {
    if (hire.cancelled || !w.token) return;
    const res = await this.api.call<{ late?: boolean }>('POST', `/api/assignments/${hire.assignmentId}/cancel`, {
      token: w.token,
      body: { reason },
    });
    if (res.status !== 200) {
      this.metrics.workerCancelFailures += 1;
      return;
    }
    hire.workerCancelled = true;
    w.busyUntil = 0;
    rec.hires -= 1;
    this.metrics.workerCancels += 1;
    if (res.body?.late) this.metrics.lateCancels += 1;
    if (w.state === 'hired') {
      w.state = 'gone';
      this.disconnect(w);
    }
  }

  private async confirmAttendance(hire: HireRecord, rec: ShiftRecord): Promise<void> {
    const token = this.employers[rec.employer]?.token;
    if (hire.cancelled || hire.workerCancelled || !token) return;
    const status = hire.fate === 'no_show' ? 'no_show' : 'completed';
    const res = await this.api.call('POST', `/api/assignments/${hire.assignmentId}/attendance`, { token, body: { status } });
    if (res.status === 200) this.metrics.attendanceByStatus[status] = (this.metrics.attendanceByStatus[status] ?? 0) + 1;
    else this.metrics.attendanceFailures += 1;
  }

  private onAssignmentCancelled(w: SimWorker, assignmentId: string): void {
    const hire = this.metrics.hires.find((h) => h.assignmentId === assignmentId);
    if (hire && !hire.workerCancelled) hire.cancelled = true;
    this.metrics.assignmentCancelled += 1;
    const clock = this.clock;
    if (!clock || w.state !== 'hired') return;
    // Still early enough: back to the market for another job.
    w.busyUntil = 0;
    if (clock.now() < w.leaveAt - 30 * MINUTE) {
      w.state = 'waiting';
      this.metrics.backToWaiting += 1;
      this.track(this.sendPresence(w, 'waiting'));
    }
  }

  private goHome(w: SimWorker, why: 'left' | 'day over'): void {
    if (w.state === 'hired' && why === 'left') return; // at work: leaves when the shift starts
    for (const t of w.pending.values()) this.clock?.cancel(t);
    w.pending.clear();
    if (w.state === 'waiting' && w.socket?.connected) {
      const socket = w.socket;
      this.track(this.socketCall(socket.timeout(2_000).emitWithAck('presence', { status: 'offline' })).finally(() => socket.disconnect()));
      w.socket = undefined;
    } else {
      this.disconnect(w);
    }
    w.state = 'gone';
  }

  private disconnect(w: SimWorker): void {
    w.socket?.removeAllListeners();
    w.socket?.disconnect();
    w.socket = undefined;
  }

  // --- employers -------------------------------------------------------------------------------------

  private employerToken(e: SimEmployer): Promise<string> {
    e.ready ??= (async () => {
      const { token } = await this.api.signIn(e.phone);
      await this.api.ok('POST', '/api/employers/me', 201, {
        token,
        body: { name: e.name, contactName: `${personName(Rng.of(this.seed, 'contact', e.index)).slice(0, 1)}经理` },
      });
      e.token = token;
      return token;
    })();
    e.ready.catch(() => (e.ready = undefined));
    return e.ready;
  }

  private async post(p: PlannedShift): Promise<void> {
    if (this.options.signal?.aborted) return;
    const clock = this.clock!;
    const rec = p.record;
    let token: string;
    try {
      token = await this.employerToken(p.employer);
    } catch (error) {
      this.metrics.postFailures += 1;
      throw error;
    }
    const body = {
      ...p.body,
      startsAt: new Date(clock.toReal(rec.startSim)).toISOString(),
      endsAt: new Date(clock.toReal(rec.endSim)).toISOString(),
    };
    const headers = { 'idempotency-key': rec.key };
    rec.postedSim = clock.now();
    rec.postedReal = Date.now();
    const key = postingKey({ trade: rec.trade, startsAt: body.startsAt, address: String(p.body.address) });
    this.posting.set(key, rec);
    try {
      let res = await this.api.call('POST', '/api/shifts', { token, body, headers }).catch(() => undefined);
      if (!res || res.status >= 500) {
        // A lost response: the employer's phone retries with the same key and gets the same shift.
        await new Promise((r) => setTimeout(r, 1_000));
        res = await this.api.call('POST', '/api/shifts', { token, body, headers }).catch(() => undefined);
      }
      if (res?.status === 201 && res.body?.id) this.bindPosting(String(res.body.id), key);
      else if (!rec.id) {
        // No answer, and no offer of it seen either: as far as the employer knows, it was not posted.
        this.metrics.postFailures += 1;
        throw new ApiError(
          res?.status ?? 0,
          String(res?.body?.code ?? 'NO_ANSWER'),
          `post shift: ${res?.status} ${JSON.stringify(res?.body)}`,
        );
      }
    } finally {
      this.posting.delete(key);
    }
    if (p.duplicate) {
      // A double tap on 发布: the same key must give back the same shift and create nothing.
      this.metrics.duplicatePosts += 1;
      const again = await this.api.call('POST', '/api/shifts', { token, body, headers });
      if (again.body?.id === rec.id) this.metrics.idempotentReplays += 1;
      else this.metrics.replayMismatches += 1;
    }
  }

  /** The shift `id` is the one being posted under `key` (the POST answered, or an offer of it came first). */
  private bindPosting(id: string, key: string): ShiftRecord | undefined {
    const rec = this.posting.get(key);
    if (!rec || rec.id) return rec?.id === id ? rec : undefined;
    rec.id = id;
    this.shiftsById.set(id, rec);
    this.metrics.shifts.push(rec);
    return rec;
  }

  private async cancel(p: PlannedShift): Promise<void> {
    const rec = p.record;
    if (!rec.id || !p.employer.token) return;
    const res = await this.api.call('POST', `/api/shifts/${rec.id}/cancel`, { token: p.employer.token });
    if (res.status === 200) {
      rec.cancelledSim = this.clock!.now();
      this.metrics.cancels += 1;
    } else {
      this.metrics.cancelFailures += 1;
    }
  }
}

function postingKey(s: { trade: string; startsAt: string; address: string }): string {
  return `${s.trade}|${Date.parse(s.startsAt)}|${s.address}`;
}

/** Phones: 170 + seed tag + index for workers, 171 + seed tag + index for employers (mainland format, 11 digits). */
function seedTag(seed: number): string {
  return String(seed % 10000).padStart(4, '0');
}

export function employerPhonePrefix(seed: number): string {
  return `171${seedTag(seed)}`;
}

export async function runSimulation(options: SimOptions): Promise<SimReport> {
  return new Simulation(options).run();
}

/** Dispatch settings for an API serving a simulation at `speed`: the service's defaults, `speed` times faster. */
export function dispatchEnvFor(speed: number): Record<string, string> {
  const s = (defaultS: number, min: number) => String(Math.max(min, Math.round((defaultS / speed) * 1000) / 1000));
  return {
    DISPATCH_OFFER_TTL_S: s(45, 1),
    DISPATCH_SWEEP_S: s(5, 0.05),
    PRESENCE_GRACE_S: s(60, 0),
  };
}
