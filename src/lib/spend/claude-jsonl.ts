/**
 * Claude Code session logs (`~/.claude/projects/<project>/<session>.jsonl`): one JSON object a
 * line; assistant lines carry `message.usage`. Read in the browser; nothing is uploaded.
 *
 * A message streamed in several content blocks is written on several lines with the same
 * `message.id` and `requestId`. It is counted once: the line with the largest `output_tokens`
 * wins (the counts grow as a message streams, so that is its final tally); on a tie the later
 * line wins. Its input and cache figures come from that same line.
 */
import { SpendImportError, subject } from './errors';
import { isCount, isObject, stripBom, toIsoTime, tryParse, type JsonObject } from './json';
import type { UsageParse, UsageRecord } from './types';

/** Line types Claude Code writes that carry no usage of their own; read and ignored. */
const OTHER_TYPES = new Set(['user', 'summary', 'system', 'file-history-snapshot', 'queue-operation', 'progress', 'result']);

/** Why a line was not turned into a record. */
type LineResult = { kind: 'record'; key: string; record: UsageRecord } | { kind: 'ignored' } | { kind: 'malformed' };

function readUsage(usage: unknown): Pick<UsageRecord, 'input' | 'output' | 'cacheWrite' | 'cacheRead'> | null {
	if (!isObject(usage) || !isCount(usage.input_tokens) || !isCount(usage.output_tokens)) return null;
	const cacheWrite = usage.cache_creation_input_tokens ?? 0;
	const cacheRead = usage.cache_read_input_tokens ?? 0;
	if (!isCount(cacheWrite) || !isCount(cacheRead)) return null;
	return { input: usage.input_tokens, output: usage.output_tokens, cacheWrite, cacheRead };
}

function readAssistant(entry: JsonObject, lineNo: number): LineResult {
	const message = entry.message;
	if (!isObject(message)) return { kind: 'malformed' };
	const usage = readUsage(message.usage);
	const time = toIsoTime(entry.timestamp);
	if (!usage || !time) return { kind: 'malformed' };
	const messageId = typeof message.id === 'string' ? message.id : null;
	const requestId = typeof entry.requestId === 'string' ? entry.requestId : null;
	const uuid = typeof entry.uuid === 'string' ? entry.uuid : null;
	// Without a message id or a request id nothing ties lines together: each line is its own message.
	const key = messageId || requestId ? `${messageId ?? ''}\u0000${requestId ?? ''}` : `line\u0000${lineNo}`;
	const record: UsageRecord = { id: messageId ?? requestId ?? uuid ?? `line-${lineNo}`, time, ...usage };
	if (typeof message.model === 'string') record.model = message.model;
	return { kind: 'record', key, record };
}

function readLine(line: string, lineNo: number): LineResult & { known: boolean } {
	const entry = tryParse(line);
	if (!isObject(entry)) return { kind: 'malformed', known: false };
	if (entry.type === 'assistant') return { ...readAssistant(entry, lineNo), known: true };
	const known =
		typeof entry.type === 'string' &&
		(OTHER_TYPES.has(entry.type) || typeof entry.sessionId === 'string' || typeof entry.uuid === 'string');
	return known ? { kind: 'ignored', known } : { kind: 'malformed', known };
}

/**
 * Reads a Claude Code session log into one usage record per model call, in the order each first
 * appears. Throws {@link SpendImportError} `not-claude-log` when no line is a Claude Code entry.
 */
export function parseClaudeJsonl(text: string, file?: string): UsageParse {
	const chosen = new Map<string, UsageRecord>();
	let skipped = 0;
	let duplicates = 0;
	let known = 0;
	const lines = stripBom(text).split(/\r?\n/);
	lines.forEach((raw, index) => {
		const line = raw.trim();
		if (line === '') return;
		const result = readLine(line, index + 1);
		if (result.known) known++;
		if (result.kind === 'malformed') skipped++;
		if (result.kind !== 'record') return;
		const prior = chosen.get(result.key);
		if (prior) {
			duplicates++;
			// Replace the value but keep the key's first-seen position in the Map.
			if (result.record.output >= prior.output) chosen.set(result.key, result.record);
		} else chosen.set(result.key, result.record);
	});
	if (known === 0) {
		throw new SpendImportError(
			'not-claude-log',
			`${subject(file)} not a Claude Code session log: no line is a Claude Code entry (JSON lines with "type": "assistant", "user", …). Pick a .jsonl file from ~/.claude/projects/.`,
			file
		);
	}
	return { messages: [...chosen.values()], skipped, duplicates };
}
