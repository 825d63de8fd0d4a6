/**
 * Colours and marks of chart series. They are chosen to survive greyscale print and the common
 * forms of colour blindness: a dark blue and an orange differ strongly in lightness (grey 21% against
 * 57%), both reach 3:1 against white, and every series also differs in shape (solid, dashed, hatched,
 * outlined) and is labelled directly, so no reader has to match colours to a legend.
 */
export const COLOURS = {
  /** The figure the chart is about: this year, this area. */
  primary: "#12355b",
  /** What it is compared with: last year, the average, the eenheid. */
  secondary: "#cf6600",
  /** A third reference: Nederland (drawn as an outlined, hatched bar). */
  tertiary: "#4a4f57",
  /** The range of earlier years. */
  band: "#d5dde7",
  ink: "#1b1b1f",
  muted: "#4a4f57",
  grid: "#d9dde3",
  axis: "#8a9099",
  paper: "#ffffff",
} as const;

/**
 * The classes of a map (choropleth), lightest (lowest) to darkest (highest): one hue, the dark blue
 * of `primary` at the top, the lightness steps (CIE L* 91, 74, 57, 39, 21) evenly apart, so the
 * order reads in greyscale print and for every form of colour blindness, where hue does not.
 */
export const MAP_RAMP = ["#dee6f6", "#a3b8de", "#698bc0", "#3d5e8d", "#12355b"] as const;

/**
 * The ramp for a map of `count` classes (1–5): the steps furthest apart, so that fewer classes
 * differ more, the highest class always the darkest.
 */
export function mapRamp(count: number): string[] {
  const steps: Record<number, number[]> = { 1: [2], 2: [1, 4], 3: [0, 2, 4], 4: [0, 1, 3, 4], 5: [0, 1, 2, 3, 4] };
  const picked = steps[count];
  if (!picked) throw new RangeError(`a map has 1 to 5 classes, not ${count}`);
  return picked.map((step) => MAP_RAMP[step] as string);
}

/** How one series is drawn in a bar chart. */
export type BarStyle = "solid-primary" | "solid-secondary" | "hatched-tertiary";

/** Font of chart text; the pages self-host Source Sans 3, the rest are fallbacks. */
export const CHART_FONT = "'Source Sans 3', 'DejaVu Sans', Arial, sans-serif";
