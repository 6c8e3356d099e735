/**
 * `mayBeFieldLine`, the in-place check `readFields` runs before it cuts a line out and matches it:
 * it must never pass over a line the field regex reads (checked on every line of the corpus and
 * on random lines built from the characters the regex cares about), and it must pass over most
 * lines of a long plan, or it does nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fieldOfLine, mayBeFieldLine, readFields } from '../../../src/lib/plan/parse/fields';
import { createRandom } from './support/fuzz';

const corpusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/corpus');
const lines = readdirSync(corpusDir)
	.filter((f) => f.endsWith('.md'))
	.flatMap((f) => readFileSync(path.join(corpusDir, f), 'utf8').split('\n'))
	.map((l) => l.replace(/\r$/, ''));

/** Lines cut with the regex alone: fields exactly as `readFields` read them before the check existed. */
function fieldsByRegex(text: string): { label: string; value: string }[] {
	return text
		.split('\n')
		.map((l) => fieldOfLine(l.replace(/\r$/, '')))
		.filter((f): f is { label: string; value: string } => f !== null);
}

describe('the field-line check before the field regex', () => {
	it('passes every corpus line the regex reads as a field, and passes over most lines', () => {
		let fields = 0;
		let passedOver = 0;
		for (const line of lines) {
			const may = mayBeFieldLine(line, 0, line.length);
			if (fieldOfLine(line)) {
				fields++;
				expect(may, line).toBe(true);
			}
			if (!may) passedOver++;
		}
		expect(fields).toBeGreaterThan(500);
		expect(passedOver / lines.length).toBeGreaterThan(0.6);
	});

	it('passes every random line the regex reads as a field', () => {
		const random = createRandom(7);
		const alphabet = [' ', '\t', '-', '*', '+', '_', '**', '__', 'a', 'Z', 'Status', ':', '1', '[ ]', '(', 'http', '`'];
		let fields = 0;
		for (let n = 0; n < 40_000; n++) {
			let line = '';
			const parts = 1 + Math.floor(random() * 8);
			for (let k = 0; k < parts; k++) line += alphabet[Math.floor(random() * alphabet.length)];
			if (!fieldOfLine(line)) continue;
			fields++;
			expect(mayBeFieldLine(line, 0, line.length), JSON.stringify(line)).toBe(true);
		}
		expect(fields).toBeGreaterThan(1000);
	});

	it('reads a line in place: its bounds inside a longer text are respected', () => {
		const text = 'Status: done\n- [ ] Depends on: later\n  - **Depends on**: Phase 2\r\nplain prose: here';
		expect(mayBeFieldLine(text, 0, 12)).toBe(true);
		expect(mayBeFieldLine(text, 13, 36)).toBe(false); // a checkbox line
		expect(mayBeFieldLine('Status done\nx: 1', 0, 11)).toBe(false); // the colon is on the next line
		expect(readFields(text, 0, text.length, []).map((f) => [f.label, f.value])).toEqual(fieldsByRegex(text).map((f) => [f.label, f.value]));
	});

	it('finds on every corpus file the fields the regex alone finds', () => {
		for (const f of readdirSync(corpusDir).filter((n) => n.endsWith('.md'))) {
			const text = readFileSync(path.join(corpusDir, f), 'utf8');
			const got = readFields(text, 0, text.length, [], Infinity).map((x) => `${x.label}=${x.value}`);
			// Without opaque ranges, `readFields` reads every line shorter than 400 characters.
			const want = text
				.split('\n')
				.map((l) => l.replace(/\r$/, ''))
				.filter((l) => l.length < 400)
				.map((l) => fieldOfLine(l))
				.filter((x) => x !== null)
				.map((x) => `${x.label}=${x.value}`);
			expect(got, f).toEqual(want);
		}
	});
});
