/**
 * Fetches the code of the screens a clone leads to — the repo, the plan and its editor — while
 * the clone downloads, so opening the first plan does not wait for scripts after the clone.
 */
import { preloadCode } from '$app/navigation';
import { resolve } from '$app/paths';

let started = false;

/** Starts loading the repo and plan screens' code once per page; failures are left to navigation. */
export function preloadRepoScreens(): void {
	if (started || typeof window === 'undefined') return;
	started = true;
	const quiet = (p: Promise<unknown>) => void p.catch(() => undefined);
	quiet(preloadCode(resolve('/repo/[id]', { id: 'preload' })));
	quiet(preloadCode(resolve('/repo/[id]/plan/[...path]', { id: 'preload', path: 'plan.md' })));
	quiet(import('$lib/editor/plan-editor'));
}
