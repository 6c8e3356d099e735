import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';

/**
 * GitHub's sanitization schema, minus anything that could run code: no event-handler
 * attributes, no `javascript:`/`data:` URLs, no script, style, iframe or form elements.
 * Raw HTML in the Markdown is parsed (rehype-raw) and then sanitized like everything else,
 * so `<img src=x onerror=…>` keeps its image and loses its handler.
 */
const schema = {
	...defaultSchema,
	protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'], src: ['http', 'https'] }
};

const processor = unified()
	.use(remarkParse)
	.use(remarkGfm)
	.use(remarkRehype, { allowDangerousHtml: true })
	.use(rehypeRaw)
	.use(rehypeSanitize, schema)
	.use(rehypeStringify);

/** Renders plan Markdown to sanitized HTML, safe to put in the page. */
export function renderMarkdown(markdown: string): string {
	return String(processor.processSync(markdown));
}
