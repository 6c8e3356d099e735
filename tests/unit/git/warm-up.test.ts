/**
 * The worker's warm-up pack is a real pack: native `git index-pack` accepts it, and the indexer
 * writes the same `.idx` for it and reads every object back as `git cat-file` does.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexPack, indexPackStream } from '../../../src/lib/git/pack-index';
import { makeWarmUpPack, warmUpIndexer } from '../../../src/lib/git/warm-up';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'waymark-warm-up-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('warm-up pack', () => {
	it('is accepted by git index-pack, with blobs and offset deltas, and indexes to the same idx', async () => {
		const pack = await makeWarmUpPack(60);
		const file = path.join(work, 'warm.pack');
		fs.writeFileSync(file, pack);
		execFileSync('git', ['init', '-q', '--bare', path.join(work, 'repo.git')]);
		execFileSync('git', ['index-pack', '-o', path.join(work, 'warm.idx'), file], { cwd: path.join(work, 'repo.git') });
		const native = new Uint8Array(fs.readFileSync(path.join(work, 'warm.idx')));
		const ours = await indexPack(pack);
		expect(ours.oids).toHaveLength(60);
		expect(Buffer.from(ours.idx).equals(Buffer.from(native))).toBe(true);
		// git reads the deltas back: verify-pack lists them as deltas of a base.
		const verify = execFileSync('git', ['verify-pack', '-v', path.join(work, 'warm.idx')], { encoding: 'utf8' });
		expect(verify).toMatch(/chain length = 1: 20 objects/);
		// Every object reads back as git cat-file shows it.
		fs.copyFileSync(file, path.join(work, 'repo.git/objects/pack/warm.pack'));
		fs.copyFileSync(path.join(work, 'warm.idx'), path.join(work, 'repo.git/objects/pack/warm.idx'));
		async function* once() {
			yield pack;
		}
		const { reader } = await indexPackStream(once());
		for (const oid of ours.oids) {
			const want = execFileSync('git', ['cat-file', 'blob', oid], { cwd: path.join(work, 'repo.git') });
			expect(Buffer.from((await reader?.read(oid))?.data ?? []).equals(want)).toBe(true);
		}
	});

	it('warms once and never throws', async () => {
		const first = warmUpIndexer();
		expect(warmUpIndexer()).toBe(first);
		await expect(first).resolves.toBeUndefined();
	});
});
