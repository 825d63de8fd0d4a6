import { quantileSorted } from "d3-array";
import { precisionFixed } from "d3-format";
import { nl } from "./nl-locale.ts";

/** One class of a map: the values from `from` (inclusive) up to `to` (exclusive); open at the ends. */
export interface MapClass {
  from?: number;
  to?: number;
  /** "minder dan 20", "20 tot 30", "30 of meer"; the value itself when all values are equal. */
  label: string;
}

/** A map's classes and how a value finds its class. */
export interface MapClasses {
  classes: MapClass[];
  /** The index of the class a value falls in (0 = lowest). */
  classOf(value: number): number;
}

/**
 * Classes for a choropleth: quantiles of the values (about equally many areas in each class, so a
 * few high outliers do not leave every other area in one colour), each break rounded to the
 * coarsest round number (…, 10, 5, 2, 1, 0,5, …) that keeps the classes apart and none empty. At
 * most `count` classes and no more than there are distinct values; none without values. Breaks are
 * labelled in nl-NL ("12,5 tot 15"); when all values are equal, the one class is labelled with
 * `format(value)`.
 */
export function mapClasses(values: readonly number[], count = 5, format: (value: number) => string = nl.format(",")): MapClasses {
  const sorted = [...values].sort((a, b) => a - b);
  const lowest = sorted[0];
  const highest = sorted[sorted.length - 1];
  if (lowest === undefined || highest === undefined) return { classes: [], classOf: () => 0 };
  if (lowest === highest) return { classes: [{ label: format(lowest) }], classOf: () => 0 };
  const distinct = new Set(sorted).size;
  for (let n = Math.min(count, distinct); n >= 2; n--) {
    const found = roundBreaks(sorted, n);
    if (found) return classesOf(found.breaks, found.step);
  }
  // Values so close together that no round number within a millionth of their range splits them.
  return { classes: [{ label: `${format(lowest)} tot ${format(highest)}` }], classOf: () => 0 };
}

/** Quantile breaks for `n` classes rounded to the coarsest step that leaves every class some values. */
function roundBreaks(sorted: number[], n: number): { breaks: number[]; step: number } | undefined {
  const lowest = sorted[0] as number;
  const highest = sorted[sorted.length - 1] as number;
  const quantiles = Array.from({ length: n - 1 }, (_, i) => quantileSorted(sorted, (i + 1) / n) as number);
  const top = Math.floor(Math.log10(highest - lowest));
  for (let exponent = top; exponent >= top - 6; exponent--) {
    for (const multiple of [5, 2, 1]) {
      const step = multiple * 10 ** exponent;
      // Rounding through the decimal string keeps 0,1 + 0,2 out of the breaks.
      const breaks = quantiles.map((q) => Number((Math.round(q / step) * step).toFixed(Math.max(0, -exponent))));
      const bounds = [-Infinity, ...breaks, Infinity];
      const everyClassHasValues = bounds.slice(1).every((to, i) => {
        const from = bounds[i] as number;
        return from < to && sorted.some((value) => value >= from && value < to);
      });
      if (everyClassHasValues) return { breaks, step };
    }
  }
  return undefined;
}

function classesOf(breaks: readonly number[], step: number): MapClasses {
  const format = nl.format(`,.${precisionFixed(step)}f`);
  const classes: MapClass[] = [{ to: breaks[0] as number, label: `minder dan ${format(breaks[0] as number)}` }];
  for (let i = 1; i < breaks.length; i++) {
    const from = breaks[i - 1] as number;
    const to = breaks[i] as number;
    classes.push({ from, to, label: `${format(from)} tot ${format(to)}` });
  }
  const last = breaks[breaks.length - 1] as number;
  classes.push({ from: last, label: `${format(last)} of meer` });
  return {
    classes,
    classOf(value) {
      const index = breaks.findIndex((limit) => value < limit);
      return index === -1 ? breaks.length : index;
    },
  };
}
