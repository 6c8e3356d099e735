/**
 * Working-tree status on node:fs with a native git repo: the in-memory hash cache must never hide
 * a change — not one of the same size, and not one made within the same millisecond.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RepoFs } from '../../../src/lib/git/fs-utils';
import { dirtyFiles } from '../../../src/lib/git/status-ops';
import { git } from '../../support/repos';

const nodeFs = fs as unknown as RepoFs;
let dir: string;

beforeAll(() => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-unit-status-'));
	git(dir, 'init', '-q', '-b', 'main');
	writeFileSync(path.join(dir, 'plan.md'), '- [ ] aaa\n');
	writeFileSync(path.join(dir, 'other.md'), '# other\n');
	git(dir, 'add', '.');
	git(dir, '-c', 'user.name=A', '-c', 'user.email=a@example.com', 'commit', '-qm', 'init');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dirtyFiles', () => {
	it('sees a same-size change after the hash was cached, and its undoing', async () => {
		expect(await dirtyFiles(nodeFs, dir)).toEqual([]);
		await new Promise((r) => setTimeout(r, 20));
		expect(await dirtyFiles(nodeFs, dir)).toEqual([]); // now cached
		writeFileSync(path.join(dir, 'plan.md'), '- [x] aaa\n');
		expect(await dirtyFiles(nodeFs, dir)).toEqual(['plan.md']);
		await new Promise((r) => setTimeout(r, 20));
		writeFileSync(path.join(dir, 'plan.md'), '- [ ] aaa\n');
		expect(await dirtyFiles(nodeFs, dir)).toEqual([]);
	});

	it('does not trust a hash taken while the file was fresh (same size, same mtime rewrite)', async () => {
		const file = path.join(dir, 'other.md');
		// An mtime that is not yet in the past: the hash is taken within the racy window.
		const t = new Date(Date.now() + 1000);
		writeFileSync(file, '# OTHER\n');
		utimesSync(file, t, t);
		expect(await dirtyFiles(nodeFs, dir)).toEqual(['other.md']);
		// Rewritten with the same size within the same millisecond: the stat cannot tell, so the hash must not be reused.
		writeFileSync(file, '# other\n');
		utimesSync(file, t, t);
		expect(await dirtyFiles(nodeFs, dir)).toEqual([]);
		writeFileSync(file, '# OTHER\n');
		utimesSync(file, t, t);
		expect(await dirtyFiles(nodeFs, dir)).toEqual(['other.md']);
	});
});
