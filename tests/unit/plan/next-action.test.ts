import { describe, expect, it } from 'vitest';
import { isStepDone, nextAction, nextActionAcross } from '../../../src/lib/plan/next-action';
import type { Phase, ProgressItem } from '../../../src/lib/plan/types';
import { doc, item, phase } from './build';

/** Places items and phases at increasing offsets so document order is explicit. */
function at(start: number, end: number) {
	return { start, end };
}
function row(text: string, start: number, partial: Partial<ProgressItem> = {}): ProgressItem {
	return item(text, { span: at(start, start + 5), ...partial });
}
function ph(number: string, start: number, end: number, partial: Partial<Phase> = {}): Phase {
	return phase(number, { span: at(start, end), headingSpan: at(start, start + 5), ...partial });
}

describe('nextAction', () => {
	it('returns the first open progress item in document order', () => {
		const d = doc({ progress: [row('a', 10, { state: 'done' }), row('b', 20), row('c', 30)] });
		expect(nextAction(d)).toEqual({ phaseId: null, span: at(20, 25), text: 'b', kind: 'progress' });
	});

	it('skips phases whose dependencies are not done', () => {
		const d = doc({
			phases: [
				ph('1', 0, 100, { status: 'in-progress', tasks: [row('one', 10, { state: 'done' })] }),
				ph('2', 100, 200, { dependsOn: ['3'], tasks: [row('two', 110)] }),
				ph('3', 200, 300, { dependsOn: ['Phase 1'], tasks: [row('three', 210)] })
			]
		});
		// Phase 1 is not done, so phase 3 (depends on 1) waits and phase 2 (depends on 3) waits.
		expect(nextAction(d)).toBeNull();
		d.phases[0].status = 'done';
		expect(nextAction(d)).toMatchObject({ phaseId: '3', text: 'three', kind: 'task' });
		d.phases[2].status = 'done';
		expect(nextAction(d)).toMatchObject({ phaseId: '2', text: 'two' });
	});

	it('merges progress and phase tasks by position and attributes rows to the innermost phase', () => {
		const inner = ph('1.1', 50, 90, { tasks: [row('inner', 60)] });
		const d = doc({
			progress: [row('late progress', 150)],
			phases: [ph('1', 0, 100, { status: 'in-progress', tasks: [row('outer done', 20, { state: 'done' })], children: [inner] })]
		});
		expect(nextAction(d)).toMatchObject({ phaseId: '1.1', text: 'inner', kind: 'task' });
	});

	it('descends to the first open child of an open parent item', () => {
		const parent = row('parent', 10, { span: at(10, 60), children: [row('child done', 20, { state: 'done' }), row('child open', 30)] });
		expect(nextAction(doc({ progress: [parent] }))).toMatchObject({ text: 'child open' });
	});

	it('takes partial items but not waiting, failed or N/A ones', () => {
		const d = doc({
			progress: [row('w', 10, { state: 'waiting' }), row('f', 20, { state: 'failed' }), row('n', 30, { state: 'na' }), row('p', 40, { state: 'partial' })]
		});
		expect(nextAction(d)?.text).toBe('p');
	});

	it('does not pick rows in deferred or done phases', () => {
		const d = doc({
			phases: [ph('1', 0, 100, { status: 'deferred', tasks: [row('later', 10)] }), ph('2', 100, 200, { status: 'done', tasks: [row('left over', 110)] })]
		});
		expect(nextAction(d)).toBeNull();
	});

	it('falls back to the first open phase without rows', () => {
		const d = doc({ phases: [ph('1', 0, 100, { status: 'done' }), ph('2', 100, 200, { title: 'Sync' })] });
		expect(nextAction(d)).toEqual({ phaseId: '2', span: at(100, 105), text: 'Sync', kind: 'phase' });
	});

	it('ignores dependencies that name no phase of this plan', () => {
		const d = doc({ phases: [ph('1', 0, 100, { dependsOn: ['06-01'], tasks: [row('go', 10)] })] });
		expect(nextAction(d)?.text).toBe('go');
	});
});

describe('nextActionAcross', () => {
	const done = (n: string) => doc({ kind: 'step-file', phases: [ph(n, 0, 50, { status: 'done' })] });
	const open = (n: string, text: string) => doc({ kind: 'step-file', phases: [ph(n, 0, 50, { tasks: [row(text, 10)] })] });

	it('takes the first step not done in numeric order, whatever order the files come in', () => {
		const files = [
			{ path: 'steps/10_deploy.md', doc: open('10', 'deploy') },
			{ path: 'steps/2_schema.md', doc: open('2', 'schema') },
			{ path: 'steps/1_setup.md', doc: done('1') }
		];
		expect(nextActionAcross(files)).toMatchObject({ path: 'steps/2_schema.md', action: { text: 'schema' } });
	});

	it('yields the step itself when it is not done but has no open rows', () => {
		const bare = doc({ kind: 'step-file', title: 'Step 2: Wire it' });
		const r = nextActionAcross([
			{ path: '01_a.md', doc: done('1') },
			{ path: '02_b.md', doc: bare }
		]);
		expect(r).toEqual({ path: '02_b.md', action: { phaseId: null, span: at(0, 0), text: 'Step 2: Wire it', kind: 'step' } });
	});

	it('returns null when every step is done', () => {
		expect(nextActionAcross([{ path: '01_a.md', doc: done('1') }])).toBeNull();
		expect(nextActionAcross([])).toBeNull();
	});

	it('counts a phase-less step done when all its items are ticked or N/A', () => {
		expect(isStepDone(doc({ progress: [row('a', 1, { state: 'done' }), row('b', 9, { state: 'na' })] }))).toBe(true);
		expect(isStepDone(doc({ progress: [row('a', 1, { state: 'done' }), row('b', 9)] }))).toBe(false);
		expect(isStepDone(doc())).toBe(false);
	});
});
