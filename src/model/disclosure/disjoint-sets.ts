/**
 * Disjoint sets of keys (union–find with path compression). The root of a set is its smallest
 * key, so the sets, and which key stands for each, do not depend on the order of the unions.
 */
export class DisjointSets {
  readonly #parent = new Map<string, string>();

  /** Adds `key` as a set of its own, unless it is in a set already. */
  add(key: string): void {
    if (!this.#parent.has(key)) this.#parent.set(key, key);
  }

  has(key: string): boolean {
    return this.#parent.has(key);
  }

  /** The root of the set of `key` (added). */
  find(key: string): string {
    let root = key;
    while (this.#parent.get(root) !== root) root = this.#parent.get(root) as string;
    let node = key;
    while (node !== root) {
      const next = this.#parent.get(node) as string;
      this.#parent.set(node, root);
      node = next;
    }
    return root;
  }

  /** Joins the sets of `a` and `b` (both added). */
  union(a: string, b: string): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.#parent.set(rootA < rootB ? rootB : rootA, rootA < rootB ? rootA : rootB);
  }
}
