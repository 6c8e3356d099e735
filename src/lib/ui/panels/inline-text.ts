/**
 * Plain text of one line of Markdown inline source, for labels and accessible names:
 * links keep their text, emphasis and code marks go, whitespace collapses.
 */
export function inlineText(source: string): string {
	return source
		.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
		.replace(/(\*\*|__)(.+?)\1/g, '$2')
		.replace(/(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_](?=[^\w*]|$)/g, '$1$2')
		.replace(/~~(.+?)~~/g, '$1')
		.replace(/`([^`]*)`/g, '$1')
		.replace(/\s+/g, ' ')
		.trim();
}
