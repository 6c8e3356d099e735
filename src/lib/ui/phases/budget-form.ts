/** "Set budget" in the Token budget panel: a range typed as people write it and a reality-check tier, as a `set-budget` edit. Pure. */
import { parseTokenRange } from '$lib/plan/tokens';
import type { PlanEdit } from '$lib/plan/types';

/** The seeds' reality-check tiers, offered in the form. */
export const REALITY_TIERS: { value: number; label: string }[] = [
	{ value: 1, label: '🟢 Smooth Sailing (1.0x)' },
	{ value: 1.5, label: '🟡 Normal Chaos (1.5x)' },
	{ value: 2.5, label: '🟠 Docker Networking (2.5x)' },
	{ value: 4, label: '🔴 Existential Debugging (4x)' }
];

/**
 * The edit for a budget typed as `400K-600K`, `60,000–80,000 tokens` or `1.2M`, for `phase` (null:
 * the whole plan), with a multiplier (undefined keeps the plan's); a sentence when it cannot be read.
 */
export function budgetEdit(phase: string | null, range: string, multiplier: number | undefined): PlanEdit | { error: string } {
	const r = parseTokenRange(range.trim());
	if (!r || !(r.high > 0) || r.low > r.high) return { error: 'Enter a budget like 400K-600K, 60,000-80,000 or 1.2M.' };
	return { kind: 'set-budget', phase, low: r.low, high: r.high, ...(multiplier !== undefined ? { multiplier } : {}) };
}
