import { inpKey } from "../../model/categories.ts";
import { monthLabel } from "../../model/dutch-months.ts";
import { compareInpCodes } from "../../reference/inp-order.ts";
import { monthRange } from "../../model/months.ts";
import { shiftYears } from "../../model/periods.ts";
import type { Column, Row, Table } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { RevisionsSpec } from "../definition.ts";
import { tableNotes } from "./notes.ts";
import { crimeTotalLabel, namesOf } from "./reader-names.ts";

/**
 * What changed since the previous edition: every month the previous edition showed (its period
 * and the same period a year earlier) whose count of a category differs now, because BVH
 * registrations were revised in a later delivery — "februari 2025 · Mishandeling: 412 → 409". Lets
 * the analyst explain to the gezag why a figure differs from the one they saw last time.
 */
export function revisionsTable(spec: RevisionsSpec, area: string, level: AreaLevel, ctx: ReportContext): Table {
  const columns: Column[] = [
    { id: "before", label: `editie ${ctx.previous?.edition.label ?? "–"}`, kind: "count" },
    { id: "now", label: `editie ${ctx.edition.label}`, kind: "count" },
    { id: "change", label: "verschil", kind: "change" },
  ];
  const rows: Row[] = [];
  if (ctx.previous) {
    const before = ctx.previous.counts(level);
    const now = ctx.counts(level);
    const shown = ctx.previous.edition.period;
    const months = [...monthRange(shiftYears(shown).first, shiftYears(shown).last), ...monthRange(shown.first, shown.last)];
    for (const part of ["J", "N"] as const) {
      const keys = new Set([...before.categories(area), ...now.categories(area)]);
      const categories = [
        inpKey(part),
        ...[...keys]
          .filter((key) => key.startsWith(`${part}:`) && key.slice(2).split(".").length <= spec.depth)
          .map((key) => key.slice(2))
          .sort(compareInpCodes)
          .map((code) => inpKey(part, code)),
      ];
      for (const month of months) {
        for (const category of categories) {
          const old = before.count(area, category, month);
          const current = now.count(area, category, month);
          if (old === current) continue;
          const ref = { area, category, first: month, last: month };
          const code = category.includes(":") ? category.slice(2) : undefined;
          const name = code ? `${code} ${ctx.reference.classification.nameOf(code)}` : part === "J" ? crimeTotalLabel("J", namesOf(ctx)) : "Totaal incidenten en overlast";
          rows.push({
            id: `${category}@${month}`,
            label: `${monthLabel(month)} · ${name}`,
            level: code ? code.split(".").length : 0,
            role: code ? "detail" : "subtotal",
            cells: [{ value: old }, { value: current, ref }, { value: current - old, sources: [ref] }],
          });
        }
      }
    }
  }
  const caption = ctx.previous
    ? `Wijzigingen in ${ctx.reference.areas.nameOf(area)} sinds de editie van ${ctx.previous.edition.label} (herziene registraties)`
    : `Wijzigingen in ${ctx.reference.areas.nameOf(area)}: er is geen vorige editie`;
  return { id: spec.id, caption, rowHeading: "Maand · categorie", columns, rows, notes: rows.length > 0 ? tableNotes({ columns, rows }, ctx, level) : [] };
}
