import { describe, expect, it } from 'vitest';
import { authForHost, makeOnAuth } from '../../../src/lib/git/auth';
import { InvalidUrlError } from '../../../src/lib/git/errors';
import { isMarkdownPath, repoNameFromUrl, validateProxyUrl, validateRepoUrl } from '../../../src/lib/git/url';

describe('validateRepoUrl', () => {
	it('accepts http(s) URLs with a path', () => {
		expect(validateRepoUrl(' https://github.com/o/r.git ').href).toBe('https://github.com/o/r.git');
		expect(validateRepoUrl('http://127.0.0.1:8080/demo.git').port).toBe('8080');
	});

	it.each([
		['', 'it is empty'],
		['not a url', 'does not parse'],
		['git@github.com:o/r.git', 'SSH'],
		['ssh://git@host/r.git', 'SSH'],
		['ftp://host/r.git', 'scheme "ftp:"'],
		['https://host', 'no repository path'],
		['https://user:tok@host/r.git', 'Access token']
	])('refuses %j with a reason', (input, reason) => {
		let caught: unknown;
		try {
			validateRepoUrl(input);
		} catch (err) {
			caught = err;
		}
		expect(caught).toBeInstanceOf(InvalidUrlError);
		expect((caught as InvalidUrlError).message).toContain(reason);
	});

	it('checks the optional proxy', () => {
		expect(validateProxyUrl('  ')).toBeUndefined();
		expect(validateProxyUrl('https://cors.example.net/')).toBe('https://cors.example.net');
		expect(() => validateProxyUrl('cors.example.net')).toThrow(InvalidUrlError);
	});
});

describe('repo names and Markdown paths', () => {
	it('names a repo by its last path segment', () => {
		expect(repoNameFromUrl('http://127.0.0.1:9/demo.git')).toBe('demo');
		expect(repoNameFromUrl('https://gitlab.com/g/sub/plans/')).toBe('plans');
		expect(repoNameFromUrl('https://host/')).toBe('repo');
	});

	it('recognises Markdown files only', () => {
		expect(['a.md', 'd/B.MD', 'x.markdown', 'y.mdx'].every(isMarkdownPath)).toBe(true);
		expect(['a.mdown.txt', 'md', 'src/md.ts', 'README'].some(isMarkdownPath)).toBe(false);
	});
});

describe('authForHost', () => {
	it('follows each host convention', () => {
		expect(authForHost('https://github.com/o/r.git', 'T')).toEqual({ username: 'T' });
		expect(authForHost('https://gitlab.com/o/r.git', 'T')).toEqual({ username: 'oauth2', password: 'T' });
		expect(authForHost('https://bitbucket.org/o/r.git', 'T')).toEqual({ username: 'x-token-auth', password: 'T' });
	});

	it('uses the given username on other hosts, else the token as username', () => {
		expect(authForHost('https://gitea.example.org/o/r.git', 'T', 'ann')).toEqual({ username: 'ann', password: 'T' });
		expect(authForHost('https://gitea.example.org/o/r.git', 'T', '  ')).toEqual({ username: 'T' });
	});

	it('cancels instead of sending nothing when there is no token', () => {
		expect(makeOnAuth(undefined)('https://github.com/o/r.git')).toEqual({ cancel: true });
		expect(makeOnAuth('T', 'ann')('http://127.0.0.1:1/r.git')).toEqual({ username: 'ann', password: 'T' });
	});
});
