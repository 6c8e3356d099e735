/**
 * For a unit-test file that talks to a real git server: the server and a scratch folder, started
 * before the file's tests and stopped and removed after them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startGitServer, type GitServer } from './git-server';

/** The file's git server and scratch folder (read them inside tests, after `beforeAll` ran). */
export interface GitSuite {
	readonly server: GitServer;
	readonly work: string;
}

/** Registers the start and stop of a git server and a scratch folder named after `prefix`. */
export function gitSuite(prefix: string): GitSuite {
	const suite: { server: GitServer | null; work: string | null } = { server: null, work: null };
	beforeAll(async () => {
		suite.server = await startGitServer();
		suite.work = mkdtempSync(path.join(os.tmpdir(), prefix));
	});
	afterAll(async () => {
		if (suite.server) {
			await suite.server.stop();
			rmSync(suite.server.root, { recursive: true, force: true });
		}
		if (suite.work) rmSync(suite.work, { recursive: true, force: true });
	});
	return {
		get server() {
			if (!suite.server) throw new Error('the git server starts in beforeAll');
			return suite.server;
		},
		get work() {
			if (!suite.work) throw new Error('the scratch folder is made in beforeAll');
			return suite.work;
		}
	};
}
