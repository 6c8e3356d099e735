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
	const indexer = new PackIndexer(opts);
	await indexer.push(pack);
	const { idx, oids } = await indexer.finish();
	return { idx, oids };
}

/**
 * Indexes a pack while it downloads: reads `stream` to its end, indexing each object as soon as
 * its bytes are in. Returns the whole pack and its `.idx` (null for an empty stream: no pack).
 */
export async function indexPackStream(
	stream: AsyncIterable<Uint8Array> | AsyncIterator<Uint8Array>,
	opts: IndexPackOptions = {}
): Promise<{ pack: Uint8Array; idx: Uint8Array | null; reader: PackReader | null }> {
	const it = Symbol.asyncIterator in stream ? (stream as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]() : (stream as AsyncIterator<Uint8Array>);
	const indexer = new PackIndexer(opts);
	for (;;) {
		const step = await it.next();
		if (step.done) break;
		if (step.value?.length) await indexer.push(step.value);
	}
	if (indexer.size === 0) return { pack: new Uint8Array(0), idx: null, reader: null };
	const { pack, idx } = await indexer.finish();
	return { pack, idx, reader: indexer };
}

/** Reads objects out of a pack indexed in memory (the one just downloaded), deltas resolved. */
export interface PackReader {
	/** The object `oid` (its bytes are shared: read-only), or null when the pack does not hold it. */
	read(oid: string): Promise<{ type: PackObjectType; data: Uint8Array } | null>;
}

/**
 * A pack's index built as its bytes arrive (`push`), finished once they all have (`finish`).
 * An object is indexed as soon as its compressed data is complete; one that straddles the bytes
 * received so far is tried again with the next chunk.
 */
export class PackIndexer implements PackReader {
	readonly #opts: IndexPackOptions;
	#buf = new Uint8Array(1 << 16);
	#len = 0;
	/** Objects the pack says it holds (-1 until its header is in). */
	#count = -1;
	/** Where the next object starts, and how many objects are indexed. */
	#pos = 12;
	#seen = 0;
	#lastPercent = -1;
	readonly #zs = new ZStream();
	readonly #entries: Entry[] = [];
	readonly #byOffset = new Map<number, Entry>();
	readonly #byOid = new Map<string, Entry>();
	readonly #cache: ByteCache;
	/** Bases outside the pack (thin packs), fetched once each. */
	readonly #outside = new Map<string, Resolved>();
	readonly #deferred: Entry[] = [];
	/** A fault found while the bytes were arriving, reported by `finish` (after the checksum). */
	#failed: unknown = null;
	/** Every object is in and named: {@link read} may be called. */
	#finished = false;

	constructor(opts: IndexPackOptions = {}) {
		this.#opts = opts;
		this.#cache = new ByteCache(opts.cacheBytes ?? 32 * 1024 * 1024);
		inflateInit2(this.#zs, 15);
	}

	/** Bytes received so far. */
	get size(): number {
		return this.#len;
	}

	/** Adds the next bytes of the pack and indexes every object they complete. */
	async push(chunk: Uint8Array): Promise<void> {
		if (this.#len + chunk.length > this.#buf.length) {
			const grown = new Uint8Array(Math.max(this.#buf.length * 2, this.#len + chunk.length));
			grown.set(this.#buf.subarray(0, this.#len));
			this.#buf = grown;
		}
		this.#buf.set(chunk, this.#len);
		this.#len += chunk.length;
		if (this.#failed) return;
		try {
			await this.#parse(false);
		} catch (err) {
			this.#failed = err; // a damaged download says so by its checksum: `finish` tells which
		}
	}

	/** After {@link finish}: the object `oid` of this pack, or null when the pack does not hold it. */
	async read(oid: string): Promise<Resolved | null> {
		if (!this.#finished) throw new Error('PackIndexer.read before finish');
		const e = this.#byOid.get(oid);
		return e ? this.#resolve(e) : null;
	}

	/** Checks the whole pack (every object, nothing after them, its checksum) and writes its index. */
	async finish(): Promise<{ pack: Uint8Array; idx: Uint8Array; oids: string[] }> {
		// The pack in a buffer of its own size: the growth buffer can be twice as large, and the
		// pack is kept (and stored) well after indexing.
		if (this.#buf.length > this.#len) this.#buf = this.#buf.slice(0, this.#len);
		const pack = this.#buf;
		if (this.#len < 32) throw new PackFormatError('no PACK header');
		const trailer = this.#len - 20;
		if (!sameBytes(await digestSha1(pack.subarray(0, trailer)), pack.subarray(trailer))) throw new PackFormatError('its checksum does not match (damaged in transfer?)');
		if (this.#failed) throw this.#failed;
		await this.#parse(true);
		if (this.#seen < this.#count) throw new PackFormatError(`ends after ${this.#seen} of ${this.#count} objects`);
		if (this.#pos !== trailer) throw new PackFormatError(`${trailer - this.#pos} bytes after the last object`);
		await this.#resolveDeferred();
		this.#finished = true;
		return { pack, idx: writeIdx(this.#entries, pack), oids: this.#entries.map((e) => toHex(e.oid as Uint8Array)) };
	}

	/** Indexes the objects whose bytes are complete; `final`: every byte is in (the last 20 are the checksum). */
	async #parse(final: boolean): Promise<void> {
		const b = this.#buf;
		if (this.#count < 0) {
			if (this.#len < 12) return;
			if (b[0] !== 0x50 || b[1] !== 0x41 || b[2] !== 0x43 || b[3] !== 0x4b) throw new PackFormatError('no PACK header');
			const version = readU32(b, 4);
			if (version !== 2 && version !== 3) throw new PackFormatError(`version ${version}`);
			this.#count = readU32(b, 8);
		}
		const limit = final ? this.#len - 20 : this.#len;
		while (this.#seen < this.#count) {
			const parsed = this.#header(this.#pos, limit);
			if (!parsed) {
				if (final) throw new PackFormatError(`ends after ${this.#seen} of ${this.#count} objects`);
				return;
			}
			const inflated = this.#inflateAt(parsed.dataStart, parsed.size, limit, !final);
			if (!inflated) return; // its compressed data is not all in yet
			const e: Entry = { ...parsed, end: inflated.end, oid: null };
			this.#entries.push(e);
			this.#byOffset.set(e.offset, e);
			this.#pos = inflated.end;
			this.#seen++;
			if (!this.#baseReady(e)) {
				this.#deferred.push(e); // its base comes later in the pack (or lies outside it)
			} else {
				const obj = await this.#apply(e, inflated.data);
				this.#cache.set(e.offset, obj);
				this.#name(e, obj);
			}
			await this.#progress();
		}
	}

	/** The object header at `at`, or null when its bytes are not all in below `limit`. */
	#header(at: number, limit: number): Omit<Entry, 'end' | 'oid'> | null {
		const b = this.#buf;
		let pos = at;
		if (pos >= limit) return null;
		let c = b[pos++];
		const kind = (c >> 4) & 7;
		let size = c & 15;
		let scale = 16;
		while (c & 0x80) {
			if (pos >= limit) return null;
			c = b[pos++];
			size += (c & 0x7f) * scale;
			scale *= 128;
		}
		let baseOffset = -1;
		let baseOid = '';
		if (kind === OFS_DELTA) {
			if (pos >= limit) return null;
			c = b[pos++];
			let back = c & 0x7f;
			while (c & 0x80) {
				if (pos >= limit) return null;
				c = b[pos++];
				back = (back + 1) * 128 + (c & 0x7f);
			}
			baseOffset = at - back;
		} else if (kind === REF_DELTA) {
			if (pos + 20 > limit) return null;
			baseOid = toHex(b.subarray(pos, pos + 20));
			pos += 20;
		} else if (!TYPES[kind]) {
			throw new PackFormatError(`object type ${kind} at ${at}`);
		}
		return { offset: at, dataStart: pos, kind, size, baseOffset, baseOid };
	}

	/**
	 * Inflates the object data at `start` (of `size` bytes inflated) from bytes below `limit`;
	 * null when `partial` and the compressed data runs past what is in.
	 */
	#inflateAt(start: number, size: number, limit: number, partial = false): { data: Uint8Array; end: number } | null {
		const zs = this.#zs;
		const out = new Uint8Array(size);
		inflateReset(zs);
		zs.input = this.#buf;
		zs.next_in = start;
		zs.avail_in = Math.max(0, limit - start);
		zs.output = out;
		zs.next_out = 0;
		zs.avail_out = size;
		const ret = inflate(zs, Z_FINISH);
		if (ret === Z_STREAM_END && zs.total_out === size) return { data: out, end: zs.next_in };
		if (partial && zs.avail_in === 0) return null;
		throw new PackFormatError(`object at ${start} does not inflate to its stated size`);
	}

	async #progress(): Promise<void> {
		const percent = Math.floor((this.#seen * 100) / Math.max(1, this.#count));
		if (percent !== this.#lastPercent && this.#opts.onProgress) await this.#opts.onProgress({ phase: 'Receiving objects', loaded: this.#seen, total: this.#count });
		this.#lastPercent = percent;
	}

	async #resolve(e: Entry): Promise<Resolved> {
		const hit = this.#cache.get(e.offset);
		if (hit) return hit;
		const raw = (this.#inflateAt(e.dataStart, e.size, e.end) as { data: Uint8Array }).data;
		const out = await this.#apply(e, raw);
		this.#cache.set(e.offset, out);
		return out;
	}

	async #apply(e: Entry, raw: Uint8Array): Promise<Resolved> {
		if (e.kind !== OFS_DELTA && e.kind !== REF_DELTA) return { type: TYPES[e.kind], data: raw };
		const base = await this.#baseOf(e);
		return { type: base.type, data: applyDelta(raw, base.data) };
	}

	async #baseOf(e: Entry): Promise<Resolved> {
		if (e.kind === OFS_DELTA) {
			const base = this.#byOffset.get(e.baseOffset);
			if (!base) throw new PackFormatError(`delta at ${e.offset} points to no object`);
			return this.#resolve(base);
		}
		const inPack = this.#byOid.get(e.baseOid);
		if (inPack) return this.#resolve(inPack);
		const ext = this.#outside.get(e.baseOid);
		if (ext) return ext;
		throw new PackFormatError(`delta base ${e.baseOid} is not in the pack`);
	}

	/** Whether `e`'s base has been named (so `e` can be resolved now). */
	#baseReady(e: Entry): boolean {
		if (e.kind === OFS_DELTA) return this.#byOffset.get(e.baseOffset)?.oid != null;
		if (e.kind === REF_DELTA) return this.#byOid.has(e.baseOid) || this.#outside.has(e.baseOid);
		return true;
	}

	#name(e: Entry, obj: Resolved): void {
		e.oid = objectId(obj.type, obj.data);
		this.#byOid.set(toHex(e.oid), e);
	}

	/** Asks the outside callback for `oid`; false when it has no such object. */
	async #fetchOutside(oid: string): Promise<boolean> {
		if (!this.#opts.external) return false;
		let ext: { type: string; object: Uint8Array };
		try {
			ext = await this.#opts.external(oid);
		} catch {
			return false;
		}
		const type = ext.type as PackObjectType;
		if (!['commit', 'tree', 'blob', 'tag'].includes(type)) throw new PackFormatError(`delta base ${oid} is a ${ext.type}`);
		this.#outside.set(oid, { type, data: ext.object });
		return true;
	}

	/**
	 * Deltas whose base came later in the pack, in rounds; when no round can move, a base must
	 * come from outside the pack (a thin pack): asks for the missing ones until one is found.
	 */
	async #resolveDeferred(): Promise<void> {
		let pending = this.#deferred;
		while (pending.length) {
			const next: Entry[] = [];
			for (const e of pending) {
				if (this.#baseReady(e)) this.#name(e, await this.#resolve(e));
				else next.push(e);
			}
			if (next.length === pending.length) {
				const missing = [...new Set(next.filter((e) => e.kind === REF_DELTA && !this.#byOid.has(e.baseOid)).map((e) => e.baseOid))];
				let found = false;
				for (const oid of missing) if ((found = await this.#fetchOutside(oid))) break;
				if (!found) throw new PackFormatError(missing.length ? `delta base ${missing[0]} is not in the pack` : 'its deltas depend on each other in a cycle');
			}
			pending = next;
		}
	}
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
