/**
 * The plan editor against a real git server: the "Plans" list, folding by heading, typing and
 * panel edits kept as one (and undoable in one step), a crash that loses nothing, a sanitized preview, and tick → commit →
 * push landing as exactly one changed line on the server (a CRLF file staying CRLF).
 */
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, projectRoot, test, type FixtureRepo } from './fixtures';
import { cloneAndOpenRepo } from './workspace';
import { git, readRemoteFile } from '../support/repos';

const corpusDir = path.resolve(projectRoot, '../shared/corpus');

const PLAN = [
	'# Editor test plan',
	'',
	'## Purpose',
	'',
	'Checks the plan editor.',
	'',
	'## Progress',
	'',
	'- [ ] (2026-01-01) First step',
	'- [ ] Second step',
	'',
	'## Surprises & Discoveries',
	'',
	'- Observation: none yet.',
	'',
	'## Decision Log',
	'',
	'- Decision: Keep it small.',
	'  Rationale: It is a test.',
	'',
	'## Outcomes & Retrospective',
	'',
	'Nothing yet.',
	''
].join('\n');

/** Clones `fixture` through the workspace screen and opens its repo page. */
async function cloneRepo(page: Page, appUrl: string, fixture: FixtureRepo): Promise<void> {
	await page.goto(appUrl);
	await cloneAndOpenRepo(page, fixture.url, fixture.name);
}

/** Opens a plan from the "Plans" list and waits for the editor. */
async function openPlan(page: Page, planPath: string): Promise<void> {
	await page.getByRole('list', { name: 'Plans', exact: true }).getByRole('link', { name: planPath, exact: true }).click();
	await expect(editor(page)).toBeVisible();
}

function editor(page: Page) {
	return page.getByRole('textbox', { name: 'Plan text' });
}

/** The editor's lines as rendered (the fixtures are short, so every line is in the DOM). */
async function editorLines(page: Page): Promise<string[]> {
	return page.locator('.cm-content .cm-line').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
}

/** The text of the saved draft of `planPath` (any repo) in Waymark's own IndexedDB store, or null. */
async function draftText(page: Page, planPath: string): Promise<string | null> {
	return page.evaluate(
		(p) =>
			new Promise<string | null>((resolve, reject) => {
				const open = indexedDB.open('waymark');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const req = db.transaction('kv', 'readonly').objectStore('kv').openCursor();
					let found: string | null = null;
					req.onerror = () => reject(req.error);
					req.onsuccess = () => {
						const cursor = req.result;
						if (!cursor) {
							db.close();
							resolve(found);
							return;
						}
						const key = cursor.key;
						if (Array.isArray(key) && key[0] === 'draft' && key[2] === p) found = (cursor.value as { text: string }).text;
						cursor.continue();
					};
				};
			}),
		planPath
	);
}

/** Indexes where two line lists differ (same length expected). */
function changedLines(a: string[], b: string[]): number[] {
	expect(b).toHaveLength(a.length);
	return a.flatMap((line, i) => (line === b[i] ? [] : [i]));
}

/** Puts the cursor at the end of the editor line whose text is `text`. */
async function cursorAtEndOf(page: Page, text: string): Promise<void> {
	await page.locator('.cm-content .cm-line', { hasText: text }).first().click();
	await page.keyboard.press('End');
}

test('"Plans" groups ExecPlans, phase docs, step folders and roadmaps with progress; other Markdown is listed too', async ({ page, app, repo }) => {
	const fixture = repo('grouped', {
		'docs/plans/editor.md': PLAN,
		'docs/development/V1.0_PHASE_1.md': '# V1.0 - Phase 1: Start\n\n**Status**: In Progress\n**Token Budget**: 100K-200K tokens\n\n## Deliverables\n\n- [x] One\n- [ ] Two\n',
		'steps/01_setup.md': '# Step 01: Setup\n\n- [ ] Do it\n',
		'steps/02_build.md': '# Step 02: Build\n\n- [ ] Build it\n',
		'ROADMAP.md': '# Roadmap\n\n## Phase 1: A\n\n- [x] a\n\n## Phase 2: B\n\n- [ ] b\n',
		'README.md': '# Readme\n\nNot a plan.\n'
	});
	await cloneRepo(page, app.url, fixture);
	const plans = page.getByRole('list', { name: 'Plans', exact: true });
	// Outside readers look the list up by its name without `exact`: it must still be one list.
	await expect(page.getByRole('list', { name: 'Plans' })).toHaveCount(1);
	const groups: [string, string[]][] = [
		['ExecPlan files', ['docs/plans/editor.md']],
		['Phase docs', ['docs/development/V1.0_PHASE_1.md']],
		['Step folders', ['steps/01_setup.md', 'steps/02_build.md']],
		['Roadmaps', ['ROADMAP.md']]
	];
	for (const [name, paths] of groups) {
		const list = plans.getByRole('list', { name, exact: true });
		await expect(list.getByRole('link')).toHaveText(paths);
	}
	const row = (planPath: string) => plans.getByRole('listitem').filter({ has: page.getByRole('link', { name: planPath }) }).filter({ hasNot: page.getByRole('list') });
	const phaseRow = row('docs/development/V1.0_PHASE_1.md');
	await expect(phaseRow).toContainText('1/2');
	await expect(phaseRow).toContainText('In progress');
	await expect(phaseRow).toContainText('Next: Two');
	await expect(row('docs/plans/editor.md')).toContainText('0/2');
	await expect(page.getByRole('list', { name: 'Other Markdown files' }).getByRole('link', { name: 'README.md' })).toBeVisible();
	await expect(plans.getByRole('link', { name: 'README.md' })).toHaveCount(0);

	await plans.getByRole('link', { name: 'docs/plans/editor.md' }).click();
	await expect(editor(page)).toBeVisible();
	await expect(page.getByRole('region', { name: 'Progress' }).getByRole('checkbox')).toHaveCount(2);
});

test('typing a checklist line under Progress shows it in the panel; a tick changes exactly that line and undo reverts it in one step', async ({ page, app, repo }) => {
	const fixture = repo('typing', { 'docs/plans/editor.md': PLAN });
	await cloneRepo(page, app.url, fixture);
	await openPlan(page, 'docs/plans/editor.md');
	const progress = page.getByRole('region', { name: 'Progress' });
	await expect(progress.getByRole('checkbox')).toHaveCount(2);

	await cursorAtEndOf(page, '- [ ] Second step');
	await page.keyboard.press('Enter');
	// Markdown list continuation may already have written "- [ ] ": replace the new line's start.
	await page.keyboard.press('Shift+Home');
	await page.keyboard.type('- [ ] new item');
	await expect(progress.getByRole('checkbox', { name: 'new item' })).toBeVisible();
	await expect(progress.getByRole('checkbox')).toHaveCount(3);
	expect(await editorLines(page)).toContain('- [ ] new item');

	const before = await editorLines(page);
	await progress.getByRole('checkbox', { name: 'Second step' }).check();
	await expect(progress.getByRole('checkbox', { name: 'Second step' })).toBeChecked();
	const after = await editorLines(page);
	const changed = changedLines(before, after);
	expect(changed).toHaveLength(1);
	expect(before[changed[0]]).toBe('- [ ] Second step');
	expect(after[changed[0]]).toMatch(/^- \[x\] .*Second step$/);

	await editor(page).focus();
	await page.keyboard.press('Control+z');
	await expect(progress.getByRole('checkbox', { name: 'Second step' })).not.toBeChecked();
	expect(await editorLines(page)).toEqual(before);
	await expect(progress.getByRole('checkbox', { name: 'new item' })).toBeVisible();
});

/** Clicks the fold gutter's marker beside the editor line whose text is `text`. */
async function clickFoldMarker(page: Page, text: string, title: 'Fold line' | 'Unfold line'): Promise<void> {
	const line = await page.locator('.cm-content .cm-line', { hasText: text }).first().boundingBox();
	const markers = page.locator(`.cm-foldGutter .cm-gutterElement span[title="${title}"]`).filter({ visible: true });
	for (let i = 0; i < (await markers.count()); i++) {
		const box = await markers.nth(i).boundingBox();
		if (line && box && box.y < line.y + line.height && box.y + box.height > line.y) {
			await markers.nth(i).click();
			return;
		}
	}
	throw new Error(`no "${title}" marker beside ${text}`);
}

test('folding by heading: each heading has a fold marker; a click folds its section, the same place unfolds it', async ({ page, app, repo }) => {
	const fixture = repo('heading-fold', { 'docs/plans/editor.md': PLAN });
	await cloneRepo(page, app.url, fixture);
	await openPlan(page, 'docs/plans/editor.md');
	// Visible markers only: the gutter also holds a hidden spacer marker that sets its width.
	const foldMarkers = page.locator('.cm-foldGutter span[title="Fold line"]').filter({ visible: true });
	const unfoldMarkers = page.locator('.cm-foldGutter span[title="Unfold line"]').filter({ visible: true });
	// The title and the five sections; no marker on paragraphs or list items.
	await expect(foldMarkers).toHaveCount(6);
	await expect(unfoldMarkers).toHaveCount(0);

	await clickFoldMarker(page, '## Progress', 'Fold line');
	await expect(page.locator('.cm-content .cm-line', { hasText: 'First step' })).toHaveCount(0);
	await expect(page.locator('.cm-content .cm-line', { hasText: '## Surprises & Discoveries' })).toBeVisible();
	await expect(page.locator('.cm-foldPlaceholder')).toHaveCount(1);
	await expect(unfoldMarkers).toHaveCount(1);
	await expect(foldMarkers).toHaveCount(5);
	// Folding hides lines; the text and the panels are unchanged.
	await expect(page.getByRole('region', { name: 'Progress' }).getByRole('checkbox')).toHaveCount(2);

	// Typing elsewhere keeps the fold and the markers.
	await cursorAtEndOf(page, 'Checks the plan editor.');
	await page.keyboard.type(' More.');
	await expect(page.locator('.cm-content .cm-line', { hasText: 'Checks the plan editor. More.' })).toBeVisible();
	await expect(unfoldMarkers).toHaveCount(1);
	await expect(foldMarkers).toHaveCount(5);

	await clickFoldMarker(page, '## Progress', 'Unfold line');
	await expect(page.locator('.cm-content .cm-line', { hasText: 'First step' })).toBeVisible();
	await expect(page.locator('.cm-foldPlaceholder')).toHaveCount(0);
	await expect(foldMarkers).toHaveCount(6);
});

test('lint marks follow typing: a finding appears after an edit and goes once a progress entry is added', async ({ page, app, repo }) => {
	const fixture = repo('lint-marks', { 'docs/plans/editor.md': PLAN });
	await cloneRepo(page, app.url, fixture);
	await openPlan(page, 'docs/plans/editor.md');
	const info = page.locator('.cm-content .cm-lintRange-info');
	await expect(page.getByRole('region', { name: 'Progress' }).getByRole('checkbox')).toHaveCount(2);
	await expect(info).toHaveCount(0);

	// A change that records nothing: the silent-update finding is shown (on the title line).
	await cursorAtEndOf(page, 'Checks the plan editor.');
	await page.keyboard.type(' More.');
	await expect(info).toHaveCount(1);
	await expect(info).toContainText('Editor test plan');
	// More typing elsewhere keeps exactly that mark.
	await page.keyboard.type(' Again.');
	await expect(page.locator('.cm-content .cm-line', { hasText: 'More. Again.' })).toBeVisible();
	await expect(info).toHaveCount(1);

	// A new progress entry records the change: the finding goes.
	await cursorAtEndOf(page, '- [ ] Second step');
	await page.keyboard.press('Enter');
	await page.keyboard.press('Shift+Home');
	await page.keyboard.type('- [x] (2026-01-02) Third step');
	await expect(page.getByRole('region', { name: 'Progress' }).getByRole('checkbox')).toHaveCount(3);
	await expect(info).toHaveCount(0);
});

test('a page closed 200 ms after typing (no beforeunload) comes back with the text exactly', async ({ page, context, app, repo }) => {
	const fixture = repo('crash', { 'docs/plans/editor.md': PLAN });
	await cloneRepo(page, app.url, fixture);
	await openPlan(page, 'docs/plans/editor.md');
	const url = page.url();
	await cursorAtEndOf(page, 'Checks the plan editor.');
	await page.keyboard.type(' Typed before the crash.');
	const typed = await editorLines(page);
	expect(typed).toContain('Checks the plan editor. Typed before the crash.');
	// The draft is kept at every change (not only on pagehide): it is in IndexedDB before the close.
	await expect.poll(() => draftText(page, 'docs/plans/editor.md'), { timeout: 1_000 }).toBe(typed.join('\n'));
	await page.waitForTimeout(200);
	await page.close({ runBeforeUnload: false });

	const again = await context.newPage();
	await again.goto(url);
	await expect(editor(again)).toBeVisible();
	await expect.poll(() => editorLines(again)).toEqual(typed);
	await expect(again.getByText('Changed since last commit')).toBeVisible();
});

test('the preview is sanitized: the image and the link stay, no handler or javascript: URL survives, no script runs', async ({ page, app, repo }) => {
	const xss = [
		'# XSS plan',
		'',
		'## Progress',
		'',
		'- [ ] Look at the preview',
		'',
		'<img src=x onerror="window.__pwned=1">',
		'',
		'[x](javascript:window.__pwned=1)',
		'',
		'<script>window.__pwned=1</script>',
		'',
		'## Decision Log',
		'',
		'- Decision: none',
		''
	].join('\n');
	const fixture = repo('xss', { 'docs/plans/xss.md': xss });
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await cloneRepo(page, app.url, fixture);
	await openPlan(page, 'docs/plans/xss.md');
	await page.getByRole('button', { name: 'Preview' }).click();
	const preview = page.getByRole('region', { name: 'Preview' });
	await expect(preview.getByRole('heading', { name: 'XSS plan' })).toBeVisible();
	const img = preview.locator('img');
	await expect(img).toHaveCount(1);
	expect(await img.getAttribute('onerror')).toBeNull();
	const link = preview.getByText('x', { exact: true });
	await expect(link).toHaveCount(1);
	const href = await link.getAttribute('href');
	expect(href ?? '').not.toMatch(/^\s*javascript:/i);
	expect(await preview.locator('script').count()).toBe(0);
	expect(await preview.evaluate((el) => el.innerHTML)).not.toMatch(/onerror|javascript:/i);
	await page.waitForTimeout(300);
	expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
	expect(dialogs).toEqual([]);
});

/** Ticks the panel checkbox `name`, commits with the suggested message, pushes, and waits for "Everything pushed". */
async function tickCommitPush(page: Page, name: string): Promise<string> {
	const progress = page.getByRole('region', { name: 'Progress' });
	await progress.getByRole('checkbox', { name }).check();
	await expect(page.getByText('Changed since last commit')).toBeVisible();
	await page.getByRole('button', { name: 'Commit', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'Commit' });
	const message = dialog.getByRole('textbox', { name: 'Commit message' });
	await expect(message).toHaveValue(/^docs\(plan\): progress — tick “/);
	const text = await message.inputValue();
	await dialog.getByRole('textbox', { name: 'Author name' }).fill('Plan Tester');
	await dialog.getByRole('textbox', { name: 'Author email' }).fill('tester@waymark.invalid');
	await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByRole('status')).toHaveText(/^1 commit to push/);
	await page.getByRole('button', { name: 'Push', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });
	return text;
}

/** The `-`/`+` lines of native `git diff HEAD~1 HEAD` on the bare repo (headers left out). */
function remoteDiffLines(bare: string): string[] {
	return git(bare, 'diff', 'HEAD~1', 'HEAD')
		.split('\n')
		.filter((l) => /^[-+]/.test(l) && !/^(?:---|\+\+\+) /.test(l));
}

test('tick → Commit → Push: native git diff on the server shows exactly that one line', async ({ page, app, repo }) => {
	const fixture = repo('tick', { 'docs/plans/editor.md': PLAN });
	await cloneRepo(page, app.url, fixture);
	await openPlan(page, 'docs/plans/editor.md');
	const message = await tickCommitPush(page, 'Second step');
	const diff = remoteDiffLines(fixture.path);
	expect(diff).toHaveLength(2);
	expect(diff[0]).toBe('-- [ ] Second step');
	expect(diff[1]).toMatch(/^\+- \[x\] .*Second step$/);
	expect(git(fixture.path, 'log', '-1', '--format=%s%n%an <%ae>')).toBe(`${message}\nPlan Tester <tester@waymark.invalid>`);
	await expect(page.getByText('No uncommitted changes')).toBeVisible();
});

test('a BOM plan keeps its BOM after tick → Commit → Push; a plan that is not UTF-8 is refused, not opened', async ({ page, app, repo }) => {
	const bomPlan = '\uFEFF' + PLAN;
	const latin = Buffer.from([...Buffer.from('# Latin\n\n## Progress\n\n- [ ] Item '), 0xff, 0xfe, 0x0a]);
	const fixture = repo('bom', { 'docs/plans/bom.md': bomPlan, 'docs/plans/latin.md': latin });
	await cloneRepo(page, app.url, fixture);
	await openPlan(page, 'docs/plans/bom.md');
	// The editor shows the text after the mark, so its first line is the title heading.
	expect((await editorLines(page))[0]).toBe(PLAN.split('\n')[0]);
	await expect(page.locator('.cm-line').first().locator('.cm-specialChar')).toHaveCount(0);
	await tickCommitPush(page, 'Second step');
	const pushed = execFileSync('git', ['show', 'main:docs/plans/bom.md'], { cwd: fixture.path });
	expect([...pushed.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	expect(remoteDiffLines(fixture.path)).toHaveLength(2);

	await page.goBack();
	await page.getByRole('list', { name: 'Plans', exact: true }).getByRole('link', { name: 'docs/plans/latin.md', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('docs/plans/latin.md is not UTF-8 text, so Waymark does not open it');
	await expect(editor(page)).toHaveCount(0);
	expect(git(fixture.path, 'rev-list', '--count', 'main')).toBe('2');
	expect(execFileSync('git', ['show', 'main:docs/plans/latin.md'], { cwd: fixture.path })).toEqual(latin);
});

test('a 20,000-line plan (read in the plan worker) ticks, commits and pushes one line', async ({ page, app, repo }) => {
	const giant = readFileSync(path.join(corpusDir, 'llmspell-phase13-done-giant.md'), 'utf8');
	const planPath = 'docs/plans/giant.md';
	const fixture = repo('giant', { [planPath]: giant });
	await cloneRepo(page, app.url, fixture);
	await openPlan(page, planPath);
	// Its chunk scans came from the plan worker (the page's first parse ran no remark).
	expect(await page.evaluate(() => performance.getEntriesByName('waymark:plan:seeded').length)).toBe(1);
	const first = /^- \[ \] (.+)$/m.exec(giant)![1];
	await tickCommitPush(page, first);
	const diff = remoteDiffLines(fixture.path);
	expect(diff).toEqual([`-- [ ] ${first}`, expect.stringMatching(new RegExp(`^\\+- \\[x\\] .*${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))]);
});

test('a CRLF plan keeps CRLF on every line after tick → Commit → Push, with one line changed', async ({ page, app, repo }) => {
	const original = readFileSync(path.join(corpusDir, 'cheatsheet-christmas-plan-crlf.md'));
	const planPath = 'docs/plans/christmas.md';
	const fixture = repo('crlf', { [planPath]: original });
	await cloneRepo(page, app.url, fixture);
	await openPlan(page, planPath);
	await tickCommitPush(page, 'Create assets/christmas/ folder structure');

	const pushed = Buffer.from(readRemoteFile(fixture.path, planPath), 'utf8');
	const lf = [...pushed.entries()].filter(([, b]) => b === 0x0a).map(([i]) => i);
	expect(lf.length).toBe(original.filter((b) => b === 0x0a).length);
	expect(lf.every((i) => i > 0 && pushed[i - 1] === 0x0d)).toBe(true);
	const before = original.toString('utf8').split('\r\n');
	const after = pushed.toString('utf8').split('\r\n');
	const changed = changedLines(before, after);
	expect(changed).toHaveLength(1);
	expect(before[changed[0]]).toContain('- [ ] Create `assets/christmas/` folder structure');
	expect(after[changed[0]]).toMatch(/^\s*- \[x\] .*Create `assets\/christmas\/` folder structure/);
	expect(remoteDiffLines(fixture.path)).toHaveLength(2);
});
