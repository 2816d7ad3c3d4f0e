import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayContains,
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  AGREEMENT_ACTIONS,
  COOPERATION_FIELDS,
  COUNTERPART_TYPES,
  MECHANISM_TYPES,
  OFFICE_FUNCTIONS,
  PARTICIPATION_LEVELS,
  SIGNING_LEVELS,
} from '@accord/domain';
import { API_DATE_DOC, IsCalendarDate } from '../../common/date-validators';

const TEXT = 20_000;
const ISO_639_1 = /^[a-z]{2}$/;

export class CounterpartDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) name: string;
  @ApiProperty({ example: 'LA', description: 'ISO 3166-1 alpha-2' }) @IsISO31661Alpha2() country: string;
  @ApiProperty({ enum: COUNTERPART_TYPES }) @IsIn(COUNTERPART_TYPES) type: string;
}

/** `details` of an INTERNATIONAL_AGREEMENT (Law 70/2020 Art 27 dossier). */
export class AgreementDetailsDto {
  @ApiProperty({ enum: AGREEMENT_ACTIONS }) @IsIn(AGREEMENT_ACTIONS) action: string;
  @ApiProperty({ enum: SIGNING_LEVELS }) @IsIn(SIGNING_LEVELS) level: string;
  // @IsObject: @ValidateNested alone accepted `counterpart: []` (no element to validate; found by the fuzz suite).
  @ApiProperty({ type: CounterpartDto }) @IsObject() @ValidateNested() @Type(() => CounterpartDto) counterpart: CounterpartDto;
  @ApiProperty({ enum: COOPERATION_FIELDS, isArray: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(COOPERATION_FIELDS.length)
  @ArrayUnique()
  @IsIn(COOPERATION_FIELDS, { each: true })
  fields: string[];
  @ApiProperty({ ...API_DATE_DOC, example: '2026-12-15' })
  @IsCalendarDate()
  proposedSigningDate: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) proposedSigningPlace?: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 600 }) @IsInt() @Min(1) @Max(600) termMonths: number;
  @ApiProperty({
    example: ['vi', 'lo'],
    description: 'ISO 639-1 codes of the texts; must include vi (the agreement has a Vietnamese text)',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Matches(ISO_639_1, { each: true, message: 'languages must be ISO 639-1 codes' })
  @ArrayContains(['vi'], { message: 'languages must include vi: an international agreement has a Vietnamese text' })
  languages: string[];
  @ApiProperty() @IsBoolean() touchesDefence: boolean;
  @ApiProperty() @IsBoolean() touchesSecurity: boolean;
  @ApiProperty() @IsBoolean() touchesInvestment: boolean;
  @ApiProperty() @IsBoolean() borderArea: boolean;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) purpose: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) mainContent: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) legalConformity: string;
  @ApiProperty({
    description: 'Impact on politics and foreign relations, defence, security and the socio-economy (Law 70/2020 Art 27, docs/domain.md)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT)
  impactAssessment: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) feasibility: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) principles?: string;
  @ApiPropertyOptional({ description: 'Required for AMEND, EXTEND, TERMINATE' })
  @ValidateIf((o: AgreementDetailsDto) => o.action !== 'SIGN' || o.relatedAgreementId !== undefined)
  @IsUUID('all', { message: 'relatedAgreementId must be the id of a registered agreement (required for AMEND, EXTEND, TERMINATE)' })
  relatedAgreementId?: string;
}

/** `details` of a MECHANISM_PARTICIPATION (Res. 250/2025/QH15 Art 5, 15). */
export class MechanismDetailsDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) mechanismName: string;
  @ApiProperty({ enum: MECHANISM_TYPES }) @IsIn(MECHANISM_TYPES) mechanismType: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) host: string;
  @ApiProperty({ enum: PARTICIPATION_LEVELS }) @IsIn(PARTICIPATION_LEVELS) participationLevel: string;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) annualFeeVnd: number;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) obligations: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 600 }) @IsInt() @Min(1) @Max(600) termMonths: number;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) justification: string;
  @ApiPropertyOptional({
    enum: COOPERATION_FIELDS,
    isArray: true,
    description: 'DEFENCE or SECURITY bring the defence / security review (Res. 250/2025 Art 5, 15)',
  })
  @IsOptional()
  @ArrayMaxSize(COOPERATION_FIELDS.length)
  @ArrayUnique()
  @IsIn(COOPERATION_FIELDS, { each: true })
  fields?: string[];
}

/** `details` of an OVERSEAS_OFFICE (Res. 250/2025/QH15 Art 14). */
export class OverseasOfficeDetailsDto {
  @ApiProperty({ example: 'JP' }) @IsISO31661Alpha2() hostCountry: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) city: string;
  @ApiProperty({ enum: OFFICE_FUNCTIONS, isArray: true })
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(OFFICE_FUNCTIONS, { each: true })
  functions: string[];
  @ApiProperty({ minimum: 1 }) @IsInt() @Min(1) @Max(10_000) staffing: number;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) annualBudgetVnd: number;
  @ApiProperty({ minimum: 1, maximum: 60 }) @IsInt() @Min(1) @Max(60) pilotTermMonths: number;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) hostArrangement: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) justification: string;
}

export const DETAILS_DTO_BY_KIND = {
  INTERNATIONAL_AGREEMENT: AgreementDetailsDto,
  MECHANISM_PARTICIPATION: MechanismDetailsDto,
  OVERSEAS_OFFICE: OverseasOfficeDetailsDto,
} as const;
