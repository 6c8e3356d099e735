import { describe, expect, it } from 'vitest';
import { completedPhase, suggestCommitMessage } from '../../../src/lib/plan/commit-message';
import type { RecordedEdit } from '../../../src/lib/plan/types';

const time = '2026-11-03T10:00:00.000Z';

describe('suggestCommitMessage', () => {
	it('names the file when only typing changed it', () => {
		expect(suggestCommitMessage('docs/plans/sync.md', [])).toBe('docs(plan): progress — edit sync.md');
	});

	it('says what the panel edits did, once each', () => {
		const edits: RecordedEdit[] = [
			{ edit: { kind: 'toggle-item', at: 10, checked: true }, itemText: 'Write tests', time },
			{ edit: { kind: 'add-surprise', text: 'x' }, time },
			{ edit: { kind: 'add-surprise', text: 'y' }, time },
			{ edit: { kind: 'complete-phase', phase: '2' }, time }
		];
		expect(suggestCommitMessage('a.md', edits)).toBe('docs(plan): progress — tick “Write tests”, add a surprise, complete phase 2');
		expect(completedPhase(edits)).toBe('2');
	});

	it('keeps the subject short', () => {
		const edits: RecordedEdit[] = Array.from({ length: 6 }, (_, i) => ({ edit: { kind: 'add-progress' as const, text: `A fairly long progress item number ${i}` }, time }));
		const msg = suggestCommitMessage('a.md', edits);
		expect(msg.length).toBeLessThanOrEqual(90);
		expect(msg).toMatch(/^docs\(plan\): progress — add “A fairly long progress item number 0”.*\(\+\d more\)$/);
		expect(completedPhase(edits)).toBeUndefined();
	});
});
