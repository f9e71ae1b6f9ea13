import { io, type Socket } from 'socket.io-client';
import type {
  BoardClientEvents,
  BoardServerEvents,
  BoardShift,
  BoardTraining,
  BoardSnapshot,
  BoardStats,
  ShiftCloseReason,
  TicketCall,
} from '@linggong/protocol';
import type { MarketBoard } from './market-board.svelte.ts';
import { SeqGate } from './seq-gate.ts';

type BoardDelta =
  | { event: 'shift:opened'; seq: number; shift: BoardShift }
  | { event: 'shift:updated'; seq: number; shift: BoardShift }
  | { event: 'shift:closed'; seq: number; shiftId: string; reason: ShiftCloseReason }
  | { event: 'stats:updated'; seq: number; stats: BoardStats };

/** connecting: no data yet; live: in sync; reconnecting: lost, retrying; offline: lost for a while. */
export type LinkState = 'connecting' | 'live' | 'reconnecting' | 'offline';

const RESYNC_TIMEOUT_MS = 10_000;
const RESYNC_RETRY_MS = 3_000;
/** At most one resync this often, so a server whose seq keeps skipping cannot make a board hammer it. */
const RESYNC_MIN_GAP_MS = 2_000;
/** The server sends a snapshot on connect; if none comes, ask for one. */
const SNAPSHOT_WAIT_MS = 5_000;
const OFFLINE_AFTER_MS = 30_000;
/**
 * socket.io-client does not retry by itself after the server dropped the board (an instance
 * draining for a deploy) or refused it in a middleware: we do, soon after a drop (spread
 * so a hall of boards does not return at once), slowly after a refusal.
 */
const AFTER_DROP_MS = () => 1_000 + Math.random() * 4_000;
const AFTER_REFUSAL_MS = 30_000;

/** Keeps one MarketBoard in step with the server over the `/board` namespace. */
export class BoardConnection {
  link = $state<LinkState>('connecting');
  /** When the data on screen was last known to be current (shown while not live). */
  syncedAt = $state<Date | null>(null);
  problem = $state<string | null>(null);
  /** The market's upcoming trainings changed (`trainings:updated`, not a numbered delta). */
  onTrainings: (trainings: BoardTraining[]) => void = () => {};

  #socket: Socket<BoardServerEvents, BoardClientEvents>;
  #gate = new SeqGate<BoardDelta>();
  #resyncing = false;
  #lastResyncAt = 0;
  #lastHeard: Date | null = null;
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #offlineTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    marketId: string,
    private readonly board: MarketBoard,
    private readonly onShiftOpened: (shift: BoardShift) => void,
    /** A walk-in of this market was offered work: the hall calls the ticket (not a numbered delta). */
    private readonly onTicketCalled: (call: TicketCall) => void = () => {},
  ) {
    this.#socket = io('/board', { auth: { marketId }, transports: ['websocket'], autoConnect: false });
    this.#listen();
  }

  start(): void {
    this.#scheduleOffline();
    this.#socket.connect();
  }

  stop(): void {
    this.#socket.disconnect();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    if (this.#offlineTimer) clearTimeout(this.#offlineTimer);
  }

  #listen(): void {
    const socket = this.#socket;
    socket.io.on('ping', () => this.#heard());
    socket.on('connect', () => {
      this.problem = null;
      this.#after(SNAPSHOT_WAIT_MS, () => this.#gate.awaitingSnapshot && this.#requestResync());
    });
    socket.on('disconnect', (reason) => {
      this.#gate.suspend();
      this.#resyncing = false;
      if (this.#lastHeard) this.syncedAt = this.#lastHeard;
      if (this.link === 'live') this.link = 'reconnecting';
      this.#scheduleOffline();
      if (!socket.active && reason !== 'io client disconnect') this.#after(AFTER_DROP_MS(), () => socket.connect());
    });
    socket.on('connect_error', (error) => {
      this.problem = error.message;
      if (!socket.active) this.#after(AFTER_REFUSAL_MS, () => socket.connect());
    });
    socket.on('board:snapshot', (snapshot) => this.#snapshot(snapshot, this.board.loaded));
    socket.on('shift:opened', (p) => this.#receive({ event: 'shift:opened', ...p }));
    socket.on('shift:updated', (p) => this.#receive({ event: 'shift:updated', ...p }));
    socket.on('shift:closed', (p) => this.#receive({ event: 'shift:closed', ...p }));
    socket.on('stats:updated', (p) => this.#receive({ event: 'stats:updated', ...p }));
    // The market's own details (name, hours, hotline, amenities): not numbered, so applied as they come.
    socket.on('market:updated', ({ market }) => {
      this.#heard();
      this.board.setMarket(market);
    });
    socket.on('ticket:called', (call) => this.onTicketCalled(call));
    socket.on('trainings:updated', ({ trainings }) => this.onTrainings(trainings));
  }

  #receive(delta: BoardDelta): void {
    this.#heard();
    const { ready, resync } = this.#gate.receive(delta);
    for (const d of ready) this.#apply(d);
    if (resync) this.#requestResync();
  }

  #snapshot(snapshot: BoardSnapshot, markUnknown: boolean): void {
    this.#heard();
    this.board.replace(snapshot, markUnknown);
    const { ready, resync } = this.#gate.snapshot(snapshot.seq);
    for (const d of ready) this.#apply(d);
    if (resync) this.#requestResync();
    this.link = 'live';
    if (this.#offlineTimer) clearTimeout(this.#offlineTimer);
  }

  #apply(delta: BoardDelta): void {
    switch (delta.event) {
      case 'shift:opened':
        this.board.opened(delta.shift);
        if (delta.shift.status === 'open') this.onShiftOpened(delta.shift);
        break;
      case 'shift:updated':
        this.board.updated(delta.shift);
        break;
      case 'shift:closed':
        this.board.closed(delta.shiftId, delta.reason);
        break;
      case 'stats:updated':
        this.board.setStats(delta.stats);
        break;
    }
  }

  #requestResync(): void {
    if (this.#resyncing || !this.#socket.connected) return;
    const wait = this.#lastResyncAt + RESYNC_MIN_GAP_MS - Date.now();
    if (wait > 0) {
      this.#resyncing = true; // one request waits; later gaps join it
      this.#after(wait, () => {
        this.#resyncing = false;
        if (this.#gate.awaitingSnapshot) this.#requestResync();
      });
      return;
    }
    this.#lastResyncAt = Date.now();
    this.#resyncing = true;
    this.#socket.timeout(RESYNC_TIMEOUT_MS).emit('board:resync', {}, (error, ack) => {
      this.#resyncing = false;
      if (!error && ack.ok) {
        const last = this.#gate.lastSeq;
        // A snapshot newer than this answer may have come meanwhile (a reconnect).
        if (this.#gate.awaitingSnapshot || last === null || ack.seq > last) this.#snapshot(ack, true);
        return;
      }
      this.problem = error ? error.message : ack.ok ? null : ack.message;
      this.#after(RESYNC_RETRY_MS, () => this.#gate.awaitingSnapshot && this.#requestResync());
    });
  }

  #heard(): void {
    this.#lastHeard = new Date();
    if (this.link === 'live') this.syncedAt = this.#lastHeard;
  }

  #scheduleOffline(): void {
    if (this.#offlineTimer) clearTimeout(this.#offlineTimer);
    this.#offlineTimer = setTimeout(() => {
      if (!this.#socket.connected || this.#gate.awaitingSnapshot) this.link = this.board.loaded ? 'offline' : 'connecting';
    }, OFFLINE_AFTER_MS);
  }

  #after(ms: number, run: () => unknown): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.add(timer);
  }
}
