// Tracks a waiting service worker and turns it into the "New version — reload" prompt.
// A new version is taken up only when the person accepts; unsaved typing is flushed to its
// draft first, so accepting mid-edit loses nothing (the prompt stays available while editing).

/** Work to finish before the page reloads into a new version (e.g. saving a draft). */
export type BeforeReload = () => void | Promise<void>;

/** Message the waiting worker understands (see src/service-worker.ts). */
const SKIP_WAITING = { type: 'SKIP_WAITING' } as const;

/** Shared update state, so the shell shows the prompt and the editor can defer it. */
export class AppUpdate {
	/** The installed new version, waiting for the person to accept it. */
	waiting = $state.raw<ServiceWorker | null>(null);
	/** True while the open plan has uncommitted work (the shell says the text is kept across the reload). */
	editing = $state(false);
	/** True once the person accepted; the next controller change reloads the page. */
	accepted = $state(false);
	/** Whether the shell should offer "New version — reload" now. */
	readonly prompt = $derived(this.waiting !== null && !this.accepted);

	#beforeReload: BeforeReload[] = [];

	/** Registers work to run before reloading into a new version; returns its removal. */
	onBeforeReload(task: BeforeReload): () => void {
		this.#beforeReload.push(task);
		return () => {
			this.#beforeReload = this.#beforeReload.filter((t) => t !== task);
		};
	}

	/** Accepts the waiting version: runs the before-reload tasks, then tells the worker to take over. */
	async accept(): Promise<void> {
		const worker = this.waiting;
		if (!worker || this.accepted) return;
		this.accepted = true;
		for (const task of [...this.#beforeReload]) await task();
		worker.postMessage(SKIP_WAITING);
	}
}

/** The one update state of the page. */
export const appUpdate = new AppUpdate();

/** How often an open page asks the server for a new version. */
const CHECK_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Registers the service worker at `scriptUrl` and feeds `update` with waiting versions;
 * returns a function that stops the periodic checks and listeners.
 */
export function registerServiceWorker(scriptUrl: string, update: AppUpdate = appUpdate): () => void {
	const container = navigator.serviceWorker;
	if (!container) return () => {};
	let registration: ServiceWorkerRegistration | undefined;
	let reloading = false;

	const noteWaiting = () => {
		// A first install has no controller to replace, so only a worker waiting behind another counts.
		const worker = registration?.waiting;
		if (!worker || !registration?.active || update.waiting === worker) return;
		update.waiting = worker;
		worker.addEventListener('statechange', () => {
			// Replaced by a newer version before the person accepted: offer that one instead.
			if (worker.state === 'redundant' && update.waiting === worker) update.waiting = registration?.waiting ?? null;
		});
	};
	const watchInstalling = (worker: ServiceWorker | null) => {
		worker?.addEventListener('statechange', () => {
			if (worker.state === 'installed') noteWaiting();
		});
	};
	const onControllerChange = () => {
		if (!update.accepted || reloading) return;
		reloading = true;
		location.reload();
	};
	const check = () => {
		registration?.update().catch(() => {
			// Offline or server down: the next check will try again.
		});
	};
	const onVisible = () => {
		if (document.visibilityState === 'visible') check();
	};

	container.addEventListener('controllerchange', onControllerChange);
	document.addEventListener('visibilitychange', onVisible);
	const timer = setInterval(check, CHECK_INTERVAL_MS);

	container
		.register(scriptUrl, { type: 'classic' })
		.then((reg) => {
			registration = reg;
			noteWaiting();
			watchInstalling(reg.installing);
			reg.addEventListener('updatefound', () => watchInstalling(reg.installing));
		})
		.catch((error: unknown) => {
			console.warn('Waymark: service worker registration failed; the app will not start offline.', error);
		});

	return () => {
		clearInterval(timer);
		container.removeEventListener('controllerchange', onControllerChange);
		document.removeEventListener('visibilitychange', onVisible);
	};
}
