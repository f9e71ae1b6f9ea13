import { tick } from 'svelte';

/**
 * After a refused submit, bring the first problem into view (and focus it when it
 * is a field), so a person on a small screen sees why nothing happened.
 */
export async function revealFirstProblem(form: HTMLElement | null): Promise<void> {
  await tick();
  const target = form?.querySelector<HTMLElement>('[aria-invalid="true"], .error, [role="alert"]');
  if (!target) return;
  target.scrollIntoView({ block: 'center' });
  if (target.matches('input, select, textarea')) target.focus({ preventScroll: true });
}
