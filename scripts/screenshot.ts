// Takes the README screenshots from the built app and its in-browser demo repo:
// `npx tsx scripts/screenshot.ts` after `npm run build` (WAYMARK_BUILD_DIR picks another build).
import { chromium, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { startStaticServer } from '../tests/support/static-server';

const server = await startStaticServer({ dir: process.env.WAYMARK_BUILD_DIR ?? 'build' });
const browser = await chromium.launch({
	executablePath: process.env.WAYMARK_CHROMIUM ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
});
const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });

/** Opens the demo repo (created in the browser on a static host) and returns its repo page URL. */
async function openDemo(page: Page): Promise<string> {
	await page.goto(server.url);
	await page.getByRole('button', { name: 'Open demo' }).click();
	await page.getByRole('list', { name: 'Plans', exact: true }).waitFor({ timeout: 60_000 });
	return page.url();
}

async function openPlan(page: Page, repoUrl: string, path: string): Promise<void> {
	await page.goto(repoUrl);
	await page.getByRole('list', { name: 'Plans', exact: true }).getByRole('link', { name: path, exact: true }).click();
	await page.getByRole('textbox', { name: 'Plan text' }).waitFor({ timeout: 30_000 });
	await page.waitForTimeout(500);
}

try {
	const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
	const page = await context.newPage();
	const repoUrl = await openDemo(page);
	await page.screenshot({ path: `${out}/workspace.png` });

	await openPlan(page, repoUrl, 'docs/plans/waymark-demo-execplan.md');
	await page.screenshot({ path: `${out}/plan-editor.png` });

	await openPlan(page, repoUrl, 'docs/development/V1.0.0_PHASE_2.md');
	const phases = page.getByRole('region', { name: 'Phases' });
	const complete = phases.getByRole('button', { name: /^Complete phase / }).first();
	if (await complete.count()) {
		await complete.click();
		await page.getByRole('dialog').first().waitFor();
		await page.waitForTimeout(300);
		await page.screenshot({ path: `${out}/complete-phase.png` });
		await page.keyboard.press('Escape');
	}

	await page.goto(server.url);
	await page.waitForTimeout(1500);
	await page.screenshot({ path: `${out}/home.png` });
	await context.close();

	const tablet = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true, colorScheme: 'dark' });
	const tab = await tablet.newPage();
	const tabRepo = await openDemo(tab);
	await openPlan(tab, tabRepo, 'docs/plans/waymark-demo-execplan.md');
	await tab.getByRole('link', { name: 'Quick update' }).first().click();
	await tab.waitForTimeout(1500);
	await tab.screenshot({ path: `${out}/tablet-quick-update.png` });
	await tablet.close();
} finally {
	await browser.close();
	await server.stop();
}
