/**
 * Commit, push and sync through the UI against the real git server, every result read back with
 * native git: the exact commit, a remote that moved (entries from both sides, one tick, summed
 * spend, linear history), a real conflict resolved with the other version kept on waymark/…,
 * the outbox across a stopped server and a reload, a 500 during push, a token asked for at push
 * time, and a push through the CORS proxy.
 */
import type { Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type FixtureRepo } from './fixtures';
import { cloneAndOpenPlan } from './workspace';
import { startCorsProxy } from '../support/cors-proxy';
import { startGitServer } from '../support/git-server';
import { cloneNative, createBareRepo, fsckStrict, git, gitAsync, readRemoteFile, remoteLog } from '../support/repos';

const PLAN_PATH = 'docs/plans/ship.md';
const PLAN = `# Ship the parser

**Tokens Spent:** 10,000 tokens

## Purpose

Parse plans.

## Progress

- [x] (2026-11-01 10:00Z) Set up the repo
- [ ] Write the parser
- [ ] Ship it

## Surprises & Discoveries

- Observation: remark keeps positions.
  Evidence: tests.

## Decision Log

- Decision: Use remark.
  Rationale: It is well kept.
  Date/Author: 2026-11-01 / ann

## Outcomes & Retrospective

Nothing yet.
`;
const FILES = {
	[PLAN_PATH]: PLAN,
	'README.md': '# Project\n',
	'src/main.ts': 'export const x = 1;\n',
	'src/deep/util.ts': 'export {};\n',
	'assets/data.json': '{"a": 1}\n'
};

let scratch: string;
test.beforeAll(() => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'waymark-e2e-sync-'));
});
test.afterAll(() => {
	rmSync(scratch, { recursive: true, force: true });
});

/** Clones through the workspace screen (optionally with a token / proxy) and opens the plan. */
async function cloneAndOpen(page: Page, appUrl: string, url: string, name: string, opts: { proxy?: string } = {}): Promise<void> {
	await page.goto(appUrl);
	await cloneAndOpenPlan(page, url, name, PLAN_PATH, { proxy: opts.proxy ?? '' });
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/);
}

/** Opens the commit dialog, sets message and author, commits. */
async function commit(page: Page, message: string): Promise<void> {
	await page.getByRole('button', { name: 'Commit', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'Commit' });
	await dialog.getByRole('textbox', { name: 'Commit message' }).fill(message);
	await dialog.getByRole('textbox', { name: 'Author name' }).fill('Ann Example');
	await dialog.getByRole('textbox', { name: 'Author email' }).fill('ann@example.com');
	await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
	await expect(dialog).toBeHidden();
}

/** Presses Push. */
async function push(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Push', exact: true }).click();
}

/** A native clone that commits `edit(text)` of the plan and pushes it. */
async function nativeChange(fixture: FixtureRepo, edit: (text: string) => string, message: string): Promise<string> {
	const dir = await cloneNative(fixture.path, path.join(scratch, `native-${Date.now()}-${Math.random().toString(16).slice(2)}`));
	const file = path.join(dir, PLAN_PATH);
	writeFileSync(file, edit(readFileSync(file, 'utf8')));
	git(dir, 'commit', '-qam', message);
	await gitAsync(dir, 'push', '-q', 'origin', 'main');
	return git(fixture.path, 'rev-parse', 'main');
}

test('commit and push: native git shows the exact commit, author and diff; fsck passes; a native clone is clean', async ({ page, app, repo }) => {
	const fixture = repo('pushed', FILES, { commits: 3 });
	const before = git(fixture.path, 'rev-parse', 'main');
	await cloneAndOpen(page, app.url, fixture.url, 'pushed');
	await page.getByRole('region', { name: 'Progress' }).getByRole('checkbox', { name: 'Write the parser' }).check();
	await commit(page, 'docs(plan): progress — tick Write the parser');
	await expect(page.getByRole('status')).toHaveText(/^1 commit to push/);
	await push(page);
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });

	const [head] = remoteLog(fixture.path);
	expect(head).toMatchObject({ parents: [before], author: 'Ann Example', email: 'ann@example.com', subject: 'docs(plan): progress — tick Write the parser' });
	expect(git(fixture.path, 'show', '--name-only', '--format=', 'main')).toBe(PLAN_PATH);
	const changed = git(fixture.path, 'diff', before, 'main').split('\n').filter((l) => /^[-+]/.test(l) && !/^(---|\+\+\+) /.test(l));
	expect(changed).toHaveLength(2);
	expect(changed[0]).toBe('-- [ ] Write the parser');
	expect(changed[1]).toMatch(/^\+- \[x\] \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}Z\) Write the parser$/);
	fsckStrict(fixture.path);
	const nonPlan = (ref: string) => git(fixture.path, 'ls-tree', '-r', ref).split('\n').filter((l) => !l.endsWith(PLAN_PATH));
	expect(nonPlan('main')).toEqual(nonPlan(before));

	const clone = await cloneNative(fixture.path, path.join(scratch, 'check-pushed'));
	expect(git(clone, 'status', '--porcelain')).toBe('');
	for (const [p, text] of Object.entries(FILES)) if (p !== PLAN_PATH) expect(readFileSync(path.join(clone, p), 'utf8')).toBe(text);
});

test('a moved remote syncs without a conflict: both entries, one tick, summed spend, linear history', async ({ page, app, repo }) => {
	const fixture = repo('moved', FILES, { commits: 4 });
	await cloneAndOpen(page, app.url, fixture.url, 'moved');
	// Another machine adds an entry, ticks "Write the parser" and adds 5,000 tokens.
	const remoteHead = await nativeChange(
		fixture,
		(t) => t.replace('- [ ] Ship it\n', '- [ ] Ship it\n- [ ] Their new item\n').replace('- [ ] Write the parser', '- [x] (2026-11-02 09:00Z) Write the parser').replace('10,000 tokens', '15,000 tokens'),
		'native: progress'
	);

	// Waymark, still on its shallow clone, does the same kinds of thing.
	const progress = page.getByRole('region', { name: 'Progress' });
	await progress.getByRole('button', { name: 'Add progress item' }).click();
	await progress.getByRole('textbox', { name: 'Progress item' }).fill('Our new item');
	await progress.getByRole('button', { name: 'Save' }).click();
	await progress.getByRole('checkbox', { name: 'Write the parser' }).check();
	const budget = page.getByRole('region', { name: 'Token budget' });
	await budget.getByRole('textbox', { name: /Tokens to add/ }).fill('7,000');
	await budget.getByRole('button', { name: '+ tokens' }).click();
	await expect(page.getByRole('textbox', { name: 'Plan text' })).toContainText('17,000 tokens');
	await commit(page, 'docs(plan): progress — ours');
	await push(page);
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });

	const log = remoteLog(fixture.path);
	expect(log[0].subject).toBe('docs(plan): progress — ours');
	expect(log[0].parents).toEqual([remoteHead]);
	expect(git(fixture.path, 'rev-list', '--merges', 'main')).toBe('');
	const final = readRemoteFile(fixture.path, PLAN_PATH);
	expect(final).toContain('- [ ] Their new item');
	expect(final).toContain('Our new item');
	expect(final.match(/Write the parser/g)).toHaveLength(1);
	expect(final).toContain('- [x] (2026-11-02 09:00Z) Write the parser');
	expect(final).toContain('**Tokens Spent:** 22,000 tokens');
	fsckStrict(fixture.path);
	// The open editor shows the synced text.
	await expect(page.getByRole('textbox', { name: 'Plan text' })).toContainText('Their new item');
	await expect(page.getByText('No uncommitted changes')).toBeVisible();
});

test('a real conflict shows both versions, keeps ours on waymark/…, survives a reload, and pushes the resolution', async ({ page, app, repo }) => {
	const fixture = repo('conflicted', FILES);
	await cloneAndOpen(page, app.url, fixture.url, 'conflicted');
	const remoteHead = await nativeChange(fixture, (t) => t.replace('Parse plans.', 'Parse plans their way.'), 'native: purpose');

	const editor = page.getByRole('textbox', { name: 'Plan text' });
	await editor.getByText('Parse plans.').click();
	await page.keyboard.press('End');
	await page.keyboard.press('Backspace');
	await page.keyboard.type(' our way.');
	await commit(page, 'docs(plan): purpose, ours');
	await push(page);

	const region = page.getByRole('region', { name: 'Sync conflict' });
	await expect(region).toBeVisible({ timeout: 30_000 });
	await expect(region.getByLabel('Your version')).toContainText('Parse plans our way.');
	await expect(region.getByLabel('Remote version')).toContainText('Parse plans their way.');
	await expect(page.getByRole('status')).toHaveText(/A sync conflict in docs\/plans\/ship\.md needs you/);
	const saved = (await region.locator('code').textContent()) ?? '';
	expect(saved).toMatch(/^waymark\/\d{4}-\d{2}-\d{2}-\d{6}$/);
	expect(readRemoteFile(fixture.path, PLAN_PATH, saved)).toContain('Parse plans our way.');
	expect(git(fixture.path, 'rev-parse', 'main')).toBe(remoteHead);

	await page.reload();
	await expect(region).toBeVisible();
	const resolution = PLAN.replace('Parse plans.', 'Parse plans both ways.');
	await region.getByRole('textbox', { name: 'Resolution' }).fill(resolution);
	await region.getByRole('button', { name: 'Resolve conflict' }).click();
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });
	await expect(region).toBeHidden();

	expect(readRemoteFile(fixture.path, PLAN_PATH)).toBe(resolution);
	expect(remoteLog(fixture.path)[0].parents).toEqual([remoteHead]);
	expect(git(fixture.path, 'rev-list', '--merges', 'main')).toBe('');
	expect(readRemoteFile(fixture.path, PLAN_PATH, saved)).toContain('Parse plans our way.');
	await expect(page.getByRole('textbox', { name: 'Plan text' })).toContainText('Parse plans both ways.');
	fsckStrict(fixture.path);
});

test('outbox: with the server stopped the commit waits, survives a reload, and arrives exactly once', async ({ page, app, gitServer, repo }) => {
	const fixture = repo('outbox', FILES);
	const count = Number(git(fixture.path, 'rev-list', '--count', 'main'));
	await cloneAndOpen(page, app.url, fixture.url, 'outbox');
	await gitServer.stop();
	await page.getByRole('region', { name: 'Progress' }).getByRole('checkbox', { name: 'Ship it' }).check();
	await commit(page, 'docs(plan): progress — tick Ship it');
	await expect(page.getByRole('status')).toHaveText(/^1 commit to push/);
	await push(page);
	await expect(page.getByRole('alert')).toContainText('the network is down or the server is not running');
	expect(Number(git(fixture.path, 'rev-list', '--count', 'main'))).toBe(count);

	await page.reload();
	await expect(page.getByRole('status')).toHaveText(/^1 commit to push/);
	await gitServer.start();
	await push(page);
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });
	await push(page);
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/);
	expect(Number(git(fixture.path, 'rev-list', '--count', 'main'))).toBe(count + 1);
	expect(remoteLog(fixture.path).filter((c) => c.subject === 'docs(plan): progress — tick Ship it')).toHaveLength(1);
});

test('a 500 during push gives the server message; the retry pushes once and nothing is lost', async ({ page, app, gitServer, repo }) => {
	const fixture = repo('flaky', FILES);
	await cloneAndOpen(page, app.url, fixture.url, 'flaky');
	await page.getByRole('region', { name: 'Progress' }).getByRole('checkbox', { name: 'Ship it' }).check();
	await commit(page, 'docs(plan): progress — tick Ship it');
	gitServer.setFault({ kind: 'status', status: 500, on: 'receive-pack', times: 1 });
	await push(page);
	await expect(page.getByRole('alert')).toContainText('server');
	await expect(page.getByRole('status')).toHaveText(/^1 commit to push/);
	await push(page);
	await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });
	expect(remoteLog(fixture.path).filter((c) => c.subject === 'docs(plan): progress — tick Ship it')).toHaveLength(1);
	expect(readRemoteFile(fixture.path, PLAN_PATH)).toMatch(/- \[x\] .*Ship it/);
});

test('a push that needs a token asks for one and then pushes', async ({ page, app }) => {
	const server = await startGitServer({ auth: { username: 'ann', password: 'push-token', scope: 'push' } });
	try {
		const bare = createBareRepo(server.root, 'guarded', { files: FILES });
		await cloneAndOpen(page, app.url, server.repoUrl('guarded'), 'guarded');
		await page.getByRole('region', { name: 'Progress' }).getByRole('checkbox', { name: 'Ship it' }).check();
		await commit(page, 'docs(plan): progress — tick Ship it');
		await push(page);
		await expect(page.getByRole('alert')).toContainText('token missing or lacks');
		const form = page.getByRole('form', { name: 'Access token for push' });
		await form.getByLabel('Access token').fill('push-token');
		await form.getByRole('textbox', { name: 'Username' }).fill('ann');
		await form.getByRole('button', { name: 'Use token and retry' }).click();
		await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });
		expect(remoteLog(bare)[0].subject).toBe('docs(plan): progress — tick Ship it');
	} finally {
		await server.stop();
		rmSync(server.root, { recursive: true, force: true });
	}
});

test('clone and push through the CORS proxy', async ({ page, app }) => {
	const server = await startGitServer({ cors: false });
	const proxy = await startCorsProxy(`127.0.0.1:${server.port}`);
	try {
		const bare = createBareRepo(server.root, 'proxied', { files: FILES });
		await cloneAndOpen(page, app.url, server.repoUrl('proxied'), 'proxied', { proxy: proxy.url });
		await page.getByRole('region', { name: 'Progress' }).getByRole('checkbox', { name: 'Ship it' }).check();
		await commit(page, 'docs(plan): progress — via proxy');
		await push(page);
		await expect(page.getByRole('status')).toHaveText(/^Everything pushed/, { timeout: 30_000 });
		expect(remoteLog(bare)[0].subject).toBe('docs(plan): progress — via proxy');
		expect(proxy.requests.some((r) => r.startsWith('POST') && r.endsWith('/git-receive-pack'))).toBe(true);
		fsckStrict(bare);
	} finally {
		await proxy.stop();
		await server.stop();
		rmSync(server.root, { recursive: true, force: true });
	}
});
