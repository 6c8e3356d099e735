import { describe, expect, it } from 'vitest';
import { allPhases } from '../../../src/lib/plan/deps';
import { parsePlan } from '../../../src/lib/plan/parse';
import { depGraph } from '../../../src/lib/ui/phases/dep-graph';
import { PHASES_PLAN } from '../../support/phase-plan';

describe('depGraph', () => {
	it('puts each phase right of what it depends on and says the edges in words', () => {
		const g = depGraph(allPhases(parsePlan(PHASES_PLAN)));
		if (!g) throw new Error('no graph');
		expect(g.nodes.map((n) => [n.id, n.x, n.y, n.blocked])).toEqual([
			['1', 0, 0, false],
			['2', 100, 0, false],
			['3', 200, 0, true]
		]);
		expect(g.edges).toEqual([
			{ from: '1', to: '2', open: false },
			{ from: '2', to: '3', open: true }
		]);
		expect(g.summary).toBe('Phase 2 depends on phase 1. Phase 3 depends on phase 2 (not complete).');
		expect([g.width, g.height]).toEqual([264, 28]);
	});

	it('is null without dependencies, and survives cycles and references to other files', () => {
		expect(depGraph(allPhases(parsePlan('# P\n\n## Phase 1: A\n\n- [ ] a\n\n## Phase 2: B\n\n- [ ] b\n')))).toBeNull();
		const cyclic = '# P\n\n## Phase 1: A\n\n**Depends on**: Phase 2\n\n## Phase 2: B\n\n**Depends on**: Phase 1, phase-09 (other file)\n\n## Phase 3: C\n\n**Depends on**: Phase 1\n';
		const g = depGraph(allPhases(parsePlan(cyclic)));
		expect(g?.edges.map((e) => `${e.from}→${e.to}`)).toEqual(['2→1', '1→2', '1→3']);
		expect(g?.nodes.every((n) => Number.isFinite(n.x) && n.x >= 0)).toBe(true);
	});
});
