/**
 * The git workspace against real servers, at clone time: token auth, a CORS proxy, a CORS-less
 * server told apart from a stopped one, a connection cut partway, a full storage quota, deleting a
 * repo, and one writer per repo across tabs (Web Locks).
 */
import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { submitClone } from './workspace';
import { startCorsProxy } from '../support/cors-proxy';
import { startGitServer } from '../support/git-server';
import { createBareRepo } from '../support/repos';

const FILES = {
	'README.md': '# Fixture\n',
	'docs/plan.md': '# Plan\n\n## Progress\n\n- [ ] First step\n',
	'src/index.ts': 'export const answer = 42;\n'
};

/** Fills the clone form and presses Clone. */
async function clone(page: Page, url: string, opts: { token?: string; username?: string; proxy?: string } = {}): Promise<void> {
	// Every field is set, so nothing typed for an earlier clone in the same test carries over.
	await submitClone(page, url, { proxy: opts.proxy ?? '', token: opts.token ?? '', username: opts.username ?? '' });
}

/** Names of the repo databases in this origin. */
async function repoDatabases(page: Page): Promise<string[]> {
	return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('waymark-repo-')));
}

test('a token-protected repo says the token is missing without one and clones with it', async ({ page, app }) => {
	const server = await startGitServer({ auth: { username: 'ann', password: 's3cret-token' } });
	try {
		createBareRepo(server.root, 'private', { files: FILES });
		await page.goto(app.url);
		await clone(page, server.repoUrl('private'));
		await expect(page.getByRole('alert')).toContainText('token missing or lacks access');
		expect(server.requests.some((r) => r.status === 401)).toBe(true);
		expect(await repoDatabases(page)).toEqual([]);

		await clone(page, server.repoUrl('private'), { token: 'wrong', username: 'ann' });
		await expect(page.getByRole('alert')).toContainText('refused the access token');

		await clone(page, server.repoUrl('private'), { token: 's3cret-token', username: 'ann' });
		await expect(page.getByRole('link', { name: 'private' })).toBeVisible();
		await expect(page.getByRole('alert')).toHaveCount(0);
		expect(server.requests.filter((r) => r.status === 200).every((r) => r.user === 'ann')).toBe(true);
	} finally {
		await server.stop();
		rmSync(server.root, { recursive: true, force: true });
	}
});

test('a CORS-less server gets the CORS message, a stopped one the network message, and a proxy gets through', async ({ page, app }) => {
	const server = await startGitServer({ cors: false });
	const proxy = await startCorsProxy(`127.0.0.1:${server.port}`);
	try {
		createBareRepo(server.root, 'behind-proxy', { files: FILES });
		await page.goto(app.url);
		await clone(page, server.repoUrl('behind-proxy'));
		await expect(page.getByRole('alert')).toContainText('does not allow browser apps to read its answers (CORS)');
		await expect(page.getByRole('alert')).toContainText('proxy');

		await clone(page, server.repoUrl('behind-proxy'), { proxy: proxy.url });
		await expect(page.getByRole('link', { name: 'behind-proxy' })).toBeVisible();
		await expect(page.getByRole('alert')).toHaveCount(0);
		// The positive control: the clone went through the proxy.
		expect(proxy.requests.some((r) => r.includes('/info/refs?service=git-upload-pack'))).toBe(true);
		expect(proxy.requests.some((r) => r.startsWith('POST') && r.endsWith('/git-upload-pack'))).toBe(true);

		const url = server.repoUrl('behind-proxy');
		await server.stop();
		await clone(page, url.replace('behind-proxy', 'other'));
		await expect(page.getByRole('alert')).toContainText('the network is down or the server is not running');
	} finally {
		await proxy.stop();
		await server.stop();
		rmSync(server.root, { recursive: true, force: true });
	}
});

test('a connection cut partway through a clone gives a clear error, leaves nothing, and a retry succeeds', async ({ page, app, gitServer, repo }) => {
	const big = { ...FILES, 'assets/blob.bin': randomBytes(300_000).toString('base64') };
	const fixture = repo('cut-off', big);
	await page.goto(app.url);
	gitServer.setFault({ kind: 'cut', on: 'upload-pack', afterBytes: 20_000, times: 1 });
	await clone(page, fixture.url);
	await expect(page.getByRole('alert')).toContainText('dropped partway through');
	await expect(page.getByRole('link', { name: 'cut-off' })).toHaveCount(0);
	await expect.poll(() => repoDatabases(page)).toEqual([]);

	await clone(page, fixture.url);
	await expect(page.getByRole('link', { name: 'cut-off' })).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a full storage quota gets the quota message and loses nothing already there', async ({ page, app, repo }) => {
	const small = repo('small-one', FILES);
	const huge = repo('too-big', { ...FILES, 'assets/a.bin': randomBytes(1_500_000).toString('base64'), 'assets/b.bin': randomBytes(1_500_000).toString('base64') });
	const cdp = await page.context().newCDPSession(page);
	const origin = new URL(app.url).origin;
	// 1 MB for this origin, set before anything is stored: the small repo fits, the 4 MB one cannot.
	await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1_000_000 });
	try {
		await page.goto(app.url);
		await clone(page, small.url);
		await expect(page.getByRole('link', { name: 'small-one' })).toBeVisible();
		await clone(page, huge.url);
		await expect(page.getByRole('alert')).toContainText('no storage space left', { timeout: 30_000 });
		await expect(page.getByRole('link', { name: 'too-big' })).toHaveCount(0);
	} finally {
		await cdp.send('Storage.overrideQuotaForOrigin', { origin });
	}
	// What was there before is intact.
	await page.getByRole('link', { name: 'small-one' }).click();
	await expect(page.getByRole('link', { name: 'docs/plan.md' })).toBeVisible();
});

test('deleting a repo removes its databases', async ({ page, app, repo }) => {
	const a = repo('keep-me', FILES);
	const b = repo('delete-me', FILES);
	await page.goto(app.url);
	await clone(page, a.url);
	await expect(page.getByRole('link', { name: 'keep-me' })).toBeVisible();
	await clone(page, b.url);
	await expect(page.getByRole('link', { name: 'delete-me' })).toBeVisible();
	const before = await repoDatabases(page);
	expect(before.length).toBeGreaterThanOrEqual(2);

	await page.getByRole('button', { name: 'Delete delete-me' }).click();
	await expect(page.getByRole('link', { name: 'delete-me' })).toHaveCount(0);
	const after = await repoDatabases(page);
	expect(after.length).toBeGreaterThan(0);
	expect(after.every((n) => !n.includes('delete-me'))).toBe(true);
	expect(after.some((n) => n.includes('keep-me'))).toBe(true);
	await page.reload();
	await expect(page.getByRole('link', { name: 'keep-me' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'delete-me' })).toHaveCount(0);
});
