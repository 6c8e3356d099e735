/**
 * A phase-doc repo (the seeds' workflow) whose version 1.2.0 closes with phase 2: phase 1's
 * document is complete, phase 2's is in progress with nothing else open, an older version's
 * document and a README sit in the same folder and must stay where they are.
 */
export const PHASE_DOC_1 = [
	'# V1.2.0 - Phase 1: Foundation',
	'',
	'**Status**: Complete',
	'**Started**: 2026-11-01',
	'**Completed**: 2026-11-05',
	'**Token Budget**: 500K-800K tokens',
	'**Tokens Spent**: 600K tokens',
	'',
	'## Deliverables',
	'',
	'- [x] JWT service',
	''
].join('\n');

export const PHASE_DOC_2_PATH = 'docs/development/V1.2.0_PHASE_2.md';

export const PHASE_DOC_2 = [
	'# V1.2.0 - Phase 2: Integration',
	'',
	'**Status**: In Progress',
	'**Started**: 2026-11-06',
	'**Token Budget**: 400K-600K tokens',
	'**Tokens Spent**: 100K tokens',
	'',
	'## Deliverables',
	'',
	'- [x] Login endpoint',
	'- [ ] Session tests',
	'',
	'## Completion Summary',
	'(Added when phase complete)',
	''
].join('\n');

export const OLD_VERSION_DOC = '# V1.1.0 - Phase 1: Setup\n\n**Status**: Complete\n\n- [x] Scaffold\n';

export const PHASE_DOCS_ROADMAP = [
	'# Roadmap',
	'',
	'## Current Work',
	'',
	'- Phase 2: Integration (started 2026-11-06)',
	'',
	'## What We Just Finished',
	'',
	'- Phase 1: Foundation (completed 2026-11-05)',
	''
].join('\n');

/** The whole repo, path → text. */
export const PHASE_DOCS_REPO: Record<string, string> = {
	VERSION: '1.2.0\n',
	'ROADMAP.md': PHASE_DOCS_ROADMAP,
	'README.md': '# Auth service\n',
	'docs/development/README.md': '# Development notes\n',
	'docs/development/V1.1.0_PHASE_1.md': OLD_VERSION_DOC,
	'docs/development/V1.2.0_PHASE_1.md': PHASE_DOC_1,
	[PHASE_DOC_2_PATH]: PHASE_DOC_2
};
