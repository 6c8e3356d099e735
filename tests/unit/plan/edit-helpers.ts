/** Shared checks for the edit-engine tests: item maps across an edit, offset mapping, line diffs. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parsePlan } from '../../../src/lib/plan/parse';
import type { Phase, PlanDoc, ProgressItem, TextChange } from '../../../src/lib/plan/types';

export const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus');

/** Corpus plan files (read in place, never copied). */
export function corpusFiles(): string[] {
	return readdirSync(CORPUS)
		.filter((f) => f.endsWith('.md') && f !== 'README.md')
		.sort();
}

/** A corpus file's exact text. */
export function readCorpus(name: string): string {
	return readFileSync(path.join(CORPUS, name), 'utf8');
}

/** Every item of a model (progress, phase tasks and criteria, children), each once, in order. */
export function everyItem(doc: PlanDoc): ProgressItem[] {
	const byStart = new Map<number, ProgressItem>();
	const walk = (items: ProgressItem[]): void => {
		for (const it of items) {
			if (!byStart.has(it.span.start)) byStart.set(it.span.start, it);
			walk(it.children);
		}
	};
	walk(doc.progress);
	const phases = (ps: Phase[]): void => {
		for (const p of ps) {
			walk(p.entryCriteria);
			walk(p.tasks);
			walk(p.exitCriteria);
			phases(p.children);
		}
	};
	phases(doc.phases);
	return [...byStart.values()].sort((a, b) => a.span.start - b.span.start);
}

/** Every phase, children included. */
export function everyPhase(doc: PlanDoc): Phase[] {
	const out: Phase[] = [];
	const walk = (ps: Phase[]): void => {
		for (const p of ps) {
			out.push(p);
			walk(p.children);
		}
	};
	walk(doc.phases);
	return out;
}

/** Where an offset of the old text lands after the changes (positions inside a change map to its start). */
export function mapPos(changes: readonly TextChange[], pos: number): number {
	let delta = 0;
	for (const c of changes) {
		if (c.to <= pos && !(c.from === c.to && c.from === pos)) delta += c.insert.length - (c.to - c.from);
		else if (c.from === c.to && c.from === pos) continue;
		else if (c.from < pos) return c.from + delta;
	}
	return pos + delta;
}

/**
 * Checks the edit invariant: every item not in `changed` keeps its text, state and timestamp, at its
 * old offset shifted by the changes. Returns the new model and the items at the changed places.
 */
export function expectOthersKept(
	before: string,
	after: string,
	changes: readonly TextChange[],
	changed: ReadonlySet<number> = new Set(),
	beforeDoc: PlanDoc = parsePlan(before)
): { doc: PlanDoc; moved: Map<number, ProgressItem | undefined> } {
	const oldItems = everyItem(beforeDoc);
	const doc = parsePlan(after);
	const newItems = new Map(everyItem(doc).map((it) => [it.span.start, it]));
	const moved = new Map<number, ProgressItem | undefined>();
	for (const it of oldItems) {
		const at = mapPos(changes, it.span.start);
		const now = newItems.get(at);
		moved.set(it.span.start, now);
		if (changed.has(it.span.start)) continue;
		expect(now, `item at ${it.span.start} (${it.text.slice(0, 40)}) still there at ${at}`).toBeDefined();
		expect({ text: now?.text, state: now?.state, timestamp: now?.timestamp }).toEqual({
			text: it.text,
			state: it.state,
			timestamp: it.timestamp
		});
	}
	return { doc, moved };
}

/** Indices of the lines that differ between two texts of the same line count (null when the counts differ). */
export function changedLines(a: string, b: string): number[] | null {
	const la = a.split('\n');
	const lb = b.split('\n');
	if (la.length !== lb.length) return null;
	const out: number[] = [];
	for (let i = 0; i < la.length; i++) if (la[i] !== lb[i]) out.push(i);
	return out;
}

/** Line index of an offset. */
export function lineOf(text: string, pos: number): number {
	let n = 0;
	for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) n++;
	return n;
}
