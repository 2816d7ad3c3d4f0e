import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { PROCEDURES, PROPOSAL_KINDS, URGENCIES } from '@accord/domain';
import { AgreementDetailsDto, MechanismDetailsDto, OverseasOfficeDetailsDto } from './proposal-details.dto';

@ApiExtraModels(AgreementDetailsDto, MechanismDetailsDto, OverseasOfficeDetailsDto)
export class CreateProposalDto {
  @ApiProperty({ enum: PROPOSAL_KINDS }) @IsIn(PROPOSAL_KINDS) kind: (typeof PROPOSAL_KINDS)[number];
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) title: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) summary: string;
  @ApiProperty({
    description: 'Depends on kind',
    oneOf: [
      { $ref: getSchemaPath(AgreementDetailsDto) },
      { $ref: getSchemaPath(MechanismDetailsDto) },
      { $ref: getSchemaPath(OverseasOfficeDetailsDto) },
    ],
  })
  @IsObject()
  details: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @ArrayMaxSize(50) @IsUUID('all', { each: true }) attachmentIds?: string[];
  @ApiPropertyOptional({ enum: PROCEDURES, default: 'STANDARD' }) @IsOptional() @IsIn(PROCEDURES) procedure?: (typeof PROCEDURES)[number];
  @ApiPropertyOptional({
    description: 'Why the shortened procedure (Law 70/2020 Art 35, 39) is needed: required with SHORTENED, at least 20 characters',
    minLength: 20,
  })
  @ValidateIf((o: CreateProposalDto) => o.procedure === 'SHORTENED' || o.shortenedReason !== undefined)
  @IsString({ message: 'shortenedReason is required with the SHORTENED procedure' })
  @MinLength(20, { message: 'shortenedReason must say why the shortened procedure is needed (at least 20 characters)' })
  @MaxLength(5000)
  shortenedReason?: string;
  @ApiPropertyOptional({ enum: URGENCIES, default: 'NORMAL' }) @IsOptional() @IsIn(URGENCIES) urgency?: (typeof URGENCIES)[number];
}
