import { createIncrementalParser, type ChunkSeed } from '$lib/plan/incremental';
import { lintPlan } from '$lib/plan/lint';
import { nextAction } from '$lib/plan/next-action';
import { planEditChanges } from '$lib/plan/edit';
import type { PlanDoc, PlanEdit, TextChange } from '$lib/plan/types';

/**
 * The open plan: its text is the single source of truth; the model, lint findings
 * and next action are derived from it, so the panels can never disagree with the editor.
 */
export class PlanSession {
	/** Repository-relative path of the file. */
	readonly path: string;
	/** The file's text as the editor holds it (own line endings, BOM kept). */
	text = $state.raw('');
	/** The text as last committed (HEAD), for the dirty flag and the diff. */
	committed = $state.raw('');
	/** Chunk scans of the opening text made off the page's thread (a big plan), for the first parse. */
	#seed: ChunkSeed | null = null;
	/** One incremental parser per open file: a keystroke re-parses only the chunks it touched. */
	readonly #parser = createIncrementalParser(() => this.#seed);
	/** The text last parsed and its model: HEAD's model comes free while the editor held HEAD's text. */
	#last: { text: string; doc: PlanDoc } | null = null;
	/**
	 * Parses HEAD's text when it is not a text the editor held (a restored draft, a sync brought a
	 * new HEAD); its first parse takes the editor parser's chunk scans, so only what differs is read.
	 */
	readonly #headParser = createIncrementalParser(() => this.#parser.chunkSeed());
	readonly doc: PlanDoc = $derived.by(() => {
		const doc = this.#parser.parse(this.text);
		this.#last = { text: this.text, doc };
		return doc;
	});
	/** The model of `committed`, for lint rules that compare with HEAD (never a second full parse of HEAD). */
	readonly committedDoc: PlanDoc = $derived(this.committed === this.#last?.text ? this.#last.doc : this.#headParser.parse(this.committed));
	readonly diagnostics = $derived.by(() => {
		const doc = this.doc;
		return lintPlan(doc, { previousText: this.committed, previousDoc: this.committedDoc }, this.text);
	});
	readonly next = $derived(nextAction(this.doc));
	readonly dirty = $derived(this.text !== this.committed);

	constructor(path: string, text: string, committed = text, seed: ChunkSeed | null = null) {
		this.#seed = seed;
		this.path = path;
		this.text = text;
		this.committed = committed;
	}

	/** Changes that carry out `edit` on the current text (computed against exactly that text). */
	changesFor(edit: PlanEdit, now?: Date): TextChange[] {
		return planEditChanges(this.text, edit, { now: now ?? clockNow(), timeZone: localTimeZone() }, this.doc);
	}
}

/** The current time, read once per edit (not reactive state). */
function clockNow(): Date {
	return new Date(Date.now());
}

/** The person's time zone, for timestamps written into plans. */
function localTimeZone(): string {
	try {
		return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
	} catch {
		return 'UTC';
	}
}
