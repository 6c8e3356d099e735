/**
 * Playwright fixtures: a real git server per worker, the built app on its own static server
 * per test, and `repo()` to put a fixture bare repo on that git server.
 */
import { test as base, expect } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGitServer, type GitServer } from '../support/git-server';
import { createBareRepo, type CreateRepoOptions, type RepoFiles } from '../support/repos';
import { startStaticServer, type StaticServer } from '../support/static-server';

/** Root of the project (two levels above this file). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The built app that e2e tests drive (`vite build` output). */
export const buildDir = path.join(projectRoot, process.env.WAYMARK_BUILD_DIR ?? 'build');

/** A fixture repo made by `repo()`: its bare path on disk and its clone URL. */
export interface FixtureRepo {
	name: string;
	path: string;
	url: string;
}

/** Creates (or recreates) `<name>.git` on the worker's git server from an inline file map. */
export type RepoFactory = (name: string, files: RepoFiles, opts?: CreateRepoOptions) => FixtureRepo;

interface TestFixtures {
	/** The worker's git server, reset for this test: no fault, running, empty request log. */
	gitServer: GitServer;
	/** The built app served on 127.0.0.1 (random port) for this test only. */
	app: StaticServer;
	repo: RepoFactory;
}

interface WorkerFixtures {
	workerGitServer: GitServer;
}

/** Playwright `test` with the Waymark fixtures. */
export const test = base.extend<TestFixtures, WorkerFixtures>({
	workerGitServer: [
		// eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring form
		async ({}, use) => {
			const root = mkdtempSync(path.join(os.tmpdir(), 'waymark-e2e-git-'));
			const server = await startGitServer({ root });
			await use(server);
			await server.stop();
			rmSync(root, { recursive: true, force: true });
		},
		{ scope: 'worker' }
	],
	gitServer: async ({ workerGitServer }, use) => {
		workerGitServer.setFault(null);
		await workerGitServer.start();
		workerGitServer.requests.length = 0;
		await use(workerGitServer);
		workerGitServer.setFault(null);
		await workerGitServer.start();
	},
	// eslint-disable-next-line no-empty-pattern -- Playwright needs the destructuring form
	app: async ({}, use) => {
		if (!existsSync(path.join(buildDir, 'index.html'))) {
			throw new Error(`No built app in ${buildDir}: run \`npx vite build\` first (npm test does).`);
		}
		const server = await startStaticServer({ dir: buildDir });
		await use(server);
		await server.stop();
	},
	repo: async ({ gitServer }, use) => {
		await use((name, files, opts) => {
			const bare = path.join(gitServer.root, `${name}.git`);
			rmSync(bare, { recursive: true, force: true });
			createBareRepo(gitServer.root, name, { files }, opts);
			return { name, path: bare, url: gitServer.repoUrl(name) };
		});
	}
});

export { expect };
