import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/lib/render/markdown';

describe('renderMarkdown', () => {
	it('renders plan structure (positive control)', () => {
		const html = renderMarkdown('# Plan\n\n- [x] done\n- [ ] open\n\n[site](https://example.org) ![logo](https://example.org/l.png)');
		expect(html).toContain('<h1>Plan</h1>');
		expect(html).toContain('type="checkbox"');
		expect(html).toContain('href="https://example.org"');
		expect(html).toContain('<img src="https://example.org/l.png"');
	});

	it('drops raw script, event handlers and javascript: URLs', () => {
		const html = renderMarkdown(
			'<script>window.__pwned = 1</script>\n\n<img src=x onerror="window.__pwned=1">\n\n[x](javascript:alert(1)) <a href="javascript:alert(2)">y</a>\n\n![i](javascript:alert(3))'
		);
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toMatch(/onerror/i);
		expect(html).not.toMatch(/javascript:/i);
		// The Markdown link is still a link, just without the dangerous URL.
		expect(html).toMatch(/<a>x<\/a>|<a[^>]*>x<\/a>/);
		// Raw HTML images survive as images, without their handlers.
		expect(html).toMatch(/<img src="x"/);
	});

	it('never emits data: URLs for images', () => {
		expect(renderMarkdown('![a](data:image/svg+xml;base64,PHN2Zz4=)')).not.toContain('data:');
	});
});
