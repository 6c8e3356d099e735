/** How much of a plan can be followed without leaving it. */
import type { PlanDoc, Span } from '../types';
import { diagnostic, docSpan, type LintRule } from './rule';
import { findExternalLinks } from './links';

/** The text a section owns before its first subsection (its own words, not its children's). */
function ownContent(doc: PlanDoc, index: number): Span {
	const section = doc.sections[index];
	const next = doc.sections[index + 1];
	const end = next && next.span.start < section.span.end ? next.span.start : section.span.end;
	return { start: section.contentStart, end: Math.max(section.contentStart, end) };
}

/**
 * Percentage (0–100, whole) of non-empty sections whose own content holds no external link;
 * 100 when no section has content. `text` must be the text `doc` was parsed from.
 */
export function selfContainmentScore(doc: PlanDoc, text: string): number {
	const links = findExternalLinks(text);
	let nonEmpty = 0;
	let clean = 0;
	doc.sections.forEach((_section, i) => {
		const own = ownContent(doc, i);
		const body = text.slice(own.start, own.end).replace(/<!--[\s\S]*?(?:-->|$)/g, '');
		if (body.trim() === '') return;
		nonEmpty++;
		if (!links.some((l) => l.span.start >= own.start && l.span.start < own.end)) clean++;
	});
	return nonEmpty === 0 ? 100 : Math.round((clean / nonEmpty) * 100);
}

/** Reports the score (info) when it is under 100; needs the text. */
export const selfContainment: LintRule = (doc, _context, text) => {
	if (text === undefined) return [];
	const score = selfContainmentScore(doc, text);
	if (score >= 100) return [];
	return [diagnostic(docSpan(doc), 'info', 'self-containment', `Self-containment ${score}%: ${100 - score}% of sections with content rely on external links.`)];
};
