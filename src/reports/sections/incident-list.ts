import { dayPartLabel } from "../../model/day-parts.ts";
import { dayRangeLabel, weekdayLabel } from "../../model/day-periods.ts";
import { monthOfDay, type Day } from "../../model/days.ts";
import type { Row, Table } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { IncidentListSpec } from "../definition.ts";
import { editionDays } from "../edition.ts";
import { categoryLabel, namesOf } from "./reader-names.ts";

/** What a mayor is told about one incident, and nothing more. */
interface Incident {
  day: Day;
  dayPart: number;
  klasse: string;
  /** The wijk or buurt (with its gemeente on pages above the gemeente), or "niet toe te delen". */
  where: string;
  /** The area code the incident counts in at `areaDetail` (for the onvolledig marks), or the finest known. */
  area: string;
  /** The first of the spec's categories it counts under (for grouping by category). */
  category: string;
}

/**
 * The registrations of a rule — klassen, soorten, INP categories, fenomenen such as high impact
 * crime or a configured list of grotere incidenten — in the edition's days (or the last `days`),
 * for the gezag and intern audiences only (a public definition with one is refused). Each shows
 * only its day, its part of the day (nacht, ochtend, middag, avond), its klasse and its wijk or
 * buurt: the registrations at day granularity hold nothing more (no registratienummer, address,
 * free text or time to the minute), so nothing more can reach a page. Incidents alike in all four
 * are one row with their number. Grouped by day (then part of the day, klasse, place) or by
 * category, so that a mayor reads it in a minute; at most `max` rows, the rest counted in a note.
 */
export function incidentList(spec: IncidentListSpec, area: string, level: AreaLevel, ctx: ReportContext): Table {
  const registrations = ctx.registrations;
  const days = ctx.days?.(level);
  if (!registrations || !days) throw new Error(`incident-list ${spec.id} needs registrations (checked before)`);
  const edition = editionDays(ctx.edition);
  const last = edition.last;
  const first = spec.days !== undefined ? last - spec.days + 1 : edition.first;
  const { areas, classification } = ctx.reference;
  const categoryOf = (klasse: number): string | undefined => spec.categories.find((category) => days.counts(klasse, category));
  const whereOf = new Map<string, { where: string; area: string }>();
  const place = (code: string): { where: string; area: string } => {
    let found = whereOf.get(code);
    if (!found) {
      const detail = areas.ancestorAt(code, spec.areaDetail);
      const gemeente = areas.ancestorAt(code, "gemeente");
      const name = detail ? areas.nameOf(detail) : `${spec.areaDetail} onbekend`;
      const above = !["gemeente", "wijk", "buurt"].includes(level) && gemeente ? `${areas.nameOf(gemeente)}, ` : "";
      found = { where: `${above}${name}`, area: detail ?? code };
      whereOf.set(code, found);
    }
    return found;
  };
  const incidents: Incident[] = [];
  for (const row of days.rowsOf(area)) {
    const day = registrations.day[row] as number;
    if (day < first || day > last) continue;
    const klasse = registrations.klasse[row] as number;
    const category = categoryOf(klasse);
    if (category === undefined) continue;
    const { where, area: placeArea } = place(registrations.areas[registrations.area[row] as number] ?? "");
    incidents.push({ day, dayPart: registrations.dayPart[row] as number, klasse: registrations.klassen[klasse] ?? "", where, area: placeArea, category });
  }
  const klasseLabel = (code: string): string => `${code} ${classification.klasse(code)?.naam ?? ""}`.trim();
  // Within a group: by day, part of the day (unknown last), klasse and place.
  const partRank = (part: number): number => (part < 0 ? 9 : part);
  const categoryRank = new Map(spec.categories.map((category, index) => [category, index]));
  incidents.sort(
    (a, b) =>
      (spec.groupBy === "category" ? (categoryRank.get(a.category) ?? 0) - (categoryRank.get(b.category) ?? 0) : 0) ||
      a.day - b.day ||
      partRank(a.dayPart) - partRank(b.dayPart) ||
      a.klasse.localeCompare(b.klasse) ||
      a.where.localeCompare(b.where, "nl"),
  );
  const names = namesOf(ctx);
  const groupOf = (incident: Incident): string => (spec.groupBy === "day" ? String(incident.day) : incident.category);
  const groupLabel = (incident: Incident): string => (spec.groupBy === "day" ? capitalize(weekdayLabel(incident.day)) : categoryLabel(incident.category, names));
  const detailLabel = (incident: Incident): string =>
    // Grouped by category, a row names its day, unless the list is of one day (the page says which).
    [spec.groupBy === "category" && first !== last ? weekdayLabel(incident.day) : undefined, dayPartLabel(incident.dayPart), klasseLabel(incident.klasse), incident.where].filter(Boolean).join(" · ");
  const rows: Row[] = [];
  let shown = 0;
  let notShown = 0;
  let group: { id: string; row: Row } | undefined;
  let detail: { key: string; row: Row } | undefined;
  for (const incident of incidents) {
    const id = groupOf(incident);
    if (group?.id !== id) {
      group = { id, row: { id: `g-${id}`, label: groupLabel(incident), level: 0, role: "subtotal", cells: [{ value: 0 }] } };
      rows.push(group.row);
      detail = undefined;
    }
    (group.row.cells[0] as { value: number }).value++;
    const key = `${id}|${detailLabel(incident)}`;
    if (detail?.key === key) {
      (detail.row.cells[0] as { value: number }).value++;
      continue;
    }
    if (shown >= spec.max) {
      notShown++;
      continue;
    }
    const month = monthOfDay(incident.day);
    detail = { key, row: { id: `i-${rows.length}`, label: detailLabel(incident), level: 1, role: "detail", cells: [{ value: 1, ref: { area: incident.area, category: `klasse:${incident.klasse}`, first: month, last: month } }] } };
    rows.push(detail.row);
    shown++;
  }
  const selection = spec.categories.map((category) => categoryLabel(category, names)).join(", ");
  const notes = [
    `Geselecteerd: ${selection}; ${dayRangeLabel(first, last)}, naar pleegdatum.`,
    `Per incident alleen dag, dagdeel (nacht 0–6 uur, ochtend 6–12 uur, middag 12–18 uur, avond 18–24 uur; onbekend als de registratie geen tijd heeft), maatschappelijke klasse en ${spec.areaDetail}: geen registratienummer, adres, omschrijving of tijdstip. Gelijke incidenten staan samen op één regel met hun aantal.`,
  ];
  if (notShown > 0) notes.push(`Niet getoond: nog ${notShown} ${notShown === 1 ? "regel" : "regels"} (ten hoogste ${spec.max} regels); de aantallen per ${spec.groupBy === "day" ? "dag" : "categorie"} tellen alle incidenten.`);
  for (const category of spec.categories) {
    const note = ctx.fenomenen.get(category)?.note;
    if (note) notes.push(note);
  }
  return {
    id: spec.id,
    caption: `${spec.title}, ${ctx.reference.areas.nameOf(area)}: ${dayRangeLabel(first, last)}`,
    rowHeading: spec.groupBy === "day" ? "Dag · dagdeel · klasse · plaats" : "Categorie · dag · dagdeel · klasse · plaats",
    columns: [{ id: "aantal", label: "aantal", kind: "count" }],
    rows,
    notes,
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
