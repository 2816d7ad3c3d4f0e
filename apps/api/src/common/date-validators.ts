import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '../../../../libs/domain/src';

/**
 * Dates the api accepts. A pattern alone lets 2026-02-30 or year 0000 through to Postgres, whose cast error was a
 * 500; these check the day exists and stays within 1900-2200, far wider than any deadline, term or audit window
 * yet inside what Postgres and the business calendar handle.
 */
const FIRST = '1900-01-01';
const LAST = '2200-12-31';

/** A calendar day `YYYY-MM-DD` that exists, between 1900 and 2200: every date the api takes, by decorator or by hand. */
export function isApiDate(value: unknown): value is string {
  return isIsoDate(value) && value >= FIRST && value <= LAST;
}

/** A DTO field holding an `isApiDate` day. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: isApiDate,
        defaultMessage: (args) => `${args?.property} must be a real date YYYY-MM-DD between ${FIRST} and ${LAST}`,
      },
    },
    options,
  );
}

/** An ISO 8601 date or date-time (`2026-03-01`, `2026-03-01T09:00:00+07:00`) naming a real moment between 1900 and 2200. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const m = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
          if (!m || !isApiDate(m[1])) return false;
          return !Number.isNaN(Date.parse(value));
        },
        defaultMessage: (args) => `${args?.property} must be an ISO 8601 date or date-time (2026-03-01T09:00:00+07:00) between ${FIRST} and ${LAST}`,
      },
    },
    options,
  );
}
