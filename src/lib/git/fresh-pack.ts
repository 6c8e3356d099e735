/**
 * The pack a clone has just downloaded, read straight from its in-memory indexer: listing HEAD's
 * tree and writing its Markdown files right after a clone then costs no file-system round trip
 * per object (isomorphic-git's reads look for a loose object and list the pack folder each time).
 * The fetch keeps the indexer only when asked ({@link wantFreshPack}); see
 * scripts/vite-git-speed-plugin.js, which edits isomorphic-git's `_fetch` to do so.
 */
import type { PackObjectType, PackReader } from './pack-index';
import { toHex } from './sha1';

const WANT = Symbol.for('waymark.wantFreshPack');
const FRESH = Symbol.for('waymark.freshPack');

type Slots = Record<symbol, unknown>;

/** Asks the next fetch run with `cache` to keep its pack readable in memory. */
export function wantFreshPack(cache: object): void {
	(cache as Slots)[WANT] = true;
}

/** The pack kept by the fetch run with `cache`, or null (none asked for, none fetched, or not this build). */
export function freshPack(cache: object): PackReader | null {
	const reader = (cache as Slots)[FRESH] as PackReader | undefined;
	return reader && typeof reader.read === 'function' ? reader : null;
}

/** Lets the kept pack go (its indexer holds the pack and a cache of inflated objects). */
export function dropFreshPack(cache: object): void {
	delete (cache as Slots)[WANT];
	delete (cache as Slots)[FRESH];
}

/** One entry of a git tree object. */
export interface TreeEntry {
	mode: string;
	path: string;
	oid: string;
	type: 'blob' | 'tree' | 'commit';
}

/** Names are decoded exactly (a leading byte-order mark is part of the name). */
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A tree this fast path does not read itself: an entry name git refuses or that needs care
 * (separators, `.`/`..`, `.git` in any spelling, ignorable Unicode) or a non-standard mode.
 * The caller reads that tree with isomorphic-git instead, which refuses or normalises it.
 */
export class UnusualTreeError extends Error {
	constructor(what: string) {
		super(`unusual tree entry: ${what}`);
		this.name = 'UnusualTreeError';
	}
}

const MODES: Record<string, TreeEntry['type']> = { '40000': 'tree', '040000': 'tree', '100644': 'blob', '100755': 'blob', '120000': 'blob', '160000': 'commit' };

/** Whether `name` is a plain entry name (anything git or isomorphic-git would check further is not). */
function plainName(name: string): boolean {
	if (name === '' || /[/\\:\u200C-\u200F\u202A-\u202E\u206A-\u206F\uFEFF]/.test(name)) return false;
	const trimmed = name.toLowerCase().replace(/[. ]+$/, '');
	return trimmed !== '' && trimmed !== '.git' && !/^\.?git~[1-9]$/.test(trimmed);
}

/**
 * The entries of a tree object's bytes (`<mode> <name>\0<20-byte id>` each), in stored order.
 * Throws {@link UnusualTreeError} for a tree that isomorphic-git should read instead.
 * @example parseTree(bytes) // [{ mode: '100644', path: 'README.md', oid: '…', type: 'blob' }]
 */
export function parseTree(data: Uint8Array): TreeEntry[] {
	const out: TreeEntry[] = [];
	let p = 0;
	while (p < data.length) {
		const space = data.indexOf(0x20, p);
		const nul = space < 0 ? -1 : data.indexOf(0, space + 1);
		if (space < 0 || nul < 0 || nul + 21 > data.length) throw new Error('malformed tree object');
		const mode = decoder.decode(data.subarray(p, space));
		const path = decoder.decode(data.subarray(space + 1, nul));
		const type = Object.hasOwn(MODES, mode) ? MODES[mode] : undefined;
		if (!type) throw new UnusualTreeError(`mode ${mode}`);
		if (!plainName(path)) throw new UnusualTreeError(JSON.stringify(path));
		const oid = toHex(data.subarray(nul + 1, nul + 21));
		out.push({ mode: mode.length === 5 ? `0${mode}` : mode, path, oid, type });
		p = nul + 21;
	}
	return out;
}

/** The tree id a commit object's bytes name on their first line. */
export function commitTree(data: Uint8Array): string {
	const head = decoder.decode(data.subarray(0, Math.min(data.length, 46)));
	const m = /^tree ([0-9a-f]{40})\n/.exec(head);
	if (!m) throw new Error('malformed commit object');
	return m[1];
}

/** Reads `oid` from `pack` when it holds an object of `type` there, else null. */
export async function readFresh(pack: PackReader | null, oid: string, type: PackObjectType): Promise<Uint8Array | null> {
	if (!pack) return null;
	const obj = await pack.read(oid);
	return obj && obj.type === type ? obj.data : null;
}
