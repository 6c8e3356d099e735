import { describe, expect, it } from 'vitest';
import { parseUsageFile } from '../../../src/lib/spend/detect';
import { SpendImportError, type SpendImportErrorCode } from '../../../src/lib/spend/errors';

const LINE = JSON.stringify({
	type: 'assistant',
	timestamp: '2026-11-02T10:00:00.000Z',
	requestId: 'req_1',
	message: { id: 'msg_1', role: 'assistant', model: 'claude-sonnet-4-5', usage: { input_tokens: 3, output_tokens: 4, cache_creation_input_tokens: 5, cache_read_input_tokens: 6 } }
});

function errorOf(name: string, text: string): SpendImportError {
	try {
		parseUsageFile(name, text);
	} catch (e) {
		if (e instanceof SpendImportError) return e;
		throw e;
	}
	throw new Error(`${name} was accepted`);
}

describe('parseUsageFile', () => {
	it('picks the Claude Code parser for JSON lines, whatever the file is called', () => {
		const text = [JSON.stringify({ type: 'summary', summary: 's' }), LINE, LINE].join('\n');
		for (const name of ['session.jsonl', 'log.txt', 'usage.json']) {
			const r = parseUsageFile(name, text);
			expect(r.source).toBe('claude-jsonl');
			expect(r.messages).toHaveLength(1);
			expect(r.duplicates).toBe(1);
		}
	});

	it('takes a one-line session log (the whole file is one JSON object)', () => {
		const r = parseUsageFile('one.jsonl', LINE);
		expect(r.source).toBe('claude-jsonl');
		expect(r.messages[0]).toMatchObject({ id: 'msg_1', input: 3, output: 4, cacheWrite: 5, cacheRead: 6 });
	});

	it('picks the ccusage parser for daily and session exports, pretty-printed or not', () => {
		const daily = { daily: [{ date: '2026-11-01', inputTokens: 1, outputTokens: 2, cacheCreationTokens: 3, cacheReadTokens: 4, totalTokens: 10 }], totals: {} };
		expect(parseUsageFile('daily.json', JSON.stringify(daily, null, 2)).source).toBe('ccusage-daily');
		expect(parseUsageFile('out.txt', JSON.stringify(daily)).messages).toHaveLength(1);
		const session = { sessions: [{ sessionId: 's', lastActivity: '2026-11-03', inputTokens: 1, outputTokens: 1, cacheCreationTokens: 0, cacheReadTokens: 0 }] };
		expect(parseUsageFile('s.json', JSON.stringify(session)).source).toBe('ccusage-session');
	});

	it('refuses empty files, CSV and random JSON with typed errors', () => {
		const cases: [string, string, SpendImportErrorCode, RegExp][] = [
			['empty.jsonl', '', 'empty', /is empty/],
			['blank.json', '  \n\t\n', 'empty', /is empty/],
			['bom.json', '\uFEFF', 'empty', /is empty/],
			['usage.csv', 'date,input,output\n2026-11-01,1,2\n', 'unknown-format', /not a usage log Waymark can read/],
			['package.json', JSON.stringify({ name: 'waymark', version: '0.1.0' }), 'not-ccusage', /"package\.json" is not a ccusage export/],
			['random.txt', JSON.stringify([{ a: 1 }, { b: 2 }]), 'unknown-format', /not a usage log/],
			['events.jsonl', '{"event":"click"}\n{"event":"scroll"}\n', 'not-claude-log', /"events\.jsonl" is not a Claude Code session log/],
			['notes.md', '# Plan\n\n- [ ] thing\n', 'unknown-format', /Claude Code session log \(\.jsonl/]
		];
		for (const [name, text, code, message] of cases) {
			const e = errorOf(name, text);
			expect(e.code, name).toBe(code);
			expect(e.message, name).toMatch(message);
			expect(e.data.file).toBe(name);
		}
	});
});
