/**
 * Request audit: everything the app fetches while cloning and reading files — the git worker's
 * requests included — goes only to the app's own origin and the git server, and the page's
 * Content-Security-Policy reports no violation.
 */
import { expect, test } from './fixtures';
import { submitClone } from './workspace';

/** Installed before any page script: collects CSP violations the document sees. */
function recordViolations(): void {
	const seen: string[] = [];
	(window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
	document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
}

test('cloning and opening files talks only to the app origin and the git server', async ({ page, context, app, gitServer, repo }) => {
	const fixture = repo('audited', {
		'README.md': '# Audited\n',
		'plans/plan.md': '# Plan\n\n## Progress\n\n- [x] Done\n',
		'lib/code.js': 'console.log(1);\n'
	});
	const seen = new Map<string, string>();
	const note = (url: string, source: string): void => {
		if (!seen.has(url)) seen.set(url, source);
	};
	page.on('request', (r) => note(r.url(), 'page'));
	context.on('request', (r) => note(r.url(), 'context'));
	page.on('worker', (w) => note(w.url(), 'worker-script'));
	await context.addInitScript(recordViolations);

	await page.goto(app.url);
	await submitClone(page, fixture.url, { branch: null });
	await page.getByRole('link', { name: 'audited' }).click();
	const files = page.getByRole('list', { name: 'Files', exact: true });
	await files.getByRole('button', { name: 'plans/plan.md' }).click();
	await expect(page.getByRole('region', { name: 'File' })).toContainText('- [x] Done');
	await files.getByRole('button', { name: 'lib/code.js' }).click();
	await expect(page.getByRole('region', { name: 'File' })).toContainText('console.log(1);');

	const urls = [...seen.keys()];
	// Positive control: the git worker's requests are recorded, so an absence below means something.
	const infoRefs = `${fixture.url}/info/refs?service=git-upload-pack`;
	expect(urls).toContain(infoRefs);
	expect(urls).toContain(`${fixture.url}/git-upload-pack`);
	expect(gitServer.requests.some((r) => r.url.startsWith('/audited.git/info/refs'))).toBe(true);
	expect(urls.some((u) => u.startsWith(app.url) && /\/_app\//.test(u))).toBe(true);

	const appOrigin = new URL(app.url).origin;
	const gitOrigin = new URL(gitServer.url).origin;
	const elsewhere = urls.filter((u) => {
		const { protocol, origin } = new URL(u);
		if (protocol === 'data:' || protocol === 'blob:') return false;
		return origin !== appOrigin && origin !== gitOrigin;
	});
	expect(elsewhere).toEqual([]);

	const violations = await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? null);
	expect(violations).toEqual([]);
});
