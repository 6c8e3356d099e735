import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A loopback HTTP server that tracks its sockets, so `stop()` can end even stalled ones. */
export interface LoopbackServer {
	server: http.Server;
	port: number;
}

/** Listens on 127.0.0.1:port (0 = a free port), adding every connection to `sockets`. */
export async function listenLoopback(
	handle: http.RequestListener,
	port: number,
	sockets: Set<Socket>
): Promise<LoopbackServer> {
	const s = http.createServer(handle);
	s.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		s.once('error', reject);
		s.listen(port, '127.0.0.1', () => {
			s.off('error', reject);
			resolve();
		});
	});
	return { server: s, port: (s.address() as AddressInfo).port };
}
