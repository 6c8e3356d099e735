import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	findTokenAmounts,
	findTokenRange,
	formatTokens,
	parseMultiplier,
	parseTokenAmount,
	parseTokenRange
} from '../../../src/lib/plan/tokens';

describe('parseTokenAmount', () => {
	it.each([
		['500K', 500_000],
		['1.2M', 1_200_000],
		['60,000', 60_000],
		['~250K', 250_000],
		['45k', 45_000],
		['2.5M tokens', 2_500_000],
		['1,500,000', 1_500_000],
		['60000', 60_000],
		['~60000 tokens', 60_000],
		['200 tokens', 200],
		['1.1M', 1_100_000],
		['**Tokens Spent**: ~250K tokens (50% complete)', 250_000],
		['Actual: ≈ 1.25M', 1_250_000]
	])('%s → %d', (input, expected) => {
		expect(parseTokenAmount(input)).toBe(expected);
	});

	it.each(['', 'tokens', 'Phase 1: Foundation', '2025-10-01', '50% complete', 'v0.4.17', '5Mbps', 'P0-1', '12 and 14'])(
		'%s → null',
		(input) => {
			expect(parseTokenAmount(input)).toBeNull();
		}
	);

	it('reports positions of the amounts it finds', () => {
		const text = 'Spent ~250K of 1.2M';
		const found = findTokenAmounts(text);
		expect(found.map((a) => text.slice(a.start, a.end))).toEqual(['250K', '1.2M']);
		expect(found.every((a) => a.strong)).toBe(true);
	});
});

describe('parseTokenRange', () => {
	it.each([
		['500K-800K', 500_000, 800_000],
		['500K–800K', 500_000, 800_000],
		['500K — 800K', 500_000, 800_000],
		['500K\u2011800K', 500_000, 800_000],
		['60,000-80,000 tokens', 60_000, 80_000],
		['1.2M-2M', 1_200_000, 2_000_000],
		['800K-1.3M', 800_000, 1_300_000],
		['M (800K-1.3M tokens)', 800_000, 1_300_000],
		['500-800K tokens', 500_000, 800_000],
		['40-60 tokens', 40, 60],
		['500K to 800K', 500_000, 800_000],
		['## Phase 1: Foundation (500K-800K tokens)', 500_000, 800_000],
		['**Progress**: 1.5M / 3M-6M tokens', 3_000_000, 6_000_000],
		['750K', 750_000, 750_000],
		['~250K tokens', 250_000, 250_000],
		['2025-10-01: 500K-800K', 500_000, 800_000]
	])('%s → %d..%d', (input, low, high) => {
		expect(parseTokenRange(input)).toEqual({ low, high });
	});

	it.each(['', 'Phase 1-3', '2025-10-01', 'Steps 06-02', 'no budget'])('%s → null', (input) => {
		expect(parseTokenRange(input)).toBeNull();
	});

	it('gives the position of the range', () => {
		const text = '(500K-800K tokens)';
		const r = findTokenRange(text);
		expect(r && text.slice(r.start, r.end)).toBe('500K-800K');
	});

	it('does not read a descending pair as a range', () => {
		expect(findTokenRange('800K-500K')).toBeNull();
	});
});

describe('parseMultiplier', () => {
	it.each([
		['(1.5x)', 1.5],
		['1.5×', 1.5],
		['🟠 Docker Networking (2.5x)', 2.5],
		['(4x)', 4],
		['**Reality Check**: 🟡 Normal Chaos (1.5X)', 1.5]
	])('%s → %d', (input, expected) => {
		expect(parseMultiplier(input)).toBe(expected);
	});

	it.each(['', 'no multiplier', '0x1F', 'box', '(0x)'])('%s → null', (input) => {
		expect(parseMultiplier(input)).toBeNull();
	});
});

describe('formatTokens', () => {
	it.each([
		[650_000, '650K'],
		[1_200_000, '1.2M'],
		[60_000, '60K'],
		[45_500, '45.5K'],
		[2_000_000, '2M'],
		[999_999, '1M'],
		[999, '999'],
		[0, '0'],
		[1_234_567, '1.23M'],
		[-250_000, '-250K']
	])('%d → %s', (n, expected) => {
		expect(formatTokens(n)).toBe(expected);
	});

	it('round-trips through parseTokenAmount within three significant digits', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 5_000_000_000 }), (n) => {
				const back = parseTokenAmount(formatTokens(n));
				expect(back).not.toBeNull();
				expect(Math.abs((back as number) - n)).toBeLessThanOrEqual(n * 0.005 + 0.5);
			}),
			{ numRuns: 2000 }
		);
	});

	it('is a fixed point on its own output', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 5_000_000_000 }), (n) => {
				const once = formatTokens(n);
				expect(formatTokens(parseTokenAmount(once) as number)).toBe(once);
			})
		);
	});

	it('parses K/M/comma spellings of the same generated amount alike', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 9_999 }), (k) => {
				const n = k * 1000;
				expect(parseTokenAmount(`${k}K`)).toBe(n);
				expect(parseTokenAmount(n.toLocaleString('en-US'))).toBe(n);
				expect(parseTokenAmount(`${n / 1e6}M tokens`)).toBe(n);
			})
		);
	});
});
