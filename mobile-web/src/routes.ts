import type { Component } from 'svelte';
import type { Role } from '@linggong/protocol';

/** Every screen is its own chunk, so a worker's phone never downloads the employer screens. */
export interface RouteDef {
  pattern: string;
  load: () => Promise<{ default: Component<any> }>;
  signedIn?: boolean;
  role?: Role;
}

export const routes: RouteDef[] = [
  { pattern: '/login', load: () => import('./screens/account/SignIn.svelte') },
  { pattern: '/start', signedIn: true, load: () => import('./screens/account/RoleChoice.svelte') },
  { pattern: '/settings', load: () => import('./screens/account/Settings.svelte') },
  { pattern: '/worker/register', signedIn: true, load: () => import('./screens/worker/WorkerRegister.svelte') },
  { pattern: '/worker', signedIn: true, role: 'worker', load: () => import('./screens/worker/WorkerArea.svelte') },
  { pattern: '/worker/job/:assignmentId', signedIn: true, role: 'worker', load: () => import('./screens/worker/WorkerArea.svelte') },
  // My shifts, My record, Markets, the rights guide, training: lazy tabs inside the worker area.
  ...['jobs', 'record', 'markets', 'rights', 'training'].map((tab): RouteDef => ({
    pattern: `/worker/${tab}`,
    signedIn: true,
    role: 'worker',
    load: () => import('./screens/worker/WorkerArea.svelte'),
  })),
  { pattern: '/employer/register', signedIn: true, load: () => import('./screens/employer/EmployerRegister.svelte') },
  { pattern: '/employer', signedIn: true, role: 'employer', load: () => import('./screens/employer/MyShifts.svelte') },
  { pattern: '/employer/post', signedIn: true, role: 'employer', load: () => import('./screens/employer/PostShift.svelte') },
  { pattern: '/employer/shift/:id', signedIn: true, role: 'employer', load: () => import('./screens/employer/ShiftWatchScreen.svelte') },
  { pattern: '/shift/:id', load: () => import('./screens/public/PublicShift.svelte') },
  { pattern: '/market/:id', load: () => import('./screens/public/PublicMarket.svelte') },
];
