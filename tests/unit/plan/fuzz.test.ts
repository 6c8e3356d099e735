/**
 * A 2,000-input slice of `npm run fuzz:plan`: parsePlan never throws on mutated real plans,
 * and its model keeps spans in bounds and nested, with each item's text inside its span.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/lib/plan/parse';
import type { PlanDoc } from '../../../src/lib/plan/types';
import { fuzzCases, loadCorpusSeeds, modelViolations } from './support/fuzz';

const here = path.dirname(fileURLToPath(import.meta.url));
const seeds = loadCorpusSeeds(path.resolve(here, '../../../../shared/corpus'));

describe('fuzz support', () => {
	it('the generator is deterministic per seed and varies between seeds', () => {
		const a = [...fuzzCases(seeds, 20, 7)].map((c) => c.text);
		const b = [...fuzzCases(seeds, 20, 7)].map((c) => c.text);
		const c = [...fuzzCases(seeds, 20, 8)].map((c) => c.text);
		expect(a).toEqual(b);
		expect(a).not.toEqual(c);
	});

	it('the property check catches a span out of bounds and an item text outside its span', () => {
		const text = '- [ ] a\n';
		const item = { span: { start: 0, end: 7 }, state: 'open', checked: false, text: 'zzz', timestamp: null, marker: null, children: [] };
		const doc = { sections: [{ span: { start: 0, end: 99 } }], progress: [item], phases: [] } as unknown as PlanDoc;
		const problems = modelViolations(text, doc);
		expect(problems.some((p) => p.includes('outside [0, 8]'))).toBe(true);
		expect(problems.some((p) => p.includes('not inside its span'))).toBe(true);
	});
});

describe('parsePlan on 2,000 fuzzed inputs (seed 20251128, windows of ≤ 600 lines)', () => {
	// No timing assertion: the generous timeout only keeps a loaded machine from failing the run.
	it('never throws and keeps its model properties', { timeout: 600_000 }, () => {
		const failures: string[] = [];
		for (const fuzzCase of fuzzCases(seeds, 2000, 20251128, 600)) {
			let problems: string[];
			try {
				problems = modelViolations(fuzzCase.text, parsePlan(fuzzCase.text));
			} catch (error) {
				problems = [`threw ${String(error)}`];
			}
			if (problems.length > 0) failures.push(`case ${fuzzCase.index} (${fuzzCase.mutations.join('+')}): ${problems.slice(0, 3).join('; ')}`);
		}
		expect(failures.slice(0, 10)).toEqual([]);
	});
});
