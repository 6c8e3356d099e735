/**
 * Hand-written facts about every file in shared/corpus/, obtained by reading the files
 * (sed -n / grep -n with line numbers), never from the parser's output. Every line
 * number is 1-based and refers to the file as stored in shared/corpus/.
 *
 * Shared rule (with the parser's author) for which checkbox items are *progress items*:
 * the checklist items of the progress-like living section(s) — headings named exactly
 * (case-insensitive) Progress, Progress Log, Execution Steps, Deliverables or To-do —
 * including the items of their subsections; if the file has none of these, every checkbox
 * item outside code. Checkbox markers: [ ] [x] [X] [✅] [❌] [⚠️] [⏳] [~] [N/A] in bullet
 * or ordered lists; `- [label](url)`, `- [Note] …`, `- [app]` are not checkboxes. Nothing
 * inside fenced/indented code, HTML comments or front matter counts.
 *
 * Conventions:
 * - A key left out of `living` means "not asserted" (a judgment call, explained in a comment).
 * - `kind` lists the accepted kinds: one entry is a plain fact, several mean a judgment call.
 * - Item and phase facts locate their object by the line where its span / heading starts.
 * - `text` / `title` are fragments: an item's text must contain it; a phase's title must
 *   start with it.
 * - Phase statuses derived only from checkbox state (all ticked → done, none ticked → open)
 *   are marked "derived"; mixed states are not asserted.
 */
import type { Budget, ItemState, PhaseStatus, PlanKind } from '../../../src/lib/plan/types';

/** A living section: heading text (trimmed, without #) and the heading's line. */
export interface SectionFact {
	title: string;
	line: number;
}

export type LivingKey = 'progress' | 'surprises' | 'decisions' | 'outcomes';

/** One progress item, found by the line its span starts on. */
export interface ItemFact {
	line: number;
	state: ItemState;
	/** A fragment of the item's text. */
	text: string;
	/** undefined: not asserted; null: no timestamp; string: the timestamp contains this. */
	timestamp?: string | null;
	/** Number of direct child items. */
	children?: number;
}

/** One phase / step / milestone, found (anywhere in the phase tree) by its heading's line. */
export interface PhaseFact {
	line: number;
	number: string;
	/** The phase title starts with this. */
	title: string;
	status?: PhaseStatus;
	/** Line of the parent phase's heading, or null for a top-level phase. */
	parentLine?: number | null;
	/** Number of child phases. */
	children?: number;
	dependsOn?: string[];
	/** Completed date, with non-ASCII hyphens (U+2011 etc.) normalised to '-'. */
	completed?: string;
	budget?: Partial<Budget>;
	/** statusNote contains this. */
	statusNote?: string;
}

export interface ProgressFact {
	/** All progress items including nested children. */
	total: number;
	/** Top-level progress items. */
	top?: number;
	/** Counts per state over all items (missing states are 0). */
	states: Partial<Record<ItemState, number>>;
}

/** Facts about a whole document (a corpus file or a snippet cut out of one). */
export interface DocFacts {
	lineEnding: '\n' | '\r\n';
	/** Accepted titles (several = judgment call). */
	title: (string | null)[];
	kind: PlanKind[];
	/** Number of headings outside code and front matter (sections.length). */
	/** Accepted counts (several = judgment call). */
	headings?: number | number[];
	living: Partial<Record<LivingKey, SectionFact | null>>;
	progress?: ProgressFact;
	items: ItemFact[];
	phases: PhaseFact[];
	/** Number of top-level phases, where unambiguous. */
	topPhases?: number;
	/** Whole-plan budget; null = no whole-plan budget stated; undefined = not asserted. */
	budget?: Partial<Budget> | null;
	/** The budget stated under the title: doc.budget, or the budget of the phase whose heading is the title. */
	titleBudget?: Partial<Budget>;
}

/** A fenced example inside a corpus file, parsed on its own (lines fromLine..toLine inclusive). */
export interface EmbeddedFacts extends DocFacts {
	fromLine: number;
	toLine: number;
}

export interface CorpusFacts extends DocFacts {
	file: string;
	/** Checkbox items anywhere outside code (what the independent line counter must find). */
	checkboxes: number;
	embedded?: EmbeddedFacts[];
}

const K = 1000;
const M = 1_000_000;

/** Facts for every corpus file, in alphabetical order of file name. */
export const corpusFacts: CorpusFacts[] = [
	{
		file: 'agdd-PLANS-tiny-template.md',
		lineEnding: '\n',
		title: ['ExecPlan'], // L1
		kind: ['execplan'],
		headings: 14,
		living: {
			// Judgment: both '## To-do' (L6) and '## Progress' (L11) are progress-like; the
			// section named exactly Progress is taken as THE progress section.
			progress: { title: 'Progress', line: 11 },
			decisions: { title: 'Decision Log', line: 14 },
			surprises: { title: 'Surprises & Discoveries', line: 17 },
			outcomes: { title: 'Outcomes & Retrospective', line: 20 }
		},
		// To-do L7-9 are the only checklist items of progress-like sections; the Progress
		// entry L12 is a plain bullet; the ordered checkboxes L33-35 sit in Concrete Steps.
		progress: { total: 3, top: 3, states: { open: 3 } },
		items: [
			{ line: 7, state: 'open', text: 'Task 1', timestamp: null },
			{ line: 9, state: 'open', text: 'Task 3', timestamp: null }
		],
		phases: [],
		topPhases: 0,
		budget: null,
		checkboxes: 6 // L7-9, L33-35 (ordered list)
	},
	{
		file: 'agdd-execplan-template-bold-fields.md',
		lineEnding: '\n',
		title: ['ExecPlan: [Feature/Fix/Refactor Name]'], // L1
		kind: ['execplan'],
		headings: 59,
		living: {
			// Judgment as above: '## Progress' L48 (dated h3 entries) rather than '## To-do' L31.
			progress: { title: 'Progress', line: 48 },
			surprises: { title: 'Surprises & Discoveries', line: 60 },
			decisions: { title: 'Decision Log', line: 69 },
			outcomes: { title: 'Outcomes & Retrospective', line: 221 }
		},
		// To-do (L31, items L34-36, L39-40, L43-44) + '### Deliverables' (L226, items L227-229,
		// progress-like by the shared rule although it sits under Outcomes).
		progress: { total: 10, top: 10, states: { open: 10 } },
		items: [
			{ line: 34, state: 'open', text: 'Task 1 with clear completion criteria', timestamp: null },
			{ line: 44, state: 'open', text: 'Task 7' },
			{ line: 227, state: 'open', text: 'Deliverable 1' }
		],
		phases: [
			{ line: 33, number: '1', title: '[Phase Name]', status: 'open' },
			{ line: 38, number: '2', title: '[Phase Name]', status: 'open' },
			{ line: 42, number: '3', title: '[Phase Name]', status: 'open' }
		],
		budget: null,
		// L22-24 success criteria, 7 To-do, L154-156, L159-161, L227-229, L247-249
		checkboxes: 22
	},
	{
		file: 'agentlayer-roadmap.md',
		lineEnding: '\n',
		title: ['Roadmap'],
		kind: ['roadmap'],
		headings: 14, // the ## / ### lines inside the ```markdown fences L20-24, L27-40 do not count
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		progress: { total: 0, states: {} },
		items: [],
		phases: [
			{ line: 46, number: '1', title: 'Define the vNext contract', status: 'done', parentLine: null },
			{ line: 51, number: '2', title: 'Repository installer + skeleton', status: 'done' },
			{ line: 55, number: '3', title: 'Core sync engine', status: 'done' },
			{ line: 63, number: '5', title: 'v0.3.0 minimum viable product', status: 'done' },
			{ line: 96, number: '9', title: 'MCP defaults + CLI output polish', status: 'done', children: 0 }
		],
		topPhases: 9, // L46, 51, 55, 59, 63, 72, 79, 87, 96
		budget: null,
		checkboxes: 0 // '- [ ]' only inside the fence L27-40
	},
	{
		file: 'cheatsheet-christmas-plan-crlf.md',
		lineEnding: '\r\n', // 302/302 lines end in CRLF
		title: ['Christmas Theme Implementation Plan'],
		kind: ['phase-doc', 'roadmap'], // INDEX kind (b); a phased implementation plan
		headings: 39,
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		// No progress-like section: all 29 checkboxes (L187-226), none ticked. Link bullets
		// L56-58 and L289-291 are not checkboxes; L201-203 are plain sub-bullets of L200.
		progress: { total: 29, top: 29, states: { open: 29 } },
		items: [
			{ line: 187, state: 'open', text: 'folder structure', timestamp: null },
			{ line: 200, state: 'open', text: 'Modify die() function:', children: 0 },
			{ line: 226, state: 'open', text: 'Performance optimization' }
		],
		phases: [
			{ line: 186, number: '1', title: 'Assets Setup', status: 'open' }, // derived: 7 open
			{ line: 195, number: '2', title: 'Controller Refactor', status: 'open' },
			{ line: 207, number: '3', title: 'CSS Updates', status: 'open' },
			{ line: 214, number: '4', title: 'DOM Integration', status: 'open' },
			{ line: 221, number: '5', title: 'Polish', status: 'open' }
		],
		budget: null,
		checkboxes: 29
	},
	{
		file: 'cheatsheet-refactor-plan-unicode-dates.md',
		lineEnding: '\n',
		title: ['Chatbot Refactor Plan v2'],
		kind: ['phase-doc', 'roadmap'],
		headings: 27,
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		// Only checkboxes: approval checklist L308-312. '1. ✅ **Done** – …' (L113-117) are not checkboxes.
		progress: { total: 5, top: 5, states: { open: 5 } },
		items: [
			{ line: 308, state: 'open', text: 'Review plan (tech lead / project owner).', timestamp: null },
			{ line: 312, state: 'open', text: 'Begin Phase 0 on branch' }
		],
		phases: [
			// '— ✅ Completed 2025‑10‑19' with U+2011 hyphens in the heading.
			{ line: 66, number: '0', title: 'Preparatory Work', status: 'done', completed: '2025-10-19' },
			{ line: 73, number: '1', title: 'Platform & Mode Manager', status: 'done', completed: '2025-10-19' },
			{ line: 89, number: '2', title: 'Conversation & State Managers', status: 'done' },
			{ line: 108, number: '3', title: 'Event Facade & Orchestrator Cleanup', status: 'done' },
			{ line: 119, number: '4', title: 'Optional Polish', status: 'open' } // no marker, no ticks
		],
		budget: null,
		checkboxes: 5
	},
	{
		file: 'corten-phase2-progress-summary.md',
		lineEnding: '\n',
		title: ['Phase 2 Progress Summary'],
		kind: ['phase-doc', 'roadmap'],
		headings: 19,
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		progress: { total: 0, states: {} }, // numbered '✅'/'⏳' items are not checkboxes
		items: [],
		// The title '# Phase 2 Progress Summary' names the document: '### 🔄 Phase 2' (L28) is phase 2, so the title is no phase.
		topPhases: 6,
		phases: [
			{ line: 10, number: '1', title: 'Analysis & Architecture', status: 'done' }, // '### ✅ … (COMPLETE)'
			{ line: 28, number: '2', title: 'Component Creation', status: 'in-progress' }, // 🔄 (IN PROGRESS - 60% complete)
			{ line: 57, number: '3', title: 'Contract Generation', status: 'open' }, // ⏳ (PENDING)
			{ line: 83, number: '4', title: 'Parallel Development', status: 'open' },
			{ line: 122, number: '5', title: 'Quality Verification', status: 'open' },
			{ line: 142, number: '6', title: 'Integration & Testing', status: 'open' }
		],
		// Budget L188 '~107,000 tokens (53% of 200k budget)' is not in a stated grammar: not asserted.
		checkboxes: 0
	},
	{
		file: 'corten-token-budget-analysis.md',
		lineEnding: '\n',
		title: ['Token Budget Analysis - Phase 2'],
		kind: ['phase-doc', 'roadmap', 'unknown'], // an analysis document
		headings: 35,
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		progress: { total: 0, states: {} },
		items: [],
		phases: [], // '### Phase 1 → Phase 2 Growth' (L127) is a section about growth, not asserted either way
		checkboxes: 0
	},
	{
		file: 'czarina-phase-development-guide.md',
		lineEnding: '\n',
		title: ['Phase-Based Development Workflow'],
		kind: ['phase-doc', 'roadmap', 'unknown'], // a guide about phase docs
		headings: 42,
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		// No progress-like section: the 18 transition checkboxes L261-267, L271-275, L279-284.
		progress: { total: 18, top: 18, states: { open: 18 } },
		items: [
			{ line: 261, state: 'open', text: 'Previous phase complete', timestamp: null },
			{ line: 284, state: 'open', text: 'Lessons learned documented' }
		],
		// Every example phase doc (with budgets, ✅ COMPLETE, Completion Summary) lives in fences.
		phases: [],
		topPhases: 0,
		budget: null,
		checkboxes: 18,
		embedded: [
			{
				// ```markdown L79-119: an in-progress phase doc
				fromLine: 80,
				toLine: 118,
				lineEnding: '\n',
				title: ['V1.2.0 - Phase 1: Foundation'],
				kind: ['phase-doc'],
				living: {
					progress: { title: 'Deliverables', line: 92 },
					decisions: { title: 'Technical Decisions', line: 112 },
					outcomes: { title: 'Completion Summary', line: 117 },
					surprises: null
				},
				progress: { total: 4, top: 4, states: { open: 3, done: 1 } }, // L93-96
				items: [{ line: 95, state: 'done', text: 'Test framework setup' }],
				phases: [],
				// L84-85. Judgment: the whole doc is one phase, so this may be doc.budget or the budget
				// of the phase whose heading is the title.
				titleBudget: { low: 500 * K, high: 800 * K, spent: 250 * K }
			},
			{
				// ```markdown L302-328: a version with two phases, one deferred
				fromLine: 303,
				toLine: 327,
				lineEnding: '\n',
				title: [null, 'v0.4.15 - Conversation Threading'],
				kind: ['phase-doc', 'roadmap', 'unknown', 'execplan'],
				living: {},
				items: [],
				phases: [
					{ line: 310, number: '1', title: 'Thread Detection', budget: { low: 300 * K, high: 500 * K } },
					{ line: 320, number: '2', title: 'MCP Integration', status: 'deferred', statusNote: 'v0.4.17', budget: { low: 300 * K, high: 500 * K } }
				],
				// L305-308: 500K-800K base, 1.5x, adjusted 750K-1.2M, actual ~200K
				budget: { low: 500 * K, high: 800 * K, multiplier: 1.5, adjustedLow: 750 * K, adjustedHigh: 1_200_000, actual: 200 * K }
			}
		]
	},
	{
		file: 'czarina-token-planning.md',
		lineEnding: '\n',
		title: ['Token-Based Planning for AI Development'],
		kind: ['phase-doc', 'roadmap', 'unknown'],
		headings: 53,
		// Judgment: '## Progress Tracking' (L244) is a how-to section; whether it counts as the
		// progress section is not asserted, nor (therefore) the progress items.
		living: { surprises: null, decisions: null, outcomes: null },
		items: [],
		phases: [], // all phase examples are fenced
		topPhases: 0,
		budget: null, // every budget line (L83-84, L181-182, L218-219 …) is inside a fence
		checkboxes: 17, // L517-524, L527-530, L533-537
		embedded: [
			{
				// ```markdown L174-210: standard header with effort, multiplier and phases with budgets
				fromLine: 175,
				toLine: 209,
				lineEnding: '\n',
				title: ['v1.2.0 - Feature Name'],
				kind: ['phase-doc', 'roadmap', 'execplan', 'unknown'],
				living: {},
				items: [],
				phases: [
					{ line: 190, number: '1', title: 'Foundation', budget: { low: 500 * K, high: 800 * K } },
					{ line: 197, number: '2', title: 'Integration', budget: { low: 400 * K, high: 600 * K } },
					{ line: 201, number: '3', title: 'Polish', budget: { low: 300 * K, high: 500 * K } }
				],
				budget: { low: 800 * K, high: 1_300_000, multiplier: 1.5, adjustedLow: 1_200_000, adjustedHigh: 2 * M } // L180-182
			},
			{
				// ```markdown L214-242: multi-phase project
				fromLine: 215,
				toLine: 241,
				lineEnding: '\n',
				title: [null, 'v1.2.0 Authentication System'],
				kind: ['phase-doc', 'roadmap', 'execplan', 'unknown'],
				living: {},
				items: [],
				phases: [
					{ line: 221, number: '1', title: 'Foundation', budget: { low: 1 * M, high: 1_500_000 } },
					{ line: 226, number: '2', title: 'Integration', budget: { low: 800 * K, high: 1_200_000 } },
					{ line: 231, number: '3', title: 'Testing & Polish', budget: { low: 500 * K, high: 800 * K } }
				],
				budget: { low: 2 * M, high: 4 * M, multiplier: 1.5, adjustedLow: 3 * M, adjustedHigh: 6 * M } // L217-219
			}
		]
	},
	{
		file: 'ghillie-execplan-lazy-annotations.md',
		lineEnding: '\n',
		title: ['Upgrade Python to 3.14: lazy annotations'],
		kind: ['execplan'],
		headings: 14,
		living: {
			progress: { title: 'Progress', line: 66 },
			surprises: { title: 'Surprises & discoveries', line: 92 },
			decisions: { title: 'Decision log', line: 110 },
			outcomes: { title: 'Outcomes & retrospective', line: 133 }
		},
		progress: { total: 8, top: 8, states: { done: 8 } }, // L68-87
		items: [
			{ line: 68, state: 'done', text: 'Draft ExecPlan at', timestamp: '2026-02-24 00:00Z', children: 0 },
			{ line: 70, state: 'done', text: 'Confirm baseline', timestamp: '2026-03-09 03:08Z' },
			{ line: 87, state: 'done', text: 'Run formatting, linting, type checking', timestamp: '2026-03-09 03:24Z' }
		],
		phases: [],
		topPhases: 0,
		budget: null,
		checkboxes: 8
	},
	{
		file: 'ghillie-execplan-llm-integration.md',
		lineEnding: '\n',
		title: ['Implement initial Large Language Model (LLM) integration'],
		kind: ['execplan'],
		headings: 23,
		living: {
			progress: { title: 'Progress', line: 27 },
			surprises: { title: 'Surprises and discoveries', line: 45 },
			decisions: { title: 'Decision log', line: 50 },
			outcomes: { title: 'Outcomes and retrospective', line: 61 }
		},
		progress: { total: 14, top: 14, states: { done: 13, open: 1 } }, // L29-42
		items: [
			{ line: 29, state: 'done', text: 'Create unit tests for OpenAI client configuration', timestamp: null },
			{ line: 42, state: 'open', text: 'All quality gates passed', timestamp: null }
		],
		phases: [
			// '### Phase N:' inside Plan of work; no markers, no checkboxes
			{ line: 115, number: '1', title: 'Write failing tests first', status: 'open' },
			{ line: 125, number: '2', title: 'Define configuration and errors', status: 'open' },
			{ line: 144, number: '3', title: 'Create prompt templates' },
			{ line: 157, number: '4', title: 'Implement OpenAIStatusModel' },
			{ line: 169, number: '5', title: 'Implement VidaiMock fixture' },
			{ line: 215, number: '6', title: 'Update documentation and roadmap', status: 'open' }
		],
		topPhases: 6,
		budget: null,
		checkboxes: 14
	},
	{
		file: 'ghillie-roadmap.md',
		lineEnding: '\n',
		title: ['Ghillie roadmap'],
		kind: ['roadmap'],
		headings: 34,
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		// No progress-like section: all 66 task checkboxes, 31 [x] and 35 [ ], none nested.
		progress: { total: 66, top: 66, states: { done: 31, open: 35 } },
		items: [
			{ line: 43, state: 'done', text: 'Define catalogue schema', timestamp: null },
			{ line: 183, state: 'open', text: 'Implement secure credential storage and rotation' },
			{ line: 853, state: 'open', text: 'Capture additional context required for safe' }
		],
		phases: [
			{ line: 32, number: '1', title: 'Establish core estate model and ingestion pipeline', parentLine: null, children: 6 },
			{ line: 38, number: '1.1', title: 'Define estate catalogue and configuration', parentLine: 32, status: 'done' }, // derived: 3/3
			{ line: 192, number: '1.5', title: 'Provide local Kubernetes preview environment', parentLine: 32, status: 'done' }, // derived: 6/6
			{ line: 256, number: '2', title: 'Deliver repository-level status reporting', parentLine: null, children: 7 },
			{ line: 481, number: '2.6', title: 'Deliver structured exports', parentLine: 256, status: 'open' }, // derived: 0/3
			{ line: 552, number: '3', title: 'Add project and estate-level views', children: 3 },
			{ line: 643, number: '4', title: 'Integrate governance information from Concordat', status: 'open', children: 3 }, // derived
			{ line: 725, number: '5', title: 'Developer experience and Backstage integration', status: 'open' },
			{ line: 794, number: '6', title: 'Advanced analysis and automation', status: 'open', children: 3 },
			{ line: 840, number: '6.3', title: 'Prepare for agentic remediation', parentLine: 794 }
		],
		topPhases: 6,
		budget: null,
		checkboxes: 66
	},
	{
		file: 'llmspell-implementation-phases.md',
		lineEnding: '\n',
		title: ['Rs-LLMSpell Implementation Phases'],
		kind: ['roadmap', 'phase-doc'],
		headings: 85,
		// '### Key Deliverables' (L1806, L2090) is not named exactly Deliverables (and has no checkboxes).
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		// No progress-like section: all 312 checkboxes outside the bash/rust fences.
		progress: { total: 312, states: { open: 227, done: 72, failed: 8, warning: 5 } },
		items: [
			{ line: 55, state: 'done', text: 'All crates compile without warnings' },
			{ line: 278, state: 'failed', text: 'Agents can discover and invoke tools' },
			{ line: 286, state: 'warning', text: 'Agents accessible from scripts via bridges' },
			{ line: 1325, state: 'warning', text: 'Metal GPU support' },
			{ line: 2563, state: 'open', text: 'PDF creation tools generate valid PDFs', children: 5 },
			{ line: 2564, state: 'open', text: 'PdfCreatorTool creates PDFs from templates' }
		],
		phases: [
			// Bold-wrapped h3 headings; status words after the closing '**'.
			{ line: 129, number: '2', title: 'Self-Contained Tools Library', status: 'done' },
			{ line: 189, number: '3', title: 'Tool Enhancement & Agent Infrastructure', children: 4 },
			{ line: 240, number: '3.3', title: 'Agent Infrastructure & Basic Workflows', parentLine: 189, status: 'in-progress' }, // L242
			{ line: 1081, number: '11a', title: 'Bridge Consolidation & Documentation Completeness', status: 'done' }, // L1088
			{ line: 1227, number: '11b', title: 'Local LLM Cleanup' },
			{ line: 1912, number: '13c', title: 'Storage Consolidation & Usability Refinement', status: 'done' },
			{ line: 1935, number: '13c.1', title: 'Cargo Dependencies Cleanup', parentLine: 1912, status: 'done' },
			{ line: 2024, number: '13c.4', title: 'Profile System Overhaul', parentLine: 1912, status: 'done' },
			{ line: 2108, number: '14', title: 'Web Interface', children: 2 },
			{ line: 2129, number: '14a', title: 'HTTP Backend', parentLine: 2108 },
			{ line: 2279, number: '15a', title: 'MCP Client Integration' }
		],
		checkboxes: 312
	},
	{
		file: 'llmspell-phase13-done-giant.md',
		lineEnding: '\n',
		title: ['Phase 13: Adaptive Memory System + Context Engineering - TODO List'],
		kind: ['phase-doc', 'roadmap'],
		// 223 headings at column 0 plus 43 inside list items (e.g. L7296 '  - ### Memory Global',
		// L12052 '   ## Script Execution Commands'): whether those are sections is a judgment call.
		headings: [223, 266],
		// '## Notes and Decisions Log' (L18659) is a judgment call: decisions not asserted.
		living: { progress: null, surprises: null, outcomes: null },
		// No progress-like section: every checkbox outside code. 181 '[ ]', 1256 '[x]' + 181 '[✅]',
		// 2 '[~]', 2 '[N/A]', 2 '[⏳]', 1 '[⚠️]' (L7596: after an unclosed ``` inside a list item
		// L7585 that the end of the list item closes). '- [app](#app)'/'- [run](#run)' (L12008,
		// L12022) and '- [Note] …' (L19616) are not checkboxes.
		progress: { total: 1625, states: { open: 181, done: 1437, partial: 2, na: 2, waiting: 2, warning: 1 } },
		items: [
			{ line: 809, state: 'partial', text: '5/7 unit tests passing' },
			{ line: 923, state: 'partial', text: 'Unit tests pass with >90% coverage' },
			{ line: 3065, state: 'na', text: 'Pipeline start produces info! log' },
			{ line: 6845, state: 'done', text: 'Basic episodic memory' }, // '[✅]'
			{ line: 7596, state: 'warning', text: 'Cross-references to architecture docs' },
			{ line: 14543, state: 'waiting', text: 'Cache hit rate >70%' },
			{ line: 19962, state: 'open', text: 'Update project status' }
		],
		phases: [
			{ line: 98, number: '13.1', title: 'Memory Layer Foundation' },
			{ line: 4619, number: '13.7', title: 'Kernel Integration', status: 'done' }, // '✅ COMPLETE'
			{ line: 19026, number: 'DR.1', title: 'Root-Level Project Messaging' }
		],
		checkboxes: 1625
	},
	{
		file: 'nagare-ep81-execplan-huge.md',
		lineEnding: '\n',
		// H1 L10 repeats the front-matter title (L4)
		title: ['Identity-aware access for nagare sites via a shared shomei+en forward-auth enforcer'],
		kind: ['execplan'],
		headings: 26, // front matter L1-8 has no headings
		living: {
			progress: { title: 'Progress', line: 71 },
			surprises: { title: 'Surprises & Discoveries', line: 279 },
			decisions: { title: 'Decision Log', line: 1430 },
			outcomes: { title: 'Outcomes & Retrospective', line: 1931 }
		},
		progress: { total: 28, top: 28, states: { done: 28 } }, // L76-272
		items: [
			{ line: 76, state: 'done', text: 'Spike: prove the request-path insertion' },
			{ line: 92, state: 'done', text: 'raw credential extraction', timestamp: '2026-06-24' }, // 'Completed 2026-06-24.'
			{ line: 209, state: 'done', text: 'Remaining deploy-time access verification', timestamp: '2026-06-25' },
			{ line: 272, state: 'done', text: 'Docs.', timestamp: '2026-06-24' }
		],
		phases: [
			{ line: 2236, number: '0', title: 'Spike: prove insertion and integration' },
			{ line: 2439, number: '3', title: 'Deploy-time wiring in' }, // '### Milestone 3 — Deploy-time wiring in `nagarectl`'
			{ line: 2561, number: '5', title: 'End-to-end acceptance' }
		],
		budget: null,
		checkboxes: 28
	},
	{
		file: 'plantedtank-execplan-foundation.md',
		lineEnding: '\n',
		title: ['Bootstrap Infrastructure and Deliver Foundation Stack'],
		kind: ['execplan'],
		headings: 19,
		living: {
			progress: { title: 'Progress', line: 9 },
			surprises: { title: 'Surprises & Discoveries', line: 35 },
			decisions: { title: 'Decision Log', line: 48 },
			outcomes: { title: 'Outcomes & Retrospective', line: 66 }
		},
		progress: { total: 23, top: 23, states: { done: 23 } }, // L11-33, all '(2026-02-06)'
		items: [
			{ line: 11, state: 'done', text: 'completely.', timestamp: '2026-02-06' },
			{ line: 19, state: 'done', text: 'Milestone 0 commit + push.', timestamp: '2026-02-06' },
			{ line: 33, state: 'done', text: 'Milestone commit series complete', timestamp: '2026-02-06' }
		],
		phases: [
			{ line: 106, number: '0', title: 'Infrastructure Bootstrap' },
			{ line: 126, number: '1', title: 'Project Scaffolding' },
			{ line: 196, number: '6', title: 'Verify Everything + Deploy' }
		],
		topPhases: 7, // Milestone 0-6, L106-196
		budget: null,
		checkboxes: 23
	},
	{
		file: 'plantedtank-plan-exec-ids.md',
		lineEnding: '\n',
		title: ['PLAN_EXEC - Agent-Executable Checklist (Authoritative)'],
		kind: ['phase-doc', 'roadmap'],
		headings: 11,
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		// No progress-like section: all 36 checkboxes. Open: CAT-01 L319, CAT-02 L336.
		// Nested 4/6 spaces deep (L208-214, L355-363, L388-396), some below plain bullets ('Subtasks:').
		progress: { total: 36, states: { done: 34, open: 2 } },
		items: [
			{ line: 15, state: 'done', text: 'BASE-01 Fly.io web deployment' },
			{ line: 33, state: 'done', text: 'IN-01 (P0) Add manual-seed ingestion source adapter', timestamp: null },
			{ line: 211, state: 'done', text: 'IN-11A4 Add guardrails/tests', children: 3 },
			{ line: 212, state: 'done', text: 'IN-11A4a Add centralized placeholder marker guardrails', children: 0 },
			{ line: 319, state: 'open', text: 'CAT-01 (P0) Define 3 baseline curated builds' },
			{ line: 394, state: 'done', text: 'IN-13B1 Add ingestion-driven offer-detail image extraction' }
		],
		phases: [
			{ line: 31, number: 'ING-1', title: 'Seed/Import Through Ingestion', status: 'done' }, // derived: 3/3
			{ line: 72, number: 'ING-2', title: 'Deterministic Normalization + Overrides', status: 'done' }, // derived
			{ line: 141, number: 'ING-4', title: 'Offer Freshness and Derived Read Cache' },
			{ line: 317, number: 'CAT-1', title: 'Baseline "Aquascape in a Box" Builds' }
		],
		budget: null,
		checkboxes: 36
	},
	{
		file: 'plantedtank-todo-roadmap.md',
		lineEnding: '\n',
		title: ['Planted Tank Lab -- Execution Roadmap'],
		kind: ['roadmap'],
		headings: 28,
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		// No progress-like section: all 96 checkboxes, 61 [x] (L102-596), 35 [ ] (L603-855).
		progress: { total: 96, top: 96, states: { done: 61, open: 35 } },
		items: [
			{ line: 102, state: 'done', text: 'P0-1: Remove test data from production', timestamp: null },
			{ line: 603, state: 'open', text: 'P11-5: Aquascaping styles guide' },
			{ line: 855, state: 'open', text: 'P19-2: Unit system toggle' }
		],
		phases: [
			// '### Phase 0 -- Production Fixes (do these first, in order)' double-hyphen separator
			{ line: 100, number: '0', title: 'Production Fixes', status: 'done' }, // derived: 5/5
			{ line: 138, number: '1', title: 'Substrate Node-Grid', status: 'done' }, // derived: 4/4
			{ line: 617, number: '12', title: 'Builder Advanced Features', status: 'open' }, // derived: 0/8
			{ line: 846, number: '19', title: 'Internationalization Prep', status: 'open' }
		],
		topPhases: 20, // Phase 0-19
		budget: null,
		checkboxes: 96
	},
	{
		file: 'refwatch-PLANS-spec.md',
		lineEnding: '\n',
		title: ['Exec Plans Standard'],
		kind: ['execplan', 'unknown'], // INDEX kind (a), but it is a spec about plans
		headings: 7, // the '---' lines in the ```yaml fence L23-31 are neither front matter nor setext
		// '## Progress Rules' (L33) is about rules, not a progress log.
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		progress: { total: 0, states: {} },
		items: [],
		phases: [],
		topPhases: 0,
		budget: null,
		checkboxes: 0
	},
	{
		file: 'refwatch-task01-match-timer-ux.md',
		lineEnding: '\n',
		// No heading; the front matter (L1-7) has 'title:'. Judgment: null or the front-matter title.
		title: [null, 'Audit timer/actions flows and identify changes'],
		kind: ['step-file'],
		headings: 0, // front matter must not turn into a setext heading
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		progress: { total: 3, top: 3, states: { open: 3 } }, // L9-11
		items: [
			{ line: 9, state: 'open', text: 'Trace event flow paths and dismissal behavior', timestamp: null },
			{ line: 11, state: 'open', text: 'Note finish entry points' }
		],
		phases: [],
		topPhases: 0,
		budget: null,
		checkboxes: 3
	},
	{
		file: 'refwatch-task02-match-sheet-import.md',
		lineEnding: '\n',
		title: [null, 'Refresh previews and validation for optional per-side sheets'],
		kind: ['step-file'],
		headings: 3, // L20, L33, L52
		// Judgment: '## Recorded Outcomes' (L33) may or may not be the outcomes section.
		living: { progress: null, surprises: null, decisions: null },
		progress: { total: 6, top: 6, states: { done: 6 } }, // L9-12, L17-18
		items: [
			{ line: 9, state: 'done', text: 'Keep the signed-in preview harness', timestamp: null },
			{ line: 12, state: 'done', text: 'Add or update targeted tests for:', children: 0 }, // L13-16 plain sub-bullets
			{ line: 18, state: 'done', text: 'Re-run the full UI suite' }
		],
		phases: [],
		topPhases: 0,
		budget: null,
		checkboxes: 6
	},
	{
		file: 'smitos-crm-phase03.md',
		lineEnding: '\n',
		title: ['Phase 03 — Backfill Historical Script'],
		// Judgment: a numbered step file by its path (phase-03-*.md); from its content alone
		// ('# Phase 03 — …', one phase) it reads as a phase doc as well.
		kind: ['step-file', 'phase-doc'],
		headings: 18,
		// Judgment: '## Todo List' (L81) may be taken as progress; the items are the same either way.
		living: { surprises: null, decisions: null, outcomes: null },
		progress: { total: 9, top: 9, states: { done: 6, open: 3 } }, // L83-91
		items: [
			{ line: 83, state: 'done', text: 'Create', timestamp: null },
			{ line: 88, state: 'open', text: 'Test dry-run on dev DB' }, // trailing <!-- unverified … -->
			{ line: 91, state: 'done', text: 'Document usage in script header comment' }
		],
		phases: [], // not asserted beyond: the body has no phase headings; the file itself is phase 03
		budget: null,
		checkboxes: 9
	},
	{
		file: 'smitos-crm-plan-frontmatter.md',
		lineEnding: '\n',
		title: ['Plan: CRM Lead Auto-Sync & Call Performance Dashboard', 'CRM Lead Auto-Sync & Call Performance Dashboard'],
		kind: ['execplan', 'phase-doc', 'roadmap'], // INDEX (c) folder plan.md; a plan with a phase table
		headings: 9,
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		progress: { total: 0, states: {} },
		items: [],
		// Phases table L38-45 (Status column): a phase per row.
		phases: [
			{ line: 40, number: '01', title: 'Schema migration + seed', status: 'done' }, // 'completed'
			{ line: 42, number: '03', title: 'Backfill historical script', status: 'done' },
			{ line: 45, number: '06', title: 'Admin UI for mapping', status: 'deferred' } // 'deferred'
		],
		topPhases: 6,
		budget: null,
		checkboxes: 0
	},
	{
		file: 'smitos-personnel-plan-nofm.md',
		lineEnding: '\n',
		title: ['Personnel Dashboard Tab Redesign'],
		kind: ['execplan', 'phase-doc', 'roadmap'],
		headings: 7,
		// Judgment: '## Critical decisions' (L32) may be the decision section.
		living: { progress: null, surprises: null, outcomes: null },
		progress: { total: 0, states: {} },
		items: [],
		// Phases table L22-28 with bold numbers '| **01** |' and 'pending' status.
		phases: [
			{ line: 24, number: '01', title: 'Quarter config + API foundation', status: 'open' },
			{ line: 28, number: '05', title: 'Tab composition + threshold recalibration', status: 'open' }
		],
		topPhases: 5,
		budget: null,
		checkboxes: 0
	},
	{
		file: 'ssherpa-gsd-roadmap.md',
		lineEnding: '\n',
		title: ['Roadmap: ssherpa'],
		kind: ['roadmap'],
		headings: 13,
		living: { progress: { title: 'Progress', line: 159 }, surprises: null, decisions: null, outcomes: null },
		// Judgment (DESIGN §2: rows of task tables with a Status column are progress items):
		// the Progress table L164-173 has 8 rows, all complete ('✓ Complete' / bare 'Complete').
		progress: { total: 8, top: 8, states: { done: 8 } },
		items: [{ line: 166, state: 'done', text: 'Foundation & Architecture' }],
		phases: [
			{ line: 26, number: '1', title: 'Foundation & Architecture', status: 'done', dependsOn: [] }, // 'Nothing (first phase)'; derived 2/2
			{ line: 41, number: '2', title: 'SSH Config Integration', status: 'done', dependsOn: ['1'] },
			{ line: 106, number: '6', title: '1Password Backend', status: 'done', dependsOn: ['5'] }, // 5/5 plans
			{ line: 142, number: '8', title: 'Distribution', status: 'done', dependsOn: ['7'] }
		],
		budget: null,
		checkboxes: 30 // phase checklist L15-22 + 22 plan items
	},
	{
		file: 'ssherpa-gsd-state.md',
		lineEnding: '\n',
		title: ['Project State'],
		kind: ['roadmap', 'phase-doc', 'unknown'],
		headings: 10,
		living: { progress: null, surprises: null, decisions: { title: 'Decisions', line: 51 }, outcomes: null },
		progress: { total: 0, states: {} },
		items: [],
		phases: [],
		budget: null,
		checkboxes: 0
	},
	{
		file: 'tutorai-task009.md',
		lineEnding: '\n',
		title: ['TASK-009: Migrate Chat State to Zustand (TDD)'],
		kind: ['step-file'],
		headings: 37,
		living: { progress: null, surprises: null, decisions: null, outcomes: null },
		// No progress-like section: Must Have L101-107, Nice to Have L110-114, Definition of Done L845-864.
		progress: { total: 28, top: 28, states: { open: 28 } },
		items: [
			{ line: 101, state: 'open', text: 'All chat state moved from AITutorChat component', timestamp: null },
			{ line: 864, state: 'open', text: 'Loading states responsive' }
		],
		phases: [
			{ line: 553, number: '1', title: 'Component-by-Component Migration' },
			{ line: 582, number: '2', title: 'Remove Prop Drilling' },
			{ line: 589, number: '3', title: 'Performance Optimization' }
		],
		budget: null,
		checkboxes: 28
	}
];
