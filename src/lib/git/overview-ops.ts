/**
 * A glance at a repo for the home screen: HEAD's paths, the text of its Markdown files (working
 * tree first, so uncommitted edits show) and its status — one worker call that does not keep the
 * repo's write lock, so another tab can still open the repo for editing.
 */
import type { RepoFs } from './fs-utils';
import type { RepoOverview } from './protocol';
import { listRepoFiles, readRepoFile, REPO_DIR } from './repo-ops';
import { repoStatus } from './status-ops';
import { isMarkdownPath } from './url';

/** Markdown files larger than this are left out of the glance (a 20,000-line plan is ~870 KB). */
export const OVERVIEW_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Reads paths, Markdown texts and status of the repo in `dir`. */
export async function repoOverview(fs: RepoFs, dir = REPO_DIR): Promise<RepoOverview> {
	const files = await listRepoFiles(fs, dir);
	const markdown: Record<string, string> = {};
	for (const f of files) {
		if (!isMarkdownPath(f.path)) continue;
		try {
			const text = await readRepoFile(fs, f.path, dir);
			if (text.length <= OVERVIEW_MAX_FILE_BYTES) markdown[f.path] = text;
		} catch {
			// unreadable: the home screen lists the repo without it
		}
	}
	return { paths: files.map((f) => f.path), markdown, status: await repoStatus(fs, dir) };
}
