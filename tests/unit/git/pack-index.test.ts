/**
 * The pack indexer against native git: for packs native git writes (offset deltas, ref deltas,
 * empty and large objects, binary content) its `.idx` must equal `git index-pack`'s byte for
 * byte; thin packs resolve outside bases through the callback; broken packs are refused.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDelta, indexPack, indexPackStream, PackFormatError } from '../../../src/lib/git/pack-index';
import { sha1, toHex } from '../../../src/lib/git/sha1';
import { crc32 } from '../../../src/lib/git/crc32';
import { git } from '../../support/repos';

let work: string;
let repo: string;
let first: string;
let last: string;

/** Runs native git with bytes on stdin, returning stdout as bytes. */
function gitBytes(cwd: string, args: string[], input: string): Buffer {
	return execFileSync('git', args, { cwd, input, maxBuffer: 64 * 1024 * 1024 });
}

/** A pack of `revs` (pack-objects --revs), and the idx native `git index-pack` makes of it. */
function nativePack(args: string[], revs: string): { pack: Uint8Array; idx: Uint8Array | null } {
	const out = mkdtempSync(path.join(work, 'pack-'));
	if (args.includes('--thin')) return { pack: new Uint8Array(gitBytes(repo, ['pack-objects', '--revs', '-q', '--stdout', ...args], revs)), idx: null };
	const name = gitBytes(repo, ['pack-objects', '--revs', '-q', ...args, path.join(out, 'p')], revs).toString().trim();
	const packFile = path.join(out, `p-${name}.pack`);
	const pack = new Uint8Array(readFileSync(packFile));
	const copy = path.join(out, 'copy.pack');
	writeFileSync(copy, pack);
	execFileSync('git', ['index-pack', '-o', path.join(out, 'copy.idx'), copy], { cwd: repo });
	return { pack, idx: new Uint8Array(readFileSync(path.join(out, 'copy.idx'))) };
}

beforeAll(() => {
	work = mkdtempSync(path.join(os.tmpdir(), 'waymark-pack-index-'));
	repo = path.join(work, 'repo');
	mkdirSync(repo);
	git(repo, 'init', '-q');
	const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} line ${i} of a plan that changes a little each commit`).join('\n');
	for (let c = 0; c < 6; c++) {
		for (let f = 0; f < 12; f++) writeFileSync(path.join(repo, `plan-${f}.md`), `${lines(60 + c, `c${c < 3 ? 0 : 1}`)}\n- [ ] step ${c} of ${f}\n`);
		writeFileSync(path.join(repo, 'empty.txt'), '');
		writeFileSync(path.join(repo, 'big.bin'), Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7 + c) % 251)));
		git(repo, 'add', '-A');
		git(repo, 'commit', '-q', '-m', `commit ${c}`);
		if (c === 0) first = git(repo, 'rev-parse', 'HEAD').trim();
	}
	last = git(repo, 'rev-parse', 'HEAD').trim();
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('indexPack', () => {
	it('writes the same idx as git index-pack for a pack with offset deltas', async () => {
		const { pack, idx } = nativePack(['--delta-base-offset'], `${last}\n`);
		const ours = await indexPack(pack);
		expect(Buffer.from(ours.idx).equals(Buffer.from(idx as Uint8Array))).toBe(true);
	});

	it('writes the same idx as git index-pack for a pack with ref deltas', async () => {
		const { pack, idx } = nativePack([], `${last}\n`);
		const ours = await indexPack(pack);
		expect(Buffer.from(ours.idx).equals(Buffer.from(idx as Uint8Array))).toBe(true);
	});

	it('lists exactly the objects of the packed revisions, with a cache too small to keep any', async () => {
		const { pack, idx } = nativePack(['--delta-base-offset'], `${last}\n`);
		const ours = await indexPack(pack, { cacheBytes: 1 });
		expect(Buffer.from(ours.idx).equals(Buffer.from(idx as Uint8Array))).toBe(true);
		const expected = git(repo, 'rev-list', '--objects', last).trim().split('\n').map((l) => l.slice(0, 40));
		expect([...ours.oids].sort()).toEqual([...expected].sort());
	});

	it('resolves a thin pack’s outside bases through the callback', async () => {
		const { pack } = nativePack(['--thin'], `${last}\n^${first}\n`);
		const asked = new Set<string>();
		const ours = await indexPack(pack, {
			external: async (oid) => {
				asked.add(oid);
				const type = git(repo, 'cat-file', '-t', oid).trim();
				return { type, object: new Uint8Array(execFileSync('git', ['cat-file', type, oid], { cwd: repo })) };
			}
		});
		const expected = git(repo, 'rev-list', '--objects', last, `^${first}`).trim().split('\n').map((l) => l.slice(0, 40));
		expect([...ours.oids].sort()).toEqual([...expected].sort());
		expect(asked.size).toBeGreaterThan(0);
		for (const oid of asked) expect(expected).not.toContain(oid);
		// Without the callback the same pack is refused, saying which base is missing.
		await expect(indexPack(pack)).rejects.toThrow(/delta base [0-9a-f]{40} is not in the pack/);
	});

	it('indexes a pack that arrives in chunks of any size exactly as a whole one', async () => {
		const { pack, idx } = nativePack(['--delta-base-offset'], `${last}\n`);
		for (const sizes of [[1, 7, 13], [4096], [65_536, 3], [pack.length]]) {
			const chunks: Uint8Array[] = [];
			for (let at = 0, i = 0; at < pack.length; i++) {
				const n = sizes[i % sizes.length];
				chunks.push(pack.subarray(at, at + n));
				at += n;
			}
			async function* stream() {
				yield* chunks;
			}
			const ours = await indexPackStream(stream());
			expect(Buffer.from(ours.pack).equals(Buffer.from(pack))).toBe(true);
			expect(Buffer.from(ours.idx as Uint8Array).equals(Buffer.from(idx as Uint8Array))).toBe(true);
		}
		async function* none() {}
		expect(await indexPackStream(none())).toEqual({ pack: new Uint8Array(0), idx: null, reader: null });
	});

	it('reports progress up to every object', async () => {
		const { pack } = nativePack(['--delta-base-offset'], `${first}\n`);
		const seen: number[] = [];
		const ours = await indexPack(pack, { onProgress: (p) => void seen.push(p.loaded) });
		expect(seen.at(-1)).toBe(ours.oids.length);
	});

	it('refuses broken packs with a PackFormatError', async () => {
		const { pack } = nativePack(['--delta-base-offset'], `${first}\n`);
		await expect(indexPack(new Uint8Array(40))).rejects.toBeInstanceOf(PackFormatError);
		await expect(indexPack(pack.subarray(0, pack.length - 100))).rejects.toBeInstanceOf(PackFormatError);
		const corrupt = pack.slice();
		corrupt[40] ^= 0xff;
		await expect(indexPack(corrupt)).rejects.toThrow(/checksum does not match/);
	});
});

/** Hand-made packs, for object orders native pack-objects does not write but index-pack accepts. */
const made = {
	oid: (data: Buffer) => createHash('sha1').update(`blob ${data.length}\0`).update(data).digest(),
	head(type: number, size: number): Buffer {
		const out: number[] = [];
		let c = (type << 4) | (size & 15);
		let rest = Math.floor(size / 16);
		while (rest) {
			out.push(c | 0x80);
			c = rest & 0x7f;
			rest = Math.floor(rest / 128);
		}
		out.push(c);
		return Buffer.from(out);
	},
	/** A delta from `base` to `target` (same first 5 bytes): copy them, insert the rest. */
	delta(base: Buffer, target: Buffer): Buffer {
		const varint = (n: number) => {
			const b: number[] = [];
			do {
				let c = n & 0x7f;
				n = Math.floor(n / 128);
				if (n) c |= 0x80;
				b.push(c);
			} while (n);
			return b;
		};
		const rest = target.subarray(5);
		return Buffer.from([...varint(base.length), ...varint(target.length), 0x90, 5, rest.length, ...rest]);
	},
	refDelta(base: Buffer, target: Buffer): Buffer {
		const d = made.delta(base, target);
		return Buffer.concat([made.head(7, d.length), made.oid(base), deflateSync(d)]);
	},
	ofsDelta(back: number, base: Buffer, target: Buffer): Buffer {
		const d = made.delta(base, target);
		const ofs = [back & 127];
		let v = back;
		while ((v = Math.floor(v / 128))) ofs.unshift(128 | (--v & 127));
		return Buffer.concat([made.head(6, d.length), Buffer.from(ofs), deflateSync(d)]);
	},
	blob: (data: Buffer) => Buffer.concat([made.head(3, data.length), deflateSync(data)]),
	pack(objects: Buffer[]): Uint8Array {
		const head = Buffer.alloc(12);
		head.write('PACK');
		head.writeUInt32BE(2, 4);
		head.writeUInt32BE(objects.length, 8);
		const body = Buffer.concat([head, ...objects]);
		return new Uint8Array(Buffer.concat([body, createHash('sha1').update(body).digest()]));
	}
};

describe('indexPack on object orders git does not write', () => {
	const hex = (b: Buffer) => made.oid(b).toString('hex');

	it('resolves an offset delta on a ref delta whose base comes later in the pack', async () => {
		const b = Buffer.from('hello world\n');
		const x = Buffer.from('hello moon');
		const y = Buffer.from('hello moonlight');
		const first = made.refDelta(b, x);
		const pack = made.pack([first, made.ofsDelta(first.length, x, y), made.blob(b)]);
		const ours = await indexPack(pack);
		expect([...ours.oids].sort()).toEqual([hex(b), hex(x), hex(y)].sort());
		// native git agrees on the index
		const dir = mkdtempSync(path.join(work, 'made-'));
		writeFileSync(path.join(dir, 'p.pack'), pack);
		execFileSync('git', ['index-pack', '-o', path.join(dir, 'p.idx'), path.join(dir, 'p.pack')], { cwd: repo });
		expect(Buffer.from(ours.idx).equals(readFileSync(path.join(dir, 'p.idx')))).toBe(true);
	});

	it('asks outside the pack only for the base no delta in it makes', async () => {
		const e = Buffer.from('hello external\n');
		const z = Buffer.from('hello zed');
		const x = Buffer.from('hello ex');
		const pack = made.pack([made.refDelta(z, x), made.refDelta(e, z)]);
		const asked: string[] = [];
		const ours = await indexPack(pack, {
			external: async (oid) => {
				asked.push(oid);
				if (oid === hex(e)) return { type: 'blob', object: new Uint8Array(e) };
				throw new Error(`no object ${oid}`);
			}
		});
		expect([...ours.oids].sort()).toEqual([hex(x), hex(z)].sort());
		expect(asked.at(-1)).toBe(hex(e));
		expect(asked.filter((o) => o === hex(e))).toHaveLength(1);
	});
});

describe('applyDelta', () => {
	it('copies and inserts, and refuses a delta for another base', () => {
		const base = new TextEncoder().encode('hello world');
		// src 11, dst 10: copy "hello" (offset 0, len 5), insert " moon"
		const delta = new Uint8Array([11, 10, 0x90, 5, 5, ...new TextEncoder().encode(' moon')]);
		expect(new TextDecoder().decode(applyDelta(delta, base))).toBe('hello moon');
		expect(() => applyDelta(delta, base.subarray(1))).toThrow(PackFormatError);
	});
});

describe('sha1 and crc32', () => {
	it('match node:crypto and zlib on lengths around the block size', async () => {
		const { createHash } = await import('node:crypto');
		const zlib = await import('node:zlib');
		for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 1000, 100_000]) {
			const bytes = new Uint8Array(n).map((_, i) => (i * 131) % 256);
			expect(toHex(sha1(bytes.subarray(0, n >> 1), bytes.subarray(n >> 1)))).toBe(createHash('sha1').update(bytes).digest('hex'));
			expect(crc32(bytes)).toBe(zlib.crc32(bytes));
		}
	});
});

