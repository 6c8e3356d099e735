/**
 * Phases against a real git server, every result read back with native git: "Complete phase 2"
 * is exactly one commit on top of the old head, touching only phase 2's lines, with the summary's
 * numbers equal to the hand-computed fixture; "+ tokens" twice then complete adds up; an open
 * dependency warns without blocking; ROADMAP.md goes into the same commit when accepted; "Start
 * phase" in a phase-doc repo creates the phase document from the template; a usage log imported
 * in the browser writes each phase's Tokens Spent; the budget chart says its figures in words;
 * completing a version's last phase can archive its documents and bump VERSION in the same commit;
 * "Spend over time" charts the total spent at each commit of the plan.
 */
import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type FixtureRepo } from './fixtures';
import { cloneAndOpenPlan } from './workspace';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cloneNative, fsckStrict, git, readRemoteFile } from '../support/repos';
import { OLD_VERSION_DOC, PHASE_DOC_1, PHASE_DOC_2_PATH, PHASE_DOCS_REPO } from '../support/phase-docs';
import { PHASES_PLAN, PHASES_PLAN_PATH, PHASES_ROADMAP, PHASES_USAGE_JSONL } from '../support/phase-plan';
import { parsePlan } from '../../src/lib/plan/parse';
import { allPhases } from '../../src/lib/plan/deps';
import { phaseDocOffer } from '../../src/lib/plan/phase-start';

const today = () => new Date().toISOString().slice(0, 10);

// Tall enough that CodeMirror renders every line of the fixtures (it renders only what is in view).
test.use({ viewport: { width: 1280, height: 2400 } });

/** Clones `fixture` through the workspace screen and opens the phased plan. */
async function cloneAndOpen(page: Page, appUrl: string, fixture: FixtureRepo, planPath = PHASES_PLAN_PATH): Promise<void> {
	await page.goto(appUrl);
	await cloneAndOpenPlan(page, fixture.url, fixture.name, planPath);
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/);
}

/** The phase commit message saved in Waymark's own database (`waymark` / `kv`, key `settings`), in the page. */
function savedPhaseMessage(): Promise<string | null> {
	return new Promise((resolve, reject) => {
		const open = indexedDB.open('waymark');
		open.onerror = () => reject(open.error);
		open.onsuccess = () => {
			const db = open.result;
			if (!db.objectStoreNames.contains('kv')) {
				db.close();
				resolve(null);
				return;
			}
			const get = db.transaction('kv', 'readonly').objectStore('kv').get('settings');
			get.onsuccess = () => {
				db.close();
				resolve((get.result as { phaseMessage?: string } | undefined)?.phaseMessage ?? null);
			};
			get.onerror = () => reject(get.error);
		};
	});
}

/** The editor's lines as rendered (with the tall viewport above, every line of these fixtures is in the DOM). */
async function editorLines(page: Page): Promise<string[]> {
	return page.locator('.cm-content .cm-line').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
}

function count(bare: string): number {
	return Number(git(bare, 'rev-list', '--count', 'main'));
}

/** 1-based line range of phase `n`'s section in `text`: its heading to the line before the next `## ` heading. */
function sectionLines(text: string, heading: string): { first: number; last: number } {
	const lines = text.split('\n');
	const start = lines.indexOf(heading);
	expect(start).toBeGreaterThanOrEqual(0);
	let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
	if (end < 0) end = lines.length;
	return { first: start + 1, last: end };
}

/** Old-side line ranges of the hunks of `git diff -U0 main~1 main -- path` on the bare repo. */
function oldHunks(bare: string, filePath: string): { start: number; count: number }[] {
	const out = git(bare, 'diff', '-U0', 'main~1', 'main', '--', filePath);
	return [...out.matchAll(/^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@/gm)].map((m) => ({ start: Number(m[1]), count: m[2] === undefined ? 1 : Number(m[2]) }));
}

/** Fills the Complete dialog's author and confirms. */
async function confirmComplete(page: Page, dialog: ReturnType<Page['getByRole']>): Promise<void> {
	await dialog.getByRole('textbox', { name: 'Author name' }).fill('Phase Tester');
	await dialog.getByRole('textbox', { name: 'Author email' }).fill('phases@waymark.invalid');
	await dialog.getByRole('button', { name: 'Complete and commit' }).click();
	await expect(dialog).toBeHidden();
}

test('Complete phase 2 → one commit on the old head, only phase 2’s lines, summary numbers as hand-computed, pushed at once', async ({ page, app, repo }) => {
	const fixture = repo('complete', { [PHASES_PLAN_PATH]: PHASES_PLAN, 'README.md': '# Auth\n' });
	await cloneAndOpen(page, app.url, fixture);
	const oldHead = git(fixture.path, 'rev-parse', 'main');
	const before = count(fixture.path);

	await page.getByRole('region', { name: 'Phases' }).getByRole('button', { name: 'Complete phase 2', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'Complete phase 2' });
	await expect(dialog).toBeVisible();
	const changes = dialog.getByRole('region', { name: 'What will change' });
	await expect(changes).toContainText('Heading: ✅ Phase 2: Integration');
	await expect(changes).toContainText('2 open checkboxes ticked');
	await expect(changes).toContainText(`Completed: ${today()}`);
	// 300K against 400K–600K × 1.5 = 600K–900K: (600K − 300K) / 600K = 50% under.
	await expect(changes).toContainText('Tokens used: 300K of 600K–900K');
	await expect(changes).toContainText('Efficiency: 50% under');
	await expect(dialog).not.toContainText('depends on');
	await dialog.getByRole('textbox', { name: 'Lessons learned' }).fill('Mock the clock early.');
	await expect(changes).toContainText('**Lessons Learned**: Mock the clock early.');
	// Nothing changed yet: the dialog only previews.
	await expect(page.getByText('No uncommitted changes')).toBeVisible();
	await confirmComplete(page, dialog);
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });

	expect(count(fixture.path)).toBe(before + 1);
	expect(git(fixture.path, 'rev-parse', 'main^')).toBe(oldHead);
	expect(git(fixture.path, 'log', '-1', '--format=%s%n%an <%ae>')).toBe('feat(plan): complete Phase 2 — Integration\nPhase Tester <phases@waymark.invalid>');
	expect(git(fixture.path, 'show', '--name-only', '--format=', 'main')).toBe(PHASES_PLAN_PATH);
	const region = sectionLines(PHASES_PLAN, '## Phase 2: Integration');
	const hunks = oldHunks(fixture.path, PHASES_PLAN_PATH);
	expect(hunks.length).toBeGreaterThan(0);
	for (const h of hunks) {
		// A pure insertion (count 0) goes after line `start`; a change covers start..start+count-1.
		expect(h.start).toBeGreaterThanOrEqual(region.first);
		expect(h.count === 0 ? h.start : h.start + h.count - 1).toBeLessThanOrEqual(region.last);
	}

	const pushed = readRemoteFile(fixture.path, PHASES_PLAN_PATH);
	const phases = allPhases(parsePlan(pushed));
	const p2 = phases.find((p) => p.id === '2');
	expect(p2).toMatchObject({ status: 'done', completed: today() });
	expect(p2?.tasks.map((t) => t.state)).toEqual(['done', 'done', 'done']);
	expect(phases.find((p) => p.id === '1')?.status).toBe('done');
	expect(phases.find((p) => p.id === '3')?.status).toBe('open');
	const p2Text = pushed.slice(p2?.span.start, p2?.span.end);
	expect(p2Text).toContain('## ✅ Phase 2: Integration\n');
	expect(p2Text).toContain('**Status**: Complete\n');
	expect(p2Text).toContain(
		[`**Completed**: ${today()}`, '**Token Usage**: 300K / 600K-900K adjusted estimate', '**Efficiency**: 50% under', '**Lessons Learned**: Mock the clock early.'].join('\n')
	);
	fsckStrict(fixture.path);
	await expect(page.getByText('No uncommitted changes')).toBeVisible();
	// The dependency graph no longer shows phase 3 waiting on an open phase 2.
	await expect(page.getByRole('region', { name: 'Phases' }).getByRole('img')).toHaveAttribute('aria-label', 'Dependencies. Phase 2 depends on phase 1. Phase 3 depends on phase 2.');
});

test('"+ tokens" twice then Complete phase 2: the spend adds up in the plan and in the summary', async ({ page, app, repo }) => {
	const fixture = repo('tokens', { [PHASES_PLAN_PATH]: PHASES_PLAN });
	await cloneAndOpen(page, app.url, fixture);
	const before = count(fixture.path);
	const budget = page.getByRole('region', { name: 'Token budget' });
	const add = budget.getByRole('textbox', { name: 'Tokens to add to phase 2' });
	await add.fill('60K');
	await budget.getByRole('button', { name: '+ tokens' }).click();
	await expect.poll(() => editorLines(page)).toContain('**Tokens Spent**: 360K tokens');
	await add.fill('30,000');
	await budget.getByRole('button', { name: '+ tokens' }).click();
	await expect.poll(() => editorLines(page)).toContain('**Tokens Spent**: 390K tokens');

	await page.getByRole('region', { name: 'Phases' }).getByRole('button', { name: 'Complete phase 2', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'Complete phase 2' });
	// 300K + 60K + 30K = 390K against 600K–900K: (600K − 390K) / 600K = 35% under.
	await expect(dialog.getByRole('region', { name: 'What will change' })).toContainText('Tokens used: 390K of 600K–900K');
	await expect(dialog.getByRole('region', { name: 'What will change' })).toContainText('Efficiency: 35% under');
	await confirmComplete(page, dialog);
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });

	expect(count(fixture.path)).toBe(before + 1);
	const pushed = readRemoteFile(fixture.path, PHASES_PLAN_PATH);
	const p2 = allPhases(parsePlan(pushed)).find((p) => p.id === '2');
	expect(p2?.budget?.spent).toBe(390_000);
	expect(pushed).toContain('**Tokens Spent**: 390K tokens\n');
	expect(pushed).toContain('**Token Usage**: 390K / 600K-900K adjusted estimate\n**Efficiency**: 35% under\n');
	expect(git(fixture.path, 'log', '-1', '--format=%s')).toBe('feat(plan): complete Phase 2 — Integration');
});

test('completing a phase whose dependency is open warns, does not block, and Cancel changes nothing', async ({ page, app, repo }) => {
	const fixture = repo('blocked', { [PHASES_PLAN_PATH]: PHASES_PLAN });
	await cloneAndOpen(page, app.url, fixture);
	const before = count(fixture.path);
	const lines = await editorLines(page);
	const graph = page.getByRole('region', { name: 'Phases' }).getByRole('img');
	await expect(graph).toHaveAttribute('aria-label', 'Dependencies. Phase 2 depends on phase 1. Phase 3 depends on phase 2 (not complete).');

	await page.getByRole('region', { name: 'Phases' }).getByRole('button', { name: 'Complete phase 3', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'Complete phase 3' });
	await expect(dialog).toContainText('Phase 3 depends on phase 2, which is not complete yet.');
	const checklist = dialog.getByRole('region', { name: 'Phase transition checklist' });
	await expect(checklist).toContainText('1 of 1 item still open');
	await expect(checklist).toContainText('No Tokens Spent recorded');
	await expect(dialog.getByRole('button', { name: 'Complete and commit' })).toBeEnabled();
	// The dialog passes axe in both colour schemes (serious and critical findings); axe is slow on a shared two-core machine.
	test.setTimeout(240_000);
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		const results = await new AxeBuilder({ page }).include('dialog[open]').analyze();
		expect(results.passes.length).toBeGreaterThan(5);
		expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
	}
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog).toBeHidden();
	expect(await editorLines(page)).toEqual(lines);
	await expect(page.getByText('No uncommitted changes')).toBeVisible();
	expect(count(fixture.path)).toBe(before);
});

test('the command palette (Mod-K) offers the plan’s phases as they are: Complete phase 2 opens its dialog', async ({ page, app, repo }) => {
	const fixture = repo('palette', { [PHASES_PLAN_PATH]: PHASES_PLAN });
	await cloneAndOpen(page, app.url, fixture);
	await page.locator('.cm-content').click();
	await page.keyboard.press('Control+k');
	const command = page.getByRole('combobox', { name: 'Command' });
	await command.fill('phase');
	const options = page.getByRole('listbox', { name: 'Commands' }).getByRole('option');
	// Phase 1 is done: nothing to start or complete there; 2 and 3 can be completed, 3 started.
	await expect(options).toHaveText(['Complete phase 2', 'Start phase 3', 'Complete phase 3']);
	await page.getByRole('option', { name: 'Complete phase 2' }).click();
	await expect(page.getByRole('dialog', { name: 'Complete phase 2' })).toBeVisible();
});

test('Complete phase 2 with the ROADMAP.md update: one commit holding exactly the plan and ROADMAP.md', async ({ page, app, repo }) => {
	const fixture = repo('roadmap', { [PHASES_PLAN_PATH]: PHASES_PLAN, 'ROADMAP.md': PHASES_ROADMAP, 'README.md': '# Auth\n' });
	await cloneAndOpen(page, app.url, fixture);
	const oldHead = git(fixture.path, 'rev-parse', 'main');
	await page.getByRole('region', { name: 'Phases' }).getByRole('button', { name: 'Complete phase 2', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'Complete phase 2' });
	const checklist = dialog.getByRole('region', { name: 'Phase transition checklist' });
	await expect(checklist).toContainText('does not mention Phase 2 yet');
	await dialog.getByRole('checkbox', { name: /Also update ROADMAP\.md/ }).check();
	await expect(checklist).toContainText('“What We Just Finished” names this phase.');
	await confirmComplete(page, dialog);
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });

	expect(git(fixture.path, 'rev-parse', 'main^')).toBe(oldHead);
	expect(git(fixture.path, 'show', '--name-only', '--format=', 'main').split('\n').sort()).toEqual(['ROADMAP.md', PHASES_PLAN_PATH].sort());
	expect(readRemoteFile(fixture.path, 'ROADMAP.md')).toBe(
		['# Roadmap', '', '## Current Work', '', '## What We Just Finished', '', `- Phase 2: Integration (completed ${today()})`, '- Phase 1: Foundation (completed 2026-11-05)', ''].join('\n')
	);
	fsckStrict(fixture.path);
});

test('Start phase 3 in a phase-doc repo creates docs/development/V1.2.0_PHASE_3.md from the template', async ({ page, app, repo }) => {
	const phase1Doc = '# V1.2.0 - Phase 1: Foundation\n\n**Status**: Complete\n**Token Budget**: 500K-800K tokens\n\n## Deliverables\n\n- [x] JWT service\n';
	const fixture = repo('phasedoc', {
		VERSION: '1.2.0\n',
		[PHASES_PLAN_PATH]: PHASES_PLAN,
		'docs/development/V1.2.0_PHASE_1.md': phase1Doc,
		'ROADMAP.md': PHASES_ROADMAP
	});
	await cloneAndOpen(page, app.url, fixture);
	await page.getByRole('region', { name: 'Phases' }).getByRole('button', { name: 'Start phase 3', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'Start phase 3' });
	const create = dialog.getByRole('checkbox', { name: 'Create docs/development/V1.2.0_PHASE_3.md from the phase template' });
	await expect(create).toBeChecked();
	await dialog.getByRole('checkbox', { name: 'Add phase 3 to ROADMAP.md “Current Work”' }).check();
	await dialog.getByRole('button', { name: 'Start', exact: true }).click();
	await expect(dialog).toBeHidden();
	// The plan records the start of phase 3 in its own lines.
	const lines = await editorLines(page);
	const p3 = lines.indexOf('## Phase 3: Polish');
	expect(lines.slice(p3, p3 + 5)).toContain('**Status**: In Progress');
	expect(lines.slice(p3, p3 + 5)).toContain(`**Started**: ${today()}`);

	const docPath = 'docs/development/V1.2.0_PHASE_3.md';
	await page.getByRole('link', { name: `Open ${docPath}` }).click();
	await expect(page.getByRole('textbox', { name: 'Plan text' })).toBeVisible();
	const phase3 = allPhases(parsePlan(PHASES_PLAN)).find((p) => p.id === '3');
	if (!phase3) throw new Error('fixture has no phase 3');
	const expected = phaseDocOffer({ paths: ['VERSION', PHASES_PLAN_PATH], versionText: '1.2.0\n', planPath: PHASES_PLAN_PATH, phase: phase3, now: new Date() });
	expect(expected?.path).toBe(docPath);
	await expect.poll(() => editorLines(page)).toEqual(expected?.text.split('\n'));
	expect(expected?.text).toContain('# V1.2.0 - Phase 3: Polish\n\n**Status**: In Progress\n');
	expect(expected?.text).toContain('**Token Budget**: 300K-500K tokens\n');

	// Committed from its own page, it reaches the server as the template wrote it.
	await page.getByRole('button', { name: 'Commit', exact: true }).click();
	const commit = page.getByRole('dialog', { name: 'Commit' });
	await commit.getByRole('textbox', { name: 'Commit message' }).fill('docs: start phase 3');
	await commit.getByRole('textbox', { name: 'Author name' }).fill('Phase Tester');
	await commit.getByRole('textbox', { name: 'Author email' }).fill('phases@waymark.invalid');
	await commit.getByRole('button', { name: 'Commit', exact: true }).click();
	await expect(commit).toBeHidden();
	await page.getByRole('button', { name: 'Push', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });
	expect(readRemoteFile(fixture.path, docPath)).toBe(expected?.text);
	expect(git(fixture.path, 'show', '--name-only', '--format=', 'main')).toBe(docPath);

	// ROADMAP.md got the phase under "Current Work" (on this device, for its own commit).
	await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'phasedoc' }).click();
	await page.getByRole('list', { name: 'Plans', exact: true }).getByRole('link', { name: 'ROADMAP.md', exact: true }).click();
	await expect(page.getByRole('textbox', { name: 'Plan text' })).toBeVisible();
	await expect
		.poll(() => editorLines(page))
		.toEqual(['# Roadmap', '', '## Current Work', '', `- Phase 3: Polish (started ${today()})`, '- Phase 2: Integration (started 2026-11-06)', '', '## What We Just Finished', '', '- Phase 1: Foundation (completed 2026-11-05)', '']);
});

test('Import usage log: a Claude Code JSONL split by phase dates writes Tokens Spent; a foreign file gets a clear error', async ({ page, app, repo }) => {
	const fixture = repo('spend', { [PHASES_PLAN_PATH]: PHASES_PLAN });
	await cloneAndOpen(page, app.url, fixture);
	const budget = page.getByRole('region', { name: 'Token budget' });
	await budget.getByRole('button', { name: 'Import usage log' }).click();
	const file = budget.getByLabel('Usage log file');

	await file.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"foo": 1}') });
	await expect(budget.getByRole('alert')).toContainText('"notes.json" is not');

	await file.setInputFiles({ name: 'session.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(PHASES_USAGE_JSONL) });
	await expect(budget.getByRole('alert')).toHaveCount(0);
	await expect(budget).toContainText('3 messages from session.jsonl (Claude Code session log). Skipped 1 malformed line. 1 repeated line counted once.');
	// Kinds apart, with the default choice: input + output + cache writes count, cache reads do not.
	await expect(budget.getByRole('checkbox', { name: 'Count input (16,000)' })).toBeChecked();
	await expect(budget.getByRole('checkbox', { name: 'Count output (37,000)' })).toBeChecked();
	await expect(budget.getByRole('checkbox', { name: 'Count cache writes (33,000)' })).toBeChecked();
	await expect(budget.getByRole('checkbox', { name: 'Count cache reads (951,000)' })).not.toBeChecked();
	const table = budget.getByRole('table', { name: 'Imported spend per phase' });
	await expect(table.getByRole('row', { name: /^Phase 2 / })).toContainText('80,000');
	await expect(table.getByRole('row', { name: /^Phase 1 / })).toContainText('6,000');

	await budget.getByRole('button', { name: 'Write spend' }).click();
	await expect.poll(() => editorLines(page)).toContain('**Tokens Spent**: 80K tokens');
	const lines = await editorLines(page);
	const spentLines = lines.filter((l) => l.startsWith('**Tokens Spent**'));
	expect(spentLines).toEqual(['**Tokens Spent**: 6K tokens', '**Tokens Spent**: 80K tokens']);
	const phases = allPhases(parsePlan(lines.join('\n')));
	expect(phases.map((p) => p.budget?.spent ?? null)).toEqual([6_000, 80_000, null]);
	// The chart reads the new figures out: 80K against 600K–900K.
	await expect(budget.getByRole('img', { name: /^Budget band/ })).toHaveAttribute('aria-label', /Phase 2: 80K spent of 600K–900K/);
});

test('Complete phase 2 with the server down: the commit waits in the outbox and arrives once the server is back', async ({ page, app, gitServer, repo }) => {
	const fixture = repo('offline', { [PHASES_PLAN_PATH]: PHASES_PLAN });
	await cloneAndOpen(page, app.url, fixture);
	const before = count(fixture.path);
	await gitServer.stop();
	await page.getByRole('region', { name: 'Phases' }).getByRole('button', { name: 'Complete phase 2', exact: true }).click();
	await confirmComplete(page, page.getByRole('dialog', { name: 'Complete phase 2' }));
	await expect(page.getByRole('status')).toHaveText(/^1 commit to push/);
	await expect(page.getByText('No uncommitted changes')).toBeVisible();
	expect(count(fixture.path)).toBe(before);

	await gitServer.start();
	await page.getByRole('button', { name: 'Push', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });
	expect(count(fixture.path)).toBe(before + 1);
	expect(git(fixture.path, 'log', '-1', '--format=%s')).toBe('feat(plan): complete Phase 2 — Integration');
});

test('Set budget from the panel writes the range, the reality-check tier and the adjusted estimate into the phase', async ({ page, app, repo }) => {
	const fixture = repo('budget', { [PHASES_PLAN_PATH]: PHASES_PLAN });
	await cloneAndOpen(page, app.url, fixture);
	const budget = page.getByRole('region', { name: 'Token budget' });
	await budget.getByRole('combobox', { name: 'Budget for' }).selectOption({ label: 'Phase 3' });
	await budget.getByRole('textbox', { name: 'Token budget range' }).fill('200K-300K');
	await budget.getByRole('combobox', { name: 'Reality check' }).selectOption({ label: '🟠 Docker Networking (2.5x)' });
	await budget.getByRole('button', { name: 'Set budget' }).click();
	await expect.poll(() => editorLines(page)).toContain('**Token Budget**: 200K-300K tokens');
	const lines = await editorLines(page);
	const p3 = lines.indexOf('## Phase 3: Polish');
	const block = lines.slice(p3, lines.indexOf('- [ ] Error handling'));
	expect(block).toContain('**Reality Check**: 🟠 Docker Networking (2.5x)');
	expect(block).toContain('**Adjusted Estimate**: 500K-750K tokens');
	// Phases 1 and 2 keep their budgets.
	expect(lines.filter((l) => l.startsWith('**Token Budget**'))).toEqual(['**Token Budget**: 500K-800K tokens', '**Token Budget**: 400K-600K tokens', '**Token Budget**: 200K-300K tokens']);
	await expect(budget.getByRole('row', { name: /^3 / })).toContainText('500K–750K');
});

test('Skip phase 3 with a reason writes its status line; a skipped phase can be started again', async ({ page, app, repo }) => {
	const fixture = repo('skip', { [PHASES_PLAN_PATH]: PHASES_PLAN });
	await cloneAndOpen(page, app.url, fixture);
	const phasesPanel = page.getByRole('region', { name: 'Phases' });
	await phasesPanel.getByRole('button', { name: 'Skip phase 3', exact: true }).click();
	await phasesPanel.getByRole('textbox', { name: 'Reason for skipping phase 3' }).fill('polish moves to v1.3');
	await phasesPanel.getByRole('button', { name: 'Skip', exact: true }).click();
	await expect.poll(() => editorLines(page)).toContain('**Status**: Skipped — polish moves to v1.3');
	const p3 = allPhases(parsePlan((await editorLines(page)).join('\n'))).find((p) => p.id === '3');
	expect(p3).toMatchObject({ status: 'skipped' });
	// A skipped phase can be started again, not skipped twice.
	await expect(phasesPanel.getByRole('button', { name: 'Start phase 3', exact: true })).toBeVisible();
	await expect(phasesPanel.getByRole('button', { name: 'Skip phase 3', exact: true })).toHaveCount(0);
});

test('the phase commit message follows the format set in Settings', async ({ page, app, repo }) => {
	const fixture = repo('format', { [PHASES_PLAN_PATH]: PHASES_PLAN });
	await page.goto(app.url);
	const format = page.getByRole('region', { name: 'Settings' }).getByRole('textbox', { name: 'Phase commit message' });
	await expect(format).toHaveValue('feat(plan): complete Phase {n} — {title}');
	await format.fill('docs(plan): phase {n} done — {title}');
	await format.blur();
	// The setting is in IndexedDB before the page is left (leaving at once could abort the write).
	await expect.poll(() => page.evaluate(savedPhaseMessage)).toBe('docs(plan): phase {n} done — {title}');
	await cloneAndOpen(page, app.url, fixture);
	await page.getByRole('region', { name: 'Phases' }).getByRole('button', { name: 'Complete phase 2', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'Complete phase 2' });
	await expect(dialog).toContainText('docs(plan): phase 2 done — Integration');
	await confirmComplete(page, dialog);
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });
	expect(git(fixture.path, 'log', '-1', '--format=%s')).toBe('docs(plan): phase 2 done — Integration');
});

test('Complete the last phase of version 1.2.0 with the archive: one commit moving the version’s documents, VERSION and ROADMAP.md, then the plan at its new path', async ({ page, app, repo }) => {
	const fixture = repo('archive', PHASE_DOCS_REPO);
	await cloneAndOpen(page, app.url, fixture, PHASE_DOC_2_PATH);
	const oldHead = git(fixture.path, 'rev-parse', 'main');
	const before = count(fixture.path);
	const month = new Date().toISOString().slice(0, 7);
	const folder = `docs/archive/development-history/${month}`;

	await page.getByRole('region', { name: 'Phases' }).getByRole('button', { name: 'Complete phase 2', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'Complete phase 2' });
	const close = dialog.getByRole('region', { name: 'Close version 1.2.0' });
	await expect(close).toBeVisible();
	// Only this version's documents move: not V1.1.0's, not the folder's README.
	await expect(close.getByRole('list', { name: 'Documents to archive' }).getByRole('listitem')).toHaveText([
		`docs/development/V1.2.0_PHASE_1.md → ${folder}/V1.2.0_PHASE_1.md`,
		`docs/development/V1.2.0_PHASE_2.md → ${folder}/V1.2.0_PHASE_2.md`
	]);
	const archive = close.getByRole('checkbox', { name: `Move version 1.2.0’s 2 documents to ${folder}/ in this commit` });
	const version = close.getByRole('checkbox', { name: 'Update VERSION (now 1.2.0) in this commit' });
	await expect(archive).not.toBeChecked();
	await expect(version).not.toBeChecked();
	const next = close.getByRole('textbox', { name: 'Next version' });
	await expect(next).toHaveValue('1.3.0');
	await expect(next).toBeDisabled();
	await archive.check();
	await version.check();
	await expect(next).toBeEnabled();
	// Only spaces pass `required` but name no version: the dialog says so and stays open, nothing committed.
	await next.fill('   ');
	await dialog.getByRole('textbox', { name: 'Author name' }).fill('Phase Tester');
	await dialog.getByRole('textbox', { name: 'Author email' }).fill('phases@waymark.invalid');
	await dialog.getByRole('button', { name: 'Complete and commit' }).click();
	await expect(close.getByRole('alert')).toHaveText('Enter the next version, or untick “Update VERSION”.');
	await expect(dialog).toBeVisible();
	expect(git(fixture.path, 'rev-parse', 'main')).toBe(oldHead);
	await next.fill('2.0.0');
	await expect(close.getByRole('alert')).toHaveCount(0);
	// The version section passes axe too (serious and critical findings).
	test.setTimeout(180_000);
	const axe = await new AxeBuilder({ page }).include('dialog[open]').analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
	await dialog.getByRole('checkbox', { name: /Also update ROADMAP\.md/ }).check();
	await confirmComplete(page, dialog);

	// The plan's own file moved: the screen follows it and says so.
	const newPath = `${folder}/V1.2.0_PHASE_2.md`;
	await expect(page).toHaveURL(new RegExp(`/plan/${newPath.replace(/[.]/g, '\\.')}$`));
	await expect(page.getByRole('heading', { name: newPath, exact: true })).toBeVisible();
	await expect(page.getByText(`This plan moved from ${PHASE_DOC_2_PATH} to ${newPath}`)).toBeVisible();
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });
	await expect(page.getByText('No uncommitted changes')).toBeVisible();

	expect(count(fixture.path)).toBe(before + 1);
	expect(git(fixture.path, 'rev-parse', 'main^')).toBe(oldHead);
	expect(git(fixture.path, 'log', '-1', '--format=%s')).toBe('feat(plan): complete Phase 2 — Integration');
	// Exactly the moves and the two changed files, nothing else.
	expect(git(fixture.path, 'show', '--no-renames', '--name-status', '--format=', 'main').split('\n').sort()).toEqual(
		[
			'M\tROADMAP.md',
			'M\tVERSION',
			'D\tdocs/development/V1.2.0_PHASE_1.md',
			'D\tdocs/development/V1.2.0_PHASE_2.md',
			`A\t${folder}/V1.2.0_PHASE_1.md`,
			`A\t${newPath}`
		].sort()
	);
	// Phase 1 moved unchanged: git sees a pure rename (phase 2's similarity depends on its summary's length).
	expect(git(fixture.path, 'show', '-M', '--name-status', '--format=', 'main').split('\n')).toContain(`R100\tdocs/development/V1.2.0_PHASE_1.md\t${folder}/V1.2.0_PHASE_1.md`);
	expect(readRemoteFile(fixture.path, 'VERSION')).toBe('2.0.0\n');
	expect(readRemoteFile(fixture.path, `${folder}/V1.2.0_PHASE_1.md`)).toBe(PHASE_DOC_1);
	expect(readRemoteFile(fixture.path, 'docs/development/V1.1.0_PHASE_1.md')).toBe(OLD_VERSION_DOC);
	const p2 = allPhases(parsePlan(readRemoteFile(fixture.path, newPath))).find((p) => p.id === '2');
	expect(p2).toMatchObject({ status: 'done', completed: today() });
	expect(readRemoteFile(fixture.path, 'ROADMAP.md')).toContain(`## What We Just Finished\n\n- Phase 2: Integration (completed ${today()})\n`);
	fsckStrict(fixture.path);

	// A native clone is clean and has the files where the commit put them.
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'waymark-archive-'));
	try {
		const native = await cloneNative(fixture.path, path.join(tmp, 'clone'));
		expect(git(native, 'status', '--porcelain')).toBe('');
		expect(git(native, 'ls-files', 'docs').split('\n')).toEqual(['docs/archive/development-history/' + month + '/V1.2.0_PHASE_1.md', newPath, 'docs/development/README.md', 'docs/development/V1.1.0_PHASE_1.md']);
	} finally {
		rmSync(tmp, { recursive: true, force: true });
	}

	// The browser's working tree agrees: the repo lists the archived plans, not the old paths, and nothing is left uncommitted.
	await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'archive' }).click();
	const plans = page.getByRole('list', { name: 'Plans', exact: true });
	await expect(plans.getByRole('link', { name: newPath, exact: true })).toBeVisible();
	await expect(plans.getByRole('link', { name: PHASE_DOC_2_PATH, exact: true })).toHaveCount(0);
	await expect(plans.getByRole('link', { name: 'docs/development/V1.2.0_PHASE_1.md', exact: true })).toHaveCount(0);
	// The old path is gone from this device too: opening it finds no file and no draft brings it back.
	await page.goto(`${app.url}/repo/${page.url().split('/repo/')[1].split('/')[0]}/plan/${PHASE_DOC_2_PATH}`);
	await expect(page.getByRole('alert')).toBeVisible();
	await expect(page.getByRole('textbox', { name: 'Plan text' })).toHaveCount(0);
});

test('Spend over time: one point per commit of the plan, with the totals its history records, including two "+ tokens" commits', async ({ page, app, repo }) => {
	// History: a README-only commit, the plan at 700K (2026-11-01), a README commit, the plan at 900K (2026-11-03).
	const fixture = repo('spendtime', { 'README.md': '# Auth\n' });
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'waymark-spendtime-'));
	try {
		const work = await cloneNative(fixture.path, path.join(tmp, 'work'));
		const commitAt = (date: string, files: Record<string, string>, message: string) => {
			for (const [p, text] of Object.entries(files)) writeFileSync(path.join(work, p), text);
			git(work, 'add', '-A');
			// Made then: the chart plots the committer's time (sync re-creates commits with a new one).
			process.env.GIT_COMMITTER_DATE = date;
			try {
				git(work, 'commit', '-q', `--date=${date}`, '-m', message);
			} finally {
				delete process.env.GIT_COMMITTER_DATE;
			}
		};
		mkdirSync(path.join(work, 'docs/development'), { recursive: true });
		commitAt('2026-11-01T09:00:00Z', { [PHASES_PLAN_PATH]: PHASES_PLAN.replace('**Tokens Spent**: 300K tokens', '**Tokens Spent**: 100K tokens') }, 'plan at 700K');
		commitAt('2026-11-02T09:00:00Z', { 'README.md': '# Auth service\n' }, 'readme');
		commitAt('2026-11-03T09:00:00Z', { [PHASES_PLAN_PATH]: PHASES_PLAN }, 'plan at 900K');
		git(work, 'push', '-q', 'origin', 'main');
	} finally {
		rmSync(tmp, { recursive: true, force: true });
	}
	await cloneAndOpen(page, app.url, fixture);
	const budget = page.getByRole('region', { name: 'Token budget' });
	const add = budget.getByRole('textbox', { name: 'Tokens to add to phase 2' });
	const commitNow = async (message: string) => {
		await page.getByRole('button', { name: 'Commit', exact: true }).click();
		const dialog = page.getByRole('dialog', { name: 'Commit' });
		await dialog.getByRole('textbox', { name: 'Commit message' }).fill(message);
		await dialog.getByRole('textbox', { name: 'Author name' }).fill('Phase Tester');
		await dialog.getByRole('textbox', { name: 'Author email' }).fill('phases@waymark.invalid');
		await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
		await expect(dialog).toBeHidden();
	};
	await add.fill('60K');
	await budget.getByRole('button', { name: '+ tokens' }).click();
	await expect.poll(() => editorLines(page)).toContain('**Tokens Spent**: 360K tokens');
	await commitNow('docs(plan): spend 60K');
	await add.fill('30K');
	await budget.getByRole('button', { name: '+ tokens' }).click();
	await expect.poll(() => editorLines(page)).toContain('**Tokens Spent**: 390K tokens');
	await commitNow('docs(plan): spend 30K');
	await page.getByRole('button', { name: 'Push', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });

	// The plan's commits as native git has them on the server, oldest first: short id and time.
	const log = git(fixture.path, 'log', '--reverse', '--format=%h %ct', 'main', '--', PHASES_PLAN_PATH)
		.split('\n')
		.map((l) => l.split(' '));
	expect(log).toHaveLength(4);
	const at = (s: string) => new Date(Number(s) * 1000).toISOString().slice(0, 16).replace('T', ' ');
	// Hand-computed totals: phase 1's 600K plus phase 2's 100K, 300K, 360K, 390K.
	const totals = ['700,000', '900,000', '960,000', '990,000'];
	const chart = budget.getByRole('region', { name: 'Spend over time' });
	const rows = chart.getByRole('table').locator('tbody tr');
	await expect(rows).toHaveCount(4, { timeout: 30_000 });
	await expect(rows).toHaveText(log.map(([h, t], i) => `${h}${at(t)}${totals[i]}`));
	expect(at(log[0][1])).toBe('2026-11-01 09:00');
	expect(at(log[1][1])).toBe('2026-11-03 09:00');
	await expect(chart.getByRole('img', { name: `Spend over time, 4 commits: 700K on 2026-11-01 to 990K on ${at(log[3][1]).slice(0, 10)}` })).toBeVisible();
	// The SVG draws one dot per commit, on a step line.
	await expect(chart.locator('svg circle')).toHaveCount(4);
	await expect(chart.locator('svg path.line')).toHaveAttribute('d', /^M[\d.]+,[\d.]+(H[\d.]+V[\d.]+){3}$/);
});

test('Spend over time reads the history only once the Budget panel is shown (tablet tabs)', async ({ page, app, repo }) => {
	const fixture = repo('spendlazy', { [PHASES_PLAN_PATH]: PHASES_PLAN });
	await page.setViewportSize({ width: 820, height: 1180 });
	await cloneAndOpen(page, app.url, fixture);
	const chart = page.getByRole('region', { name: 'Spend over time', includeHidden: true });
	// The plan is open and synced, the Budget tab is not shown: nothing read yet.
	await expect(chart).toBeHidden();
	await expect(chart).toContainText('The history is read when this chart is shown.');
	await expect(chart.locator('tbody tr')).toHaveCount(0);
	await page.getByRole('tablist', { name: 'Plan views' }).getByRole('tab', { name: 'Budget' }).click();
	await expect(chart).toBeVisible();
	const head = git(fixture.path, 'log', '-1', '--format=%h', 'main');
	await expect(chart.getByRole('table').locator('tbody tr')).toHaveText([new RegExp(`^${head}\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d900,000$`)]);
});
