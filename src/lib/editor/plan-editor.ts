import {
	EditorView,
	Decoration,
	crosshairCursor,
	drawSelection,
	dropCursor,
	highlightActiveLine,
	highlightActiveLineGutter,
	highlightSpecialChars,
	keymap,
	lineNumbers,
	rectangularSelection,
	type DecorationSet
} from '@codemirror/view';
import { EditorState, StateEffect, StateField, Transaction, type Extension } from '@codemirror/state';
import { markdown } from '@codemirror/lang-markdown';
import { bracketMatching, defaultHighlightStyle, foldKeymap, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { forEachDiagnostic, setDiagnostics, lintGutter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import type { PlanDiagnostic, Span, TextChange } from '$lib/plan/types';
import { afterBom, detectLineSeparator, offsetMap, type OffsetMap } from './offsets';
import { minimalChanges } from './text-diff';
import { planEditorTheme } from './theme';
import { headingFold } from './heading-fold';
import { headingFoldGutter } from './heading-fold-gutter';

/** Sets (or clears) the highlighted next action, in editor positions. */
const setNextAction = StateEffect.define<{ from: number; to: number } | null>();

/**
 * `basicSetup` of `codemirror` 6.0.2 without autocompletion and bracket closing: a plan is prose,
 * and both asked the syntax tree for language data at the cursor on every keystroke (with
 * close-bracket and completion keys gone, nothing else changes). Its fold gutter is the heading
 * fold gutter (`heading-fold-gutter.ts`): markers on headings, not a question to every line.
 */
const planSetup: Extension = [
	lineNumbers(),
	highlightActiveLineGutter(),
	highlightSpecialChars(),
	history(),
	headingFoldGutter,
	drawSelection(),
	dropCursor(),
	EditorState.allowMultipleSelections.of(true),
	indentOnInput(),
	syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
	bracketMatching(),
	rectangularSelection(),
	crosshairCursor(),
	highlightActiveLine(),
	highlightSelectionMatches(),
	keymap.of([...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap])
];

const nextActionMark = Decoration.line({ attributes: { class: 'wm-next-action' } });

/** Keeps the next-action line highlight as a decoration field, mapped through edits. */
const nextActionField = StateField.define<DecorationSet>({
	create: () => Decoration.none,
	update(deco, tr) {
		deco = deco.map(tr.changes);
		for (const e of tr.effects) {
			if (!e.is(setNextAction)) continue;
			if (!e.value) deco = Decoration.none;
			else {
				const line = tr.state.doc.lineAt(Math.min(e.value.from, tr.state.doc.length));
				deco = Decoration.set([nextActionMark.range(line.from)]);
			}
		}
		return deco;
	},
	provide: (f) => EditorView.decorations.from(f)
});

/** A total order on diagnostics by position, then severity, rule and message (0 = the same finding). */
function byDiagnostic(a: Diagnostic, b: Diagnostic): number {
	return a.from - b.from || a.to - b.to || cmp(a.severity, b.severity) || cmp(a.source ?? '', b.source ?? '') || cmp(a.message, b.message);
}

function cmp(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

export interface PlanEditorOptions {
	parent: HTMLElement;
	/** The file's text exactly as stored (CRLF and BOM kept). */
	text: string;
	/** Called after every change to the document, with the file's new text. */
	onChange?: (text: string, tr: Transaction) => void;
	/** Nonce for CodeMirror's injected styles, when the CSP uses one. */
	cspNonce?: string;
	extensions?: Extension[];
}

/**
 * A CodeMirror 6 editor over one plan file that speaks in the file's own offsets:
 * plan edits and lint findings come in as text offsets (CRLF counted as two) and are
 * mapped to editor positions, and `text()` returns the file with its own line endings.
 */
export class PlanEditor {
	readonly view: EditorView;
	readonly lineSeparator: '\n' | '\r\n';
	/**
	 * Whether the file starts with a byte-order mark. The editor holds the text after it (CodeMirror's
	 * Markdown would read a `# Title` behind the mark as a paragraph); `text()` and the offset map put
	 * it back, so the file keeps it byte for byte.
	 */
	readonly #bom: boolean;
	#map: OffsetMap | null = null;

	constructor(opts: PlanEditorOptions) {
		this.lineSeparator = detectLineSeparator(opts.text);
		this.#bom = opts.text.charCodeAt(0) === 0xfeff;
		const extensions: Extension[] = [
			planEditorTheme,
			planSetup,
			markdown(),
			headingFold,
			EditorView.lineWrapping,
			EditorState.lineSeparator.of(this.lineSeparator),
			lintGutter(),
			nextActionField,
			// tabindex states what contenteditable already does, so checkers see the scroller's content is focusable.
			EditorView.contentAttributes.of({ 'aria-label': 'Plan text', tabindex: '0' }),
			EditorView.updateListener.of((u) => {
				if (!u.docChanged) return;
				this.#map = null;
				for (const tr of u.transactions) if (tr.docChanged) opts.onChange?.(this.text(), tr);
			}),
			...(opts.cspNonce ? [EditorView.cspNonce.of(opts.cspNonce)] : []),
			...(opts.extensions ?? [])
		];
		this.view = new EditorView({
			parent: opts.parent,
			state: EditorState.create({ doc: this.#bom ? opts.text.slice(1) : opts.text, extensions })
		});
	}

	/** The document as the file's text, with its own line endings. */
	text(): string {
		return this.#bom ? '\uFEFF' + this.view.state.sliceDoc() : this.view.state.sliceDoc();
	}

	/** Offset map for the current text (rebuilt lazily after a change). */
	map(): OffsetMap {
		if (!this.#map) {
			const inner = offsetMap(this.view.state.sliceDoc(), this.lineSeparator);
			this.#map = this.#bom ? afterBom(inner) : inner;
		}
		return this.#map;
	}

	/**
	 * Applies changes computed against `text()` as ONE transaction (one undo step),
	 * keeping cursor and selection mapped. `userEvent` tags it (`input.plan`, `remote`).
	 */
	applyChanges(changes: TextChange[], userEvent = 'input.plan', addToHistory = true): void {
		if (changes.length === 0) return;
		const m = this.map();
		const specs = changes.map((c) => ({ from: m.toEditor(c.from), to: m.toEditor(c.to), insert: c.insert }));
		this.view.dispatch({
			changes: specs,
			userEvent,
			annotations: addToHistory ? [] : [Transaction.addToHistory.of(false)]
		});
	}

	/** Brings a new version of the file (from git) in as minimal changes, outside undo history. */
	applyRemoteText(next: string): void {
		this.applyChanges(minimalChanges(this.text(), next), 'remote', false);
	}

	/**
	 * Shows lint findings given in text offsets. When the editor already shows exactly these (its
	 * marks move with the text, so after typing they usually are), nothing is dispatched: no
	 * transaction, no gutter redrawn.
	 */
	setDiagnostics(diags: PlanDiagnostic[]): void {
		const m = this.map();
		const len = this.view.state.doc.length;
		const cm: Diagnostic[] = diags.map((d) => ({
			from: Math.min(m.toEditor(d.from), len),
			to: Math.min(m.toEditor(d.to), len),
			severity: d.severity,
			source: d.ruleId,
			message: d.message
		}));
		if (this.#shows(cm)) return;
		this.view.dispatch(setDiagnostics(this.view.state, cm));
	}

	/**
	 * Whether the editor's current lint marks are exactly `cm`, in any order: CodeMirror keeps them
	 * sorted by position, `lintPlan` lists them by rule, so comparing in order always failed and every
	 * idle period re-sent the same diagnostics (and rebuilt the lint gutter).
	 */
	#shows(cm: readonly Diagnostic[]): boolean {
		const shown: Diagnostic[] = [];
		forEachDiagnostic(this.view.state, (d, from, to) => shown.push({ ...d, from, to }));
		if (shown.length !== cm.length) return false;
		const a = [...cm].sort(byDiagnostic);
		shown.sort(byDiagnostic);
		return a.every((c, i) => byDiagnostic(c, shown[i]) === 0);
	}

	/** Highlights the line of the next action (a span in text offsets), or clears it; nothing is dispatched when that line is already highlighted. */
	setNextAction(span: Span | null): void {
		const m = this.map();
		const state = this.view.state;
		const deco = state.field(nextActionField);
		if (span === null) {
			if (deco.size === 0) return;
		} else {
			const line = state.doc.lineAt(Math.min(m.toEditor(span.start), state.doc.length));
			let at: number | null = null;
			let count = 0;
			deco.between(0, state.doc.length, (from) => {
				at = from;
				count++;
			});
			if (count === 1 && at === line.from) return;
		}
		this.view.dispatch({ effects: setNextAction.of(span ? { from: m.toEditor(span.start), to: m.toEditor(span.end) } : null) });
	}

	/** Moves the cursor to a text offset and scrolls it into view. */
	reveal(offset: number): void {
		const pos = Math.min(this.map().toEditor(offset), this.view.state.doc.length);
		this.view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
		this.view.focus();
	}

	destroy(): void {
		this.view.destroy();
	}
}
