import { describe, expect, it } from 'vitest';
import { allPhases } from '../../../src/lib/plan/deps';
import { parsePlan } from '../../../src/lib/plan/parse';
import { roadmapLine, updateRoadmap } from '../../../src/lib/plan/roadmap';
import type { Phase } from '../../../src/lib/plan/types';

const PLAN = '# Plan\n\n## Phase 1: Foundation\n\n- [x] a\n\n## Phase 2: Integration\n\n- [ ] b\n';
const phase2 = (): Phase => allPhases(parsePlan(PLAN))[1];

describe('updateRoadmap', () => {
	it('moves a finished phase from "Current Work" to the top of "What We Just Finished", nothing else changes', () => {
		const before = '# Roadmap\n\n## Current Work\n\n- Phase 2: Integration (started 2026-11-20)\n- Docs cleanup\n\n## What We Just Finished\n\n- Phase 1: Foundation\n\n## Later\n\nstuff\n';
		const after = updateRoadmap(before, { event: 'finished', phase: phase2(), date: '2026-11-29' });
		expect(after).toBe(
			'# Roadmap\n\n## Current Work\n\n- Docs cleanup\n\n## What We Just Finished\n\n- Phase 2: Integration (completed 2026-11-29)\n- Phase 1: Foundation\n\n## Later\n\nstuff\n'
		);
		// Idempotent: a second run finds the line and changes nothing.
		expect(updateRoadmap(after, { event: 'finished', phase: phase2(), date: '2026-11-29' })).toBe(after);
	});

	it('adds a started phase at the top of "Current Work"', () => {
		const before = '# Roadmap\n\n## Current Work\n\n- Docs cleanup\n';
		expect(updateRoadmap(before, { event: 'started', phase: phase2(), date: '2026-11-29' })).toBe(
			'# Roadmap\n\n## Current Work\n\n- Phase 2: Integration (started 2026-11-29)\n- Docs cleanup\n'
		);
	});

	it('creates a missing section, keeps CRLF, and keeps a blank line before the next heading', () => {
		const crlf = '# Roadmap\r\n\r\n## Current Work\r\n\r\n- Phase 2 work\r\n';
		expect(updateRoadmap(crlf, { event: 'finished', phase: phase2(), date: '2026-11-29' })).toBe(
			'# Roadmap\r\n\r\n## Current Work\r\n\r\n## What We Just Finished\r\n\r\n- Phase 2: Integration (completed 2026-11-29)\r\n'
		);
		expect(updateRoadmap('# Roadmap\n\n## Current Work\n\n## Next\n', { event: 'started', phase: phase2(), date: '2026-11-29' })).toBe(
			'# Roadmap\n\n## Current Work\n\n- Phase 2: Integration (started 2026-11-29)\n\n## Next\n'
		);
		expect(updateRoadmap('# Roadmap\n\n## Current Work\n', { event: 'started', phase: phase2(), date: '2026-11-29' })).toBe(
			'# Roadmap\n\n## Current Work\n\n- Phase 2: Integration (started 2026-11-29)\n'
		);
		expect(updateRoadmap('# Roadmap', { event: 'started', phase: phase2(), date: '2026-11-29' })).toBe(
			'# Roadmap\n\n## Current Work\n\n- Phase 2: Integration (started 2026-11-29)\n'
		);
	});

	it('leaves bullets about other phases in "Current Work"', () => {
		const before = '## Current Work\n\n- Phase 12: Other\n- Phase 2 — integration tests\n\n## What We Just Finished\n';
		const after = updateRoadmap(before, { event: 'finished', phase: phase2(), date: '2026-11-29' });
		expect(after).toContain('- Phase 12: Other\n');
		expect(after).not.toContain('- Phase 2 — integration tests');
		expect(after.endsWith('## What We Just Finished\n\n- Phase 2: Integration (completed 2026-11-29)\n')).toBe(true);
	});

	it('writes the line the way the seeds do', () => {
		expect(roadmapLine({ event: 'finished', phase: phase2(), date: '2026-11-29' })).toBe('- Phase 2: Integration (completed 2026-11-29)');
	});
});

describe('updateRoadmap when "Current Work" empties', () => {
	it('leaves one blank line where the list was', () => {
		const before = '# Roadmap\n\n## Current Work\n\n- Phase 2: Integration (started 2026-11-06)\n\n## What We Just Finished\n\n- Phase 1: Foundation\n';
		expect(updateRoadmap(before, { event: 'finished', phase: phase2(), date: '2026-11-29' })).toBe(
			'# Roadmap\n\n## Current Work\n\n## What We Just Finished\n\n- Phase 2: Integration (completed 2026-11-29)\n- Phase 1: Foundation\n'
		);
	});
});
