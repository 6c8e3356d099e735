import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../../support/static-server';

/** Status of a GET sent with the path exactly as given. */
function rawStatus(port: number, rawPath: string): Promise<number> {
	return new Promise((resolve, reject) => {
		http.get({ host: '127.0.0.1', port, path: rawPath }, (res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
		}).on('error', reject);
	});
}

describe('static server', () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-static-test-'));
	let server: StaticServer;
	beforeAll(async () => {
		mkdirSync(path.join(dir, '_app/immutable'), { recursive: true });
		writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Waymark</title>');
		writeFileSync(path.join(dir, 'manifest.webmanifest'), '{"name":"Waymark"}');
		writeFileSync(path.join(dir, 'service-worker.js'), 'self.addEventListener("install", () => {});');
		writeFileSync(path.join(dir, '_app/immutable/app.abc123.js'), 'export {};');
		writeFileSync(path.join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
		server = await startStaticServer({
			dir,
			extraRoutes: {
				'/waymark-demo.json': (_req, res) => {
					res.writeHead(200, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ url: 'http://127.0.0.1:1/demo.git', branch: 'main' }));
				}
			}
		});
	});
	afterAll(async () => {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	it('serves files with their MIME types and cache rules', async () => {
		const cases: [string, string, string][] = [
			['/', 'text/html; charset=utf-8', 'no-cache'],
			['/manifest.webmanifest', 'application/manifest+json', 'no-cache'],
			['/service-worker.js', 'text/javascript; charset=utf-8', 'no-cache'],
			['/icon.svg', 'image/svg+xml', 'no-cache'],
			['/_app/immutable/app.abc123.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable']
		];
		for (const [p, type, cache] of cases) {
			const res = await fetch(server.url + p);
			expect(res.status, p).toBe(200);
			expect(res.headers.get('content-type'), p).toBe(type);
			expect(res.headers.get('cache-control'), p).toBe(cache);
		}
	});

	it('falls back to index.html for app routes but 404s missing assets and traversal', async () => {
		const route = await fetch(server.url + '/repo/plans/docs');
		expect(route.status).toBe(200);
		expect(await route.text()).toContain('<title>Waymark</title>');
		expect((await fetch(server.url + '/missing.js')).status).toBe(404);
		// Raw request so no URL normalisation happens on the client side.
		const secret = path.join(path.dirname(dir), `${path.basename(dir)}-secret.txt`);
		writeFileSync(secret, 'outside');
		try {
			expect(await rawStatus(server.port, `/..%2f${path.basename(secret)}`)).toBe(404);
		} finally {
			rmSync(secret);
		}
		expect(await rawStatus(server.port, '/_app%2fimmutable%2fapp.abc123.js')).toBe(200);
	});

	it('answers extra routes and restarts on the same port', async () => {
		const res = await fetch(server.url + '/waymark-demo.json');
		expect(await res.json()).toEqual({ url: 'http://127.0.0.1:1/demo.git', branch: 'main' });
		const port = server.port;
		await server.stop();
		await expect(fetch(server.url + '/')).rejects.toThrow();
		await server.start();
		expect(server.port).toBe(port);
		expect((await fetch(server.url + '/')).status).toBe(200);
	});
});
