/** set-budget, set-spent, add-spent: the plan's `**Token Budget**`, `**Reality Check**`, `**Adjusted Estimate**`, `**Tokens Spent**` lines. */
import type { Budget, TextChange } from '../types';
import type { EditContext } from './context';
import { findPhase, phaseRegion } from './context';
import { type Holes, addFieldLines, fieldAnchor, findField, firstField, formatField, setFieldValue, upsertField, type FieldLine } from './fields';
import { parseTokenAmount } from '../tokens';
import { effectiveHigh, formatRange, tokens } from './numbers';

const BUDGET = /^(token budget|budget|estimated tokens|token estimate)$/i;
const REALITY = /^reality check$/i;
const ADJUSTED = /^adjusted( estimate| budget)?$/i;
const SPENT = /^(tokens spent|spent|tokens used)$/i;
const RANGE = /^~?[\d.,]+\s*[KkMm]?\s*(?:[-–]\s*~?[\d.,]+\s*[KkMm]?)?(\s*tokens)?/;

/** The seeds' reality-check tiers, written as they write them. */
const TIERS: { m: number; label: string }[] = [
	{ m: 1, label: '🟢 Smooth Sailing (1.0x)' },
	{ m: 1.5, label: '🟡 Normal Chaos (1.5x)' },
	{ m: 2.5, label: '🟠 Docker Networking (2.5x)' },
	{ m: 4, label: '🔴 Existential Debugging (4x)' }
];

interface Target {
	region: { from: number; to: number; headingEnd: number | null; holes?: Holes };
	budget: Budget | null;
}

/** The metadata block edited: a phase's head block, or the plan's header (before its first `##` section or phase). */
function target(ctx: EditContext, phaseId: string | null): Target {
	const { doc } = ctx;
	if (phaseId !== null) {
		const phase = findPhase(doc, phaseId);
		return { region: phaseRegion(phase), budget: phase.budget };
	}
	const title = doc.sections[0] && doc.sections[0].depth === 1 ? doc.sections[0] : null;
	const from = title ? title.headingSpan.end : 0;
	const next = doc.sections.find((s) => s.span.start >= from && s !== title);
	const firstPhase = doc.phases[0]?.span.start ?? ctx.text.length;
	const to = Math.min(next ? next.span.start : ctx.text.length, firstPhase > from ? firstPhase : ctx.text.length);
	return { region: { from, to, headingEnd: title ? title.headingSpan.end : null }, budget: doc.budget };
}

/** `500K-800K tokens` written over the range part of an existing value (rest of the line kept). */
function rangeValue(old: string | null, range: string): string {
	if (old === null) return `${range} tokens`;
	const m = RANGE.exec(old);
	if (!m || !/\d/.test(m[0])) return `${range} tokens`;
	return `${range}${m[1] ?? ''}${old.slice(m[0].length)}`;
}

/** A multiplier as the plan writes it: a seed tier label, else `(Nx)` in place of the old one. */
function realityValue(old: string | null, m: number): string {
	const tier = TIERS.find((t) => t.m === m);
	if (tier) return tier.label;
	const written = `(${Number.isInteger(m) ? m.toFixed(1) : String(m)}x)`;
	if (old && /\([\d.]+x\)/.test(old)) return old.replace(/^(?:🟢|🟡|🟠|🔴)\s*[^()]*/u, '').replace(/\([\d.]+x\)/, written).trim();
	return written;
}

/** `(N% complete)` on a spent line recomputed as spent / adjusted high. */
function withPercent(value: string, spent: number, b: Budget | null): string {
	if (!b) return value;
	const high = effectiveHigh(b);
	if (!(high > 0)) return value;
	const pct = Math.round((spent / high) * 100);
	return value.replace(/\(\s*~?\d+(?:\.\d+)?%\s*complete\s*\)/i, `(${pct}% complete)`);
}

/**
 * A token count written the way `old` writes its number: `22K` when it uses a K/M unit,
 * `22,000` when it groups digits with commas, else plain digits (exact: no rounding).
 */
function countLike(old: string | null, n: number): string {
	const m = old === null ? null : /^~?\s*([\d.,]+)(\s*[KkMm](?![a-z]))?/.exec(old);
	if (!m) return tokens(n);
	if (m[2]) return tokens(n);
	const rounded = Math.round(n);
	return m[1].includes(',') ? rounded.toLocaleString('en-US') : String(rounded);
}

/** The spent value: the number rewritten in the line's own style (any `~` dropped), words after it kept, derived percentages recomputed. */
function spentValue(old: string | null, spent: number, b: Budget | null): string {
	const figure = `${tokens(spent)} tokens`;
	if (old === null) return figure;
	const m = /^~?\s*[\d.,]+(?:\s*[KkMm](?![a-z]))?/.exec(old);
	const next = m ? `${countLike(old, spent)}${old.slice(m[0].length)}` : figure;
	return withPercent(next, spent, b);
}

/** set-budget: the budget line, and with a multiplier the reality-check and adjusted-estimate lines; derived spend % kept true. */
export function setBudget(ctx: EditContext, phaseId: string | null, low: number, high: number, multiplier?: number): TextChange[] {
	if (!(low >= 0 && high >= low)) throw new RangeError(`Bad budget range ${low}-${high}`);
	const { region, budget } = target(ctx, phaseId);
	const changes: TextChange[] = [];
	const missing: [string, string][] = [];
	let anchor: FieldLine | null = null;
	const put = (label: string, re: RegExp, value: (old: string | null) => string): void => {
		const f = findField(ctx, region.from, region.to, re, false, region.holes);
		if (f) {
			const v = value(f.value);
			if (v !== f.value) changes.push(setFieldValue(f, v));
			anchor = f;
		} else missing.push([label, value(null)]);
	};
	put('Token Budget', BUDGET, (old) => rangeValue(old, formatRange(low, high)));
	const m = multiplier ?? budget?.multiplier ?? null;
	if (multiplier !== undefined) put('Reality Check', REALITY, (old) => realityValue(old, multiplier));
	if (m !== null) put('Adjusted Estimate', ADJUSTED, (old) => rangeValue(old, formatRange(Math.round(low * m), Math.round(high * m))));
	if (missing.length) {
		const at: FieldLine | null = anchor ?? fieldAnchor(ctx, region);
		const like = at ?? firstField(ctx, region);
		changes.push(addFieldLines(ctx, region, at, missing.map(([l, v]) => formatField(like, l, v))));
	}
	const spent = findField(ctx, region.from, region.to, SPENT, false, region.holes);
	if (spent && budget?.spent != null) {
		const nb: Budget = { ...budget, low, high, multiplier: m, adjustedLow: m !== null ? low * m : null, adjustedHigh: m !== null ? high * m : null };
		const v = withPercent(spent.value, budget.spent, nb);
		if (v !== spent.value) changes.push(setFieldValue(spent, v));
	}
	return changes;
}

/** set-spent: the `**Tokens Spent**` line rewritten (or added after the budget line), derived text kept true. */
export function setSpent(ctx: EditContext, phaseId: string | null, spent: number): TextChange[] {
	if (!(spent >= 0)) throw new RangeError(`Bad token count ${spent}`);
	const { region, budget } = target(ctx, phaseId);
	const existing = findField(ctx, region.from, region.to, SPENT, false, region.holes);
	const value = spentValue(existing?.value ?? null, spent, budget);
	if (existing) return value === existing.value ? [] : [setFieldValue(existing, value)];
	return [upsertField(ctx, region, 'Tokens Spent', SPENT, value, [BUDGET, ADJUSTED, REALITY])];
}

/** add-spent: adds to the spend already recorded (none counts as 0). */
export function addSpent(ctx: EditContext, phaseId: string | null, more: number): TextChange[] {
	const { region, budget } = target(ctx, phaseId);
	// The model has no spend when the plan states no budget range; the line itself still counts.
	const line = budget?.spent == null ? findField(ctx, region.from, region.to, SPENT, false, region.holes) : null;
	const current = budget?.spent ?? (line ? parseTokenAmount(line.value.replace(/^~\s*/, '')) : null) ?? 0;
	return setSpent(ctx, phaseId, current + more);
}
