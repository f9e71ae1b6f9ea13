export interface WavePolicy {
  fanout: number;
  startRadiusKm: number;
  radiusGrowth: number;
  maxRadiusKm: number;
}

/** How many new offers the next wave should send: about remaining slots × fan-out, less those still open. */
export function offersWanted(headcount: number, filled: number, openOffers: number, fanout: number): number {
  const remaining = Math.max(0, headcount - filled);
  if (remaining === 0) return 0;
  return Math.max(0, Math.ceil(remaining * fanout) - openOffers);
}

/** The radii a wave may try, from its starting radius out to the cap: the first wave starts at the start radius, each later one wider. */
export function waveRadii(previousRadiusKm: number, policy: WavePolicy): number[] {
  const first = previousRadiusKm > 0 ? Math.min(previousRadiusKm * policy.radiusGrowth, policy.maxRadiusKm) : policy.startRadiusKm;
  const radii = [Math.min(first, policy.maxRadiusKm)];
  while (radii[radii.length - 1] < policy.maxRadiusKm) {
    radii.push(Math.min(radii[radii.length - 1] * policy.radiusGrowth, policy.maxRadiusKm));
  }
  return radii;
}

/** Dispatch stops two hours after the start (late arrivals still help), and never after the end. */
export function dispatchDeadline(startsAt: Date, endsAt: Date): Date {
  return new Date(Math.min(startsAt.getTime() + 2 * 3600_000, endsAt.getTime()));
}
