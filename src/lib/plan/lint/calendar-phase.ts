/** Seed anti-pattern: phases are units of work, not weeks or dates. */
import { allPhases } from '../deps';
import { diagnostic, type LintRule } from './rule';

const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const CALENDAR = new RegExp(
	[
		String.raw`\b(?:week|wk|day|sprint)\s*\d+`,
		String.raw`\b\d{4}-\d{2}(?:-\d{2})?\b`,
		String.raw`\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b`,
		String.raw`\b${MONTH}\.?\s+\d{1,4}\b`,
		String.raw`\b\d{1,2}\s+${MONTH}\b`,
		String.raw`\bQ[1-4]\s+\d{4}\b`
	].join('|'),
	'i'
);

/** True when a phase name reads as calendar time (`Week 1`, `Day 3`, `2025-10-01`, `March 3`, `Q3 2025`). */
export function isCalendarName(name: string): boolean {
	return CALENDAR.test(name);
}

/** Fires for each phase whose number or title is a calendar period or date. */
export const calendarPhase: LintRule = (doc) =>
	allPhases(doc)
		.filter((p) => isCalendarName(p.title) || isCalendarName(p.number))
		.map((p) =>
			diagnostic(p.headingSpan, 'warning', 'calendar-phase', `Phase ${p.number} is named by calendar time (“${p.title}”); name phases by the work they deliver.`)
		);
