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

/** How one series is drawn in a bar chart. */
export type BarStyle = "solid-primary" | "solid-secondary" | "hatched-tertiary";

/** Font of chart text; the pages self-host Source Sans 3, the rest are fallbacks. */
export const CHART_FONT = "'Source Sans 3', 'DejaVu Sans', Arial, sans-serif";
