import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { badRequest, type FieldError } from './problem-details.filter';

/** Flattens class-validator's tree into one entry per bad field, with dotted paths (`details.counterpart.country`). */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, message: Object.values(e.constraints).join('; ') }] : [];
    return [...own, ...fieldErrors(e.children ?? [], field)];
  });
}

export const VALIDATION_OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATION_OPTIONS,
    transform: true,
    exceptionFactory: (errors) => badRequest('The request has invalid fields', fieldErrors(errors)),
  });
}

/** Validates a nested plain object against a DTO class (for bodies whose shape depends on another field). */
export async function validateNested<T extends object>(
  cls: ClassConstructor<T>,
  value: unknown,
  prefix: string,
): Promise<{ value: T; errors: FieldError[] }> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { value: {} as T, errors: [{ field: prefix, message: `${prefix} must be an object` }] };
  }
  const instance = plainToInstance(cls, value);
  const errors = await validate(instance, VALIDATION_OPTIONS);
  return { value: instance, errors: fieldErrors(errors, prefix) };
}
