/** Vietnam has no daylight saving: its calendar day is the UTC day of the instant moved by +07:00. */
const VN_OFFSET_MS = 7 * 3600_000;

function vnDay(value: Date): Date {
  const shifted = new Date(value.getTime() + VN_OFFSET_MS);
  return new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), shifted.getUTCDate()));
}

/**
 * Working days left before a deadline, counted in Asia/Ho_Chi_Minh: the weekdays after today up to and including
 * the due day (0 when it is due today, null once it has passed). Public holidays and make-up Saturdays are not
 * counted here: the badge has no calendar loaded (GET /calendar/holidays is per year and only the calendar page
 * fetches it), so near a holiday this is an upper bound; the api's SLA state and due date stay authoritative.
 */
export function workingDaysLeft(dueAt: string | Date, now: Date = new Date()): number | null {
  const due = new Date(dueAt);
  if (Number.isNaN(due.getTime()) || due.getTime() < now.getTime()) return null;
  const end = vnDay(due);
  let day = vnDay(now);
  let count = 0;
  while (day < end) {
    day = new Date(day.getTime() + 86400_000);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}
