/**
 * Credentials per host convention, for isomorphic-git's `onAuth`. Tokens are only ever handed
 * to isomorphic-git for the remote (or the CORS proxy in front of it); nothing here stores them.
 */

/** What isomorphic-git's `onAuth` returns. */
export interface GitAuth {
	username?: string;
	password?: string;
	cancel?: boolean;
}

/**
 * Basic-auth credentials for `token` at `url`, by the host's convention:
 * github.com → token as username; gitlab.com → `oauth2` / token; bitbucket.org → `x-token-auth` / token;
 * any other host → `username` / token when a username is given, else the token as username
 * (Gitea, Forgejo and Gogs accept that).
 * @example authForHost('https://gitlab.com/a/b.git', 't') // { username: 'oauth2', password: 't' }
 */
export function authForHost(url: string, token: string, username?: string): GitAuth {
	const host = hostName(url);
	const user = username?.trim();
	if (host === 'github.com' || host.endsWith('.github.com')) return { username: token };
	if (host === 'gitlab.com' || host.startsWith('gitlab.')) return { username: user || 'oauth2', password: token };
	if (host === 'bitbucket.org') return { username: user || 'x-token-auth', password: token };
	if (user) return { username: user, password: token };
	return { username: token };
}

/** The lower-case host name of a URL ('' when it does not parse). */
export function hostName(url: string): string {
	try {
		return new URL(url).hostname.toLowerCase();
	} catch {
		return '';
	}
}

/**
 * Builds the `onAuth` callback for one operation: the token when there is one, otherwise
 * `{ cancel: true }` so isomorphic-git stops with `UserCanceledError` (classified as "token missing").
 */
export function makeOnAuth(token: string | undefined, username?: string): (url: string) => GitAuth {
	return (url: string) => (token ? authForHost(url, token, username) : { cancel: true });
}
