// Russian quotation marks: «ёлочки» outside, „лапки“ inside. Names of orgs often hold quotes of
// their own (МБОУ «Школа № 1»), so a text that quotes a name turns the name's quotes inward
// instead of nesting «» in «» («ППО „Школа № 1“»).

/** The quotes inside a quoted text: «…» and "…" become „…“. */
export function innerQuotes(text: string): string {
  return text
    .replace(/«/g, '„')
    .replace(/»/g, '“')
    .replace(/"([^"]*)"/g, '„$1“');
}

/** A name in Russian quotes: `МБОУ «Школа № 1»` → `«МБОУ „Школа № 1“»`. */
export const quoted = (text: string): string => `«${innerQuotes(text)}»`;
