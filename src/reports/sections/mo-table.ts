import { dayPeriodLabel, sameWeekLastYear } from "../../model/day-periods.ts";
import { firstDayOf, lastDayOf, type Day } from "../../model/days.ts";
import { periodLabel, shiftYears } from "../../model/periods.ts";
import type { Column, Row, Table } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { MoTableSpec } from "../definition.ts";
import { editionDays } from "../edition.ts";

/**
 * Per fenomeen, its registrations by modus operandi code — how woninginbraken were committed —
 * in the edition and the same period a year earlier. MO is read only as a code of the code list
 * (the reference's modus-operandi table), never as text; registrations without a listed code are a
 * row of their own. For the gezag and intern audiences (public reports have no such section).
 */
export function moTable(spec: MoTableSpec, area: string, level: AreaLevel, ctx: ReportContext): Table {
  const registrations = ctx.registrations;
  const days = ctx.days?.(level);
  if (!registrations || !days) throw new Error(`mo-table ${spec.id} needs registrations (checked before)`);
  const current = editionDays(ctx.edition);
  // A year earlier: the same ISO week(s) or weekday for an edition of days, the same months otherwise.
  const { days: editionPeriod, period } = ctx.edition;
  const previous = editionPeriod ? sameWeekLastYear(editionPeriod) : { first: firstDayOf(shiftYears(period).first), last: lastDayOf(shiftYears(period).last) };
  const currentLabel = editionPeriod ? dayPeriodLabel(editionPeriod) : periodLabel(period);
  const previousLabel = editionPeriod ? (previous ? dayPeriodLabel({ kind: editionPeriod.kind, ...previous }) : "een jaar eerder") : periodLabel(shiftYears(period));
  const codes = ctx.reference.modusOperandi;
  const columns: Column[] = [
    { id: "current", label: shortLabel(currentLabel), kind: "count", group: "aantal" },
    { id: "previous", label: shortLabel(previousLabel), kind: "count", group: "aantal" },
  ];
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const id of spec.fenomenen) {
    const key = `fenomeen:${id}`;
    const fenomeen = ctx.fenomenen.get(key);
    const counts = new Map<string, [number, number]>();
    const add = (code: string, at: 0 | 1): void => {
      const entry = counts.get(code) ?? [0, 0];
      entry[at]++;
      counts.set(code, entry);
    };
    const within = (day: Day, range: { first: Day; last: Day } | undefined): boolean => range !== undefined && day >= range.first && day <= range.last;
    for (const row of days.rowsOf(area)) {
      if (!days.counts(registrations.klasse[row] as number, key)) continue;
      const day = registrations.day[row] as number;
      const mo = registrations.mo[row] as number;
      const code = mo < 0 ? "" : (registrations.mos[mo] ?? "");
      if (within(day, current)) add(code, 0);
      else if (within(day, previous)) add(code, 1);
    }
    const total = [...counts.values()].reduce((sum, [a, b]) => [sum[0] + a, sum[1] + b], [0, 0]);
    rows.push({ id: key, label: fenomeen?.label ?? id, level: 0, role: "total", cells: total.map((value) => ({ value })) });
    const listed = codes.codesOf(id);
    const seen = [...counts.keys()].filter((code) => code !== "" && !listed.includes(code)).sort();
    for (const code of [...listed, ...seen]) {
      const [a, b] = counts.get(code) ?? [0, 0];
      rows.push({ id: `${key}-${code}`, label: `${code} ${codes.get(code)?.omschrijving ?? ""}`.trim(), level: 1, role: "detail", cells: [{ value: a }, { value: b }] });
    }
    const [a, b] = counts.get("") ?? [0, 0];
    rows.push({ id: `${key}-zonder`, label: "zonder MO-code", level: 1, role: "detail", cells: [{ value: a }, { value: b }] });
    if (!fenomeen) notes.push(`Het fenomeen "${id}" is onbekend; er is niets geteld.`);
  }
  // The reader is a mayor or the triangle, not the analyst: the list is named, not its file (configurable, and meaningless to them).
  notes.push("Modus operandi als code uit de MO-codelijst van de eenheid, nooit als vrije tekst; geteld naar pleegdatum.");
  if (codes.illustrative) notes.push("De codelijst voor modus operandi is illustratief: er is geen openbare lijst.");
  return { id: spec.id, caption: `${spec.title}, ${ctx.reference.areas.nameOf(area)}: ${currentLabel} en ${previousLabel}`, rowHeading: "Modus operandi", columns, rows, notes };
}

/** "week 50 2025" of "week 50, 8 t/m 14 december 2025"; a month label as it is. */
function shortLabel(label: string): string {
  return label.startsWith("week ") ? `${label.replace(/,.*$/, "")} ${label.slice(-4)}` : label;
}
