import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan, lintPlan } from '../../../src/lib/plan/index';

// Waymark's own ExecPlans and the demo's plans are test data too: they must open cleanly.
const root = join(import.meta.dirname, '../../..');
const files = [
	...readdirSync(join(root, 'docs/plans')).map((f) => join('docs/plans', f)),
	'demo/docs/plans/waymark-demo-execplan.md'
].filter((f) => f.endsWith('.md'));

describe('own plans', () => {
	it('finds the files', () => expect(files.length).toBeGreaterThanOrEqual(2));
	for (const file of files) {
		it(`${file} is an ExecPlan with all four living sections and no lint errors`, () => {
			const text = readFileSync(join(root, file), 'utf8');
			const doc = parsePlan(text);
			expect(doc.kind).toBe('execplan');
			expect(doc.living.progress).not.toBeNull();
			expect(doc.living.surprises).not.toBeNull();
			expect(doc.living.decisions).not.toBeNull();
			expect(doc.living.outcomes).not.toBeNull();
			expect(doc.progress.length).toBeGreaterThan(0);
			expect(doc.decisions.every((d) => d.rationale)).toBe(true);
			expect(lintPlan(doc, {}, text).filter((d) => d.severity === 'error')).toEqual([]);
		});
	}
});
