/**
 * Files as bytes: a plan with a byte-order mark keeps it through open, edit, commit, push and
 * sync; a file that is not UTF-8 is refused with a clear error instead of being opened with
 * U+FFFD in place of its bytes (and then saved so); a sync moves such a file byte for byte.
 * Checked on node:fs against the real git server, results read with native git.
 */
import { execFileSync } from 'node:child_process';
import fs, { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodeHttp from 'isomorphic-git/http/node';
import { describe, expect, it } from 'vitest';
import { commitWorkingFiles, discardWorkingFile, writeWorkingFile } from '../../../src/lib/git/commit-ops';
import { EncodingError, errorFromJSON } from '../../../src/lib/git/errors';
import { readOutbox } from '../../../src/lib/git/outbox';
import type { RepoFs } from '../../../src/lib/git/fs-utils';
import { readRepoFile, shallowClone } from '../../../src/lib/git/repo-ops';
import { syncRepo, type SyncContext } from '../../../src/lib/git/sync-ops';
import { decodeFileText } from '../../../src/lib/git/text-codec';
import { gitSuite } from '../../support/git-suite';
import { cloneNative, createBareRepo, fsckStrict, git, gitAsync } from '../../support/repos';

const BOM_PLAN = '\uFEFF# BOM plan\n\n## Progress\n\n- [ ] First\n- [ ] Second\n';
/** `- [x] Item ÿþ` in Latin-1: 0xFF 0xFE are not UTF-8. */
const LATIN = new Uint8Array([...Buffer.from('# Latin\n\n- [x] Item '), 0xff, 0xfe, 0x0a]);
const ANN = { name: 'Ann Example', email: 'ann@example.com' };

const nodeFs = fs as unknown as RepoFs;
let n = 0;

const suite = gitSuite('waymark-unit-encoding-');

async function setup(): Promise<{ bare: string; dir: string; ctx: SyncContext }> {
	const name = `enc-${++n}`;
	const bare = createBareRepo(suite.server.root, name, { files: { 'docs/bom.md': BOM_PLAN, 'docs/latin.md': LATIN } });
	const dir = path.join(suite.work, `clone-${n}`);
	await shallowClone({ fs: nodeFs, http: nodeHttp, dir, url: suite.server.repoUrl(name), branch: 'main' });
	return { bare, dir, ctx: { fs: nodeFs, http: nodeHttp, dir, remote: { url: suite.server.repoUrl(name), branch: 'main' }, timeZone: 'UTC' } };
}

/** The bytes of `file` on the remote's main branch, read with native git. */
function remoteBytes(bare: string, file: string): Buffer {
	return execFileSync('git', ['show', `main:${file}`], { cwd: bare });
}

describe('file bytes', () => {
	it('a BOM stays in the text read from the working tree and from HEAD', async () => {
		const { dir } = await setup();
		expect(await readRepoFile(nodeFs, 'docs/bom.md', dir)).toBe(BOM_PLAN);
		unlinkSync(path.join(dir, 'docs/bom.md'));
		expect(await readRepoFile(nodeFs, 'docs/bom.md', dir)).toBe(BOM_PLAN);
	});

	it('a ticked BOM plan is committed and pushed with its BOM, only the ticked line changed', async () => {
		const { bare, dir, ctx } = await setup();
		const text = await readRepoFile(nodeFs, 'docs/bom.md', dir);
		await writeWorkingFile(nodeFs, 'docs/bom.md', text.replace('- [ ] First', '- [x] First'), dir);
		await commitWorkingFiles({ fs: nodeFs, dir, paths: ['docs/bom.md'], message: 'docs(plan): progress — tick First', author: ANN });
		expect((await syncRepo(ctx, { push: true })).pushed).toBe(1);
		const pushed = remoteBytes(bare, 'docs/bom.md');
		expect([...pushed.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(pushed.toString('utf8')).toBe(BOM_PLAN.replace('- [ ] First', '- [x] First'));
		expect(git(bare, 'diff', '--numstat', 'main~1', 'main')).toBe('1\t1\tdocs/bom.md');
		fsckStrict(bare);
	});

	it('a file that is not UTF-8 is refused with EncodingError naming it, from the working tree and from HEAD', async () => {
		const { dir } = await setup();
		const refused = await readRepoFile(nodeFs, 'docs/latin.md', dir).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(EncodingError);
		expect((refused as Error).message).toBe('docs/latin.md is not UTF-8 text, so Waymark does not open it: saving it would change bytes you did not edit.');
		// The same error after crossing the worker boundary.
		expect(errorFromJSON(JSON.parse(JSON.stringify(refused)))).toBeInstanceOf(EncodingError);
		unlinkSync(path.join(dir, 'docs/latin.md'));
		await expect(readRepoFile(nodeFs, 'docs/latin.md', dir)).rejects.toBeInstanceOf(EncodingError);
		expect(existsSync(path.join(dir, 'docs/latin.md'))).toBe(false);
		expect(() => decodeFileText(new Uint8Array([0xc3]), 'x.md')).toThrow(EncodingError);
	});

	it('a sync brings a remote change to a clean non-UTF-8 file byte for byte, and a BOM plan with its BOM', async () => {
		const { bare, dir, ctx } = await setup();
		const other = await cloneNative(bare, path.join(suite.work, `native-${++n}`));
		const latin2 = new Uint8Array([...LATIN, ...Buffer.from('- [] '), 0xe9, 0x0a]);
		writeFileSync(path.join(other, 'docs/latin.md'), latin2);
		writeFileSync(path.join(other, 'docs/bom.md'), BOM_PLAN + '- [ ] Third\n');
		git(other, 'commit', '-qam', 'native: both files');
		await gitAsync(other, 'push', '-q', 'origin', 'main');
		const result = await syncRepo(ctx, { push: false });
		expect(result.status.dirty).toEqual([]);
		expect(readFileSync(path.join(dir, 'docs/latin.md'))).toEqual(Buffer.from(latin2));
		expect(readFileSync(path.join(dir, 'docs/bom.md'), 'utf8')).toBe(BOM_PLAN + '- [ ] Third\n');
	});

	it('a sync after the remote moved a non-UTF-8 plan into a new folder moves its bytes (no EncodingError)', async () => {
		const { bare, dir, ctx } = await setup();
		const other = await cloneNative(bare, path.join(suite.work, `native-${++n}`));
		execFileSync('mkdir', ['-p', path.join(other, 'archive/2026-12')]);
		git(other, 'mv', 'docs/latin.md', 'archive/2026-12/latin.md');
		git(other, 'commit', '-qm', 'native: move');
		await gitAsync(other, 'push', '-q', 'origin', 'main');
		const result = await syncRepo(ctx, { push: false });
		expect(result.status.dirty).toEqual([]);
		expect(existsSync(path.join(dir, 'docs/latin.md'))).toBe(false);
		expect(readFileSync(path.join(dir, 'archive/2026-12/latin.md'))).toEqual(Buffer.from(LATIN));
	});

	it('Discard puts back HEAD’s bytes, also for a file that is not UTF-8', async () => {
		const { dir } = await setup();
		writeFileSync(path.join(dir, 'docs/latin.md'), 'changed\n');
		await discardWorkingFile(nodeFs, 'docs/latin.md', dir);
		expect(readFileSync(path.join(dir, 'docs/latin.md'))).toEqual(Buffer.from(LATIN));
		writeFileSync(path.join(dir, 'docs/bom.md'), 'changed\n');
		expect(await discardWorkingFile(nodeFs, 'docs/bom.md', dir)).toBe(BOM_PLAN);
		expect(readFileSync(path.join(dir, 'docs/bom.md'), 'utf8')).toBe(BOM_PLAN);
	});

	it('a local commit is not replayed onto a remote version that is not UTF-8: EncodingError, the commit stays queued', async () => {
		const { bare, dir, ctx } = await setup();
		await writeWorkingFile(nodeFs, 'docs/bom.md', BOM_PLAN.replace('- [ ] First', '- [x] First'), dir);
		await commitWorkingFiles({ fs: nodeFs, dir, paths: ['docs/bom.md'], message: 'docs(plan): progress — tick First', author: ANN });
		const other = await cloneNative(bare, path.join(suite.work, `native-${++n}`));
		writeFileSync(path.join(other, 'docs/bom.md'), new Uint8Array([...Buffer.from('# BOM plan caf'), 0xe9, 0x0a]));
		git(other, 'commit', '-qam', 'native: Latin-1');
		await gitAsync(other, 'push', '-q', 'origin', 'main');
		await expect(syncRepo(ctx, { push: true })).rejects.toBeInstanceOf(EncodingError);
		expect((await readOutbox(nodeFs, dir)).commits).toHaveLength(1);
		expect([...remoteBytes(bare, 'docs/bom.md')].slice(-2)).toEqual([0xe9, 0x0a]);
	});

	it('a commit that archives (moves) a file that is not UTF-8 is refused before anything is written', async () => {
		const { bare, dir } = await setup();
		const head = git(dir, 'rev-parse', 'HEAD');
		await writeWorkingFile(nodeFs, 'docs/bom.md', BOM_PLAN.replace('- [ ] First', '- [x] First'), dir);
		const moved = commitWorkingFiles({ fs: nodeFs, dir, paths: ['docs/bom.md'], message: 'feat(plan): complete Phase 1', author: ANN, moves: [{ from: 'docs/latin.md', to: 'docs/archive/latin.md' }] });
		await expect(moved).rejects.toBeInstanceOf(EncodingError);
		expect(git(dir, 'rev-parse', 'HEAD')).toBe(head);
		expect((await readOutbox(nodeFs, dir)).commits).toEqual([]);
		expect(readFileSync(path.join(dir, 'docs/latin.md'))).toEqual(Buffer.from(LATIN));
		expect(git(bare, 'rev-parse', 'main')).toBe(head);
	});
});
