/**
 * isomorphic-git has no abort signal on clone/fetch/push, so the HTTP client is where an operation
 * is stopped: this wrapper makes the next request or body read throw after Cancel, aborts a request
 * that stalls longer than the idle timeout, and tags transport failures with the stage they hit.
 */
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git/http/web';
import { CancelledError, TimeoutError, TooLargeError, TransportError } from './errors';

/** Cancel switch plus stall timeout shared by every request of one operation. */
export class OperationGuard {
	private readonly controller = new AbortController();
	private why: 'cancel' | 'timeout' | 'too-large' | null = null;
	private stalledUrl: string | undefined;
	/** Response bytes received so far by this operation. */
	received = 0;

	/**
	 * @param idleTimeoutMs milliseconds without data before a request counts as stalled
	 * @param maxBytes the most response bytes one operation may download (a repo too large for the browser)
	 */
	constructor(
		readonly idleTimeoutMs: number,
		readonly maxBytes = Number.POSITIVE_INFINITY
	) {}

	/** Counts downloaded bytes; past `maxBytes` the operation stops as too large. */
	count(bytes: number): void {
		this.received += bytes;
		if (this.received > this.maxBytes && !this.why) {
			this.why = 'too-large';
			this.controller.abort();
		}
	}

	/** The signal handed to fetch; it fires on Cancel and on a stall. */
	get signal(): AbortSignal {
		return this.controller.signal;
	}

	/** Whether Cancel was pressed. */
	get cancelled(): boolean {
		return this.why === 'cancel';
	}

	/** Stops the operation: the current request aborts and every later one throws. */
	cancel(): void {
		if (this.why) return;
		this.why = 'cancel';
		this.controller.abort();
	}

	/** Aborts because `url` sent nothing for `idleTimeoutMs`. */
	timeOut(url: string): void {
		if (this.why) return;
		this.why = 'timeout';
		this.stalledUrl = url;
		this.controller.abort();
	}

	/** Throws the typed error for why the operation stopped, if it did. */
	throwIfStopped(): void {
		if (this.why === 'cancel') throw CancelledError.of();
		if (this.why === 'too-large') throw TooLargeError.of({ receivedBytes: this.received, limitBytes: this.maxBytes });
		if (this.why === 'timeout') {
			let host: string | undefined;
			try {
				host = this.stalledUrl ? new URL(this.stalledUrl).host : undefined;
			} catch {
				host = undefined;
			}
			throw TimeoutError.of({ url: this.stalledUrl, host, waitedMs: this.idleTimeoutMs });
		}
	}
}

/**
 * What an operation that threw `err` failed of: the guard's own reason when it stopped the
 * operation (Cancel, a stall, too large) — isomorphic-git may have turned that into another
 * error on the way out — else `err`.
 */
export function stoppedCause(guard: OperationGuard, err: unknown): unknown {
	try {
		guard.throwIfStopped();
	} catch (stopped) {
		return stopped;
	}
	return err;
}

/** Races `promise` against the guard's idle timer for `url`. */
async function withIdleTimeout<T>(guard: OperationGuard, url: string, promise: Promise<T>): Promise<T> {
	const timer = setTimeout(() => guard.timeOut(url), guard.idleTimeoutMs);
	try {
		return await promise;
	} finally {
		clearTimeout(timer);
	}
}

/** Wraps a response body so each chunk read honours Cancel and the idle timeout. */
function guardBody(guard: OperationGuard, url: string, body: AsyncIterableIterator<Uint8Array>): AsyncIterableIterator<Uint8Array> {
	const iterator = body[Symbol.asyncIterator] ? body[Symbol.asyncIterator]() : body;
	const guarded: AsyncIterableIterator<Uint8Array> = {
		async next() {
			guard.throwIfStopped();
			try {
				const step = await withIdleTimeout(guard, url, iterator.next());
				if (!step.done && step.value) guard.count(step.value.byteLength);
				guard.throwIfStopped();
				return step;
			} catch (err) {
				guard.throwIfStopped();
				throw new TransportError('body', url, err);
			}
		},
		async return(value?: unknown) {
			if (iterator.return) return iterator.return(value);
			return { done: true, value: undefined };
		},
		[Symbol.asyncIterator]() {
			return guarded;
		}
	};
	return guarded;
}

/**
 * An {@link HttpClient} that obeys `guard`: throws {@link CancelledError} / {@link TimeoutError}
 * once stopped and {@link TransportError} when fetch or the body stream fails.
 */
export function guardedHttp(base: HttpClient, guard: OperationGuard): HttpClient {
	return {
		async request(req: GitHttpRequest): Promise<GitHttpResponse> {
			guard.throwIfStopped();
			let res: GitHttpResponse;
			try {
				res = await withIdleTimeout(guard, req.url, base.request({ ...req, signal: guard.signal }));
			} catch (err) {
				guard.throwIfStopped();
				throw new TransportError('request', req.url, err);
			}
			guard.throwIfStopped();
			return res.body ? { ...res, body: guardBody(guard, req.url, res.body) } : res;
		}
	};
}
