import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import { round } from "../../src/charts/svg-markup.ts";

const GOLDEN = path.join(import.meta.dirname, "golden");

/**
 * Golden SVGs, normalised so that a diff means a real change: floats rounded to one decimal and
 * one element per line. Run with UPDATE_GOLDEN=1 to rewrite them after an intended change (and
 * look at the result in a browser).
 */
export async function expectGolden(name: string, svg: string): Promise<void> {
  const normalised = normalise(svg);
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) await writeFile(file, normalised);
  expect(normalised).toBe(await readFile(file, "utf8"));
}

/** Rounds the numbers inside attribute values (coordinates), never text ("11.680" is a count). */
export function normalise(svg: string): string {
  const rounded = svg.replace(/="([^"]*)"/g, (_, value: string) => `="${value.replace(/-?\d+\.\d+/g, (number) => round(Number(number)))}"`);
  return `${rounded.replace(/></g, ">\n<")}\n`;
}
