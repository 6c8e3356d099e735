/**
 * Starting a phase in a phase-doc repo (the seeds' workflow): one file per phase at
 * `docs/development/V{VERSION}_PHASE_{N}.md`, VERSION read from the repo's VERSION file. Pure:
 * the repo's paths and texts come in, the document to create comes out.
 */
import { applyPlanEdit } from './edit';
import { parsePlan } from './parse';
import { allPhases } from './deps';
import { phaseDocPath, phaseDocTemplate, type NewPlanFile } from './templates';
import type { Phase } from './types';

const PHASE_DOC = /(?:^|\/)docs\/development\/V([\w.-]+?)_PHASE_([\w.-]+)\.md$/i;

/** Whether the repo keeps phase documents: a VERSION file at its root or `docs/development/V…_PHASE_N.md` files. */
export function isPhaseDocRepo(paths: readonly string[]): boolean {
	return paths.some((p) => p === 'VERSION' || PHASE_DOC.test(p));
}

/** The version to file new phase docs under: the VERSION file's first word (`v1.2.0` → `1.2.0`), else the newest phase doc's, else null. */
export function repoVersion(paths: readonly string[], versionText: string | null): string | null {
	const fromFile = versionText?.replace(/^\uFEFF/, '').trim().split(/\s+/)[0]?.replace(/^v/i, '');
	if (fromFile) return fromFile;
	let best: string | null = null;
	for (const p of paths) {
		const m = PHASE_DOC.exec(p);
		if (m && (best === null || m[1].localeCompare(best, undefined, { numeric: true }) > 0)) best = m[1];
	}
	return best;
}

/** What "Start phase N" offers to create: the phase document's path and text. */
export interface PhaseDocOffer extends NewPlanFile {
	version: string;
}

/** Options of {@link phaseDocOffer}. */
export interface PhaseDocOfferOptions {
	/** Every path of the repo (HEAD's tree plus files written since). */
	paths: readonly string[];
	/** The VERSION file's text, or null when there is none. */
	versionText: string | null;
	/** The plan being edited (a phase doc does not create itself again). */
	planPath: string;
	phase: Phase;
	now: Date;
}

/**
 * The phase document to offer when `phase` starts, or null when the repo keeps no phase docs,
 * no version is known, the open plan is that document, or it exists already. The text is the
 * template with the phase's title, its budget when the plan states one, and the phase started
 * (Status In Progress, Started today).
 */
export function phaseDocOffer(opts: PhaseDocOfferOptions): PhaseDocOffer | null {
	const { paths, phase } = opts;
	if (!isPhaseDocRepo(paths)) return null;
	const version = repoVersion(paths, opts.versionText);
	if (!version) return null;
	const path = phaseDocPath(version, phase.number);
	if (path === opts.planPath || paths.includes(path)) return null;
	let { text } = phaseDocTemplate({ version, phase: phase.number, title: phase.title, now: opts.now });
	const own = allPhases(parsePlan(text))[0];
	if (own) {
		const b = phase.budget;
		if (b && b.high > 0) text = applyPlanEdit(text, { kind: 'set-budget', phase: own.id, low: b.low, high: b.high, ...(b.multiplier !== null ? { multiplier: b.multiplier } : {}) }, opts.now);
		text = applyPlanEdit(text, { kind: 'start-phase', phase: own.id }, opts.now);
	}
	return { path, text, version };
}
