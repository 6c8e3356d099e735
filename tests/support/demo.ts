/**
 * The demo repository that `npm start` serves: the plain files in demo/ turned into a bare
 * git repo, kept across restarts so pushed work survives (recreated only on request).
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBareRepo } from './repos';

/** Folder holding the demo repo's content. */
export const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../demo');

/** Name of the demo repo on the git server (`<name>.git`). */
export const DEMO_REPO_NAME = 'waymark-demo';

/** Makes sure `<root>/waymark-demo.git` exists (recreating it when `reset`); returns its path and whether it was created. */
export function ensureDemoRepo(root: string, opts: { reset?: boolean } = {}): { path: string; created: boolean } {
	const bare = path.join(root, `${DEMO_REPO_NAME}.git`);
	if (opts.reset) rmSync(bare, { recursive: true, force: true });
	if (existsSync(path.join(bare, 'HEAD'))) return { path: bare, created: false };
	rmSync(bare, { recursive: true, force: true });
	createBareRepo(root, DEMO_REPO_NAME, { dir: DEMO_DIR }, { message: 'Tidepool demo: plans for v1.0.0 offline sync' });
	return { path: bare, created: true };
}
