/** Service-worker helpers shared by the e2e specs. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Waits until a service worker controls the page and has finished activating. `ready` and
 * `controllerchange` can both come while the worker is still `activating` (its activate handler
 * calls `clients.claim()` before it ends), so this also waits for the worker's own state change.
 */
export async function waitForController(page: Page): Promise<void> {
	const state = await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
		}
		const worker = navigator.serviceWorker.controller;
		if (!worker) return 'no controller';
		while (worker.state === 'installed' || worker.state === 'activating') {
			await new Promise((resolve) => worker.addEventListener('statechange', resolve, { once: true }));
		}
		return worker.state;
	});
	expect(state).toBe('activated');
}
