/**
 * `npm run fuzz:plan [-- --count N --seed S]`: feeds random and mutated inputs seeded from
 * shared/corpus/ into parsePlan, checks that it never throws and that the model keeps its
 * properties (spans in bounds and nested, item text inside its span), and prints parse time
 * against input size so linearity can be read.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parsePlan } from '../src/lib/plan/parse';
import { fuzzCases, loadCorpusSeeds, modelViolations } from '../tests/unit/plan/support/fuzz';

function argValue(name: string, fallback: number): number {
	const i = process.argv.indexOf(name);
	if (i < 0) return fallback;
	const value = Number(process.argv[i + 1]);
	if (!Number.isFinite(value)) throw new RangeError(`${name} needs a number, got ${process.argv[i + 1]}`);
	return value;
}

const count = argValue('--count', 100_000);
const seed = argValue('--seed', 1);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seeds = loadCorpusSeeds(path.resolve(root, '../shared/corpus'));

const BUCKETS = [1 << 10, 1 << 12, 1 << 14, 1 << 16, 1 << 18, 1 << 20, Infinity];
const bucketLabel = (i: number): string => {
	const kb = (n: number) => (n === Infinity ? '∞' : `${n / 1024}K`);
	return `${i === 0 ? '0' : kb(BUCKETS[i - 1])}–${kb(BUCKETS[i])}`;
};
const times: { chars: number; ms: number }[][] = BUCKETS.map(() => []);

let failures = 0;
const started = performance.now();
for (const fuzzCase of fuzzCases(seeds, count, seed)) {
	const t0 = performance.now();
	let problems: string[];
	try {
		const doc = parsePlan(fuzzCase.text);
		const ms = performance.now() - t0;
		times[BUCKETS.findIndex((b) => fuzzCase.text.length < b)].push({ chars: fuzzCase.text.length, ms });
		problems = modelViolations(fuzzCase.text, doc);
	} catch (error) {
		problems = [`threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
	}
	if (problems.length > 0) {
		failures++;
		if (failures <= 10) {
			console.log(`FAIL case ${fuzzCase.index} (seed ${seed}, mutations ${fuzzCase.mutations.join('+')}, ${fuzzCase.text.length} chars):`);
			for (const p of problems.slice(0, 5)) console.log(`  ${p}`);
		}
	}
	if ((fuzzCase.index + 1) % 10_000 === 0) console.log(`… ${fuzzCase.index + 1} inputs, ${failures} failing`);
}
const total = (performance.now() - started) / 1000;

console.log(`\nparsePlan fuzz: ${count} inputs, seed ${seed}, ${failures} failing, ${total.toFixed(1)} s\n`);
console.log('size bucket      inputs   median ms     p99 ms     max ms   µs per KB (median)');
times.forEach((list, i) => {
	if (list.length === 0) return;
	const ms = list.map((t) => t.ms).sort((a, b) => a - b);
	const perKb = list.map((t) => (t.ms * 1000) / Math.max(1, t.chars / 1024)).sort((a, b) => a - b);
	const q = (arr: number[], f: number) => arr[Math.min(arr.length - 1, Math.floor(arr.length * f))];
	console.log(
		`${bucketLabel(i).padEnd(14)} ${String(list.length).padStart(8)} ${q(ms, 0.5).toFixed(3).padStart(11)} ${q(ms, 0.99).toFixed(3).padStart(10)} ${ms[ms.length - 1].toFixed(3).padStart(10)} ${q(perKb, 0.5).toFixed(1).padStart(14)}`
	);
});
process.exitCode = failures > 0 ? 1 : 0;
