/**
 * Starting texts for "New plan": an ExecPlan with its prescribed sections and the four living
 * sections, a phase document at `docs/development/V{VERSION}_PHASE_{N}.md`, and the next
 * numbered step file of a step folder. Pure functions of their inputs (the date is passed in).
 */

/** A new file to write: where, and what. */
export interface NewPlanFile {
	path: string;
	text: string;
}

/** Turns a title into a file-name slug (`Sync engine v2` → `sync-engine-v2`). */
export function slugify(title: string): string {
	const slug = title
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return slug || 'plan';
}

/** The date part of `now` in UTC (`2026-11-03`), as plans write it. */
export function isoDate(now: Date): string {
	return now.toISOString().slice(0, 10);
}

/** Strips characters that would break a one-line Markdown heading. */
function oneLine(text: string, fallback: string): string {
	const t = text.replace(/[\r\n]+/g, ' ').trim();
	return t || fallback;
}

/** An ExecPlan: the prescribed sections plus Progress, Surprises & Discoveries, Decision Log, Outcomes & Retrospective. */
export function execPlanTemplate(title: string, now: Date): string {
	const name = oneLine(title, 'New plan');
	return [
		`# ${name}`,
		'',
		'This ExecPlan is a living document. Keep Progress, Surprises & Discoveries, Decision Log and Outcomes & Retrospective up to date as work proceeds.',
		'',
		'## Purpose',
		'',
		'What someone gains from this change, and how they can see it working.',
		'',
		'## Progress',
		'',
		`- [ ] (${isoDate(now)}) Write the plan.`,
		'',
		'## Surprises & Discoveries',
		'',
		'- Observation: none yet.',
		'  Evidence: —',
		'',
		'## Decision Log',
		'',
		`- Decision: Start with this plan.`,
		'  Rationale: Work is easier to follow when it is written down first.',
		`  Date/Author: ${isoDate(now)}`,
		'',
		'## Outcomes & Retrospective',
		'',
		'Written at major milestones and at the end.',
		'',
		'## Context and Orientation',
		'',
		'The current state, the files that matter, and the terms a newcomer needs.',
		'',
		'## Plan of Work',
		'',
		'The sequence of edits and additions, in prose.',
		'',
		'## Concrete Steps',
		'',
		'Commands to run and what they print.',
		'',
		'## Validation and Acceptance',
		'',
		'How to exercise the system and what to observe.',
		'',
		'## Idempotence and Recovery',
		'',
		'Which steps can be repeated safely, and how to retry or roll back.',
		''
	].join('\n');
}

/** Where a phase document lives: `docs/development/V{VERSION}_PHASE_{N}.md`. */
export function phaseDocPath(version: string, phase: number | string): string {
	const v = version.trim().replace(/^v/i, '').replace(/[^\w.-]+/g, '-') || '0.1';
	const n = String(phase).trim().replace(/[^\w.-]+/g, '-') || '1';
	return `docs/development/V${v}_PHASE_${n}.md`;
}

/** A phase document: title line, status and budget fields, then its sections. */
export function phaseDocTemplate(opts: { version: string; phase: number | string; title: string; now: Date }): NewPlanFile {
	const v = opts.version.trim().replace(/^v/i, '') || '0.1';
	const title = oneLine(opts.title, 'New phase');
	const text = [
		`# V${v} - Phase ${opts.phase}: ${title}`,
		'',
		'**Status**: Not Started',
		`**Started**: ${isoDate(opts.now)}`,
		'**Token Budget**: 100K-200K tokens',
		'**Tokens Spent**: 0 tokens',
		'',
		'## Objectives',
		'',
		'- What this phase sets out to achieve.',
		'',
		'## Deliverables',
		'',
		'- [ ] First deliverable',
		'',
		'## Progress Updates',
		'',
		`- ${isoDate(opts.now)}: Phase planned.`,
		'',
		'## Technical Decisions',
		'',
		'- Decision: Follow the plan as written.',
		'  Rationale: Nothing has been learned yet that would change it.',
		'',
		'## Completion Summary',
		'',
		'(Added when the phase is complete.)',
		''
	].join('\n');
	return { path: phaseDocPath(opts.version, opts.phase), text };
}

/** The numbered step files of `folder` among `paths`: number, its written width, separator. */
function stepNumbers(folder: string, paths: readonly string[]): { n: number; width: number; sep: string }[] {
	const prefix = folder ? `${folder.replace(/\/+$/, '')}/` : '';
	const out: { n: number; width: number; sep: string }[] = [];
	for (const p of paths) {
		if (!p.startsWith(prefix)) continue;
		const name = p.slice(prefix.length);
		if (name.includes('/')) continue;
		const m = /^(\d+)([_-])[^/]*\.md$/i.exec(name);
		if (m) out.push({ n: Number(m[1]), width: m[1].length, sep: m[2] });
	}
	return out;
}

/** The next numbered step file of `folder` (`03_title.md` after `02_…`), keeping the folder's digits and separator. */
export function nextStepFile(opts: { folder: string; paths: readonly string[]; title: string; now: Date }): NewPlanFile {
	const steps = stepNumbers(opts.folder, opts.paths);
	const n = steps.reduce((max, s) => Math.max(max, s.n), 0) + 1;
	const width = steps.reduce((w, s) => Math.max(w, s.width), 2);
	const sep = steps.find((s) => s.n === n - 1)?.sep ?? steps[0]?.sep ?? '_';
	const num = String(n).padStart(width, '0');
	const title = oneLine(opts.title, `Step ${n}`);
	const name = `${num}${sep}${slugify(title).replace(/-/g, sep)}.md`;
	const folder = opts.folder.replace(/\/+$/, '');
	const text = [
		`# Step ${num}: ${title}`,
		'',
		'**Status**: Not Started',
		...(n > 1 ? [`**Depends on**: Step ${String(n - 1).padStart(width, '0')}`] : []),
		'',
		'## Goal',
		'',
		'What this step delivers.',
		'',
		'## Progress',
		'',
		`- [ ] (${isoDate(opts.now)}) First task`,
		''
	].join('\n');
	return { path: folder ? `${folder}/${name}` : name, text };
}
