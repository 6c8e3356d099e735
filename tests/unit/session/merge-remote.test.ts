/** Remote changes merged into an open plan's unsaved text: clean merges, and conflicts shown with markers (never hidden). */
import { describe, expect, it } from 'vitest';
import { mergeRemote } from '../../../src/lib/session/plan-page.svelte';

const BASE = '# P\n\n## Purpose\n\nParse plans.\n\n## Progress\n\n- [ ] One\n';

describe('mergeRemote', () => {
	it('takes the remote text when nothing local changed', () => {
		expect(mergeRemote(BASE, BASE, BASE.replace('One', 'Uno'))).toEqual({ text: BASE.replace('One', 'Uno'), clean: true });
	});

	it('merges changes to different lines', () => {
		const local = BASE.replace('Parse plans.', 'Parse plans fast.');
		const remote = `${BASE}- [ ] Two\n`;
		expect(mergeRemote(BASE, local, remote)).toEqual({ text: `${local}- [ ] Two\n`, clean: true });
	});

	it('shows both versions with conflict markers when the same line changed', () => {
		const r = mergeRemote(BASE, BASE.replace('Parse plans.', 'Ours.'), BASE.replace('Parse plans.', 'Theirs.'));
		expect(r.clean).toBe(false);
		expect(r.text).toMatch(/<<<<<<<[^\n]*\nOurs\.\n=======\nTheirs\.\n>>>>>>>/);
		expect(r.text.startsWith('# P\n\n## Purpose\n\n')).toBe(true);
	});

	it('keeps CRLF line endings in a conflict', () => {
		const crlf = BASE.replace(/\n/g, '\r\n');
		const r = mergeRemote(crlf, crlf.replace('Parse plans.', 'Ours.'), crlf.replace('Parse plans.', 'Theirs.'));
		expect(r.clean).toBe(false);
		expect(r.text.replace(/\r\n/g, '')).not.toContain('\n');
	});
});
