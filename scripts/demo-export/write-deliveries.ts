/**
 * Writes the monthly deliveries of the demo export, one file at a time, streaming: at most one
 * gemeente-month of rows and about a megabyte of text are held in memory at once.
 *
 * Delivery M holds the registrations of month M-1 again (now with their final klasse, or
 * reclassified in the extra delivery) followed by those of month M (a few provisional).
 * Both parts are ordered gemeente by gemeente, which is registratienummer order.
 */
import { open, rename } from "node:fs/promises";
import { join } from "node:path";
import { BVH_FILE_START, formatBvhLine } from "./bvh-csv.ts";
import { formatDutchDate, monthKey } from "./calendar.ts";
import type { DemoPlan } from "./demo-plan.ts";
import { type DemoRegistration, gemeenteMonthRegistrations } from "./gemeente-month.ts";
import { klasseLabel, type KlasseLabelStyle } from "./klasse-label.ts";
import { demoModusOperandi, demoPleegtijd } from "./time-and-mo.ts";

export interface DeliveryStats {
  readonly file: string;
  readonly rows: number;
  /** Repeated registrations whose klasse differs from the previous delivery. */
  readonly revisions: number;
  /** Of those, the ones that moved to another soort (or between crime and incident). */
  readonly soortChanges: number;
}

/** `bvh-export-2025-03.csv` */
export function deliveryFileName(month: Parameters<typeof monthKey>[0]): string {
  return `bvh-export-${monthKey(month)}.csv`;
}

/** Matches the files {@link writeDeliveries} writes (and only those). */
export const DELIVERY_FILE_PATTERN = /^bvh-export-\d{4}-\d{2}\.csv$/;

const CHUNK_CHARS = 1 << 20;

/** Writes every delivery of `plan` into `outDir`; calls `onDelivery` after each file. */
export async function writeDeliveries(
  plan: DemoPlan,
  outDir: string,
  onDelivery: (stats: DeliveryStats) => void = () => {},
): Promise<DeliveryStats[]> {
  const labels = new Map<string, string>();
  const label = (code: string, style: KlasseLabelStyle): string => {
    const key = `${code} ${style}`;
    let text = labels.get(key);
    if (text === undefined) {
      const naam = plan.catalog.naam.get(code);
      if (naam === undefined) throw new Error(`klasse ${code} has no INP name`);
      text = klasseLabel(code, naam, style);
      labels.set(key, text);
    }
    return text;
  };
  // A few thousand distinct days against millions of cells: format each day once.
  const dates = new Map<number, string>();
  const date = (day: number): string => {
    let text = dates.get(day);
    if (text === undefined) dates.set(day, (text = formatDutchDate(day)));
    return text;
  };
  const line = (gemeente: string, row: DemoRegistration, klasse: string): string =>
    formatBvhLine([
      row.registratienummer,
      date(row.pleegdag),
      demoPleegtijd(row.registratienummer, klasse),
      date(row.registratiedag),
      label(klasse, row.labelStyle),
      demoModusOperandi(row.registratienummer, klasse),
      gemeente,
      row.buurt.wijkcode,
      row.buurt.buurtcode,
      row.straat,
      row.huisnummer,
      row.omschrijving,
    ]);

  const all: DeliveryStats[] = [];
  for (let m = 0; m < plan.months.length; m++) {
    const file = deliveryFileName(plan.months[m]!);
    const partial = join(outDir, `${file}.partial`);
    const handle = await open(partial, "w");
    let buffer = BVH_FILE_START;
    let rows = 0;
    let revisions = 0;
    let soortChanges = 0;
    // Awaiting each big write is the backpressure: generation waits for the disk.
    const flush = async () => {
      await handle.write(buffer);
      buffer = "";
    };
    try {
      if (m > 0) {
        for (let g = 0; g < plan.gemeenten.length; g++) {
          const code = plan.gemeenten[g]!.code;
          for (const row of gemeenteMonthRegistrations(plan, g, m - 1)) {
            if (row.repeatKlasse !== row.firstKlasse) {
              revisions++;
              const groups = plan.catalog.groupIndex;
              if (groups.get(row.repeatKlasse) !== groups.get(row.firstKlasse)) soortChanges++;
            }
            buffer += line(code, row, row.repeatKlasse);
            rows++;
            if (buffer.length >= CHUNK_CHARS) await flush();
          }
        }
      }
      for (let g = 0; g < plan.gemeenten.length; g++) {
        const code = plan.gemeenten[g]!.code;
        for (const row of gemeenteMonthRegistrations(plan, g, m)) {
          buffer += line(code, row, row.firstKlasse);
          rows++;
          if (buffer.length >= CHUNK_CHARS) await flush();
        }
      }
      await flush();
    } finally {
      await handle.close();
    }
    // Renamed only when complete, so a reader never sees half a delivery under its real name.
    await rename(partial, join(outDir, file));
    const stats = { file, rows, revisions, soortChanges };
    all.push(stats);
    onDelivery(stats);
  }
  return all;
}
