/**
 * The part of `xenport serve` shared with its thin client, which is plain JavaScript in bin/ (the
 * client never loads the bundle): bin/serve-socket.js, loaded at run time from the server. One
 * definition of where the socket is and how messages are framed, for both sides.
 */
import * as path from 'path';

/** bin/, from dist/cli (the bundle) or src/cli (the sources). */
export const BIN = path.join(__dirname, '..', '..', 'bin');

/** What bin/serve-socket.js exports. */
export interface Protocol {
  /** The socket of build `id` for this user (per-user folder, build id and Node version in its name). */
  socketPath(env: NodeJS.ProcessEnv, id: string): string | undefined;
  /** A message as it goes over the socket (a JSON object and a newline). */
  frame(m: object): string;
  /** A reader of framed messages: feed it text; `onMessage` gets each object, `onBad` the first bad line. */
  messageReader(onMessage: (m: Record<string, unknown>) => void, onBad: (why: string) => void): (text: string) => void;
}

/** bin/serve-socket.js. */
export const protocol = (): Protocol => require(path.join(BIN, 'serve-socket.js')) as Protocol;
