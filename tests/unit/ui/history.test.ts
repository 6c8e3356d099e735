import { describe, expect, it } from 'vitest';
import { phaseOfMessage } from '../../../src/lib/ui/plan/history';

describe('phaseOfMessage', () => {
	it('reads the default phase-completion message', () => {
		expect(phaseOfMessage('feat(plan): complete Phase 2 — Parser core')).toBe('2');
		expect(phaseOfMessage('feat(plan): complete Phase 3.1 — Sub step\n\nbody')).toBe('3.1');
	});
	it('reads hand-written forms', () => {
		expect(phaseOfMessage('Complete phase 4: sync')).toBe('4');
		expect(phaseOfMessage('docs: Phase 5 complete')).toBe('5');
		expect(phaseOfMessage('completed step 04-auth')).toBe('04-auth');
	});
	it('does not read progress commits or phases only mentioned', () => {
		expect(phaseOfMessage('docs(plan): progress — tick Write the parser')).toBeNull();
		expect(phaseOfMessage('start phase 2')).toBeNull();
		expect(phaseOfMessage('docs: phase 2 notes\n\ncomplete phase 2 later')).toBeNull();
	});
});
