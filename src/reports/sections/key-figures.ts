import { formatCount, formatPercentChange, formatRate, formatSignedCount } from "../../charts/nl-locale.ts";
import { compare, per1000, type Change } from "../../model/compare.ts";
import { yearOf } from "../../model/months.ts";
import { shiftYears } from "../../model/periods.ts";
import type { Row } from "../../model/table.ts";
import type { AreaLevel } from "../../reference/areas.ts";
import type { ReportContext } from "../context.ts";
import type { KeyFiguresSpec } from "../definition.ts";
import type { KeyFiguresSection } from "../page.ts";
import { changeSentence } from "./change-sentence.ts";
import { countsOf, planColumns } from "./columns.ts";
import { tableNotes } from "./notes.ts";
import { categoryTitle, categoryWords, isCrimeTotal, namesOf } from "./reader-names.ts";
import { allSoorten, periodMarks, presentInRegion, yearLabel } from "./year-periods.ts";

/**
 * The headline figures and the few changes that matter. "Matter" means: more than count noise
 * (the exact Poisson test of compare(), as in the tables' significance column), the most
 * significant first — not the largest percentage, which small counts produce by chance.
 */
export function keyFigures(spec: KeyFiguresSpec, area: string, level: AreaLevel, ctx: ReportContext): KeyFiguresSection {
  const counts = ctx.counts(level);
  const current = ctx.edition.period;
  const previous = shiftYears(current);
  const names = namesOf(ctx);
  const changeOf = (category: string): Change =>
    compare(counts.sum(area, category, current.first, current.last), counts.sum(area, category, previous.first, previous.last), ctx.comparison);

  const total = changeOf(spec.total);
  const candidates = presentInRegion(spec.categories === "soorten" ? allSoorten(ctx) : spec.categories, ctx, previous.first, current.last);
  const changes = candidates.map((category) => ({ category, change: changeOf(category) }));
  const significant = changes
    .filter(({ change }) => change.verdict !== "geen significante verandering")
    .sort((a, b) => a.change.pValue - b.change.pValue || Math.abs(b.change.absolute) - Math.abs(a.change.absolute) || (a.category < b.category ? -1 : 1));
  const shown = significant.slice(0, spec.max);

  const findings: KeyFiguresSection["findings"] = [
    // "Misdrijven in totaal"; over the soorten of an input that lacks some: "Misdrijven van de 12 soorten in de gegevens samen".
    { text: changeSentence(`${categoryWords(spec.total, names)} ${isCrimeTotal(spec.total) && !names.coverage.allSoorten ? "samen" : "in totaal"}`, total), direction: directionOf(total) },
    ...shown.map(({ category, change }) => ({ text: changeSentence(categoryWords(category, names), change), direction: directionOf(change) })),
  ];
  if (significant.length === 0 && candidates.length > 0) {
    const text =
      candidates.length === 1
        ? `Bij deze soort misdrijf is het verschil met ${yearLabel(previous)} niet groter dan toeval kan verklaren.`
        : `Bij geen van de ${candidates.length} soorten misdrijf is het verschil met ${yearLabel(previous)} groter dan toeval kan verklaren.`;
    findings.push({ text, direction: "gelijk" });
  } else if (significant.length > shown.length) {
    findings.push({ text: `Bij nog ${significant.length - shown.length} ${significant.length - shown.length === 1 ? "soort" : "soorten"} is het verschil meer dan toeval; zie de vergelijking per soort.`, direction: "gelijk" });
  }

  const mark = periodMarks(current, ctx);
  const tiles: KeyFiguresSection["tiles"] = [
    {
      label: `${categoryTitle(spec.total, names)} ${yearLabel(current)}${mark}`,
      value: formatCount(total.current),
      detail: `${total.percent === null ? formatSignedCount(total.absolute) : formatPercentChange(total.percent)} t.o.v. ${yearLabel(previous)} (${formatCount(total.previous)})`,
    },
  ];
  const inwoners = ctx.reference.population.of(area, yearOf(current.last));
  const inwonersBefore = ctx.reference.population.of(area, yearOf(previous.last));
  const rate = inwoners ? per1000(total.current, inwoners.inwoners) : null;
  const rateBefore = inwonersBefore ? per1000(total.previous, inwonersBefore.inwoners) : null;
  if (rate !== null) {
    tiles.push({
      label: `Per 1.000 inwoners${inwoners?.geschat ? "~" : ""}`,
      value: formatRate(rate),
      detail: rateBefore === null ? "" : `${yearLabel(previous)}: ${formatRate(rateBefore)}`,
    });
  }
  if (candidates.length > 0) {
    tiles.push({
      label: "Meer dan toeval veranderd",
      value: `${significant.length} van ${candidates.length}`,
      detail: `soorten misdrijf (${significant.filter(({ change }) => change.current > change.previous).length} omhoog, ${significant.filter(({ change }) => change.current < change.previous).length} omlaag)`,
    });
  }

  const plan = planColumns(["current", "previous", "change", "verdict"], ctx);
  const rows: Row[] = [spec.total, ...shown.map(({ category }) => category)].map((category, index) => ({
    id: category,
    label: categoryTitle(category, names),
    level: index === 0 ? 0 : 1,
    role: index === 0 ? "total" : "detail",
    cells: plan.cells(countsOf(ctx, area, level, category)),
  }));
  const notes = tableNotes({ columns: plan.columns, rows }, ctx, level);
  if (candidates.length > 1) {
    notes.push(
      `Voor ${candidates.length} soorten misdrijf is getoetst of het verschil met ${yearLabel(previous)} groter is dan toeval kan verklaren; bij zoveel toetsen tegelijk kan er een enkele keer een toevallige uitschieter tussen zitten. De veranderingen staan op volgorde van zekerheid, niet van grootte.`,
    );
  }
  if (inwoners?.geschat) notes.push(`~ : per 1.000 inwoners met het inwonertal van ${inwoners.jaar}${level !== "gemeente" ? ", naar rato van de buurten geschat" : ""}.`);
  return {
    type: "key-figures",
    id: spec.id,
    title: spec.title,
    tiles,
    findings,
    table: {
      id: spec.id,
      caption: `Kerncijfers ${ctx.reference.areas.nameOf(area)}: ${yearLabel(current)} vergeleken met ${yearLabel(previous)}`,
      rowHeading: "Categorie",
      columns: plan.columns,
      rows,
      notes,
    },
  };
}

function directionOf(change: Change): KeyFiguresSection["findings"][number]["direction"] {
  if (change.verdict === "geen significante verandering") return "gelijk";
  return change.verdict;
}
