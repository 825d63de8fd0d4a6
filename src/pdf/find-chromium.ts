import { accessSync, constants } from "node:fs";
import path from "node:path";
import { UserError } from "../user-error.ts";

const CANDIDATES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/**
 * The Chromium to print PDFs with: `CHROMIUM_PATH` when set, then `/usr/bin/chromium`, then
 * `chromium-browser` or `google-chrome` on the PATH. Throws a UserError that names the install
 * command when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.CHROMIUM_PATH;
  if (explicit) {
    if (isExecutable(explicit)) return explicit;
    throw new UserError(`CHROMIUM_PATH points to ${explicit}, which is not an executable file`, {
      hint: "Point CHROMIUM_PATH at a Chromium or Chrome binary, or unset it to use the system Chromium.",
    });
  }
  if (isExecutable("/usr/bin/chromium")) return "/usr/bin/chromium";
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    for (const name of CANDIDATES) {
      const candidate = path.join(dir, name);
      if (dir && isExecutable(candidate)) return candidate;
    }
  }
  throw new UserError("No Chromium found to make PDFs with", {
    hint: "Install it with `sudo apt-get install chromium fonts-dejavu-core fonts-liberation` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.",
  });
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
