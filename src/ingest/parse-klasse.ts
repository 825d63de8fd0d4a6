// A letter and up to five letters or digits, at least one a digit: "B7O" passes so that a typo
// can be answered with "did you mean B70?" instead of "not a code".
const CODE = /^[A-Za-z](?=[A-Za-z]*\d)[A-Za-z\d]{1,5}$|^\d+\.\d+\.\d+$/;

/**
 * Extracts the maatschappelijke klasse code from an export value: `B70`, `B70 Straatroof`,
 * `b70 - straatroof`, `"  B70"` and `B 70` all give `B70`; a soort code such as `1.2.3` passes as is.
 * Returns undefined when the value does not start with a code.
 */
export function parseKlasseCode(value: string): string | undefined {
  // "B 70" and "F 550 Eenvoudige mishandeling": a letter, a space, then the number.
  const trimmed = value.trim().replace(/^([A-Za-z])\s+(?=\d)/, "$1");
  const end = trimmed.search(/[\s:-]/);
  const code = end < 0 ? trimmed : trimmed.slice(0, end);
  return CODE.test(code) ? code.toUpperCase() : undefined;
}
