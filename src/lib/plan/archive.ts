/**
 * Closing a version in a phase-doc repo (the seeds' workflow): after the version's last phase,
 * its documents move from `docs/development/` to `docs/archive/development-history/YYYY-MM/` and
 * the VERSION file moves on to the next version. Pure: the repo's paths and texts and the clock
 * come in; which files move where, and the VERSION file's next text, come out.
 *
 * "The version's last phase" is read from the documents alone (ROADMAP.md is free text and is
 * not judged): every phase of every `V{VERSION}_*.md` document in `docs/development/` is done,
 * skipped or deferred once the plan's phase is completed. A phase document
 * (`V{VERSION}_PHASE_{N}.md`) is the truth for phase N; a version plan listing the same phase
 * (`V{VERSION}_IMPLEMENTATION_PLAN.md`) does not hold it open. Phases nobody has written down yet
 * are invisible, which is why the offer is opt-in.
 */
import { parsePlan } from './parse';
import type { PhaseStatus } from './types';

/** Where a version's documents live: `<prefix>docs/development/V<version>_<name>.md`. */
const VERSION_DOC = /^((?:.*\/)?)docs\/development\/V(\d[\w.-]*?)_([^/]+)\.md$/i;
/** The phase number in a phase document's name rest: `PHASE_3`. */
const PHASE_NAME = /^PHASE_([\w.-]+)$/i;

/** A document of a version, known by its path. */
export interface VersionDoc {
	/** Folder above `docs/` (`''` at the repo root, `packages/app/` in a monorepo). */
	prefix: string;
	/** The version as the file name writes it, without the `V` (`1.2.0`). */
	version: string;
	/** The phase number for `V…_PHASE_N.md`, else null. */
	phase: string | null;
}

/** The version document `path` is, or null (`docs/development/V1.2.0_PHASE_3.md` → 1.2.0, phase 3). */
export function versionDocOf(path: string): VersionDoc | null {
	const m = VERSION_DOC.exec(path);
	if (!m) return null;
	const phase = PHASE_NAME.exec(m[3]);
	return { prefix: m[1], version: m[2], phase: phase ? phase[1] : null };
}

function sameVersion(a: string, b: string): boolean {
	return a.toLowerCase() === b.toLowerCase();
}

/** Every document of the version `planPath` belongs to (itself included), sorted by path; empty when it is no version document. */
export function versionDocs(paths: readonly string[], planPath: string): string[] {
	const own = versionDocOf(planPath);
	if (!own) return [];
	const folder = `${own.prefix}docs/development/`;
	const out = new Set<string>([planPath]);
	for (const p of paths) {
		if (!p.startsWith(folder) || p.slice(folder.length).includes('/')) continue;
		const d = versionDocOf(p);
		if (d && d.prefix === own.prefix && sameVersion(d.version, own.version)) out.add(p);
	}
	return [...out].sort();
}

/** `docs/archive/development-history/2026-11/` for `now` (UTC month), under the documents' own prefix. */
export function archiveFolder(prefix: string, now: Date): string {
	return `${prefix}docs/archive/development-history/${now.toISOString().slice(0, 7)}/`;
}

/**
 * The version after `version`: the minor part goes up and what follows resets
 * (`1.2.0` → `1.3.0`, `v0.4.17` → `v0.5.0`, `2.1` → `2.2`, `3` → `4`); a pre-release or build
 * suffix is dropped (`1.2.0-rc.1` → `1.3.0`). Null when `version` does not start with a number.
 */
export function nextVersion(version: string): string | null {
	const m = /^(v?)(\d+(?:\.\d+)*)/i.exec(version.trim());
	if (!m) return null;
	const parts = m[2].split('.').map(Number);
	const at = parts.length >= 2 ? 1 : 0;
	const next = parts.map((n, i) => (i < at ? n : i === at ? n + 1 : 0));
	return `${m[1]}${next.join('.')}`;
}

/** The VERSION file's current version: its first word (a leading BOM dropped), or null when empty. */
export function versionFromFile(text: string): string | null {
	return text.replace(/^\uFEFF/, '').trim().split(/\s+/)[0] || null;
}

/** The VERSION file's text with its first word replaced by `next`; the rest (line ending, notes after it) stays. */
export function withVersion(text: string, next: string): string {
	const v = next.trim();
	const m = /^(\uFEFF?\s*)(\S+)/.exec(text);
	if (!m) return `${v}\n`;
	return m[1] + v + text.slice(m[0].length);
}

/** A file moved by the archive: the same text at a new path. */
export interface FileMove {
	from: string;
	to: string;
}

/** What completing the version's last phase offers. */
export interface VersionArchiveOffer {
	/** The version being closed, as its documents write it (`1.2.0`). */
	version: string;
	/** The archive folder, ending in `/`. */
	folder: string;
	/** Each document of the version to its place in the archive, sorted by path. */
	moves: FileMove[];
	/** Archive paths that exist already: moving would overwrite them, so the archive is not offered. */
	conflicts: string[];
	/**
	 * Documents of the version written but never committed (a phase just started): whether the
	 * version is closed cannot be judged from HEAD, so neither the archive nor the VERSION update
	 * is offered until they are committed.
	 */
	uncommitted: string[];
	/**
	 * The VERSION file at the repo root and the version after the one being closed (in the file's
	 * own style, `v1.3.0`, when it names the closed version); `matches` is false when the file names
	 * another version (then the dialog warns). Null when the repo has no VERSION file.
	 */
	versionFile: { path: string; current: string | null; next: string | null; matches: boolean } | null;
}

/** Input of {@link versionArchiveOffer}. */
export interface VersionArchiveInput {
	/** Every path of HEAD's tree. */
	paths: readonly string[];
	/** Files in the working tree that HEAD does not have (see {@link VersionArchiveOffer.uncommitted}). */
	workingOnly?: readonly string[];
	planPath: string;
	/** The plan's text as the commit will hold it (the phase completed). */
	planText: string;
	/** HEAD's text of the version's other documents ({@link versionDocs}), by path; a missing (unreadable) one counts as open. */
	docs: ReadonlyMap<string, string>;
	/** The VERSION file's text, or null when there is none. */
	versionText: string | null;
	now: Date;
}

const CLOSED: ReadonlySet<PhaseStatus> = new Set(['done', 'skipped', 'deferred']);

/** `03` and `3` are the same phase. */
function phaseKey(n: string): string {
	return /^\d+$/.test(n) ? String(Number(n)) : n.toLowerCase();
}

/**
 * The archive to offer when the plan at `planPath` has just completed a phase, or null when the
 * plan is no version document or some phase of the version is still open (see the module note).
 */
export function versionArchiveOffer(input: VersionArchiveInput): VersionArchiveOffer | null {
	const own = versionDocOf(input.planPath);
	if (!own) return null;
	const docs = versionDocs(input.paths, input.planPath);
	// Phase N's state: from its phase document when there is one, else from the plans that list it.
	const byPhaseDoc = new Map<string, boolean>();
	const listed: { key: string; closed: boolean }[] = [];
	for (const path of docs) {
		const text = path === input.planPath ? input.planText : input.docs.get(path);
		if (text === undefined) return null; // unreadable: it may hold an open phase
		const phases = parsePlan(text).phases;
		const d = versionDocOf(path);
		if (d?.phase != null) {
			// A phase document with no phase Waymark recognises is not known to be done.
			const closed = phases.length > 0 && phases.every((p) => CLOSED.has(p.status));
			const key = phaseKey(d.phase);
			byPhaseDoc.set(key, (byPhaseDoc.get(key) ?? true) && closed);
		} else for (const p of phases) listed.push({ key: phaseKey(p.number), closed: CLOSED.has(p.status) });
	}
	if ([...byPhaseDoc.values()].some((closed) => !closed)) return null;
	if (listed.some((p) => !p.closed && !byPhaseDoc.has(p.key))) return null;
	const folder = archiveFolder(own.prefix, input.now);
	const moves = docs.map((from) => ({ from, to: folder + from.slice(from.lastIndexOf('/') + 1) }));
	const present = new Set(input.paths);
	const conflicts = moves.filter((m) => present.has(m.to)).map((m) => m.to);
	const versionPath = present.has('VERSION') ? 'VERSION' : null;
	const current = input.versionText === null ? null : versionFromFile(input.versionText);
	const matches = current !== null && sameVersion(current.replace(/^v/i, ''), own.version);
	const headPaths = new Set(input.paths);
	const uncommitted = versionDocs(input.workingOnly ?? [], input.planPath).filter((p) => p !== input.planPath && !headPaths.has(p));
	return {
		version: own.version,
		folder,
		moves,
		conflicts,
		uncommitted,
		versionFile: versionPath === null ? null : { path: versionPath, current, next: nextVersion(matches ? (current ?? own.version) : own.version), matches }
	};
}
