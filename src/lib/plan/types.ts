/**
 * The plan model of shared/DESIGN.md §2. Every offset is a UTF-16 index into the
 * exact text that was given to `parsePlan` (BOM and CRLF included).
 */

/** A half-open range `[start, end)` of UTF-16 offsets into the parsed text. */
export interface Span {
	start: number;
	end: number;
}

/** A heading outside code and the text it owns, up to the next heading of the same or a higher level. */
export interface Section {
	/** Heading text without the `#` marks, trimmed. */
	title: string;
	/** Heading level, 1–6. */
	depth: number;
	/** From the heading's first character to the end of the section's content. */
	span: Span;
	/** The heading line itself, without its line ending. */
	headingSpan: Span;
	/** Where the content after the heading line starts (after its line ending). */
	contentStart: number;
}

export type PlanKind = 'execplan' | 'phase-doc' | 'step-file' | 'roadmap' | 'unknown';

export type ItemState = 'open' | 'done' | 'partial' | 'na' | 'failed' | 'warning' | 'waiting';

export type TimestampStyle = 'paren-utc' | 'plain' | 'iso' | 'none';

/**
 * The exact way a plan stamps its items, so edits can write the same:
 * `paren-datetime` `- [x] (2025-10-01 13:00Z) …`; `paren-date` `- [x] (2026-02-06) …`;
 * `iso` `- [x] 2026-04-11T14:04:54Z …`; `plain-datetime` `- [x] 2025-11-16 14:00 - …`;
 * `trailing-completed` `- [x] … Completed 2026-06-24.`; `none` when items carry no stamp.
 */
export type TimestampFormat =
	| 'paren-datetime'
	| 'paren-date'
	| 'iso'
	| 'plain-datetime'
	| 'trailing-completed'
	| 'none';

export interface PlanStyle {
	/** Coarse class of `timestampFormat` (paren-* → 'paren-utc', iso → 'iso', plain-datetime/trailing-completed → 'plain'). */
	timestamps: TimestampStyle;
	/** The most common stamp format among the plan's progress items (added to DESIGN §2). */
	timestampFormat: TimestampFormat;
	datedLog: boolean;
	done_marker: '[x]' | '[✅]';
}

export interface ProgressItem {
	/** The list item (or table row) from its first character to its end. */
	span: Span;
	state: ItemState;
	/** `state === 'done'`. */
	checked: boolean;
	text: string;
	timestamp: string | null;
	marker: 'current' | 'in-progress' | null;
	children: ProgressItem[];
	/** A dated log entry of a progress section (a stamped heading or bullet, no checkbox): done when written, it has no other state. */
	logEntry?: true;
}

export interface Entry {
	span: Span;
	text: string;
	date: string | null;
	evidence?: string | null;
}

export interface Decision extends Entry {
	rationale: string | null;
	author: string | null;
}

export interface Question extends Entry {
	blocker: boolean;
	resolved: boolean;
}

export type PhaseStatus = 'open' | 'in-progress' | 'done' | 'deferred' | 'skipped';

/**
 * A stated token budget and what was spent. `low` = `high` = 0 when the plan states tokens spent
 * (or actual) but no range: see `hasRange` in budget.ts.
 */
export interface Budget {
	/** Tokens. */
	low: number;
	high: number;
	multiplier: number | null;
	adjustedLow: number | null;
	adjustedHigh: number | null;
	spent: number | null;
	actual: number | null;
}

export interface Phase {
	/** The number where unique in the document, else `number#n` (n = 2, 3, … in document order). */
	id: string;
	span: Span;
	headingSpan: Span;
	number: string;
	title: string;
	status: PhaseStatus;
	statusNote: string | null;
	started: string | null;
	completed: string | null;
	dependsOn: string[];
	entryCriteria: ProgressItem[];
	exitCriteria: ProgressItem[];
	stages: { build: Section | null; review: Section | null; verify: Section | null };
	tasks: ProgressItem[];
	budget: Budget | null;
	summary: Section | null;
	children: Phase[];
}

export interface PlanDoc {
	title: string | null;
	kind: PlanKind;
	lineEnding: '\n' | '\r\n';
	sections: Section[];
	living: {
		progress: Section | null;
		surprises: Section | null;
		decisions: Section | null;
		outcomes: Section | null;
	};
	style: PlanStyle;
	progress: ProgressItem[];
	surprises: Entry[];
	decisions: Decision[];
	outcomes: Entry[];
	phases: Phase[];
	budget: Budget | null;
	openQuestions: Question[];
	/**
	 * Every checkbox item outside code, top-level ones with their nested children, in document
	 * order — whether or not it is a progress item or a phase task. Always set by `parsePlan`;
	 * optional so hand-built models (tests) need not list it. (Added by the parser, H1.)
	 */
	checkboxes?: ProgressItem[];
}

/** A change in the coordinates of the text it was computed from, as CodeMirror takes them. */
export interface TextChange {
	from: number;
	to: number;
	insert: string;
}

/**
 * A panel edit as recorded for replay when the file changed underneath it (sync after the remote
 * moved): the edit, the item's text when the edit points at an item by offset, and when it was made.
 */
export interface RecordedEdit {
	edit: PlanEdit;
	/** Text of the checklist item / question at `edit.at` when the edit was made (offset-based edits). */
	itemText?: string;
	/** ISO time the edit was made, so a replay writes the same timestamps. */
	time: string;
}

export type PlanEdit =
	| { kind: 'toggle-item'; at: number; checked: boolean }
	| { kind: 'set-item-state'; at: number; state: ItemState }
	| { kind: 'add-progress'; text: string }
	| { kind: 'add-surprise'; text: string; evidence?: string }
	| { kind: 'add-decision'; text: string; rationale: string; author?: string }
	| { kind: 'add-outcome'; text: string }
	| { kind: 'add-question'; text: string; blocker?: boolean }
	| { kind: 'resolve-question'; at: number; resolution: string }
	| { kind: 'start-phase'; phase: string }
	| { kind: 'complete-phase'; phase: string; lessons?: string }
	| { kind: 'reopen-phase'; phase: string }
	| { kind: 'set-phase-status'; phase: string; status: 'deferred' | 'skipped'; reason: string }
	| { kind: 'set-budget'; phase: string | null; low: number; high: number; multiplier?: number }
	| { kind: 'set-spent'; phase: string | null; tokens: number }
	| { kind: 'add-spent'; phase: string | null; tokens: number };

export interface EditOptions {
	now: Date;
	/** IANA time zone for written timestamps; default `'UTC'`. */
	timeZone?: string;
}

export type Severity = 'error' | 'warning' | 'info';

/** A lint finding, in the coordinates of the parsed text (as `@codemirror/lint` takes them). */
export interface PlanDiagnostic {
	from: number;
	to: number;
	severity: Severity;
	ruleId: string;
	message: string;
}

export interface LintContext {
	/** When the plan file was last committed. */
	lastCommitAt?: Date;
	/** The clock, for staleness; required when `lastCommitAt` is given. */
	now?: Date;
	/** Default 24. */
	staleAfterHours?: number;
	/** The text as last committed, for the silent-update rule. */
	previousText?: string;
	/** The model of `previousText` when the caller has it (equal to `parsePlan(previousText)`), so it is not parsed again. */
	previousDoc?: PlanDoc;
}
