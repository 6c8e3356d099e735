import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const manifestPath = fileURLToPath(new URL('../manifest.webmanifest', import.meta.url));

/**
 * Serves the root `manifest.webmanifest` at `/manifest.webmanifest` in dev and emits it
 * next to the built app, so the file can live at the repository root.
 * @returns {import('vite').Plugin}
 */
export function manifestPlugin() {
	return {
		name: 'waymark-manifest',
		configureServer(server) {
			server.middlewares.use((req, res, next) => {
				if (req.url?.split('?')[0].endsWith('/manifest.webmanifest')) {
					res.setHeader('Content-Type', 'application/manifest+json');
					res.end(readFileSync(manifestPath));
					return;
				}
				next();
			});
		},
		generateBundle(_options, bundle) {
			// Only the client build (it carries the app's entry chunks) gets the manifest.
			const isClient = Object.keys(bundle).some((f) => f.includes('immutable/entry'));
			if (!isClient) return;
			this.emitFile({ type: 'asset', fileName: 'manifest.webmanifest', source: readFileSync(manifestPath) });
		}
	};
}
