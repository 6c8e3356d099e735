// Takes the README screenshot: `npx tsx scripts/screenshot.ts` after `npm run build`.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { startStaticServer } from '../tests/support/static-server';

const server = await startStaticServer({ dir: 'build' });
const browser = await chromium.launch({
	executablePath: process.env.WAYMARK_CHROMIUM ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
});
try {
	const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
	await page.goto(server.url);
	await page.getByRole('button', { name: 'Open demo' }).click();
	await page.getByRole('list', { name: 'Files' }).waitFor({ timeout: 30_000 });
	mkdirSync('docs/screenshots', { recursive: true });
	await page.screenshot({ path: 'docs/screenshots/workspace.png' });
} finally {
	await browser.close();
	await server.stop();
}
