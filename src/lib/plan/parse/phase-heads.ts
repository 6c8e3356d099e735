/**
 * Recognising phase / step / milestone headings and reading the status they carry
 * (DESIGN §3): `## Phase 1: Foundation`, `### ✅ Step 1: …`, `## Phase 3 ✅ — Core sync engine`,
 * `### **Phase 2: Title (Weeks 5-8)** ✅ COMPLETE`, `(IN PROGRESS - 60% complete)`,
 * `### Phase 0 – Preparatory Work (0.5h) — ✅ Completed 2025‑10‑19`, `### Phase 0 -- Fixes`.
 */
import type { PhaseStatus } from '../types';
import { DATE_SRC, GLYPHS_RE, memoByString, stripInline } from './util';

/** What a heading says about the phase it starts. */
export interface PhaseHead {
	keyword: string | null;
	number: string;
	title: string;
	status: PhaseStatus | null;
	statusNote: string | null;
	completed: string | null;
	/** The heading words after the number, for stage matching and budgets. */
	rest: string;
}

const NUMBER = String.raw`[A-Za-z]{0,5}[-.]?\d[A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*(?:-[A-Za-z]{0,3}\d[A-Za-z0-9.]*)?`;
const KEYWORD_RE = new RegExp(String.raw`^(phase|step|milestone|stage|task|sprint|epic|iteration|wave|part)\s+(${NUMBER})(?![\w])(.*)$`, 'iu');
const ANYWHERE_RE = new RegExp(String.raw`(?:^|\s)(phase|step|milestone)\s+(${NUMBER})(?![\w])(.*)$`, 'iu');
const NUMBERED_RE = /^(\d+(?:\.\d+)*)\.?\s+(.*)$/u;
const LEAD_GLYPHS = /^(?:[\s\u{1F300}-\u{1FAFF}\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF]|\uFE0F|\u200D|\[[ xX]\])+/u;

const UPPER_WORD =
	/\b(COMPLETED?|DONE|FINISHED|IN[ -]PROGRESS|WIP|PENDING|NOT STARTED|TODO|DEFERRED|POSTPONED|SKIPPED|CANCELL?ED|DROPPED|ABANDONED|BLOCKED)\b/u;

/** Phase status a status word or note means; null when it names none (remembered by text). */
export const phaseStatusFromWord: (s: string) => PhaseStatus | null = memoByString((s) => statusFromWord(s));

function statusFromWord(s: string): PhaseStatus | null {
	const t = stripInline(s).toLowerCase();
	if (/\bdeferred\b|\bpostponed\b|⏸/.test(t)) return 'deferred';
	if (/\bskipped\b|\bcancell?ed\b|\bdropped\b|\babandoned\b|\bwon'?t do\b|\bsuperseded\b/.test(t)) return 'skipped';
	if (/\bnot[ -]started\b|\bincomplete\b|\bpending\b|\btodo\b|\bplanned\b|\bdraft\b|\bnot yet\b|🔴|⏳/.test(t)) return 'open';
	if (/in[ -]?progress|\bwip\b|\bongoing\b|\bactive\b|\bstarted\b|\bpartial(ly)?\b|🔄|🚧|🟡/.test(t)) return 'in-progress';
	if (/\bcomplete(d)?\b|\bdone\b|\bfinished\b|\bshipped\b|✅|✓|✔|☑/.test(t)) return 'done';
	if (/\bblocked\b/.test(t)) return 'open';
	return null;
}

function glyphStatus(s: string): PhaseStatus | null {
	if (/✅|✔|✓|☑/.test(s)) return 'done';
	if (/🔄|🚧/.test(s)) return 'in-progress';
	if (/⏸/.test(s)) return 'deferred';
	if (/⏳|🔜/.test(s)) return 'open';
	if (/❌/.test(s)) return 'skipped';
	return null;
}

/**
 * Reads a heading title as a phase heading. `numbered` also accepts roadmap numbering
 * (`1. Title`, `1.1. Title`); `anywhere` accepts the phase words after a prefix (`V1.2.0 - Phase 1: …`).
 */
export function readPhaseHead(rawTitle: string, numbered: boolean, anywhere: boolean): PhaseHead | null {
	return (numbered ? (anywhere ? headsNA : headsN) : anywhere ? headsA : heads)(rawTitle);
}

// Remembered per mode; the heads are shared between parses and read-only.
const heads = memoByString((t) => readHead(t, false, false));
const headsN = memoByString((t) => readHead(t, true, false));
const headsA = memoByString((t) => readHead(t, false, true));
const headsNA = memoByString((t) => readHead(t, true, true));

function readHead(rawTitle: string, numbered: boolean, anywhere: boolean): PhaseHead | null {
	const struck = /^~~.*~~$/.test(rawTitle.trim());
	const plain = stripInline(rawTitle);
	const lead = LEAD_GLYPHS.exec(plain)?.[0] ?? '';
	const body = plain.slice(lead.length);
	let keyword: string | null = null;
	let number: string;
	let rest: string;
	const k = KEYWORD_RE.exec(body) ?? (anywhere ? ANYWHERE_RE.exec(body) : null);
	if (k) {
		keyword = k[1].toLowerCase();
		number = k[2].replace(/\.$/, '');
		rest = k[3];
	} else if (numbered) {
		const n = NUMBERED_RE.exec(body);
		if (!n) return null;
		number = n[1];
		rest = ' ' + n[2];
	} else return null;
	const status = statusOf(lead, rest);
	return {
		keyword,
		number,
		title: cleanTitle(rest),
		status: struck ? 'skipped' : status.status,
		statusNote: status.note,
		completed: status.completed,
		rest
	};
}

function statusOf(lead: string, rest: string): { status: PhaseStatus | null; note: string | null; completed: string | null } {
	let status: PhaseStatus | null = null;
	let note: string | null = null;
	for (const m of rest.matchAll(/\(([^()]*)\)/g)) {
		const s = /^\s*[^\w\s]*\s*[A-Za-z]/.test(m[1]) ? phaseStatusFromWord(m[1].replace(/\d+(\.\d+)?%\s*complete/i, '')) : null;
		if (s && UPPER_WORD.test(m[1].toUpperCase()) && !/\btokens?\b/i.test(m[1])) {
			status = s;
			note = m[1].trim();
			break;
		}
	}
	if (status === null) {
		const w = UPPER_WORD.exec(rest);
		if (w && w.index !== undefined) {
			status = phaseStatusFromWord(w[1]);
			note = rest.slice(w.index).replace(/[)*\s]+$/, '').trim();
		}
	}
	if (status === null) {
		const g = /([✅✔✓☑🔄🚧⏸⏳🔜❌])\uFE0F?\s*(.*)$/u.exec(rest);
		const glyph = glyphStatus(lead) ?? (g ? glyphStatus(g[1]) : null);
		if (glyph) {
			status = glyph;
			const words = g?.[2]?.trim() ?? '';
			const firstWords = /^[A-Za-z]+(?:[ -][A-Za-z]+)?/.exec(words)?.[0] ?? '';
			if (firstWords && phaseStatusFromWord(firstWords)) note = words.replace(/[)*\s]+$/, '');
		}
	}
	const date = note ? new RegExp(DATE_SRC, 'u').exec(note) : null;
	return { status, note, completed: status === 'done' && date ? date[0] : null };
}

/** The human title: no separators, status glyphs, status tails or budget parentheticals. */
function cleanTitle(rest: string): string {
	let t = rest;
	t = t.replace(/\(([^()]*)\)/g, (whole, inner: string) =>
		(UPPER_WORD.test(inner) && phaseStatusFromWord(inner)) || /\btokens?\b/i.test(inner) ? '' : whole
	);
	t = t.replace(/\s*(?:[—–-]{1,2}\s*)?[✅✔✓☑🔄🚧⏸⏳🔜❌]\uFE0F?\s*(?:[A-Za-z].*)?$/u, (m) => (phaseStatusFromWord(m) ? '' : m));
	const w = UPPER_WORD.exec(t);
	if (w && w.index !== undefined && w.index > 0) t = t.slice(0, w.index);
	t = t.replace(GLYPHS_RE, ' ');
	t = t.replace(/^\s*(?::|\.|\)|--|[-–—])?\s*/u, '');
	t = t.replace(/\s*(?::|--|[-–—→])?\s*$/u, '');
	return t.replace(/\s+/g, ' ').trim();
}

/** Stage names of an Execute-style step: `Phase 1: Build`, `Review`, `Phase 3: Verify`. */
export function stageOf(rawTitle: string): 'build' | 'review' | 'verify' | null {
	const t = stripInline(rawTitle).replace(LEAD_GLYPHS, '');
	const m = /^(?:(?:phase|stage|step)\s*\d+\s*[:.\-–—]\s*)?(build|review|verify)\b/i.exec(t);
	return m ? (m[1].toLowerCase() as 'build' | 'review' | 'verify') : null;
}
