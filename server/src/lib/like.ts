/** A user's text inside a LIKE pattern: `%`, `_` and the escape character match themselves. */
export const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
