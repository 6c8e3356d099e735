/**
 * Work that need not happen before the next frame (lint marks, the next-action highlight):
 * run it when the browser is idle, so a keystroke only pays for the editor and the panels.
 */

/** Longest wait for an idle period before the job runs anyway. */
const IDLE_TIMEOUT_MS = 300;

/**
 * Calls `job` once in a later idle period (or after `timeout` ms); returns a cancel function.
 * Browsers without `requestIdleCallback` (Safari) run it in a task after the next frame.
 */
export function whenIdle(job: () => void, timeout = IDLE_TIMEOUT_MS): () => void {
	if (typeof requestIdleCallback === 'function') {
		const id = requestIdleCallback(() => job(), { timeout });
		return () => cancelIdleCallback(id);
	}
	let timer: ReturnType<typeof setTimeout> | null = null;
	const frame = requestAnimationFrame(() => (timer = setTimeout(job, 0)));
	return () => {
		cancelAnimationFrame(frame);
		if (timer !== null) clearTimeout(timer);
	};
}

/**
 * A job that is wanted again and again but needs to run only once per idle period: `request()`
 * schedules it unless it is already pending; it reads the current state when it runs.
 */
export class IdleJob {
	readonly #job: () => void;
	#cancel: (() => void) | null = null;

	constructor(job: () => void) {
		this.#job = job;
	}

	/** Asks for one run in the next idle period. */
	request(): void {
		if (this.#cancel) return;
		this.#cancel = whenIdle(() => {
			this.#cancel = null;
			this.#job();
		});
	}

	/** Drops a pending run (the view is going away). */
	cancel(): void {
		this.#cancel?.();
		this.#cancel = null;
	}
}
