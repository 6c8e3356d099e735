import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../../src/lib/editor/line-diff';

describe('lineDiff', () => {
	it('shows one changed line with its context and folds the rest', () => {
		const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\r\n') + '\r\n';
		const after = before.replace('line 10\r\n', 'line ten\r\n');
		const rows = lineDiff(before, after, 2);
		expect(rows).toEqual([
			{ kind: 'gap', text: '7', oldNo: null, newNo: null },
			{ kind: 'same', text: 'line 8', oldNo: 8, newNo: 8 },
			{ kind: 'same', text: 'line 9', oldNo: 9, newNo: 9 },
			{ kind: 'del', text: 'line 10', oldNo: 10, newNo: null },
			{ kind: 'add', text: 'line ten', oldNo: null, newNo: 10 },
			{ kind: 'same', text: 'line 11', oldNo: 11, newNo: 11 },
			{ kind: 'same', text: 'line 12', oldNo: 12, newNo: 12 },
			{ kind: 'gap', text: '8', oldNo: null, newNo: null }
		]);
	});

	it('is empty for equal texts and lists every line of a new file as added', () => {
		expect(lineDiff('a\nb\n', 'a\nb\n')).toEqual([]);
		expect(lineDiff('', 'a\nb\n').map((r) => `${r.kind}:${r.text}:${r.newNo}`)).toEqual(['add:a:1', 'add:b:2']);
	});
});
