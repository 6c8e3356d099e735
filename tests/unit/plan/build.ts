/**
 * Builds minimal PlanDoc / Phase / ProgressItem values by hand, so budget, lint and
 * next-action tests do not depend on the parser. Spans are dummies unless given.
 */
import type { Budget, Decision, Entry, Phase, PlanDoc, ProgressItem, Section } from '../../../src/lib/plan/types';

let cursor = 0;
function span(): { start: number; end: number } {
	const start = cursor;
	cursor += 10;
	return { start, end: start + 9 };
}

export function budget(partial: Partial<Budget> = {}): Budget {
	return {
		low: 0,
		high: 0,
		multiplier: null,
		adjustedLow: null,
		adjustedHigh: null,
		spent: null,
		actual: null,
		...partial
	};
}

export function item(text: string, partial: Partial<ProgressItem> = {}): ProgressItem {
	const state = partial.state ?? (partial.checked ? 'done' : 'open');
	return {
		span: span(),
		text,
		timestamp: null,
		marker: null,
		children: [],
		...partial,
		state,
		checked: state === 'done'
	};
}

export function section(title: string, partial: Partial<Section> = {}): Section {
	const s = span();
	return { title, depth: 2, span: s, headingSpan: s, contentStart: s.end, ...partial };
}

export function phase(number: string, partial: Partial<Phase> = {}): Phase {
	const s = span();
	return {
		id: number,
		span: s,
		headingSpan: s,
		number,
		title: `Phase ${number}`,
		status: 'open',
		statusNote: null,
		started: null,
		completed: null,
		dependsOn: [],
		entryCriteria: [],
		exitCriteria: [],
		stages: { build: null, review: null, verify: null },
		tasks: [],
		budget: null,
		summary: null,
		children: [],
		...partial
	};
}

export function entry(text: string, partial: Partial<Entry> = {}): Entry {
	return { span: span(), text, date: null, ...partial };
}

export function decision(text: string, partial: Partial<Decision> = {}): Decision {
	return { span: span(), text, date: null, rationale: null, author: null, ...partial };
}

export function doc(partial: Partial<PlanDoc> = {}): PlanDoc {
	return {
		title: 'Plan',
		kind: 'execplan',
		lineEnding: '\n',
		sections: [],
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		style: { timestamps: 'none', timestampFormat: 'none', datedLog: false, done_marker: '[x]' },
		progress: [],
		surprises: [],
		decisions: [],
		outcomes: [],
		phases: [],
		budget: null,
		openQuestions: [],
		...partial
	};
}
