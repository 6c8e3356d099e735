/**
 * The public API (src/lib/plan/index.ts) end to end on Markdown, and the analysis functions
 * on every corpus file: they never throw and every finding points inside the text.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as api from '../../../src/lib/plan/index';

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus');

const PLAN = [
	'# Roll-out',
	'',
	'## Phase 1: Foundation ✅',
	'',
	'**Token Budget**: 500K-800K tokens',
	'**Reality Check**: 🟡 Normal Chaos (1.5x)',
	'**Actual**: ~650K tokens',
	'',
	'- [x] Schema',
	'',
	'## Phase 2: Sync',
	'',
	'**Depends on**: Phase 1',
	'**Token Budget**: 60,000-80,000 tokens',
	'',
	'- [x] Pull',
	'- [ ] Push',
	''
].join('\n');

describe('public API', () => {
	it('exports every documented function', () => {
		for (const name of [
			'parsePlan',
			'planEditChanges',
			'applyPlanEdit',
			'planBudget',
			'lintPlan',
			'nextAction',
			'nextActionAcross',
			'discoverPlans',
			'parseTokenAmount',
			'parseTokenRange',
			'parseMultiplier',
			'formatTokens',
			'selfContainmentScore',
			'efficiency'
		])
			expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
	});

	it('reads budgets, the next action and lint from Markdown', () => {
		const doc = api.parsePlan(PLAN);
		const report = api.planBudget(doc);
		expect(report.phases.map((p) => [p.phaseId, p.efficiency?.label ?? null])).toEqual([
			['1', '13% under'],
			['2', null]
		]);
		expect(report.total).toMatchObject({ source: 'phases', low: 560_000, high: 880_000, adjustedHigh: 1_280_000, used: 650_000 });
		const next = api.nextAction(doc);
		expect(next && PLAN.slice(next.span.start, next.span.end)).toBe('- [ ] Push');
		expect(next?.phaseId).toBe('2');
		expect(api.lintPlan(doc, {}, PLAN).filter((d) => d.severity !== 'info')).toEqual([]);
	});
});

describe('analysis on the corpus', () => {
	const files = readdirSync(CORPUS).filter((f) => f.endsWith('.md') && f !== 'README.md');

	it('finds the corpus', () => {
		expect(files.length).toBeGreaterThan(20);
	});

	// Generous bound: parsing the 20,000-line file takes tens of seconds on a loaded 2-core machine.
	it.each(files)('%s: budget, lint and next action stay in bounds', { timeout: 240_000 }, (file) => {
		const text = readFileSync(path.join(CORPUS, file), 'utf8');
		const doc = api.parsePlan(text);
		const report = api.planBudget(doc);
		expect(report.phases.length).toBe(api.allPhases(doc).length);
		for (const p of report.phases) {
			if (p.low !== null && p.high !== null) expect(p.low).toBeLessThanOrEqual(p.high);
			if (p.remaining !== null) expect(p.remaining).toBe((p.adjustedHigh ?? p.high ?? 0) - (p.used ?? 0));
		}
		const findings = api.lintPlan(doc, { previousText: '', now: new Date('2030-01-01'), lastCommitAt: new Date('2020-01-01') }, text);
		for (const d of findings) {
			expect(d.from).toBeGreaterThanOrEqual(0);
			expect(d.to).toBeLessThanOrEqual(text.length);
			expect(d.from).toBeLessThanOrEqual(d.to);
		}
		const score = api.selfContainmentScore(doc, text);
		expect(score).toBeGreaterThanOrEqual(0);
		expect(score).toBeLessThanOrEqual(100);
		const next = api.nextAction(doc);
		if (next) {
			expect(next.span.end).toBeLessThanOrEqual(text.length);
			expect(text.slice(next.span.start, next.span.end)).toContain(next.text.slice(0, 10).trim());
		}
	});
});
