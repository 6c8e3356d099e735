/**
 * Push that sends only what is new. isomorphic-git's `push` packs every object reachable from
 * the pushed commit that it cannot prove the server has — on a shallow clone that is the whole
 * tree (thousands of blobs for a one-line change). Here the pack holds the new commits, the trees
 * on their changed paths and the changed blobs, found by comparing each commit's tree with its
 * parent's; unchanged subtrees are skipped without being read. The request is git's smart-HTTP
 * receive-pack: one discovery GET (which also says where the remote branch is now) and one POST.
 *
 * Anything this path does not handle (a new remote branch, merge commits, a server without
 * `report-status`, credentials in the URL) returns `null` so the caller falls back to `git.push`.
 */
import git, { type HttpClient, type GitHttpResponse } from 'isomorphic-git';
import type { GitAuth } from './auth';
import { concatBytes as concat } from '../bytes/concat';
import type { RepoFs } from './fs-utils';

/** How to reach the remote. */
export interface PushTransport {
	fs: RepoFs;
	http: HttpClient;
	dir: string;
	url: string;
	corsProxy?: string;
	onAuth?: (url: string) => GitAuth;
	cache?: object;
}

/** What the server advertised for receive-pack. */
export interface PushAdvert {
	/** The remote branch's current commit, or null when the branch does not exist there. */
	oid: string | null;
	capabilities: Set<string>;
	/** Headers (authorization) that the discovery needed; reused for the POST. */
	headers: Record<string, string>;
}

const ZERO = '0'.repeat(40);
/** The most commits one fast push walks back looking for the remote head before giving up. */
const MAX_CHAIN = 10_000;

/** Same rule as isomorphic-git: `proxy/host/path`, or `proxy?url` for proxies ending in `?`. */
export function proxied(corsProxy: string | undefined, url: string): string {
	if (!corsProxy) return url;
	return corsProxy.endsWith('?') ? `${corsProxy}${url}` : `${corsProxy}/${url.replace(/^https?:\/\//, '')}`;
}

function basic(auth: GitAuth): string {
	const raw = `${auth.username ?? ''}:${auth.password ?? ''}`;
	const bytes = new TextEncoder().encode(raw);
	let bin = '';
	for (const b of bytes) bin += String.fromCharCode(b);
	return `Basic ${btoa(bin)}`;
}

/**
 * Asks the server where `branch` is, as a push would (receive-pack discovery). Credentials are
 * sent only after the server asks for them (401), like git itself.
 */
export async function discoverPush(t: PushTransport, branch: string): Promise<PushAdvert> {
	const headers: Record<string, string> = {};
	const info = await git.getRemoteInfo2({
		http: t.http,
		url: t.url,
		corsProxy: t.corsProxy,
		forPush: true,
		protocolVersion: 1,
		headers,
		onAuth: t.onAuth,
		onAuthSuccess: (_url, auth) => {
			if (auth.username || auth.password) headers.Authorization = basic(auth);
		}
	});
	const ref = `refs/heads/${branch}`;
	const found = (info.refs ?? []).find((r) => r.ref === ref);
	const caps = info.capabilities as unknown;
	const names = Array.isArray(caps) ? caps.map(String) : Object.keys((caps ?? {}) as Record<string, unknown>);
	return { oid: found?.oid ?? null, capabilities: new Set(names.map((c) => c.split('=')[0])), headers };
}

type Entry = { mode: string; path: string; oid: string; type: 'blob' | 'tree' | 'commit' };

async function readTree(t: PushTransport, oid: string): Promise<Entry[]> {
	const { tree } = await git.readTree({ fs: t.fs, dir: t.dir, oid, cache: t.cache });
	return tree as Entry[];
}

/** Adds to `out` every tree and blob under `next` that differs from `prev` (null: everything). */
async function collectTreeDiff(t: PushTransport, next: string, prev: string | null, out: Set<string>): Promise<void> {
	if (next === prev || out.has(next)) return;
	out.add(next);
	const after = await readTree(t, next);
	const before = prev ? new Map((await readTree(t, prev)).map((e) => [e.path, e])) : new Map<string, Entry>();
	for (const e of after) {
		const old = before.get(e.path);
		if (old && old.oid === e.oid) continue;
		if (e.type === 'tree') await collectTreeDiff(t, e.oid, old?.type === 'tree' ? old.oid : null, out);
		else if (e.type === 'blob') out.add(e.oid);
		// 'commit' entries are submodules: the server does not need their objects.
	}
}

/**
 * The objects `head` has that `base` (an ancestor on the first-parent line) lacks: the commits
 * between them and their changed trees and blobs. Null when the line holds a merge or does not
 * reach `base`.
 */
export async function newObjects(t: PushTransport, head: string, base: string): Promise<string[] | null> {
	const chain: { oid: string; tree: string; parent: string }[] = [];
	let at = head;
	while (at !== base) {
		if (chain.length >= MAX_CHAIN) return null;
		let commit;
		try {
			({ commit } = await git.readCommit({ fs: t.fs, dir: t.dir, oid: at, cache: t.cache }));
		} catch {
			return null; // a shallow boundary before reaching the remote head
		}
		if (commit.parent.length !== 1) return null;
		chain.push({ oid: at, tree: commit.tree, parent: commit.parent[0] });
		at = commit.parent[0];
	}
	const out = new Set<string>();
	for (const c of chain) {
		out.add(c.oid);
		const { commit: parent } = await git.readCommit({ fs: t.fs, dir: t.dir, oid: c.parent, cache: t.cache });
		await collectTreeDiff(t, c.tree, parent.tree, out);
	}
	return [...out];
}

const enc = new TextEncoder();

/** One pkt-line: 4 hex digits of length (itself included), then the payload. */
function pktLine(text: string): Uint8Array {
	const body = enc.encode(text);
	const out = new Uint8Array(body.length + 4);
	out.set(enc.encode((body.length + 4).toString(16).padStart(4, '0')));
	out.set(body, 4);
	return out;
}

async function readBody(res: GitHttpResponse): Promise<Uint8Array> {
	const parts: Uint8Array[] = [];
	if (res.body) for await (const chunk of res.body) parts.push(chunk);
	return concat(parts);
}

/** The pkt-line payloads of a receive-pack answer (without side-band), flushes dropped. */
export function parsePktLines(bytes: Uint8Array): string[] {
	const dec = new TextDecoder();
	const lines: string[] = [];
	let at = 0;
	while (at + 4 <= bytes.length) {
		const len = parseInt(dec.decode(bytes.subarray(at, at + 4)), 16);
		if (!Number.isFinite(len)) break;
		if (len === 0) {
			at += 4;
			continue;
		}
		if (len < 4 || at + len > bytes.length) break;
		lines.push(dec.decode(bytes.subarray(at + 4, at + len)).replace(/\n$/, ''));
		at += len;
	}
	return lines;
}

/**
 * Updates the remote `branch` from `advert.oid` to `head` by sending only the new objects.
 * Returns false when this path does not apply (the caller then uses `git.push`). Throws
 * isomorphic-git's `HttpError` for a failed POST, `PushRejectedError` when the server refuses the
 * update as not a fast-forward, and `GitPushError` for any other refusal.
 */
export async function pushNewObjects(t: PushTransport, branch: string, head: string, advert: PushAdvert): Promise<boolean> {
	if (!advert.oid || advert.oid === ZERO || !advert.capabilities.has('report-status')) return false;
	if (/^[a-z]+:\/\/[^/]*@/i.test(t.url)) return false;
	const oids = await newObjects(t, head, advert.oid);
	if (!oids) return false;
	const { packfile } = await git.packObjects({ fs: t.fs, dir: t.dir, oids, write: false, cache: t.cache });
	if (!packfile) return false;
	const ref = `refs/heads/${branch}`;
	const body = concat([pktLine(`${advert.oid} ${head} ${ref}\0report-status agent=waymark\n`), enc.encode('0000'), packfile]);
	const res = await t.http.request({
		method: 'POST',
		url: `${proxied(t.corsProxy, t.url)}/git-receive-pack`,
		headers: {
			...advert.headers,
			'content-type': 'application/x-git-receive-pack-request',
			accept: 'application/x-git-receive-pack-result'
		},
		body: (async function* () {
			yield body;
		})()
	});
	const answer = await readBody(res);
	if (res.statusCode !== 200) {
		throw new git.Errors.HttpError(res.statusCode, res.statusMessage, new TextDecoder().decode(answer).slice(0, 500));
	}
	const lines = parsePktLines(answer);
	const unpack = lines.find((l) => l.startsWith('unpack '));
	const status = lines.find((l) => l.startsWith(`ok ${ref}`) || l.startsWith(`ng ${ref}`));
	if (unpack !== 'unpack ok' || !status?.startsWith('ok ')) {
		const reason = status?.startsWith('ng ') ? status.slice(`ng ${ref} `.length) : (unpack ?? 'no report from the server');
		if (/non-fast-forward|fetch first|stale info/i.test(reason)) throw new git.Errors.PushRejectedError('not-fast-forward');
		// git says only "failed to update ref" when the branch moved after the discovery: look again.
		if (/failed to (update|lock) ref/i.test(reason)) {
			const now = await discoverPush(t, branch).catch(() => null);
			if (now && now.oid !== advert.oid) throw new git.Errors.PushRejectedError('not-fast-forward');
		}
		throw new git.Errors.GitPushError(reason, { ok: false, error: reason, refs: {} });
	}
	return true;
}
