/**
 * Repository URL checks: what Waymark accepts as a remote, and the short name a repo is shown by.
 */
import { InvalidUrlError } from './errors';

/**
 * Parses and checks a repository URL typed by a person; throws {@link InvalidUrlError} with the
 * reason when it is not an http(s) URL with a host and a path (credentials in the URL are refused
 * so tokens never end up stored in the repo list).
 * @example validateRepoUrl('https://github.com/o/r.git').host === 'github.com'
 */
export function validateRepoUrl(input: string): URL {
	const text = input.trim();
	if (text === '') throw InvalidUrlError.of(input, 'it is empty');
	if (/^git@|^ssh:\/\//i.test(text)) throw InvalidUrlError.of(input, 'SSH addresses cannot be used from a browser');
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw InvalidUrlError.of(input, 'it does not parse as a URL');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw InvalidUrlError.of(input, `the scheme "${url.protocol}" is not http or https`);
	if (!url.hostname) throw InvalidUrlError.of(input, 'it has no host');
	if (url.username || url.password) throw InvalidUrlError.of(input, 'put the token in "Access token", not in the URL');
	if (url.pathname.replace(/\/+$/, '') === '') throw InvalidUrlError.of(input, 'it names no repository path');
	return url;
}

/** Checks an optional CORS proxy URL (empty means none); returns it without a trailing slash. */
export function validateProxyUrl(input: string): string | undefined {
	const text = input.trim();
	if (text === '') return undefined;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw InvalidUrlError.of(input, 'the CORS proxy does not parse as a URL');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw InvalidUrlError.of(input, 'the CORS proxy must be http or https');
	return text.replace(/\/+$/, '');
}

/** The name a repo is shown by: the last path segment without `.git` (`…/acme/demo.git` → `demo`). */
export function repoNameFromUrl(url: string): string {
	let path = url;
	try {
		path = new URL(url).pathname;
	} catch {
		// keep the raw text
	}
	const last = path.replace(/\/+$/, '').split('/').pop() ?? '';
	return last.replace(/\.git$/i, '') || 'repo';
}

/** Whether a path names a Markdown file (the files the sparse working tree holds). */
export function isMarkdownPath(path: string): boolean {
	return /\.(md|markdown|mdx)$/i.test(path);
}
