/**
 * Tablet (iPad-sized viewport with touch): the quick update flow by taps alone, landing on the
 * server as one commit that native git reads back; the plan screen's panels as tabs; and every
 * visible control at least 44 × 44 px.
 */
import type { Page } from '@playwright/test';
import { expect, test, type FixtureRepo } from './fixtures';
import { submitClone } from './workspace';
import { fsckStrict, git, readRemoteFile } from '../support/repos';

test.use({ viewport: { width: 820, height: 1180 }, hasTouch: true });

const PLAN_PATH = 'docs/plans/boat.md';
const PLAN = [
	'# Boat plan',
	'',
	'**Token Budget**: 500K-800K tokens',
	'',
	'## Progress',
	'',
	'- [x] (2026-01-01) Buy the timber',
	'',
	'## Phase 1: Hull',
	'',
	'**Status**: In Progress',
	'**Token Budget**: 100K-200K tokens',
	'**Tokens Spent**: 20K tokens',
	'',
	'- [x] Draw the hull',
	'- [ ] Cut the planks',
	'- [ ] Steam the ribs',
	'',
	'## Phase 2: Rigging',
	'',
	'- [ ] Step the mast',
	'',
	'## Surprises & Discoveries',
	'',
	'- Observation: oak bends better wet.',
	'',
	'## Decision Log',
	'',
	'- Decision: Use oak.',
	'  Rationale: It lasts.',
	'',
	'## Outcomes & Retrospective',
	'',
	'Nothing yet.',
	''
].join('\n');

/** Selector of what a person can operate. */
const INTERACTIVE = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=tab], [role=button], [role=checkbox], [role=link], [tabindex]:not([tabindex="-1"])';

/** Every visible interactive element smaller than 44 × 44 px, described for the failure message. */
async function smallTargets(page: Page): Promise<string[]> {
	// Positive control: the selector does find the page's controls.
	expect(await page.locator(INTERACTIVE).count()).toBeGreaterThan(3);
	return page.locator(INTERACTIVE).evaluateAll((els) =>
		els.flatMap((el) => {
			const r = el.getBoundingClientRect();
			const style = getComputedStyle(el);
			if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || el.closest('[hidden], [inert]')) return [];
			// CodeMirror's text area is one big target; its inner parts are not separate controls.
			if (el.closest('.cm-editor') && !el.matches('.cm-content')) return [];
			if (r.width >= 44 && r.height >= 44) return [];
			const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
			return [`${el.tagName.toLowerCase()}${el.getAttribute('type') ? `[${el.getAttribute('type')}]` : ''} "${name}" ${Math.round(r.width)}×${Math.round(r.height)}`];
		})
	);
}

/** Clones through the workspace form (typing the URL is setup, not the flow under test). */
async function cloneByTouch(page: Page, appUrl: string, fixture: FixtureRepo): Promise<void> {
	await page.goto(appUrl);
	await submitClone(page, fixture.url, { press: 'tap' });
	await expect(page.getByRole('region', { name: 'Repositories' }).getByRole('link', { name: fixture.name, exact: true })).toBeVisible();
}

test('quick update by taps only: tick, + tokens, a surprise, commit and push reach the server', async ({ page, app, repo }) => {
	const fixture = repo('boat', { [PLAN_PATH]: PLAN });
	await cloneByTouch(page, app.url, fixture);
	expect(await smallTargets(page)).toEqual([]);

	const row = page.getByRole('list', { name: 'Next actions in boat' }).getByRole('listitem').filter({ has: page.getByText(PLAN_PATH, { exact: true }) });
	await row.getByRole('link', { name: 'Quick update' }).tap();
	await expect(page.getByRole('heading', { name: 'Quick update' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Next action' })).toContainText('Cut the planks');
	// The current phase's checklist (phase 1 is in progress), not the plan's Progress list.
	const list = page.getByRole('region', { name: 'Phase 1: Hull' });
	await expect(list.getByRole('checkbox')).toHaveCount(3);
	expect(await smallTargets(page)).toEqual([]);

	await list.getByRole('checkbox', { name: 'Cut the planks' }).tap();
	await expect(list.getByRole('checkbox', { name: 'Cut the planks' })).toBeChecked();
	await expect(page.getByRole('region', { name: 'Next action' })).toContainText('Steam the ribs');
	await page.getByRole('button', { name: '+10K tokens' }).tap();
	await page.getByRole('button', { name: 'Add surprise' }).tap();
	await page.getByRole('textbox', { name: 'Surprise' }).fill('Steam box leaks at the seams.');
	await page.getByRole('button', { name: 'Save' }).tap();
	await expect(page.getByText('Surprise added.')).toBeVisible();
	expect(await smallTargets(page)).toEqual([]);

	// First commit on this device: the author is asked once, right here.
	// Typed key by key: the fields stay while both are being filled in.
	await page.getByRole('textbox', { name: 'Author name' }).pressSequentially('Tablet Tester');
	await page.getByRole('textbox', { name: 'Author email' }).pressSequentially('tablet@waymark.invalid');
	await expect(page.getByRole('textbox', { name: 'Author email' })).toHaveValue('tablet@waymark.invalid');
	await expect(page.getByRole('textbox', { name: 'Commit message' })).toHaveValue(/^docs\(plan\): progress/);
	await page.getByRole('button', { name: 'Commit', exact: true }).tap();
	await expect(page.getByRole('status')).toHaveText(/^1 commit to push/);
	expect(git(fixture.path, 'rev-list', '--count', 'main')).toBe('1');
	await page.getByRole('button', { name: 'Push', exact: true }).tap();
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });

	// Native git on the bare repo: one new commit with exactly these changes.
	expect(git(fixture.path, 'rev-list', '--count', 'main')).toBe('2');
	expect(git(fixture.path, 'log', '-1', '--format=%an <%ae>')).toBe('Tablet Tester <tablet@waymark.invalid>');
	fsckStrict(fixture.path);
	const pushed = readRemoteFile(fixture.path, PLAN_PATH);
	const phase1 = pushed.slice(pushed.indexOf('## Phase 1: Hull'), pushed.indexOf('## Phase 2'));
	expect(phase1).toMatch(/^- \[x\] .*Cut the planks$/m);
	expect(phase1).toContain('- [ ] Steam the ribs');
	expect(phase1).toMatch(/\*\*Tokens Spent\*\*: 30K tokens/);
	expect(pushed.slice(pushed.indexOf('## Surprises'))).toContain('Steam box leaks at the seams.');
	// The plan's own Progress list and phase 2 are untouched.
	expect(pushed.slice(0, pushed.indexOf('## Phase 1'))).toBe(PLAN.slice(0, PLAN.indexOf('## Phase 1')));
	expect(pushed.slice(pushed.indexOf('## Phase 2'), pushed.indexOf('## Surprises'))).toBe(PLAN.slice(PLAN.indexOf('## Phase 2'), PLAN.indexOf('## Surprises')));
});

test('plan screen on a tablet: the panels are tabs, the editor takes the width, every control is 44 × 44', async ({ page, app, repo }) => {
	const fixture = repo('tabs', { [PLAN_PATH]: PLAN });
	await cloneByTouch(page, app.url, fixture);
	await page.getByRole('region', { name: 'Repositories' }).getByRole('link', { name: 'tabs', exact: true }).tap();
	await page.getByRole('list', { name: 'Plans', exact: true }).getByRole('link', { name: PLAN_PATH }).tap();
	const editor = page.getByRole('textbox', { name: 'Plan text' });
	await expect(editor).toBeVisible();

	const tabs = page.getByRole('tablist', { name: 'Plan views' });
	await expect(tabs.getByRole('tab')).toHaveText(['Editor', 'Outline', 'Progress', 'Phases', 'Budget', 'Notes']);
	await expect(tabs.getByRole('tab', { name: 'Editor' })).toHaveAttribute('aria-selected', 'true');
	// The editor takes the width (less the page padding), and the panels are out of the way.
	const box = await page.locator('.cm-editor').boundingBox();
	expect(box!.width).toBeGreaterThan(820 - 80);
	await expect(page.getByRole('region', { name: 'Progress' })).toBeHidden();
	expect(await smallTargets(page)).toEqual([]);

	const panels: [string, string][] = [
		['Progress', 'Progress'],
		['Phases', 'Phases'],
		['Budget', 'Token budget'],
		['Notes', 'Surprises & Discoveries']
	];
	for (const [tab, region] of panels) {
		await tabs.getByRole('tab', { name: tab }).tap();
		await expect(tabs.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
		await expect(page.getByRole('region', { name: region })).toBeVisible();
		await expect(editor).toBeHidden();
		expect(await smallTargets(page), `targets on the ${tab} tab`).toEqual([]);
	}
	await expect(page.getByRole('region', { name: 'Decision Log' })).toBeVisible();

	// A panel edit made on a tab reaches the editor's text.
	await tabs.getByRole('tab', { name: 'Progress' }).tap();
	const bought = page.getByRole('region', { name: 'Progress' }).getByRole('checkbox', { name: 'Buy the timber' });
	await expect(bought).toBeChecked();
	await bought.tap();
	await expect(bought).not.toBeChecked();
	await expect(page.getByText('Changed since last commit')).toBeVisible();
	await tabs.getByRole('tab', { name: 'Editor' }).tap();
	await expect(editor).toBeVisible();
	await expect(editor).toContainText('- [ ] (2026-01-01) Buy the timber');

	// Keyboard: arrows move between tabs.
	await tabs.getByRole('tab', { name: 'Editor' }).focus();
	await page.keyboard.press('ArrowRight');
	await expect(tabs.getByRole('tab', { name: 'Outline' })).toBeFocused();
	await expect(tabs.getByRole('tab', { name: 'Outline' })).toHaveAttribute('aria-selected', 'true');
	await expect(page.getByRole('navigation', { name: 'Outline' })).toBeVisible();
	expect(await smallTargets(page)).toEqual([]);

	// A panel command from the palette shows its tab and opens its form there.
	await page.getByRole('button', { name: 'Commands' }).tap();
	await page.getByRole('combobox', { name: 'Command' }).fill('Add surprise');
	await page.getByRole('option', { name: 'Add surprise' }).tap();
	await expect(tabs.getByRole('tab', { name: 'Notes' })).toHaveAttribute('aria-selected', 'true');
	await expect(page.getByRole('textbox', { name: 'Surprise' })).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Surprise' })).toBeFocused();
});

test('the repository page at iPad size: every control is 44 × 44', async ({ page, app, repo }) => {
	const fixture = repo('repo-page', { [PLAN_PATH]: PLAN, 'README.md': '# Readme\n' });
	await cloneByTouch(page, app.url, fixture);
	await page.getByRole('region', { name: 'Repositories' }).getByRole('link', { name: 'repo-page', exact: true }).tap();
	await expect(page.getByRole('list', { name: 'Plans', exact: true }).getByRole('link', { name: PLAN_PATH })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Export unpushed work' })).toBeVisible();
	expect(await smallTargets(page)).toEqual([]);
});

test('on a desktop-wide window there are no tabs: editor and panels side by side', async ({ page, app, repo }) => {
	await page.setViewportSize({ width: 1280, height: 900 });
	const fixture = repo('wide', { [PLAN_PATH]: PLAN });
	await cloneByTouch(page, app.url, fixture);
	await page.getByRole('region', { name: 'Repositories' }).getByRole('link', { name: 'wide', exact: true }).click();
	await page.getByRole('list', { name: 'Plans', exact: true }).getByRole('link', { name: PLAN_PATH }).click();
	await expect(page.getByRole('textbox', { name: 'Plan text' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Progress' })).toBeVisible();
	await expect(page.getByRole('tablist')).toHaveCount(0);
});
