export interface Paint {
  bold(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

/**
 * ANSI colours for one output stream: only on a TTY, and never when NO_COLOR is set to anything
 * but the empty string (https://no-color.org).
 */
export function colours(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Paint {
  const on = Boolean(stream.isTTY) && !env.NO_COLOR;
  const paint = (code: string) => (text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { bold: paint("1"), red: paint("31"), yellow: paint("33"), green: paint("32") };
}
