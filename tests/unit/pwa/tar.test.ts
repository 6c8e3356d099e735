/** The .tar of "Export unpushed work": native `tar` lists and extracts exactly what was put in. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tarArchive } from '../../../src/lib/pwa/tar';

let dirs: string[] = [];
afterEach(() => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
	dirs = [];
});

/** Writes `bytes` as a tar file, extracts it with native tar, returns the folder. */
function extract(bytes: Uint8Array): { dir: string; list: string[] } {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-tar-'));
	dirs.push(dir);
	const file = path.join(dir, 'a.tar');
	writeFileSync(file, bytes);
	const list = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n');
	execFileSync('tar', ['-xf', file, '-C', dir]);
	return { dir, list };
}

describe('tarArchive', () => {
	it('holds each file with its exact bytes (UTF-8, empty, block-sized, nested paths)', () => {
		const entries = [
			{ path: 'patches/0001-docs-plan-progress.patch', text: 'From abc Mon Sep 17 00:00:00 2001\nSubject: [PATCH 1/1] ✅ tick\n' },
			{ path: 'files/docs/plans/Vietnamese kế hoạch.md', text: '# Kế hoạch\r\n\r\n- [x] 完成\r\n' },
			{ path: 'files/empty.md', text: '' },
			{ path: 'files/block.md', text: 'x'.repeat(512) }
		];
		const bytes = tarArchive(entries, new Date('2026-01-02T03:04:05Z'));
		expect(bytes.length % 512).toBe(0);
		const { dir, list } = extract(bytes);
		expect(list).toEqual(entries.map((e) => e.path));
		for (const e of entries) expect(readFileSync(path.join(dir, e.path), 'utf8')).toBe(e.text);
	});

	it('splits paths longer than 100 bytes into the ustar prefix', () => {
		const long = `files/${'deep/'.repeat(25)}plan.md`;
		expect(long.length).toBeGreaterThan(100);
		const { dir, list } = extract(tarArchive([{ path: long, text: 'long\n' }]));
		expect(list).toEqual([long]);
		expect(readFileSync(path.join(dir, long), 'utf8')).toBe('long\n');
	});

	it('refuses a path it cannot store', () => {
		expect(() => tarArchive([{ path: 'x'.repeat(120), text: '' }])).toThrow(RangeError);
	});
});
