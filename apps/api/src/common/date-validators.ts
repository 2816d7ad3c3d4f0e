import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '@accord/domain';

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
        defaultMessage: (args) =>
          `${args?.property} must be an ISO 8601 date or date-time (2026-03-01T09:00:00+07:00) between ${FIRST} and ${LAST}`,
      },
    },
    options,
  );
}

/**
 * `isApiDate` as a regular expression, for the OpenAPI document: a client (or Schemathesis) that generates strings
 * matching it gets only days the api accepts (months of 30 and 31 days, 29 February in leap years only, 1900-2200).
 * `[0-9]` rather than `\d`, which matches other scripts' digits in some regex dialects.
 */
const YEAR = '(?:19[0-9]{2}|2[01][0-9]{2}|2200)';
const LEAP_YEAR = '(?:19(?:0[48]|[2468][048]|[13579][26])|20(?:[02468][048]|[13579][26])|21(?:0[48]|[2468][048]|[13579][26]))';
const MONTH_DAY = '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))';
const DAY = `(?:${YEAR}-${MONTH_DAY}|${LEAP_YEAR}-02-29)`;
export const API_DATE_PATTERN = `^${DAY}$`;
/** `IsInstant` as a regular expression: a day, optionally with a time of day and an offset. */
export const API_INSTANT_PATTERN = `^${DAY}(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\\.[0-9]{1,6})?)?(?:Z|[+-](?:0[0-9]|1[0-4]):?[0-5][0-9])?)?$`;

/** The OpenAPI schema of an `IsCalendarDate` field or parameter (spread into @ApiProperty). */
export const API_DATE_DOC = {
  type: 'string',
  pattern: API_DATE_PATTERN,
  description: `A real calendar day YYYY-MM-DD between ${FIRST} and ${LAST}`,
} as const;
/** The OpenAPI schema of an `IsInstant` field or parameter. */
export const API_INSTANT_DOC = {
  type: 'string',
  pattern: API_INSTANT_PATTERN,
  description: `An ISO 8601 date or date-time (2026-03-01T09:00:00+07:00) between ${FIRST} and ${LAST}`,
} as const;
