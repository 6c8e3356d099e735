/**
 * The worker build's edits to isomorphic-git and lightning-fs apply to the installed versions:
 * each piece of code it replaces is there exactly once (an upgrade that moved it fails here).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDITS, gitSpeedPlugin } from '../../../scripts/vite-git-speed-plugin.js';

const require = createRequire(import.meta.url);
const files = {
	'isomorphic-git': path.join(path.dirname(require.resolve('isomorphic-git')), 'index.js'),
	'lightning-fs': path.join(path.dirname(require.resolve('@isomorphic-git/lightning-fs')), 'PromisifiedFS.js')
};

describe('git speed edits', () => {
	it.each(Object.entries(files))('%s: each edited piece of code is there exactly once and gets replaced', (_, file) => {
		const code = readFileSync(file, 'utf8');
		const edits = EDITS.filter((e) => e.file.test(file));
		expect(edits.length).toBeGreaterThan(0);
		for (const edit of edits) expect(code.split(edit.find).length - 1).toBe(1);
		const plugin = gitSpeedPlugin() as unknown as { transform: (code: string, id: string) => { code: string } | null };
		const out = plugin.transform(code, file);
		for (const edit of edits) {
			expect(out?.code).toContain(edit.replace);
			expect(out?.code).not.toContain(edit.find);
		}
	});

	it('refuses code that no longer matches', () => {
		const plugin = gitSpeedPlugin() as unknown as { transform: (code: string, id: string) => unknown };
		expect(() => plugin.transform('// nothing here', files['lightning-fs'])).toThrow(/changed/);
		expect(plugin.transform('// other file', '/x/node_modules/other/index.js')).toBeNull();
	});
});
