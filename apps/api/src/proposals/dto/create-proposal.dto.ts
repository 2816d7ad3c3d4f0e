import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PROCEDURES, PROPOSAL_KINDS, URGENCIES } from '../../../../../libs/domain/src';
import { AgreementDetailsDto, MechanismDetailsDto, OverseasOfficeDetailsDto } from './proposal-details.dto';

@ApiExtraModels(AgreementDetailsDto, MechanismDetailsDto, OverseasOfficeDetailsDto)
export class CreateProposalDto {
  @ApiProperty({ enum: PROPOSAL_KINDS }) @IsIn(PROPOSAL_KINDS) kind: (typeof PROPOSAL_KINDS)[number];
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) title: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(5000) summary: string;
  @ApiProperty({
    description: 'Depends on kind',
    oneOf: [{ $ref: getSchemaPath(AgreementDetailsDto) }, { $ref: getSchemaPath(MechanismDetailsDto) }, { $ref: getSchemaPath(OverseasOfficeDetailsDto) }],
  })
  @IsObject()
  details: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @ArrayMaxSize(50) @IsUUID('all', { each: true }) attachmentIds?: string[];
  @ApiPropertyOptional({ enum: PROCEDURES, default: 'STANDARD' }) @IsOptional() @IsIn(PROCEDURES) procedure?: (typeof PROCEDURES)[number];
  @ApiPropertyOptional({ enum: URGENCIES, default: 'NORMAL' }) @IsOptional() @IsIn(URGENCIES) urgency?: (typeof URGENCIES)[number];
}
