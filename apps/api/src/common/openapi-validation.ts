/**
 * The body schemas of the OpenAPI document say what class-validator enforces on them. @nestjs/swagger reads only
 * the @ApiProperty options, so a DTO's `@IsNotEmpty() @MaxLength(200)` or `@IsUUID('all', { each: true })` was
 * missing from the document unless repeated by hand, and a client generating bodies from the document (Schemathesis)
 * sent `""` where the api wants a word. Here each DTO class's validation metadata is read back and written into its
 * component schema (same name as the class), once, when the document is built.
 */
import { getMetadataStorage } from 'class-validator';
import { CountryCodes } from 'validator/lib/isISO31661Alpha2';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { API_DATE_PATTERN, API_INSTANT_PATTERN } from './date-validators';

type Schema = SchemaObject & ReferenceObject;

/** `IsISO31661Alpha2` as a regular expression: the assigned codes, in either case (validator upper-cases first). */
export const ISO_COUNTRY_PATTERN = `^(?:${[...CountryCodes]
  .sort()
  .map((code) => [...code].map((ch) => `[${ch}${ch.toLowerCase()}]`).join(''))
  .join('|')})$`;

/** What one validator says about the value (or, with `each`, about every item). */
function constrain(schema: Schema, meta: ValidationMetadata): void {
  const c = (meta.constraints ?? []) as unknown[];
  switch (meta.name) {
    case 'isString':
      schema.type ??= 'string';
      break;
    case 'isBoolean':
      schema.type = 'boolean';
      break;
    case 'isInt':
      schema.type = 'integer';
      break;
    case 'isObject':
      schema.type ??= 'object';
      break;
    case 'maxLength':
      schema.maxLength = Math.min(schema.maxLength ?? Infinity, c[0] as number);
      break;
    case 'minLength':
      schema.minLength = Math.max(schema.minLength ?? 0, c[0] as number);
      break;
    // A string that is not empty (IsNotEmpty refuses '' and, through IsOptional, only absent values are spared).
    case 'isNotEmpty':
      if (schema.type === 'string' || schema.type === undefined) schema.minLength = Math.max(schema.minLength ?? 0, 1);
      break;
    case 'min':
      schema.minimum = c[0] as number;
      break;
    case 'max':
      schema.maximum = c[0] as number;
      break;
    case 'isIn':
      schema.enum ??= [...(c[0] as unknown[])];
      break;
    case 'isUuid':
      schema.type ??= 'string';
      schema.format = 'uuid';
      break;
    case 'isEmail':
      schema.type ??= 'string';
      schema.format = 'email';
      break;
    case 'arrayMinSize':
      schema.minItems = c[0] as number;
      break;
    case 'arrayMaxSize':
      schema.maxItems = c[0] as number;
      break;
    case 'arrayUnique':
      schema.uniqueItems = true;
      break;
    case 'isCalendarDate':
      schema.type ??= 'string';
      schema.pattern ??= API_DATE_PATTERN;
      break;
    case 'isISO31661Alpha2':
      schema.type ??= 'string';
      schema.pattern ??= ISO_COUNTRY_PATTERN;
      break;
    case 'isInstant':
      schema.type ??= 'string';
      schema.pattern ??= API_INSTANT_PATTERN;
      break;
    case 'matches': {
      const re = c[0] as RegExp;
      if (re instanceof RegExp && !re.flags) schema.pattern ??= re.source;
      break;
    }
  }
}

/** Adds the validators' constraints to every component schema named after a validated class. */
export function documentValidation(doc: OpenAPIObject): void {
  const schemas = doc.components?.schemas ?? {};
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<new (...args: never[]) => object, ValidationMetadata[]> };
  for (const target of storage.validationMetadatas.keys()) {
    const schema = schemas[target.name] as SchemaObject | undefined;
    if (!schema?.properties) continue;
    // ValidationPipe runs with whitelist + forbidNonWhitelisted: an unknown property is a 400.
    schema.additionalProperties = false;
    const metas = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
    for (const meta of metas) {
      const property = schema.properties[meta.propertyName] as Schema | undefined;
      if (!property) continue;
      if (meta.type === 'conditionalValidation' && meta.name === 'isOptional' && !schema.required?.includes(meta.propertyName)) {
        // IsOptional skips null as well as undefined: null is accepted and means "not given".
        if (property.$ref) schema.properties[meta.propertyName] = { allOf: [{ $ref: property.$ref }], nullable: true };
        else property.nullable = true;
        continue;
      }
      if (meta.type !== 'customValidation' || property.$ref) continue;
      if (meta.each) {
        if (property.type === 'array' && property.items && !(property.items as ReferenceObject).$ref)
          constrain(property.items as Schema, meta);
      } else {
        constrain(property, meta);
      }
    }
  }
}
