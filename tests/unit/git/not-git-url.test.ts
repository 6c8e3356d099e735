/**
 * Cloning a URL that answers with a web page (a static host's SPA fallback serves index.html for
 * `/foo/bar.git/info/refs?service=git-upload-pack`) says the URL is not a git repository — not
 * that the connection dropped. Real loopback servers, the browser's HTTP client (fetch).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import fs from 'node:fs';
import type http from 'node:http';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Errors } from 'isomorphic-git';
import webHttp from 'isomorphic-git/http/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyGitError, errorFromJSON, NotGitError } from '../../../src/lib/git/errors';
import type { RepoFs } from '../../../src/lib/git/fs-utils';
import { guardedHttp, OperationGuard, stoppedCause } from '../../../src/lib/git/guarded-http';
import { shallowClone } from '../../../src/lib/git/repo-ops';
import { listenLoopback, type LoopbackServer } from '../../support/loopback';
import { startStaticServer, type StaticServer } from '../../support/static-server';

const PAGE = '<!doctype html>\n<html lang="en"><head><title>My app</title></head><body><div id="app"></div></body></html>\n';
const nodeFs = fs as unknown as RepoFs;
const work = mkdtempSync(path.join(os.tmpdir(), 'waymark-unit-not-git-'));
const site = path.join(work, 'site');
fs.mkdirSync(site);
writeFileSync(path.join(site, 'index.html'), PAGE);

let htmlEverywhere: LoopbackServer;
const sockets = new Set<Socket>();
const seen: string[] = [];
let spa: StaticServer;

beforeAll(async () => {
	htmlEverywhere = await listenLoopback(
		(req: http.IncomingMessage, res: http.ServerResponse) => {
			seen.push(`${req.method} ${req.url}`);
			res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
			res.end(PAGE);
		},
		0,
		sockets
	);
	spa = await startStaticServer({ dir: site });
});

afterAll(async () => {
	const closed = new Promise<void>((resolve) => htmlEverywhere.server.close(() => resolve()));
	for (const socket of sockets) socket.destroy();
	await closed;
	await spa.stop();
	rmSync(work, { recursive: true, force: true });
});

let n = 0;
/** Clones `url` the way the worker does and classifies the failure. */
async function cloneError(url: string): Promise<unknown> {
	const guard = new OperationGuard(10_000);
	const raw = await shallowClone({ fs: nodeFs, http: guardedHttp(webHttp, guard), dir: path.join(work, `clone-${++n}`), url, branch: 'main' }).then(
		() => null,
		(e: unknown) => e
	);
	expect(raw, 'the clone must fail').not.toBeNull();
	return classifyGitError(stoppedCause(guard, raw), { url, branch: 'main', probe: async () => true });
}

describe('cloning a URL that answers with a web page', () => {
	it('a server answering every request with text/html is "not a git repository", not a dropped connection', async () => {
		const url = `http://127.0.0.1:${htmlEverywhere.port}/foo/bar.git`;
		const err = await cloneError(url);
		expect(seen).toContain('GET /foo/bar.git/info/refs?service=git-upload-pack');
		expect(err).toBeInstanceOf(NotGitError);
		const e = err as NotGitError;
		expect(e.message).toBe(`That URL is not a git repository: the server at 127.0.0.1:${htmlEverywhere.port} answered with a web page, not git.`);
		expect(e.message).not.toMatch(/dropped|partway/);
		expect(e.hint).not.toMatch(/nothing was lost/);
		expect(e.hint).toMatch(/clone URL/);
		expect(e.data).toMatchObject({ url, answer: 'web-page' });
		// It crosses the worker boundary as itself.
		expect(errorFromJSON(JSON.parse(JSON.stringify(e)))).toBeInstanceOf(NotGitError);
	});

	it('a static host whose SPA fallback serves index.html (200 text/html) for info/refs says the same', async () => {
		const url = `${spa.url}/foo/bar.git`;
		const err = await cloneError(url);
		expect(spa.requests).toContainEqual({ method: 'GET', url: '/foo/bar.git/info/refs?service=git-upload-pack', status: 200 });
		expect(err).toBeInstanceOf(NotGitError);
		expect((err as NotGitError).message).toBe(`That URL is not a git repository: the server at 127.0.0.1:${spa.port} answered with a web page, not git.`);
	});

	it('an answer that is neither git nor a web page is "not a git repository" too', async () => {
		const err = await classifyGitError(new Errors.SmartHttpError('hello', 'hello'), { url: 'https://example.org/x.git' });
		expect(err).toBeInstanceOf(NotGitError);
		expect(err.message).toBe('That URL is not a git repository: the server at example.org answered, but not as a git server.');
		expect(err.data.answer).toBe('other');
	});
});
