/**
 * The plan's history view against a real git server: commits of the file newest first, the one
 * that completed a phase marked, an unpushed commit marked until it is pushed, and a commit's
 * diff of the file and the plan as it was.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { cloneAndOpenPlan } from './workspace';
import { cloneNative, git } from '../support/repos';

const PLAN = ['# History plan', '', '## Progress', '', '- [ ] Alpha', '- [ ] Beta', '', '## Phase 1: Setup', '', '- [ ] Set up', ''].join('\n');

test('History lists the file’s commits, marks the phase completion and the unpushed commit, and shows a diff', async ({ page, app, repo }) => {
	const fixture = repo('history', { 'docs/plans/history.md': PLAN, 'src/a.ts': 'export {};\n' });
	// "Another machine" completes phase 1 with the default message.
	const work = mkdtempSync(path.join(os.tmpdir(), 'waymark-e2e-history-'));
	try {
		const clone = await cloneNative(fixture.path, path.join(work, 'c'));
		writeFileSync(path.join(clone, 'docs/plans/history.md'), PLAN.replace('## Phase 1: Setup', '## Phase 1: Setup ✅').replace('- [ ] Set up', '- [x] Set up'));
		git(clone, 'add', '.');
		git(clone, '-c', 'user.name=Bo Native', '-c', 'user.email=bo@example.com', 'commit', '-qm', 'feat(plan): complete Phase 1 — Setup');
		git(clone, 'push', '-q', 'origin', 'main');
	} finally {
		rmSync(work, { recursive: true, force: true });
	}

	await page.goto(app.url);
	await cloneAndOpenPlan(page, fixture.url, fixture.name, 'docs/plans/history.md');
	await expect(page.getByRole('textbox', { name: 'Plan text' })).toBeVisible();

	await page.getByRole('region', { name: 'Progress' }).getByRole('checkbox', { name: 'Alpha' }).check();
	await page.getByRole('button', { name: 'Commit', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'Commit' });
	await dialog.getByRole('textbox', { name: 'Commit message' }).fill('docs(plan): tick Alpha');
	await dialog.getByRole('textbox', { name: 'Author name' }).fill('Ann Browser');
	await dialog.getByRole('textbox', { name: 'Author email' }).fill('ann@example.com');
	await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/^1 commit to push/);

	await page.getByRole('button', { name: 'History', exact: true }).click();
	const history = page.getByRole('region', { name: 'History' });
	const items = history.getByRole('listitem');
	await expect(items.first()).toContainText('docs(plan): tick Alpha');
	await expect(items.first()).toContainText('Not pushed yet');
	await expect(items.first()).not.toContainText('Completed phase');
	const phaseItem = items.filter({ hasText: 'feat(plan): complete Phase 1 — Setup' });
	await expect(phaseItem).toContainText('Completed phase 1');
	await expect(phaseItem).toContainText('Bo Native');
	await expect(phaseItem).not.toContainText('Not pushed yet');

	await items.first().getByRole('button', { name: /tick Alpha/ }).click();
	const diff = history.getByRole('region', { name: /^Changes in [0-9a-f]{7}$/ });
	await expect(diff).toContainText('1 line added, 1 removed');
	await expect(diff.locator('tr.del')).toContainText('- [ ] Alpha');
	await expect(diff.locator('tr.add')).toContainText(/- \[x\] .*Alpha/);
	await history.getByRole('button', { name: /^Plan at [0-9a-f]{7}$/ }).click();
	await expect(history.getByLabel(/^Plan at [0-9a-f]{7}$/).last()).toContainText('## Phase 1: Setup ✅');

	await page.getByRole('button', { name: 'Push', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });
	await expect(items.first()).not.toContainText('Not pushed yet');
	expect(git(fixture.path, 'log', '-1', '--format=%s')).toBe('docs(plan): tick Alpha');
});

test('the background deepen brings every older commit, each readable with its diff (the browser indexes the deepen pack)', async ({ page, app, repo }) => {
	// Five versions of a plan and of a larger file, so the deepen pack holds deltas.
	const big = (n: number) => Array.from({ length: 400 }, (_, i) => `line ${i} of the notes, version ${i % 50 === 0 ? n : 0}`).join('\n');
	const fixture = repo('deepen', { 'docs/plans/deepen.md': `${PLAN}\n<!-- v0 -->\n`, 'notes.txt': big(0) });
	const work = mkdtempSync(path.join(os.tmpdir(), 'waymark-e2e-deepen-'));
	try {
		const clone = await cloneNative(fixture.path, path.join(work, 'c'));
		for (let v = 1; v <= 4; v++) {
			writeFileSync(path.join(clone, 'docs/plans/deepen.md'), `${PLAN}\n<!-- v${v} -->\n`);
			writeFileSync(path.join(clone, 'notes.txt'), big(v));
			git(clone, 'commit', '-qam', `docs(plan): version ${v}`);
		}
		git(clone, 'push', '-q', 'origin', 'main');
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	const subjects = git(fixture.path, 'log', '--format=%s', '--', 'docs/plans/deepen.md').trim().split('\n');
	expect(subjects).toHaveLength(5);

	await page.goto(app.url);
	await cloneAndOpenPlan(page, fixture.url, fixture.name, 'docs/plans/deepen.md');
	await expect(page.getByRole('textbox', { name: 'Plan text' })).toBeVisible();
	await page.getByRole('button', { name: 'History', exact: true }).click();
	const history = page.getByRole('region', { name: 'History' });
	// The clone is shallow (the newest commit); the rest arrive with the deepen a few seconds later.
	await expect(history.getByRole('listitem')).toHaveCount(5, { timeout: 45_000 });
	for (const [i, subject] of subjects.entries()) await expect(history.getByRole('listitem').nth(i)).toContainText(subject);
	await expect(history).not.toContainText('Older commits are still being fetched');
	// The oldest change after the first commit: its diff comes from objects of the deepen pack.
	await history.getByRole('listitem').nth(3).getByRole('button', { name: /version 1/ }).click();
	const diff = history.getByRole('region', { name: /^Changes in [0-9a-f]{7}$/ });
	await expect(diff.locator('tr.del')).toContainText('<!-- v0 -->');
	await expect(diff.locator('tr.add')).toContainText('<!-- v1 -->');
});
