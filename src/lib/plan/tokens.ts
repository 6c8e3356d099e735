/**
 * The token-amount grammar of plans (shared/DESIGN.md §3): `500K`, `1.2M`, `60,000`,
 * `~250K`, `45k`, `2.5M tokens`; ranges `500K-800K`, `500K–800K`, `60,000-80,000 tokens`,
 * `800K-1.3M`; multipliers `(1.5x)`, `1.5×`. Pure string functions, no dependencies.
 *
 * In free text an amount counts only when it is unmistakably tokens: it has a K/M/B suffix,
 * comma thousands groups, or is followed by the word "tokens" — so dates (`2025-10-01`),
 * phase numbers (`Phase 1`, `P0-1`) and percentages are never read as budgets. A string
 * that is nothing but a bare number (`60000`, `~60000 tokens`) is also accepted.
 */

/** A token amount found in a string, with where it sits in that string. */
export interface TokenAmountMatch {
	value: number;
	/** UTF-16 offsets of the number (and its suffix) in the searched string. */
	start: number;
	end: number;
	/** Suffix, comma groups or a following "tokens": unmistakably a token amount. */
	strong: boolean;
	/** The K/M/B suffix as written, or null. */
	suffix: string | null;
}

/** A token range found in a string, with where it sits in that string. */
export interface TokenRangeMatch {
	low: number;
	high: number;
	start: number;
	end: number;
}

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const SUFFIX = String.raw`[KkMmBb]`;
/** One amount: not glued to a preceding word, dot or comma; suffix not followed by a letter. */
const AMOUNT = String.raw`(?<![\w.,])(${NUMBER})(?:(${SUFFIX})(?![A-Za-z]))?(?![\w])`;
/** Range separators: ASCII hyphen, U+2010 hyphen, U+2011 non-breaking hyphen, en and em dash, minus, "to". */
const SEPARATOR = String.raw`\s*(?:[-\u2010\u2011\u2013\u2014\u2212]|to)\s*`;
const TOKENS_WORD = /^\s*tokens?\b/i;

const SCALE: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

function toValue(digits: string, suffix: string | undefined): number {
	const base = Number(digits.replace(/,/g, ''));
	const scale = suffix ? SCALE[suffix.toLowerCase()] : 1;
	return Math.round(base * scale);
}

function amountAt(text: string, m: RegExpExecArray): TokenAmountMatch {
	const digits = m[1];
	const suffix = m[2];
	const end = m.index + m[0].length;
	const strong = Boolean(suffix) || digits.includes(',') || TOKENS_WORD.test(text.slice(end));
	return { value: toValue(digits, suffix), start: m.index, end, strong, suffix: suffix ?? null };
}

/** True when `rest` (what is left around an amount) is empty, or only "tokens" and approximation marks. */
function onlyDecoration(before: string, after: string): boolean {
	return /^[\s~≈∼]*$/.test(before) && /^\s*(?:tokens?)?\s*$/i.test(after);
}

/** Every amount in `text`, strong or not, in order. For parsers that need positions. */
export function findTokenAmounts(text: string): TokenAmountMatch[] {
	const re = new RegExp(AMOUNT, 'g');
	const out: TokenAmountMatch[] = [];
	for (let m = re.exec(text); m; m = re.exec(text)) out.push(amountAt(text, m));
	return out;
}

/**
 * Reads a token amount: the first unmistakable amount in `s` (`'**Spent**: ~250K tokens (50% complete)'`
 * → 250000), or `s` itself when it is a bare number (`'60000'`); null when there is none.
 */
export function parseTokenAmount(s: string): number | null {
	const all = findTokenAmounts(s);
	const strong = all.find((a) => a.strong);
	if (strong) return strong.value;
	if (all.length === 1 && onlyDecoration(s.slice(0, all[0].start), s.slice(all[0].end))) return all[0].value;
	return null;
}

/**
 * Finds the first token range in `s` with its position: `500K-800K`, `60,000–80,000 tokens`,
 * `500-800K` (a suffix only on the upper bound applies to both). Low must not exceed high.
 */
export function findTokenRange(s: string): TokenRangeMatch | null {
	const re = new RegExp(AMOUNT + SEPARATOR + AMOUNT, 'g');
	for (let m = re.exec(s); m; m = re.exec(s)) {
		const [whole, lowDigits, lowSuffix, highDigits, highSuffix] = m;
		const end = m.index + whole.length;
		const sharedSuffix = lowSuffix ?? (lowDigits.includes(',') ? undefined : highSuffix);
		const low = toValue(lowDigits, sharedSuffix);
		const high = toValue(highDigits, highSuffix);
		const strong =
			Boolean(lowSuffix || highSuffix) ||
			lowDigits.includes(',') ||
			highDigits.includes(',') ||
			TOKENS_WORD.test(s.slice(end));
		const bare = onlyDecoration(s.slice(0, m.index), s.slice(end));
		if ((strong || bare) && low <= high) return { low, high, start: m.index, end };
		// A rejected match may still end in the start of a real range ("2025-10-500K-800K"): retry after its first amount.
		re.lastIndex = m.index + lowDigits.length;
	}
	return null;
}

/**
 * Reads a token range (`'M (800K-1.3M tokens)'` → 800000–1300000); a single amount gives
 * `low === high`; null when `s` states no amount.
 */
export function parseTokenRange(s: string): { low: number; high: number } | null {
	const range = findTokenRange(s);
	if (range) return { low: range.low, high: range.high };
	const single = parseTokenAmount(s);
	return single === null ? null : { low: single, high: single };
}

/** Reads a reality-check multiplier (`'🟠 Docker Networking (2.5x)'` → 2.5, `'1.5×'`); null when none. */
export function parseMultiplier(s: string): number | null {
	const m = /(?<![\w.])(\d+(?:\.\d+)?)\s?[x×X](?![\w])/u.exec(s);
	if (!m) return null;
	const value = Number(m[1]);
	return value > 0 ? value : null;
}

/** Writes a token count the short way people write budgets: 650K, 1.2M, 60K, 45.5K (three significant digits). */
export function formatTokens(n: number): string {
	if (!Number.isFinite(n)) return String(n);
	if (n < 0) return '-' + formatTokens(-n);
	const rounded = Math.round(n);
	if (rounded < 1000) return String(rounded);
	const units: [number, string][] = [
		[1e3, 'K'],
		[1e6, 'M'],
		[1e9, 'B']
	];
	let out = '';
	for (const [scale, unit] of units) {
		const value = Number((n / scale).toPrecision(3));
		out = `${value}${unit}`;
		if (value < 1000) break;
	}
	return out;
}
