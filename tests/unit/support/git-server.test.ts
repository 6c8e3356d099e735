import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGitServer, type GitServer } from '../../support/git-server';
import { cloneNative, createBareRepo, fsckStrict, gitAsync, readRemoteFile, remoteLog } from '../../support/repos';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'waymark-gs-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** A fresh directory for one clone. */
function scratch(): string {
	return path.join(tmp, `clone-${++n}`);
}

const PLAN = '# Plan\n\n## Progress\n\n- [ ] (2026-11-20 09:00Z) First step\n';

describe('git server: clone and push', () => {
	let server: GitServer;
	let bare: string;
	beforeAll(async () => {
		server = await startGitServer();
		bare = createBareRepo(server.root, 'plans', { files: { 'docs/plan.md': PLAN, 'src/app.js': 'export {};\n' } }, { commits: 2 });
	});
	afterAll(() => server.stop());

	it('builds the bare repo on main with the files and history', () => {
		expect(readRemoteFile(bare, 'docs/plan.md')).toBe(PLAN);
		const log = remoteLog(bare);
		expect(log.map((c) => c.subject)).toEqual(['Initial commit', 'History commit 2', 'History commit 1']);
		expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
		expect(server.repoUrl('plans')).toBe(`${server.url}/plans.git`);
	});

	it('answers /health', async () => {
		const res = await fetch(`${server.url}/health`);
		expect(res.status).toBe(200);
		expect(await res.text()).toBe('ok');
	});

	it('serves a native git clone', async () => {
		const dir = await cloneNative(server.repoUrl('plans'), scratch());
		expect(readFileSync(path.join(dir, 'docs/plan.md'), 'utf8')).toBe(PLAN);
		expect(await gitAsync(dir, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
		const urls = server.requests.map((r) => `${r.method} ${r.url.split('?')[0]} ${r.status}`);
		expect(urls).toContain('GET /plans.git/info/refs 200');
		expect(urls).toContain('POST /plans.git/git-upload-pack 200');
	});

	it('persists a native push in the bare repo', async () => {
		const dir = await cloneNative(server.repoUrl('plans'), scratch());
		writeFileSync(path.join(dir, 'docs/plan.md'), PLAN + '- [x] (2026-11-21 10:00Z) Pushed step\n');
		await gitAsync(dir, 'commit', '-q', '-am', 'Complete a step');
		await gitAsync(dir, 'push', '-q', 'origin', 'main');
		expect(remoteLog(bare)[0].subject).toBe('Complete a step');
		expect(readRemoteFile(bare, 'docs/plan.md')).toContain('Pushed step');
		expect(() => fsckStrict(bare)).not.toThrow();
	});

	it('reports a missing repo as 404 with CORS headers', async () => {
		const res = await fetch(`${server.url}/nope.git/info/refs?service=git-upload-pack`, { headers: { Origin: 'http://127.0.0.1:1' } });
		expect(res.status).toBe(404);
		expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:1');
	});
});

describe('git server: auth and CORS', () => {
	let server: GitServer;
	const origin = 'http://127.0.0.1:9';
	beforeAll(async () => {
		server = await startGitServer({ auth: { username: 'ada', password: 's3cret', readOnlyUser: { username: 'reader', password: 'r' } } });
		createBareRepo(server.root, 'private', { files: { 'README.md': '# Private\n' } });
	});
	afterAll(() => server.stop());
	const basic = (u: string, p: string) => 'Basic ' + Buffer.from(`${u}:${p}`).toString('base64');
	const infoRefs = (service = 'git-upload-pack') => `${server.repoUrl('private')}/info/refs?service=${service}`;

	it('answers 401 with WWW-Authenticate and CORS headers, then 200 with credentials', async () => {
		const denied = await fetch(infoRefs(), { headers: { Origin: origin } });
		expect(denied.status).toBe(401);
		expect(denied.headers.get('www-authenticate')).toMatch(/^Basic /);
		expect(denied.headers.get('access-control-allow-origin')).toBe(origin);
		expect(denied.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
		const wrong = await fetch(infoRefs(), { headers: { Authorization: basic('ada', 'nope') } });
		expect(wrong.status).toBe(401);
		const ok = await fetch(infoRefs(), { headers: { Origin: origin, Authorization: basic('ada', 's3cret') } });
		expect(ok.status).toBe(200);
		expect(ok.headers.get('content-type')).toBe('application/x-git-upload-pack-advertisement');
		expect(ok.headers.get('access-control-allow-origin')).toBe(origin);
	});

	it('answers preflight with 204 and the allowed methods and headers', async () => {
		const res = await fetch(infoRefs(), {
			method: 'OPTIONS',
			headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,git-protocol' }
		});
		expect(res.status).toBe(204);
		expect(res.headers.get('access-control-allow-origin')).toBe(origin);
		expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
		const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
		for (const h of ['authorization', 'content-type', 'git-protocol']) expect(allowed).toContain(h);
	});

	it('clones natively with credentials and refuses without them', async () => {
		const withCreds = server.repoUrl('private').replace('http://', 'http://ada:s3cret@');
		const dir = await cloneNative(withCreds, scratch());
		expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe('# Private\n');
		await expect(cloneNative(server.repoUrl('private'), scratch())).rejects.toThrow(/Authentication failed|could not read Username|terminal prompts disabled/);
	});

	it('lets the read-only user fetch but answers 403 to its push', async () => {
		const read = await fetch(infoRefs(), { headers: { Authorization: basic('reader', 'r') } });
		expect(read.status).toBe(200);
		const push = await fetch(infoRefs('git-receive-pack'), { headers: { Authorization: basic('reader', 'r'), Origin: origin } });
		expect(push.status).toBe(403);
		expect(push.headers.get('access-control-allow-origin')).toBe(origin);
		const full = await fetch(infoRefs('git-receive-pack'), { headers: { Authorization: basic('ada', 's3cret') } });
		expect(full.status).toBe(200);
	});

	it('omits every CORS header when cors is false', async () => {
		const bare = await startGitServer({ cors: false });
		try {
			createBareRepo(bare.root, 'r', { files: { 'a.md': 'a\n' } });
			const pre = await fetch(bare.repoUrl('r') + '/info/refs', { method: 'OPTIONS', headers: { Origin: origin } });
			const get = await fetch(bare.repoUrl('r') + '/info/refs?service=git-upload-pack', { headers: { Origin: origin } });
			expect(get.status).toBe(200);
			for (const res of [pre, get]) {
				expect([...res.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
			}
		} finally {
			await bare.stop();
		}
	});
});

describe('git server: faults', () => {
	let server: GitServer;
	beforeAll(async () => {
		server = await startGitServer();
		createBareRepo(server.root, 'f', { files: { 'plan.md': PLAN, 'big.txt': randomBytes(150_000).toString('base64') } });
	});
	afterEach(() => server.setFault(null));
	afterAll(() => server.stop());

	it('answers an injected 500 on upload-pack, only `times` times', async () => {
		server.setFault({ kind: 'status', status: 500, on: 'upload-pack', times: 1 });
		await expect(cloneNative(server.repoUrl('f'), scratch())).rejects.toThrow(/500/);
		const faulted = server.requests.filter((r) => r.faulted);
		expect(faulted.map((r) => [r.method, r.status])).toEqual([['POST', 500]]);
		const dir = await cloneNative(server.repoUrl('f'), scratch());
		expect(readFileSync(path.join(dir, 'plan.md'), 'utf8')).toBe(PLAN);
	});

	it('fails a push with 500 on receive-pack and leaves the remote unchanged', async () => {
		const dir = await cloneNative(server.repoUrl('f'), scratch());
		const bare = path.join(server.root, 'f.git');
		const before = remoteLog(bare)[0].hash;
		await gitAsync(dir, 'commit', '-q', '--allow-empty', '-m', 'Will not arrive');
		server.setFault({ kind: 'status', status: 500, on: 'receive-pack' });
		await expect(gitAsync(dir, 'push', '-q', 'origin', 'main')).rejects.toThrow(/500/);
		expect(remoteLog(bare)[0].hash).toBe(before);
		server.setFault(null);
		await gitAsync(dir, 'push', '-q', 'origin', 'main');
		expect(remoteLog(bare)[0].subject).toBe('Will not arrive');
	});

	it('cuts the connection after N response bytes', async () => {
		server.setFault({ kind: 'cut', on: 'upload-pack', afterBytes: 1000 });
		await expect(cloneNative(server.repoUrl('f'), scratch())).rejects.toThrow();
		const cut = server.requests.filter((r) => r.faulted && r.url.endsWith('/git-upload-pack'));
		expect(cut.length).toBeGreaterThan(0);
		server.setFault({ kind: 'cut', on: 'info-refs', afterBytes: 50 });
		const res = await fetch(server.repoUrl('f') + '/info/refs?service=git-upload-pack');
		expect(res.status).toBe(200);
		await expect(res.arrayBuffer()).rejects.toThrow();
	});

	it('stalls until the fault is cleared', async () => {
		server.setFault({ kind: 'stall', on: 'info-refs' });
		const pending = fetch(server.repoUrl('f') + '/info/refs?service=git-upload-pack');
		const first = await Promise.race([pending.then(() => 'answered'), new Promise((r) => setTimeout(() => r('waiting'), 300))]);
		expect(first).toBe('waiting');
		expect(server.requests.at(-1)).toMatchObject({ method: 'GET', status: 0 });
		server.setFault(null);
		expect((await pending).status).toBe(200);
	});

	it('stop() ends stalled requests; start() serves again on the same port', async () => {
		const port = server.port;
		server.setFault({ kind: 'stall', on: 'any' });
		const pending = fetch(server.repoUrl('f') + '/info/refs?service=git-upload-pack');
		pending.catch(() => {});
		await new Promise((r) => setTimeout(r, 100));
		const t0 = Date.now();
		await server.stop();
		expect(Date.now() - t0).toBeLessThan(2000);
		await expect(pending).rejects.toThrow();
		expect(server.running).toBe(false);
		await expect(fetch(`${server.url}/health`)).rejects.toThrow();
		server.setFault(null);
		await server.start();
		expect(server.port).toBe(port);
		expect((await fetch(`${server.url}/health`)).status).toBe(200);
		const dir = await cloneNative(server.repoUrl('f'), scratch());
		expect(readFileSync(path.join(dir, 'plan.md'), 'utf8')).toBe(PLAN);
	});
});
