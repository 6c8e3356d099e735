/**
 * Synthetic plans of a chosen length for benchmarks: an ExecPlan with living sections and
 * many phases holding budgets, dependencies, checkbox tasks (nested, timestamped, every
 * marker), a task table, prose and fenced code — the shapes seen in shared/corpus/.
 */

const MARKERS = ['[ ]', '[x]', '[x]', '[✅]', '[~]', '[⏳]', '[N/A]', '[❌]', '[⚠️]'];

/** A plan of exactly `lineCount` lines (LF), deterministic for a given count. */
export function generatePlan(lineCount: number): string {
	const out: string[] = [
		'# ExecPlan: Synthetic benchmark plan',
		'',
		'**Token Budget**: 5M-8M tokens',
		'**Reality Check**: 🟡 Normal Chaos (1.5x)',
		'',
		'## Purpose / Big Picture',
		'',
		'A generated plan whose shape follows the real plans in the corpus.',
		'',
		'## Progress',
		''
	];
	for (let i = 0; i < 40; i++) out.push(`- ${MARKERS[i % MARKERS.length]} (2025-10-${String((i % 28) + 1).padStart(2, '0')} 13:00Z) Progress entry ${i} with \`code\` and **bold**`);
	out.push('', '## Surprises & Discoveries', '', '- Observation: the cache was cold.', '  Evidence: 3 runs, 2 misses.', '');
	out.push('## Decision Log', '', '- Decision: keep the parser pure.', '  Rationale: testable in Node.', '  Date/Author: 2025-10-02 / bench', '');
	out.push('## Outcomes & Retrospective', '', '(pending)', '', '## Phases', '');
	let phase = 1;
	while (out.length < lineCount) {
		const block = [
			`### Phase ${phase}: Generated phase ${phase} (${300 + phase}K-${500 + phase}K tokens)${phase % 3 === 0 ? ' ✅ COMPLETE' : ''}`,
			'',
			`**Depends on**: Phase ${Math.max(1, phase - 1)}`,
			`**Tokens Spent**: ~${100 + phase}K tokens`,
			'',
			`Phase ${phase} turns the previous phase's output into something a person can use; the`,
			'paragraph wraps over two lines like real prose does.',
			'',
			'#### Tasks',
			''
		];
		for (let t = 0; t < 12; t++) {
			block.push(`- ${MARKERS[(phase + t) % MARKERS.length]} **Task ${phase}.${t}** implement part ${t} of phase ${phase}`);
			if (t % 4 === 0) block.push(`  - [ ] sub-task ${phase}.${t}.a`, `  - [x] sub-task ${phase}.${t}.b`);
		}
		block.push('', '```bash', '# not a heading', '- [ ] not a task', 'cargo test --workspace', '```', '');
		block.push('| Step | Status |', '|---|---|', `| ${phase}.1 | completed |`, `| ${phase}.2 | pending |`, '');
		out.push(...block);
		phase++;
	}
	return out.slice(0, lineCount).join('\n') + '\n';
}
