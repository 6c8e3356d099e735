/**
 * The incremental parser under typing as a person types: runs of keystrokes at one place (every
 * part after it shifted again on each key), in a progress item, in a phase's task, at the end of
 * a chunk just before the next heading, and deleting back; on LF and CRLF text. Every model must
 * equal `parsePlan` of the same text, and a model once returned must never change afterwards (the
 * panels keep the previous one to compare with).
 */
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../../../bench/generate-plan';
import { createIncrementalParser } from '../../../src/lib/plan/incremental';
import { parsePlan } from '../../../src/lib/plan/parse';

const LF = generatePlan(160);
const CRLF = LF.replace(/\n/g, '\r\n');

type Step = { insert: string } | { remove: number };

/** Applies `steps` at a moving cursor that starts at `at`, checking every model against parsePlan. */
function typeAt(text: string, at: number, steps: readonly Step[]): void {
	const parser = createIncrementalParser();
	let prev = parser.parse(text);
	expect(prev).toEqual(parsePlan(text));
	let cursor = at;
	for (const step of steps) {
		const frozen = structuredClone(prev);
		if ('insert' in step) {
			text = text.slice(0, cursor) + step.insert + text.slice(cursor);
			cursor += step.insert.length;
		} else {
			text = text.slice(0, cursor - step.remove) + text.slice(cursor);
			cursor -= step.remove;
		}
		const doc = parser.parse(text);
		expect(doc).toEqual(parsePlan(text));
		expect(prev).toEqual(frozen);
		prev = doc;
	}
}

const word = (s: string): Step[] => [...s].map((c) => ({ insert: c }));
const back = (n: number): Step[] => Array.from({ length: n }, () => ({ remove: 1 }));

describe.each([
	['LF', LF],
	['CRLF', CRLF]
])('typing into the generated plan (%s)', (_name, text) => {
	const endOf = (needle: string): number => {
		const at = text.indexOf(needle);
		expect(at).toBeGreaterThanOrEqual(0);
		const nl = text.indexOf('\n', at);
		return text[nl - 1] === '\r' ? nl - 1 : nl;
	};

	it('at the end of the last progress item (everything after it moves on each key)', () => {
		typeAt(text, endOf('Progress entry 39 '), [...word(' more'), ...back(3), ...word(' (2025-10-01)')]);
	});

	it('in a task of a phase, ticking it by typing and turning it into a phase item', () => {
		const at = text.indexOf('**Task 2.3**');
		typeAt(text, at, [...word('done '), ...back(5)]);
		const box = text.lastIndexOf('[', at);
		typeAt(text, box + 1, [{ remove: 1 }, { insert: 'x' }, { remove: 1 }, { insert: ' ' }]);
		typeAt(text, at + 2, [...word('Phase 9: '), ...back(9)]);
	});

	it('at the end of a chunk, right before the next heading: a new line, a heading, a fence', () => {
		const heading = text.indexOf('### Phase 2');
		typeAt(text, heading, [...word('x'), { insert: text.includes('\r\n') ? '\r\n' : '\n' }, ...word('## New'), ...back(6), ...word('```'), ...back(3)]);
	});

	it('in a phase heading and its budget line (status, numbers and budgets change)', () => {
		typeAt(text, endOf('### Phase 1:'), [...word(' ✅ COMPLETE'), ...back(11)]);
		typeAt(text, endOf('**Tokens Spent**: ~101K'), [...word('0'), ...back(1)]);
	});
});
