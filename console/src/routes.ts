import type { Component } from 'svelte';
import type { MessageKey } from './lib/i18n.svelte.js';

/** Each screen is its own chunk: the window's queue loads first, the rest when opened. */
export interface RouteDef {
  pattern: string;
  load: () => Promise<{ default: Component<any> }>;
  /** Needs a signed-in account (everything but sign-in). */
  signedIn?: boolean;
  /** Needs a chosen market. */
  market?: boolean;
  /** Shown in the side navigation under this label, with this keyboard shortcut (Alt+key). */
  nav?: { label: MessageKey; key: string; adminOnly?: boolean; officer?: boolean };
}

export const routes: RouteDef[] = [
  { pattern: '/login', load: () => import('./screens/SignIn.svelte') },
  { pattern: '/scope', signedIn: true, load: () => import('./screens/ChooseMarket.svelte') },
  { pattern: '/queue', signedIn: true, market: true, nav: { label: 'nav.queue', key: '1' }, load: () => import('./screens/Queue.svelte') },
  { pattern: '/register', signedIn: true, market: true, nav: { label: 'nav.register', key: '2' }, load: () => import('./screens/Register.svelte') },
  { pattern: '/post', signedIn: true, market: true, nav: { label: 'nav.post', key: '3' }, load: () => import('./screens/PostShift.svelte') },
  { pattern: '/cases', signedIn: true, market: true, nav: { label: 'nav.cases', key: '4' }, load: () => import('./screens/Cases.svelte') },
  { pattern: '/cases/new', signedIn: true, market: true, load: () => import('./screens/NewCase.svelte') },
  { pattern: '/cases/:id', signedIn: true, market: true, load: () => import('./screens/CaseDetail.svelte') },
  { pattern: '/market', signedIn: true, market: true, nav: { label: 'nav.market', key: '5' }, load: () => import('./screens/MarketEdit.svelte') },
  { pattern: '/people', signedIn: true, nav: { label: 'nav.people', key: '6', adminOnly: true }, load: () => import('./screens/People.svelte') },
  { pattern: '/ledger', signedIn: true, market: true, nav: { label: 'nav.ledger', key: '7' }, load: () => import('./screens/Ledger.svelte') },
  { pattern: '/guidance', signedIn: true, market: true, nav: { label: 'nav.guidance', key: '8' }, load: () => import('./screens/Guidance.svelte') },
  { pattern: '/lending', signedIn: true, market: true, nav: { label: 'nav.lending', key: '9' }, load: () => import('./screens/Lending.svelte') },
  { pattern: '/trainings', signedIn: true, market: true, nav: { label: 'nav.trainings', key: '0' }, load: () => import('./screens/Trainings.svelte') },
  // Officers and admins: figures, evaluation, coverage. Digits are taken, so letters (Alt+F, E, C).
  { pattern: '/figures', signedIn: true, nav: { label: 'nav.figures', key: 'f', officer: true }, load: () => import('./screens/Figures.svelte') },
  { pattern: '/evaluation', signedIn: true, nav: { label: 'nav.evaluation', key: 'e', officer: true }, load: () => import('./screens/Evaluation.svelte') },
  { pattern: '/coverage', signedIn: true, nav: { label: 'nav.coverage', key: 'c', officer: true }, load: () => import('./screens/Coverage.svelte') },
];
