/**
 * The editor's look from the app's `--wm-*` colour variables, so it follows the light or dark
 * system theme: cursor, selection, gutters, active line, and Markdown highlighting that keeps its
 * contrast on both backgrounds (CodeMirror's default colours assume a white page).
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import type { Extension } from '@codemirror/state';
import { tags as t } from '@lezer/highlight';

const theme = EditorView.theme({
	'&': { color: 'var(--wm-fg)', backgroundColor: 'var(--wm-bg)' },
	'.cm-content': { caretColor: 'var(--wm-fg)' },
	'.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--wm-fg)' },
	'&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
		backgroundColor: 'var(--wm-selection)'
	},
	'.cm-activeLine': { backgroundColor: 'var(--wm-active-line)' },
	'.cm-gutters': { backgroundColor: 'var(--wm-surface)', color: 'var(--wm-muted)', borderRight: '1px solid var(--wm-border)' },
	'.cm-activeLineGutter': { backgroundColor: 'var(--wm-active-line)', color: 'var(--wm-fg)' },
	'.cm-panels': { backgroundColor: 'var(--wm-surface)', color: 'var(--wm-fg)' },
	'.cm-tooltip': { backgroundColor: 'var(--wm-surface)', color: 'var(--wm-fg)', border: '1px solid var(--wm-border)' }
});

const markdownColours = HighlightStyle.define([
	{ tag: t.heading, fontWeight: 'bold', color: 'var(--wm-accent)' },
	{ tag: t.emphasis, fontStyle: 'italic' },
	{ tag: t.strong, fontWeight: 'bold' },
	{ tag: t.strikethrough, textDecoration: 'line-through' },
	{ tag: t.link, textDecoration: 'underline' },
	{ tag: [t.url, t.contentSeparator, t.labelName], color: 'var(--wm-accent)' },
	{ tag: [t.processingInstruction, t.meta, t.comment, t.quote], color: 'var(--wm-muted)' },
	{ tag: t.monospace, fontFamily: 'ui-monospace, monospace' },
	{ tag: [t.keyword, t.atom, t.bool, t.string, t.number, t.literal], color: 'var(--wm-ok)' }
]);

/** The app-coloured theme and highlighting (before `basicSetup`, whose default colours are only a fallback). */
export const planEditorTheme: Extension = [theme, syntaxHighlighting(markdownColours)];
