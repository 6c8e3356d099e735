/**
 * What the phase flows need from the rest of the repo: its paths, ROADMAP.md and the VERSION
 * file. Read through the git worker when a flow opens (never on every keystroke).
 */
import { gitClient } from '$lib/git';
import { versionDocs } from '$lib/plan/archive';

/** A file the phase flows may change besides the plan. */
export interface RepoText {
	path: string;
	text: string;
}

/** The repo around the open plan. */
export interface PhaseRepoContext {
	/** HEAD's paths. */
	paths: string[];
	/** Working-tree files HEAD does not have (a phase document Start phase wrote, not committed yet). */
	workingOnly?: string[];
	/** ROADMAP.md at the root (any case), unless it is the open plan itself. */
	roadmap: RepoText | null;
	/** The VERSION file's text, or null. */
	versionText: string | null;
	/**
	 * HEAD's text of the other documents of the open plan's version (`docs/development/V{VERSION}_*.md`),
	 * for closing the version: judged as the archive commit moves them (their uncommitted typing
	 * moves along uncommitted). A document that cannot be read is left out, so the version stays open.
	 */
	versionDocs?: RepoText[];
}

/** What the person chose in the Start dialog. */
export interface StartChoice {
	createDoc: boolean;
	updateRoadmap: boolean;
}

/** The ROADMAP.md path among `paths` (at the root, any case), or null. */
export function roadmapPath(paths: readonly string[]): string | null {
	return paths.find((p) => /^roadmap\.md$/i.test(p)) ?? null;
}

/** Reads the repo's paths, ROADMAP.md and VERSION for the plan at `planPath`. */
export async function phaseRepoContext(id: string, planPath: string): Promise<PhaseRepoContext> {
	const client = gitClient();
	const [files, status] = await Promise.all([client.listFiles(id), client.status(id)]);
	const paths = files.map((f) => f.path);
	const atHead = new Set(paths);
	const workingOnly = status.dirty.filter((p) => !atHead.has(p));
	const rp = roadmapPath(paths);
	const [roadmapText, versionText] = await Promise.all([
		rp && rp !== planPath ? client.readFile(id, rp) : Promise.resolve(null),
		paths.includes('VERSION') ? client.readFile(id, 'VERSION').catch(() => null) : Promise.resolve(null)
	]);
	const others = versionDocs(paths, planPath).filter((p) => p !== planPath);
	const docs = await Promise.all(others.map((path) => client.readHead(id, path).then((text) => (text === null ? null : { path, text }), () => null)));
	return {
		paths,
		workingOnly,
		roadmap: rp && roadmapText !== null ? { path: rp, text: roadmapText } : null,
		versionText,
		versionDocs: docs.filter((d): d is RepoText => d !== null)
	};
}

/** Whether a file exists in the working tree or at HEAD (a phase doc written but not committed yet counts). */
export async function fileExists(id: string, path: string): Promise<boolean> {
	return gitClient()
		.readFile(id, path)
		.then(() => true)
		.catch(() => false);
}

/** The current instant (the flows pass it into the pure core, which has no clock). */
export function clockNow(): Date {
	return new Date();
}

/** Today in UTC as plans write it (`2026-11-29`). */
export function todayUtc(): string {
	return clockNow().toISOString().slice(0, 10);
}
