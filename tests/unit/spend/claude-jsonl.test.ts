import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseClaudeJsonl } from '../../../src/lib/spend/claude-jsonl';
import { SpendImportError } from '../../../src/lib/spend/errors';

/** The true tokens of one model call, as the generator decided them (ground truth, not parsed). */
interface Truth {
	id: string;
	requestId: string;
	time: string;
	model: string;
	input: number;
	output: number;
	cacheWrite: number;
	cacheRead: number;
}

/** Deterministic PRNG (mulberry32) so the generated log is the same on every run. */
function rng(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function assistantLine(m: Truth, output: number, extra: Record<string, unknown> = {}): string {
	return JSON.stringify({
		parentUuid: null,
		isSidechain: false,
		sessionId: 'sess-1',
		type: 'assistant',
		timestamp: m.time,
		requestId: m.requestId,
		uuid: `uuid-${Math.random()}`,
		message: {
			id: m.id,
			type: 'message',
			role: 'assistant',
			model: m.model,
			content: [{ type: 'text', text: 'hi' }],
			usage: {
				input_tokens: m.input,
				cache_creation_input_tokens: m.cacheWrite,
				cache_read_input_tokens: m.cacheRead,
				output_tokens: output,
				service_tier: 'standard'
			}
		},
		...extra
	});
}

/**
 * A session log: every message streamed over 1–4 lines (output growing to its final count, the
 * final line sometimes not last), user/summary/system lines in between, and malformed lines.
 */
function generateLog(seed: number, n: number): { text: string; truth: Truth[]; malformed: number; assistantLines: number } {
	const rand = rng(seed);
	const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
	const truth: Truth[] = [];
	const lines: string[] = [JSON.stringify({ type: 'summary', summary: 'Build the thing', leafUuid: 'x' })];
	let malformed = 0;
	let assistantLines = 0;
	const start = Date.parse('2026-11-02T10:00:00.000Z');
	for (let i = 0; i < n; i++) {
		const m: Truth = {
			id: `msg_${i.toString(36)}`,
			requestId: `req_${i}`,
			time: new Date(start + i * 61_000).toISOString(),
			model: i % 3 ? 'claude-sonnet-4-5' : 'claude-opus-4-1',
			input: int(0, 5000),
			output: int(1, 4000),
			cacheWrite: int(0, 20000),
			cacheRead: int(0, 200000)
		};
		truth.push(m);
		lines.push(JSON.stringify({ type: 'user', sessionId: 'sess-1', timestamp: m.time, message: { role: 'user', content: 'go' } }));
		const copies = int(1, 4);
		// Earlier streaming lines carry smaller output counts than the final tally.
		const outputs = Array.from({ length: copies - 1 }, () => int(0, m.output - 1 < 0 ? 0 : m.output - 1)).filter((o) => o < m.output);
		const seq = [...outputs, m.output];
		// Sometimes a partial line is written after the final one.
		if (seq.length > 1 && rand() < 0.3) seq.push(seq.shift() as number);
		for (const out of seq) {
			lines.push(assistantLine(m, out));
			assistantLines++;
		}
		if (rand() < 0.2) lines.push(JSON.stringify({ type: 'system', subtype: 'info', content: 'compacting', sessionId: 'sess-1' }));
		if (rand() < 0.15) {
			lines.push('{"type":"assistant","message":{"id":"broken"'); // cut-off JSON
			malformed++;
		}
		if (rand() < 0.1) {
			lines.push(JSON.stringify({ type: 'assistant', timestamp: m.time, requestId: 'r', message: { id: `nousage_${i}`, role: 'assistant' } }));
			malformed++;
		}
		if (rand() < 0.1) lines.push('');
	}
	lines.push('not json at all');
	malformed++;
	lines.push(JSON.stringify({ type: 'assistant', timestamp: '2026-11-02T10:00:00Z', message: { id: 'strs', usage: { input_tokens: '5', output_tokens: 1 } } }));
	malformed++;
	return { text: lines.join('\n') + '\n', truth, malformed, assistantLines };
}

function sum(xs: readonly { input: number; output: number; cacheWrite: number; cacheRead: number }[]) {
	return xs.reduce(
		(a, x) => ({ input: a.input + x.input, output: a.output + x.output, cacheWrite: a.cacheWrite + x.cacheWrite, cacheRead: a.cacheRead + x.cacheRead }),
		{ input: 0, output: 0, cacheWrite: 0, cacheRead: 0 }
	);
}

describe('parseClaudeJsonl', () => {
	it('counts each message once with its final tally on a generated log', () => {
		const { text, truth, malformed, assistantLines } = generateLog(42, 300);
		const result = parseClaudeJsonl(text);
		expect(result.messages).toHaveLength(truth.length);
		expect(sum(result.messages)).toEqual(sum(truth));
		expect(result.skipped).toBe(malformed);
		expect(result.duplicates).toBe(assistantLines - truth.length);
		expect(result.duplicates).toBeGreaterThan(100);
		// Each record matches its message, in first-seen order.
		result.messages.forEach((r, i) => {
			const t = truth[i];
			expect(r).toEqual({ id: t.id, time: t.time, model: t.model, input: t.input, output: t.output, cacheWrite: t.cacheWrite, cacheRead: t.cacheRead });
		});
	});

	it('holds for random logs (fast-check seeds and sizes)', () => {
		fc.assert(
			fc.property(fc.integer(), fc.integer({ min: 1, max: 40 }), (seed, n) => {
				const { text, truth, malformed, assistantLines } = generateLog(seed, n);
				const result = parseClaudeJsonl(text);
				expect(sum(result.messages)).toEqual(sum(truth));
				expect(result.skipped).toBe(malformed);
				expect(result.duplicates).toBe(assistantLines - truth.length);
			}),
			{ numRuns: 60 }
		);
	});

	it('keeps the line with the largest output even when a smaller one comes last; ties go to the later line', () => {
		const m: Truth = { id: 'msg_a', requestId: 'req_a', time: '2026-11-02T10:00:00.000Z', model: 'm', input: 10, output: 500, cacheWrite: 3, cacheRead: 4 };
		const text = [assistantLine(m, 1), assistantLine(m, 500), assistantLine({ ...m, input: 99 }, 20)].join('\n');
		const r = parseClaudeJsonl(text);
		expect(r.messages).toEqual([{ id: 'msg_a', time: m.time, model: 'm', input: 10, output: 500, cacheWrite: 3, cacheRead: 4 }]);
		expect(r.duplicates).toBe(2);
		const tie = parseClaudeJsonl([assistantLine(m, 500), assistantLine({ ...m, input: 11 }, 500)].join('\n'));
		expect(tie.messages[0].input).toBe(11);
	});

	it('keys on message id AND request id', () => {
		const m: Truth = { id: 'msg_same', requestId: 'req_1', time: '2026-11-02T10:00:00.000Z', model: 'm', input: 1, output: 2, cacheWrite: 0, cacheRead: 0 };
		const r = parseClaudeJsonl([assistantLine(m, 2), assistantLine({ ...m, requestId: 'req_2' }, 2)].join('\n'));
		expect(r.messages).toHaveLength(2);
		expect(r.duplicates).toBe(0);
	});

	it('counts lines without ids separately and takes missing cache fields as 0', () => {
		const line = JSON.stringify({ type: 'assistant', timestamp: '2026-11-02T10:00:00Z', message: { role: 'assistant', usage: { input_tokens: 7, output_tokens: 3 } } });
		const r = parseClaudeJsonl(`${line}\n${line}\n`);
		expect(r.messages).toHaveLength(2);
		expect(r.messages[0]).toEqual({ id: 'line-1', time: '2026-11-02T10:00:00.000Z', input: 7, output: 3, cacheWrite: 0, cacheRead: 0 });
		expect(r.duplicates).toBe(0);
	});

	it('reads CRLF and a BOM, and skips an assistant line without a timestamp', () => {
		const m: Truth = { id: 'msg_c', requestId: 'req_c', time: '2026-11-02T10:00:00.000Z', model: 'm', input: 1, output: 1, cacheWrite: 1, cacheRead: 1 };
		const noTime = JSON.stringify({ type: 'assistant', message: { id: 'x', usage: { input_tokens: 1, output_tokens: 1 } } });
		const r = parseClaudeJsonl('\uFEFF' + [assistantLine(m, 1), noTime].join('\r\n') + '\r\n');
		expect(r.messages).toHaveLength(1);
		expect(r.skipped).toBe(1);
	});

	it('returns no records for a session with only user and summary lines', () => {
		const text = [JSON.stringify({ type: 'summary', summary: 's' }), JSON.stringify({ type: 'user', sessionId: 's', message: { role: 'user', content: 'x' } })].join('\n');
		expect(parseClaudeJsonl(text)).toEqual({ messages: [], skipped: 0, duplicates: 0 });
	});

	it('refuses a file with no Claude Code line', () => {
		for (const text of ['a,b,c\n1,2,3\n', '{"name":"pkg","version":"1.0.0"}', '[1,2,3]\n{"foo":1}\n', '{"type":"event"}\n']) {
			let caught: unknown;
			try {
				parseClaudeJsonl(text);
			} catch (e) {
				caught = e;
			}
			expect(caught).toBeInstanceOf(SpendImportError);
			expect((caught as SpendImportError).code).toBe('not-claude-log');
			expect((caught as SpendImportError).message).toMatch(/^This is not a Claude Code session log/);
		}
		expect(() => parseClaudeJsonl('x', 'notes.jsonl')).toThrow(/^"notes\.jsonl" is not a Claude Code session log/);
	});

	it('serialises its error for a worker boundary', () => {
		try {
			parseClaudeJsonl('nope', 'a.jsonl');
			expect.unreachable();
		} catch (e) {
			expect(JSON.parse(JSON.stringify(e))).toMatchObject({ name: 'SpendImportError', code: 'not-claude-log', data: { file: 'a.jsonl' } });
		}
	});
});
