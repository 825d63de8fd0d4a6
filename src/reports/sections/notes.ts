import type { Table } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";

/**
 * The footnotes a table needs, derived from what it shows: why a percentage is missing, what the
 * significance column means, what * and ~ mark, and that police areas are illustrative.
 */
export function tableNotes(table: Pick<Table, "columns" | "rows">, ctx: ReportContext, level: AreaLevel): string[] {
  const notes: string[] = [];
  const kinds = new Set(table.columns.map((column) => column.kind));
  const cells = table.rows.flatMap((row) => row.cells);
  if (cells.some((cell) => cell.symbol === "." && (cell.note === "basis te klein" || cell.note === "basis nul"))) {
    notes.push(`. : geen percentage; de vergelijkingsbasis is nul of kleiner dan ${ctx.comparison.minBase}, en een percentage zou dan niets betekenen.`);
  }
  const verdict = table.columns.find((column) => column.kind === "verdict");
  if (verdict) {
    const alpha = String(ctx.comparison.alpha).replace(".", ",");
    notes.push(
      verdict.words
        ? `Betekenis: een stijging of daling is significant als ze groter is dan toeval bij deze aantallen kan verklaren (exacte toets, α = ${alpha}).`
        : `Significant: de verandering is groter dan toeval bij deze aantallen kan verklaren (exacte toets op gelijke Poisson-intensiteit, α = ${alpha}); een lege cel betekent geen significante verandering.`,
    );
  }
  if (kinds.has("average")) notes.push(`Gemiddelde: het gemiddelde van dezelfde periode in de ${ctx.comparison.years} voorgaande jaren.`);
  const flags = new Set([...table.columns.flatMap((column) => column.flags ?? []), ...cells.flatMap((cell) => cell.flags ?? [])]);
  if (flags.has("voorlopig")) notes.push("* : voorlopig cijfer; het kan nog wijzigen door late registraties en correcties.");
  if (flags.has("onvolledig")) notes.push("° : onvolledig; de periode was op de maakdatum nog niet voorbij of een levering ontbreekt.");
  if (flags.has("geschat")) notes.push("~ : per 1.000 inwoners met het inwonertal van het dichtstbijzijnde bekende jaar.");
  if (["basisteam", "district", "eenheid"].includes(level) && ctx.reference.basisteamsIllustrative) {
    notes.push("De indeling in basisteams en districten is illustratief (demo); zij is niet die van de politie.");
  }
  return notes;
}
