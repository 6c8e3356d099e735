/**
 * Vite plugin for the git worker: two exact, checked edits to dependencies' code that the time
 * to a first plan depends on. The build fails when a dependency's code changed so an edit no
 * longer applies, rather than silently keeping the slow path.
 *
 * - isomorphic-git collects a fetched pack, writes it, then indexes it with its own indexer (a new
 *   inflater and a growing buffer per object, WebCrypto per hash). In `_fetch` the pack is instead
 *   indexed while it downloads by Waymark's indexer (src/lib/git/pack-index.ts), which checks the
 *   pack's checksum and writes the same `.idx` bytes as `git index-pack`.
 * - lightning-fs clears its "close the database after 500 ms idle" timer only when none is set
 *   (an inverted test), so every file operation leaves a live timer behind and thousands pile up
 *   during a clone. The test is turned the right way round.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const INDEXER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/lib/git/pack-index.ts');

/** @type {{ file: RegExp, find: string, replace: string, prepend?: string }[]} */
export const EDITS = [
	{
		// The pack is indexed as it downloads (the indexer also keeps the whole pack) ...
		file: /[\\/]node_modules[\\/]isomorphic-git[\\/]index\.js$/,
		find: '  const packfile = Buffer.from(await collect(response.packfile));',
		replace: `  let waymarkIndexed;
  try {
    waymarkIndexed = await waymarkIndexPackStream(response.packfile, {
      external: oid => _readObject({ fs, cache, gitdir, oid }),
      onProgress,
    });
  } catch (err) {
    // A download cut short ends the stream early: say that, not what it did to the pack.
    if (raw.body.error) throw raw.body.error
    throw err
  }
  globalThis.performance?.clearMarks?.('waymark:fetch:indexed');
  globalThis.performance?.mark?.('waymark:fetch:indexed');
  const packfile = Buffer.from(waymarkIndexed.pack.buffer, waymarkIndexed.pack.byteOffset, waymarkIndexed.pack.byteLength);`,
		prepend: `import { indexPackStream as waymarkIndexPackStream } from ${JSON.stringify(INDEXER)};\n`
	},
	{
		// ... so once it is in, the pack and its index are only written, and kept in memory for reads.
		file: /[\\/]node_modules[\\/]isomorphic-git[\\/]index\.js$/,
		find: `    await fs.write(fullpath, packfile);
    const getExternalRefDelta = oid => _readObject({ fs, cache, gitdir, oid });
    const idx = await GitPackIndex.fromPack({
      pack: packfile,
      getExternalRefDelta,
      onProgress,
    });
    await fs.write(fullpath.replace(/\\.pack$/, '.idx'), await idx.toBuffer());`,
		replace: `    const waymarkIdxPath = fullpath.replace(/\\.pack$/, '.idx');
    await Promise.all([fs.write(fullpath, packfile), fs.write(waymarkIdxPath, waymarkIndexed.idx)]);
    globalThis.performance?.clearMarks?.('waymark:fetch:written');
    globalThis.performance?.mark?.('waymark:fetch:written');
    // A clone's reads right after use the pack in memory, checked already (not read back and hashed
    // again), and may read the new objects straight from the indexer (src/lib/git/fresh-pack.ts).
    if (cache[Symbol.for('waymark.wantFreshPack')]) {
    const waymarkIndex = await GitPackIndex.fromIdx({ idx: Buffer.from(waymarkIndexed.idx), getExternalRefDelta: oid => _readObject({ fs, cache, gitdir, oid }) });
    waymarkIndex.pack = Promise.resolve(packfile);
    waymarkIndex._checksumVerification = Promise.resolve();
    if (!cache[PackfileCache]) cache[PackfileCache] = new Map();
    cache[PackfileCache].set(waymarkIdxPath, Promise.resolve(waymarkIndex));
    cache[Symbol.for('waymark.freshPack')] = waymarkIndexed.reader;
    }`
	},
	{
		file: /[\\/]node_modules[\\/]@isomorphic-git[\\/]lightning-fs[\\/]src[\\/]PromisifiedFS\.js$/,
		find: 'if (!this._deactivationTimeout) clearTimeout(this._deactivationTimeout)',
		replace: 'if (this._deactivationTimeout) clearTimeout(this._deactivationTimeout)'
	}
];

/**
 * Applies the edits to the CommonJS build of isomorphic-git as Node loads it (`index.cjs`), so
 * Node benchmarks that claim to run the worker's code do. Call before isomorphic-git is required.
 * @param {{ prototype: { _compile: (this: unknown, content: string, filename: string) => unknown } }} Module node:module's Module class
 * @param {(id: string) => string} requireOf how the edited module loads the indexer (CommonJS)
 */
export function applyGitSpeedEditsInNode(Module, requireOf = (id) => `require(${JSON.stringify(id)})`) {
	const compile = Module.prototype._compile;
	/** @param {string} content @param {string} filename */
	Module.prototype._compile = function (content, filename) {
		if (/[\\/]node_modules[\\/]isomorphic-git[\\/]index\.cjs$/.test(filename)) {
			let out = content;
			for (const edit of EDITS.filter((e) => e.file.test(filename.replace(/\.cjs$/, '.js')))) {
				if (out.split(edit.find).length !== 2) throw new Error(`waymark-git-speed: the code to edit in ${filename} changed`);
				out = out.replace(edit.find, () => edit.replace);
				if (edit.prepend) out = `const { indexPackStream: waymarkIndexPackStream } = ${requireOf(INDEXER)};\n` + out;
			}
			content = out;
		}
		return compile.call(this, content, filename);
	};
}

/** @returns {import('vite').Plugin} */
export function gitSpeedPlugin() {
	return {
		name: 'waymark-git-speed',
		enforce: 'pre',
		transform(code, id) {
			const file = id.split('?')[0];
			const edits = EDITS.filter((e) => e.file.test(file));
			if (!edits.length) return null;
			let out = code;
			for (const edit of edits) {
				const at = out.indexOf(edit.find);
				if (at < 0 || out.indexOf(edit.find, at + 1) >= 0) {
					throw new Error(`waymark-git-speed: the code to edit in ${file} changed; update scripts/vite-git-speed-plugin.js`);
				}
				out = (edit.prepend ?? '') + out.replace(edit.find, () => edit.replace);
			}
			return { code: out, map: null };
		}
	};
}
