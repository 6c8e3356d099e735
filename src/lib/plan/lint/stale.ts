/** A living plan with work left should be updated as the work goes. */
import { allPhases } from '../deps';
import { diagnostic, docSpan, flattenItems, type LintRule } from './rule';

/** Default hours after which an unfinished plan counts as stale. */
export const DEFAULT_STALE_AFTER_HOURS = 24;

/**
 * Fires when `context.lastCommitAt` is more than `context.staleAfterHours` (default 24) before
 * `context.now`, unless every phase and progress item is already finished.
 */
export const stale: LintRule = (doc, context) => {
	const { lastCommitAt, now } = context;
	if (!lastCommitAt || !now) return [];
	const limit = context.staleAfterHours ?? DEFAULT_STALE_AFTER_HOURS;
	const hours = (now.getTime() - lastCommitAt.getTime()) / 3_600_000;
	if (!(hours > limit)) return [];
	const phases = allPhases(doc);
	// Dated log entries are done by nature: they never say the work is finished.
	const items = flattenItems(doc.progress).filter((i) => !i.logEntry);
	const finished =
		phases.length + items.length > 0 &&
		phases.every((p) => p.status === 'done' || p.status === 'skipped' || p.status === 'deferred') &&
		items.every((i) => i.state !== 'open' && i.state !== 'partial' && i.state !== 'waiting');
	if (finished) return [];
	const age = hours >= 48 ? `${Math.floor(hours / 24)} days` : `${Math.floor(hours)} hours`;
	return [diagnostic(docSpan(doc), 'warning', 'stale', `Last updated ${age} ago while work is open: record progress in the plan.`)];
};
