/**
 * The plan editor with git underneath: a decision in a plan that keeps a dated log lands as a
 * dated `- Decision:` entry; a remote change arriving while the plan has unsaved typing is merged
 * into the open editor without losing the typing or moving the cursor.
 */
import type { Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type FixtureRepo } from './fixtures';
import { submitClone } from './workspace';
import { cloneNative, git, gitAsync, readRemoteFile } from '../support/repos';

const DATED = `# Release plan

## Progress Log

### 2026-11-01 10:30
- Completed: repository set up
- Decision: Ship weekly
  Rationale: small batches

## Notes

Free text.
`;

const EXEC = `# Sync plan

## Purpose

Keep two machines in step.

## Progress

- [ ] First step
- [ ] Second step

## Surprises & Discoveries

- Observation: nothing yet.
  Evidence: none.

## Decision Log

- Decision: Start.
  Rationale: Because.

## Outcomes & Retrospective

Nothing yet.
`;

let scratch: string;
test.beforeAll(() => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'waymark-e2e-plansync-'));
});
test.afterAll(() => {
	rmSync(scratch, { recursive: true, force: true });
});

/** Clones through the UI and opens `planPath`. */
async function open(page: Page, appUrl: string, fixture: FixtureRepo, planPath: string): Promise<void> {
	await page.goto(appUrl);
	await submitClone(page, fixture.url);
	await page.getByRole('link', { name: fixture.name }).click();
	await page.getByRole('link', { name: planPath, exact: true }).first().click();
	await expect(page.getByRole('textbox', { name: 'Plan text' })).toBeVisible();
}

/** Adds a decision (no author) in the Decision Log panel, then commits and pushes it. */
async function addDecisionCommitPush(page: Page, decision: string, rationale: string): Promise<void> {
	const decisions = page.getByRole('region', { name: 'Decision Log' });
	await decisions.getByRole('button', { name: 'Add decision' }).click();
	await decisions.getByRole('textbox', { name: 'Decision' }).fill(decision);
	await decisions.getByRole('textbox', { name: 'Rationale' }).fill(rationale);
	await decisions.getByRole('textbox', { name: 'Author' }).fill('');
	await decisions.getByRole('button', { name: 'Save' }).click();
	await expect(decisions).toContainText(decision);

	await page.getByRole('button', { name: 'Commit', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'Commit' });
	await dialog.getByRole('textbox', { name: 'Author name' }).fill('Ann');
	await dialog.getByRole('textbox', { name: 'Author email' }).fill('ann@example.com');
	await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
	await page.getByRole('button', { name: 'Push', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });
}

const HEADING_LOG = `# Heading log plan

## Progress

### 2026-01-05 10:00 UTC - Set up the repo

Cloned and configured.

### 2026-01-06 11:30 UTC - Wrote the parser

## Decision Log

1. **Use remark**: it is well kept.
   Rationale: many users.
2. **Keep offsets**: edits need them.
   Rationale: minimal diffs.

## Outcomes & Retrospective

- First week went well.
`;

test('a plan that logs progress as dated headings and decisions as a numbered list gets new entries in those forms', async ({ page, app, repo }) => {
	const planPath = 'docs/plans/heading-log.md';
	const fixture = repo('heading-log', { [planPath]: HEADING_LOG });
	await open(page, app.url, fixture, planPath);
	const progress = page.getByRole('region', { name: 'Progress' });
	// A log entry is done when written: shown ticked, with nothing to change.
	const entry = progress.getByRole('checkbox', { name: 'Set up the repo' });
	await expect(entry).toBeChecked();
	await expect(entry).toBeDisabled();
	await expect(progress.getByRole('combobox', { name: 'State of Set up the repo' })).toHaveCount(0);

	await progress.getByRole('button', { name: 'Add progress item' }).click();
	await progress.getByRole('textbox', { name: 'Progress item' }).fill('Shipped the first build');
	await progress.getByRole('button', { name: 'Save' }).click();
	await expect(progress.getByRole('checkbox', { name: 'Shipped the first build' })).toBeChecked();
	await addDecisionCommitPush(page, 'Freeze on Fridays', 'weekend safety');

	const pushed = readRemoteFile(fixture.path, planPath);
	// Insert-only: every line of the plan is still there, in order, and the new ones are in the plan's forms.
	const added = git(fixture.path, 'diff', 'HEAD~1', 'HEAD').split('\n').filter((l) => /^[-+]/.test(l) && !/^(?:---|\+\+\+) /.test(l));
	expect(added.filter((l) => l.startsWith('-'))).toEqual([]);
	expect(pushed).toMatch(/### 2026-01-06 11:30 UTC - Wrote the parser\n\n### \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC - Shipped the first build\n/);
	expect(pushed).toMatch(/2\. \*\*Keep offsets\*\*: edits need them\.\n {3}Rationale: minimal diffs\.\n3\. .*Freeze on Fridays.*\n {3}.*weekend safety/);
});

test('a decision in a dated-log plan lands as a dated "- Decision:" entry with its rationale, not a new section', async ({ page, app, repo }) => {
	const fixture = repo('dated', { 'docs/plans/release.md': DATED });
	await open(page, app.url, fixture, 'docs/plans/release.md');
	await addDecisionCommitPush(page, 'Freeze on Fridays', 'weekend safety');

	const pushed = readRemoteFile(fixture.path, 'docs/plans/release.md');
	expect(pushed).toMatch(/### \d{4}-\d{2}-\d{2} \d{2}:\d{2}\n\n- Decision: Freeze on Fridays\n {2}Rationale: weekend safety\n\n## Notes/);
	expect(pushed).not.toMatch(/## Decision Log/);
	expect(pushed.startsWith(DATED.slice(0, DATED.indexOf('## Notes')))).toBe(true);
});

test('a remote change reaches the open editor on fetch: unsaved typing kept, cursor unmoved', async ({ page, app, repo }) => {
	const fixture = repo('remote-change', { 'docs/plans/sync.md': EXEC });
	await open(page, app.url, fixture, 'docs/plans/sync.md');
	const editor = page.getByRole('textbox', { name: 'Plan text' });

	// Unsaved typing in Purpose; the cursor stays at its end.
	await editor.getByText('Keep two machines in step.').click();
	await page.keyboard.press('End');
	await page.keyboard.type(' Typed here');
	const cursorBefore = await page.evaluate(() => {
		const sel = window.getSelection();
		return sel?.anchorNode?.textContent ?? '';
	});
	expect(cursorBefore).toContain('Typed here');

	// Another machine adds a Surprise and pushes.
	const other = await cloneNative(fixture.path, path.join(scratch, 'other'));
	const file = path.join(other, 'docs/plans/sync.md');
	writeFileSync(file, readFileSync(file, 'utf8').replace('  Evidence: none.\n', '  Evidence: none.\n- Observation: the other machine was here.\n  Evidence: its commit.\n'));
	git(other, 'commit', '-qam', 'native: surprise');
	await gitAsync(other, 'push', '-q', 'origin', 'main');

	// Focus comes back to the app: it fetches.
	await page.evaluate(() => window.dispatchEvent(new Event('focus')));
	await expect(page.getByRole('region', { name: 'Surprises & Discoveries' })).toContainText('the other machine was here', { timeout: 30_000 });
	await expect(editor).toContainText('Keep two machines in step. Typed here');
	await expect(editor).toContainText('- Observation: the other machine was here.');
	// The cursor is still right after the typing: typing more continues the same line.
	await page.keyboard.type('!');
	await expect(editor).toContainText('Keep two machines in step. Typed here!');
	await expect(page.getByText('Changed since last commit')).toBeVisible();
});
