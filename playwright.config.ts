import { defineConfig } from '@playwright/test';

/**
 * E2E against the built app (npm test builds first) in Debian's Chromium; the fixtures in
 * tests/e2e/fixtures.ts start the static and git servers, so there is no webServer here.
 */
/** A build in another folder (WAYMARK_BUILD_DIR, for parallel work) gets its own results folder too. */
const suffix = process.env.WAYMARK_BUILD_DIR && process.env.WAYMARK_BUILD_DIR !== 'build' ? `-${process.env.WAYMARK_BUILD_DIR}` : '';

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 2,
	retries: 0,
	forbidOnly: true,
	reporter: [['list'], ['json', { outputFile: `test-results/playwright${suffix}.json` }]],
	outputDir: `test-results/e2e${suffix}`,
	use: {
		browserName: 'chromium',
		headless: true,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.WAYMARK_CHROMIUM ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	}
});
