/**
 * "Export unpushed work": the unpushed commits as `git format-patch` files that native `git am`
 * applies onto a clone of the remote to give exactly the same tree (CRLF lines, a file without a
 * final newline, a new file, a non-ASCII message), plus the changed plan files.
 */
import { writeFileSync } from 'node:fs';
import fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import nodeHttp from 'isomorphic-git/http/node';
import { describe, expect, it } from 'vitest';
import { commitWorkingFiles, writeWorkingFile } from '../../../src/lib/git/commit-ops';
import type { RepoFs } from '../../../src/lib/git/fs-utils';
import { exportUnpushed } from '../../../src/lib/git/history-ops';
import { mailDate, unifiedHunks } from '../../../src/lib/git/patch';
import { shallowClone } from '../../../src/lib/git/repo-ops';
import { gitSuite } from '../../support/git-suite';
import { cloneNative, createBareRepo, git as nativeGit, gitAsync } from '../../support/repos';

const CRLF = '# Plan\r\n\r\n## Progress\r\n\r\n- [ ] One\r\n- [ ] Two\r\n- [ ] Three\r\n\r\n## Notes\r\n\r\nText.\r\n';
const NO_EOL = '# Notes\n\nlast line without newline';
const nodeFs = fs as unknown as RepoFs;

const suite = gitSuite('waymark-unit-export-');

describe('exportUnpushed', () => {
	it('writes patches that git am applies to the same tree, with author and subject kept', async () => {
		const bare = createBareRepo(suite.server.root, 'exported', { files: { 'plan.md': CRLF, 'notes.md': NO_EOL, 'src/a.ts': 'export {};\n' } });
		const dir = path.join(suite.work, 'clone');
		await shallowClone({ fs: nodeFs, http: nodeHttp, dir, url: suite.server.repoUrl('exported'), branch: 'main' });
		const ann = { name: 'Ånn Exämple', email: 'ann@example.com', timestamp: 1_790_000_000, timezoneOffset: 330 };
		await writeWorkingFile(nodeFs, 'plan.md', CRLF.replace('- [ ] Two', '- [x] Two'), dir);
		await commitWorkingFiles({ fs: nodeFs, dir, paths: ['plan.md'], message: 'docs(plan): progress — tick “Two”', author: ann });
		await writeWorkingFile(nodeFs, 'notes.md', `${NO_EOL} now\nand more\n`, dir);
		await writeWorkingFile(nodeFs, 'docs/new/plan-b.md', '# B\n\n- [ ] New\n', dir);
		const head = await commitWorkingFiles({ fs: nodeFs, dir, paths: ['notes.md', 'docs/new/plan-b.md'], message: 'docs(plan): notes and plan B\n\nWith a body line.', author: ann });
		// Unsaved typing is exported as a file too.
		await writeWorkingFile(nodeFs, 'plan.md', CRLF.replace('- [ ] Two', '- [x] Two').replace('Text.', 'Text, edited.'), dir);

		const out = await exportUnpushed(nodeFs, dir);
		expect(out.patches.map((p) => p.name)).toEqual(['0001-docs-plan-progress-tick-Two.patch', '0002-docs-plan-notes-and-plan-B.patch']);
		expect(out.files.map((f) => f.path)).toEqual(['docs/new/plan-b.md', 'notes.md', 'plan.md']);
		expect(out.files.find((f) => f.path === 'plan.md')?.text).toContain('Text, edited.');

		const native = await cloneNative(bare, path.join(suite.work, 'native'));
		nativeGit(native, 'config', 'core.autocrlf', 'false');
		const files = out.patches.map((p) => {
			const file = path.join(suite.work, p.name);
			writeFileSync(file, p.text);
			return file;
		});
		await gitAsync(native, 'am', '--keep-cr', ...files);
		const ourTree = (await git.readCommit({ fs: nodeFs, dir, oid: head })).commit.tree;
		expect(nativeGit(native, 'rev-parse', 'HEAD^{tree}')).toBe(ourTree);
		expect(nativeGit(native, 'log', '--format=%an <%ae>|%at|%s|%b', '-2')).toBe('Ånn Exämple <ann@example.com>|1790000000|docs(plan): notes and plan B|With a body line.\n\nÅnn Exämple <ann@example.com>|1790000000|docs(plan): progress — tick “Two”|');
	});

	it('formats hunk ranges and dates the way git does', () => {
		expect(unifiedHunks('a\nb\nc\n', 'a\nB\nc\n')).toBe('@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n');
		expect(unifiedHunks('', 'x\n')).toBe('@@ -0,0 +1 @@\n+x\n');
		expect(unifiedHunks('x', 'x\n')).toBe('@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n');
		expect(mailDate(1_790_000_000, -60)).toBe('Mon, 21 Sep 2026 15:13:20 +0100');
		expect(mailDate(1_790_000_000, 330)).toBe('Mon, 21 Sep 2026 08:43:20 -0530');
	});
});
