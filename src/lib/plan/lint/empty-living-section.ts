/** A living section that is there but says nothing yet. */
import type { PlanDoc, Section } from '../types';
import { diagnostic, type LintRule } from './rule';
import { LIVING_KEYS, LIVING_NAMES, type LivingKey } from './living';

/** True when the section's content is only whitespace and HTML comments. */
function blank(text: string, section: Section): boolean {
	const content = text.slice(section.contentStart, section.span.end);
	return content.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim() === '';
}

/** Without the text, a section is empty when the parser found no entries in it. */
function noEntries(doc: PlanDoc, key: LivingKey): boolean {
	const counts: Record<LivingKey, number> = {
		progress: doc.progress.length,
		surprises: doc.surprises.length,
		decisions: doc.decisions.length,
		outcomes: doc.outcomes.length
	};
	return counts[key] === 0;
}

/** Fires for each living section with no content (only whitespace or HTML comments). */
export const emptyLivingSection: LintRule = (doc, _context, text) => {
	const out = [];
	for (const key of LIVING_KEYS) {
		const section = doc.living[key];
		if (!section) continue;
		const empty = text !== undefined ? blank(text, section) : noEntries(doc, key);
		if (empty)
			out.push(
				diagnostic(section.headingSpan, 'info', 'empty-living-section', `“${section.title}” is empty: record ${LIVING_NAMES[key].toLowerCase()} here as work goes.`)
			);
	}
	return out;
};
