// An expiry date with how far away it is, highlighted when it is near or past.
import { daysUntil, formatTime, relativeDays } from '../lib/format';

/** Days under which an expiry is shown as a warning. */
const SOON_DAYS = 30;

export function ExpiryHint({ value }: { value: string | null | undefined }) {
  const days = daysUntil(value);
  if (days === null) return <span>—</span>;
  const tone = days < 0 ? 'error-text' : days <= SOON_DAYS ? 'warning' : 'muted';
  return (
    <span title={formatTime(value)}>
      {formatTime(value).slice(0, 10)}{' '}
      <span className={`small ${tone}`}>
        {days < 0 ? `expired ${relativeDays(days)}` : relativeDays(days)}
      </span>
    </span>
  );
}
