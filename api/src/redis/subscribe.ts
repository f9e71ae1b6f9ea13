import type { Redis } from 'ioredis';

/** Hands `receive` every message published on `channel`; one subscriber connection serves several channels. */
export async function subscribeTo(subscriber: Redis, channel: string, receive: (message: string) => void): Promise<void> {
  subscriber.on('message', (from: string, message: string) => {
    if (from === channel) receive(message);
  });
  await subscriber.subscribe(channel);
}
