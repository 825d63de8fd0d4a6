/**
 * The one kind of error a user is meant to see: an expected failure (bad input, a missing file, a
 * refused disclosure) with a message that says where and a hint that says what to do next.
 *
 * Only `src/cli` catches these and prints them; everything else that is thrown is a bug and is
 * reported as "unexpected" with a pointer to `--debug`.
 */
export class UserError extends Error {
  override readonly name = "UserError";

  constructor(
    message: string,
    readonly options: {
      /** What the user can do about it, printed under the message. */
      hint?: string;
      /** Process exit code: 1 for data errors (default), 2 for usage errors. */
      exitCode?: 1 | 2;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
  }

  get hint(): string | undefined {
    return this.options.hint;
  }

  get exitCode(): 1 | 2 {
    return this.options.exitCode ?? 1;
  }
}

/** Where in an input file something was found, for messages like `exports/2025-10.csv:4812`. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: string;
}

/** Formats a location as `file:line (column "x")`. */
export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.column !== undefined) text += ` (column "${location.column}")`;
  return text;
}
