import type { Page } from "puppeteer-core";
import type { PageSource } from "./browser.ts";

/**
 * Runs `task` for every item on a small pool of browser pages (2 suits 2 cores): each page takes
 * the next item when it is done with one. Pages are closed afterwards, also on error; the first
 * error stops the pool and is rethrown.
 */
export async function onPagePool<T>(
  browser: PageSource,
  items: readonly T[],
  size: number,
  task: (page: Page, item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    const page = await browser.newPage();
    try {
      while (failure === undefined && next < items.length) {
        const index = next++;
        await task(page, items[index] as T, index);
      }
    } catch (error) {
      failure ??= error;
    } finally {
      await page.close().catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
  if (failure !== undefined) throw failure;
}
