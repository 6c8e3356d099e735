// `npm start`: build the app, then serve it and a real git server holding the demo repo,
// both on 127.0.0.1. Usage: node scripts/start.js [--no-build] [--reset-demo]; env PORT (default 4173).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const port = Number.parseInt(process.env.PORT ?? '4173', 10);

/** Stops with a message when git is not installed: the demo remote is native git. */
function requireGit() {
	try {
		execFileSync('git', ['--version'], { stdio: 'ignore' });
	} catch {
		console.error("Waymark's demo needs git: apt-get install git (Debian/Ubuntu) or see https://git-scm.com");
		process.exit(1);
	}
}

/** Builds build/ with the project's own vite. */
function build() {
	console.log('Building Waymark (vite build)…');
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const r = spawnSync(process.execPath, [vite, 'build'], { cwd: root, stdio: 'inherit' });
	if (r.status !== 0) {
		console.error('vite build failed; not starting.');
		process.exit(r.status ?? 1);
	}
}

requireGit();
if (Number.isNaN(port) || port < 1 || port > 65534) {
	console.error(`PORT must be a number between 1 and 65534 (got ${process.env.PORT}).`);
	process.exit(1);
}
if (!args.has('--no-build')) build();

// The servers are TypeScript shared with the tests; tsx (a devDependency) loads them.
register();
const { startGitServer } = await import('../tests/support/git-server.ts');
const { startStaticServer } = await import('../tests/support/static-server.ts');
const { ensureDemoRepo, DEMO_REPO_NAME } = await import('../tests/support/demo.ts');

const remoteRoot = path.join(root, '.waymark', 'demo-remote');
mkdirSync(remoteRoot, { recursive: true });
const demo = ensureDemoRepo(remoteRoot, { reset: args.has('--reset-demo') });
console.log(demo.created ? `Created the demo repository in ${demo.path}` : `Reusing the demo repository in ${demo.path} (--reset-demo starts it over)`);

const gitServer = await startGitServer({ root: remoteRoot, port: port + 1 });
const demoUrl = gitServer.repoUrl(DEMO_REPO_NAME);
const app = await startStaticServer({
	dir: path.join(root, 'build'),
	port,
	extraRoutes: {
		'/waymark-demo.json': (_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' });
			res.end(JSON.stringify({ url: demoUrl, branch: 'main' }));
		}
	}
});

console.log('');
console.log(`  Waymark:        ${app.url}/`);
console.log(`  Demo git repo:  ${demoUrl}  (branch main, no account needed)`);
console.log('');
console.log('Open the Waymark URL and choose "Open demo". Press Ctrl+C to stop.');

let stopping = false;
/** Closes both servers, then exits. */
async function shutdown(signal) {
	if (stopping) return;
	stopping = true;
	console.log(`\n${signal}: stopping…`);
	await Promise.all([app.stop(), gitServer.stop()]);
	process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
