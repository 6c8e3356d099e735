/** The outbox file: an older layout (no version) is read without losing commits; a newer one is refused, not misread. */
import { mkdtempSync, rmSync } from 'node:fs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RepoFs } from '../../../src/lib/git/fs-utils';
import { OUTBOX_VERSION, outboxPath, readOutbox, writeOutbox } from '../../../src/lib/git/outbox';

const nodeFs = fs as unknown as RepoFs;
const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-outbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const commit = { oid: 'a'.repeat(40), message: 'docs(plan): x\n', author: { name: 'A', email: 'a@x', timestamp: 1, timezoneOffset: 0 }, paths: ['plan.md'], edits: {} };

describe('outbox', () => {
	it('is empty when there is none, and round-trips', async () => {
		expect(await readOutbox(nodeFs, dir)).toEqual({ version: OUTBOX_VERSION, commits: [], conflict: null });
		await writeOutbox(nodeFs, { version: OUTBOX_VERSION, commits: [commit], conflict: null }, dir);
		expect((await readOutbox(nodeFs, dir)).commits).toEqual([commit]);
	});

	it('reads a layout without a version field (the first release) and keeps its commits', async () => {
		fs.writeFileSync(outboxPath(dir), JSON.stringify({ commits: [commit] }));
		const read = await readOutbox(nodeFs, dir);
		expect(read.version).toBe(OUTBOX_VERSION);
		expect(read.commits).toEqual([commit]);
		expect(read.conflict).toBeNull();
	});

	it('refuses a layout from a newer Waymark instead of dropping what it does not know', async () => {
		fs.writeFileSync(outboxPath(dir), JSON.stringify({ version: OUTBOX_VERSION + 1, commits: [commit], conflict: null }));
		await expect(readOutbox(nodeFs, dir)).rejects.toThrow(/newer Waymark/);
		expect(JSON.parse(fs.readFileSync(outboxPath(dir), 'utf8')).commits).toHaveLength(1);
	});
});
