/**
 * Clone a fixture repo from the real git server and list its files (Foundation's first slice of
 * the Git workspace): progress while cloning, every path of HEAD listed, the repo kept across a
 * reload, Cancel leaving no half-made database, and clear messages for bad URLs.
 */
import type { Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, projectRoot, test } from './fixtures';
import { submitClone } from './workspace';
import { git } from '../support/repos';

const FILES = {
	'README.md': '# Fixture\n\nA repo for the clone test.\n',
	'docs/plan.md': '# Plan\n\n## Progress\n\n- [ ] First step\n',
	'docs/phases/phase-01.md': '# Phase 1\n',
	'notes/deep/nested/idea.markdown': 'An idea.\n',
	'src/index.ts': 'export const answer = 42;\n',
	'assets/data.json': '{"a": 1}\n',
	'Makefile': 'all:\n\techo ok\n'
};

/** Fills the clone form and presses Clone. */
async function startClone(page: Page, url: string, branch = 'main'): Promise<void> {
	await submitClone(page, url, { branch });
}

/** Names of the repo databases lightning-fs made in this origin. */
async function repoDatabases(page: Page): Promise<string[]> {
	return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('waymark-repo-')));
}

test('clones a fixture repo, shows progress, lists every file of HEAD, and keeps it across a reload', async ({ page, app, gitServer, repo }) => {
	const fixture = repo('listing', FILES, { commits: 3 });
	const expected = git(fixture.path, 'ls-tree', '-r', '--name-only', 'main').split('\n');
	expect(expected).toHaveLength(Object.keys(FILES).length);

	await page.goto(app.url);
	await expect(page.getByRole('textbox', { name: 'Branch' })).toHaveValue('main');
	// Hold the pack request so the progress bar is seen for certain, then let it go.
	gitServer.setFault({ kind: 'stall', on: 'upload-pack', times: 1 });
	const started = Date.now();
	await startClone(page, fixture.url);
	const bar = page.getByRole('progressbar');
	await expect(bar).toBeVisible();
	await expect(bar).toHaveAttribute('aria-valuenow', /^\d+$/);
	await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
	gitServer.setFault(null);

	const link = page.getByRole('link', { name: 'listing' });
	await expect(link).toBeVisible();
	await expect(bar).toBeHidden();
	await expect(page.getByRole('alert')).toHaveCount(0);
	const status = await page.getByRole('status').textContent();
	console.log(`clone of ${expected.length} files: ${status?.trim()} (click → link ${Date.now() - started} ms, includes the held request)`);

	await link.click();
	const list = page.getByRole('list', { name: 'Files', exact: true });
	await expect(list.getByRole('listitem')).toHaveCount(expected.length);
	expect(await list.getByRole('listitem').allTextContents()).toEqual(expected);

	// Markdown is in the working tree; opening a non-Markdown file reads it from the object store.
	await list.getByRole('button', { name: 'src/index.ts' }).click();
	await expect(page.getByRole('region', { name: 'File' })).toContainText('export const answer = 42;');
	await list.getByRole('button', { name: 'docs/plan.md' }).click();
	await expect(page.getByRole('region', { name: 'File' })).toContainText('- [ ] First step');

	await page.reload();
	await expect(page.getByRole('list', { name: 'Files', exact: true }).getByRole('listitem')).toHaveCount(expected.length);
	await page.goto(app.url);
	await expect(page.getByRole('link', { name: 'listing' })).toBeVisible();
	expect(await repoDatabases(page)).toHaveLength(1);
});

test('Cancel stops a clone and leaves no half-made repo; a retry then succeeds', async ({ page, app, gitServer, repo }) => {
	const fixture = repo('cancelled', FILES);
	await page.goto(app.url);
	gitServer.setFault({ kind: 'stall', on: 'upload-pack' });
	await startClone(page, fixture.url);
	await expect(page.getByRole('progressbar')).toBeVisible();
	await expect.poll(() => gitServer.requests.some((r) => r.method === 'POST' && r.url.endsWith('/git-upload-pack'))).toBe(true);
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('progressbar')).toBeHidden();
	await expect(page.getByRole('link', { name: 'cancelled' })).toHaveCount(0);
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect.poll(() => repoDatabases(page)).toEqual([]);

	gitServer.setFault(null);
	await startClone(page, fixture.url);
	await expect(page.getByRole('link', { name: 'cancelled' })).toBeVisible();
	expect(await repoDatabases(page)).toHaveLength(1);
});

test('a big repo lists its first 300 files until "Show all" lists every one; its plans and Markdown are all there', async ({ page, app, repo }) => {
	const files: Record<string, string> = { 'docs/plans/big-plan.md': '# Big\n\n## Progress\n\n- [ ] Only step\n' };
	for (let i = 0; i < 420; i++) files[`src/mod-${String(i).padStart(3, '0')}/file.ts`] = `export const n = ${i};\n`;
	const fixture = repo('many', files);
	const expected = git(fixture.path, 'ls-tree', '-r', '--name-only', 'main').split('\n');
	expect(expected).toHaveLength(421);
	await page.goto(app.url);
	await startClone(page, fixture.url);
	await page.getByRole('link', { name: 'many', exact: true }).click();
	await expect(page.getByRole('list', { name: 'Plans', exact: true }).getByRole('link', { name: 'docs/plans/big-plan.md' })).toBeVisible();
	const list = page.getByRole('list', { name: 'Files', exact: true });
	await expect(list.getByRole('listitem')).toHaveCount(300);
	expect(await list.getByRole('listitem').allTextContents()).toEqual(expected.slice(0, 300));
	await expect(page.getByText('Showing 300 of 421 files.')).toBeVisible();
	await page.getByRole('button', { name: 'Show all 421 files' }).click();
	await expect(list.getByRole('listitem')).toHaveCount(421);
	expect(await list.getByRole('listitem').allTextContents()).toEqual(expected);
	await expect(page.getByRole('button', { name: /Show all/ })).toHaveCount(0);
	// A file past the first 300 opens from the object store.
	await list.getByRole('button', { name: 'src/mod-419/file.ts' }).click();
	await expect(page.getByRole('region', { name: 'File' })).toContainText('export const n = 419;');
});

test('a malformed URL, a missing repo and a missing branch each get their own message', async ({ page, app, gitServer, repo }) => {
	const fixture = repo('present', FILES);
	await page.goto(app.url);

	await startClone(page, 'not a url');
	await expect(page.getByRole('alert')).toContainText('is not a repository URL');
	expect(gitServer.requests).toHaveLength(0);

	await startClone(page, gitServer.repoUrl('no-such-repo'));
	await expect(page.getByRole('alert')).toContainText('No repository was found at that URL.');

	await startClone(page, fixture.url, 'no-such-branch');
	await expect(page.getByRole('alert')).toContainText('The repository has no branch "no-such-branch".');

	await expect(page.getByRole('link', { name: /present|no-such/ })).toHaveCount(0);
	expect(await repoDatabases(page)).toEqual([]);
});

test('"Open demo" on a static host (no demo server) creates the demo repo in the browser', async ({ page, app }) => {
	const demoDir = path.join(projectRoot, 'demo');
	const expected = readdirSync(demoDir, { recursive: true, withFileTypes: true })
		.filter((d) => d.isFile())
		.map((d) => path.relative(demoDir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
		.sort();
	expect(expected.length).toBeGreaterThan(3);
	await page.goto(app.url);
	await page.getByRole('button', { name: 'Open demo' }).click();
	const list = page.getByRole('list', { name: 'Files', exact: true });
	await expect(list.getByRole('listitem')).toHaveCount(expected.length);
	expect((await list.getByRole('listitem').allTextContents()).sort()).toEqual(expected);
	await list.getByRole('button', { name: 'README.md' }).click();
	await expect(page.getByRole('region', { name: 'File' })).toContainText(readFileSync(path.join(demoDir, 'README.md'), 'utf8').split('\n')[0]);
	await page.goto(app.url);
	await expect(page.getByRole('link', { name: 'demo' })).toBeVisible();
});
