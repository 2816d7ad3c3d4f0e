/**
 * Display formats: dates dd/MM/yyyy and times in Asia/Ho_Chi_Minh (docs/api.md: dates are Vietnamese
 * calendar days), amounts in đồng. Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed
 * offset is exact and does not depend on the browser's time zone data.
 */
const VN_OFFSET_MS = 7 * 3600_000;

const pad = (n: number) => String(n).padStart(2, '0');

function vnParts(value: string | Date): { y: number; m: number; d: number; hh: number; mm: number } | null {
  const ms = typeof value === 'string' ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) return null;
  const t = new Date(ms + VN_OFFSET_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), hh: t.getUTCHours(), mm: t.getUTCMinutes() };
}

/** `2026-12-15` or an ISO time -> `15/12/2026` (a plain date is shown as is, never shifted by a time zone). */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  const p = vnParts(value);
  return p ? `${pad(p.d)}/${pad(p.m)}/${p.y}` : String(value);
}

/** ISO time -> `15/12/2026 09:30` in Vietnam time. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const p = vnParts(value);
  return p ? `${pad(p.d)}/${pad(p.m)}/${p.y} ${pad(p.hh)}:${pad(p.mm)}` : String(value);
}

/** `15/12/2026` -> `2026-12-15`; null unless it is a real calendar day. */
export function parseDisplayDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** `HH:mm` -> minutes, or null. */
export function parseTime(text: string): number | null {
  const m = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [h, mi] = [Number(m[1]), Number(m[2])];
  return h < 24 && mi < 60 ? h * 60 + mi : null;
}

/** A Vietnamese calendar day and wall-clock time -> ISO 8601 with the +07:00 offset. */
export function vnDateTimeToIso(date: string, time: string): string | null {
  const day = parseDisplayDate(date);
  const minutes = parseTime(time);
  if (!day || minutes === null) return null;
  return `${day}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00+07:00`;
}

/** Today's date and time in Vietnam, as shown in the form fields. */
export function vnNow(now = new Date()): { date: string; time: string } {
  const p = vnParts(now)!;
  return { date: `${pad(p.d)}/${pad(p.m)}/${p.y}`, time: `${pad(p.hh)}:${pad(p.mm)}` };
}

/** 1500000 -> `1.500.000 ₫` (vi) or `₫1,500,000` (en); the đồng has no minor unit. */
export function formatVnd(amount: number | null | undefined, lang: string): string {
  if (amount === null || amount === undefined || Number.isNaN(amount)) return '';
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(
    amount,
  );
}

/** Digits typed with or without group separators (`1.500.000`, `1,500,000`, `1 500 000`) -> integer, or null. */
export function parseAmount(text: string): number | null {
  const compact = text.replace(/[\s.,₫đ]/gi, '');
  if (!/^\d+$/.test(compact)) return null;
  const n = Number(compact);
  return Number.isSafeInteger(n) ? n : null;
}

export function formatBytes(size: number | undefined): string {
  if (size === undefined) return '';
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The header notifications link: its badge (the unread count up to 99, then "99+"; none at zero) and its
 * accessible name, built from the same text so that what a sighted user reads is part of what a screen reader
 * announces (WCAG 2.5.3 Label in Name: an exact count of 150 in the name behind a visible "99+" breaks it).
 */
export function notificationsLink(
  t: (key: string, options: Record<string, string>) => string,
  unread: number,
): { badge: string | null; label: string } {
  const shown = unread > 99 ? '99+' : String(Math.max(0, unread));
  return { badge: unread > 0 ? shown : null, label: t('notifications.link', { unread: shown }) };
}
