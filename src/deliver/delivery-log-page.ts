import { renderPage } from "../site/render-page.ts";
import type { DeliveryEntry } from "./deliver.ts";

/**
 * The record of deliveries as a plain page for the privacy officer (layouts/leveringen.njk, not for
 * publication): per delivery when, to whom, on which legal basis, which report edition and every
 * file with its SHA-256, newest first. No scripts, no external resources; the JSON lines beside it
 * are the record. Rendered with the site's environment, outside the build: `deliver` writes it.
 */
export function deliveryLogPage(entries: readonly DeliveryEntry[], organisation: string, layoutsDir?: string): string {
  const page = { title: "Leveringen van gegevensbestanden", heading: "Leveringen van gegevensbestanden", organisation, entries: [...entries].reverse() };
  return renderPage("leveringen.njk", page, layoutsDir ? { layoutsDir } : {});
}
