/** A phase marked done should not leave boxes open. */
import { allPhases } from '../deps';
import type { ItemState } from '../types';
import { diagnostic, flattenItems, quote, type LintRule } from './rule';

const UNFINISHED: ItemState[] = ['open', 'partial', 'waiting'];

/** Fires for each open, partial or waiting task or exit criterion under a phase marked done. */
export const donePhaseOpenItems: LintRule = (doc) =>
	allPhases(doc)
		.filter((phase) => phase.status === 'done')
		.flatMap((phase) =>
			flattenItems([...phase.tasks, ...phase.exitCriteria])
				.filter((item) => UNFINISHED.includes(item.state))
				.map((item) =>
					diagnostic(item.span, 'warning', 'done-phase-open-items', `Phase ${phase.number} is marked done but ${quote(item.text)} is not ticked.`)
				)
		);
