/**
 * `npm run bench:git`: Waymark's git against native git on one local git server (its own process; git
 * http-backend on 127.0.0.1), on a generated repo of 2,000 files / 500 commits (targeted) and a
 * small one of 20 files / 5 commits (start-up costs; untargeted). Medians of `--runs N`
 * (default 3) runs per side, the two sides interleaved; every result is checked. `--only a`
 * runs case (a) alone.
 *   (a) time to first plan: the built app in headless Chromium — "Clone" until the plan's text
 *       is on screen in the editor — vs native `git clone --depth 1 --single-branch` + reading
 *       the file. The clock starts at Clone on an app that has settled as it has by the time a
 *       person has typed a URL (service worker installed, network quiet). Inside the page, a
 *       person who acts at once clicks the repo's link as soon as a frame showing it has been
 *       painted, then the plan's link in "Plans"; the clock stops after the first frame with the
 *       plan's text has been rendered. Timed and driven in the page, so no harness polling or
 *       action checks are counted. A diagnostic run adds 250 ms of thinking before each click.
 *   (b) full clone: shallow clone + deepen, run by isomorphic-git in Node with the worker's own
 *       code (shallowClone, deepenHistory, and isomorphic-git with the worker build's edits, see
 *       ./git-speed-node.ts) — vs native `git clone --single-branch`.
 *   (c) commit + push of a one-line plan change: commitWorkingFiles + syncRepo in Node (the
 *       worker's code) vs native `git commit -am && git push`; both trees must be equal.
 * Needs the built app: run `npx vite build` first.
 */
import './git-speed-node';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import git, { type HttpClient } from 'isomorphic-git';
import nodeHttp from 'isomorphic-git/http/node';
import { chromium, type Browser, type Page } from 'playwright-core';
import { commitTexts, commitWorkingFiles, readWorkingTexts } from '../src/lib/git/commit-ops';
import type { RepoFs } from '../src/lib/git/fs-utils';
import { deepenHistory } from '../src/lib/git/history-ops';
import { shallowClone } from '../src/lib/git/repo-ops';
import { syncRepo } from '../src/lib/git/sync-ops';
import { startGitServerProcess, type BenchGitServer as GitServer } from './git-server-process';
import { git as nativeGit, gitAsync } from '../tests/support/repos';
import { startStaticServer, type StaticServer } from '../tests/support/static-server';
import { generateRepo, type GeneratedRepo, type RepoSpec } from './generate-repo';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 3) : 3;
/** `--only a`: just the time-to-first-plan case (the others need the (b) clones). */
const onlyArg = process.argv.indexOf('--only');
const ONLY_A = onlyArg >= 0 && process.argv[onlyArg + 1] === 'a';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.resolve(root, process.env.WAYMARK_BUILD_DIR ?? 'build');
const nodeFs = fs as unknown as RepoFs;
const AUTHOR = { name: 'Bench Author', email: 'bench@waymark.invalid' };

const REPOS: { name: string; spec: RepoSpec; targeted: boolean }[] = [
	{ name: 'big', spec: { files: 2000, commits: 500, seed: 20260 }, targeted: true },
	{ name: 'small', spec: { files: 20, commits: 5, seed: 7 }, targeted: false }
];
const TARGETS = { a: 2, b: 3, c: 2 } as const;

const now = (): number => performance.now();
const median = (xs: number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number): string => x.toFixed(0);

/** Throws (and so fails the bench) when a result is wrong. */
function check(ok: boolean, what: string): void {
	if (!ok) throw new Error(`check failed: ${what}`);
}

/** One HTTP request isomorphic-git made: when it started and when its body was read to the end. */
interface HttpRecord {
	method: string;
	url: string;
	start: number;
	end: number;
	bytes: number;
}

/** isomorphic-git's node client, recording each request's span (for "where the time goes"). */
function timedHttp(log: HttpRecord[]): HttpClient {
	return {
		async request(req) {
			const rec: HttpRecord = { method: req.method ?? 'GET', url: req.url, start: now(), end: NaN, bytes: 0 };
			log.push(rec);
			const res = await nodeHttp.request(req);
			const body = res.body;
			if (!body) {
				rec.end = now();
				return res;
			}
			res.body = (async function* () {
				for await (const chunk of body) {
					rec.bytes += chunk.length;
					yield chunk;
				}
				rec.end = now();
			})();
			return res;
		}
	};
}

/** Short name of a git request: `GET upload-pack refs`, `POST upload-pack`, … */
function reqName(r: HttpRecord): string {
	const service = /service=git-(upload|receive)-pack/.exec(r.url)?.[1] ?? /git-(upload|receive)-pack$/.exec(r.url)?.[1] ?? '?';
	return `${r.method === 'GET' ? 'refs' : 'POST'} ${service}-pack`;
}

/** Results of one repo, one row per case. */
interface Row {
	repo: string;
	kase: string;
	waymark: number[];
	native: number[];
	target?: number;
	label: string;
}

// ---------------------------------------------------------------- (a) time to first plan

/** Where a browser run's time went (ms from pressing Clone; the last three are consecutive spans). */
interface Phases {
	/** The clone as the worker timed it (CloneResult.timings.total, shown on the page). */
	worker: number;
	toFirstRequest: number;
	packDownloaded: number;
	clone: number;
	plans: number;
	editor: number;
	/** The app's User Timing marks (`waymark:<step>`, page and git worker), ms from pressing Clone. */
	marks: Record<string, number>;
}

/**
 * Waits until the freshly opened app is as it is when a person has typed a URL: the page loaded,
 * its service worker installed (precaching done) and the network quiet. The clock starts at Clone.
 */
async function settle(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker?.ready;
	});
	await page.waitForLoadState('networkidle');
}

/** In-page times (epoch ms) of a first-plan run, see {@link armFirstPlan}. */
interface FirstPlanTimes {
	clone: number;
	link: number;
	plans: number;
	text: number;
	/** The home screen's "Cloned N files … in T ms" line, as it showed with the repo's link. */
	status: string;
}

/**
 * Arms the page to play a person who acts the moment the screen lets them: pressing Clone is
 * timed; the repo's link is clicked as soon as it shows, then the plan's link in "Plans"; the
 * run ends at the first frame painted with the plan's text in the editor. Everything is seen and
 * done inside the page (a DOM observer), so the times hold no harness polling or action checks.
 */
async function armFirstPlan(page: Page, name: string, planPath: string, marker: string, thinkMs = 0): Promise<void> {
	// tsx names the functions below with a helper the page does not have.
	await page.evaluate('window.__name = window.__name || ((f) => f)');
	await page.evaluate(
		({ name, planPath, marker, thinkMs }) => {
			const w = window as unknown as { __wmFirstPlan: Promise<FirstPlanTimes> };
			w.__wmFirstPlan = new Promise((resolve) => {
				const t = { clone: 0, link: 0, plans: 0, text: 0, status: '' };
				let step = 0;
				/** Clicks `a` once the frame showing it has been painted (a person cannot act sooner). */
				const clickPainted = (a: HTMLAnchorElement) => requestAnimationFrame(() => setTimeout(() => a.click(), thinkMs));
				const find = (scope: string, text: string) =>
					[...document.querySelectorAll<HTMLAnchorElement>(`${scope} a`)].find((a) => a.textContent?.trim() === text && a.getClientRects().length > 0);
				/** The next step: when `scope` shows the link `text`, note when and click it. */
				const clickWhenShown = (scope: string, text: string, seen: 'link' | 'plans') => {
					const a = find(scope, text);
					if (!a) return;
					t[seen] = Date.now();
					step++;
					clickPainted(a);
				};
				const check = () => {
					if (step === 1 || (step === 2 && !t.status)) t.status = document.querySelector('p[role="status"].done')?.textContent?.trim() ?? '';
					if (step === 1) clickWhenShown('section[aria-label="Repositories"]', name, 'link');
					if (step === 2) clickWhenShown('ul[aria-label="Plans"]', planPath, 'plans');
					if (step === 3 && document.querySelector('.cm-content')?.textContent?.includes(marker)) {
						step = 4;
						observer.disconnect();
						// The frame with the text: its rendering steps run after this callback, the task after them.
						requestAnimationFrame(() =>
							setTimeout(() => {
								t.text = Date.now();
								resolve(t);
							}, 0)
						);
					}
				};
				const observer = new MutationObserver(check);
				observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
				document.addEventListener(
					'click',
					(e) => {
						if (step === 0 && (e.target as Element | null)?.closest('button')?.textContent?.trim() === 'Clone') {
							t.clone = Date.now();
							step = 1;
						}
					},
					{ capture: true }
				);
			});
		},
		{ name, planPath, marker, thinkMs }
	);
}

/** Browser: Clone → the plan's text on screen; also the clone's own timing, file count and marks. */
async function browserFirstPlan(
	browser: Browser,
	app: StaticServer,
	server: GitServer,
	name: string,
	repo: GeneratedRepo,
	holdDeepen = false,
	thinkMs = 0
): Promise<{ ms: number; files: number; status: string; deepenPackMs: number | null; phases: Phases }> {
	const context = await browser.newContext();
	const uploadPacks: number[] = [];
	let firstGit = NaN;
	context.on('request', (req) => {
		if (Number.isNaN(firstGit) && req.url().includes('/info/refs')) firstGit = Date.now();
	});
	context.on('requestfinished', (req) => {
		if (req.method() === 'POST' && req.url().endsWith('/git-upload-pack')) uploadPacks.push(Date.now());
	});
	try {
		const page = await context.newPage();
		page.setDefaultTimeout(180_000);
		await page.goto(app.url);
		await settle(page);
		await page.getByRole('textbox', { name: 'Repository URL' }).fill(server.repoUrl(name));
		await page.getByRole('textbox', { name: 'Branch' }).fill('main');
		// Diagnostic: hold the next pack request after the clone's own (the background deepen).
		if (holdDeepen) server.holdSecondUploadPack();
		await armFirstPlan(page, name, repo.planPath, repo.planMarker, thinkMs);
		await page.getByRole('button', { name: 'Clone' }).click();
		let timer: ReturnType<typeof setTimeout> | undefined;
		const t = await Promise.race([
			page.evaluate(() => (window as unknown as { __wmFirstPlan: Promise<FirstPlanTimes> }).__wmFirstPlan),
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => {
					void page
						.getByRole('alert')
						.allTextContents()
						.catch(() => [])
						.then((alerts) => reject(new Error(`no plan text within 180 s (alerts: ${alerts.join(' | ') || 'none'})`)));
				}, 180_000);
			})
		]).finally(() => clearTimeout(timer));
		if (holdDeepen) server.release();
		// The checks (outside the clock): the plan's text really is in the editor, the status line says what was cloned.
		await page.locator('.cm-content').filter({ hasText: repo.planMarker }).waitFor();
		const grab = () =>
			performance
				.getEntriesByType('mark')
				.filter((m) => m.name.startsWith('waymark:'))
				.map((m) => [m.name.slice('waymark:'.length), performance.timeOrigin + m.startTime] as [string, number]);
		const marks = [...(await page.evaluate(grab)), ...(await Promise.all(page.workers().map((w) => w.evaluate(grab).catch(() => [])))).flat()];
		const status = t.status;
		const files = Number(/Cloned (\d+) files/.exec(status)?.[1] ?? NaN);
		// The background deepen: wait for its pack to be downloaded (indexing it follows, unseen).
		let deepenPackMs: number | null = null;
		const until = now() + 180_000;
		while (uploadPacks.length < 2 && now() < until && uploadPacks.length > 0) await new Promise((r) => setTimeout(r, 50));
		if (uploadPacks.length >= 2) deepenPackMs = uploadPacks[1] - t.clone;
		const phases: Phases = {
			worker: Number(/ in (\d+) ms/.exec(status)?.[1] ?? NaN),
			toFirstRequest: firstGit - t.clone,
			packDownloaded: (uploadPacks[0] ?? NaN) - t.clone,
			clone: t.link - t.clone,
			plans: t.plans - t.link,
			editor: t.text - t.plans,
			marks: Object.fromEntries(marks.map(([k, at]) => [k, at - t.clone]))
		};
		return { ms: t.text - t.clone, files, status: status.trim(), deepenPackMs, phases };
	} finally {
		await context.close();
	}
}

/** Native: shallow single-branch clone, then read the plan. */
async function nativeFirstPlan(url: string, dir: string, repo: GeneratedRepo): Promise<number> {
	const t0 = now();
	await gitAsync(path.dirname(dir), 'clone', '-q', '--depth', '1', '--single-branch', '--branch', 'main', url, dir);
	const text = readFileSync(path.join(dir, repo.planPath), 'utf8');
	const elapsed = now() - t0;
	check(text.includes(repo.planMarker), 'native clone has the plan');
	return elapsed;
}

// ---------------------------------------------------------------- (b) full clone

interface NodeClone {
	ms: number;
	fetch: number;
	checkout: number;
	deepen: number;
	http: HttpRecord[];
}

/** isomorphic-git in Node, the worker's code: shallowClone then deepenHistory. */
async function nodeFullClone(url: string, dir: string, expectFiles: number, expectCommits: number): Promise<NodeClone> {
	const http: HttpRecord[] = [];
	const client = timedHttp(http);
	const t0 = now();
	const result = await shallowClone({ fs: nodeFs, http: client, dir, url, branch: 'main' });
	const t1 = now();
	const deep = await deepenHistory({ fs: nodeFs, http: client, dir, remote: { url, branch: 'main' } });
	const t2 = now();
	check(result.files === expectFiles, `Node clone lists ${result.files} files, git ls-tree -r ${expectFiles}`);
	check(!deep.shallow, 'deepen leaves a complete history');
	check(Number(nativeGit(dir, 'rev-list', '--count', 'HEAD')) === expectCommits, 'deepened clone holds every commit');
	return { ms: t2 - t0, fetch: result.timings.fetch, checkout: result.timings.checkout, deepen: t2 - t1, http };
}

/** Native full single-branch clone (with checkout). */
async function nativeFullClone(url: string, dir: string): Promise<number> {
	const t0 = now();
	await gitAsync(path.dirname(dir), 'clone', '-q', '--single-branch', '--branch', 'main', url, dir);
	return now() - t0;
}

// ---------------------------------------------------------------- (c) commit + push

interface CommitRun {
	waymark: number;
	native: number;
	commitMs: number;
	syncMs: number;
	http: HttpRecord[];
	syncStart: number;
	syncEnd: number;
	nativeCommit: number;
	nativePush: number;
}

/**
 * One one-line change (ticking `item`) committed and pushed by both sides from the same parent:
 * the remote branch is put back to that parent between them (native `update-ref`, untimed), and
 * ends at Waymark's commit. Checks both trees are equal and Waymark's commit is on the remote.
 */
async function commitPushOnce(bare: string, url: string, wmDir: string, natDir: string, planPath: string, item: string, nativeFirst: boolean): Promise<CommitRun> {
	const parent = nativeGit(bare, 'rev-parse', 'main');
	check(nativeGit(natDir, 'rev-parse', 'HEAD') === parent && (await git.resolveRef({ fs: nodeFs, dir: wmDir, ref: 'HEAD' })) === parent, 'both clones start at the remote head');
	const before = readFileSync(path.join(wmDir, planPath), 'utf8');
	const after = before.replace(`- [ ] ${item}`, `- [x] ${item}`);
	check(after !== before, `plan has open item "${item}"`);
	const message = `docs(plan): progress — tick “${item}”`;

	const native = async (): Promise<{ oid: string; commit: number; push: number }> => {
		writeFileSync(path.join(natDir, planPath), after);
		const t0 = now();
		await gitAsync(natDir, 'commit', '-q', '-am', message);
		const t1 = now();
		await gitAsync(natDir, 'push', '-q', 'origin', 'main');
		const t2 = now();
		return { oid: nativeGit(natDir, 'rev-parse', 'HEAD'), commit: t1 - t0, push: t2 - t1 };
	};
	const waymark = async (): Promise<{ oid: string; commitMs: number; syncMs: number; http: HttpRecord[]; syncStart: number; syncEnd: number }> => {
		writeFileSync(path.join(wmDir, planPath), after);
		const http: HttpRecord[] = [];
		const t0 = now();
		const oid = await commitWorkingFiles({ fs: nodeFs, dir: wmDir, paths: [planPath], message, author: AUTHOR });
		const t1 = now();
		const result = await syncRepo({ fs: nodeFs, http: timedHttp(http), dir: wmDir, remote: { url, branch: 'main' }, timeZone: 'UTC' }, { push: true });
		const t2 = now();
		check(result.pushed === 1 && result.status.ahead === 0 && !result.rebased, `Waymark pushed its one commit (pushed ${result.pushed}, ahead ${result.status.ahead})`);
		return { oid, commitMs: t1 - t0, syncMs: t2 - t1, http, syncStart: t1, syncEnd: t2 };
	};
	const reset = () => nativeGit(bare, 'update-ref', 'refs/heads/main', parent);

	let n: Awaited<ReturnType<typeof native>>;
	let w: Awaited<ReturnType<typeof waymark>>;
	if (nativeFirst) {
		n = await native();
		reset();
		w = await waymark();
	} else {
		w = await waymark();
		reset();
		n = await native();
		nativeGit(bare, 'update-ref', 'refs/heads/main', w.oid);
	}
	check(nativeGit(bare, 'rev-parse', 'main') === w.oid, "the remote branch holds Waymark's commit");
	check(nativeGit(bare, 'rev-parse', `${w.oid}^`) === parent && nativeGit(bare, 'rev-parse', `${n.oid}^`) === parent, 'both commits have the same parent');
	check(nativeGit(bare, 'rev-parse', `${w.oid}^{tree}`) === nativeGit(bare, 'rev-parse', `${n.oid}^{tree}`), `pushed tree equals native git's tree for the same change ("${item}")`);
	// Native clone follows the remote (untimed).
	await gitAsync(natDir, 'fetch', '-q', 'origin');
	await gitAsync(natDir, 'reset', '-q', '--hard', 'origin/main');
	return { waymark: w.commitMs + w.syncMs, native: n.commit + n.push, commitMs: w.commitMs, syncMs: w.syncMs, http: w.http, syncStart: w.syncStart, syncEnd: w.syncEnd, nativeCommit: n.commit, nativePush: n.push };
}

/** The steps of commitWorkingFiles timed one by one on a change that is not kept (a dry run). */
async function commitSteps(wmDir: string, planPath: string, item: string): Promise<{ read: number; commit: number }> {
	const target = path.join(wmDir, planPath);
	const original = readFileSync(target, 'utf8');
	writeFileSync(target, original.replace(`- [ ] ${item}`, `- [x] ${item}`));
	try {
		const head = await git.resolveRef({ fs: nodeFs, dir: wmDir, ref: 'HEAD' });
		const t0 = now();
		const texts = await readWorkingTexts(nodeFs, [planPath], wmDir);
		const t1 = now();
		await commitTexts({ fs: nodeFs, dir: wmDir, parent: head, files: texts, message: 'dry run', author: AUTHOR });
		const t2 = now();
		return { read: t1 - t0, commit: t2 - t1 };
	} finally {
		writeFileSync(target, original);
	}
}

/**
 * Commit + push of a one-line change typed into the plan editor of the built app (Commit dialog,
 * then Push, until the status says "Everything pushed"), against native git making the same
 * change from the same parent; the remote is put back to that parent in between (untimed).
 * The first round (after the background deepen) is a warm-up and not counted. Returns the
 * per-run times, or throws a plain Error when the screen lacks what it needs.
 */
async function browserCommitPush(browser: Browser, app: StaticServer, server: GitServer, name: string, repo: GeneratedRepo, work: string, items: string[]): Promise<{ waymark: number[]; native: number[]; commit: number[] }> {
	const natDir = path.join(work, `${name}-c-browser-native`);
	await gitAsync(work, 'clone', '-q', '--single-branch', '--branch', 'main', server.repoUrl(name), natDir);
	const context = await browser.newContext();
	let uploadPacks = 0;
	context.on('requestfinished', (req) => {
		if (req.method() === 'POST' && req.url().endsWith('/git-upload-pack')) uploadPacks++;
	});
	const out = { waymark: [] as number[], native: [] as number[], commit: [] as number[] };
	try {
		const page = await context.newPage();
		page.setDefaultTimeout(60_000);
		await page.goto(app.url);
		await page.getByRole('textbox', { name: 'Repository URL' }).fill(server.repoUrl(name));
		await page.getByRole('textbox', { name: 'Branch' }).fill('main');
		await page.getByRole('button', { name: 'Clone' }).click();
		await page.getByRole('link', { name, exact: true }).click();
		await page.getByRole('list', { name: 'Plans', exact: true }).getByRole('link', { name: repo.planPath, exact: true }).click();
		await page.locator('.cm-content').filter({ hasText: repo.planMarker }).waitFor();
		const status = page.getByRole('status').filter({ hasText: /pushed|to push|Checking/ });
		await status.filter({ hasText: /^Everything pushed/ }).waitFor();
		// Let the background deepen download its pack; the first (unmeasured) round covers its indexing.
		const until = now() + 120_000;
		while (uploadPacks < 2 && now() < until) await new Promise((r) => setTimeout(r, 50));
		for (const [round, item] of items.entries()) {
			const measured = round > 0;
			const parent = nativeGit(repo.bare, 'rev-parse', 'main');
			// Native first: the same one-line change, committed and pushed.
			const natFile = path.join(natDir, repo.planPath);
			writeFileSync(natFile, readFileSync(natFile, 'utf8').replace(`- [ ] ${item}`, `- [x] ${item}`));
			const n0 = now();
			await gitAsync(natDir, 'commit', '-q', '-am', `tick ${item}`);
			await gitAsync(natDir, 'push', '-q', 'origin', 'main');
			if (measured) out.native.push(now() - n0);
			const nativeOid = nativeGit(natDir, 'rev-parse', 'HEAD');
			nativeGit(repo.bare, 'update-ref', 'refs/heads/main', parent);
			// Waymark: type the change ("[ ]" → "[x]"), open the Commit dialog, then time Commit → Push → pushed.
			await page.locator('.cm-content .cm-line', { hasText: item }).first().click();
			await page.keyboard.press('Home');
			for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowRight');
			await page.keyboard.press('Shift+ArrowRight');
			await page.keyboard.type('x');
			await page.getByText('Changed since last commit').waitFor();
			await page.getByRole('button', { name: 'Commit', exact: true }).click();
			const dialog = page.getByRole('dialog', { name: 'Commit' });
			await dialog.getByRole('textbox', { name: 'Author name' }).fill(AUTHOR.name);
			await dialog.getByRole('textbox', { name: 'Author email' }).fill(AUTHOR.email);
			const w0 = now();
			await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
			await status.filter({ hasText: /^1 commit to push/ }).waitFor();
			const w1 = now();
			await page.getByRole('button', { name: 'Push', exact: true }).click();
			await status.filter({ hasText: /^Everything pushed/ }).waitFor();
			if (measured) {
				out.waymark.push(now() - w0);
				out.commit.push(w1 - w0);
			}
			const pushed = nativeGit(repo.bare, 'rev-parse', 'main');
			check(pushed !== parent && nativeGit(repo.bare, 'rev-parse', `${pushed}^`) === parent, 'browser pushed one commit on the parent');
			check(nativeGit(repo.bare, 'rev-parse', `${pushed}^{tree}`) === nativeGit(repo.bare, 'rev-parse', `${nativeOid}^{tree}`), `browser's pushed tree equals native git's for the same change ("${item}")`);
			await gitAsync(natDir, 'fetch', '-q', 'origin');
			await gitAsync(natDir, 'reset', '-q', '--hard', 'origin/main');
		}
		return out;
	} finally {
		await context.close();
		rmSync(natDir, { recursive: true, force: true });
	}
}

/** "where the time goes" of one Waymark commit + push, from the request spans. */
function syncBreakdown(run: CommitRun): string {
	const parts: string[] = [`commit (read, blob, trees, commit, outbox) ${ms(run.commitMs)}`];
	let at = run.syncStart;
	for (const r of run.http) {
		if (r.start - at >= 1) parts.push(`local ${ms(r.start - at)}`);
		parts.push(`${reqName(r)} ${ms(r.end - r.start)}${r.bytes > 10_000 ? ` (${(r.bytes / 1024).toFixed(0)} KB)` : ''}`);
		at = r.end;
	}
	parts.push(`local ${ms(run.syncEnd - at)}`);
	return parts.join(' → ');
}

// ---------------------------------------------------------------- main

/** Runs (a), (b) and (c) on one generated repo. */
async function benchRepo(browser: Browser, app: StaticServer, server: GitServer, work: string, name: string, spec: RepoSpec, targeted: boolean): Promise<{ rows: Row[]; notes: string[] }> {
	const g0 = now();
	const repo = generateRepo(server.root, name, spec);
	const url = server.repoUrl(name);
	const lsTree = nativeGit(repo.bare, 'ls-tree', '-r', '--name-only', 'main').split('\n').length;
	const commits = Number(nativeGit(repo.bare, 'rev-list', '--count', 'main'));
	check(lsTree === spec.files && commits === spec.commits, `generated ${lsTree} files / ${commits} commits`);
	const notes: string[] = [`${name}: ${lsTree} files, ${commits} commits, pack ${nativeGit(repo.bare, 'count-objects', '-vH').match(/size-pack: (.*)/)?.[1]} (generated in ${ms(now() - g0)} ms)`];
	const dir = (label: string, i: number) => path.join(work, `${name}-${label}-${i}`);

	// (a)
	const aW: number[] = [];
	const aN: number[] = [];
	const deepenSeen: number[] = [];
	let status = '';
	const phases: Phases[] = [];
	for (let i = 0; i < RUNS; i++) {
		const nativeFirst = i % 2 === 0;
		if (nativeFirst) aN.push(await nativeFirstPlan(url, dir('a-native', i), repo));
		const b = await browserFirstPlan(browser, app, server, name, repo);
		check(b.files === lsTree, `browser clone lists ${b.files} files, git ls-tree -r ${lsTree}`);
		aW.push(b.ms);
		phases.push(b.phases);
		status = b.status;
		if (b.deepenPackMs !== null) deepenSeen.push(b.deepenPackMs);
		if (!nativeFirst) aN.push(await nativeFirstPlan(url, dir('a-native', i), repo));
		rmSync(dir('a-native', i), { recursive: true, force: true });
	}
	const thinking = await browserFirstPlan(browser, app, server, name, repo, false, 250);
	check(thinking.files === lsTree, 'browser clone (with thinking time) lists every file');
	const held = await browserFirstPlan(browser, app, server, name, repo, true);
	check(held.files === lsTree, 'browser clone (deepen held) lists every file');
	const pm = (k: Exclude<keyof Phases, 'marks'>) => ms(median(phases.map((p) => p[k])));
	const markNames = [...new Set(phases.flatMap((p) => Object.keys(p.marks)))].sort((a, b) => median(phases.map((p) => p.marks[a] ?? NaN)) - median(phases.map((p) => p.marks[b] ?? NaN)));
	const markLine = markNames.map((k) => `${k} ${ms(median(phases.map((p) => p.marks[k]).filter((v) => v !== undefined)))}`).join(', ');
	notes.push(`  (a) browser, medians: Clone → repo listed ${pm('clone')} (of which the worker's clone ${pm('worker')}; ${status.replace(/^Cloned /, '').replace(/ in \d+ ms\.?$/, '')}) → "Plans" lists the plan ${pm('plans')} → plan text in editor ${pm('editor')}`);
	notes.push(`  (a) browser, clone phase: first git request ${pm('toFirstRequest')} after the click (worker start, storage), shallow pack downloaded at ${pm('packDownloaded')}, repo listed at ${pm('clone')}`);
	notes.push(`  (a) browser, the app's marks (median ms after Clone): ${markLine}`);
	notes.push(
		`  (a) diagnostic, one run with 250 ms of thinking before each of the two clicks: first plan ${ms(thinking.ms)} (${ms(thinking.ms - 500)} without the thinking; the home overview and the repo screen's reading then run before the clicks)`
	);
	notes.push(
		`  (a) diagnostic, one run with the background deepen held back at the server: first plan ${ms(held.ms)} (clone ${ms(held.phases.clone)}, Plans ${ms(held.phases.plans)}, editor ${ms(held.phases.editor)})`
	);

	if (ONLY_A) return { rows: [{ repo: name, kase: '(a) first plan', label: 'browser (built app, Chromium)', waymark: aW, native: aN, target: targeted ? TARGETS.a : undefined }], notes };

	// (b)
	const bW: number[] = [];
	const bN: number[] = [];
	const clones: NodeClone[] = [];
	for (let i = 0; i < RUNS; i++) {
		const last = i === RUNS - 1;
		if (i % 2 === 0) bN.push(await nativeFullClone(url, dir('b-native', i)));
		const c = await nodeFullClone(url, dir('b-node', i), lsTree, commits);
		clones.push(c);
		bW.push(c.ms);
		if (i % 2 === 1) bN.push(await nativeFullClone(url, dir('b-native', i)));
		if (!last) {
			rmSync(dir('b-native', i), { recursive: true, force: true });
			rmSync(dir('b-node', i), { recursive: true, force: true });
		}
	}
	const mid = clones[clones.indexOf([...clones].sort((x, y) => x.ms - y.ms)[Math.floor(clones.length / 2)])];
	notes.push(
		`  (b) Node, median run: shallow fetch ${ms(mid.fetch)} + Markdown checkout ${ms(mid.checkout)} + deepen ${ms(mid.deepen)}; requests: ` +
			mid.http.map((r) => `${reqName(r)} ${ms(r.end - r.start)}${r.bytes > 10_000 ? ` (${(r.bytes / 1024).toFixed(0)} KB)` : ''}`).join(', ') +
			` — a pack is indexed while it downloads, so the POST spans include indexing; the rest is local work (refs, trees, writing files)`
	);
	notes.push(
		deepenSeen.length
			? `  (b) browser (lower bound): Clone → background deepen's pack downloaded ${ms(median(deepenSeen))} ms (median of ${deepenSeen.length}; indexing it afterwards not visible)`
			: '  (b) browser: the deepen request was not observed (the page gives no "history complete" signal)'
	);

	// (c) on the last (b) clones: both deep, both at the remote head.
	const wmDir = dir('b-node', RUNS - 1);
	const natDir = dir('b-native', RUNS - 1);
	const cRuns: CommitRun[] = [];
	for (let i = 0; i < RUNS; i++) cRuns.push(await commitPushOnce(repo.bare, url, wmDir, natDir, repo.planPath, repo.openItems[i], i % 2 === 0));
	const steps = await commitSteps(wmDir, repo.planPath, repo.openItems[RUNS]);
	nativeGit(repo.bare, 'fsck', '--strict', '--no-dangling', '--no-progress');
	const cMid = [...cRuns].sort((x, y) => x.waymark - y.waymark)[Math.floor(cRuns.length / 2)];
	notes.push(`  (c) Waymark, median run: ${syncBreakdown(cMid)}`);
	notes.push(`  (c) commit steps (dry run): read working file ${steps.read.toFixed(1)}, blob + trees + commit object ${steps.commit.toFixed(1)}`);
	notes.push(`  (c) native, median: commit ${ms(median(cRuns.map((r) => r.nativeCommit)))}, push ${ms(median(cRuns.map((r) => r.nativePush)))}`);
	rmSync(wmDir, { recursive: true, force: true });
	rmSync(natDir, { recursive: true, force: true });

	// (c) in the browser, when the plan screen's Commit / Push work.
	let browserC: Row | null = null;
	try {
		const bc = await browserCommitPush(browser, app, server, name, repo, work, repo.openItems.slice(RUNS + 1, 2 * RUNS + 2));
		browserC = { repo: name, kase: '(c) commit+push', label: 'browser (Commit dialog → Push → "Everything pushed")', waymark: bc.waymark, native: bc.native, target: targeted ? TARGETS.c : undefined };
		notes.push(`  (c) browser, median: Commit click → "1 commit to push" ${ms(median(bc.commit))}, then Push → "Everything pushed" ${ms(median(bc.waymark) - median(bc.commit))}`);
	} catch (err) {
		if ((err as Error).message.startsWith('check failed')) throw err;
		notes.push(`  (c) browser: not measured (${(err as Error).message.split('\n')[0]})`);
	}
	nativeGit(repo.bare, 'fsck', '--strict', '--no-dangling', '--no-progress');

	const t = (k: keyof typeof TARGETS) => (targeted ? TARGETS[k] : undefined);
	return {
		rows: [
			{ repo: name, kase: '(a) first plan', label: 'browser (built app, Chromium)', waymark: aW, native: aN, target: t('a') },
			{ repo: name, kase: '(b) full clone', label: 'isomorphic-git in Node (same code as the worker)', waymark: bW, native: bN, target: t('b') },
			{ repo: name, kase: '(c) commit+push', label: 'isomorphic-git in Node (same code as the worker)', waymark: cRuns.map((r) => r.waymark), native: cRuns.map((r) => r.native), target: t('c') },
			...(browserC ? [browserC] : [])
		],
		notes
	};
}

/** Prints the table of medians and ratios. */
function printTable(rows: Row[]): void {
	const head = ['repo', 'case', 'Waymark ms', 'native ms', 'ratio', 'target', 'met', 'Waymark side'];
	const body = rows.map((r) => {
		const ratio = median(r.waymark) / median(r.native);
		return [r.repo, r.kase, ms(median(r.waymark)), ms(median(r.native)), `${ratio.toFixed(2)}×`, r.target ? `≤ ${r.target}×` : '—', r.target ? (ratio <= r.target ? 'yes' : 'NO') : '', r.label];
	});
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
	console.log(line(head));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const b of body) console.log(line(b));
	console.log(`(medians of ${RUNS} runs per side; runs: ${rows.map((r) => `${r.repo} ${r.kase.slice(0, 3)} W[${r.waymark.map(ms).join(',')}] N[${r.native.map(ms).join(',')}]`).join('; ')})`);
}

async function main(): Promise<void> {
	if (!existsSync(path.join(buildDir, 'index.html'))) {
		throw new Error(`No built app in ${buildDir}: run \`npx vite build\` first (bench:git measures the built app and builds nothing itself).`);
	}
	const work = mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-git-'));
	const serverRoot = path.join(work, 'server');
	mkdirSync(serverRoot);
	let server: GitServer | null = null;
	let app: StaticServer | null = null;
	let browser: Browser | null = null;
	try {
		server = await startGitServerProcess(serverRoot);
		app = await startStaticServer({ dir: buildDir });
		browser = await chromium.launch({
			executablePath: process.env.WAYMARK_CHROMIUM ?? '/usr/bin/chromium',
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
		});
		console.log(`bench:git — ${RUNS} runs per side, git server ${server.url}, app ${app.url}`);
		const rows: Row[] = [];
		const notes: string[] = [];
		for (const r of REPOS) {
			const out = await benchRepo(browser, app, server, work, r.name, r.spec, r.targeted);
			rows.push(...out.rows);
			notes.push(...out.notes);
		}
		console.log('');
		printTable(rows);
		console.log('\nwhere the time goes (ms):');
		for (const n of notes) console.log(n);
		console.log('checks passed: browser/Node clones list every file of git ls-tree -r; deepened clones hold every commit; each pushed tree equals native git\'s for the same change; git fsck --strict clean.');
		const missed = rows.filter((r) => r.target && median(r.waymark) / median(r.native) > r.target);
		if (missed.length) console.log(`over target: ${missed.map((r) => `${r.repo} ${r.kase}`).join(', ')}`);
	} finally {
		await browser?.close();
		await app?.stop();
		await server?.stop();
		rmSync(work, { recursive: true, force: true });
	}
}

await main();
