// Chromium fires `beforeinstallprompt` once per page load, as soon as its installability check
// passes — which can be before the app's modules (loaded by dynamic import, which does not hold
// up the load event) have run. This classic script runs first and keeps the event for the app
// (src/lib/pwa/install.svelte.ts), so the "Install" button cannot miss it.
window.addEventListener('beforeinstallprompt', function (e) {
	e.preventDefault();
	window.__waymarkInstallPrompt = e;
	window.dispatchEvent(new Event('waymark-install-prompt'));
});
