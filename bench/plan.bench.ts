/**
 * `npm run bench:plan`: parsePlan against bare remark-parse + remark-gfm on the 19,969-line
 * corpus file and on a generated 10,000-line plan (ratio of medians, runs interleaved), and
 * the time to an updated model after a one-character edit to a 2,000-line plan.
 * `--runs N` (default 5) sets the number of interleaved runs per comparison.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parsePlan } from '../src/lib/plan/parse';
import { generatePlan } from './generate-plan';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 5) : 5;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const giant = readFileSync(path.resolve(root, '../shared/corpus/llmspell-phase13-done-giant.md'), 'utf8');

const median = (xs: number[]): number => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function time(fn: () => unknown): number {
	const t0 = performance.now();
	fn();
	return performance.now() - t0;
}

/** Medians of `runs` interleaved runs of parsePlan and bare remark on the same text. */
function compare(label: string, text: string, runs: number): void {
	const bare = () => unified().use(remarkParse).use(remarkGfm).parse(text);
	const plan = () => parsePlan(text);
	bare();
	plan();
	const bareMs: number[] = [];
	const planMs: number[] = [];
	for (let i = 0; i < runs; i++) {
		if (i % 2 === 0) {
			bareMs.push(time(bare));
			planMs.push(time(plan));
		} else {
			planMs.push(time(plan));
			bareMs.push(time(bare));
		}
	}
	const ratio = median(planMs) / median(bareMs);
	const lines = text.split('\n').length;
	console.log(
		`${label} (${lines} lines, ${(text.length / 1024).toFixed(0)} KB): parsePlan ${median(planMs).toFixed(1)} ms, ` +
			`remark-parse+gfm ${median(bareMs).toFixed(1)} ms, ratio ${ratio.toFixed(2)}× (target ≤ 1.3×: ${ratio <= 1.3 ? 'yes' : 'NO'}) [median of ${runs}]`
	);
}

/** Full re-parse after a one-character edit (toggling a box) at a different item each run. */
function editLatency(text: string, runs: number): void {
	const boxes: number[] = [];
	for (let i = text.indexOf('- [ ]'); i >= 0 && boxes.length < runs; i = text.indexOf('- [ ]', i + 1)) boxes.push(i + 3);
	parsePlan(text);
	const ms: number[] = [];
	for (const at of boxes) {
		const edited = text.slice(0, at) + 'x' + text.slice(at + 1);
		ms.push(time(() => parsePlan(edited)));
	}
	const m = median(ms);
	const bareMs = median(boxes.slice(0, 5).map(() => time(() => unified().use(remarkParse).use(remarkGfm).parse(text))));
	console.log(`  (for scale: bare remark-parse+gfm on the same text, median of 5: ${bareMs.toFixed(2)} ms)`);
	console.log(
		`one-character edit to a ${text.split('\n').length - 1}-line plan → updated model (full re-parse): median ${m.toFixed(2)} ms, ` +
			`max ${Math.max(...ms).toFixed(2)} ms [${ms.length} edits]; ≤ 16 ms: ${m <= 16 ? 'yes' : 'NO'}`
	);
}

/**
 * Whether parse time grows linearly with the text: the whole corpus file against five times its
 * first fifth (micromark 4.0.3 copied its whole event list per closed container, ~5× here).
 */
function linearity(text: string): void {
	const fifth = text.split('\n').slice(0, Math.floor(text.split('\n').length / 5)).join('\n');
	parsePlan(fifth);
	const part = median([0, 1, 2].map(() => time(() => parsePlan(fifth))));
	const whole = median([0, 1, 2].map(() => time(() => parsePlan(text))));
	const ratio = whole / (5 * part);
	console.log(`linearity: whole corpus file ${whole.toFixed(0)} ms vs 5 × its first fifth ${(5 * part).toFixed(0)} ms: ${ratio.toFixed(2)}× (≈ 1 when linear)`);
}

compare('llmspell-phase13-done-giant.md', giant, RUNS);
linearity(giant);
compare('generated plan', generatePlan(10_000), RUNS);
editLatency(generatePlan(2_000), 25);
