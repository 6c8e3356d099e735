/**
 * ROADMAP.md bookkeeping of the seeds' phase workflow: starting a phase adds it to "Current
 * Work"; completing one moves it to "What We Just Finished". Pure: text in, text out, in the
 * file's own line endings; only the lines named change, everything else stays byte for byte.
 */
import { parsePlan } from './parse';
import { mentions } from './transition';
import type { Phase, Section } from './types';

/** What happened to a phase, for {@link updateRoadmap}. */
export interface RoadmapUpdate {
	event: 'started' | 'finished';
	phase: Phase;
	/** The day to write (`YYYY-MM-DD`). */
	date: string;
}

const CURRENT = /\bcurrent work\b/i;
const FINISHED = /\bjust finished\b/i;
const BULLET = /^[ \t]*[-*+][ \t]+/;

/** The line a roadmap gets for the phase: `- Phase 2: Integration (completed 2026-11-29)`. */
export function roadmapLine(u: RoadmapUpdate): string {
	const title = u.phase.title.replace(/[\r\n]+/g, ' ').trim();
	const name = `Phase ${u.phase.number}${title ? `: ${title}` : ''}`;
	return `- ${name} (${u.event === 'started' ? 'started' : 'completed'} ${u.date})`;
}

function findSection(sections: readonly Section[], re: RegExp): Section | null {
	return sections.find((s) => re.test(s.title)) ?? null;
}

/** Offset where a new first line of `section` goes: after the heading and any blank lines below it. */
function topOf(text: string, section: Section): number {
	let at = section.contentStart;
	const end = section.span.end;
	while (at < end) {
		const nl = text.indexOf('\n', at);
		const lineEnd = nl < 0 || nl >= end ? end : nl + 1;
		if (text.slice(at, lineEnd).trim() !== '') break;
		at = lineEnd;
	}
	return at;
}

interface Change {
	from: number;
	to: number;
	insert: string;
}

function apply(text: string, changes: Change[]): string {
	let out = text;
	for (const c of [...changes].sort((a, b) => b.from - a.from)) out = out.slice(0, c.from) + c.insert + out.slice(c.to);
	return out;
}

/** Bullet lines of `section` (its own content, up to the next heading) that name the phase, as whole-line ranges. */
function mentioningBullets(text: string, section: Section, phase: Phase): Change[] {
	const out: Change[] = [];
	let at = section.contentStart;
	const end = section.span.end;
	while (at < end) {
		const nl = text.indexOf('\n', at);
		const lineEnd = nl < 0 || nl >= end ? end : nl + 1;
		const line = text.slice(at, lineEnd);
		if (/^[ \t]{0,3}#{1,6}[ \t]/.test(line)) break;
		if (BULLET.test(line) && mentions(line, phase)) {
			const prev = out[out.length - 1];
			if (prev && prev.to === at) prev.to = lineEnd;
			else out.push({ from: at, to: lineEnd, insert: '' });
		}
		at = lineEnd;
	}
	// A list that goes away entirely must not leave two blank lines behind.
	for (const c of out) {
		const blankBefore = /(?:^|\n)[ \t]*\r?\n$/.test(text.slice(0, c.from));
		const blankAfter = /^[ \t]*\r?\n/.exec(text.slice(c.to));
		if (blankBefore && blankAfter) c.to += blankAfter[0].length;
	}
	return out;
}

/** A new section at `at` (end of a section or of the file): heading, blank line, the line. */
function newSection(text: string, at: number, heading: string, line: string, eol: string): Change {
	const before = text.slice(0, at);
	const lead = before === '' ? '' : before.endsWith(`${eol}${eol}`) ? '' : before.endsWith(eol) ? eol : `${eol}${eol}`;
	const tail = at < text.length ? eol : '';
	return { from: at, to: at, insert: `${lead}${heading}${eol}${eol}${line}${eol}${tail}` };
}

/**
 * ROADMAP.md after a phase started (a line at the top of "Current Work") or finished (a line at
 * the top of "What We Just Finished", and the phase's bullets taken out of "Current Work"). A
 * missing section is added (`## Current Work` / `## What We Just Finished`). Returns the text
 * unchanged when it already says so.
 */
export function updateRoadmap(text: string, u: RoadmapUpdate): string {
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	const line = roadmapLine(u);
	let doc = parsePlan(text);
	let current = findSection(doc.sections, CURRENT);
	let finished = findSection(doc.sections, FINISHED);
	if (u.event === 'finished') {
		if (finished && text.slice(finished.contentStart, finished.span.end).includes(line)) return text;
		// The phase leaves "Current Work" first; the line then goes in on the text without it.
		if (current) {
			const removed = mentioningBullets(text, current, u.phase);
			if (removed.length) {
				text = apply(text, removed);
				doc = parsePlan(text);
				current = findSection(doc.sections, CURRENT);
				finished = findSection(doc.sections, FINISHED);
			}
		}
	} else if (current && text.slice(current.contentStart, current.span.end).includes(line)) return text;
	const level = '#'.repeat((current ?? finished)?.depth ?? 2);
	let change: Change;
	if (u.event === 'started') {
		change = current ? topInsert(text, current, line, eol) : newSection(text, finished ? finished.span.start : text.length, `${level} Current Work`, line, eol);
	} else {
		change = finished ? topInsert(text, finished, line, eol) : newSection(text, current ? current.span.end : text.length, `${level} What We Just Finished`, line, eol);
	}
	return apply(text, [change]);
}

/** `line` as the first line of `section`'s content (a line break before it at a file end without one, a blank line after it before a heading). */
function topInsert(text: string, section: Section, line: string, eol: string): Change {
	const at = topOf(text, section);
	const empty = text.slice(section.contentStart, section.span.end).trim() === '';
	const lead = at === text.length && !text.endsWith('\n') ? `${eol}${eol}` : empty && at === section.contentStart ? eol : '';
	const tail = at === section.span.end && at < text.length ? `${eol}${eol}` : eol;
	return { from: at, to: at, insert: `${lead}${line}${tail}` };
}
