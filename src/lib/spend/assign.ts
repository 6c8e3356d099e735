/**
 * Splits imported usage over a plan's phases by time: each record goes to the phase that was in
 * progress when it was made, read from the phase's Started / Completed dates. Pure: no clock.
 *
 * A phase covers [Started, Completed]; a date-only Started begins at 00:00Z that day and a
 * date-only Completed includes that whole day (UTC). A phase with Started and no Completed is
 * still running. Where phases overlap, the one started latest wins (ties: the later one in the
 * list), so a sub-phase started inside its parent takes its own records when both are passed.
 * A phase without a readable Started cannot be placed in time and gets no records (it is listed
 * in `undated`). Records no phase covers go to `fallbackPhase`, else to `unassigned`.
 */
import type { Phase } from '../plan/types';
import type { UsageRecord } from './types';

/** Which token kinds count as spend. */
export interface SpendCounts {
	input: boolean;
	output: boolean;
	cacheWrite: boolean;
	cacheRead: boolean;
}

/** The default: what a phase really costs in fresh tokens (cache reads are cheap and huge, so left out). */
export const DEFAULT_COUNTS: SpendCounts = { input: true, output: true, cacheWrite: true, cacheRead: false };

/** Tokens by kind, kept apart, and `spend` = the sum of the kinds counted. */
export interface TokenTotals {
	input: number;
	output: number;
	cacheWrite: number;
	cacheRead: number;
	spend: number;
	/** Records summed. */
	records: number;
}

/** One phase's share of the usage. */
export interface PhaseSpend extends TokenTotals {
	phaseId: string;
}

/** Usage split over phases: one entry per phase given (in that order), what no phase took, and the whole. */
export interface SpendAssignment {
	phases: PhaseSpend[];
	unassigned: TokenTotals;
	total: TokenTotals;
	/** Ids of phases without a readable Started date (they could take no record by time). */
	undated: string[];
}

/** Options of {@link assignToPhases}. */
export interface AssignOptions {
	/** Token kinds that make up `spend`; default {@link DEFAULT_COUNTS}. */
	counts?: SpendCounts;
	/** Phase id that takes records no phase covers; they stay unassigned without it. */
	fallbackPhase?: string;
}

const DAY_MS = 86_400_000;

interface Interval {
	index: number;
	start: number;
	/** Exclusive end; Infinity while running. */
	end: number;
}

/** A phase date as written (`2026-11-02`, `2026‑11‑02`, `2026-11-02 14:00Z`, ISO) → its instant and whether it was a bare date. */
export function readPhaseDate(value: string | null): { ms: number; dateOnly: boolean } | null {
	if (!value) return null;
	const m = /(\d{4})[-\u2011](\d{2})[-\u2011](\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s?(Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?/iu.exec(value);
	if (!m) return null;
	const [, y, mo, d, h, mi, s, frac, zone] = m;
	const date = `${y}-${mo}-${d}`;
	if (h === undefined) {
		const ms = Date.parse(`${date}T00:00:00Z`);
		return Number.isNaN(ms) ? null : { ms, dateOnly: true };
	}
	const offset = !zone || /^(?:Z|UTC|GMT)$/i.test(zone) ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
	const ms = Date.parse(`${date}T${h.padStart(2, '0')}:${mi}:${s ?? '00'}${frac ? `.${frac.slice(0, 3)}` : ''}${offset}`);
	return Number.isNaN(ms) ? null : { ms, dateOnly: false };
}

function intervalOf(phase: Phase, index: number): Interval | null {
	const start = readPhaseDate(phase.started);
	if (!start) return null;
	const done = readPhaseDate(phase.completed);
	const end = done ? (done.dateOnly ? done.ms + DAY_MS : done.ms + 1) : Infinity;
	return { index, start: start.ms, end };
}

function empty(): TokenTotals {
	return { input: 0, output: 0, cacheWrite: 0, cacheRead: 0, spend: 0, records: 0 };
}

function add(t: TokenTotals, r: UsageRecord, counts: SpendCounts): void {
	t.input += r.input;
	t.output += r.output;
	t.cacheWrite += r.cacheWrite;
	t.cacheRead += r.cacheRead;
	t.spend += (counts.input ? r.input : 0) + (counts.output ? r.output : 0) + (counts.cacheWrite ? r.cacheWrite : 0) + (counts.cacheRead ? r.cacheRead : 0);
	t.records++;
}

/**
 * Sums usage records per phase by the time each was made (see the module comment for the rule).
 * Throws a `RangeError` when `fallbackPhase` names none of `phases`.
 */
export function assignToPhases(records: readonly UsageRecord[], phases: readonly Phase[], opts: AssignOptions = {}): SpendAssignment {
	const counts = opts.counts ?? DEFAULT_COUNTS;
	const out: PhaseSpend[] = phases.map((p) => ({ phaseId: p.id, ...empty() }));
	const fallback = opts.fallbackPhase === undefined ? -1 : phases.findIndex((p) => p.id === opts.fallbackPhase);
	if (opts.fallbackPhase !== undefined && fallback === -1) {
		throw new RangeError(`fallbackPhase "${opts.fallbackPhase}" is not one of the phases given (${phases.map((p) => p.id).join(', ')})`);
	}
	const intervals: Interval[] = [];
	const undated: string[] = [];
	phases.forEach((p, i) => {
		const iv = intervalOf(p, i);
		if (iv) intervals.push(iv);
		else undated.push(p.id);
	});
	const unassigned = empty();
	const total = empty();
	for (const r of records) {
		add(total, r, counts);
		const t = Date.parse(r.time);
		if (Number.isNaN(t)) {
			// A record without a readable time cannot be placed, not even on the fallback phase.
			add(unassigned, r, counts);
			continue;
		}
		let best: Interval | null = null;
		for (const iv of intervals) {
			if (t < iv.start || t >= iv.end) continue;
			if (!best || iv.start >= best.start) best = iv;
		}
		const index = best ? best.index : fallback;
		add(index >= 0 ? out[index] : unassigned, r, counts);
	}
	return { phases: out, unassigned, total, undated };
}
