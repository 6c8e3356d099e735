/**
 * `npm run bench:app`: the first screen's weight and the offline cold start, on the built app in
 * headless Chromium (Debian's), in one run.
 *   - First screen JS: every script the empty workspace's page loads (fresh profile, no service
 *     worker), gzip-compressed here from the files on disk — target ≤ 150 KB gzip; apart from it
 *     the git worker the page starts (its own thread), the whole build's JS and the editor chunk
 *     (loaded on demand).
 *   - Cold start to interactive: a new tab on the app until the "Repository URL" box takes typing,
 *     online (server up, HTTP cache cold) and offline (after one visit, server stopped, from the
 *     service worker), medians of `--runs N` (default 5) — target offline ≤ 1 s.
 * Needs the built app: run `npx vite build` first (WAYMARK_BUILD_DIR picks another build).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { startStaticServer } from '../tests/support/static-server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.resolve(root, process.env.WAYMARK_BUILD_DIR ?? 'build');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 5) : 5;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function allFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = path.join(dir, name);
		return statSync(p).isDirectory() ? allFiles(p) : [p];
	});
}

function check(ok: boolean, what: string): void {
	if (!ok) throw new Error(`bench:app check failed: ${what}`);
}

/** Milliseconds from opening a new tab on `url` until the Repository URL box takes typing. */
async function coldStart(context: BrowserContext, url: string): Promise<{ ms: number; fromSw: boolean }> {
	const page = await context.newPage();
	const t0 = Date.now();
	const response = await page.goto(url);
	const box = page.getByRole('textbox', { name: 'Repository URL' });
	await box.fill('https://example.invalid/x.git');
	const ms = Date.now() - t0;
	check((await box.inputValue()) === 'https://example.invalid/x.git', 'the Repository URL box took the typing');
	const fromSw = response?.fromServiceWorker() ?? false;
	await page.close();
	return { ms, fromSw };
}

async function main(): Promise<void> {
	if (!existsSync(path.join(buildDir, 'index.html'))) throw new Error(`No built app in ${buildDir}: run \`npx vite build\` first.`);
	const server = await startStaticServer({ dir: buildDir });
	const browser = await chromium.launch({ executablePath: process.env.WAYMARK_CHROMIUM ?? '/usr/bin/chromium', args: ARGS });
	let stopped = false;
	try {
		// ---- first screen JS
		const context = await browser.newContext({ serviceWorkers: 'block' });
		const page = await context.newPage();
		const scripts = new Set<string>();
		page.on('response', (r) => {
			const u = new URL(r.url());
			if (u.origin === server.url && u.pathname.endsWith('.js')) scripts.add(u.pathname);
		});
		await page.goto(server.url);
		await page.getByRole('textbox', { name: 'Repository URL' }).waitFor();
		await page.waitForLoadState('networkidle');
		const firstScreen = [...scripts].map((p) => path.join(buildDir, p));
		check(firstScreen.length > 0 && firstScreen.every((f) => existsSync(f)), 'every script of the first screen is a file of the build');
		const isWorker = (f: string) => f.includes(`${path.sep}workers${path.sep}`);
		// The git worker starts with the first screen but runs on its own thread: reported apart.
		const first = firstScreen.filter((f) => !isWorker(f)).reduce((n, f) => n + gz(f), 0);
		const firstWorker = firstScreen.filter(isWorker).reduce((n, f) => n + gz(f), 0);
		const loadedEditor = firstScreen.some((f) => /EditorView/.test(readFileSync(f, 'utf8')));
		await context.close();

		const js = allFiles(path.join(buildDir, '_app')).filter((f) => f.endsWith('.js'));
		const total = js.reduce((n, f) => n + gz(f), 0);
		const editorChunks = js.filter((f) => /EditorView/.test(readFileSync(f, 'utf8')));
		const editor = editorChunks.reduce((n, f) => n + gz(f), 0);
		const worker = js.filter(isWorker).reduce((n, f) => n + gz(f), 0);

		// ---- cold start, online then offline, side by side
		const online: number[] = [];
		const offline: number[] = [];
		const live = await browser.newContext();
		const warm = await live.newPage();
		await warm.goto(server.url);
		await warm.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await warm.close();
		for (let i = 0; i < RUNS; i++) {
			const fresh = await browser.newContext({ serviceWorkers: 'block' });
			online.push((await coldStart(fresh, server.url)).ms);
			await fresh.close();
		}
		await server.stop();
		stopped = true;
		check(await fetch(server.url).then(() => false, () => true), 'the app server is down for the offline runs');
		for (let i = 0; i < RUNS; i++) {
			const run = await coldStart(live, server.url);
			check(run.fromSw, 'the offline start was served by the service worker');
			offline.push(run.ms);
		}
		await live.close();

		const rows: [string, string, string, string][] = [
			['first screen JS, page (gzip)', kb(first), '≤ 150 KB', first <= 150 * 1024 ? 'yes' : 'NO'],
			['  + git worker started with it (gzip)', kb(firstWorker), '', 'own thread: does not delay the page'],
			['  the whole build’s JS (gzip)', kb(total), '', `first screen = ${((first / total) * 100).toFixed(0)}%`],
			['  editor (CodeMirror) on demand', kb(editor), '', loadedEditor ? 'NO: on the first screen' : 'not on the first screen'],
			['  git worker (all its chunks)', kb(worker), '', ''],
			['cold start online (cold HTTP cache)', `${median(online)} ms`, '', `runs ${online.join(', ')}`],
			['cold start offline (service worker)', `${median(offline)} ms`, '≤ 1000 ms', median(offline) <= 1000 ? 'yes' : 'NO'],
			['  offline / online', `${(median(offline) / median(online)).toFixed(2)}×`, '', `runs ${offline.join(', ')}`]
		];
		console.log(`bench:app — ${RUNS} runs, build ${path.relative(root, buildDir)}`);
		const w = [38, 12, 11];
		for (const r of rows) console.log(`${r[0].padEnd(w[0])} ${r[1].padStart(w[1])}  ${r[2].padEnd(w[2])} ${r[3]}`);
		console.log(`first screen scripts: ${firstScreen.length} (${[...scripts].map((s) => path.basename(s)).join(', ')})`);
	} finally {
		await browser.close();
		if (!stopped) await server.stop();
	}
}

await main();
