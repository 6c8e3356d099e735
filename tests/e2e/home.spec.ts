/**
 * The home screen of next actions: for every repo its plans' next action, progress (n/m) and
 * unpushed commits, read from the clones in the browser; and search across every plan's text.
 */
import type { Page } from '@playwright/test';
import { expect, test, type FixtureRepo } from './fixtures';
import { submitClone } from './workspace';

const ALPHA = [
	'# Alpha plan',
	'',
	'## Progress',
	'',
	'- [x] (2026-01-01) Sketch the harbour map',
	'- [ ] Measure the lighthouse beam',
	'- [ ] Paint the buoys',
	'',
	'## Surprises & Discoveries',
	'',
	'- Observation: the tide tables were wrong.',
	''
].join('\n');

const BETA = [
	'# V2.0 - Phase 3: Rigging',
	'',
	'**Status**: In Progress',
	'',
	'## Deliverables',
	'',
	'- [x] Order the ropes',
	'- [x] Splice the halyard',
	'- [ ] Tension the shrouds with a quokka-grade winch',
	''
].join('\n');

/** Clones `fixture` through the workspace form and waits for its link. */
async function clone(page: Page, fixture: FixtureRepo): Promise<void> {
	await submitClone(page, fixture.url);
	await expect(page.getByRole('region', { name: 'Repositories' }).getByRole('link', { name: fixture.name, exact: true })).toBeVisible();
}

/** The home's entry for one plan (a list item of the repo's next actions). */
function planRow(page: Page, repoName: string, planPath: string) {
	return page
		.getByRole('list', { name: `Next actions in ${repoName}` })
		.getByRole('listitem')
		.filter({ has: page.getByText(planPath, { exact: true }) });
}

test('home lists every repo’s plans with next action, progress and unpushed commits; search finds text in any plan', async ({ page, app, repo }) => {
	const alpha = repo('harbour', { 'docs/plans/alpha.md': ALPHA, 'README.md': '# Harbour\n\nNot a plan; mentions the lighthouse.\n' });
	const beta = repo('rigging', { 'docs/development/V2.0_PHASE_3.md': BETA });
	await page.goto(app.url);
	await clone(page, alpha);
	await clone(page, beta);

	const next = page.getByRole('region', { name: 'Next actions' });
	await expect(next).toBeVisible();
	const a = planRow(page, 'harbour', 'docs/plans/alpha.md');
	await expect(a).toContainText('1/3');
	await expect(a).toContainText('Next: Measure the lighthouse beam');
	const b = planRow(page, 'rigging', 'docs/development/V2.0_PHASE_3.md');
	await expect(b).toContainText('2/3');
	await expect(b).toContainText('Next: Tension the shrouds with a quokka-grade winch');
	await expect(next.getByRole('group', { name: 'harbour' })).toContainText('Nothing waiting to push');
	// The repos' own links stay the only links named by the repo.
	await expect(page.getByRole('link', { name: 'harbour' })).toHaveCount(1);
	await expect(page.getByRole('link', { name: 'rigging' })).toHaveCount(1);

	// Search: every plan of every repo, not other Markdown files.
	const search = page.getByRole('searchbox', { name: 'Search plans' });
	await search.fill('quokka');
	const results = page.getByRole('list', { name: 'Search results' });
	await expect(results.getByRole('link')).toHaveText(['rigging: docs/development/V2.0_PHASE_3.md, line 9']);
	await expect(results).toContainText('Tension the shrouds with a quokka-grade winch');
	await search.fill('lighthouse');
	await expect(results.getByRole('link')).toHaveText(['harbour: docs/plans/alpha.md, line 6']);
	await search.fill('TIDE tables');
	await expect(results.getByRole('link')).toHaveText(['harbour: docs/plans/alpha.md, line 11']);
	await search.fill('no-such-word-anywhere');
	await expect(page.getByText('No plan mentions “no-such-word-anywhere”.')).toBeVisible();
	await expect(results).toHaveCount(0);

	// A result opens the plan.
	await search.fill('quokka');
	await results.getByRole('link').click();
	await expect(page.getByRole('textbox', { name: 'Plan text' })).toBeVisible();
	await expect(page).toHaveURL(/\/plan\/docs\/development\/V2\.0_PHASE_3\.md$/);

	// Tick the next action there and commit (no push): home counts the unpushed commit and the new progress.
	await page.getByRole('checkbox', { name: 'Tension the shrouds with a quokka-grade winch' }).first().check();
	await page.getByRole('button', { name: 'Commit', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'Commit' });
	await dialog.getByRole('textbox', { name: 'Author name' }).fill('Home Tester');
	await dialog.getByRole('textbox', { name: 'Author email' }).fill('home@waymark.invalid');
	await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByRole('status')).toHaveText(/^1 commit to push/);

	await page.goto(app.url);
	const b2 = planRow(page, 'rigging', 'docs/development/V2.0_PHASE_3.md');
	await expect(b2).toContainText('3/3');
	await expect(b2).toContainText('No open item');
	await expect(next.getByRole('group', { name: 'rigging' })).toContainText('1 commit not pushed');
	await expect(next.getByRole('group', { name: 'harbour' })).toContainText('Nothing waiting to push');

	// "Quick update" from home opens that plan's quick view.
	await planRow(page, 'harbour', 'docs/plans/alpha.md').getByRole('link', { name: 'Quick update' }).click();
	await expect(page.getByRole('heading', { name: 'Quick update' })).toBeVisible();
	await expect(page.getByText('Measure the lighthouse beam').first()).toBeVisible();
});

test('a repo open for editing in another tab is named as such on home; the glance never takes its lock', async ({ page, context, app, repo }) => {
	const alpha = repo('held', { 'docs/plans/alpha.md': ALPHA });
	const beta = repo('free', { 'docs/development/V2.0_PHASE_3.md': BETA });
	await page.goto(app.url);
	await clone(page, alpha);
	await clone(page, beta);
	await expect(planRow(page, 'held', 'docs/plans/alpha.md')).toContainText('1/3');
	// Home only glanced at both repos: the repo page, in a fresh tab, gets the write lock.
	const editor = await context.newPage();
	await page.close();
	await editor.goto(app.url);
	await editor.getByRole('region', { name: 'Repositories' }).getByRole('link', { name: 'held', exact: true }).click();
	await expect(editor.getByRole('list', { name: 'Plans', exact: true }).getByRole('link', { name: 'docs/plans/alpha.md' })).toBeVisible();
	await expect(editor.getByRole('alert')).toHaveCount(0);

	// A second tab's home: the held repo says why it shows no plans; the other repo is read.
	const second = await context.newPage();
	await second.goto(app.url);
	await expect(planRow(second, 'free', 'docs/development/V2.0_PHASE_3.md')).toContainText('2/3');
	await expect(second.getByRole('region', { name: 'Next actions' }).getByRole('group', { name: 'held' })).toContainText('open for editing in another Waymark tab', { timeout: 20_000 });
	// The editing tab keeps working.
	await editor.getByRole('list', { name: 'Plans', exact: true }).getByRole('link', { name: 'docs/plans/alpha.md' }).click();
	await expect(editor.getByRole('textbox', { name: 'Plan text' })).toBeVisible();
	await expect(editor.getByRole('alert')).toHaveCount(0);

	// Once the editing tab is closed, home reads the repo again.
	await editor.close();
	await second.reload();
	await expect(planRow(second, 'held', 'docs/plans/alpha.md')).toContainText('1/3', { timeout: 20_000 });
});
