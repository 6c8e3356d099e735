/**
 * `npm run bench:editor`: what one keystroke costs in the plan editor.
 * (i) Node: model update per single-character insert at a random position, full `parsePlan`
 *     against the incremental parser (plus lint and next action, as PlanSession derives them),
 *     and per letter typed at the end of the first checkbox item (the commonest keystroke, which
 *     the parser reads without remark), on a generated 2,000-line plan and on the 19,969-line
 *     corpus file; p50/p95.
 * (ii) Headless Chromium on the built app (`build/`, or `$WAYMARK_BUILD_DIR`; run `npx vite build` first): a real git
 *     server holds both plans, the UI clones the repo and opens each plan; for each typed
 *     character, keydown (the event's time stamp, so time spent waiting behind other work
 *     counts) → first mutation of the "Progress" region that
 *     shows the typed text (MutationObserver); p50/p95. Target: p95 ≤ 16 ms on 2,000 lines.
 * `--against DIR` (another build, e.g. of the last release) runs that build too, in its own
 *     Chromium, the two typing in turn key by key, and prints the ratio of their p50, p95 and CPU.
 * Each browser run also prints the host's load while it typed (busy and hypervisor-stolen CPU):
 *     absolute latencies on a shared 2-core host move with it.
 * Flags: `--node-only`, `--browser-only`, `--samples N` (browser samples per plan, default 60),
 * `--only 2000|giant` (one of the two plans), `--profile` (a CDP CPU profile of the typing; prints the functions with the most self time, and
 * `--profile-out FILE` also writes it as a .cpuprofile for DevTools —
 * build with `--minify false` for readable names).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { createIncrementalParser } from '../src/lib/plan/incremental';
import { lintPlan } from '../src/lib/plan/lint';
import { nextAction } from '../src/lib/plan/next-action';
import { parsePlan } from '../src/lib/plan/parse';
import { startGitServer } from '../tests/support/git-server';
import { createBareRepo } from '../tests/support/repos';
import { startStaticServer } from '../tests/support/static-server';
import { generatePlan } from './generate-plan';
import { cpuTicks, describeLoad } from './host-load';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GIANT_FILE = 'llmspell-phase13-done-giant.md';
const giant = readFileSync(path.resolve(root, '../shared/corpus', GIANT_FILE), 'utf8');
const plan2000 = generatePlan(2000);
const arg = (name: string): boolean => process.argv.includes(name);
const samplesArg = process.argv.indexOf('--samples');
const BROWSER_SAMPLES = samplesArg >= 0 ? Math.max(50, Number(process.argv[samplesArg + 1]) || 60) : 60;

/** Deterministic random numbers (mulberry32), so runs insert at the same places. */
function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function quantile(xs: readonly number[], q: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

const fmt = (xs: readonly number[]): string => `p50 ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms (n=${xs.length})`;

/** Times `update(text)` after each of `n` one-character inserts at random positions (edits accumulate, like typing). */
function keystrokes(text: string, n: number, seed: number, update: (t: string) => unknown): number[] {
	const random = rng(seed);
	let current = text;
	update(current);
	const out: number[] = [];
	for (let i = 0; i < n; i++) {
		const at = Math.floor(random() * (current.length + 1));
		current = current.slice(0, at) + 'x' + current.slice(at);
		const t0 = performance.now();
		update(current);
		out.push(performance.now() - t0);
	}
	return out;
}

/**
 * Times `update(text)` for `n` letters typed one after another at the end of the text's first
 * checkbox item, as a person adds to a progress entry (the typed word's first letter follows the
 * item's last character).
 */
function typeWord(text: string, n: number, update: (t: string) => unknown): number[] {
	const m = /^[ \t]*[-*] \[[ xX]\] .+?(?=\r?$)/m.exec(text);
	if (!m) throw new Error('no checkbox item');
	let at = m.index + m[0].length;
	let current = text;
	update(current);
	const out: number[] = [];
	const letters = 'benchmarkkeystrokes';
	for (let i = 0; i < n; i++) {
		current = current.slice(0, at) + letters[i % letters.length] + current.slice(at);
		at++;
		const t0 = performance.now();
		update(current);
		out.push(performance.now() - t0);
	}
	return out;
}

function nodeBench(label: string, text: string, fullSamples: number, incSamples: number): void {
	const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
	console.log(`\n${label} (${lines} lines, ${(text.length / 1024).toFixed(0)} KB)`);
	const full = keystrokes(text, fullSamples, 1, (t) => parsePlan(t));
	console.log(`  full parsePlan per keystroke:        ${fmt(full)}`);
	const parser = createIncrementalParser();
	const inc = keystrokes(text, incSamples, 1, (t) => parser.parse(t));
	console.log(`  incremental parse per keystroke:     ${fmt(inc)}`);
	const typing = createIncrementalParser();
	const word = typeWord(text, incSamples, (t) => typing.parse(t));
	console.log(`  incremental, typing at a line end:   ${fmt(word)}; ${typing.typedParses} of ${word.length} keys read without remark`);
	const session = createIncrementalParser();
	const derived = keystrokes(text, incSamples, 2, (t) => {
		const doc = session.parse(t);
		lintPlan(doc, { previousText: text }, t);
		return nextAction(doc);
	});
	console.log(`  incremental + lint + next action:    ${fmt(derived)}`);
}

/** In the page: a keydown (capture) → first "Progress" mutation showing `window.__benchExpect` recorder. */
function installProbe(page: Page): Promise<void> {
	return page.evaluate(() => {
		const w = window as unknown as { __benchT0: number | null; __benchExpect: string; __benchSamples: number[] };
		w.__benchT0 = null;
		w.__benchExpect = '';
		w.__benchSamples = [];
		const region = document.querySelector('section[aria-label="Progress"]');
		if (!region) throw new Error('no Progress region');
		// The event's own time stamp: a keystroke that waits behind other work (an idle task
		// still running) counts that wait, as the person typing feels it.
		window.addEventListener('keydown', (e) => (w.__benchT0 = Math.min(e.timeStamp, performance.now())), { capture: true });
		new MutationObserver(() => {
			if (w.__benchT0 === null) return;
			if (!(region.textContent ?? '').includes(w.__benchExpect)) return;
			w.__benchSamples.push(performance.now() - w.__benchT0);
			w.__benchT0 = null;
		}).observe(region, { subtree: true, childList: true, characterData: true, attributes: true });
	});
}

/** Main-thread CPU time of the page so far (CDP `Performance.getMetrics` ThreadTime), in ms. */
async function threadTime(cdp: CDPSession): Promise<number> {
	const { metrics } = await cdp.send('Performance.getMetrics');
	return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0) * 1000;
}

/** One page typing into one plan: a key at a time, keydown → panel latency per key. */
interface Typing {
	/** Types the `i`-th key and waits until the panel shows it. */
	press(i: number): Promise<void>;
	/** Latencies after the warm-up keys, and main-thread CPU per measured key. */
	finish(): Promise<{ latencies: number[]; cpuPerKey: number }>;
}

/** What is typed: letters (after a first capital pair), as long as the longest run needs. */
const TOKEN = 'QJ' + 'benchmarkkeystrokesfortheprogresspanel'.repeat(Math.ceil((BROWSER_SAMPLES + 3) / 38));
const WARMUP = 3;

/**
 * Puts the cursor at the end of the editor line holding `lineText` and installs the probe; the
 * keys then come from `press`. CPU time is the page's main-thread time (everything a keystroke
 * causes, idle-time work included — less sensitive to other load on the machine than latencies).
 */
async function startTyping(page: Page, lineText: string, samples: number): Promise<Typing> {
	const line = page.locator('.cm-content .cm-line', { hasText: lineText }).first();
	// CodeMirror renders only the lines near the viewport: scroll down until the line exists.
	for (let i = 0; i < 200 && (await line.count()) === 0; i++) {
		await page.evaluate(() => document.querySelector('.cm-scroller')?.scrollBy(0, 300));
		await page.waitForTimeout(30);
	}
	await line.click();
	await page.keyboard.press('End');
	await installProbe(page);
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Performance.enable');
	let cpu0 = 0;
	return {
		async press(i: number): Promise<void> {
			if (i === WARMUP) cpu0 = await threadTime(cdp);
			const typed = TOKEN.slice(0, i + 1);
			await page.evaluate((t) => ((window as unknown as { __benchExpect: string }).__benchExpect = t), typed);
			const before = await page.evaluate(() => (window as unknown as { __benchSamples: number[] }).__benchSamples.length);
			await page.keyboard.press(TOKEN[i]);
			await page.waitForFunction((n) => (window as unknown as { __benchSamples: number[] }).__benchSamples.length > n, before, { timeout: 30_000 });
			await page.waitForTimeout(40);
		},
		async finish() {
			await page.waitForTimeout(1000); // let idle-time work of the last key finish
			const cpuPerKey = ((await threadTime(cdp)) - cpu0) / samples;
			await cdp.detach();
			const all = await page.evaluate(() => (window as unknown as { __benchSamples: number[] }).__benchSamples);
			return { latencies: all.slice(WARMUP), cpuPerKey };
		}
	};
}

/** A built app in its own headless Chromium, cloned from the bench repo and on the home screen. */
interface Subject {
	label: string;
	page: Page;
	close(): Promise<void>;
}

async function openSubject(label: string, buildDir: string, repoUrl: string): Promise<Subject> {
	if (!existsSync(path.join(buildDir, 'index.html'))) throw new Error(`No ${buildDir}: run \`npx vite build\` first (WAYMARK_BUILD_DIR picks the folder).`);
	const app = await startStaticServer({ dir: buildDir });
	const browser = await chromium.launch({
		executablePath: process.env.WAYMARK_CHROMIUM ?? '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
	const close = async (): Promise<void> => {
		await browser.close();
		await app.stop();
	};
	try {
		const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
		page.setDefaultTimeout(120_000);
		await page.goto(app.url);
		await page.getByRole('textbox', { name: 'Repository URL' }).fill(repoUrl);
		await page.getByRole('textbox', { name: 'Branch' }).fill('main');
		await page.getByRole('button', { name: 'Clone' }).click();
		await page.getByRole('link', { name: 'bench', exact: true }).first().waitFor();
		return { label, page, close };
	} catch (error) {
		// Not yet in the caller's list: close its browser and server here, or Node never exits.
		await close();
		throw error;
	}
}

/**
 * Opens `file` of the bench repo from the home screen, as a person goes from one plan to the next;
 * returns ms from the click on its link (as soon as the "Plans" list shows, while the list's
 * summaries are still being read) to its first Progress checkbox.
 */
async function openPlanOf(subject: Subject, file: string): Promise<number> {
	const page = subject.page;
	if (new URL(page.url()).pathname !== '/') await page.goto(new URL('/', page.url()).href);
	await page.getByRole('link', { name: 'bench', exact: true }).first().click();
	await page.getByRole('list', { name: 'Plans' }).waitFor();
	const t0 = performance.now();
	await page.getByRole('link', { name: file, exact: true }).first().click();
	await page.getByRole('textbox', { name: 'Plan text' }).waitFor();
	await page.locator('section[aria-label="Progress"] input[type="checkbox"]').first().waitFor();
	return performance.now() - t0;
}

function report(label: string, file: string, samples: number[], cpuPerKey: number): void {
	const p95 = quantile(samples, 0.95);
	const target = file.includes('2000') ? ` — target p95 ≤ 16 ms: ${p95 <= 16 ? 'met' : 'NOT met'}` : '';
	const over = samples.filter((ms) => ms > 16).length;
	console.log(`  Chromium keydown → Progress panel updated, ${label}: ${fmt(samples)}${target}; ${over} of ${samples.length} over 16 ms`);
	console.log(`    main-thread CPU per keystroke (all work it causes, idle included, less load-sensitive): ${cpuPerKey.toFixed(1)} ms`);
}

async function browserBench(): Promise<void> {
	const buildDir = path.resolve(root, process.env.WAYMARK_BUILD_DIR ?? 'build');
	const againstArg = process.argv.indexOf('--against');
	const againstDir = againstArg >= 0 ? path.resolve(root, process.argv[againstArg + 1] ?? '') : null;
	const gitRoot = mkdtempSync(path.join(os.tmpdir(), 'waymark-bench-git-'));
	const git = await startGitServer({ root: gitRoot });
	const subjects: Subject[] = [];
	try {
		const files = { 'docs/plans/bench-2000.md': plan2000, [`docs/plans/${GIANT_FILE}`]: giant };
		createBareRepo(gitRoot, 'bench', { files });
		subjects.push(await openSubject(path.basename(buildDir), buildDir, git.repoUrl('bench')));
		if (againstDir) subjects.push(await openSubject(`${path.basename(againstDir)} (--against)`, againstDir, git.repoUrl('bench')));
		const runs: { file: string; line: string; label: string }[] = [
			{ file: 'docs/plans/bench-2000.md', line: 'Progress entry 39 ', label: 'generated 2,000-line plan' },
			{ file: `docs/plans/${GIANT_FILE}`, line: firstCheckboxLine(giant), label: `${GIANT_FILE} (19,969 lines)` }
		];
		const only = process.argv.indexOf('--only');
		for (const run of runs) {
			if (only >= 0 && !run.file.includes(process.argv[only + 1])) continue;
			for (const subject of subjects) {
				const ms = await openPlanOf(subject, run.file);
				console.log(`  open from the Plans list, ${run.label}, ${subject.label}: ${ms.toFixed(0)} ms (click → first Progress checkbox)`);
			}
			const cdp = arg('--profile') ? await startProfile(subjects[0].page) : null;
			const typings: Typing[] = [];
			for (const subject of subjects) typings.push(await startTyping(subject.page, run.line, BROWSER_SAMPLES));
			// With --against, the two builds take turns key by key, so a slow spell of the machine
			// falls on both alike and their ratio is fair.
			const load0 = cpuTicks();
			for (let i = 0; i < BROWSER_SAMPLES + WARMUP; i++) for (const typing of typings) await typing.press(i);
			const load = describeLoad(load0, cpuTicks());
			const results = [];
			for (const typing of typings) results.push(await typing.finish());
			if (cdp) await printProfile(cdp);
			results.forEach((r, k) => report(subjects.length > 1 ? `${run.label}, ${subjects[k].label}` : run.label, run.file, r.latencies, r.cpuPerKey));
			console.log(`    ${load}`);
			if (results.length === 2) {
				const [mine, theirs] = results;
				const ratio = (q: number): string => (quantile(mine.latencies, q) / quantile(theirs.latencies, q)).toFixed(2);
				console.log(`    ${subjects[0].label} ÷ ${subjects[1].label}, measured side by side: p50 ×${ratio(0.5)}, p95 ×${ratio(0.95)}, CPU per key ×${(mine.cpuPerKey / theirs.cpuPerKey).toFixed(2)}`);
			}
		}
	} finally {
		for (const subject of subjects) await subject.close();
		await git.stop();
		rmSync(gitRoot, { recursive: true, force: true });
	}
}

/** Starts a sampling CPU profile of the page (0.1 ms interval). */
async function startProfile(page: Page): Promise<CDPSession> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
	await cdp.send('Profiler.start');
	return cdp;
}

/** Stops the profile and prints the functions with the most self and the most total time (idle, program and GC apart). */
async function printProfile(cdp: CDPSession): Promise<void> {
	const { profile } = await cdp.send('Profiler.stop');
	await cdp.detach();
	const out = process.argv.indexOf('--profile-out');
	if (out >= 0) writeFileSync(process.argv[out + 1], JSON.stringify(profile));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const keyOf = (id: number): string => {
		const f = byId.get(id)?.callFrame;
		return f ? `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}` : '?';
	};
	const self = new Map<string, number>();
	const inclusive = new Map<string, number>();
	const dt = profile.timeDeltas ?? [];
	let busy = 0;
	(profile.samples ?? []).forEach((id, i) => {
		const ms = (dt[i + 1] ?? 0) / 1000;
		const k = keyOf(id);
		self.set(k, (self.get(k) ?? 0) + ms);
		if (/^\((idle|program|garbage collector)\)/.test(k)) return;
		busy += ms;
		const seen = new Set<string>();
		for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) seen.add(keyOf(n));
		for (const s of seen) inclusive.set(s, (inclusive.get(s) ?? 0) + ms);
	});
	const top = (m: Map<string, number>, n: number): string[] =>
		[...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `      ${ms.toFixed(1).padStart(8)} ms  ${k}`);
	console.log(`    CPU profile: ${busy.toFixed(0)} ms in JavaScript; idle ${(self.get('(idle) :0') ?? 0).toFixed(0)} ms, program ${(self.get('(program) :0') ?? 0).toFixed(0)} ms, GC ${(self.get('(garbage collector) :0') ?? 0).toFixed(0)} ms`);
	console.log('    most self time:');
	console.log(top(self, 25).join('\n'));
	console.log('    most total time:');
	console.log(top(inclusive, 60).join('\n'));
}

/** The visible text of the first checkbox item of a plan (the top of its windowed Progress list). */
function firstCheckboxLine(text: string): string {
	const m = /^[ \t]*[-*] \[[ xX]\] (.+)$/m.exec(text);
	if (!m) throw new Error('no checkbox item');
	return m[1].replace(/\r$/, '').slice(0, 40);
}

async function main(): Promise<void> {
	if (!arg('--browser-only')) {
		console.log('Node: model update per single-character insert at a random position');
		nodeBench('generated 2,000-line plan', plan2000, 20, 200);
		nodeBench(`${GIANT_FILE}`, giant, 3, 60);
	}
	if (!arg('--node-only')) {
		console.log(`\nChromium (headless, ${BROWSER_SAMPLES} samples per plan after 3 warm-up keys)`);
		await browserBench();
	}
}

main().catch((e: unknown) => {
	console.error(e);
	process.exitCode = 1;
});
