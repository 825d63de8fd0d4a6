import { formatCount, formatPercentChange } from "../../charts/nl-locale.ts";
import type { Change } from "../../model/compare.ts";
import { capitalize } from "./reader-names.ts";

/**
 * A change in words, honest about chance: "Woninginbraken namen toe van 399 naar 629 (+58%);
 * dat is meer dan toeval." A change the exact test does not call significant is said to fall
 * within chance; a percentage is given only where compare() gives one (the base is large enough).
 */
export function changeSentence(subject: string, change: Change): string {
  const from = formatCount(change.previous);
  const to = formatCount(change.current);
  if (change.current === change.previous) return `${capitalize(subject)}: ${to}, evenveel als het jaar ervoor.`;
  const percent = change.percent === null ? "" : Math.abs(change.percent) < 0.005 ? " (vrijwel gelijk)" : ` (${formatPercentChange(change.percent)})`;
  const direction = change.current > change.previous ? "namen toe" : "namen af";
  if (change.verdict === "geen significante verandering") {
    return `${capitalize(subject)}: van ${from} naar ${to}${percent}; dat verschil valt binnen wat toeval kan verklaren.`;
  }
  return `${capitalize(subject)} ${direction} van ${from} naar ${to}${percent}; dat is meer dan toeval.`;
}
