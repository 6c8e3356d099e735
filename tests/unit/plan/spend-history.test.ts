import { describe, expect, it } from 'vitest';
import { applyPlanEdit } from '../../../src/lib/plan/edit';
import { createSpendReader, hasSpend, spendSeries, spentIn } from '../../../src/lib/plan/spend-history';
import { PHASES_PLAN } from '../../support/phase-plan';

const now = new Date('2026-11-29T10:00:00Z');

describe('spentIn', () => {
	it('is the plan’s total spent: its phases summed (600K + 300K), following "+ tokens" edits', () => {
		expect(spentIn(PHASES_PLAN)).toBe(900_000);
		const more = applyPlanEdit(PHASES_PLAN, { kind: 'add-spent', phase: '2', tokens: 60_000 }, now);
		expect(spentIn(more)).toBe(960_000);
		expect(spentIn(applyPlanEdit(more, { kind: 'add-spent', phase: '3', tokens: 1_500 }, now))).toBe(961_500);
	});

	it('prefers the plan’s own total line, and is 0 for a plan that records none', () => {
		expect(spentIn('# Plan\n\n**Token Budget**: 1M-2M tokens\n**Tokens Spent**: 1.2M tokens\n\n## Phase 1: A\n\n**Tokens Spent**: 5K tokens\n')).toBe(1_200_000);
		expect(spentIn('# Plan\n\n## Progress\n\n- [ ] One\n')).toBe(0);
		// Budget-looking lines inside a code fence are examples, not spend.
		expect(spentIn('# Plan\n\n```\n**Tokens Spent**: 9M tokens\n```\n')).toBe(0);
	});
});

describe('createSpendReader', () => {
	it('reads a run of versions (as a history gives them, newest first) exactly as spentIn does', () => {
		const versions = [PHASES_PLAN];
		const edits = [
			{ kind: 'add-spent' as const, phase: '2', tokens: 60_000 },
			{ kind: 'add-progress' as const, text: 'Wrote the middleware' },
			{ kind: 'add-spent' as const, phase: '3', tokens: 25_000 },
			{ kind: 'complete-phase' as const, phase: '2' },
			{ kind: 'set-spent' as const, phase: '1', tokens: 650_000 },
			{ kind: 'add-spent' as const, phase: null, tokens: 5_000 }
		];
		for (const e of edits) versions.push(applyPlanEdit(versions[versions.length - 1], e, now));
		// A version that drops a whole phase and one that is not a plan at all.
		versions.push(versions[versions.length - 1].replace(/## Phase 3[\s\S]*?(?=## Decision Log)/, ''), '# Notes\n');
		const newestFirst = [...versions].reverse();
		const read = createSpendReader();
		expect(newestFirst.map(read)).toEqual(newestFirst.map(spentIn));
		expect(new Set(versions.map(spentIn)).size).toBeGreaterThan(4);
	});
});

describe('spendSeries', () => {
	it('keeps the history order even when a later commit carries an older time (re-created by sync)', () => {
		const log = [
			{ oid: 'replayed', time: 150, spent: 990_000 },
			{ oid: 'remote', time: 200, spent: 960_000 },
			{ oid: 'a', time: 100, spent: 900_000 }
		];
		expect(spendSeries(log).map((p) => p.oid)).toEqual(['a', 'remote', 'replayed']);
	});

	it('orders the log (newest first) oldest first, keeping history order within one second', () => {
		const log = [
			{ oid: 'c', time: 300, spent: 990_000 },
			{ oid: 'b2', time: 200, spent: 960_000 },
			{ oid: 'b1', time: 200, spent: 950_000 },
			{ oid: 'a', time: 100, spent: 900_000 }
		];
		expect(spendSeries(log)).toEqual([
			{ oid: 'a', time: 100, spent: 900_000 },
			{ oid: 'b1', time: 200, spent: 950_000 },
			{ oid: 'b2', time: 200, spent: 960_000 },
			{ oid: 'c', time: 300, spent: 990_000 }
		]);
	});

	it('keeps commits that left the spend unchanged, and has no spend when all are 0', () => {
		const points = spendSeries([
			{ oid: 'b', time: 20, spent: 0 },
			{ oid: 'a', time: 10, spent: 0 }
		]);
		expect(points.map((p) => p.oid)).toEqual(['a', 'b']);
		expect(hasSpend(points)).toBe(false);
		expect(hasSpend([...points, { oid: 'c', time: 30, spent: 1 }])).toBe(true);
	});

	it('on generated logs: the history order reversed (times as given, never re-sorted), nothing lost or invented', () => {
		let seed = 7;
		const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
		for (let round = 0; round < 50; round++) {
			const log = Array.from({ length: rnd(30) }, (_, i) => ({ oid: `o${i}`, time: 1_790_000_000 - rnd(5) * 60 - i, spent: rnd(1000) * 1000 }));
			const out = spendSeries(log);
			expect(out).toHaveLength(log.length);
			expect([...out].sort((a, b) => a.oid.localeCompare(b.oid))).toEqual([...log].sort((a, b) => a.oid.localeCompare(b.oid)));
			expect(out.map((p) => p.oid)).toEqual(log.map((p) => p.oid).reverse());
		}
	});
});
