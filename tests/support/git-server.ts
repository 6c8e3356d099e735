/**
 * A real git smart-HTTP server for tests and `npm start`: native `git http-backend` (CGI)
 * behind a Node `http` server on 127.0.0.1, with CORS, optional Basic auth and switchable
 * faults (status, stall, cut). Pushes persist in the bare repos under `root`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { listenLoopback } from './loopback';

/**
 * Which requests a fault hits. `info-refs`: GET …/info/refs (either service);
 * `upload-pack`: POST …/git-upload-pack (fetch/clone); `receive-pack`: POST …/git-receive-pack (push);
 * `any`: every git request. Preflight (OPTIONS) and /health are never faulted.
 */
export type FaultTarget = 'receive-pack' | 'upload-pack' | 'info-refs' | 'any';

/** A failure the server injects at run time; `times` limits how many requests it hits (default: all). */
export type Fault =
	| { kind: 'status'; status: number; on: FaultTarget; times?: number }
	| { kind: 'stall'; on: FaultTarget; times?: number }
	| { kind: 'cut'; on: FaultTarget; afterBytes: number; times?: number };

/** One request as the server saw it; `status` is 0 while unanswered (e.g. stalled) or when cut before headers. */
export interface RequestRecord {
	method: string;
	url: string;
	status: number;
	/** Basic-auth user name the request carried, if any. */
	user?: string;
	/** True when a fault was applied to this request. */
	faulted?: boolean;
}

/** Basic-auth credentials; `readOnlyUser` may fetch but gets 403 on push. */
export interface GitServerAuth {
	username: string;
	password: string;
	readOnlyUser?: { username: string; password: string };
	/** 'all' (default): every git request needs credentials; 'push': only receive-pack does. */
	scope?: 'all' | 'push';
}

/** Options for {@link startGitServer}. */
export interface GitServerOptions {
	/** Directory holding `<name>.git` bare repos; a fresh temp dir when omitted. */
	root?: string;
	/** Port on 127.0.0.1; 0 / omitted picks a free one. */
	port?: number;
	auth?: GitServerAuth;
	/** false omits every CORS header (to test the browser's CORS error). Default true. */
	cors?: boolean;
	/** Enable pushes on every repo under root regardless of its config. Default true. */
	receivePack?: boolean;
}

/** Handle to a running git server. */
export interface GitServer {
	/** Base URL, `http://127.0.0.1:PORT`. */
	url: string;
	port: number;
	root: string;
	/** Clone URL of `<root>/<name>.git`. */
	repoUrl(name: string): string;
	/** Switch a fault on (or off with null); clearing releases stalled requests. */
	setFault(f: Fault | null): void;
	/** Every request since start (or since the caller emptied it). */
	requests: RequestRecord[];
	/** Whether the server is listening. */
	readonly running: boolean;
	/** Closes the listener and destroys every socket, stalled ones included; kills CGI children. */
	stop(): Promise<void>;
	/** Listens again on the same port (no-op when running). */
	start(): Promise<void>;
}

const ALLOW_HEADERS = 'Authorization, Content-Type, Git-Protocol, Accept, User-Agent, X-Requested-With';
const EXPOSE_HEADERS = 'Content-Type, Content-Length, WWW-Authenticate, Cache-Control, ETag, Location';

type RequestKind = 'info-refs' | 'upload-pack' | 'receive-pack' | 'other';

/** Classifies a git request path for faults and auth. */
function requestKind(method: string, pathname: string): RequestKind {
	if (method === 'GET' && pathname.endsWith('/info/refs')) return 'info-refs';
	if (method === 'POST' && pathname.endsWith('/git-upload-pack')) return 'upload-pack';
	if (method === 'POST' && pathname.endsWith('/git-receive-pack')) return 'receive-pack';
	return 'other';
}

/** True when the request pushes (receive-pack advertisement or POST). */
function isPush(kind: RequestKind, query: URLSearchParams): boolean {
	return kind === 'receive-pack' || (kind === 'info-refs' && query.get('service') === 'git-receive-pack');
}

/** Adds the CORS headers every answer carries (401, errors and faults included). */
function corsHeaders(req: http.IncomingMessage): Record<string, string> {
	const origin = req.headers.origin;
	const headers: Record<string, string> = {
		'Access-Control-Allow-Origin': origin ?? '*',
		'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
		'Access-Control-Allow-Headers': ALLOW_HEADERS,
		'Access-Control-Expose-Headers': EXPOSE_HEADERS,
		Vary: 'Origin'
	};
	if (origin) headers['Access-Control-Allow-Credentials'] = 'true';
	if (req.headers['access-control-request-private-network']) headers['Access-Control-Allow-Private-Network'] = 'true';
	return headers;
}

/** Decodes a Basic Authorization header. */
function basicCredentials(header: string | undefined): { username: string; password: string } | null {
	if (!header?.startsWith('Basic ')) return null;
	const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return null;
	return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Splits CGI output into status, headers and the body bytes read so far; null until the blank line arrives. */
function parseCgiHead(buf: Buffer): { status: number; headers: [string, string][]; rest: Buffer } | null {
	let end = buf.indexOf('\r\n\r\n');
	let sepLen = 4;
	const lf = buf.indexOf('\n\n');
	if (lf >= 0 && (end < 0 || lf < end)) {
		end = lf;
		sepLen = 2;
	}
	if (end < 0) return null;
	const lines = buf.subarray(0, end).toString('latin1').split(/\r?\n/);
	let status = 200;
	const headers: [string, string][] = [];
	for (const line of lines) {
		const colon = line.indexOf(':');
		if (colon < 0) continue;
		const name = line.slice(0, colon).trim();
		const value = line.slice(colon + 1).trim();
		if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
		else headers.push([name, value]);
	}
	return { status, headers, rest: buf.subarray(end + sepLen) };
}

/** Starts a git smart-HTTP server on 127.0.0.1 serving the bare repos under `root`. */
export async function startGitServer(opts: GitServerOptions = {}): Promise<GitServer> {
	const root = path.resolve(opts.root ?? mkdtempSync(path.join(os.tmpdir(), 'waymark-git-')));
	const cors = opts.cors !== false;
	const receivePack = opts.receivePack !== false;
	const sockets = new Set<Socket>();
	const children = new Set<ChildProcess>();
	let stalled: (() => void)[] = [];
	let fault: Fault | null = null;
	let server: http.Server | null = null;
	let port = opts.port ?? 0;
	const requests: RequestRecord[] = [];

	/** Writes a complete small answer with the CORS headers. */
	function answer(req: http.IncomingMessage, res: http.ServerResponse, record: RequestRecord, status: number, body: string, extra: Record<string, string> = {}): void {
		record.status = status;
		res.writeHead(status, { ...(cors ? corsHeaders(req) : {}), 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache', ...extra });
		res.end(body);
	}

	/** Consumes one use of the current fault if it matches this request. */
	function takeFault(kind: RequestKind): Fault | null {
		if (!fault || kind === 'other') return null;
		if (fault.on !== 'any' && fault.on !== kind) return null;
		const hit = fault;
		if (hit.times !== undefined) {
			const left = hit.times - 1;
			fault = left > 0 ? { ...hit, times: left } : null;
		}
		return hit;
	}

	/** Runs `git http-backend` for one request, streaming body in and answer out. */
	function runBackend(req: http.IncomingMessage, res: http.ServerResponse, record: RequestRecord, url: URL, user: string | undefined, cutAfter: number | null): void {
		const env: NodeJS.ProcessEnv = {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			GIT_PROJECT_ROOT: root,
			GIT_HTTP_EXPORT_ALL: '1',
			GIT_CONFIG_NOSYSTEM: '1',
			PATH_INFO: decodeURIComponent(url.pathname),
			REQUEST_METHOD: req.method ?? 'GET',
			QUERY_STRING: url.search.replace(/^\?/, ''),
			CONTENT_TYPE: req.headers['content-type'] ?? '',
			REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
			SERVER_PROTOCOL: 'HTTP/1.1',
			GATEWAY_INTERFACE: 'CGI/1.1'
		};
		if (req.headers['content-length'] !== undefined) env.CONTENT_LENGTH = req.headers['content-length'];
		if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = req.headers['content-encoding'];
		if (req.headers['git-protocol']) env.GIT_PROTOCOL = String(req.headers['git-protocol']);
		if (user) env.REMOTE_USER = user;
		if (receivePack) {
			env.GIT_CONFIG_COUNT = '1';
			env.GIT_CONFIG_KEY_0 = 'http.receivepack';
			env.GIT_CONFIG_VALUE_0 = 'true';
		}
		const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
		children.add(child);
		child.on('close', () => children.delete(child));
		let stderr = '';
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.stdin.on('error', () => {});
		req.pipe(child.stdin);

		let head: Buffer | null = Buffer.alloc(0);
		let sent = 0;
		let cut = false;
		const sendBody = (chunk: Buffer): void => {
			if (cut) return;
			if (cutAfter !== null && sent + chunk.length >= cutAfter) {
				cut = true;
				const part = chunk.subarray(0, Math.max(0, cutAfter - sent));
				sent += part.length;
				const destroy = (): void => {
					req.socket.destroy();
					child.kill('SIGKILL');
				};
				// cutAfter > 0 and sent < cutAfter here, so part is never empty.
				res.write(part, destroy);
				return;
			}
			sent += chunk.length;
			res.write(chunk);
		};
		child.stdout.on('data', (chunk: Buffer) => {
			if (head === null) return sendBody(chunk);
			head = Buffer.concat([head, chunk]);
			const parsed = parseCgiHead(head);
			if (!parsed) return;
			head = null;
			record.status = parsed.status;
			const headers: Record<string, string> = cors ? corsHeaders(req) : {};
			for (const [k, v] of parsed.headers) headers[k] = v;
			res.writeHead(parsed.status, headers);
			if (cutAfter === 0) {
				cut = true;
				res.flushHeaders();
				setTimeout(() => {
					req.socket.destroy();
					child.kill('SIGKILL');
				}, 20);
				return;
			}
			if (parsed.rest.length > 0) sendBody(parsed.rest);
		});
		child.on('close', (code) => {
			if (cut) return;
			if (head !== null) {
				if (!res.headersSent) answer(req, res, record, 500, `git http-backend failed (${code}): ${stderr}`);
				return;
			}
			res.end();
		});
		child.on('error', (err) => {
			if (!res.headersSent) answer(req, res, record, 500, `cannot run git http-backend: ${err.message}`);
		});
		res.on('close', () => {
			if (child.exitCode === null && !res.writableFinished) child.kill('SIGKILL');
		});
	}

	/** Routes one HTTP request: preflight, health, auth, faults, then the CGI backend. */
	function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
		const record: RequestRecord = { method: req.method ?? 'GET', url: req.url ?? '/', status: 0 };
		requests.push(record);
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		if (req.method === 'OPTIONS') {
			record.status = 204;
			res.writeHead(204, { ...(cors ? corsHeaders(req) : {}), 'Content-Length': '0' });
			res.end();
			return;
		}
		if (req.method === 'GET' && url.pathname === '/health') return answer(req, res, record, 200, 'ok');

		const kind = requestKind(req.method ?? 'GET', url.pathname);
		const push = isPush(kind, url.searchParams);
		let user: string | undefined;
		const auth = opts.auth;
		if (auth && (auth.scope !== 'push' || push)) {
			const given = basicCredentials(req.headers.authorization);
			record.user = given?.username;
			const full = given && given.username === auth.username && given.password === auth.password;
			const readOnly = given && auth.readOnlyUser && given.username === auth.readOnlyUser.username && given.password === auth.readOnlyUser.password;
			if (!full && !readOnly) {
				req.resume();
				return answer(req, res, record, 401, 'authentication required', { 'WWW-Authenticate': 'Basic realm="waymark-test-git"' });
			}
			if (readOnly && push) {
				req.resume();
				return answer(req, res, record, 403, 'read-only user cannot push');
			}
			user = given.username;
		}

		const hit = takeFault(kind);
		if (hit) record.faulted = true;
		if (hit?.kind === 'status') {
			req.resume();
			return answer(req, res, record, hit.status, `injected fault: ${hit.status}`);
		}
		if (hit?.kind === 'stall') {
			stalled.push(() => runBackend(req, res, record, url, user, null));
			return;
		}
		runBackend(req, res, record, url, user, hit?.kind === 'cut' ? hit.afterBytes : null);
	}

	/** Begins listening on 127.0.0.1:port. */
	async function listen(): Promise<void> {
		if (server) return;
		({ server, port } = await listenLoopback(handle, port, sockets));
	}

	await listen();
	const base = `http://127.0.0.1:${port}`;

	const handleObj: GitServer = {
		url: base,
		port,
		root,
		requests,
		get running() {
			return server !== null;
		},
		repoUrl: (name: string) => `${base}/${name}.git`,
		setFault(f: Fault | null) {
			fault = f ? { ...f } : null;
			const release = stalled;
			stalled = [];
			for (const go of release) go();
		},
		async stop() {
			const s = server;
			if (!s) return;
			server = null;
			stalled = [];
			const closed = new Promise<void>((resolve) => s.close(() => resolve()));
			for (const socket of sockets) socket.destroy();
			sockets.clear();
			for (const child of children) child.kill('SIGKILL');
			await closed;
		},
		async start() {
			await listen();
		}
	};
	return handleObj;
}
