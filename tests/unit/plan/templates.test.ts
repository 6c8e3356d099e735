import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../../src/lib/plan/parse';
import { lintPlan } from '../../../src/lib/plan/lint';
import { discoverPlans } from '../../../src/lib/plan/discover';
import { execPlanTemplate, nextStepFile, phaseDocPath, phaseDocTemplate, slugify } from '../../../src/lib/plan/templates';

const now = new Date('2026-11-03T10:15:00Z');

function errors(text: string) {
	return lintPlan(parsePlan(text), {}, text).filter((d) => d.severity === 'error');
}

describe('execPlanTemplate', () => {
	const text = execPlanTemplate('Sync engine', now);
	const doc = parsePlan(text);

	it('parses as an ExecPlan with all four living sections and the prescribed ones', () => {
		expect(doc.kind).toBe('execplan');
		expect(doc.title).toBe('Sync engine');
		expect(doc.living.progress?.title).toBe('Progress');
		expect(doc.living.surprises?.title).toBe('Surprises & Discoveries');
		expect(doc.living.decisions?.title).toBe('Decision Log');
		expect(doc.living.outcomes?.title).toBe('Outcomes & Retrospective');
		const titles = doc.sections.map((s) => s.title);
		for (const t of ['Purpose', 'Context and Orientation', 'Plan of Work', 'Concrete Steps', 'Validation and Acceptance', 'Idempotence and Recovery']) expect(titles).toContain(t);
		expect(doc.progress.map((i) => i.state)).toEqual(['open']);
		expect(doc.decisions).toHaveLength(1);
		expect(doc.decisions[0].rationale).toMatch(/written down/);
	});

	it('has no lint errors', () => {
		expect(errors(text)).toEqual([]);
	});

	it('keeps a title on one line', () => {
		expect(execPlanTemplate('a\nb', now).split('\n')[0]).toBe('# a b');
	});
});

describe('phaseDocTemplate', () => {
	const file = phaseDocTemplate({ version: '1.2', phase: 3, title: 'Editor', now });
	const doc = parsePlan(file.text);

	it('lives at docs/development/V{VERSION}_PHASE_{N}.md and is discovered as a phase doc', async () => {
		expect(file.path).toBe('docs/development/V1.2_PHASE_3.md');
		expect(phaseDocPath('v0.4', '2')).toBe('docs/development/V0.4_PHASE_2.md');
		expect((await discoverPlans([file.path])).map((p) => p.group)).toEqual(['phase-docs']);
	});

	it('parses as a phase doc with status, start date, budget and its sections', () => {
		expect(doc.kind).toBe('phase-doc');
		expect(doc.phases).toHaveLength(1);
		expect(doc.phases[0].status).toBe('open');
		expect(doc.phases[0].started).toBe('2026-11-03');
		expect(doc.budget).toMatchObject({ low: 100_000, high: 200_000, spent: 0 });
		const titles = doc.sections.map((s) => s.title);
		for (const t of ['Objectives', 'Deliverables', 'Progress Updates', 'Technical Decisions', 'Completion Summary']) expect(titles).toContain(t);
		expect(doc.living.decisions?.title).toBe('Technical Decisions');
		expect(doc.living.outcomes?.title).toBe('Completion Summary');
	});

	it('has no lint errors', () => {
		expect(errors(file.text)).toEqual([]);
	});
});

describe('nextStepFile', () => {
	const paths = ['docs/steps/01_setup.md', 'docs/steps/02_schema.md', 'docs/steps/README.md', 'docs/other/07_x.md'];

	it('numbers after the highest step of that folder, with its width and separator', () => {
		const file = nextStepFile({ folder: 'docs/steps', paths, title: 'Sync service', now });
		expect(file.path).toBe('docs/steps/03_sync_service.md');
		const dashed = nextStepFile({ folder: 'p', paths: ['p/001-a.md', 'p/009-b.md'], title: 'Go', now });
		expect(dashed.path).toBe('p/010-go.md');
	});

	it('parses as a step file with a Progress section, is discovered in the step folder, and has no lint errors', async () => {
		const file = nextStepFile({ folder: 'docs/steps', paths, title: 'Sync service', now });
		const doc = parsePlan(file.text);
		expect(doc.kind).toBe('step-file');
		expect(doc.living.progress?.title).toBe('Progress');
		expect(doc.progress).toHaveLength(1);
		expect(errors(file.text)).toEqual([]);
		const found = await discoverPlans([...paths, file.path]);
		expect(found.find((p) => p.path === file.path)?.group).toBe('step-folders');
	});

	it('starts a new folder at 01', () => {
		expect(nextStepFile({ folder: 'steps/', paths: [], title: 'First', now }).path).toBe('steps/01_first.md');
	});
});

describe('slugify', () => {
	it('makes file-name slugs', () => {
		expect(slugify('Sync engine v2!')).toBe('sync-engine-v2');
		expect(slugify('Éte à Paris')).toBe('ete-a-paris');
		expect(slugify('***')).toBe('plan');
	});
});
