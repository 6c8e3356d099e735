// "Install": Chromium's `beforeinstallprompt`, kept for an in-app button; where the browser has
// none (Safari on iPad and iPhone), the shell explains "Add to Home Screen" instead.

/** The event Chromium fires when the app may be installed (not in the DOM typings). */
interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<void>;
	readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** Install state of the page. */
export class InstallState {
	/** The deferred prompt, null until the browser offers one (and after it is used). */
	deferred = $state.raw<BeforeInstallPromptEvent | null>(null);
	/** Running as an installed app (standalone window or home-screen app). */
	installed = $state(false);
	/** The browser is Safari on iOS/iPadOS, which installs only through Share → Add to Home Screen. */
	appleMobile = $state(false);

	/** Whether the in-app "Install" button can work now. */
	get canPrompt(): boolean {
		return this.deferred !== null && !this.installed;
	}

	/** Starts listening; returns the stop. */
	watch(): () => void {
		const standalone = window.matchMedia?.('(display-mode: standalone)');
		const nav = navigator as Navigator & { standalone?: boolean };
		this.installed = Boolean(standalone?.matches || nav.standalone);
		// iPadOS reports itself as a Mac; touch points tell them apart.
		const ua = navigator.userAgent;
		this.appleMobile = /iPad|iPhone|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 0);
		const onPrompt = (e: Event) => {
			e.preventDefault();
			this.deferred = e as BeforeInstallPromptEvent;
		};
		const onInstalled = () => {
			this.installed = true;
			this.deferred = null;
		};
		const onDisplay = (e: MediaQueryListEvent) => (this.installed = e.matches);
		window.addEventListener('beforeinstallprompt', onPrompt);
		window.addEventListener('appinstalled', onInstalled);
		standalone?.addEventListener?.('change', onDisplay);
		return () => {
			window.removeEventListener('beforeinstallprompt', onPrompt);
			window.removeEventListener('appinstalled', onInstalled);
			standalone?.removeEventListener?.('change', onDisplay);
		};
	}

	/** Shows the browser's install dialog; true when the person accepted. */
	async prompt(): Promise<boolean> {
		const e = this.deferred;
		if (!e) return false;
		this.deferred = null; // a prompt can be shown once
		await e.prompt();
		const choice = await e.userChoice;
		if (choice.outcome === 'accepted') this.installed = true;
		return choice.outcome === 'accepted';
	}
}

/** The one install state of the page. */
export const install = new InstallState();

// Chromium fires `beforeinstallprompt` once per page load, and can do so before this module has
// loaded: static/install-early.js (a classic script in app.html) keeps the event on the window
// and announces it; take it from there, and listen directly too.
type EarlyWindow = Window & { __waymarkInstallPrompt?: BeforeInstallPromptEvent | null };

function adoptEarlyPrompt(): void {
	const w = window as EarlyWindow;
	if (w.__waymarkInstallPrompt) {
		install.deferred = w.__waymarkInstallPrompt;
		w.__waymarkInstallPrompt = null;
	}
}

if (typeof window !== 'undefined') {
	adoptEarlyPrompt();
	window.addEventListener('waymark-install-prompt', adoptEarlyPrompt);
	window.addEventListener('beforeinstallprompt', (e) => {
		e.preventDefault();
		install.deferred = e as BeforeInstallPromptEvent;
	});
}
