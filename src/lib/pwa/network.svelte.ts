// Online/offline state for the shell's indicator, from the browser's own signal.

/** Whether the browser believes it has a network; the shell shows it so people know pushes wait. */
export class NetworkStatus {
	/** True when the browser reports a network connection. */
	online = $state(true);

	/** Starts following the browser's online/offline events; returns the function that stops it. */
	watch(): () => void {
		const sync = () => {
			this.online = navigator.onLine;
		};
		sync();
		window.addEventListener('online', sync);
		window.addEventListener('offline', sync);
		return () => {
			window.removeEventListener('online', sync);
			window.removeEventListener('offline', sync);
		};
	}
}

/** The one network state of the page. */
export const network = new NetworkStatus();
