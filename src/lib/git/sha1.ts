/**
 * SHA-1 over byte arrays, synchronous and allocation-free per block: git names every object by
 * it, and indexing a pack hashes thousands of small objects, where WebCrypto's one round trip per
 * digest costs more than the hashing.
 */

const W = new Int32Array(80);

/** An incremental SHA-1: `update` any number of times, then `digest` once. */
export class Sha1 {
	#h = new Int32Array([0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0]);
	#block = new Uint8Array(64);
	#used = 0;
	#length = 0;

	/** Adds `bytes` to the hashed message. */
	update(bytes: Uint8Array): this {
		let i = 0;
		const n = bytes.length;
		this.#length += n;
		if (this.#used > 0) {
			const take = Math.min(64 - this.#used, n);
			this.#block.set(bytes.subarray(0, take), this.#used);
			this.#used += take;
			i = take;
			if (this.#used < 64) return this;
			this.#compress(this.#block, 0);
			this.#used = 0;
		}
		for (; i + 64 <= n; i += 64) this.#compress(bytes, i);
		if (i < n) {
			this.#block.set(bytes.subarray(i), 0);
			this.#used = n - i;
		}
		return this;
	}

	/** The 20-byte digest (the hash can not be updated afterwards). */
	digest(): Uint8Array {
		const bits = this.#length * 8;
		const block = this.#block;
		block[this.#used++] = 0x80;
		if (this.#used > 56) {
			block.fill(0, this.#used);
			this.#compress(block, 0);
			this.#used = 0;
		}
		block.fill(0, this.#used, 56);
		const high = Math.floor(bits / 0x100000000);
		const low = bits >>> 0;
		block[56] = high >>> 24;
		block[57] = high >>> 16;
		block[58] = high >>> 8;
		block[59] = high;
		block[60] = low >>> 24;
		block[61] = low >>> 16;
		block[62] = low >>> 8;
		block[63] = low;
		this.#compress(block, 0);
		const out = new Uint8Array(20);
		for (let j = 0; j < 5; j++) {
			const v = this.#h[j];
			out[j * 4] = v >>> 24;
			out[j * 4 + 1] = v >>> 16;
			out[j * 4 + 2] = v >>> 8;
			out[j * 4 + 3] = v;
		}
		return out;
	}

	#compress(b: Uint8Array, at: number): void {
		for (let t = 0; t < 16; t++) {
			const p = at + t * 4;
			W[t] = (b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3];
		}
		for (let t = 16; t < 80; t++) {
			const x = W[t - 3] ^ W[t - 8] ^ W[t - 14] ^ W[t - 16];
			W[t] = (x << 1) | (x >>> 31);
		}
		const h = this.#h;
		let a = h[0];
		let bb = h[1];
		let c = h[2];
		let d = h[3];
		let e = h[4];
		let t = 0;
		for (; t < 20; t++) {
			const temp = (((a << 5) | (a >>> 27)) + ((bb & c) | (~bb & d)) + e + 0x5a827999 + W[t]) | 0;
			e = d;
			d = c;
			c = (bb << 30) | (bb >>> 2);
			bb = a;
			a = temp;
		}
		for (; t < 40; t++) {
			const temp = (((a << 5) | (a >>> 27)) + (bb ^ c ^ d) + e + 0x6ed9eba1 + W[t]) | 0;
			e = d;
			d = c;
			c = (bb << 30) | (bb >>> 2);
			bb = a;
			a = temp;
		}
		for (; t < 60; t++) {
			const temp = (((a << 5) | (a >>> 27)) + ((bb & c) | (bb & d) | (c & d)) + e + (0x8f1bbcdc | 0) + W[t]) | 0;
			e = d;
			d = c;
			c = (bb << 30) | (bb >>> 2);
			bb = a;
			a = temp;
		}
		for (; t < 80; t++) {
			const temp = (((a << 5) | (a >>> 27)) + (bb ^ c ^ d) + e + (0xca62c1d6 | 0) + W[t]) | 0;
			e = d;
			d = c;
			c = (bb << 30) | (bb >>> 2);
			bb = a;
			a = temp;
		}
		h[0] = (h[0] + a) | 0;
		h[1] = (h[1] + bb) | 0;
		h[2] = (h[2] + c) | 0;
		h[3] = (h[3] + d) | 0;
		h[4] = (h[4] + e) | 0;
	}
}

/** SHA-1 of the concatenation of `parts`. */
export function sha1(...parts: Uint8Array[]): Uint8Array {
	const h = new Sha1();
	for (const p of parts) h.update(p);
	return h.digest();
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
	let s = '';
	for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
	return s;
}
