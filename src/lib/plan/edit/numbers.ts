/** The token figures edits write, through tokens.ts and budget.ts so panels and plan text agree. */
import type { Budget } from '../types';
import { formatTokens } from '../tokens';
import { efficiency } from '../budget';

/** `500K-800K` for a range (one figure when both ends agree). */
export function formatRange(low: number, high: number): string {
	return low === high ? formatTokens(low) : `${formatTokens(low)}-${formatTokens(high)}`;
}

/** A token count as plans write it (`250K`, `1.2M`). */
export function tokens(n: number): string {
	return formatTokens(n);
}

/** The high bound a spend is measured against: the adjusted high when there is a multiplier, else the plain high. */
export function effectiveHigh(b: Budget): number {
	return judgedRange(b).high;
}

/** The range spend is judged against: the adjusted range, else the plain range scaled by the multiplier, else the plain range. */
export function judgedRange(b: Budget): { low: number; high: number } {
	const m = b.multiplier ?? 1;
	return { low: b.adjustedLow ?? b.low * m, high: b.adjustedHigh ?? b.high * m };
}

/** The pinned efficiency wording (DESIGN §2, via budget.ts) for `used` tokens against a budget. */
export function efficiencyText(b: Budget, used: number): string {
	return efficiency(used, judgedRange(b)).label;
}
