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
 * schedules it unless it is already pending; it reads the current state when it runs. With
 * `pauseMs`, each request puts the run off until requests have stopped for that long (then the
 * next idle period): while someone types, the job waits for a pause.
 */
export class IdleJob {
	readonly #job: () => void;
	readonly #pauseMs: number;
	#cancel: (() => void) | null = null;
	#pause: ReturnType<typeof setTimeout> | null = null;

	constructor(job: () => void, opts: { pauseMs?: number } = {}) {
		this.#job = job;
		this.#pauseMs = opts.pauseMs ?? 0;
	}

	/** Asks for one run in an idle period (after the pause, if the job has one). */
	request(): void {
		if (this.#pauseMs > 0) {
			// A run already waiting for an idle period waits for the new pause instead.
			this.#cancel?.();
			this.#cancel = null;
			if (this.#pause !== null) clearTimeout(this.#pause);
			this.#pause = setTimeout(() => {
				this.#pause = null;
				this.#schedule();
			}, this.#pauseMs);
			return;
		}
		this.#schedule();
	}

	#schedule(): void {
		if (this.#cancel) return;
		this.#cancel = whenIdle(() => {
			this.#cancel = null;
			this.#job();
		});
	}

	/** Drops a pending run (the view is going away). */
	cancel(): void {
		if (this.#pause !== null) clearTimeout(this.#pause);
		this.#pause = null;
		this.#cancel?.();
		this.#cancel = null;
	}
}
