/**
 * The chart's history read through the worker: the committer's time for x (a commit re-created by
 * sync keeps its author time), the log's own order, and "capped" only when more commits exist.
 */
import { describe, expect, it, vi } from 'vitest';
import type { CommitInfo } from '../../../src/lib/git/protocol';

const plan = (spent: string) => `# Plan\n\n**Token Budget**: 1M-2M tokens\n**Tokens Spent**: ${spent} tokens\n\n## Phase 1: A\n`;
let log: CommitInfo[] = [];
const texts = new Map<string, string>();
const asked: number[] = [];

vi.mock('$lib/git', () => ({
	gitClient: () => ({
		log: async (_id: string, _path: string, limit: number) => {
			asked.push(limit);
			return log.slice(0, limit);
		},
		readAt: async (_id: string, oid: string) => texts.get(oid) ?? null
	})
}));

const { loadSpendHistory } = await import('../../../src/lib/ui/phases/spend-history');

const commit = (oid: string, authored: number, committed: number): CommitInfo => ({ oid, message: oid, author: { name: 'A', email: 'a@example.com', timestamp: authored }, committer: { timestamp: committed }, parents: [], unpushed: false });

describe('loadSpendHistory', () => {
	it('plots committer time in the log’s order (a replayed commit does not make spend fall)', async () => {
		log = [commit('replayed', 100, 400), commit('remote', 300, 300), commit('first', 50, 50)];
		texts.set('replayed', plan('30K')).set('remote', plan('20K')).set('first', plan('10K'));
		const h = await loadSpendHistory('r1', 'plan.md');
		expect(h?.points).toEqual([
			{ oid: 'first', time: 50, spent: 10_000 },
			{ oid: 'remote', time: 300, spent: 20_000 },
			{ oid: 'replayed', time: 400, spent: 30_000 }
		]);
		expect(h?.capped).toBe(false);
	});

	it('is capped only when the history holds more commits than the limit', async () => {
		log = [commit('c', 3, 3), commit('b', 2, 2)];
		texts.set('c', plan('3K')).set('b', plan('2K'));
		asked.length = 0;
		const exact = await loadSpendHistory('r2', 'plan.md', () => false, 2);
		expect(asked).toEqual([3]);
		expect(exact?.capped).toBe(false);
		log = [commit('c', 3, 3), commit('b', 2, 2), commit('a', 1, 1)];
		texts.set('a', plan('1K'));
		const more = await loadSpendHistory('r2', 'plan.md', () => false, 2);
		expect(more?.capped).toBe(true);
		expect(more?.points.map((p) => p.oid)).toEqual(['b', 'c']);
	});
});
