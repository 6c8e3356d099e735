/**
 * axe-core on every screen — home, repo, plan, quick update — in the light and the dark theme
 * (the system's colour scheme), with no serious or critical violation; plus visible focus.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { submitClone } from './workspace';

const PLAN_PATH = 'docs/plans/a11y.md';
const PLAN = [
	'# Accessible plan',
	'',
	'**Token Budget**: 200K-400K tokens',
	'',
	'## Progress',
	'',
	'- [x] (2026-01-01) Write the outline',
	'- [ ] Check the contrast',
	'',
	'See <https://example.invalid/contrast> and `code`.',
	'',
	'---',
	'',
	'## Phase 1: Colours',
	'',
	'**Status**: In Progress',
	'**Token Budget**: 100K-200K tokens',
	'**Tokens Spent**: 50K tokens',
	'',
	'- [ ] Pick the palette',
	'',
	'## Phase 2: Focus',
	'',
	'- [ ] Outline every control',
	'',
	'## Surprises & Discoveries',
	'',
	'- Observation: grey on grey fails.',
	'',
	'## Decision Log',
	'',
	'- Decision: Follow the system theme.',
	'  Rationale: People chose it.',
	'',
	'## Outcomes & Retrospective',
	'',
	'Nothing yet.',
	'',
	'## Open Questions',
	'',
	'- Is high contrast mode needed?',
	''
].join('\n');

/** Serious and critical axe violations on the page as it is, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).analyze();
	// Positive control: axe really ran rules on this page.
	expect(results.passes.length).toBeGreaterThan(10);
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

for (const scheme of ['light', 'dark'] as const) {
	test(`no serious or critical axe violation on home, repo, plan and quick update (${scheme})`, async ({ page, app, repo }) => {
		// Seven full axe scans of a big DOM (CodeMirror, panels) on a shared two-core machine.
		test.setTimeout(240_000);
		await page.emulateMedia({ colorScheme: scheme });
		const fixture = repo(`axe-${scheme}`, { [PLAN_PATH]: PLAN, 'README.md': '# Readme\n' });
		await page.goto(app.url);
		// The theme follows the system: the page background differs between the schemes.
		const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
		expect(bg).toBe(scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(13, 17, 23)');
		expect(await seriousViolations(page), 'empty home').toEqual([]);

		await submitClone(page, fixture.url, { branch: null });
		const next = page.getByRole('list', { name: `Next actions in ${fixture.name}` });
		await expect(next).toContainText('Check the contrast');
		await page.getByRole('searchbox', { name: 'Search plans' }).fill('contrast');
		await expect(page.getByRole('list', { name: 'Search results' })).toBeVisible();
		expect(await seriousViolations(page), 'home with a repo').toEqual([]);

		await page.getByRole('region', { name: 'Repositories' }).getByRole('link', { name: fixture.name, exact: true }).click();
		await expect(page.getByRole('list', { name: 'Plans', exact: true })).toBeVisible();
		// The Progress section's count, as its panel shows it (the phases' checkboxes are theirs).
		await expect(page.getByRole('list', { name: 'Plans', exact: true })).toContainText('1/2');
		expect(await seriousViolations(page), 'repo page').toEqual([]);

		await page.getByRole('list', { name: 'Plans', exact: true }).getByRole('link', { name: PLAN_PATH }).click();
		await expect(page.getByRole('textbox', { name: 'Plan text' })).toBeVisible();
		await expect(page.getByRole('region', { name: 'Progress' })).toBeVisible();
		expect(await seriousViolations(page), 'plan page').toEqual([]);
		// The editor follows the theme too: its caret and text use the page's own colours.
		const fg = await page.evaluate(() => getComputedStyle(document.body).color);
		await page.getByRole('textbox', { name: 'Plan text' }).click();
		await expect(page.locator('.cm-cursor').first()).toHaveCSS('border-left-color', fg);
		await expect(page.locator('.cm-content')).toHaveCSS('color', fg);
		// Forms open too.
		await page.getByRole('button', { name: 'Add decision' }).click();
		await expect(page.getByRole('textbox', { name: 'Rationale' })).toBeVisible();
		expect(await seriousViolations(page), 'plan page with a form open').toEqual([]);

		await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Quick update' }).click();
		await expect(page.getByRole('heading', { name: 'Quick update' })).toBeVisible();
		await expect(page.getByRole('checkbox', { name: 'Pick the palette' })).toBeVisible();
		expect(await seriousViolations(page), 'quick update').toEqual([]);

		// Tablet width: the tabs.
		await page.setViewportSize({ width: 820, height: 1180 });
		await page.getByRole('link', { name: 'Open in editor' }).click();
		await expect(page.getByRole('tablist', { name: 'Plan views' })).toBeVisible();
		expect(await seriousViolations(page), 'plan page as tabs').toEqual([]);
	});
}

test('keyboard focus is visible on every kind of control', async ({ page, app }) => {
	await page.goto(app.url);
	await expect(page.getByRole('button', { name: 'Clone' })).toBeVisible();
	for (const target of [page.getByRole('textbox', { name: 'Repository URL' }), page.getByRole('button', { name: 'Clone' }), page.getByRole('button', { name: 'Open demo' })]) {
		await target.focus();
		await page.keyboard.press('Shift+Tab');
		await page.keyboard.press('Tab');
		await expect(target).toBeFocused();
		const outline = await target.evaluate((el) => {
			const s = getComputedStyle(el);
			return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
		});
		expect(outline.style).not.toBe('none');
		expect(outline.width).toBeGreaterThanOrEqual(2);
	}
});

/** Presses Tab until `target` has focus (at most `max` times); fails if it never does. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 60): Promise<void> {
	for (let i = 0; i < max; i++) {
		if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
		await page.keyboard.press('Tab');
	}
	await expect(target).toBeFocused();
}

test('quick update by keyboard alone, with a visible focus ring on each control', async ({ page, app, repo }) => {
	const fixture = repo('keys', { [PLAN_PATH]: PLAN });
	await page.goto(app.url);
	await page.getByRole('textbox', { name: 'Repository URL' }).fill(fixture.url);
	await page.keyboard.press('Enter');
	const quick = page.getByRole('list', { name: 'Next actions in keys' }).getByRole('link', { name: 'Quick update' });
	await tabTo(page, quick);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Quick update' })).toBeVisible();

	const box = page.getByRole('checkbox', { name: 'Pick the palette' });
	await tabTo(page, box);
	expect(await box.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
	await page.keyboard.press('Space');
	await expect(box).toBeChecked();

	const add = page.getByRole('button', { name: 'Add surprise' });
	await tabTo(page, add);
	expect(await add.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('textbox', { name: 'Surprise' })).toBeFocused();
	await page.keyboard.type('Focus rings were missing on links.');
	await tabTo(page, page.getByRole('button', { name: 'Save' }));
	await page.keyboard.press('Enter');
	await expect(page.getByText('Surprise added.')).toBeVisible();
	await expect(page.getByText('Changed since last commit')).toBeVisible();
});
