/**
 * The demo repo's files, bundled from the project's `demo/` folder, for creating the demo inside
 * the browser when no demo server is there (a static host).
 */

const loaders = import.meta.glob('/demo/**/*', { query: '?raw', import: 'default', eager: false }) as Record<string, () => Promise<string>>;

/** Binary files, skipped because `?raw` would mangle them (the demo holds none today). */
const BINARY = /\.(png|jpe?g|gif|webp|ico|pdf|zip|gz|woff2?|ttf|otf|mp[34]|wasm)$/i;

/** Every text file of `demo/`, by its path inside the demo repo. */
export async function demoFiles(): Promise<Record<string, string>> {
	const files: Record<string, string> = {};
	for (const [path, load] of Object.entries(loaders)) {
		const rel = path.replace(/^\/demo\//, '');
		if (BINARY.test(rel)) continue;
		files[rel] = await load();
	}
	return files;
}
