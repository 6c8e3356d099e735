/**
 * A whole offline session against the built app and the real git server: after one online visit,
 * with the browser offline and both the app's server and the git server stopped, a plan opens, a
 * tick and a phase completion are committed (queued), the count survives a reload, and when the
 * network returns the commits arrive exactly once. Also: typing survives taking a new app version
 * through the reload prompt.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStaticServer } from '../support/static-server';
import { git, readRemoteFile } from '../support/repos';
import { PHASES_PLAN, PHASES_PLAN_PATH } from '../support/phase-plan';
import { buildDir, expect, test } from './fixtures';
import { cloneAndOpenPlan, submitClone } from './workspace';
import { waitForController } from './service-worker';

test.use({ viewport: { width: 1280, height: 2000 } });

function count(bare: string): number {
	return Number(git(bare, 'rev-list', '--count', 'main'));
}

test('offline session: open, tick, complete a phase; "2 commits to push" survives a reload; back online they arrive once', async ({ page, context, app, gitServer, repo }) => {
	const fixture = repo('offline-session', { [PHASES_PLAN_PATH]: PHASES_PLAN, 'README.md': '# Auth\n' });
	const planUrl = `${app.url}/repo/`;
	await page.goto(app.url);
	await waitForController(page);
	await submitClone(page, fixture.url);
	await page.getByRole('link', { name: fixture.name }).click();
	const plans = page.getByRole('list', { name: 'Plans', exact: true });
	await expect(plans.getByRole('link', { name: PHASES_PLAN_PATH, exact: true })).toBeVisible();
	const repoUrl = page.url();
	expect(repoUrl.startsWith(planUrl)).toBe(true);
	const before = count(fixture.path);
	const head = git(fixture.path, 'rev-parse', 'main');

	// Offline: the browser says so, and nothing answers anyway.
	await context.setOffline(true);
	await app.stop();
	await gitServer.stop();
	await expect(fetch(app.url + '/')).rejects.toThrow();
	await page.reload();
	await expect(page.getByText('Offline', { exact: true })).toBeVisible();
	await page.getByRole('list', { name: 'Plans', exact: true }).getByRole('link', { name: PHASES_PLAN_PATH, exact: true }).click();
	await expect(page.getByRole('textbox', { name: 'Plan text' })).toBeVisible();

	// A tick, committed.
	await page.getByRole('region', { name: 'Progress' }).getByRole('checkbox', { name: 'Error handling' }).check();
	await page.getByRole('button', { name: 'Commit', exact: true }).click();
	const commit = page.getByRole('dialog', { name: 'Commit' });
	await commit.getByRole('textbox', { name: 'Author name' }).fill('Offline Tester');
	await commit.getByRole('textbox', { name: 'Author email' }).fill('offline@waymark.invalid');
	await commit.getByRole('button', { name: 'Commit', exact: true }).click();
	await expect(commit).toBeHidden();
	await expect(page.getByRole('status')).toHaveText(/^1 commit to push/);

	// A phase completed: its own commit, queued.
	await page.getByRole('region', { name: 'Phases' }).getByRole('button', { name: 'Complete phase 2', exact: true }).click();
	const complete = page.getByRole('dialog', { name: 'Complete phase 2' });
	await complete.getByRole('textbox', { name: 'Author name' }).fill('Offline Tester');
	await complete.getByRole('textbox', { name: 'Author email' }).fill('offline@waymark.invalid');
	await complete.getByRole('button', { name: 'Complete and commit' }).click();
	await expect(complete).toBeHidden();
	await expect(page.getByRole('status')).toHaveText(/^2 commits to push/);
	await expect(page.getByText('No uncommitted changes')).toBeVisible();

	// Native git: the remote has neither.
	expect(count(fixture.path)).toBe(before);
	expect(git(fixture.path, 'rev-parse', 'main')).toBe(head);

	// Reload, still offline and with the app's server still down: the service worker serves it.
	await page.reload();
	await expect(page.getByRole('textbox', { name: 'Plan text' })).toBeVisible();
	await expect(page.getByRole('status')).toHaveText(/^2 commits to push/);
	await expect(page.getByText('No uncommitted changes')).toBeVisible();

	// The network returns: the outbox pushes on its own, exactly once.
	await gitServer.start();
	await context.setOffline(false);
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });
	expect(count(fixture.path)).toBe(before + 2);
	expect(git(fixture.path, 'log', '-2', '--format=%s|%an')).toMatch(/^feat\(plan\): complete Phase 2 — Integration\|Offline Tester\n.*\|Offline Tester$/);
	expect(git(fixture.path, 'rev-parse', 'main~2')).toBe(head);
	const pushed = readRemoteFile(fixture.path, PHASES_PLAN_PATH);
	expect(pushed).toContain('## ✅ Phase 2: Integration');
	expect(pushed).toMatch(/- \[x\] .*Error handling/);
	// Pressing Push again sends nothing more.
	await page.getByRole('button', { name: 'Push', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/);
	expect(count(fixture.path)).toBe(before + 2);
});

test('update while editing: typing not yet saved survives taking the new version through the reload prompt', async ({ page, app, repo }) => {
	const fixture = repo('update-edit', { [PHASES_PLAN_PATH]: PHASES_PLAN });
	const oldVersion = (JSON.parse(readFileSync(path.join(buildDir, '_app', 'version.json'), 'utf8')) as { version: string }).version;
	const nextDir = mkdtempSync(path.join(os.tmpdir(), 'waymark-next-build-'));
	cpSync(buildDir, nextDir, { recursive: true });
	const swPath = path.join(nextDir, 'service-worker.js');
	writeFileSync(swPath, readFileSync(swPath, 'utf8').replace(oldVersion, `${oldVersion}-next`));
	const indexPath = path.join(nextDir, 'index.html');
	writeFileSync(indexPath, readFileSync(indexPath, 'utf8').replace('<head>', '<head><meta name="waymark-test-build" content="next">'));

	await page.goto(app.url);
	await waitForController(page);
	await cloneAndOpenPlan(page, fixture.url, fixture.name, PHASES_PLAN_PATH);
	const editor = page.getByRole('textbox', { name: 'Plan text' });
	await expect(editor).toBeVisible();

	await app.stop();
	const next = await startStaticServer({ dir: nextDir, port: app.port });
	try {
		// The new version is found while the person types.
		await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
		const prompt = page.getByRole('button', { name: 'New version — reload' });
		await expect(prompt).toBeVisible({ timeout: 20_000 });
		await page.locator('.cm-content .cm-line', { hasText: 'Authentication in three phases.' }).click();
		await page.keyboard.press('End');
		await page.keyboard.type(' Typed just before the update.');
		await Promise.all([page.waitForEvent('load'), prompt.click()]);
		await expect(page.locator('meta[name="waymark-test-build"]')).toHaveCount(1);
		await expect(page.getByRole('textbox', { name: 'Plan text' })).toBeVisible();
		await expect(page.locator('.cm-content')).toContainText('Authentication in three phases. Typed just before the update.');
		await expect(page.getByText('Changed since last commit')).toBeVisible();
	} finally {
		await next.stop();
		rmSync(nextDir, { recursive: true, force: true });
	}
});
