import { describe, expect, it } from 'vitest';
import { parseCcusage } from '../../../src/lib/spend/ccusage';
import { SpendImportError } from '../../../src/lib/spend/errors';

/** `ccusage daily --json` as ccusage writes it (fields, totals, model breakdowns). */
const DAILY = {
	daily: [
		{
			date: '2026-11-01',
			inputTokens: 277,
			outputTokens: 31456,
			cacheCreationTokens: 512,
			cacheReadTokens: 1024,
			totalTokens: 33269,
			totalCost: 17.58,
			modelsUsed: ['claude-sonnet-4-20250514', 'claude-opus-4-20250514'],
			modelBreakdowns: [{ modelName: 'claude-sonnet-4-20250514', inputTokens: 200, outputTokens: 20000, cacheCreationTokens: 500, cacheReadTokens: 1000, cost: 10 }]
		},
		{
			date: '2026-11-02',
			inputTokens: 1500,
			outputTokens: 8000,
			cacheCreationTokens: 40000,
			cacheReadTokens: 900000,
			totalTokens: 949500,
			totalCost: 3.2,
			modelsUsed: ['claude-sonnet-4-5'],
			modelBreakdowns: []
		}
	],
	totals: { inputTokens: 1777, outputTokens: 39456, cacheCreationTokens: 40512, cacheReadTokens: 901024, totalTokens: 982769, totalCost: 20.78 }
};

/** `ccusage session --json`: one date-only and one RFC 3339 `lastActivity`. */
const SESSIONS = {
	sessions: [
		{
			sessionId: '-home-me-waymark',
			inputTokens: 45230,
			outputTokens: 12450,
			cacheCreationTokens: 8900,
			cacheReadTokens: 125000,
			totalTokens: 191580,
			totalCost: 0.45,
			lastActivity: '2026-11-03',
			modelsUsed: ['claude-sonnet-4-20250514'],
			modelBreakdowns: [],
			projectPath: 'home/me/waymark'
		},
		{
			sessionId: 'abc123-def456',
			firstActivity: '2026-11-03T09:00:00.000Z',
			lastActivity: '2026-11-04T14:30:00+02:00',
			inputTokens: 10,
			outputTokens: 20,
			cacheCreationTokens: 30,
			cacheReadTokens: 40,
			totalTokens: 100,
			totalCost: 0.01,
			modelsUsed: [],
			modelBreakdowns: []
		}
	],
	totals: { inputTokens: 45240, outputTokens: 12470, cacheCreationTokens: 8930, cacheReadTokens: 125040, totalTokens: 191680, totalCost: 0.46 }
};

describe('parseCcusage', () => {
	it('reads a daily export: one record a day at 00:00Z, tokens by kind', () => {
		const r = parseCcusage(DAILY);
		expect(r.source).toBe('ccusage-daily');
		expect(r.skipped).toBe(0);
		expect(r.duplicates).toBe(0);
		expect(r.messages).toEqual([
			{ id: 'daily:2026-11-01', time: '2026-11-01T00:00:00.000Z', model: 'claude-sonnet-4-20250514, claude-opus-4-20250514', input: 277, output: 31456, cacheWrite: 512, cacheRead: 1024 },
			{ id: 'daily:2026-11-02', time: '2026-11-02T00:00:00.000Z', model: 'claude-sonnet-4-5', input: 1500, output: 8000, cacheWrite: 40000, cacheRead: 900000 }
		]);
		// The rows add up to the export's own totals.
		const sum = r.messages.reduce((a, m) => a + m.input + m.output + m.cacheWrite + m.cacheRead, 0);
		expect(sum).toBe(DAILY.totals.totalTokens);
	});

	it('reads a session export at each session\'s last activity', () => {
		const r = parseCcusage(SESSIONS);
		expect(r.source).toBe('ccusage-session');
		expect(r.messages.map((m) => [m.id, m.time, m.model])).toEqual([
			['sessions:-home-me-waymark', '2026-11-03T00:00:00.000Z', 'claude-sonnet-4-20250514'],
			['sessions:abc123-def456', '2026-11-04T12:30:00.000Z', undefined]
		]);
		expect(r.messages[1]).toMatchObject({ input: 10, output: 20, cacheWrite: 30, cacheRead: 40 });
	});

	it('reads monthly rows at the first of the month and skips a malformed row', () => {
		const r = parseCcusage({
			monthly: [
				{ month: '2026-10', inputTokens: 1, outputTokens: 2, cacheCreationTokens: 3, cacheReadTokens: 4, totalTokens: 10 },
				{ month: '2026-11', inputTokens: 'many', outputTokens: 2 },
				{ inputTokens: 1, outputTokens: 1 }
			],
			totals: {}
		});
		expect(r.source).toBe('ccusage-monthly');
		expect(r.messages).toEqual([{ id: 'monthly:2026-10', time: '2026-10-01T00:00:00.000Z', input: 1, output: 2, cacheWrite: 3, cacheRead: 4 }]);
		expect(r.skipped).toBe(2);
	});

	it('reads blocks (tokenCounts, gaps left out) and daily rows grouped by project', () => {
		const blocks = parseCcusage({
			blocks: [
				{ id: '2026-11-02T10:00:00.000Z', startTime: '2026-11-02T10:00:00.000Z', isGap: false, tokenCounts: { inputTokens: 5, outputTokens: 6, cacheCreationInputTokens: 7, cacheReadInputTokens: 8 }, models: ['claude-opus-4-1'] },
				{ id: 'gap-1', startTime: '2026-11-02T15:00:00.000Z', isGap: true, tokenCounts: { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 } }
			]
		});
		expect(blocks.messages).toEqual([{ id: 'blocks:2026-11-02T10:00:00.000Z', time: '2026-11-02T10:00:00.000Z', model: 'claude-opus-4-1', input: 5, output: 6, cacheWrite: 7, cacheRead: 8 }]);
		expect(blocks.skipped).toBe(0);
		const grouped = parseCcusage({
			projects: {
				waymark: [{ date: '2026-11-01', inputTokens: 1, outputTokens: 1, cacheCreationTokens: 0, cacheReadTokens: 0 }],
				other: [{ date: '2026-11-01', inputTokens: 2, outputTokens: 2, cacheCreationTokens: 0, cacheReadTokens: 0 }]
			}
		});
		expect(grouped.messages.map((m) => m.id)).toEqual(['daily:waymark/2026-11-01', 'daily:other/2026-11-01']);
	});

	it('accepts an export with no rows', () => {
		expect(parseCcusage({ daily: [], totals: {} })).toEqual({ source: 'ccusage-daily', messages: [], skipped: 0, duplicates: 0 });
	});

	it('refuses foreign JSON with a clear error', () => {
		for (const data of [{ name: 'waymark', version: '0.1.0' }, [1, 2, 3], 'daily', null, { totals: { inputTokens: 1 } }, { daily: 'yes' }]) {
			expect(() => parseCcusage(data, 'x.json')).toThrow(SpendImportError);
			expect(() => parseCcusage(data, 'x.json')).toThrow(/^"x\.json" is not a ccusage export/);
		}
	});
});
