/** A plan that stamps its finished items should stamp all of them. */
import { diagnostic, flattenItems, quote, type LintRule } from './rule';

/** Fires for each done or partly done progress item without a timestamp, when other items carry one. */
export const progressWithoutTimestamp: LintRule = (doc) => {
	const items = flattenItems(doc.progress);
	if (!items.some((item) => item.timestamp !== null)) return [];
	return items
		.filter((item) => (item.state === 'done' || item.state === 'partial') && item.timestamp === null)
		.map((item) =>
			diagnostic(item.span, 'warning', 'progress-without-timestamp', `${quote(item.text)} has no timestamp; this plan stamps its progress.`)
		);
};
