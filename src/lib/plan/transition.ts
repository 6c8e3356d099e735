/**
 * What the "Complete phase N" dialog shows before a phase is closed: the seeds' phase-transition
 * checklist (deliverables done or deferred with a reason, tests passing, completion summary
 * written, token usage recorded, ROADMAP updated), read from the parsed plan. Every check is a
 * warning, never a block; phases this one depends on that are not complete are listed apart.
 */
import { allPhases, findPhase, isSatisfied } from './deps';
import { formatTokens } from './tokens';
import { parsePlan } from './parse';
import type { Phase, PlanDoc, ProgressItem, Section } from './types';

/** The checks of the seeds' "Before Closing Phase" list, in the order the dialog shows them. */
export type TransitionCheckId = 'deliverables' | 'tests' | 'summary' | 'tokens' | 'roadmap';

/** One line of the dialog: whether the plan shows it done, and a sentence saying what was found. */
export interface TransitionCheck {
	id: TransitionCheckId;
	label: string;
	ok: boolean;
	detail: string;
}

/** The content of the "Complete phase N" dialog. */
export interface PhaseTransition {
	phase: Phase;
	/** Ids of phases this one depends on that are neither done nor skipped. */
	blockedBy: string[];
	/** `dependsOn` entries that name no phase of this plan (another file's phases): not judged. */
	unknownDeps: string[];
	checks: TransitionCheck[];
	/** Checklist items of the phase (its tasks, exit criteria and sub-phases' tasks) not done, N/A or deferred with a reason. */
	openItems: ProgressItem[];
	/** The day completing it now would record (`YYYY-MM-DD`, UTC); null without `now`. */
	date: string | null;
}

/** Options of {@link phaseTransition}. */
export interface TransitionOptions {
	now?: Date;
	/** The plan's text as parsed, to tell a real completion summary from a placeholder under its heading. */
	text?: string;
	/** ROADMAP.md's text, to see whether "What We Just Finished" names the phase. */
	roadmapText?: string;
}

const DEFERRED = /\b(?:deferred|postponed|moved to|out of scope|descoped|won['’]?t (?:do|fix))\b/i;
const TEST_WORD = /\btest(?:s|ing|ed)?\b/i;
/** Text that holds a place rather than saying anything: `(Added when phase complete)`, `_(to be filled in)_`, `TBD`. */
const PLACEHOLDER = /^[\s*_]*(?:\([^)]*\)|tbd|tba|todo|to be filled in|n\/a|\.\.\.|…|-)?[\s*_]*$/i;

function flatten(items: readonly ProgressItem[]): ProgressItem[] {
	return items.flatMap((i) => [i, ...flatten(i.children)]);
}

/** An item's text as people read it: up to a hard line break, no HTML comments, emphasis marks or code ticks, one line. */
function plain(text: string): string {
	return text
		.split(/(?: {2,}|\\)\r?\n/)[0]
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/\*\*|__|`/g, '')
		.replace(/\s+/g, ' ')
		.trim();
}

/** An open item that says it was set aside and why: `Benchmarks — deferred to v0.4.17`, `(postponed: needs AVX2)`. */
function deferredWithReason(text: string): boolean {
	const t = plain(text);
	const m = DEFERRED.exec(t);
	if (!m) return false;
	const after = t.slice(m.index + m[0].length).replace(/[\s()[\]:;,.!—–-]+/g, ' ').trim();
	return after.length >= 3 || /\b(?:because|reason|due to)\b/i.test(t);
}

/** Done, not applicable, or deferred with a reason: nothing left to do for the phase. */
function settled(item: ProgressItem): boolean {
	return item.state === 'done' || item.state === 'na' || deferredWithReason(item.text);
}

/** The phase's own items, its exit criteria, and the items of sub-phases not set aside; each once. */
function phaseItems(phase: Phase): ProgressItem[] {
	const seen = new Map<number, ProgressItem>();
	const visit = (p: Phase): void => {
		for (const i of flatten([...p.tasks, ...p.exitCriteria])) if (!seen.has(i.span.start)) seen.set(i.span.start, i);
		for (const c of p.children) if (c.status !== 'deferred' && c.status !== 'skipped') visit(c);
	};
	visit(phase);
	return [...seen.values()].sort((a, b) => a.span.start - b.span.start);
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function quoteList(items: readonly ProgressItem[], max = 3): string {
	const shown = items.slice(0, max).map((i) => `“${plain(i.text)}”`);
	return shown.join(', ') + (items.length > max ? `, and ${items.length - max} more` : '');
}

function deliverablesCheck(items: readonly ProgressItem[], open: readonly ProgressItem[]): TransitionCheck {
	const label = 'All deliverables complete (or deferred with a reason)';
	if (items.length === 0) return { id: 'deliverables', label, ok: true, detail: 'No checklist items in this phase.' };
	const deferred = items.filter((i) => i.state !== 'done' && i.state !== 'na' && deferredWithReason(i.text)).length;
	const extra = deferred ? ` (${deferred} deferred with a reason)` : '';
	if (open.length === 0) return { id: 'deliverables', label, ok: true, detail: `All ${plural(items.length, 'item')} settled${extra}.` };
	return { id: 'deliverables', label, ok: false, detail: `${open.length} of ${plural(items.length, 'item')} still open${extra}: ${quoteList(open)}.` };
}

function testsCheck(items: readonly ProgressItem[], open: readonly ProgressItem[]): TransitionCheck {
	const label = 'Tests passing';
	const about = items.filter((i) => TEST_WORD.test(plain(i.text)));
	const failing = open.filter((i) => TEST_WORD.test(plain(i.text)));
	if (failing.length) return { id: 'tests', label, ok: false, detail: `${plural(failing.length, 'test item')} not done: ${quoteList(failing)}.` };
	if (about.length === 0) return { id: 'tests', label, ok: true, detail: 'No test items listed in this phase; confirm the tests pass.' };
	return { id: 'tests', label, ok: true, detail: `${plural(about.length, 'test item')} done.` };
}

/** The phase's Completion Summary, or the plan's outcomes section when it sits inside the phase. */
function summarySection(doc: PlanDoc, phase: Phase): Section | null {
	if (phase.summary) return phase.summary;
	const o = doc.living.outcomes;
	return o && phase.span.start <= o.span.start && o.span.end <= phase.span.end ? o : null;
}

function summaryCheck(doc: PlanDoc, phase: Phase, text: string | undefined): TransitionCheck {
	const label = 'Completion summary written';
	const section = summarySection(doc, phase);
	if (!section) return { id: 'summary', label, ok: false, detail: 'No Completion Summary section yet.' };
	const where = `“${section.title}”`;
	let written: boolean;
	if (text !== undefined) {
		const body = text
			.slice(section.contentStart, section.span.end)
			.replace(/<!--[\s\S]*?-->/g, '')
			.split(/\r?\n/)
			.map((l) => l.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, ''));
		written = body.some((l) => !PLACEHOLDER.test(l));
	} else {
		const entries = doc.outcomes.filter((e) => section.contentStart <= e.span.start && e.span.end <= section.span.end);
		written = entries.length > 0 ? entries.some((e) => e.text.split('\n').some((l) => !PLACEHOLDER.test(l))) : section.span.end > section.contentStart + 1;
	}
	return written
		? { id: 'summary', label, ok: true, detail: `${where} has content.` }
		: { id: 'summary', label, ok: false, detail: `${where} holds only a placeholder.` };
}

function tokensCheck(phase: Phase): TransitionCheck {
	const label = 'Token usage recorded (vs. budget)';
	const b = phase.budget;
	const used = b ? (b.spent ?? b.actual) : null;
	const ranged = b !== null && (b.low > 0 || b.high > 0);
	const range = ranged ? `${formatTokens(b.adjustedLow ?? b.low)}–${formatTokens(b.adjustedHigh ?? b.high)}` : null;
	if (used === null) return { id: 'tokens', label, ok: false, detail: `No Tokens Spent recorded${range ? ` (budget ${range})` : ''}.` };
	return { id: 'tokens', label, ok: true, detail: `${formatTokens(used)} recorded${range ? ` against ${range}` : ''}.` };
}

function escapeRe(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The text of ROADMAP.md's "What We Just Finished" part: a heading's section, else the lines after a label. */
function justFinished(roadmap: string): string | null {
	const doc = parsePlan(roadmap);
	const s = doc.sections.find((x) => /just finished/i.test(x.title));
	if (s) return roadmap.slice(s.contentStart, s.span.end);
	const m = /^.*just finished.*$/im.exec(roadmap);
	if (!m) return null;
	const rest = roadmap.slice(m.index + m[0].length);
	const next = /^\s{0,3}#{1,6}\s/m.exec(rest);
	return m[0] + (next ? rest.slice(0, next.index) : rest);
}

/** Whether `text` names the phase: `Phase 3`, `phase-03`, `Phase 3:`, or its title. */
export function mentions(text: string, phase: Phase): boolean {
	const num = /^\d+$/.test(phase.number) ? String(Number(phase.number)) : escapeRe(phase.number);
	const byNumber = new RegExp(String.raw`\b(?:phase|step|milestone)[\s_-]*0*${num}(?![\w.]*\d)(?![A-Za-z])`, 'i');
	if (byNumber.test(text)) return true;
	const title = phase.title.trim();
	return title.length >= 4 && text.toLowerCase().includes(title.toLowerCase());
}

function roadmapCheck(phase: Phase, roadmapText: string | undefined): TransitionCheck {
	const label = 'ROADMAP.md updated';
	if (roadmapText === undefined) return { id: 'roadmap', label, ok: false, detail: 'check ROADMAP.md' };
	const part = justFinished(roadmapText);
	if (part === null) return { id: 'roadmap', label, ok: false, detail: 'ROADMAP.md has no “What We Just Finished” section.' };
	return mentions(part, phase)
		? { id: 'roadmap', label, ok: true, detail: '“What We Just Finished” names this phase.' }
		: { id: 'roadmap', label, ok: false, detail: `“What We Just Finished” does not mention Phase ${phase.number} yet.` };
}

/**
 * The "Complete phase N" dialog for `phaseId` (a `Phase.id`): unfinished dependencies, the
 * five transition checks (warnings, not blocks) and the items still open. Null when the plan
 * has no such phase (e.g. an id from before a re-parse).
 */
export function phaseTransition(doc: PlanDoc, phaseId: string, opts: TransitionOptions = {}): PhaseTransition | null {
	const phases = allPhases(doc);
	const phase = phases.find((p) => p.id === phaseId);
	if (!phase) return null;
	const blockedBy: string[] = [];
	const unknownDeps: string[] = [];
	for (const ref of phase.dependsOn) {
		const dep = findPhase(phases, ref);
		if (!dep) unknownDeps.push(ref);
		else if (dep !== phase && !isSatisfied(dep.status) && !blockedBy.includes(dep.id)) blockedBy.push(dep.id);
	}
	const items = phaseItems(phase);
	const openItems = items.filter((i) => !settled(i));
	return {
		phase,
		blockedBy,
		unknownDeps,
		checks: [
			deliverablesCheck(items, openItems),
			testsCheck(items, openItems),
			summaryCheck(doc, phase, opts.text),
			tokensCheck(phase),
			roadmapCheck(phase, opts.roadmapText)
		],
		openItems,
		date: opts.now ? opts.now.toISOString().slice(0, 10) : null
	};
}
