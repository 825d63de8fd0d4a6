import { UserError } from "../user-error.ts";

/** One of `count` parallel shares of a build: `index` from 1 to `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** "2/4" → { index: 2, count: 4 }; a UserError (usage) for anything else. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UserError(`--shard "${text}" is not a share of the build`, { hint: "Use --shard i/n with 1 ≤ i ≤ n, e.g. --shard 2/4 in the second of four parallel jobs.", exitCode: 2 });
  }
  return { index, count };
}

/**
 * Whether the pages of area `code` belong to `shard`. Decided by a hash of the code alone (FNV-1a),
 * so that every job of a matrix, on any machine, splits the areas the same way, and an area keeps
 * its shard when others are added to the scope.
 */
export function inShard(code: string, shard: Shard): boolean {
  let hash = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) {
    hash ^= code.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % shard.count) + 1 === shard.index;
}
