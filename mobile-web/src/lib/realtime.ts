import { io, type Socket } from 'socket.io-client';
import { locale } from './i18n.svelte.js';
import { session } from './session.svelte.js';

export type LinkState = 'connecting' | 'online' | 'reconnecting' | 'refused' | 'closed';

export interface LinkCallbacks {
  onState: (state: LinkState) => void;
  /** Called after every (re)connect: re-send presence, re-watch a shift. */
  onConnect: () => void;
  /** The handshake was rejected for the token or role. */
  onRefused: (code: string) => void;
}

const AUTH_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'PROFILE_REQUIRED'];
/** A server that drops us this soon after connecting, this many times in a row, is refusing us. */
const QUICK_DROP_MS = 3000;
const QUICK_DROPS_LIMIT = 3;

function refusalCode(err: Error & { data?: { code?: string } }): string | null {
  const code = err.data?.code ?? err.message;
  return AUTH_CODES.find((known) => code?.toUpperCase().includes(known)) ?? null;
}

/**
 * Open a Socket.IO namespace with the signed-in token, WebSocket only (no sticky
 * sessions needed), and keep it open: socket.io retries lost connections itself;
 * when the server closes us (an instance draining on shutdown) we reconnect too.
 */
// The shape socket.io's own generics require of an event map.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EventsMap = { [event: string]: any };

export function openLink<S extends EventsMap, C extends EventsMap>(
  namespace: string,
  callbacks: LinkCallbacks,
): Socket<S, C> {
  const socket: Socket = io(namespace, {
    // `lang` lets the server word offer reasons in the chosen language (the socket has no Accept-Language of ours).
    auth: (send) => send({ token: session.token ?? '', lang: locale.lang }),
    transports: ['websocket'],
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.5,
  });
  let connectedAt = 0;
  let quickDrops = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;

  callbacks.onState('connecting');
  socket.on('connect', () => {
    connectedAt = Date.now();
    callbacks.onState('online');
    callbacks.onConnect();
  });
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    const code = refusalCode(err);
    if (code) {
      socket.disconnect();
      callbacks.onState('refused');
      callbacks.onRefused(code);
    } else {
      callbacks.onState('reconnecting');
      // A refusal by a server middleware stops socket.io's own retries; retry anyway.
      if (!socket.active) {
        clearTimeout(retry);
        retry = setTimeout(() => socket.connect(), 2000 + Math.random() * 3000);
      }
    }
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') {
      clearTimeout(retry);
      callbacks.onState('closed');
      return;
    }
    callbacks.onState('reconnecting');
    if (reason !== 'io server disconnect') return; // socket.io reconnects by itself
    quickDrops = Date.now() - connectedAt < QUICK_DROP_MS ? quickDrops + 1 : 0;
    if (quickDrops >= QUICK_DROPS_LIMIT) {
      callbacks.onState('refused');
      callbacks.onRefused('UNAUTHENTICATED');
      return;
    }
    clearTimeout(retry);
    retry = setTimeout(() => socket.connect(), 500 + Math.random() * 2500);
  });
  return socket as Socket<S, C>;
}
