/** "Search plans": lines holding every word of the query, across repos, in order, with a limit. */
import { describe, expect, it } from 'vitest';
import { searchPlans, type SearchDoc } from '../../../src/lib/ui/home/search';

const docs: SearchDoc[] = [
	{ repoId: 'a', repoName: 'alpha', path: 'docs/plans/one.md', text: '# One\n\n- [ ] Measure the Lighthouse beam\n- [x] Paint buoys\r\n- [ ] lighthouse keeper hired\n' },
	{ repoId: 'b', repoName: 'beta', path: 'PLAN.md', text: '# Beta\n\nThe lighthouse is far.\n' }
];

describe('searchPlans', () => {
	it('finds every line that holds all words, case-insensitive, in repo and line order', () => {
		expect(searchPlans(docs, 'LIGHTHOUSE').map((h) => [h.repoName, h.path, h.line, h.snippet])).toEqual([
			['alpha', 'docs/plans/one.md', 3, '- [ ] Measure the Lighthouse beam'],
			['alpha', 'docs/plans/one.md', 5, '- [ ] lighthouse keeper hired'],
			['beta', 'PLAN.md', 3, 'The lighthouse is far.']
		]);
		expect(searchPlans(docs, 'beam lighthouse').map((h) => h.line)).toEqual([3]);
		expect(searchPlans(docs, 'paint').map((h) => h.snippet)).toEqual(['- [x] Paint buoys']);
	});

	it('gives nothing for a blank query or a word nowhere', () => {
		expect(searchPlans(docs, '   ')).toEqual([]);
		expect(searchPlans(docs, 'quokka')).toEqual([]);
	});

	it('stops at the limit and cuts long lines around the match', () => {
		const many: SearchDoc = { repoId: 'c', repoName: 'c', path: 'x.md', text: Array.from({ length: 80 }, (_, i) => `row ${i} match`).join('\n') };
		expect(searchPlans([many], 'match')).toHaveLength(50);
		expect(searchPlans([many], 'match', 5).map((h) => h.line)).toEqual([1, 2, 3, 4, 5]);
		const long: SearchDoc = { repoId: 'd', repoName: 'd', path: 'y.md', text: `${'a'.repeat(300)} needle ${'b'.repeat(300)}` };
		const [hit] = searchPlans([long], 'needle');
		expect(hit.snippet).toContain('needle');
		expect(hit.snippet.startsWith('…')).toBe(true);
		expect(hit.snippet.endsWith('…')).toBe(true);
		expect(hit.snippet.length).toBeLessThanOrEqual(162);
	});
});
