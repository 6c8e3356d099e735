/**
 * A minimal POSIX ustar writer, so "Export unpushed work" can hand over several files (patches and
 * plan files) as one download that `tar -x` unpacks everywhere. Files only; paths up to 255 bytes.
 */
import { concatBytes } from '../bytes/concat';

/** One file to put in the archive. */
export interface TarEntry {
	/** Path inside the archive, `/`-separated, relative. */
	path: string;
	text: string;
}

const BLOCK = 512;
const encoder = new TextEncoder();

/** The archive holding `entries` (UTF-8 text, mode 0644, modified at `mtime`). */
export function tarArchive(entries: readonly TarEntry[], mtime = new Date(0)): Uint8Array<ArrayBuffer> {
	const parts: Uint8Array[] = [];
	for (const e of entries) {
		const body = encoder.encode(e.text);
		parts.push(header(e.path, body.length, mtime), body, new Uint8Array((BLOCK - (body.length % BLOCK)) % BLOCK));
	}
	parts.push(new Uint8Array(BLOCK * 2));
	return concatBytes(parts);
}

function header(path: string, size: number, mtime: Date): Uint8Array {
	const h = new Uint8Array(BLOCK);
	const bytes = encoder.encode(path);
	let name = bytes;
	let prefix = new Uint8Array(0);
	if (bytes.length > 100) {
		// Split at a `/` so that the name part fits in 100 bytes and the prefix in 155.
		let cut = -1;
		for (let i = Math.max(0, bytes.length - 101); i <= Math.min(155, bytes.length - 1); i++) {
			if (bytes[i] === 0x2f) {
				cut = i;
				break;
			}
		}
		if (cut < 0) throw new RangeError(`tar path too long: ${path}`);
		prefix = bytes.slice(0, cut);
		name = bytes.slice(cut + 1);
	}
	h.set(name, 0);
	field(h, 100, 8, '0000644');
	field(h, 108, 8, '0000000');
	field(h, 116, 8, '0000000');
	field(h, 124, 12, size.toString(8).padStart(11, '0'));
	field(h, 136, 12, Math.floor(mtime.getTime() / 1000).toString(8).padStart(11, '0'));
	h.fill(0x20, 148, 156); // checksum counts as spaces while it is computed
	h[156] = 0x30; // '0': regular file
	field(h, 257, 6, 'ustar');
	field(h, 263, 2, '00');
	h.set(prefix, 345);
	const sum = h.reduce((n, b) => n + b, 0);
	field(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
	return h;
}

function field(h: Uint8Array, at: number, len: number, value: string): void {
	h.set(encoder.encode(value).slice(0, len), at);
}
