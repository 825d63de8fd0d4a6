/**
 * Plausible relative frequencies of maatschappelijke klassen within their soort. They are
 * ILLUSTRATIVE (no public per-klasse figures exist): the common variant dominates, the
 * 'met geweld' variants are rare. Only the split within a soort is invented; soort totals are real.
 *
 * Every klasse the demo can generate must be listed: the catalog refuses to guess a weight.
 */
export const KLASSE_WEIGHTS: Readonly<Record<string, number>> = {
  // 1.1.1 Diefstal/inbraak woning: gekwalificeerd (inbraak) and niet gekwalificeerd roughly even.
  A20: 46, A30: 50, B20: 2, B30: 2,
  // 1.1.2 Diefstal/inbraak box/garage/schuur
  A21: 55, A34: 43, B21: 1, B34: 1,
  // 1.2.1 Diefstal uit/vanaf motorvoertuigen
  A10: 98, B10: 2,
  // 1.2.2 Diefstal van motorvoertuigen: bestelbusjes are a large share in practice.
  A70: 55, A71: 10, A76: 30, B60: 3, B61: 1, B66: 1,
  // 1.2.3 Diefstal van brom-, snor-, fietsen: fiets ≫ bromfiets ≫ met geweld.
  A72: 85, A73: 13, B62: 1, B63: 1,
  // 1.4.2 Moord, doodslag (includes attempts); euthanasie and illegale abortus are near zero.
  F540: 70, F541: 0.3, F542: 28, F543: 0.2, F544: 1.5,
  // 1.4.4 Bedreiging
  F530: 80, F531: 8, F532: 1, F533: 11,
  // 1.4.5 Mishandeling: eenvoudige ≫ zware.
  F550: 85, F551: 15,
  // 2.2.1 Vernieling cq. zaakbeschadiging
  C40: 80, C30: 8, C20: 7, F11: 5,
  // 2.5.1 Diefstal/inbraak bedrijven enz.
  A22: 15, A23: 20, A24: 3, A25: 2, A26: 5, A31: 6, A32: 25, A33: 2, A35: 5,
  B22: 2, B23: 1, B24: 0.3, B25: 0.3, B26: 0.3, B31: 0.3, B32: 0.5, B33: 0.3, B35: 0.3,
  // 3.1.1 Drugshandel (the soort also counts possession)
  F40: 20, F41: 20, F42: 35, F43: 20, F44: 3, F45: 2,
  // 3.1.3 Wapenhandel (mostly possession of knives and other weapons)
  F70: 12, F71: 2, F72: 80, F73: 6,
};

/**
 * The incident klassen (INP misdrijf = N) used for the ILLUSTRATIVE incident rows, with their
 * relative frequencies. Common meldingen in a basisteam's work; all codes exist in INP-BVH 2013.
 * (A 'verkeersongeval zonder letsel' incident is not in the table: D10 is classed as misdrijf = J.)
 */
export const INCIDENT_KLASSE_WEIGHTS: Readonly<Record<string, number>> = {
  E35: 22, // Melding overlast jeugd
  E33: 18, // Overlast door verward/overspannen persoon
  E321: 16, // Geluidsoverlast particulieren
  E12: 10, // Burenruzie (zonder vervolg)
  E13: 10, // Huiselijke twist (zonder vervolg)
  E16: 8, // Ruzie/twist (zonder vervolg)
  E38: 8, // Overlast i.v.m. alcohol/drugs
  J12: 8, // Verdachte situatie
};
