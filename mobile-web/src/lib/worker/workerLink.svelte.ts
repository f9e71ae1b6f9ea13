import { caseUpdated } from '../cases.js';
import type { LatLng, Market, WorkerClientEvents, WorkerServerEvents } from '@linggong/protocol';
import type { Socket } from 'socket.io-client';
import { formatDateTime } from '../format.js';
import { currentPosition } from '../geo.js';
import { t } from '../i18n.svelte.js';
import { showNotice } from '../notice.svelte.js';
import { openLink, type LinkState } from '../realtime.js';
import { navigate, route } from '../router.svelte.js';
import { onSignOut, session, signOut } from '../session.svelte.js';
import { readJson, writeJson } from '../storage.js';
import { alertNewOffer, closeOfferNotification } from './offerAlert.js';
import { offerQueue } from './offerQueue.svelte.js';
import { removeJob } from './jobs.svelte.js';
import { trainingNotice } from './trainings.js';

/** Where the worker says they are: the phone's position, or a market they picked. */
export type WaitingPlace = { kind: 'gps'; location: LatLng } | { kind: 'market'; market: Market };

interface StoredWaiting {
  accountId: string;
  kind: 'gps' | 'market';
  marketId?: string;
  since: number;
}

const WAITING_KEY = 'lg.waiting';
const PRESENCE_EVERY_MS = 60_000;
const ACK_TIMEOUT_MS = 10_000;

/** The worker's live connection: presence while waiting, offers in, answers out. */
class WorkerLink {
  state = $state<LinkState>('closed');
  waiting = $state(false);
  place = $state<WaitingPlace | null>(null);
  presenceError = $state<string | null>(null);
  lastPresenceAt = $state<number | null>(null);
  since = $state<number | null>(null);

  socket: Socket<WorkerServerEvents, WorkerClientEvents> | null = null;
  private ticker: ReturnType<typeof setInterval> | undefined;

  connect(): void {
    if (this.socket || !session.token) return;
    const socket = openLink<WorkerServerEvents, WorkerClientEvents>('/worker', {
      onState: (state) => (this.state = state),
      onConnect: () => void this.sendPresence(),
      onRefused: (code) => this.refused(code),
    });
    socket.on('offer', (offer) => {
      if (!offerQueue.add(offer)) return;
      alertNewOffer(offer);
      // The offer screen lives on the worker's pages (settings, a public page…): go there.
      if (!route.path.startsWith('/worker') || route.path === '/worker/register') navigate('/worker');
    });
    socket.on('offer:withdrawn', ({ offerId, reason }) => {
      void closeOfferNotification(offerId);
      if (offerQueue.remove(offerId)) showNotice(t(`offer.withdrawn.${reason}`), 'bad');
    });
    socket.on('assignment:cancelled', ({ assignmentId, reason }) => {
      const job = removeJob(assignmentId);
      showNotice(t('job.cancelled', { title: job?.shift.title ?? '', reason }), 'bad', 10_000);
    });
    socket.on('case:updated', (update) => caseUpdated(update));
    socket.on('guidance:reminder', (r) =>
      showNotice(t('guidance.reminder', { counsellor: r.counsellor, when: formatDateTime(r.startsAt) }), 'info', 15_000),
    );
    socket.on('training', ({ training }) => trainingNotice(training));
    this.socket = socket;
  }

  /** Start waiting for work at a place; presence is (re)sent on every connect. */
  async start(place: WaitingPlace, since = Date.now()): Promise<void> {
    this.place = place;
    this.waiting = true;
    this.since = since;
    this.presenceError = null;
    const accountId = session.account?.id ?? '';
    writeJson(WAITING_KEY, {
      accountId,
      kind: place.kind,
      marketId: place.kind === 'market' ? place.market.id : undefined,
      since,
    } satisfies StoredWaiting);
    clearInterval(this.ticker);
    this.ticker = setInterval(() => void this.sendPresence(), PRESENCE_EVERY_MS);
    if (this.socket?.connected) await this.sendPresence();
    else this.connect();
  }

  async stop(): Promise<void> {
    this.waiting = false;
    this.since = null;
    clearInterval(this.ticker);
    writeJson(WAITING_KEY, null);
    await this.sendPresence();
  }

  /** What was remembered from before a reload, if it was this account and today. */
  rememberedWaiting(): StoredWaiting | null {
    const stored = readJson<StoredWaiting>(WAITING_KEY);
    if (!stored || stored.accountId !== session.account?.id) return null;
    return Date.now() - stored.since < 14 * 60 * 60 * 1000 ? stored : null;
  }

  async sendPresence(): Promise<void> {
    const socket = this.socket;
    if (!socket?.connected || !this.place) return;
    if (this.waiting && this.place.kind === 'gps') {
      // The worker may have moved; a failed fix keeps the last known position.
      const location = await currentPosition().catch(() => null);
      if (location && this.place.kind === 'gps') this.place = { kind: 'gps', location };
    }
    const place = this.place;
    const location = place.kind === 'gps' ? place.location : place.market.location;
    try {
      const ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('presence', {
        status: this.waiting ? 'waiting' : 'offline',
        location,
        ...(place.kind === 'market' ? { marketId: place.market.id } : {}),
      });
      if (ack.ok) {
        this.presenceError = null;
        this.lastPresenceAt = Date.now();
      } else {
        this.presenceError = ack.message;
        if (ack.code === 'PROFILE_REQUIRED') navigate('/worker/register');
      }
    } catch {
      // No answer in time: the next tick or reconnect sends it again.
      this.presenceError = t('worker.presenceNoAck');
    }
  }

  private refused(code: string): void {
    this.close();
    if (code === 'PROFILE_REQUIRED' || code === 'FORBIDDEN') {
      navigate('/worker/register');
    } else {
      signOut();
      navigate('/login?expired=1');
    }
  }

  close(): void {
    clearInterval(this.ticker);
    this.waiting = false;
    this.socket?.disconnect();
    this.socket?.removeAllListeners();
    this.socket = null;
    this.state = 'closed';
    offerQueue.clear();
  }
}

export const workerLink = new WorkerLink();

onSignOut(() => {
  writeJson(WAITING_KEY, null);
  workerLink.close();
});

// A phone that slept may have frozen our timer: tell the server we are still here.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && workerLink.waiting) void workerLink.sendPresence();
});
