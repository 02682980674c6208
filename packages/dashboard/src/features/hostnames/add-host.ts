// Turns what the user typed into a full hostname of the zone ("api" becomes "api.example.com").
export function qualifyHostname(typed: string, zoneName: string): string {
  const host = typed.trim().toLowerCase().replace(/\.$/, '');
  if (host === '' || host === zoneName || host.endsWith(`.${zoneName}`)) return host;
  return `${host}.${zoneName}`;
}
