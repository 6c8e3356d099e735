/** `markMoved` / `knownSameContent`: what the parser records about objects it moved, and what it does not claim. */
import { describe, expect, it } from 'vitest';
import { knownSameContent, markMoved, noteSameContent } from '../../../src/lib/plan/moved';

describe('moved objects', () => {
	it('a copy, a copy of the copy and the original are known to be the same content', () => {
		const original = { span: { start: 0, end: 3 }, title: 'a' };
		const copy = markMoved({ span: { start: 1, end: 4 }, title: 'a' }, original);
		const copyOfCopy = markMoved({ span: { start: 2, end: 5 }, title: 'a' }, copy);
		expect(knownSameContent(copy, original)).toBe(true);
		expect(knownSameContent(original, copy)).toBe(true);
		expect(knownSameContent(copyOfCopy, original)).toBe(true);
		expect(knownSameContent(copyOfCopy, copy)).toBe(true);
		expect(knownSameContent(original, original)).toBe(true);
	});

	it('claims nothing for objects it was not told about, even when they are equal', () => {
		const a = { title: 'a' };
		const b = { title: 'a' };
		const other = markMoved({ title: 'a' }, { title: 'a' });
		expect(knownSameContent(a, b)).toBe(false);
		expect(knownSameContent(a, other)).toBe(false);
	});

	it('noteSameContent joins a chain that a full parse broke: later copies match the first object', () => {
		const first = { title: 'a' };
		const rebuilt = { title: 'a' };
		expect(knownSameContent(first, rebuilt)).toBe(false);
		noteSameContent(first, rebuilt);
		const moved = markMoved({ title: 'a' }, rebuilt);
		expect(knownSameContent(first, moved)).toBe(true);
		noteSameContent(first, first);
		expect(knownSameContent(first, { title: 'a' })).toBe(false);
	});
});
