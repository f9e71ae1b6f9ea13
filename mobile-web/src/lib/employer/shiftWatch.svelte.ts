import { caseUpdated } from '../cases.js';
import type { EmployerClientEvents, EmployerServerEvents, EmployerShift } from '@linggong/protocol';
import type { Socket } from 'socket.io-client';
import { errorMessage, request } from '../api.js';
import { openLink, type LinkState } from '../realtime.js';
import { navigate } from '../router.svelte.js';
import { signOut } from '../session.svelte.js';

const ACK_TIMEOUT_MS = 10_000;

/** One shift as its employer watches it fill, live over the '/employer' namespace. */
export class ShiftWatch {
  shift = $state<EmployerShift | null>(null);
  state = $state<LinkState>('connecting');
  loadError = $state<string | null>(null);
  /** Bumped when a new hire arrives, so the screen can celebrate. */
  newHires = $state(0);

  private readonly shiftId: string;
  private socket: Socket<EmployerServerEvents, EmployerClientEvents> | null = null;

  constructor(shiftId: string) {
    this.shiftId = shiftId;
  }

  async start(): Promise<void> {
    try {
      this.update(await request<EmployerShift>('GET', `/shifts/${encodeURIComponent(this.shiftId)}`));
    } catch (error) {
      this.loadError = errorMessage(error);
      return;
    }
    const socket = openLink<EmployerServerEvents, EmployerClientEvents>('/employer', {
      onState: (state) => (this.state = state),
      onConnect: () => void this.watch(),
      onRefused: (code) => {
        if (code !== 'UNAUTHENTICATED') return; // the state shows "not connected"
        signOut();
        navigate('/login?expired=1');
      },
    });
    socket.on('shift:updated', ({ shift }) => {
      if (shift.id === this.shiftId) this.update(shift);
    });
    socket.on('case:updated', (update) => caseUpdated(update));
    this.socket = socket;
  }

  /** Ask for this shift's updates (again after each reconnect) and catch up on what we missed. */
  private async watch(): Promise<void> {
    try {
      const ack = await this.socket?.timeout(ACK_TIMEOUT_MS).emitWithAck('shift:watch', { shiftId: this.shiftId });
      if (ack?.ok) this.update(ack.shift);
    } catch {
      // Updates for the employer's own shifts may arrive without watching; nothing to do.
    }
  }

  private update(incoming: EmployerShift): void {
    // Tolerate a reply without the owner's extras (hires, dispatch counters).
    const shift: EmployerShift = { ...incoming, hires: incoming.hires ?? [] };
    if (this.shift && shift.filled > this.shift.filled) {
      this.newHires++;
      navigator.vibrate?.(200);
    }
    this.shift = shift;
  }

  /** Read the shift again, e.g. after marking a hire's attendance. */
  async refresh(): Promise<void> {
    this.update(await request<EmployerShift>('GET', `/shifts/${encodeURIComponent(this.shiftId)}`));
  }

  async cancel(): Promise<void> {
    this.update(await request<EmployerShift>('POST', `/shifts/${encodeURIComponent(this.shiftId)}/cancel`));
  }

  stop(): void {
    this.socket?.disconnect();
    this.socket?.removeAllListeners();
    this.socket = null;
  }
}
