/**
 * PWA basics against the built app: offline start from the service worker, installability,
 * the "New version — reload" update flow, other origins left alone, a clean CSP, the in-app
 * Install button (and Safari's "Add to Home Screen" steps), and "Export unpushed work".
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startStaticServer } from '../support/static-server';
import { git } from '../support/repos';
import { buildDir, expect, test } from './fixtures';
import { waitForController } from './service-worker';
import { submitClone } from './workspace';

const UPDATE_PROMPT = 'New version — reload';

/** The shell's own heading (inside the banner), which only renders once the app's JS ran. */
function shellHeading(page: Page) {
	return page.getByRole('banner').getByRole('heading', { name: 'Waymark', exact: true });
}

/** The build's version string, as SvelteKit writes it into _app/version.json. */
function buildVersion(dir: string): string {
	return (JSON.parse(readFileSync(path.join(dir, '_app', 'version.json'), 'utf8')) as { version: string }).version;
}

test('after one visit the app starts from the service worker with the server down', async ({ page, app }) => {
	await page.goto(app.url + '/');
	await expect(shellHeading(page)).toBeVisible();
	await waitForController(page);

	await app.stop();
	// Positive control: the static server really is gone.
	await expect(fetch(app.url + '/')).rejects.toThrow();

	const reloaded = await page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await expect(shellHeading(page)).toBeVisible();

	// A deep link the server never saw also starts from the cached shell.
	const deep = await page.goto(app.url + '/repo/some/deep/link');
	expect(deep?.fromServiceWorker()).toBe(true);
	await expect(shellHeading(page)).toBeVisible();
});

test('Chromium finds the app installable and the icons have their stated sizes', async ({ app }) => {
	// Chromium never offers install in an incognito-like context, which is what Playwright's
	// default contexts are, so this test uses a profile on disk with the project's launch options.
	const profile = mkdtempSync(path.join(os.tmpdir(), 'waymark-e2e-profile-'));
	const context = await chromium.launchPersistentContext(profile, { ...test.info().project.use.launchOptions });
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(app.url + '/');
		await waitForController(page);

		const session = await context.newCDPSession(page);
		const { installabilityErrors } = await session.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
		await expectIconsOfStatedSizes(page);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});

/** Loads every manifest icon as an Image and checks its decoded size against the manifest's `sizes`. */
async function expectIconsOfStatedSizes(page: Page): Promise<void> {

	const icons = await page.evaluate(async () => {
		const manifestUrl = new URL(document.querySelector('link[rel="manifest"]')!.getAttribute('href')!, location.href);
		const manifest = (await (await fetch(manifestUrl)).json()) as {
			icons: { src: string; sizes: string; purpose?: string }[];
		};
		return Promise.all(
			manifest.icons.map(async (icon) => {
				const img = new Image();
				img.src = new URL(icon.src, manifestUrl).href;
				await img.decode();
				return { sizes: icon.sizes, purpose: icon.purpose ?? 'any', width: img.naturalWidth, height: img.naturalHeight };
			})
		);
	});
	expect(icons.map((i) => i.purpose).sort()).toEqual(['any', 'any', 'maskable']);
	for (const icon of icons) expect(`${icon.width}x${icon.height}`).toBe(icon.sizes);
	expect(new Set(icons.map((i) => i.sizes))).toEqual(new Set(['192x192', '512x512']));
}

test('the maskable icon keeps its mark inside the 80 % safe zone', async ({ page, app }) => {
	await page.goto(app.url + '/');
	const result = await page.evaluate(async () => {
		const img = new Image();
		img.src = '/icons/icon-maskable-512.png';
		await img.decode();
		const canvas = document.createElement('canvas');
		canvas.width = img.naturalWidth;
		canvas.height = img.naturalHeight;
		const ctx = canvas.getContext('2d')!;
		ctx.drawImage(img, 0, 0);
		const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
		const bg = [data[0], data[1], data[2], data[3]];
		const radius = 0.4 * width;
		let outsideDiffering = 0;
		let insideDiffering = 0;
		for (let y = 0; y < height; y++) {
			for (let x = 0; x < width; x++) {
				const i = (y * width + x) * 4;
				const differs = [0, 1, 2, 3].some((c) => Math.abs(data[i + c] - bg[c]) > 2);
				if (!differs) continue;
				if ((x + 0.5 - width / 2) ** 2 + (y + 0.5 - height / 2) ** 2 > radius ** 2) outsideDiffering++;
				else insideDiffering++;
			}
		}
		return { bg, outsideDiffering, insideDiffering };
	});
	// Full-bleed brand colour, fully opaque, with the mark only inside the safe circle.
	expect(result.bg).toEqual([0x1f, 0x4e, 0x79, 255]);
	expect(result.outsideDiffering).toBe(0);
	expect(result.insideDiffering).toBeGreaterThan(1000);
});

test('a new version waits for "New version — reload", then takes over and drops the old cache', async ({ page, app }) => {
	const oldVersion = buildVersion(buildDir);
	const newVersion = `${oldVersion}-next`;
	const nextDir = mkdtempSync(path.join(os.tmpdir(), 'waymark-next-build-'));
	cpSync(buildDir, nextDir, { recursive: true });
	// The "next build": a service worker whose version (and so cache) differs, and a shell we can recognise.
	const swPath = path.join(nextDir, 'service-worker.js');
	const sw = readFileSync(swPath, 'utf8');
	expect(sw.split(oldVersion).length - 1).toBe(1);
	writeFileSync(swPath, sw.replace(oldVersion, newVersion));
	const indexPath = path.join(nextDir, 'index.html');
	writeFileSync(indexPath, readFileSync(indexPath, 'utf8').replace('<head>', '<head><meta name="waymark-test-build" content="next">'));
	const nextMarker = page.locator('meta[name="waymark-test-build"]');
	const prompt = page.getByRole('button', { name: UPDATE_PROMPT });

	await page.goto(app.url + '/');
	await waitForController(page);
	await expect(shellHeading(page)).toBeVisible();
	await expect(prompt).toHaveCount(0);
	expect(await page.evaluate(() => caches.keys())).toEqual([`waymark-app-${oldVersion}`]);

	// Same origin, new files: the next build is now what the host serves.
	await app.stop();
	const next = await startStaticServer({ dir: nextDir, port: app.port });
	try {
		await page.reload();
		await expect(prompt).toBeVisible();
		// Waiting, not taken: the page still runs the old shell and the old cache is still there.
		await expect(nextMarker).toHaveCount(0);
		expect((await page.evaluate(() => caches.keys())).sort()).toEqual(
			[`waymark-app-${newVersion}`, `waymark-app-${oldVersion}`].sort()
		);
		// A plain reload does not take the new version either.
		await page.reload();
		await expect(prompt).toBeVisible();
		await expect(nextMarker).toHaveCount(0);

		await Promise.all([page.waitForEvent('load'), prompt.click()]);
		await expect(nextMarker).toHaveCount(1);
		await expect(shellHeading(page)).toBeVisible();
		await expect(prompt).toHaveCount(0);
		await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([`waymark-app-${newVersion}`]);
		await waitForController(page);
	} finally {
		await next.stop();
		rmSync(nextDir, { recursive: true, force: true });
	}
});

test('the service worker leaves other origins and the demo data to the network', async ({ page, app, gitServer }) => {
	await page.goto(app.url + '/');
	await waitForController(page);

	const crossOrigin = page.waitForResponse((r) => r.url().startsWith(gitServer.url));
	const status = await page.evaluate(async (url) => (await fetch(url)).status, `${gitServer.url}/health`);
	expect(status).toBe(200);
	expect((await crossOrigin).fromServiceWorker()).toBe(false);
	expect(gitServer.requests.some((r) => r.url === '/health')).toBe(true);

	const demo = page.waitForResponse((r) => r.url().endsWith('/waymark-demo.json'));
	await page.evaluate(() => fetch('/waymark-demo.json'));
	expect((await demo).fromServiceWorker()).toBe(false);
	expect(app.requests.some((r) => r.url === '/waymark-demo.json')).toBe(true);

	// Positive control: the app's own files do come from the worker.
	const own = page.waitForResponse((r) => r.url().endsWith('/manifest.webmanifest'));
	await page.evaluate(() => fetch('/manifest.webmanifest'));
	expect((await own).fromServiceWorker()).toBe(true);
});

test('no Content-Security-Policy violation during load and navigation; only the hashed bootstrap is inline', async ({ page, app }) => {
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { cspViolations: string[] }).cspViolations = seen;
		document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
	});
	const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

	await page.goto(app.url + '/');
	await expect(shellHeading(page)).toBeVisible();
	await waitForController(page);
	expect(await violations()).toEqual([]);

	// A reload from the worker, a deep link, and a history navigation.
	await page.reload();
	await expect(shellHeading(page)).toBeVisible();
	await page.goto(app.url + '/some/deep/link');
	await expect(shellHeading(page)).toBeVisible();
	await page.goBack();
	await expect(shellHeading(page)).toBeVisible();
	expect(await violations()).toEqual([]);

	// The one inline script is SvelteKit's bootstrap, and the policy allows exactly its hash.
	const html = readFileSync(path.join(buildDir, 'index.html'), 'utf8');
	const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
	expect(inline).toHaveLength(1);
	const csp = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
	const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src ')) ?? '';
	const hash = createHash('sha256').update(inline[0]).digest('base64');
	expect(scriptSrc.split(/\s+/).sort()).toEqual(['script-src', "'self'", `'sha256-${hash}'`].sort());
	expect(csp).toContain("object-src 'none'");
	expect(csp).toContain("base-uri 'self'");

	// Positive control: the listener does see a violation when one happens.
	await page.evaluate(() => {
		const s = document.createElement('script');
		s.textContent = 'window.injected = true';
		document.body.append(s);
	});
	await expect.poll(violations).toEqual([expect.stringMatching(/^script-src-elem inline/)]);
});

const EXPORT_PLAN = [
	'# Export plan',
	'',
	'## Progress',
	'',
	'- [ ] Pack the crates',
	'- [ ] Label the crates',
	'- [ ] Ship the crates',
	''
].join('\n');

test('with the server stopped: two commits wait, "Export unpushed work" downloads patches that git am turns into the same tree', async ({ page, app, gitServer, repo }) => {
	const planPath = 'docs/plans/export.md';
	const fixture = repo('exporting', { [planPath]: EXPORT_PLAN });
	await page.goto(app.url);
	await submitClone(page, fixture.url, { branch: null });
	const row = page.getByRole('list', { name: 'Next actions in exporting' }).getByRole('listitem').filter({ has: page.getByText(planPath, { exact: true }) });
	await row.getByRole('link', { name: 'Quick update' }).click();
	await expect(page.getByRole('checkbox', { name: 'Pack the crates' })).toBeVisible();
	await gitServer.stop();

	await page.getByRole('textbox', { name: 'Author name' }).fill('Export Tester');
	await page.getByRole('textbox', { name: 'Author email' }).fill('export@waymark.invalid');
	for (const [i, item] of ['Pack the crates', 'Label the crates'].entries()) {
		await page.getByRole('checkbox', { name: item }).check();
		await page.getByRole('button', { name: 'Commit', exact: true }).click();
		await expect(page.getByRole('status')).toHaveText(new RegExp(`^${i + 1} commits? to push`));
	}

	await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'exporting' }).click();
	await expect(page.getByRole('status')).toHaveText(/^2 commits to push/);
	const persisted = await page.evaluate(() => navigator.storage.persisted());
	const warning = page.getByText('2 unpushed commits exist only in this browser, which may clear its storage.');
	await expect(warning).toHaveCount(persisted ? 0 : 1);

	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export unpushed work' }).click()]);
	expect(download.suggestedFilename()).toBe('exporting-unpushed.tar');
	await expect(page.getByText('Exported 2 patches and 1 plan file')).toBeVisible();
	const work = mkdtempSync(path.join(os.tmpdir(), 'waymark-export-'));
	try {
		const tarPath = path.join(work, 'export.tar');
		await download.saveAs(tarPath);
		const out = path.join(work, 'out');
		mkdirSync(out);
		execFileSync('tar', ['-xf', tarPath, '-C', out]);
		const patches = readdirSync(path.join(out, 'patches')).sort();
		expect(patches).toHaveLength(2);
		expect(patches[0]).toMatch(/^0001-.*\.patch$/);
		expect(patches[1]).toMatch(/^0002-.*\.patch$/);
		const exportedPlan = readFileSync(path.join(out, 'files', planPath), 'utf8');
		expect(exportedPlan).toMatch(/^- \[x\] .*Pack the crates$/m);
		expect(exportedPlan).toMatch(/^- \[x\] .*Label the crates$/m);
		expect(exportedPlan).toContain('- [ ] Ship the crates');

		// Native: a clone of the remote (which has neither commit) plus `git am` of the patches.
		const clone = path.join(work, 'clone');
		execFileSync('git', ['clone', '-q', fixture.path, clone]);
		const am = ['-c', 'user.name=Am', '-c', 'user.email=am@waymark.invalid', 'am', '-q', ...patches.map((p) => path.join(out, 'patches', p))];
		execFileSync('git', am, { cwd: clone });
		expect(readFileSync(path.join(clone, planPath), 'utf8')).toBe(exportedPlan);
		const amTree = git(clone, 'rev-parse', 'HEAD^{tree}');
		expect(git(clone, 'log', '-2', '--format=%an <%ae>')).toBe('Export Tester <export@waymark.invalid>\nExport Tester <export@waymark.invalid>');

		// The same commits pushed by the app once the server is back give the very same tree.
		await gitServer.start();
		await page.getByRole('button', { name: 'Push', exact: true }).click();
		await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });
		expect(git(fixture.path, 'rev-parse', 'main^{tree}')).toBe(amTree);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
});

test('Install: Chromium’s own prompt behind an "Install" button; Safari on iPad gets "Add to Home Screen" steps', async ({ app, browser }) => {
	// A profile on disk: Chromium offers install (beforeinstallprompt) only outside incognito-like contexts.
	const profile = mkdtempSync(path.join(os.tmpdir(), 'waymark-e2e-profile-'));
	const launch = test.info().project.use.launchOptions ?? {};
	// Chromium otherwise waits for "user engagement" (minutes of use) before it offers install.
	const context = await chromium.launchPersistentContext(profile, { ...launch, args: [...(launch.args ?? []), '--bypass-app-banner-engagement-checks'] });
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(app.url + '/');
		await waitForController(page);
		await page.reload();
		const install = page.getByRole('region', { name: 'Install' });
		// Chromium's own installability check (manifest, icons, service worker) runs first; slow under load.
		await expect(install.getByRole('button', { name: 'Install', exact: true })).toBeVisible({ timeout: 45_000 });
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}

	const ipad = await browser.newContext({
		userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
		viewport: { width: 820, height: 1180 },
		hasTouch: true
	});
	try {
		const page = await ipad.newPage();
		await page.goto(app.url + '/');
		const install = page.getByRole('region', { name: 'Install' });
		await expect(install).toContainText('To install on iPad or iPhone: in Safari, tap Share, then Add to Home Screen.');
		await expect(install.getByRole('button')).toHaveCount(0);
	} finally {
		await ipad.close();
	}
});

test('quick update works offline: app and git servers stopped, reload, tick and commit; it is pushed once they are back', async ({ page, app, gitServer, repo }) => {
	const planPath = 'docs/plans/offline.md';
	const fixture = repo('offline-quick', { [planPath]: EXPORT_PLAN });
	await page.goto(app.url);
	await waitForController(page);
	await submitClone(page, fixture.url, { branch: null });
	const row = page.getByRole('list', { name: 'Next actions in offline-quick' }).getByRole('listitem').filter({ has: page.getByText(planPath, { exact: true }) });
	await row.getByRole('link', { name: 'Quick update' }).click();
	await expect(page.getByRole('checkbox', { name: 'Pack the crates' })).toBeVisible();
	const url = page.url();

	await app.stop();
	await gitServer.stop();
	const reloaded = await page.goto(url);
	expect(reloaded?.fromServiceWorker()).toBe(true);
	await page.getByRole('checkbox', { name: 'Pack the crates' }).check();
	await page.getByRole('textbox', { name: 'Author name' }).fill('Offline Tester');
	await page.getByRole('textbox', { name: 'Author email' }).fill('offline@waymark.invalid');
	await page.getByRole('button', { name: 'Commit', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/^1 commit to push/);
	expect(git(fixture.path, 'rev-list', '--count', 'main')).toBe('1');

	await gitServer.start();
	await page.getByRole('button', { name: 'Push', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });
	expect(git(fixture.path, 'rev-list', '--count', 'main')).toBe('2');
	expect(git(fixture.path, 'log', '-1', '--format=%an')).toBe('Offline Tester');
});
