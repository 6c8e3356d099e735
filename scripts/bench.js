// `npm run bench`: runs every bench/*.bench.ts (via tsx), one after another, in name order.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');
const files = readdirSync(benchDir)
	.filter((f) => f.endsWith('.bench.ts'))
	.sort();
if (files.length === 0) console.log('no bench/*.bench.ts found');
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
