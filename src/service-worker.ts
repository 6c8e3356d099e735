/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />

// Waymark's service worker: precaches one version of the built app so it starts with the
// network off, serves that version until the person accepts "New version — reload", and
// never touches requests to other origins (git remotes, CORS proxies).
import { base, build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

/** Prefix of every cache this worker owns; activate deletes only these. */
const CACHE_PREFIX = 'waymark-app-';
/** The cache holding exactly this version's files. */
const CACHE = `${CACHE_PREFIX}${version}`;
/** The SPA fallback page (adapter-static's index.html) that answers every navigation. */
const SHELL = `${base}/`;
/** Served by `npm start` and changes at run time, so it always goes to the network. */
const UNCACHED = new Set([`${base}/waymark-demo.json`]);
/** Hashed build output: the same URL always has the same bytes, so the HTTP cache may answer. */
const IMMUTABLE = `${base}/_app/immutable/`;

/** Every path this version precaches. */
const PRECACHE = [...new Set([...build, ...files, `${base}/manifest.webmanifest`, SHELL])].filter(
	(path) => !UNCACHED.has(path)
);
const PRECACHED = new Set(PRECACHE);

/** A static route of the Service Worker Static Routing API (Chromium 123+). */
interface RouterRule {
	condition: { not?: { urlPattern: { protocol: string; hostname: string; port: string } } };
	source: 'network';
}

/**
 * Requests to other origins (the git remote, a CORS proxy) go straight to the network without
 * starting or waking this worker: with a fetch handler, every request of the page and of the git
 * worker would otherwise pass through it first, and a clone's pack arrived a second later.
 */
function bypassOtherOrigins(event: ExtendableEvent): void {
	const addRoutes = (event as ExtendableEvent & { addRoutes?: (rules: RouterRule[]) => Promise<void> }).addRoutes;
	if (!addRoutes) return; // other browsers: the fetch handler below lets them pass
	const here = new URL(sw.location.href);
	const rule: RouterRule = { condition: { not: { urlPattern: { protocol: here.protocol.slice(0, -1), hostname: here.hostname, port: here.port } } }, source: 'network' };
	event.waitUntil(addRoutes.call(event, [rule]).catch(() => undefined));
}

sw.addEventListener('install', (event) => {
	bypassOtherOrigins(event);
	// No skipWaiting here: a new version waits until the page asks for it.
	event.waitUntil(
		caches.open(CACHE).then((cache) =>
			cache.addAll(
				PRECACHE.map((path) => new Request(path, { cache: path.startsWith(IMMUTABLE) ? 'default' : 'no-cache' }))
			)
		)
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key.startsWith(CACHE_PREFIX) && key !== CACHE) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	const data: unknown = event.data;
	if (typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING') {
		void sw.skipWaiting();
	}
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	// Other origins (git remotes, proxies) and run-time data never pass through this worker.
	if (url.origin !== sw.location.origin || UNCACHED.has(url.pathname)) return;
	if (PRECACHED.has(url.pathname)) {
		event.respondWith(fromCache(url.pathname, request));
	} else if (request.mode === 'navigate') {
		// Any deep link starts from the cached shell; the client router takes it from there.
		event.respondWith(fromCache(SHELL, request));
	}
	// Anything else same-origin (not part of the app) goes to the network untouched.
});

/** Answers from this version's cache, falling back to the network if the entry is missing. */
async function fromCache(path: string, request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	const hit = await cache.match(path);
	return hit ?? fetch(request);
}
