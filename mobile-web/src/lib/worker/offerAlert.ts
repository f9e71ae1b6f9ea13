import type { OfferPayload } from '@linggong/protocol';
import { formatDistance, formatWage } from '../format.js';
import { t } from '../i18n.svelte.js';

/**
 * Make a new offer impossible to miss on a phone in a pocket in a noisy hall:
 * vibration, a short beep, and a system notification when the page is hidden.
 */
let audio: AudioContext | null = null;

/** Browsers only allow sound after a tap; call this from the "start waiting" tap. */
export function primeAudio(): void {
  try {
    const Ctx = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctx) return;
    audio ??= new Ctx();
    void audio.resume();
  } catch {
    audio = null;
  }
}

function beep(): void {
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  for (const [offset, freq] of [[0, 880], [0.25, 1175]] as const) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'square';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.3, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.2);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + offset);
    osc.stop(start + offset + 0.22);
  }
}

export async function askNotificationPermission(): Promise<void> {
  if (!('Notification' in window) || Notification.permission !== 'default') return;
  try {
    await Notification.requestPermission();
  } catch {
    // Old browsers use a callback form; without permission we still vibrate and beep.
  }
}

async function notify(offer: OfferPayload): Promise<void> {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  const title = t('offer.notifyTitle', { wage: formatWage(offer.shift.wage), title: offer.shift.title });
  const options: NotificationOptions & { vibrate?: number[]; renotify?: boolean } = {
    body: `${offer.shift.address} · ${formatDistance(offer.distanceKm)}`,
    tag: 'offer-' + offer.offerId,
    icon: 'icons/icon-192.png',
    badge: 'icons/icon-192.png',
    requireInteraction: true,
    renotify: true,
    vibrate: [300, 150, 300, 150, 300],
    data: { url: location.href.split('#')[0] + '#/worker' },
  };
  // Android Chrome only shows notifications through the service worker.
  const registration = await navigator.serviceWorker?.getRegistration();
  if (registration) await registration.showNotification(title, options);
  else new Notification(title, options);
}

export function alertNewOffer(offer: OfferPayload): void {
  navigator.vibrate?.([400, 200, 400, 200, 400]);
  beep();
  if (document.visibilityState === 'hidden') notify(offer).catch(() => undefined);
}

export async function closeOfferNotification(offerId: string): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined);
  const open = await registration?.getNotifications({ tag: 'offer-' + offerId }).catch(() => []);
  for (const notification of open ?? []) notification.close();
}
