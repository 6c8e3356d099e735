/** What every lint rule shares: its signature and small helpers over the model. */
import type { LintContext, PlanDiagnostic, PlanDoc, ProgressItem, Severity, Span } from '../types';

/** A lint rule: pure, never throws; `text` is the parsed text when the caller has it. */
export type LintRule = (doc: PlanDoc, context: LintContext, text: string | undefined) => PlanDiagnostic[];

/** Builds a diagnostic over a span of the parsed text. */
export function diagnostic(span: Span, severity: Severity, ruleId: string, message: string): PlanDiagnostic {
	return { from: span.start, to: span.end, severity, ruleId, message };
}

/** Where to report findings about the whole plan: its first heading, else the start of the text. */
export function docSpan(doc: PlanDoc): Span {
	return doc.sections[0]?.headingSpan ?? { start: 0, end: 0 };
}

/** Items and their nested items, depth-first in document order. */
export function flattenItems(items: ProgressItem[]): ProgressItem[] {
	const out: ProgressItem[] = [];
	const walk = (list: ProgressItem[]) => {
		for (const item of list) {
			out.push(item);
			walk(item.children);
		}
	};
	walk(items);
	return out;
}

/** Shortens item text for messages. */
export function quote(text: string, max = 60): string {
	const t = text.replace(/\s+/g, ' ').trim();
	return `“${t.length > max ? t.slice(0, max - 1) + '…' : t}”`;
}
