/**
 * The benchmarks' git server in a process of its own: in the benchmark's process it would share
 * one event loop with the Playwright driver, whose traffic then slows the browser's git requests
 * (and not native git's). Run as a child with `node --import tsx`; talks over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGitServer } from '../tests/support/git-server';

/** What the parent asks. */
type Ask = { kind: 'hold-second-upload-pack' } | { kind: 'release' } | { kind: 'stop' };
/** What the child answers. */
type Tell = { kind: 'ready'; url: string } | { kind: 'stopped' };

/** The git server running in a child process. */
export interface BenchGitServer {
	url: string;
	root: string;
	repoUrl(name: string): string;
	/** Holds the next upload-pack POST after the one that is running or comes first (the background deepen). */
	holdSecondUploadPack(): void;
	/** Releases what is held. */
	release(): void;
	stop(): Promise<void>;
}

/** Starts the git server for `root` in a child process. */
export async function startGitServerProcess(root: string): Promise<BenchGitServer> {
	const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--child', root], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const url = await new Promise<string>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`git server process exited (${code})`)));
		child.on('message', (m: Tell) => {
			if (m.kind === 'ready') resolve(m.url);
		});
	});
	const send = (m: Ask) => child.send(m);
	return {
		url,
		root,
		repoUrl: (name) => `${url}/${name}.git`,
		holdSecondUploadPack: () => send({ kind: 'hold-second-upload-pack' }),
		release: () => send({ kind: 'release' }),
		stop: () =>
			new Promise<void>((resolve) => {
				child.once('exit', () => resolve());
				send({ kind: 'stop' });
			})
	};
}

async function runChild(root: string): Promise<void> {
	const server = await startGitServer({ root });
	const tell = (m: Tell) => process.send?.(m);
	let watch: NodeJS.Timeout | null = null;
	process.on('message', async (m: Ask) => {
		if (m.kind === 'hold-second-upload-pack') {
			server.requests.length = 0;
			watch = setInterval(() => {
				if (!server.requests.some((r) => r.method === 'POST' && r.url.endsWith('/git-upload-pack'))) return;
				clearInterval(watch as NodeJS.Timeout);
				server.setFault({ kind: 'stall', on: 'upload-pack', times: 1 });
			}, 1);
		} else if (m.kind === 'release') {
			if (watch) clearInterval(watch);
			server.setFault(null);
		} else if (m.kind === 'stop') {
			if (watch) clearInterval(watch);
			await server.stop();
			tell({ kind: 'stopped' });
			process.exit(0);
		}
	});
	tell({ kind: 'ready', url: server.url });
}

if (process.argv[2] === '--child') await runChild(path.resolve(process.argv[3]));
