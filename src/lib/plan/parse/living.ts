/**
 * Living sections (DESIGN §3): the real-world names of Progress, Surprises & Discoveries,
 * Decision Log and Outcomes & Retrospective, matched case-insensitively at any level,
 * after dropping emoji, numbering, emphasis and a trailing colon.
 */
import type { Section } from '../types';
import { GLYPHS_RE, memoByString, stripInline } from './util';

/** Which living section a heading names. */
export type LivingKey = 'progress' | 'surprises' | 'decisions' | 'outcomes';

/** Heading words reduced for matching: `## 7. **Surprises and discoveries:**` → `surprises & discoveries`. */
export const normaliseTitle: (title: string) => string = memoByString((title) =>
	stripInline(title)
		.replace(GLYPHS_RE, '')
		.replace(/^\s*(?:\d+(?:\.\d+)*\.?|[ivx]+\.)\s+/i, '')
		.replace(/\s+and\s+/gi, ' & ')
		.replace(/[:.]\s*$/, '')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase()
);

/** Names per living section, best (canonical) first: a better name wins when a plan has several. */
const NAMES: Record<LivingKey, RegExp[]> = {
	progress: [/^progress$/, /^progress log$/, /^execution steps$/, /^deliverables$/, /^to-?do(?: list)?$/],
	surprises: [/^su(?:r)?prises? & discover(?:y|ies)$/, /^surprises$/, /^discoveries$/],
	decisions: [/^decision log$/, /^decisions$/, /^technical decisions$/, /^key decisions$/, /^decision record$/],
	outcomes: [/^outcomes? & retrospectives?$/, /^outcomes$/, /^retrospective$/, /^results$/, /^completion summary$/]
};

/** The living section a title names, with its rank among that section's names (0 = canonical); null if none. */
export const livingKind: (title: string) => { key: LivingKey; rank: number } | null = memoByString((title) => {
	const t = normaliseTitle(title);
	for (const key of Object.keys(NAMES) as LivingKey[]) {
		const rank = NAMES[key].findIndex((re) => re.test(t));
		if (rank !== -1) return { key, rank };
	}
	return null;
});

/** All progress-like sections and the best section of each living kind (first of the best-ranked name). */
export function findLiving(sections: readonly Section[]): {
	living: Record<LivingKey, Section | null>;
	progressSections: Section[];
} {
	const living: Record<LivingKey, Section | null> = { progress: null, surprises: null, decisions: null, outcomes: null };
	const ranks: Record<LivingKey, number> = { progress: 99, surprises: 99, decisions: 99, outcomes: 99 };
	const progressSections: Section[] = [];
	for (const s of sections) {
		const kind = livingKind(s.title);
		if (!kind) continue;
		if (kind.key === 'progress') progressSections.push(s);
		if (kind.rank < ranks[kind.key]) {
			ranks[kind.key] = kind.rank;
			living[kind.key] = s;
		}
	}
	// A progress-like section nested in another keeps its items once: drop the inner one.
	const outer = progressSections.filter((s) => !progressSections.some((o) => o !== s && o.span.start < s.span.start && s.span.end <= o.span.end));
	return { living, progressSections: outer };
}
