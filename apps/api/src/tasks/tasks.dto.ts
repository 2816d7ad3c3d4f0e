import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { DECISIONS, TASK_KINDS } from '@accord/domain';
import { PageQuery } from '../common/pagination';

export class SignatoryDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) party: string;
}

export class SigningDto {
  @ApiProperty({ example: '2026-12-15T09:00:00+07:00' }) @IsISO8601({ strict: true }) signedAt: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) place: string;
  @ApiProperty({ type: [SignatoryDto] })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => SignatoryDto)
  signatories: SignatoryDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) agreementNumber?: string;
}

export class ChangesDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(5000) summary?: string;
  @ApiPropertyOptional({ description: 'Partial details merged into the current dossier and validated as a whole' })
  @IsOptional()
  @IsObject()
  details?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @ArrayMaxSize(50) @IsUUID('all', { each: true }) attachmentIds?: string[];
}

export class CompleteTaskDto {
  @ApiProperty({ enum: DECISIONS }) @IsIn(DECISIONS) decision: (typeof DECISIONS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20_000) comment?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @ArrayMaxSize(50) @IsUUID('all', { each: true }) attachmentIds?: string[];
  // @IsObject: @ValidateNested alone lets an array through (it validates each of its zero elements), and a
  // `signing: []` with SIGNED then reached the handler without signatories (found by the fuzz suite).
  @ApiPropertyOptional({ type: ChangesDto, description: 'With RESUBMIT' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ChangesDto)
  changes?: ChangesDto;
  @ApiPropertyOptional({ type: SigningDto, description: 'With SIGNED' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SigningDto)
  signing?: SigningDto;
  @ApiPropertyOptional({
    description:
      'INTAKE_CHECK with COMPLETE only: consultees to add to the consultation stage — agency codes, or {agency: "HT-SNGV", externalBody} ' +
      'for a central body (MND, MPS, MOF, MOFA) whose answer HT-SNGV records. Recorded in the plan with who added them and the comment.',
    type: 'array',
    items: {
      oneOf: [
        { type: 'string', example: 'HT-BCHQS' },
        {
          type: 'object',
          properties: {
            agency: { type: 'string', example: 'HT-SNGV' },
            externalBody: { type: 'string', enum: ['MND', 'MPS', 'MOF', 'MOFA'] },
          },
          required: ['agency', 'externalBody'],
        },
      ],
    },
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  addConsultees?: unknown[];
  @ApiPropertyOptional({
    enum: ['STANDARD'],
    description:
      'INTAKE_CHECK with COMPLETE only: refuse a shortened-procedure request; the plan is recomputed under the standard procedure',
  })
  @IsOptional()
  @IsIn(['STANDARD'])
  procedure?: 'STANDARD';
}

export class TaskListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['OPEN', 'COMPLETED', 'CANCELLED'] })
  @IsOptional()
  @IsIn(['OPEN', 'COMPLETED', 'CANCELLED'])
  status?: string;
  @ApiPropertyOptional({ enum: TASK_KINDS }) @IsOptional() @IsIn(TASK_KINDS) kind?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') proposalId?: string;
  @ApiPropertyOptional({ enum: ['me', 'unassigned'] }) @IsOptional() @IsIn(['me', 'unassigned']) assignee?: 'me' | 'unassigned';
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @ApiPropertyOptional({
    description:
      "Words in the proposal's reference, title or summary (or a reporting cycle's title), each matched ignoring case and Vietnamese diacritics, in any order; % and _ match themselves",
    example: 'hop tac Savannakhet',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
