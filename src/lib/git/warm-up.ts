/**
 * Warms the git worker's pack indexer while the person types a URL: a small pack made here
 * (plan-like blobs, some as offset deltas) is indexed once, so the first real clone runs inflate,
 * SHA-1 and delta code the engine has already compiled, instead of compiling it mid-download.
 */
import { indexPack } from './pack-index';
import { Sha1 } from './sha1';

const encoder = new TextEncoder();

/** zlib-deflates `data` (git's object compression) with the platform's CompressionStream. */
async function deflate(data: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A pack object's header: its type and inflated size. */
function objectHeader(type: number, size: number): number[] {
	const out = [(type << 4) | (size & 15)];
	let rest = Math.floor(size / 16);
	while (rest > 0) {
		out[out.length - 1] |= 0x80;
		out.push(rest & 0x7f);
		rest = Math.floor(rest / 128);
	}
	return out;
}

/** The distance back to an offset delta's base, as packs write it. */
function ofsDistance(distance: number): number[] {
	let d = distance;
	const out = [d & 0x7f];
	d = Math.floor(d / 128);
	while (d > 0) {
		d -= 1;
		out.unshift(0x80 | (d & 0x7f));
		d = Math.floor(d / 128);
	}
	return out;
}

function varint(n: number): number[] {
	const out: number[] = [];
	let v = n;
	do {
		let b = v & 0x7f;
		v = Math.floor(v / 128);
		if (v > 0) b |= 0x80;
		out.push(b);
	} while (v > 0);
	return out;
}

/** A delta making `target` from `base`: copy the shared head, insert the new middle, copy the shared tail. */
function makeDelta(base: Uint8Array, head: number, insert: Uint8Array, tailFrom: number): Uint8Array {
	const copy = (offset: number, size: number): number[] => {
		const op = [0x80];
		for (let i = 0; i < 4; i++) {
			const byte = (offset >>> (8 * i)) & 0xff;
			if (byte) {
				op[0] |= 1 << i;
				op.push(byte);
			}
		}
		for (let i = 0; i < 3; i++) {
			const byte = (size >>> (8 * i)) & 0xff;
			if (byte) {
				op[0] |= 0x10 << i;
				op.push(byte);
			}
		}
		return op;
	};
	const ops: number[] = [...varint(base.length), ...varint(head + insert.length + (base.length - tailFrom))];
	if (head > 0) ops.push(...copy(0, head));
	for (let at = 0; at < insert.length; at += 127) {
		const part = insert.subarray(at, at + 127);
		ops.push(part.length, ...part);
	}
	if (tailFrom < base.length) ops.push(...copy(tailFrom, base.length - tailFrom));
	return new Uint8Array(ops);
}

/** A plan-like line of text for blob `i`. */
function planText(i: number): Uint8Array {
	const lines = [`# Phase ${i}: warm-up`, '', '## Progress', ''];
	for (let j = 0; j < 24; j++) lines.push(`- [${(i + j) % 3 ? ' ' : 'x'}] (2026-01-${String((j % 28) + 1).padStart(2, '0')} 10:00Z) Step ${j} of part ${i}: check the ${['sync', 'index', 'outbox', 'panel'][j % 4]} path`);
	lines.push('', '## Decision Log', '', `- Decision: keep part ${i} small.`, '  Rationale: it warms the indexer.', '');
	return encoder.encode(lines.join('\n'));
}

/**
 * A valid pack of `count` objects: plan-like blobs, every third one an offset delta of the blob
 * before it (as git stores a file's versions).
 */
export async function makeWarmUpPack(count = 240): Promise<Uint8Array> {
	// Each object's type and inflated bytes; every third one a delta of the blob before it.
	const objects: { type: number; data: Uint8Array; base: number }[] = [];
	for (let i = 0; i < count; i++) {
		const prev = objects[i - 1];
		if (i % 3 === 2 && prev?.type === 3) {
			const half = Math.floor(prev.data.length / 2);
			const insert = encoder.encode(`- [ ] (2026-02-0${i % 9}) Added in version ${i} of this file\n`);
			objects.push({ type: 6, data: makeDelta(prev.data, half, insert, half + 10), base: i - 1 });
		} else objects.push({ type: 3, data: planText(i), base: -1 });
	}
	const deflated = await Promise.all(objects.map((o) => deflate(o.data)));
	const parts: Uint8Array[] = [new Uint8Array([0x50, 0x41, 0x43, 0x4b, 0, 0, 0, 2, (count >>> 24) & 0xff, (count >>> 16) & 0xff, (count >>> 8) & 0xff, count & 0xff])];
	const offsets: number[] = [];
	let size = 12;
	objects.forEach((o, i) => {
		offsets.push(size);
		const head = new Uint8Array([...objectHeader(o.type, o.data.length), ...(o.type === 6 ? ofsDistance(size - offsets[o.base]) : [])]);
		parts.push(head, deflated[i]);
		size += head.length + deflated[i].length;
	});
	const out = new Uint8Array(size + 20);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	out.set(new Sha1().update(out.subarray(0, size)).digest(), size);
	return out;
}

let warmed: Promise<void> | null = null;

/** Indexes a warm-up pack once per worker (failures are ignored: it only saves time). */
export function warmUpIndexer(): Promise<void> {
	warmed ??= (async () => {
		try {
			if (typeof CompressionStream !== 'function') return;
			await indexPack(await makeWarmUpPack());
		} catch {
			// nothing to warm: the first clone compiles as it goes
		}
	})();
	return warmed;
}
