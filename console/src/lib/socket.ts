import { io, type Socket } from 'socket.io-client';
import { STAFF_NAMESPACE, type StaffClientEvents, type StaffServerEvents } from '@linggong/protocol';
import { locale } from './i18n.svelte.js';
import { session } from './session.svelte.js';

export type LinkState = 'connecting' | 'online' | 'reconnecting' | 'refused' | 'closed';
export type StaffSocket = Socket<StaffServerEvents, StaffClientEvents>;

const AUTH_CODES = ['UNAUTHENTICATED', 'FORBIDDEN'];

function refusal(err: Error & { data?: { code?: string } }): string | null {
  const code = err.data?.code ?? err.message;
  return AUTH_CODES.find((known) => code?.toUpperCase().includes(known)) ?? null;
}

/**
 * The `/staff` namespace with the signed-in token in the handshake, WebSocket only.
 * socket.io retries lost connections itself; a server that closes us (an instance
 * draining on shutdown) is reconnected to after a short random pause.
 */
export function openStaffLink(callbacks: {
  onState: (state: LinkState) => void;
  /** After every (re)connect: reload what may have been missed meanwhile. */
  onConnect: () => void;
}): StaffSocket {
  const socket: StaffSocket = io(STAFF_NAMESPACE, {
    auth: (send) => send({ token: session.token ?? '', lang: locale.lang }),
    transports: ['websocket'],
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.5,
  });
  let retry: ReturnType<typeof setTimeout> | undefined;
  const retryLater = (ms: number) => {
    clearTimeout(retry);
    retry = setTimeout(() => socket.connect(), ms + Math.random() * 2500);
  };

  callbacks.onState('connecting');
  socket.on('connect', () => {
    callbacks.onState('online');
    callbacks.onConnect();
  });
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    if (refusal(err)) {
      socket.disconnect();
      callbacks.onState('refused');
      return;
    }
    callbacks.onState('reconnecting');
    if (!socket.active) retryLater(2000);
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') {
      clearTimeout(retry);
      callbacks.onState('closed');
      return;
    }
    callbacks.onState('reconnecting');
    if (reason === 'io server disconnect') retryLater(500);
  });
  return socket;
}
