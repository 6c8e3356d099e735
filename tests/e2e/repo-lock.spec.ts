/** One writer per repo across tabs (Web Locks): a second tab is told, and can take over. */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { submitClone } from './workspace';

const FILES = { 'docs/plan.md': '# Plan\n\n## Progress\n\n- [ ] First step\n' };

/** Fills the clone form and presses Clone. */
async function clone(page: Page, url: string): Promise<void> {
	await submitClone(page, url, { branch: null });
}

test('one writer per repo: a second tab is told and can take over', async ({ page, context, app, repo }) => {
	const fixture = repo('two-tabs', FILES);
	await page.goto(app.url);
	await clone(page, fixture.url);
	await page.getByRole('link', { name: 'two-tabs' }).click();
	await expect(page.getByRole('link', { name: 'docs/plan.md' })).toBeVisible();
	const repoUrl = page.url();

	const second = await context.newPage();
	await second.goto(repoUrl);
	await expect(second.getByRole('alert')).toContainText('open for editing in another Waymark tab');
	await second.getByRole('button', { name: 'Take over' }).click();
	await expect(second.getByRole('link', { name: 'docs/plan.md' })).toBeVisible();
	await expect(second.getByRole('alert')).toHaveCount(0);

	// The first tab no longer writes: its next operation says so.
	await page.reload();
	await expect(page.getByRole('alert')).toContainText('open for editing in another Waymark tab');
});
