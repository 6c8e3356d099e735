/** Ticked work under a phase still marked as not started: the status is behind. */
import { allPhases } from '../deps';
import { diagnostic, flattenItems, type LintRule } from './rule';

/** Fires once per phase whose status is open (not started) while some of its items are ticked. */
export const openPhaseTickedItems: LintRule = (doc) =>
	allPhases(doc).flatMap((phase) => {
		if (phase.status !== 'open') return [];
		const ticked = flattenItems(phase.tasks).filter((item) => item.state === 'done').length;
		if (ticked === 0) return [];
		return [
			diagnostic(
				phase.headingSpan,
				'warning',
				'open-phase-ticked-items',
				`Phase ${phase.number} is marked open but ${ticked} of its items ${ticked === 1 ? 'is' : 'are'} ticked: start it or untick them.`
			)
		];
	});
