/** The completion summary lines complete-phase writes: date, tokens used against budget, efficiency, lessons. */
import type { Phase } from '../types';
import type { EditContext } from './context';
import { hasRange } from '../budget';
import { efficiencyText, formatRange, judgedRange, tokens } from './numbers';

/** Placeholder written when no lessons are given, for the person to fill in. */
export const LESSONS_PLACEHOLDER = '_(to be filled in)_';

/** Lines of a completion summary for `phase` (without heading). */
export function completionLines(ctx: EditContext, phase: Phase, lessons?: string): string[] {
	const b = phase.budget;
	const used = b ? (b.actual ?? b.spent) : null;
	const lines = [`**Completed**: ${ctx.clock.date}`];
	if (hasRange(b)) {
		const adjusted = b.adjustedHigh !== null || (b.multiplier !== null && b.multiplier !== 1);
		const r = judgedRange(b);
		const range = formatRange(r.low, r.high);
		const label = adjusted ? 'adjusted estimate' : 'estimated';
		lines.push(
			used !== null
				? `**Token Usage**: ${tokens(used)} / ${range} ${label}`
				: `**Token Usage**: not recorded / ${range} ${label}`
		);
		if (used !== null) lines.push(`**Efficiency**: ${efficiencyText(b, used)}`);
	} else {
		lines.push(used !== null ? `**Token Usage**: ${tokens(used)} (no budget stated)` : '**Token Usage**: not recorded');
	}
	lines.push(`**Lessons Learned**: ${lessons?.trim() ? lessons.trim() : LESSONS_PLACEHOLDER}`);
	return lines;
}
