/**
 * Builds a pack's index (`.idx`, version 2, byte for byte what `git index-pack` writes) in one
 * pass over the pack: each object is inflated once into a buffer of its stated size with one
 * reused zlib stream, hashed with a synchronous SHA-1, and deltas are resolved against a
 * bounded cache of inflated objects. isomorphic-git's own indexer allocates a new inflater and
 * a growing output per object and hashes through WebCrypto; on a 2,000-file clone that was most
 * of the time between the pack arriving and the first plan showing.
 */
import { crc32 } from './crc32';
import { Sha1, toHex } from './sha1';
import { inflate, inflateInit2, inflateReset, Z_FINISH, Z_STREAM_END, ZStream } from './zlib-inflate';

/** The object types a pack holds (deltas resolved to their base's type). */
export type PackObjectType = 'commit' | 'tree' | 'blob' | 'tag';

/** An object outside the pack that a thin pack's ref-delta names as its base. */
export type ExternalBase = (oid: string) => Promise<{ type: string; object: Uint8Array }>;

/** Options of {@link indexPack}. */
export interface IndexPackOptions {
	/** Resolves ref-delta bases that are not in the pack (thin packs from a fetch). */
	external?: ExternalBase;
	/** Reports progress as isomorphic-git's indexer does. */
	onProgress?: (p: { phase: string; loaded: number; total: number }) => void | Promise<void>;
	/** Most bytes of inflated objects kept for resolving deltas (more are inflated again). */
	cacheBytes?: number;
}

/** A pack this indexer can not read. */
export class PackFormatError extends Error {
	constructor(message: string) {
		super(`Invalid pack: ${message}`);
		this.name = 'PackFormatError';
	}
}

const TYPES: Record<number, PackObjectType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
const OFS_DELTA = 6;
const REF_DELTA = 7;
const encoder = new TextEncoder();

/** One object's place in the pack. */
interface Entry {
	offset: number;
	/** Where its compressed data starts and ends (the end is the next object's offset). */
	dataStart: number;
	end: number;
	kind: number;
	size: number;
	baseOffset: number;
	baseOid: string;
	oid: Uint8Array | null;
}

/** A resolved object. */
interface Resolved {
	type: PackObjectType;
	data: Uint8Array;
}

/**
 * The `.idx` (version 2) of `pack`, with the object ids it lists.
 * @example const { idx } = await indexPack(packBytes)
 */
export async function indexPack(pack: Uint8Array, opts: IndexPackOptions = {}): Promise<{ idx: Uint8Array; oids: string[] }> {
	if (pack.length < 32 || pack[0] !== 0x50 || pack[1] !== 0x41 || pack[2] !== 0x43 || pack[3] !== 0x4b) throw new PackFormatError('no PACK header');
	const version = readU32(pack, 4);
	if (version !== 2 && version !== 3) throw new PackFormatError(`version ${version}`);
	const count = readU32(pack, 8);
	const trailer = pack.length - 20;
	if (!sameBytes(await digestSha1(pack.subarray(0, trailer)), pack.subarray(trailer))) throw new PackFormatError('its checksum does not match (damaged in transfer?)');
	const zs = new ZStream();
	inflateInit2(zs, 15);
	const inflateAt = (start: number, size: number): { data: Uint8Array; end: number } => {
		const out = new Uint8Array(size);
		inflateReset(zs);
		zs.input = pack;
		zs.next_in = start;
		zs.avail_in = trailer - start;
		zs.output = out;
		zs.next_out = 0;
		zs.avail_out = size;
		const ret = inflate(zs, Z_FINISH);
		if (ret !== Z_STREAM_END || zs.total_out !== size) throw new PackFormatError(`object at ${start} does not inflate to its stated size`);
		return { data: out, end: zs.next_in };
	};

	const entries: Entry[] = new Array(count);
	const byOffset = new Map<number, Entry>();
	const cache = new ByteCache(opts.cacheBytes ?? 32 * 1024 * 1024);
	const byOid = new Map<string, Entry>();
	const deferred: Entry[] = [];
	let pos = 12;
	let lastPercent = -1;
	const progress = async (done: number) => {
		const percent = Math.floor((done * 100) / Math.max(1, count));
		if (percent !== lastPercent && opts.onProgress) await opts.onProgress({ phase: 'Receiving objects', loaded: done, total: count });
		lastPercent = percent;
	};

	const resolve = async (e: Entry): Promise<Resolved> => {
		const hit = cache.get(e.offset);
		if (hit) return hit;
		const raw = inflateAt(e.dataStart, e.size).data;
		const out = await applyEntry(e, raw);
		cache.set(e.offset, out);
		return out;
	};
	const applyEntry = async (e: Entry, raw: Uint8Array): Promise<Resolved> => {
		if (e.kind !== OFS_DELTA && e.kind !== REF_DELTA) return { type: TYPES[e.kind], data: raw };
		const base = await baseOf(e);
		return { type: base.type, data: applyDelta(raw, base.data) };
	};
	/** Bases outside the pack (thin packs), fetched once each. */
	const outside = new Map<string, Resolved>();
	const baseOf = async (e: Entry): Promise<Resolved> => {
		if (e.kind === OFS_DELTA) {
			const base = byOffset.get(e.baseOffset);
			if (!base) throw new PackFormatError(`delta at ${e.offset} points to no object`);
			return resolve(base);
		}
		const inPack = byOid.get(e.baseOid);
		if (inPack) return resolve(inPack);
		const ext = outside.get(e.baseOid);
		if (ext) return ext;
		throw new PackFormatError(`delta base ${e.baseOid} is not in the pack`);
	};
	/** Whether `e`'s base has been named (so `e` can be resolved now). */
	const baseReady = (e: Entry): boolean => {
		if (e.kind === OFS_DELTA) return byOffset.get(e.baseOffset)?.oid != null;
		if (e.kind === REF_DELTA) return byOid.has(e.baseOid) || outside.has(e.baseOid);
		return true;
	};
	/** Asks the outside callback for `oid`; false when it has no such object. */
	const fetchOutside = async (oid: string): Promise<boolean> => {
		if (!opts.external) return false;
		let ext: { type: string; object: Uint8Array };
		try {
			ext = await opts.external(oid);
		} catch {
			return false;
		}
		const type = ext.type as PackObjectType;
		if (!['commit', 'tree', 'blob', 'tag'].includes(type)) throw new PackFormatError(`delta base ${oid} is a ${ext.type}`);
		outside.set(oid, { type, data: ext.object });
		return true;
	};
	const name = (e: Entry, obj: Resolved) => {
		e.oid = objectId(obj.type, obj.data);
		byOid.set(toHex(e.oid), e);
	};

	for (let i = 0; i < count; i++) {
		if (pos >= trailer) throw new PackFormatError(`ends after ${i} of ${count} objects`);
		const offset = pos;
		let c = pack[pos++];
		const kind = (c >> 4) & 7;
		let size = c & 15;
		let scale = 16;
		while (c & 0x80) {
			c = pack[pos++];
			size += (c & 0x7f) * scale;
			scale *= 128;
		}
		let baseOffset = -1;
		let baseOid = '';
		if (kind === OFS_DELTA) {
			c = pack[pos++];
			let back = c & 0x7f;
			while (c & 0x80) {
				c = pack[pos++];
				back = (back + 1) * 128 + (c & 0x7f);
			}
			baseOffset = offset - back;
		} else if (kind === REF_DELTA) {
			baseOid = toHex(pack.subarray(pos, pos + 20));
			pos += 20;
		} else if (!TYPES[kind]) {
			throw new PackFormatError(`object type ${kind} at ${offset}`);
		}
		const { data, end } = inflateAt(pos, size);
		const e: Entry = { offset, dataStart: pos, end, kind, size, baseOffset, baseOid, oid: null };
		entries[i] = e;
		byOffset.set(offset, e);
		pos = end;
		if (!baseReady(e)) {
			deferred.push(e); // its base comes later in the pack (or lies outside it)
		} else {
			const obj = await applyEntry(e, data);
			cache.set(offset, obj);
			name(e, obj);
		}
		await progress(i + 1);
	}
	if (pos !== trailer) throw new PackFormatError(`${trailer - pos} bytes after the last object`);
	// Deltas whose base came later in the pack, in rounds; when no round can move, a base must
	// come from outside the pack (a thin pack): ask for the missing ones until one is found.
	let pending = deferred;
	while (pending.length) {
		const next: Entry[] = [];
		for (const e of pending) {
			if (baseReady(e)) name(e, await resolve(e));
			else next.push(e);
		}
		if (next.length === pending.length) {
			const missing = [...new Set(next.filter((e) => e.kind === REF_DELTA && !byOid.has(e.baseOid)).map((e) => e.baseOid))];
			let found = false;
			for (const oid of missing) if ((found = await fetchOutside(oid))) break;
			if (!found) throw new PackFormatError(missing.length ? `delta base ${missing[0]} is not in the pack` : 'its deltas depend on each other in a cycle');
		}
		pending = next;
	}
	return { idx: writeIdx(entries, pack), oids: entries.map((e) => toHex(e.oid as Uint8Array)) };
}

/** SHA-1 of a large buffer: WebCrypto's native digest when there is one (one call), else ours. */
async function digestSha1(bytes: Uint8Array): Promise<Uint8Array> {
	const subtle = globalThis.crypto?.subtle;
	if (subtle) {
		try {
			return new Uint8Array(await subtle.digest('SHA-1', bytes as Uint8Array<ArrayBuffer>));
		} catch {
			// no SHA-1 in this WebCrypto: hash it here
		}
	}
	return new Sha1().update(bytes).digest();
}

/** Git's object id: SHA-1 of `<type> <size>\0` and the content. */
function objectId(type: PackObjectType, data: Uint8Array): Uint8Array {
	return new Sha1().update(encoder.encode(`${type} ${data.length}\0`)).update(data).digest();
}

/** Applies a git delta to `base`. */
export function applyDelta(delta: Uint8Array, base: Uint8Array): Uint8Array {
	let p = 0;
	const varint = (): number => {
		let v = 0;
		let scale = 1;
		let c: number;
		do {
			c = delta[p++];
			v += (c & 0x7f) * scale;
			scale *= 128;
		} while (c & 0x80);
		return v;
	};
	const srcSize = varint();
	if (srcSize !== base.length) throw new PackFormatError(`delta expects a base of ${srcSize} bytes, got ${base.length}`);
	const out = new Uint8Array(varint());
	let o = 0;
	while (p < delta.length) {
		const op = delta[p++];
		if (op & 0x80) {
			let off = 0;
			let len = 0;
			if (op & 0x01) off |= delta[p++];
			if (op & 0x02) off |= delta[p++] << 8;
			if (op & 0x04) off |= delta[p++] << 16;
			if (op & 0x08) off = (off | (delta[p++] << 24)) >>> 0;
			if (op & 0x10) len |= delta[p++];
			if (op & 0x20) len |= delta[p++] << 8;
			if (op & 0x40) len |= delta[p++] << 16;
			if (len === 0) len = 0x10000;
			if (off + len > base.length || o + len > out.length) throw new PackFormatError('delta copies past its base');
			out.set(base.subarray(off, off + len), o);
			o += len;
		} else if (op) {
			if (p + op > delta.length || o + op > out.length) throw new PackFormatError('delta inserts past its end');
			out.set(delta.subarray(p, p + op), o);
			p += op;
			o += op;
		} else {
			throw new PackFormatError('delta opcode 0');
		}
	}
	if (o !== out.length) throw new PackFormatError('delta result is shorter than stated');
	return out;
}

/** The version-2 index of `entries` (sorted by object id), ending with the pack's and its own checksum. */
function writeIdx(entries: Entry[], pack: Uint8Array): Uint8Array {
	const sorted = [...entries].sort((a, b) => compareBytes(a.oid as Uint8Array, b.oid as Uint8Array));
	const n = sorted.length;
	const large = sorted.filter((e) => e.offset >= 0x80000000);
	const size = 8 + 256 * 4 + n * 20 + n * 4 + n * 4 + large.length * 8 + 40;
	const out = new Uint8Array(size);
	const view = new DataView(out.buffer);
	out.set([0xff, 0x74, 0x4f, 0x63], 0);
	view.setUint32(4, 2);
	const fanout = 8;
	let at = 0;
	for (let b = 0; b < 256; b++) {
		while (at < n && (sorted[at].oid as Uint8Array)[0] <= b) at++;
		view.setUint32(fanout + b * 4, at);
	}
	const names = fanout + 1024;
	const crcs = names + n * 20;
	const offsets = crcs + n * 4;
	const largeAt = offsets + n * 4;
	let li = 0;
	sorted.forEach((e, i) => {
		out.set(e.oid as Uint8Array, names + i * 20);
		view.setUint32(crcs + i * 4, crc32(pack.subarray(e.offset, e.end)));
		if (e.offset >= 0x80000000) {
			view.setUint32(offsets + i * 4, (0x80000000 | li) >>> 0);
			view.setUint32(largeAt + li * 8, Math.floor(e.offset / 0x100000000));
			view.setUint32(largeAt + li * 8 + 4, e.offset >>> 0);
			li++;
		} else {
			view.setUint32(offsets + i * 4, e.offset);
		}
	});
	const tail = largeAt + large.length * 8;
	out.set(pack.subarray(pack.length - 20), tail);
	out.set(new Sha1().update(out.subarray(0, tail + 20)).digest(), tail + 20);
	return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && compareBytes(a, b) === 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
	return 0;
}

function readU32(b: Uint8Array, at: number): number {
	return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** Inflated objects by pack offset, dropping the oldest past a byte budget. */
class ByteCache {
	#map = new Map<number, Resolved>();
	#bytes = 0;
	constructor(readonly budget: number) {}
	/** The last object set, kept whatever its size: a delta chain of big objects then resolves in one pass. */
	#last: { offset: number; value: Resolved } | null = null;
	get(offset: number): Resolved | undefined {
		return this.#last?.offset === offset ? this.#last.value : this.#map.get(offset);
	}
	set(offset: number, value: Resolved): void {
		this.#last = { offset, value };
		if (value.data.length > this.budget || this.#map.has(offset)) return;
		this.#map.set(offset, value);
		this.#bytes += value.data.length;
		for (const [k, v] of this.#map) {
			if (this.#bytes <= this.budget) break;
			this.#map.delete(k);
			this.#bytes -= v.data.length;
		}
	}
}
