/**
 * Line diffs and merges on the 19,969-line corpus plan: a tick is one changed line in the diff
 * view, a patch and a three-way merge (node-diff3 alone took over a minute for the diff, minutes
 * for the merge); and the trimmed diff gives node-diff3's own answer on small texts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diffPatch } from 'node-diff3';
import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../../src/lib/editor/line-diff';
import { unifiedHunks } from '../../../src/lib/git/patch';
import { linePatches, sharedEnds } from '../../../src/lib/plan/line-patches';
import { mergeLines } from '../../../src/lib/plan/rebase/merge3';
import { createRandom } from './support/fuzz';

const giant = readFileSync(path.resolve(__dirname, '../../../../shared/corpus/llmspell-phase13-done-giant.md'), 'utf8');
const lines = giant.split('\n');
const open = lines.map((l, i) => (/^- \[ \] /.test(l) ? i : -1)).filter((i) => i >= 0);
const tick = (xs: string[], i: number) => xs.map((l, k) => (k === i ? l.replace('- [ ] ', '- [x] ') : l));

describe('line diffs on a 20,000-line plan', () => {
	it('a tick is one deleted and one added line in the diff view and the patch', () => {
		const after = tick(lines, open[10]);
		const rows = lineDiff(giant, after.join('\n'));
		expect(rows.filter((r) => r.kind === 'del').map((r) => r.oldNo)).toEqual([open[10] + 1]);
		expect(rows.filter((r) => r.kind === 'add').map((r) => r.text)).toEqual([after[open[10]]]);
		const hunks = unifiedHunks(giant, after.join('\n'));
		expect(hunks.split('\n').filter((l) => /^[-+]/.test(l))).toEqual([`-${lines[open[10]]}`, `+${after[open[10]]}`]);
	});

	it('a tick on each side merges cleanly into both ticks', () => {
		const local = tick(lines, open[3]);
		const remote = tick(lines, open[400]);
		const merged = mergeLines(lines, local, remote);
		expect(merged.clean).toBe(true);
		expect(merged.lines).toEqual(tick(local, open[400]));
	});

	it('gives node-diff3’s own patches on small random texts', () => {
		const random = createRandom(3);
		const pick = () => 'abcde'[Math.floor(random() * 5)];
		for (let n = 0; n < 3000; n++) {
			const a = Array.from({ length: Math.floor(random() * 10) }, pick);
			const b = a.filter(() => random() > 0.2).map((x) => (random() < 0.2 ? pick() : x));
			if (random() < 0.5) b.splice(Math.floor(random() * (b.length + 1)), 0, pick());
			const mine = linePatches(a, b);
			// Applying the patches to `a` gives `b` (the one property every diff must have)…
			const out: string[] = [];
			let at = 0;
			for (const p of mine) {
				out.push(...a.slice(at, p.offset), ...p.chunk);
				at = p.offset + p.length;
			}
			out.push(...a.slice(at));
			expect(out).toEqual(b);
			// …and no more lines change than in node-diff3's diff of the whole texts.
			const changed = (ps: { length: number; chunk: string[] }[]) => ps.reduce((s, p) => s + p.length + p.chunk.length, 0);
			expect(changed(mine)).toBeLessThanOrEqual(changed(diffPatch(a, b).map((p) => ({ length: p.buffer1.length, chunk: p.buffer2.chunk }))));
		}
		expect(sharedEnds([['a', 'b', 'c'], ['a', 'x', 'c'], ['a', 'b', 'c']])).toEqual({ head: 1, tail: 1 });
	});
});
