/**
 * The clone form and the way from it to a repository or a plan, as the specs walk it through the
 * UI (each spec's own checks come after).
 */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Clone form fields: the branch is `main` unless given (null leaves the field as it is); the others are filled only when given. */
export interface CloneForm {
	branch?: string | null;
	proxy?: string;
	token?: string;
	username?: string;
	/** How Clone is pressed: a mouse click (default) or a tap. */
	press?: 'click' | 'tap';
}

/** Fills the clone form on the start page and presses Clone. */
export async function submitClone(page: Page, url: string, form: CloneForm = {}): Promise<void> {
	await page.getByRole('textbox', { name: 'Repository URL' }).fill(url);
	const branch = form.branch === undefined ? 'main' : form.branch;
	if (branch !== null) await page.getByRole('textbox', { name: 'Branch' }).fill(branch);
	if (form.proxy !== undefined) await page.getByRole('textbox', { name: 'CORS proxy' }).fill(form.proxy);
	if (form.token !== undefined) await page.getByRole('textbox', { name: 'Access token' }).fill(form.token);
	if (form.username !== undefined) await page.getByRole('textbox', { name: 'Username' }).fill(form.username);
	const clone = page.getByRole('button', { name: 'Clone' });
	if (form.press === 'tap') await clone.tap();
	else await clone.click();
}

/** Clones `url` from the start page, opens the repository `name` and waits for its Plans list. */
export async function cloneAndOpenRepo(page: Page, url: string, name: string, form: CloneForm = {}): Promise<void> {
	await submitClone(page, url, form);
	const plans = page.getByRole('list', { name: 'Plans', exact: true });
	// The home screen's "Next actions" fill in above the repository list when the plans' summaries
	// arrive from the plan worker, moving the link: a click at its old place between Playwright's
	// stability check and the click itself lands beside it. Click again while still on the home screen.
	await expect(async () => {
		if (new URL(page.url()).pathname === '/') await page.getByRole('link', { name }).click({ timeout: 5_000 });
		await expect(plans).toBeVisible({ timeout: 3_000 });
	}).toPass({ timeout: 30_000 });
}

/** Clones `url`, opens the repository `name`, then `planPath` from its Plans list, and waits for the editor. */
export async function cloneAndOpenPlan(page: Page, url: string, name: string, planPath: string, form: CloneForm = {}): Promise<void> {
	await cloneAndOpenRepo(page, url, name, form);
	await page.getByRole('list', { name: 'Plans', exact: true }).getByRole('link', { name: planPath, exact: true }).click();
	await expect(page.getByRole('textbox', { name: 'Plan text' })).toBeVisible();
}
