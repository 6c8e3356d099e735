/**
 * Yields for background loops on the main thread (reading and summarising plans): what the last
 * state change shows is painted before the work goes on, and a long loop lets a frame through
 * every few milliseconds. A hidden tab (no frames) goes on after a short timeout.
 */

/** Longest wait for a frame before going on anyway (hidden tabs paint no frames). */
const FRAME_TIMEOUT_MS = 100;

/** Resolves in a task after the next frame (or after {@link FRAME_TIMEOUT_MS} without one). */
export function afterPaint(): Promise<void> {
	return new Promise((resolve) => {
		let done = false;
		const go = () => {
			if (done) return;
			done = true;
			resolve();
		};
		const timer = setTimeout(go, FRAME_TIMEOUT_MS);
		if (typeof requestAnimationFrame === 'function') {
			requestAnimationFrame(() => {
				clearTimeout(timer);
				setTimeout(go, 0);
			});
		}
	});
}

/**
 * A yield for a loop of small jobs: resolves in a plain task until `budgetMs` of work has run
 * since the last frame, then after the next frame.
 * @example const pause = paintYielder(); for (const p of plans) { work(p); await pause(); }
 */
export function paintYielder(budgetMs = 8): () => Promise<void> {
	let since = performance.now();
	return async () => {
		if (performance.now() - since < budgetMs) {
			await new Promise((r) => setTimeout(r, 0));
			return;
		}
		await afterPaint();
		since = performance.now();
	};
}
