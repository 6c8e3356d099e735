import { describe, expect, it } from 'vitest';
import { Errors } from 'isomorphic-git';
import {
	AuthError,
	CancelledError,
	classifyGitError,
	CorsError,
	errorFromJSON,
	InvalidUrlError,
	NetworkError,
	NotFoundError,
	PushRejectedError,
	QuotaError,
	ServerError,
	TimeoutError,
	TransportError,
	UnknownGitError,
	type ErrorContext
} from '../../../src/lib/git/errors';

const url = 'https://git.example.org/team/plans.git';
const up = async () => true;
const down = async () => false;
const ctx = (extra: Partial<ErrorContext> = {}): ErrorContext => ({ url, branch: 'main', probe: up, ...extra });

describe('classifyGitError', () => {
	it('maps HttpError by status: 401 without a token is "missing", with one "rejected"', async () => {
		const e401 = new Errors.HttpError(401, 'Unauthorized', '');
		const missing = await classifyGitError(e401, ctx());
		expect(missing).toBeInstanceOf(AuthError);
		expect(missing.data).toMatchObject({ reason: 'missing', statusCode: 401, host: 'git.example.org' });
		expect(missing.message).toContain('token missing or lacks access');
		expect((await classifyGitError(e401, ctx({ hadToken: true }))).data.reason).toBe('rejected');
	});

	it('says "lacks write access" for a 403 on push', async () => {
		const err = await classifyGitError(new Errors.HttpError(403, 'Forbidden', ''), ctx({ push: true, hadToken: true }));
		expect(err).toBeInstanceOf(AuthError);
		expect(err.message).toContain('token missing or lacks write access');
	});

	it('says what a hook refused, apart from a branch that moved', async () => {
		const hook = await classifyGitError(new Errors.GitPushError('pre-receive hook declined', { ok: false, error: 'x', refs: {} }), ctx({ push: true }));
		expect(hook).toBeInstanceOf(PushRejectedError);
		expect(hook.message).toBe('The server refused the push: pre-receive hook declined.');
		expect(hook.hint).toContain('commits are kept');
		const moved = await classifyGitError(new Errors.PushRejectedError('not-fast-forward'), ctx({ push: true }));
		expect(moved.message).toBe('The server refused the push.');
		expect(moved.hint).toContain('Sync');
	});

	it('maps 404 to a missing repository and 5xx to ServerError', async () => {
		const nf = await classifyGitError(new Errors.HttpError(404, 'Not Found', ''), ctx());
		expect(nf).toBeInstanceOf(NotFoundError);
		expect(nf.data.what).toBe('repository');
		const se = await classifyGitError(new Errors.HttpError(503, 'Unavailable', ''), ctx());
		expect(se).toBeInstanceOf(ServerError);
		expect(se.data.statusCode).toBe(503);
	});

	it('maps UserCanceledError (a 401 answered with no credentials) to AuthError "missing"', async () => {
		const err = await classifyGitError(new Errors.UserCanceledError(), ctx());
		expect(err).toBeInstanceOf(AuthError);
		expect(err.data.reason).toBe('missing');
	});

	it('names a missing branch', async () => {
		const err = await classifyGitError(new Errors.NotFoundError('origin/nope'), ctx({ branch: 'nope' }));
		expect(err).toBeInstanceOf(NotFoundError);
		expect(err.message).toBe('The repository has no branch "nope".');
	});

	it('tells CORS from network down with the no-cors probe', async () => {
		const failed = new TypeError('Failed to fetch');
		const probed: string[] = [];
		const cors = await classifyGitError(failed, ctx({ probe: async (u) => (probed.push(u), true) }));
		expect(cors).toBeInstanceOf(CorsError);
		expect(cors.hint).toMatch(/CORS proxy/);
		expect(cors.hint).toMatch(/Gitea.*\[cors\]/);
		expect(probed).toEqual([url]);
		const net = await classifyGitError(failed, ctx({ probe: down }));
		expect(net).toBeInstanceOf(NetworkError);
		expect(net.message).toMatch(/Could not reach git\.example\.org/);
	});

	it('probes the URL that failed (the proxy when one is set) for a transport failure', async () => {
		const target = 'https://proxy.example.net/git.example.org/team/plans.git/info/refs?service=git-upload-pack';
		const probed: string[] = [];
		const err = await classifyGitError(new TransportError('request', target, new TypeError('Failed to fetch')), ctx({ corsProxy: 'https://proxy.example.net', probe: async (u) => (probed.push(u), false) }));
		expect(err).toBeInstanceOf(NetworkError);
		expect(err.data.host).toBe('proxy.example.net');
		expect(probed).toEqual([target]);
	});

	it('never calls a cut body stream CORS, even though the server is up', async () => {
		const err = await classifyGitError(new TransportError('body', `${url}/git-upload-pack`, new TypeError('network error')), ctx({ probe: up }));
		expect(err).toBeInstanceOf(NetworkError);
		expect(err.message).toMatch(/dropped partway/);
	});

	it('does not treat an unrelated TypeError as a fetch failure', async () => {
		const err = await classifyGitError(new TypeError("Cannot read properties of undefined (reading 'x')"), ctx({ probe: up }));
		expect(err).toBeInstanceOf(UnknownGitError);
		expect(err.data.cause).toContain("reading 'x'");
	});

	it('maps quota errors and isomorphic-git URL errors', async () => {
		const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
		expect(await classifyGitError(quota, ctx())).toBeInstanceOf(QuotaError);
		expect(await classifyGitError(new Errors.UrlParseError('x'), ctx())).toBeInstanceOf(InvalidUrlError);
		expect(await classifyGitError(new Errors.UnknownTransportError('ssh://x', 'ssh'), ctx())).toBeInstanceOf(InvalidUrlError);
	});

	it('passes its own typed errors through unchanged', async () => {
		const t = TimeoutError.of({ host: 'h' });
		expect(await classifyGitError(t, ctx())).toBe(t);
		const c = CancelledError.of();
		expect(await classifyGitError(c, ctx())).toBe(c);
	});
});

describe('errors across the worker boundary', () => {
	it('round-trips every class through JSON with code, message, hint and data', () => {
		const originals = [
			AuthError.of({ reason: 'missing', host: 'h' }),
			NotFoundError.of({ what: 'branch', branch: 'dev' }),
			CorsError.of({ host: 'h' }),
			NetworkError.of({ host: 'h' }, true),
			InvalidUrlError.of('x', 'it is empty'),
			ServerError.of({ statusCode: 502 }),
			TimeoutError.of({ waitedMs: 5 }),
			CancelledError.of(),
			QuotaError.of()
		];
		for (const original of originals) {
			const back = errorFromJSON(JSON.parse(JSON.stringify(original)));
			expect(back).toBeInstanceOf(original.constructor);
			expect(back.code).toBe(original.code);
			expect(back.toJSON()).toEqual(original.toJSON());
			expect(back.message.length).toBeGreaterThan(5);
			expect(back.hint.length).toBeGreaterThan(5);
		}
	});
});
