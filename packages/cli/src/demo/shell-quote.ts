// Quotes a word for POSIX shells so printed commands paste safely even with spaces in paths.

/** Returns `word` unchanged when it is shell-safe, else single-quoted. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
