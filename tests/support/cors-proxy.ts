/**
 * `@isomorphic-git/cors-proxy` on 127.0.0.1 in front of a plain-HTTP git server, as a person
 * would self-host it for GitHub/GitLab. The proxy reads its allowed http origins from the
 * environment when it loads, so each proxy loads its own copy of the module.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { listenLoopback } from './loopback';

/** A running proxy. */
export interface CorsProxy {
	url: string;
	/** Every request the proxy received (method and path). */
	requests: string[];
	stop(): Promise<void>;
}

/** Starts the proxy, allowing plain http to `target` (`127.0.0.1:PORT`). */
export async function startCorsProxy(target: string): Promise<CorsProxy> {
	process.env.INSECURE_HTTP_ORIGINS = target;
	const require = createRequire(import.meta.url);
	const entry = require.resolve('@isomorphic-git/cors-proxy');
	const mod = (await import(`${pathToFileURL(entry).href}?target=${encodeURIComponent(target)}`)) as { default: (req: http.IncomingMessage, res: http.ServerResponse) => void };
	const requests: string[] = [];
	const sockets = new Set<Socket>();
	const { server, port } = await listenLoopback((req, res) => {
		requests.push(`${req.method} ${req.url}`);
		mod.default(req, res);
	}, 0, sockets);
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		stop: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			})
	};
}
