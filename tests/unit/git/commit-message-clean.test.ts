/**
 * Commit messages pass native `git fsck --strict`: a plan item's text can hold NUL and other C0
 * control characters, and the suggested message copies it raw, so the git layer removes them
 * (keeping newlines and tabs, CRLF as LF) wherever a commit is written — a commit from the working
 * tree, a commit re-created by sync, and a new repository's first commit.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import { afterAll, describe, expect, it } from 'vitest';
import { commitTexts, commitWorkingFiles, writeWorkingFile } from '../../../src/lib/git/commit-ops';
import type { RepoFs } from '../../../src/lib/git/fs-utils';
import { readOutbox } from '../../../src/lib/git/outbox';
import { initRepo } from '../../../src/lib/git/repo-ops';
import { suggestCommitMessage } from '../../../src/lib/plan/commit-message';
import { fsckStrict, git as nativeGit } from '../../support/repos';

const nodeFs = fs as unknown as RepoFs;
const work = mkdtempSync(path.join(os.tmpdir(), 'waymark-unit-message-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const author = { name: 'Ann', email: 'ann@example.com', timestamp: 1_790_000_000, timezoneOffset: 0 };

let n = 0;
/** A fresh repository with one plan file, made by isomorphic-git on node:fs. */
async function repo(message = 'init'): Promise<string> {
	const dir = path.join(work, `repo-${++n}`);
	await initRepo({ fs: nodeFs, dir, branch: 'main', files: { 'PLAN.md': '# Plan\n\n- [ ] Ship \0\u0001\u0002 it\n' }, author, message });
	return dir;
}

/** The message bytes native git reads from commit `oid`, as text (trailing newline kept). */
function storedMessage(dir: string, oid: string): string {
	const raw = execFileSync('git', ['cat-file', 'commit', oid], { cwd: dir, encoding: 'utf8' });
	return raw.slice(raw.indexOf('\n\n') + 2);
}

describe('commit messages with control characters', () => {
	it('a ticked item whose text holds NUL commits fsck --strict clean, in git and in the outbox', async () => {
		const dir = await repo();
		await writeWorkingFile(nodeFs, 'PLAN.md', '# Plan\n\n- [x] Ship \0\u0001\u0002 it\n', dir);
		const message = suggestCommitMessage('PLAN.md', [{ edit: { kind: 'toggle-item', at: 8, checked: true }, itemText: 'Ship \0\u0001\u0002 it', time: '2026-12-06T00:00:00Z' }]);
		expect(message).toContain('\0');
		const oid = await commitWorkingFiles({ fs: nodeFs, dir, paths: ['PLAN.md'], message, author });
		expect(() => fsckStrict(dir)).not.toThrow();
		const clean = 'docs(plan): progress — tick “Ship  it”\n';
		expect(storedMessage(dir, oid)).toBe(clean);
		expect((await git.readCommit({ fs: nodeFs, dir, oid })).commit.message).toBe(clean);
		expect((await readOutbox(nodeFs, dir)).commits.map((c) => c.message)).toEqual([clean]);
	});

	it('keeps newlines and tabs, turns CRLF into LF and drops every other C0 character', async () => {
		const dir = await repo();
		await writeWorkingFile(nodeFs, 'PLAN.md', '# Plan 2\n', dir);
		const message = 'subject\u001b[31m\u0007\r\n\r\nbody\twith a tab\u000b\u000c\u001f\r\nend';
		const oid = await commitWorkingFiles({ fs: nodeFs, dir, paths: ['PLAN.md'], message, author });
		expect(() => fsckStrict(dir)).not.toThrow();
		expect(storedMessage(dir, oid)).toBe('subject[31m\n\nbody\twith a tab\nend\n');
	});

	it('a commit sync re-creates from an outbox entry and the first commit of a new repository are cleaned too', async () => {
		const dir = await repo('init\0\u0003 ok');
		const parent = nativeGit(dir, 'rev-parse', 'HEAD');
		expect(storedMessage(dir, parent)).toBe('init ok\n');
		const oid = await commitTexts({ fs: nodeFs, dir, parent, files: new Map([['PLAN.md', '# Replayed\n']]), message: 'docs(plan): progress — tick “a\0b”', author });
		expect(oid).not.toBeNull();
		nativeGit(dir, 'update-ref', 'refs/heads/main', oid ?? '');
		expect(() => fsckStrict(dir)).not.toThrow();
		expect(storedMessage(dir, oid ?? '')).toBe('docs(plan): progress — tick “ab”\n');
	});
});
