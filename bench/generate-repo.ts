/**
 * Synthetic git repositories for `npm run bench:git`, made with native git (`git fast-import`
 * into a bare repo, then `git repack`): source-like text files in nested folders, some Markdown
 * (phase docs, notes) and one ExecPlan with a `## Progress` checklist, and a history of commits
 * that each touch a few files. Deterministic for a given spec (seeded PRNG, fixed dates).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What to generate. */
export interface RepoSpec {
	/** Files at HEAD (the ExecPlan included). */
	files: number;
	/** Commits on `main`, the first one included. */
	commits: number;
	/** PRNG seed. */
	seed: number;
}

/** A generated bare repo and what the bench needs to know about it. */
export interface GeneratedRepo {
	/** Path of the bare repo (`<root>/<name>.git`). */
	bare: string;
	/** Path of the ExecPlan inside the repo. */
	planPath: string;
	/** A line near the top of the plan, to recognise it in the editor. */
	planMarker: string;
	/** The plan's unchecked Progress items at HEAD (each bench run ticks one). */
	openItems: string[];
}

/** Path of the ExecPlan in every generated repo. */
export const PLAN_PATH = 'docs/plans/bench-rollout.md';
const PLAN_TITLE = '# ExecPlan: Benchmark rollout of the sync engine';
const PLAN_ITEMS = 60;

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const WORDS = ['user', 'plan', 'sync', 'commit', 'tree', 'blob', 'phase', 'step', 'token', 'budget', 'cache', 'index', 'remote', 'branch', 'merge', 'parse', 'render', 'panel', 'store', 'queue', 'worker', 'event', 'state', 'route', 'layout', 'item', 'list', 'value', 'count', 'error', 'retry', 'limit'];
const DIRS = ['src', 'lib', 'packages', 'apps', 'tools', 'services', 'internal', 'web', 'api', 'core'];
const SUBDIRS = ['components', 'utils', 'models', 'handlers', 'views', 'adapters', 'config', 'jobs', 'helpers', 'schemas', 'fixtures', 'styles'];
const EXTS = ['ts', 'ts', 'ts', 'js', 'py', 'go', 'css', 'json', 'svelte', 'rs'];

/** A generator of deterministic content from one seed. */
class Content {
	readonly rand: () => number;
	constructor(seed: number) {
		this.rand = prng(seed);
	}
	int(lo: number, hi: number): number {
		return lo + Math.floor(this.rand() * (hi - lo + 1));
	}
	pick<T>(xs: readonly T[]): T {
		return xs[Math.floor(this.rand() * xs.length)];
	}
	ident(): string {
		const a = this.pick(WORDS);
		const b = this.pick(WORDS);
		return `${a}${b[0].toUpperCase()}${b.slice(1)}${this.int(0, 99)}`;
	}
	/** One source-like line. */
	line(): string {
		switch (this.int(0, 5)) {
			case 0:
				return `export function ${this.ident()}(${this.ident()}: number): number {`;
			case 1:
				return `\tconst ${this.ident()} = ${this.ident()}(${this.int(0, 9999)}, '${this.pick(WORDS)}');`;
			case 2:
				return `\tif (${this.ident()} > ${this.int(0, 500)}) return ${this.ident()};`;
			case 3:
				return `// ${this.pick(WORDS)} ${this.pick(WORDS)} ${this.pick(WORDS)}: keep the ${this.pick(WORDS)} in step with the ${this.pick(WORDS)}.`;
			case 4:
				return '}';
			default:
				return `\t${this.ident()}.${this.ident()}(${this.ident()}, ${this.int(0, 64)});`;
		}
	}
	/** A source-like file of 20–150 lines. */
	source(): string {
		const n = this.int(20, 150);
		const out: string[] = [];
		for (let i = 0; i < n; i++) out.push(this.line());
		return out.join('\n') + '\n';
	}
	/** A short Markdown note. */
	markdown(title: string): string {
		const out = [`# ${title}`, ''];
		for (let i = this.int(3, 12); i > 0; i--) out.push(`${this.line().replace(/^[\t/ ]+/, '')} — ${this.pick(WORDS)}.`, '');
		return out.join('\n');
	}
}

/** The ExecPlan: living sections and a Progress checklist of {@link PLAN_ITEMS} open items. */
function execPlan(): string {
	const out = [PLAN_TITLE, '', '**Token Budget**: 2M-3M tokens', '', '## Purpose / Big Picture', '', 'Roll the sync engine out behind a flag, phase by phase.', '', '## Progress', ''];
	for (let i = 1; i <= PLAN_ITEMS; i++) out.push(`- [ ] Step ${i}: roll out part ${i} of the sync engine`);
	out.push('', '## Surprises & Discoveries', '', '- None yet.', '', '## Decision Log', '', '- Decision: ship behind a flag.', '  Rationale: reversible.', '', '## Outcomes & Retrospective', '', '(pending)', '');
	return out.join('\n');
}

/** File paths at HEAD: the plan, some Markdown, the rest source-like, in nested folders. */
function layout(c: Content, count: number): string[] {
	const paths = new Set<string>([PLAN_PATH, 'README.md']);
	const markdown = Math.max(2, Math.round(count * 0.03));
	for (let i = 1; paths.size < markdown; i++) {
		const kind = i % 3;
		paths.add(kind === 0 ? `docs/PHASE_${String(i).padStart(2, '0')}.md` : kind === 1 ? `docs/notes/${c.pick(WORDS)}-${i}.md` : `${c.pick(DIRS)}/README-${i}.md`);
	}
	while (paths.size < count) {
		// Folder shapes of a real project: ~10 top folders, a few packages each, a few subfolders.
		const r = c.rand();
		const depth = r < 0.15 ? 1 : r < 0.55 ? 2 : r < 0.9 ? 3 : 4;
		const parts = [c.pick(DIRS)];
		if (depth > 1) parts.push(`${c.pick(WORDS.slice(0, 4))}-${c.int(0, 1)}`);
		if (depth > 2) parts.push(c.pick(SUBDIRS.slice(0, 3)));
		if (depth > 3) parts.push(c.pick(SUBDIRS.slice(3, 5)));
		paths.add(`${parts.join('/')}/${c.ident()}.${c.pick(EXTS)}`);
	}
	return [...paths];
}

/** A fast-import `M` command with inline data. */
function modify(p: string, text: string): string {
	return `M 100644 inline ${p}\ndata ${Buffer.byteLength(text)}\n${text}\n`;
}

/** The fast-import stream for `spec`; also returns the plan's final text. */
function stream(spec: RepoSpec): { data: string; planText: string } {
	const c = new Content(spec.seed);
	const finalPaths = layout(c, spec.files);
	// The last few files arrive in later commits (additions), the rest in the first commit.
	const added = Math.min(Math.floor(spec.commits / 5), Math.floor(spec.files / 10));
	const initial = finalPaths.slice(0, finalPaths.length - added);
	const later = finalPaths.slice(finalPaths.length - added);
	const texts = new Map<string, string>();
	const contentFor = (p: string): string => (p === PLAN_PATH ? execPlan() : p.endsWith('.md') ? c.markdown(p) : c.source());
	let out = '';
	let when = 1_700_000_000;
	for (let n = 1; n <= spec.commits; n++) {
		const changes: string[] = [];
		if (n === 1) {
			for (const p of initial) texts.set(p, contentFor(p));
			for (const p of initial) changes.push(modify(p, texts.get(p)!));
		} else {
			if (later.length > 0 && n % 5 === 0) {
				const p = later.shift()!;
				texts.set(p, contentFor(p));
				changes.push(modify(p, texts.get(p)!));
			}
			const keys = [...texts.keys()];
			for (let k = c.int(1, 5); k > 0; k--) {
				const p = c.pick(keys);
				if (p === PLAN_PATH) continue; // the plan keeps its open items for the bench
				const lines = texts.get(p)!.split('\n');
				const at = c.int(0, Math.max(0, lines.length - 2));
				if (c.rand() < 0.5) lines[at] = c.line();
				else lines.splice(at, 0, c.line(), c.line());
				texts.set(p, lines.join('\n'));
				changes.push(modify(p, texts.get(p)!));
			}
			if (n % 25 === 0) {
				// Now and then the plan's Decision Log grows (a Markdown-only commit).
				const plan = texts.get(PLAN_PATH)!.replace('## Outcomes & Retrospective', `- Decision: note ${n}.\n  Rationale: commit ${n}.\n\n## Outcomes & Retrospective`);
				texts.set(PLAN_PATH, plan);
				changes.push(modify(PLAN_PATH, plan));
			}
		}
		when += 3600;
		const msg = n === 1 ? 'Initial import' : `Change ${n}: ${c.pick(WORDS)} ${c.pick(WORDS)}`;
		out += `commit refs/heads/main\nmark :${n}\ncommitter Bench <bench@waymark.invalid> ${when} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}\n`;
		if (n > 1) out += `from :${n - 1}\n`;
		out += changes.join('') + '\n';
	}
	return { data: out, planText: texts.get(PLAN_PATH)! };
}

/** Config every native git call runs with, independent of the machine's git setup. */
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_TERMINAL_PROMPT: '0' };

/** Creates `<root>/<name>.git` for `spec` with native git and returns where the plan is. */
export function generateRepo(root: string, name: string, spec: RepoSpec): GeneratedRepo {
	const bare = path.join(root, `${name}.git`);
	mkdirSync(bare, { recursive: true });
	const run = (args: string[], input?: string) => execFileSync('git', args, { cwd: bare, env: GIT_ENV, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
	run(['init', '-q', '--bare', '-b', 'main']);
	run(['config', 'http.receivepack', 'true']);
	const { data, planText } = stream(spec);
	run(['fast-import', '--quiet'], data);
	run(['repack', '-adq']);
	run(['symbolic-ref', 'HEAD', 'refs/heads/main']);
	const openItems = planText.split('\n').filter((l) => l.startsWith('- [ ] ')).map((l) => l.slice(6));
	return { bare, planPath: PLAN_PATH, planMarker: PLAN_TITLE.slice(2), openItems };
}
