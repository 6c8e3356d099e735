/**
 * Finds the plans among a repository's file paths and ranks them the way Waymark lists them:
 * PLANS.md (at the root; elsewhere it joins the ExecPlan folders), ExecPlan folders, phase docs, numbered step folders, ROADMAP.md, then any other
 * Markdown file whose headings name living sections (the only rank that reads file content).
 */
import { naturalCompare } from './natural-sort';
import type { PlanKind } from './types';

/** Where a discovered plan is listed. */
export type PlanGroup = 'execplans' | 'phase-docs' | 'step-folders' | 'roadmaps' | 'other';

/** A discovered plan: lower `rank` is listed first; within a rank, natural numeric path order. */
export interface DiscoveredPlan {
	path: string;
	/** The kind its path implies; `'other'` for a file found only by its living-section headings. */
	kind: PlanKind | 'other';
	rank: number;
	group: PlanGroup;
}

/** Reads a file's text; null (or a throw) when it cannot be read. */
export type ReadFile = (path: string) => string | null | Promise<string | null>;

/** Options for the content check of rank 5. */
export interface DiscoverOptions {
	/** File sizes in bytes, when known: files of 1 MB or more are then not read at all. */
	sizes?: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
}

/** Only the first 64 KB of a file is searched for living-section headings. */
export const HEAD_BYTES = 64 * 1024;
/** Files this size or larger are never read for the content check. */
export const MAX_READ_BYTES = 1024 * 1024;

const READ_CONCURRENCY = 8;
/** ExecPlan folders: `plans/` at the root; the others at any depth (`collab/execplans/`, `packages/x/docs/plans/`). */
const EXECPLAN_DIRS = /^plans\/|(?:^|\/)(?:docs\/plans|docs\/execplans|docs\/exec-plans|execplans|exec-plans|\.agent\/plans)\//i;
const PHASE_DOC = /^(?:V[\w.-]*_PHASE_[^/]*|PHASE[^/]*)\.md$/;
const STEP_NAME = /^(?:\d+[_-][^/]*|phase-\d+[a-z]?[_-][^/]*|step[_-]?\d+[^/]*|TASK_\d+[^/]*)\.md$/i;
/** A step name that says it is a plan on its own (`06-02-PLAN.md`, `phase-03-x.md`, `TASK_01_x.md`). */
const STEP_SELF_EVIDENT = /(?:PLAN|^phase-\d|^step[_-]?\d|^TASK_\d)/i;
/** Numbered files in these folders are records, not steps (ADRs, RFCs). */
const NOT_STEP_DIRS = /(?:^|\/)(?:adrs?|decisions|rfcs?|changelogs?|migrations)\//i;
const SKIP_DIRS = /(?:^|\/)(?:node_modules|\.git)\//;

const LIVING_HEADINGS: [key: string, re: RegExp, distinctive: boolean][] = [
	['progress', /^progress(?:\s+log)?$/i, false],
	['surprises', /^su(?:r)?prises?\s*(?:&|and)\s*discover(?:y|ies)$/i, true],
	['decisions', /^(?:decision\s+log|decisions|technical\s+decisions)$/i, false],
	['outcomes', /^outcomes?\s*(?:&|and)\s*retrospective$/i, true],
	['outcomes', /^(?:results|completion\s+summary)$/i, false]
];

function normalize(path: string): string {
	return path.replace(/\\/g, '/').replace(/^\.?\//, '');
}

function basename(path: string): string {
	return path.slice(path.lastIndexOf('/') + 1);
}

function dirname(path: string): string {
	const i = path.lastIndexOf('/');
	return i < 0 ? '' : path.slice(0, i);
}

function isMarkdown(path: string): boolean {
	return /\.(?:md|markdown)$/i.test(path);
}

/** Heading titles outside fenced code, emphasis and leading emoji stripped. */
function headingTitles(text: string): string[] {
	const titles: string[] = [];
	let fence: string | null = null;
	for (const line of text.split(/\r?\n/)) {
		const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
		if (f) {
			if (fence === null) fence = f[1];
			else if (f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = null;
			continue;
		}
		if (fence !== null) continue;
		const h = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!h) continue;
		titles.push(h[1].replace(/[*_`]/g, '').replace(/^[^\p{L}]+/u, '').trim());
	}
	return titles;
}

/** True when `text`'s headings (outside fenced code) name two living sections, or one unmistakable one. */
export function hasLivingHeadings(text: string): boolean {
	const found = new Set<string>();
	let distinctive = false;
	for (const title of headingTitles(text))
		for (const [key, re, isDistinctive] of LIVING_HEADINGS)
			if (re.test(title)) {
				found.add(key);
				distinctive ||= isDistinctive;
			}
	return found.size >= 2 || distinctive;
}

const PHASE_HEADING = /^(?:phase|step|milestone|stage)\s+[A-Za-z]{0,4}[-\s]?\d/i;

/** True when `text` has two or more numbered phase/step/milestone headings outside fenced code (`### Phase 1: …`). */
export function hasPhaseHeadings(text: string): boolean {
	return headingTitles(text).filter((t) => PHASE_HEADING.test(t)).length >= 2;
}

function sizeOf(options: DiscoverOptions, path: string): number | undefined {
	const sizes = options.sizes;
	if (!sizes) return undefined;
	return sizes instanceof Map ? sizes.get(path) : (sizes as Readonly<Record<string, number>>)[path];
}

/** Classifies a path by its name and folder alone; null when only its content can tell. */
function byPath(path: string, stepDirs: Set<string>): Omit<DiscoveredPlan, 'path'> | null {
	const name = basename(path);
	if (path.toLowerCase() === 'plans.md') return { kind: 'execplan', rank: 0, group: 'execplans' };
	if (name.toLowerCase() === 'plans.md') return { kind: 'execplan', rank: 1, group: 'execplans' };
	if (EXECPLAN_DIRS.test(path)) {
		const step = STEP_NAME.test(name) && (stepDirs.has(dirname(path)) || STEP_SELF_EVIDENT.test(name));
		return { kind: step ? 'step-file' : 'execplan', rank: 1, group: 'execplans' };
	}
	if (PHASE_DOC.test(name)) return { kind: 'phase-doc', rank: 2, group: 'phase-docs' };
	if (STEP_NAME.test(name) && !NOT_STEP_DIRS.test(path) && (stepDirs.has(dirname(path)) || STEP_SELF_EVIDENT.test(name)))
		return { kind: 'step-file', rank: 3, group: 'step-folders' };
	if (name.toLowerCase() === 'roadmap.md') return { kind: 'roadmap', rank: 4, group: 'roadmaps' };
	return null;
}

/**
 * Ranks the plans among `paths` (repository-relative). Ranks: 0 PLANS.md at the root;
 * 1 `docs/plans/**`, `docs/execplans/**`, `docs/exec-plans/**`, `.agent/plans/**`, `plans/**`;
 * 2 `V*_PHASE_*.md`, `PHASE*.md`; 3 numbered step files (`01_*.md`, `phase-03-*.md`, `06-02-PLAN.md`,
 * `TASK_01_*.md`) in a folder holding two or more of them, or named as plans on their own; 4 ROADMAP.md;
 * 5 other Markdown whose first 64 KB has living-section headings (or, added, two numbered phase/step/milestone headings) — read through `read` (skipped without it,
 * and for files of 1 MB or more, known from `options.sizes` or from the text read). Other files are left out.
 */
export async function discoverPlans(paths: string[], read?: ReadFile, options: DiscoverOptions = {}): Promise<DiscoveredPlan[]> {
	const markdown = [...new Set(paths.map(normalize))].filter((p) => isMarkdown(p) && !SKIP_DIRS.test(p));
	const perDir = new Map<string, number>();
	for (const p of markdown) if (STEP_NAME.test(basename(p))) perDir.set(dirname(p), (perDir.get(dirname(p)) ?? 0) + 1);
	const stepDirs = new Set([...perDir].filter(([, n]) => n >= 2).map(([dir]) => dir));

	const found: DiscoveredPlan[] = [];
	const unknown: string[] = [];
	for (const path of markdown) {
		const hit = byPath(path, stepDirs);
		if (hit) found.push({ path, ...hit });
		else unknown.push(path);
	}

	if (read) {
		const check = async (path: string) => {
			const size = sizeOf(options, path);
			if (size !== undefined && size >= MAX_READ_BYTES) return;
			let text: string | null;
			try {
				text = await read(path);
			} catch {
				return;
			}
			if (text === null || text.length >= MAX_READ_BYTES) return;
			const head = text.slice(0, HEAD_BYTES);
			if (hasLivingHeadings(head) || hasPhaseHeadings(head)) found.push({ path, kind: 'other', rank: 5, group: 'other' });
		};
		// A few reads at a time: a repository can hold thousands of Markdown files.
		let next = 0;
		const worker = async () => {
			while (next < unknown.length) await check(unknown[next++]);
		};
		await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, unknown.length) }, worker));
	}

	return found.sort((a, b) => a.rank - b.rank || naturalCompare(a.path, b.path));
}
