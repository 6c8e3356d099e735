/** Property tests: generated plans (headings, living sections, nested checklists, stamps, fences, CRLF) under random edit sequences. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPlanEdit, planEditChanges } from '../../../src/lib/plan/edit';
import { parsePlan } from '../../../src/lib/plan/parse';
import type { PlanDoc, PlanEdit, ProgressItem, Span, TextChange } from '../../../src/lib/plan/types';
import { everyItem, everyPhase, expectOthersKept } from './edit-helpers';

const NOW = new Date('2026-03-10T14:05:09Z');

const word = fc.constantFrom('alpha', 'beta', 'gamma', 'δέλτα', 'ship it', 'fix #12', 'emoji 🚀', '中文', 'Tiếng Việt', 'x');
const phrase = fc.array(word, { minLength: 1, maxLength: 4 }).map((a) => a.join(' '));
const marker = fc.constantFrom('[ ]', '[ ]', '[x]', '[X]', '[✅]', '[~]', '[N/A]', '[❌]', '[⚠️]', '[⏳]');
const stamp = fc.constantFrom('', '', '(2025-10-01 13:00Z) ', '(2026-02-06) ', '2026-04-11T14:04:54Z ', '2025-11-16 14:00 - ');
const bullet = fc.constantFrom('-', '*', '+');

const checkItem = fc.record({ marker, stamp, text: phrase, trailing: fc.constantFrom('', '', '  ') });
const checklist = fc
	.record({
		bullet,
		items: fc.array(
			fc.record({ head: checkItem, kids: fc.array(checkItem, { maxLength: 2 }), indent: fc.constantFrom(2, 4) }),
			{ minLength: 1, maxLength: 4 }
		)
	})
	.map(({ bullet: b, items }) =>
		items.flatMap(({ head, kids, indent }) => [
			`${b} ${head.marker} ${head.marker === '[ ]' ? '' : head.stamp}${head.text}${head.trailing}`,
			...kids.map((k) => `${' '.repeat(indent)}${b} ${k.marker} ${k.text}`)
		])
	);
const paragraph = phrase.map((p) => [`${p[0].toUpperCase()}${p.slice(1)}.`]);
const fence = fc.tuple(phrase, fc.constantFrom('```', '~~~~')).map(([p, f]) => [`${f}markdown`, `## Phase 9: ${p}`, `- [ ] ${p}`, '# comment', f]);
const block = fc.oneof(checklist, checklist, paragraph, fence, fc.constant(['---']));
const heading = fc.oneof(
	fc.constantFrom('## Progress', '## Surprises & Discoveries', '## Decision Log', '## Outcomes & Retrospective', '## Notes'),
	fc.tuple(fc.integer({ min: 1, max: 4 }), phrase, fc.constantFrom('', '✅ ', '🔄 ')).map(([n, t, m]) => `## ${m}Phase ${n}: ${t}`)
);
const section = fc.tuple(heading, fc.array(block, { maxLength: 3 }), fc.constantFrom('', '**Status**: In Progress', '**Token Budget**: 500K-800K tokens'));
const plan = fc
	.record({ title: phrase, sections: fc.array(section, { maxLength: 5 }), crlf: fc.boolean(), bom: fc.boolean() })
	.map(({ title, sections, crlf, bom }) => {
		const lines = [`# ${title}`, ''];
		for (const [h, blocks, field] of sections) {
			lines.push(h, '');
			if (field && h.includes('Phase')) lines.push(field, '');
			for (const b of blocks) lines.push(...b, '');
		}
		const text = lines.join('\n');
		return (bom ? '\uFEFF' : '') + (crlf ? text.replace(/\n/g, '\r\n') : text);
	});

type Intent = { k: number; i: number; t: string };
const intent = fc.record({ k: fc.integer({ min: 0, max: 13 }), i: fc.nat(), t: phrase });

/** Turns a random intent into an edit of the current text (null when the text has nothing to aim at). */
function resolve(doc: PlanDoc, x: Intent): { edit: PlanEdit; changed: Set<number> } | null {
	const items = everyItem(doc);
	const phases = everyPhase(doc);
	const item = items.length ? items[x.i % items.length] : null;
	const phase = phases.length ? phases[x.i % phases.length] : null;
	switch (x.k) {
		case 0:
		case 1:
			return item ? { edit: { kind: 'toggle-item', at: item.span.start, checked: !item.checked }, changed: new Set([item.span.start]) } : null;
		case 2: {
			const states = ['open', 'done', 'partial', 'na', 'failed', 'warning', 'waiting'] as const;
			return item ? { edit: { kind: 'set-item-state', at: item.span.start, state: states[x.i % 7] }, changed: new Set([item.span.start]) } : null;
		}
		case 3:
			return { edit: { kind: 'add-progress', text: x.t }, changed: new Set() };
		case 4:
			return { edit: { kind: 'add-surprise', text: x.t, evidence: 'seen' }, changed: new Set() };
		case 5:
			return { edit: { kind: 'add-decision', text: x.t, rationale: 'because', author: 'Al' }, changed: new Set() };
		case 6:
			return { edit: { kind: 'add-outcome', text: x.t }, changed: new Set() };
		case 7:
			return phase ? { edit: { kind: 'start-phase', phase: phase.id }, changed: new Set() } : null;
		case 8: {
			if (!phase) return null;
			const own = [...phase.tasks, ...phase.entryCriteria, ...phase.exitCriteria];
			const all: ProgressItem[] = [];
			const walk = (its: ProgressItem[]): void => its.forEach((it) => (all.push(it), walk(it.children)));
			walk(own);
			return { edit: { kind: 'complete-phase', phase: phase.id }, changed: new Set(all.filter((it) => it.state === 'open').map((it) => it.span.start)) };
		}
		case 9:
			return phase ? { edit: { kind: 'reopen-phase', phase: phase.id }, changed: new Set() } : null;
		case 10:
			return phase ? { edit: { kind: 'set-phase-status', phase: phase.id, status: 'deferred', reason: x.t }, changed: new Set() } : null;
		case 11:
			return phase ? { edit: { kind: 'set-spent', phase: phase.id, tokens: (x.i % 90) * 10_000 }, changed: new Set() } : null;
		case 12:
			return phase ? { edit: { kind: 'set-budget', phase: phase.id, low: 100_000, high: 200_000, multiplier: 1.5 }, changed: new Set() } : null;
		default:
			return { edit: { kind: 'add-question', text: x.t, blocker: x.i % 2 === 0 }, changed: new Set() };
	}
}

/** The region an edit may touch: the item, the phase, or (for additions) anywhere — checked separately. */
function targetSpan(doc: PlanDoc, edit: PlanEdit): Span | null {
	if (edit.kind === 'toggle-item' || edit.kind === 'set-item-state') return everyItem(doc).find((i) => i.span.start === edit.at)?.span ?? null;
	if ('phase' in edit && typeof edit.phase === 'string') {
		const p = everyPhase(doc).find((x) => x.id === edit.phase);
		return p ? { start: p.span.start, end: p.span.end } : null;
	}
	return null;
}

function expectWellFormed(text: string, doc: PlanDoc): void {
	const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
	const check = (it: ProgressItem, parent: Span | null): void => {
		expect(it.span.start).toBeGreaterThanOrEqual(0);
		expect(it.span.end).toBeLessThanOrEqual(text.length);
		expect(it.span.start).toBeLessThan(it.span.end);
		if (parent) {
			expect(it.span.start).toBeGreaterThanOrEqual(parent.start);
			expect(it.span.end).toBeLessThanOrEqual(parent.end);
		}
		expect(norm(text.slice(it.span.start, it.span.end))).toContain(norm(it.text));
		it.children.forEach((c) => check(c, it.span));
	};
	everyItem(doc).forEach((it) => check(it, null));
	for (const s of doc.sections) {
		expect(s.span.start).toBeGreaterThanOrEqual(0);
		expect(s.span.end).toBeLessThanOrEqual(text.length);
	}
}

function expectSortedInBounds(text: string, changes: TextChange[]): void {
	let last = 0;
	for (const c of changes) {
		expect(c.from).toBeGreaterThanOrEqual(last);
		expect(c.to).toBeGreaterThanOrEqual(c.from);
		expect(c.to).toBeLessThanOrEqual(text.length);
		last = c.to;
	}
}

describe('edit properties over generated plans', () => {
	it('random edit sequences keep spans sound, others unchanged, changes inside their target', { timeout: 300_000 }, () => {
		const applied = new Map<string, number>();
		fc.assert(
			fc.property(plan, fc.array(intent, { minLength: 1, maxLength: 6 }), (start, intents) => {
				let text = start;
				const crlf = text.includes('\r\n');
				for (const x of intents) {
					const doc = parsePlan(text);
					expectWellFormed(text, doc);
					const r = resolve(doc, x);
					if (!r) continue;
					const changes = planEditChanges(text, r.edit, NOW);
					expectSortedInBounds(text, changes);
					const target = targetSpan(doc, r.edit);
					if (target) for (const c of changes) {
						expect(c.from).toBeGreaterThanOrEqual(target.start);
						expect(c.to).toBeLessThanOrEqual(target.end);
					}
					const after = applyPlanEdit(text, r.edit, NOW);
					if (after !== text) applied.set(r.edit.kind, (applied.get(r.edit.kind) ?? 0) + 1);
					const { moved } = expectOthersKept(text, after, changes, r.changed);
					const e = r.edit;
					if (e.kind === 'toggle-item' || e.kind === 'set-item-state') {
						const before = everyItem(doc).find((it) => it.span.start === e.at);
						const now = moved.get(e.at);
						expect(now?.state).toBe(e.kind === 'toggle-item' ? (e.checked ? 'done' : 'open') : e.state);
						expect(now?.text).toBe(before?.text);
					}
					if (crlf) expect(after.replace(/\r\n/g, '')).not.toMatch(/\n/);
					expect(after.startsWith('\uFEFF')).toBe(start.startsWith('\uFEFF'));
					text = after;
				}
				expectWellFormed(text, parsePlan(text));
			}),
			{ numRuns: 100, seed: 20260310 }
		);
		// The generator really exercises every kind of edit (not just no-ops).
		for (const kind of ['toggle-item', 'set-item-state', 'add-progress', 'add-surprise', 'add-decision', 'add-outcome', 'start-phase', 'complete-phase', 'reopen-phase', 'set-phase-status', 'set-spent', 'set-budget', 'add-question']) {
			expect(applied.get(kind) ?? 0, kind).toBeGreaterThan(0);
		}
	});
});
