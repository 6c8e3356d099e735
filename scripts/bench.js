// `npm run bench`: runs every bench/*.bench.ts (via tsx), one after another, in name order.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');
const files = readdirSync(benchDir)
	.filter((f) => f.endsWith('.bench.ts'))
	.sort();
if (files.length === 0) console.log('no bench/*.bench.ts found');
// The browser benches measure the built app: build it when there is none.
const buildDir = path.resolve(root, process.env.WAYMARK_BUILD_DIR ?? 'build');
if (!existsSync(path.join(buildDir, 'index.html'))) {
	console.log('No built app yet: running vite build first.');
	const built = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
}
let failed = 0;
for (const file of files) {
	console.log(`\n=== bench/${file}`);
	const run = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', file)], { cwd: root, stdio: 'inherit' });
	if (run.status !== 0) {
		failed++;
		console.log(`bench/${file} exited with ${run.status ?? run.signal}`);
	}
}
process.exitCode = failed > 0 ? 1 : 0;
