/**
 * The one place a commit message is made safe to store: messages are built from plan text (an
 * item's words, a person's typing), which may hold NUL or other control characters that native
 * `git fsck --strict` rejects (`nulInCommit`) or that garble `git log` in a terminal.
 */

/** Every C0 control character except tab (\t) and newline (\n); carriage returns are gone by then. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f]/g;

/**
 * The message as git stores it: CRLF (and a lone CR) as LF, every other C0 control character but
 * tab removed, ending in a newline.
 *
 * @example cleanCommitMessage('tick “a\u0000b”\r\n') // 'tick “ab”\n'
 */
export function cleanCommitMessage(message: string): string {
	const clean = message.replace(/\r\n?/g, '\n').replace(CONTROL, '');
	return clean.endsWith('\n') ? clean : `${clean}\n`;
}
