/**
 * Token budgets stated in a plan (DESIGN §3): `**Token Budget**: 500K-800K tokens`, a heading's
 * `(500K-800K tokens)`, `**Reality Check**: 🟡 Normal Chaos (1.5x)`, `**Adjusted Estimate**: 1.2M-2M`,
 * `**Tokens Spent**: ~250K tokens (50% complete)`, `**Actual**: ~200K`, `**Progress**: 1.5M / 3M-6M tokens`.
 */
import type { Budget } from '../types';
import { findTokenRange, parseMultiplier as readMultiplier, parseTokenAmount as readAmount, parseTokenRange as readRange } from '../tokens';
import type { Field } from './fields';
import { memoByString } from './util';

// Field values and headings repeat from keystroke to keystroke: read each text once (results are only read).
const parseTokenRange = memoByString(readRange);
const parseTokenAmount = memoByString(readAmount);
const parseMultiplier = memoByString(readMultiplier);
const headingRange = memoByString((heading: string): { low: number; high: number } | null => {
	const m = /\(([^()]*\btokens?\b[^()]*)\)/i.exec(heading);
	if (!m) return null;
	const r = findTokenRange(m[1]);
	return r ? { low: r.low, high: r.high } : readRange(m[1]);
});

const BUDGET_LABEL = /^(?:total )?(?:token budget|budget|estimated tokens|token estimate|estimate|estimated budget|tokens budget|budget \(tokens\)|effort|estimated effort|token effort)$/;
const ADJUSTED_LABEL = /^adjusted(?: estimate| budget| range)?$/;
const MULTIPLIER_LABEL = /^(?:reality check|multiplier|chaos multiplier|complexity multiplier)$/;
const SPENT_LABEL = /^(?:tokens spent|spent|tokens used|token spend|spent so far)$/;
const ACTUAL_LABEL = /^(?:actual|actual spent|actual tokens|actual spend|actual usage|tokens actual)$/;

/**
 * A figure written as tokens: a `K`/`k`/`M`/`B` suffix, the word "token", or four digits and more —
 * not money (`$1,200`) or time (`45m`, `2h 30m`, `3 days`).
 */
const TOKEN_WRITTEN = /\d\s*(?:[kK]|M|B)\b|tokens?\b|\d[\d,.]{3,}/;
const NOT_TOKENS = /[$€£¥]|\d\s*(?:h|hrs?|hours?|m|mins?|minutes?|d|days?|w|weeks?|s|secs?|seconds?)\b/i;

/**
 * Reads a budget from fields and an optional heading text. Null unless a low/high range, or
 * tokens spent or actual written as tokens, is stated (the latter with a 0–0 range: see `hasRange`).
 * adjustedLow/High: the stated adjusted range, else low/high × multiplier when a multiplier is given.
 */
export function readBudget(fields: readonly Field[], heading: string | null): Budget | null {
	let range: { low: number; high: number } | null = null;
	let adjusted: { low: number; high: number } | null = null;
	let multiplier: number | null = null;
	let spent: number | null = null;
	let actual: number | null = null;
	/** Whether a spent or actual figure is written as tokens (`250K`, `12,000 tokens`), not a bare `2`. */
	let tokenWritten = false;
	for (const f of fields) {
		if (range === null && BUDGET_LABEL.test(f.label)) range = parseTokenRange(f.value);
		else if (adjusted === null && ADJUSTED_LABEL.test(f.label)) adjusted = parseTokenRange(f.value);
		else if (multiplier === null && MULTIPLIER_LABEL.test(f.label)) multiplier = parseMultiplier(f.value);
		else if (spent === null && SPENT_LABEL.test(f.label)) {
			spent = parseTokenAmount(f.value);
			tokenWritten ||= spent !== null && TOKEN_WRITTEN.test(f.value) && !NOT_TOKENS.test(f.value);
		} else if (actual === null && ACTUAL_LABEL.test(f.label)) {
			actual = parseTokenAmount(f.value);
			tokenWritten ||= actual !== null && TOKEN_WRITTEN.test(f.value) && !NOT_TOKENS.test(f.value);
		}
		else if (f.label === 'progress' && f.value.includes('/')) {
			const [done, total] = splitOnce(f.value, '/');
			if (spent === null) spent = parseTokenAmount(done);
			if (range === null) range = parseTokenRange(total);
		}
	}
	if (range === null && heading !== null) range = headingRange(heading);
	// Tokens spent (or actual) with no range stated: kept, with a 0–0 range that means "none stated"
	// (only when written as tokens: `**Actual**: 2` may count days).
	if (range === null) return tokenWritten ? { low: 0, high: 0, multiplier, adjustedLow: null, adjustedHigh: null, spent, actual } : null;
	const adj = adjusted ?? (multiplier !== null ? { low: Math.round(range.low * multiplier), high: Math.round(range.high * multiplier) } : null);
	return {
		low: range.low,
		high: range.high,
		multiplier,
		adjustedLow: adj ? adj.low : null,
		adjustedHigh: adj ? adj.high : null,
		spent,
		actual
	};
}

function splitOnce(s: string, sep: string): [string, string] {
	const i = s.indexOf(sep);
	return [s.slice(0, i), s.slice(i + 1)];
}
