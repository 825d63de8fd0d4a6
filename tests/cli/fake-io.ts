import { Writable } from "node:stream";
import type { CliIO } from "../../src/cli/command.ts";
import { ROOT } from "../helpers.ts";

/** A stream that keeps what is written to it, optionally posing as a terminal. */
export class Capture extends Writable {
  text = "";
  isTTY: boolean;

  constructor(tty = false) {
    super();
    this.isTTY = tty;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

/** In-memory IO for `main`: captured stdout and stderr, a given environment, folder and day. */
export function fakeIO(options: { tty?: boolean; env?: NodeJS.ProcessEnv; cwd?: string; today?: string } = {}): CliIO & { stdout: Capture; stderr: Capture } {
  return {
    stdout: new Capture(options.tty),
    stderr: new Capture(options.tty),
    env: options.env ?? {},
    cwd: options.cwd ?? ROOT,
    today: () => options.today ?? "2026-01-10",
  };
}
