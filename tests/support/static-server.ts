/**
 * Serves the built app (build/) on 127.0.0.1 the way a static host would: correct MIME types,
 * SPA fallback to index.html, and no caching of HTML / the service worker so updates are seen.
 */
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { listenLoopback } from './loopback';

/** Handler for an extra route; answers the request itself. */
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Options for {@link startStaticServer}. */
export interface StaticServerOptions {
	/** Directory to serve (the adapter-static output). */
	dir: string;
	/** Port on 127.0.0.1; 0 / omitted picks a free one. */
	port?: number;
	/** Exact paths (e.g. `/waymark-demo.json`) answered by a handler instead of a file. */
	extraRoutes?: Record<string, RouteHandler>;
}

/** Handle to a running static server. */
export interface StaticServer {
	/** Base URL, `http://127.0.0.1:PORT`. */
	url: string;
	port: number;
	/** Every request path served since start. */
	requests: { method: string; url: string; status: number }[];
	/** Closes the listener and all connections (the "site goes offline"). */
	stop(): Promise<void>;
	/** Listens again on the same port (no-op when running). */
	start(): Promise<void>;
}

const MIME: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json',
	'.png': 'image/png',
	'.svg': 'image/svg+xml',
	'.ico': 'image/x-icon',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.webp': 'image/webp',
	'.wasm': 'application/wasm',
	'.txt': 'text/plain; charset=utf-8',
	'.md': 'text/markdown; charset=utf-8',
	'.woff2': 'font/woff2',
	'.map': 'application/json; charset=utf-8'
};

/** Content type by file extension; unknown types are served as bytes. */
export function mimeType(file: string): string {
	return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Hashed assets may be cached forever; everything else must be revalidated (HTML, service worker, manifest). */
function cacheControl(urlPath: string): string {
	return urlPath.includes('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Returns the file to send for a URL path, or null for a 404; unknown extension-less paths fall back to index.html. */
function resolveFile(dir: string, urlPath: string): string | null {
	let decoded: string;
	try {
		decoded = decodeURIComponent(urlPath);
	} catch {
		return null;
	}
	const target = path.resolve(dir, '.' + path.posix.normalize(decoded));
	if (target !== dir && !target.startsWith(dir + path.sep)) return null;
	const isFile = (p: string): boolean => {
		try {
			return statSync(p).isFile();
		} catch {
			return false;
		}
	};
	if (isFile(target)) return target;
	if (isFile(path.join(target, 'index.html'))) return path.join(target, 'index.html');
	if (isFile(target + '.html')) return target + '.html';
	if (path.extname(decoded) === '') {
		const fallback = path.join(dir, 'index.html');
		return isFile(fallback) ? fallback : null;
	}
	return null;
}

/** Starts a static file server for the built app on 127.0.0.1. */
export async function startStaticServer(opts: StaticServerOptions): Promise<StaticServer> {
	const dir = path.resolve(opts.dir);
	const routes = opts.extraRoutes ?? {};
	const sockets = new Set<Socket>();
	const requests: StaticServer['requests'] = [];
	let server: http.Server | null = null;
	let port = opts.port ?? 0;

	/** Answers one request from the extra routes or the directory. */
	function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
		const urlPath = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
		const record = { method: req.method ?? 'GET', url: req.url ?? '/', status: 0 };
		requests.push(record);
		res.on('finish', () => (record.status = res.statusCode));
		const route = routes[urlPath];
		if (route) return route(req, res);
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' });
			res.end('method not allowed');
			return;
		}
		const file = resolveFile(dir, urlPath);
		if (!file) {
			res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
			res.end('not found');
			return;
		}
		const size = statSync(file).size;
		res.writeHead(200, {
			'Content-Type': mimeType(file),
			'Content-Length': String(size),
			'Cache-Control': cacheControl(urlPath),
			'X-Content-Type-Options': 'nosniff'
		});
		if (req.method === 'HEAD') {
			res.end();
			return;
		}
		createReadStream(file).pipe(res);
	}

	/** Begins listening on 127.0.0.1:port. */
	async function listen(): Promise<void> {
		if (server) return;
		({ server, port } = await listenLoopback(handle, port, sockets));
	}

	await listen();
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		requests,
		async stop() {
			const s = server;
			if (!s) return;
			server = null;
			const closed = new Promise<void>((resolve) => s.close(() => resolve()));
			for (const socket of sockets) socket.destroy();
			sockets.clear();
			await closed;
		},
		async start() {
			await listen();
		}
	};
}
