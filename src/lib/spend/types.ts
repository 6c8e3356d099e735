/**
 * Token usage read from an agent's own logs, in the browser (the file never leaves it), so a
 * phase's Tokens Spent can be filled from what was really used.
 */

/** One billed model call (Claude Code) or one aggregated row (ccusage), with its tokens by kind. */
export interface UsageRecord {
	/** Message id (Claude Code) or `<report>:<key>` (ccusage, e.g. `daily:2026-11-02`). */
	id: string;
	/** ISO 8601 instant the usage belongs to (UTC). */
	time: string;
	/** Model name; comma-separated when a ccusage row covers several. */
	model?: string;
	input: number;
	output: number;
	/** Cache creation (write) input tokens. */
	cacheWrite: number;
	/** Cache read input tokens. */
	cacheRead: number;
}

/** What a parser returns: the records, and how many lines/rows it set aside and why. */
export interface UsageParse {
	messages: UsageRecord[];
	/** Lines/rows that could not be read (bad JSON, usage missing or not numbers, no time). */
	skipped: number;
	/** Lines repeating a message already counted (same message id + request id). */
	duplicates: number;
}

/** Which file a parse came from, for the import dialog. */
export type UsageSource =
	| 'claude-jsonl'
	| 'ccusage-daily'
	| 'ccusage-weekly'
	| 'ccusage-monthly'
	| 'ccusage-session'
	| 'ccusage-blocks';

/** A parse with its detected source. */
export interface UsageImport extends UsageParse {
	source: UsageSource;
}
