// A coloured label for a status word (certificate status, mTLS mode, rule action).
export function StatusBadge({ value }: { value: string }) {
  return <span className={`badge badge-${value.replace(/[^a-z_]/gi, '')}`}>{value.replace(/_/g, ' ')}</span>;
}
