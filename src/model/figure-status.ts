import type { Month } from "./months.ts";
import { containsMonth, periodYears, type Period } from "./periods.ts";
import type { Flag } from "./table.ts";

/** What is known about how reliable the data are, for every figure of a build. */
export interface DataStatus {
  /** Years whose figures are provisional (config `voorlopig`). */
  voorlopig: ReadonlySet<number>;
  /** The last month that was over at the build date; later months are still running. */
  lastCompleteMonth: Month;
  /**
   * Months whose delivery is missing or partial for an area (any level), accepted with
   * `--allow-incomplete`; see `incompleteDeliveries`. No month is affected when absent.
   */
  incompleteMonths?: (area: string, category?: string) => readonly Month[];
}

/** How sure we are of one figure: the count of an area over a period. */
export interface FigureStatus {
  /** The period touches a provisional year. */
  voorlopig: boolean;
  /** The period was not over at the build date. */
  lopend: boolean;
  /** Months of the period with a missing or partial delivery for the area, sorted. */
  leveringOnvolledig: Month[];
  /** The marks a reader sees: `voorlopig` (*), `onvolledig` (°) when running or a delivery is incomplete. */
  flags: Flag[];
}

/**
 * The status of the figure of `area` over `period`. Without an area only what holds for every
 * area is considered (provisional years, a running period): the marks of a column header. With a
 * category, only the incomplete deliveries that touch it count (a soort missing from a delivery
 * leaves the other soorten whole); without one, every incomplete delivery of the area.
 */
export function figureStatus(status: DataStatus, period: Period, area?: string, category?: string): FigureStatus {
  const voorlopig = periodYears(period).some((year) => status.voorlopig.has(year));
  const lopend = period.last > status.lastCompleteMonth;
  const leveringOnvolledig = area === undefined || !status.incompleteMonths ? [] : status.incompleteMonths(area, category).filter((month) => containsMonth(period, month));
  const flags: Flag[] = [];
  if (voorlopig) flags.push("voorlopig");
  if (lopend || leveringOnvolledig.length > 0) flags.push("onvolledig");
  return { voorlopig, lopend, leveringOnvolledig, flags };
}
