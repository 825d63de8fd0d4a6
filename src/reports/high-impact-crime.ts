/**
 * High impact crime as the police counts it, in CBS soorten misdrijf: woninginbraak, straatroof,
 * overval, and geweld — zedenmisdrijf, moord en doodslag, openlijk geweld tegen personen, bedreiging
 * and mishandeling. The default groups of the `high-impact-crime` section; a definition may list others.
 */
export const HIGH_IMPACT_CRIME: readonly { label: string; categories: readonly string[] }[] = [
  { label: "Woninginbraak", categories: ["soort:1.1.1"] },
  { label: "Straatroof", categories: ["soort:1.4.6"] },
  { label: "Overval", categories: ["soort:1.4.7"] },
  { label: "Geweld", categories: ["soort:1.4.1", "soort:1.4.2", "soort:1.4.3", "soort:1.4.4", "soort:1.4.5"] },
];
