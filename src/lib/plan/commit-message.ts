/**
 * The suggested commit message for a plan's panel edits: progress commits are `docs(plan): …`
 * and say what was done (`tick “Write tests”, add a surprise`), or `edit <file>` after typing only.
 */
import type { RecordedEdit } from './types';

/** Longest subject line suggested; longer summaries end in an ellipsis. */
const MAX_SUBJECT = 90;

function quoted(text: string | undefined, max = 40): string {
	const t = (text ?? '').replace(/\s+/g, ' ').trim();
	return `“${t.length > max ? `${t.slice(0, max - 1)}…` : t}”`;
}

/** A few words for one recorded edit. */
export function describeEdit(rec: RecordedEdit): string {
	const e = rec.edit;
	switch (e.kind) {
		case 'toggle-item':
			return `${e.checked ? 'tick' : 'untick'} ${quoted(rec.itemText)}`;
		case 'set-item-state':
			return `mark ${quoted(rec.itemText)} ${e.state}`;
		case 'add-progress':
			return `add ${quoted(e.text)}`;
		case 'add-surprise':
			return 'add a surprise';
		case 'add-decision':
			return 'record a decision';
		case 'add-outcome':
			return 'add an outcome';
		case 'add-question':
			return e.blocker ? 'add a blocker' : 'add a question';
		case 'resolve-question':
			return 'resolve a question';
		case 'start-phase':
			return `start phase ${e.phase}`;
		case 'complete-phase':
			return `complete phase ${e.phase}`;
		case 'reopen-phase':
			return `reopen phase ${e.phase}`;
		case 'set-phase-status':
			return `${e.status === 'deferred' ? 'defer' : 'skip'} phase ${e.phase}`;
		case 'set-budget':
			return e.phase === null ? 'set the budget' : `set the budget of phase ${e.phase}`;
		case 'set-spent':
		case 'add-spent':
			return e.phase === null ? 'record tokens spent' : `record tokens spent in phase ${e.phase}`;
	}
}

/** `docs(plan): progress — <what the edits did>`, or `… — edit <file name>` when there were none. */
export function suggestCommitMessage(path: string, edits: readonly RecordedEdit[]): string {
	const head = 'docs(plan): progress — ';
	const parts = [...new Set(edits.map(describeEdit))];
	const name = path.slice(path.lastIndexOf('/') + 1);
	if (parts.length === 0) return `${head}edit ${name}`;
	let summary = '';
	for (const [i, part] of parts.entries()) {
		const next = summary ? `${summary}, ${part}` : part;
		const rest = parts.length - i - 1;
		const room = MAX_SUBJECT - (rest > 0 ? ` (+${rest} more)`.length : 0);
		if (head.length + next.length > room) {
			const more = ` (+${parts.length - i} more)`;
			return `${head}${summary || `${part.slice(0, MAX_SUBJECT - head.length - more.length - 1)}…`}${more}`;
		}
		summary = next;
	}
	return head + summary;
}

/** The phase a commit completes, when its edits complete exactly one (kept one-to-one through sync). */
export function completedPhase(edits: readonly RecordedEdit[]): string | undefined {
	const phases = [...new Set(edits.flatMap((r) => (r.edit.kind === 'complete-phase' ? [r.edit.phase] : [])))];
	return phases.length === 1 ? phases[0] : undefined;
}
