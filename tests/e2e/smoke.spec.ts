import { expect, test } from './fixtures';

test('the built app loads and shows Waymark', async ({ page, app }) => {
	const errors: string[] = [];
	page.on('pageerror', (err) => errors.push(err.message));
	await page.goto(app.url);
	await expect(page).toHaveTitle(/Waymark/);
	await expect(page.getByText('Waymark', { exact: false }).first()).toBeVisible();
	expect(errors).toEqual([]);
	expect(app.requests.some((r) => r.url === '/' && r.status === 200)).toBe(true);
});

test('the git server fixture serves a fixture repo', async ({ repo, gitServer }) => {
	const r = repo('smoke', { 'README.md': '# Smoke\n' });
	const res = await fetch(`${r.url}/info/refs?service=git-upload-pack`);
	expect(res.status).toBe(200);
	expect(await res.text()).toContain('refs/heads/main');
	expect(gitServer.requests.at(-1)).toMatchObject({ method: 'GET', status: 200 });
});
