// `npm test`: set up what a fresh machine lacks (Debian's chromium, git), then run lint,
// type check, unit tests, build and e2e tests in order, continuing after failures, and end
// with one line `Summary: N passed, N failed`. Exits non-zero if anything failed. Each step has
// a time limit (6 min; unit tests 20, build 5, e2e 15) so a hung run cannot eat CI's 90 minutes.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, 'test-results');
const vitestJson = path.join(results, 'vitest.json');
const playwrightJson = path.join(results, 'playwright.json');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Output of a command, or null when it cannot run. */
function capture(cmd, args) {
	try {
		return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
	} catch {
		return null;
	}
}

/** Path of an executable on PATH, or null. */
function which(name) {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		const p = path.join(dir, name);
		if (dir && existsSync(p)) return p;
	}
	return null;
}

/** Installs a Debian package when running as root; otherwise prints the command and exits 1. */
function ensurePackage(pkg, present) {
	if (present()) return;
	if (!isRoot) {
		console.error(`${pkg} is missing. Install it with:\n  sudo apt-get update && sudo apt-get install -y ${pkg}`);
		process.exit(1);
	}
	console.log(`${pkg} is missing; installing it: apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${pkg}`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const update = spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
	const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', pkg], { stdio: 'inherit', env }) : update;
	if (install.status !== 0 || !present()) {
		console.error(`Could not install ${pkg} with apt-get. Install it yourself: sudo apt-get update && sudo apt-get install -y ${pkg}`);
		process.exit(1);
	}
}

/** Chromium the e2e tests drive: Debian's /usr/bin/chromium, else `chromium` on PATH. */
function findChromium() {
	if (process.env.WAYMARK_CHROMIUM && existsSync(process.env.WAYMARK_CHROMIUM)) return process.env.WAYMARK_CHROMIUM;
	if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
	return which('chromium');
}

ensurePackage('git', () => capture('git', ['--version']) !== null);
ensurePackage('chromium', () => findChromium() !== null);
const chromium = findChromium();

console.log(`node ${process.version}`);
console.log(`playwright ${capture(process.execPath, [path.join(root, 'node_modules', '@playwright', 'test', 'cli.js'), '--version']) ?? '(not installed: run npm ci)'}`);
console.log(`chromium ${chromium}: ${capture(chromium, ['--version']) ?? '(does not run)'}`);
console.log(capture('git', ['--version']));

/** One step's outcome. */
const steps = [];

/**
 * Runs one command with output streamed, in its own process group so that a hung run (an
 * endless loop in a test worker) can be killed whole after `limitMs`. Resolves to the exit code.
 */
function runCommand(cmd, args, env, limitMs) {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, detached: true });
		const killGroup = (signal) => {
			try {
				process.kill(-child.pid, signal);
			} catch {
				// already gone
			}
		};
		const timer = setTimeout(() => {
			console.error(`\n${path.basename(cmd)} still running after ${limitMs / 60000} min: stopping it.`);
			killGroup('SIGTERM');
			setTimeout(() => killGroup('SIGKILL'), 5000).unref();
		}, limitMs);
		const forward = () => killGroup('SIGTERM');
		process.once('SIGINT', forward);
		process.once('SIGTERM', forward);
		child.on('error', (err) => {
			console.error(`cannot run ${cmd}: ${err.message}`);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			process.off('SIGINT', forward);
			process.off('SIGTERM', forward);
			// Reap anything the command left behind in its group (stray test workers).
			killGroup('SIGKILL');
			resolve(code ?? (signal ? 1 : 0));
		});
	});
}

/** Runs one step (commands in order, stopping at the first failure); records whether it passed. */
async function run(name, commands, limitMinutes = 6) {
	console.log(`\n=== ${name} ===`);
	const started = Date.now();
	let ok = true;
	for (const [cmd, args, env] of commands) {
		console.log(`$ ${path.basename(cmd)} ${args.join(' ')}`);
		const code = await runCommand(cmd, args, env ?? {}, limitMinutes * 60_000);
		if (code !== 0) {
			ok = false;
			break;
		}
	}
	const step = { name, ok, seconds: Math.round((Date.now() - started) / 100) / 10 };
	steps.push(step);
	return step;
}

/** Parsed JSON report, or null when missing/corrupt. */
function readJson(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

mkdirSync(results, { recursive: true });
rmSync(vitestJson, { force: true });
rmSync(playwrightJson, { force: true });

const started = Date.now();
await run('lint (eslint)', [[bin('eslint'), ['.']]]);
await run('type check (svelte-check)', [
	[bin('svelte-kit'), ['sync']],
	[bin('svelte-check'), ['--tsconfig', './tsconfig.json']]
]);
const unit = await run('unit tests (vitest)', [[bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]]], 20);
const build = await run('build (vite build)', [[bin('vite'), ['build']]], 5);
let e2e;
if (build.ok) {
	e2e = await run('e2e tests (playwright)', [[bin('playwright'), ['test'], { WAYMARK_CHROMIUM: chromium }]], 15);
} else {
	e2e = { name: 'e2e tests (playwright)', ok: false, seconds: 0, note: 'not run: build failed' };
	steps.push(e2e);
}

// Test counts come from the runners' JSON reports. A step that failed without failing tests
// (lint, types, build, a crashed runner, a test file that does not load) counts as one failure.
let passed = 0;
let failed = 0;
const v = readJson(vitestJson);
if (v) {
	// A test file that fails to load has status 'failed' but no failed test: count it once.
	const broken = (v.testResults ?? []).filter(
		(f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')
	).length;
	passed += v.numPassedTests ?? 0;
	failed += (v.numFailedTests ?? 0) + broken;
	unit.note = `${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numPendingTests + v.numTodoTests} skipped/todo` + (broken ? `, ${broken} test files did not load` : '');
	if (!unit.ok && !v.numFailedTests && !broken) failed += 1;
} else if (!unit.ok) failed += 1;
const p = build.ok ? readJson(playwrightJson) : null;
if (p?.stats) {
	// Errors outside tests (a spec that does not load, a crashed worker) count once each.
	const errors = (p.errors ?? []).length;
	passed += (p.stats.expected ?? 0) + (p.stats.flaky ?? 0);
	failed += (p.stats.unexpected ?? 0) + errors;
	e2e.note = `${p.stats.expected} passed, ${p.stats.unexpected} failed, ${p.stats.skipped} skipped, ${p.stats.flaky} flaky` + (errors ? `, ${errors} errors outside tests` : '');
	if (!e2e.ok && !p.stats.unexpected && !errors) failed += 1;
} else if (!e2e.ok) failed += 1;
for (const s of [steps[0], steps[1], build]) if (!s.ok) failed += 1;

/** The first lines of an error message, without terminal colours. */
function firstLines(message, n = 6) {
	// eslint-disable-next-line no-control-regex -- ANSI colour codes are control characters
	const plain = String(message ?? '').replace(/\u001b\[[0-9;]*m/g, '');
	return plain.split('\n').filter((line) => line.trim() && !/^\s*at .*(node_modules|node:internal)/.test(line)).slice(0, n).map((line) => `    ${line}`).join('\n');
}

/** Every failed test with the start of its error, so the end of the log says why (CI keeps only the tail). */
function failures() {
	const out = [];
	for (const file of v?.testResults ?? []) {
		for (const a of file.assertionResults ?? []) {
			if (a.status === 'failed') out.push(`unit  ${path.relative(root, file.name)} › ${a.fullName}\n${firstLines((a.failureMessages ?? []).join('\n'))}`);
		}
		if (file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed')) {
			out.push(`unit  ${path.relative(root, file.name)} did not load\n${firstLines(file.message)}`);
		}
	}
	const walk = (suite, titles) => {
		for (const spec of suite.specs ?? []) {
			for (const t of spec.tests ?? []) {
				if (t.status !== 'unexpected') continue;
				const last = (t.results ?? []).at(-1);
				const message = (last?.errors ?? []).map((e) => e.message).join('\n') || last?.error?.message || last?.status;
				out.push(`e2e   ${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')}\n${firstLines(message)}`);
			}
		}
		for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
	};
	for (const suite of p?.suites ?? []) walk(suite, []);
	for (const e of p?.errors ?? []) out.push(`e2e   error outside tests\n${firstLines(e.message)}`);
	return out;
}

let failed_ = [];
try {
	failed_ = failures();
} catch (error) {
	// The digest only helps reading a failure; an odd report shape must not fail the run.
	console.log(`(no failure digest: ${error instanceof Error ? error.message : String(error)})`);
}
if (failed_.length) {
	console.log('\n=== failures ===');
	for (const f of failed_.slice(0, 10)) console.log(f);
	if (failed_.length > 10) console.log(`… and ${failed_.length - 10} more (see above)`);
}

console.log('\n=== results ===');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'}  ${s.name} (${s.seconds}s)${s.note ? ` — ${s.note}` : ''}`);
console.log(`total ${Math.round((Date.now() - started) / 1000)}s`);
console.log(`Summary: ${passed} passed, ${failed} failed`);
process.exit(steps.every((s) => s.ok) ? 0 : 1);
