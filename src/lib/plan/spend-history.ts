/**
 * Spend over time: the plan's total tokens spent as each commit of its file left it, read with
 * the plan core's own parser and budget arithmetic (the same figure the Budget panel shows as the
 * total "Spent"). Pure: commit times and texts in, points out.
 */
import { planBudget } from './budget';
import { createIncrementalParser } from './incremental';
import { parsePlan } from './parse';

/** The total tokens spent that `text` records (its own total line, else the sum of its phases); 0 when it records none. */
export function spentIn(text: string): number {
	return planBudget(parsePlan(text)).total.used ?? 0;
}

/**
 * {@link spentIn} for a run of versions of one file (its commits, one after another): the
 * incremental parser re-parses only the chunks that differ from the version read before, so a
 * long history of a large plan costs about one full parse plus the changes.
 */
export function createSpendReader(): (text: string) => number {
	const parser = createIncrementalParser();
	return (text) => planBudget(parser.parse(text)).total.used ?? 0;
}

/** One commit of the plan file: its id, its time (seconds since the epoch; the committer's when known) and the spend it records. */
export interface SpendSample {
	oid: string;
	time: number;
	spent: number;
}

/** A point of the chart: the spend recorded as of one commit. */
export type SpendPoint = SpendSample;

/**
 * The points of the spend-over-time chart, oldest first: the samples (newest first, as `git log`
 * lists the branch's history) in history order reversed — never re-sorted by time, since a commit
 * re-created by sync keeps its older author time and sorting would make the spend seem to fall.
 * A commit that left the spend as it was still gets its point: the line stays flat there.
 */
export function spendSeries(samples: readonly SpendSample[]): SpendPoint[] {
	return [...samples].reverse().map((s) => ({ oid: s.oid, time: s.time, spent: s.spent }));
}

/** Whether the series says anything: some commit records spend. */
export function hasSpend(points: readonly SpendPoint[]): boolean {
	return points.some((p) => p.spent > 0);
}
