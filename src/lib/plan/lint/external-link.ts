/** Seed rule “embed, don't link”: a plan should carry the knowledge it needs. */
import { diagnostic, type LintRule } from './rule';
import { findExternalLinks } from './links';

/** Fires (info) for each external link outside code; needs the text. */
export const externalLink: LintRule = (_doc, _context, text) => {
	if (text === undefined) return [];
	return findExternalLinks(text).map((link) =>
		diagnostic(link.span, 'info', 'external-link', `External link ${link.url}: embed what the reader needs instead of linking to it.`)
	);
};
