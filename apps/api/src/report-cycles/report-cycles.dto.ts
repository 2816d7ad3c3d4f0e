import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { REPORT_CYCLE_KINDS } from '@accord/domain';
import { PageQuery } from '../common/pagination';
import { API_DATE_DOC, IsCalendarDate } from '../common/date-validators';

export class OpenReportCycleDto {
  @ApiProperty({
    enum: REPORT_CYCLE_KINDS,
    description: 'SEMI_ANNUAL (agencies, due 15 May), ANNUAL (agencies, due 5 November), MOFA_ANNUAL (HT-SNGV to MOFA, due 15 November)',
  })
  @IsIn(REPORT_CYCLE_KINDS)
  kind: (typeof REPORT_CYCLE_KINDS)[number];
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 2000,
    maximum: 2100,
    example: 2027,
    description: 'Default: the year whose reporting period covers today',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
  @ApiPropertyOptional({ ...API_DATE_DOC, example: '2027-11-05', description: "Due day instead of the policy's" })
  @IsOptional()
  @IsCalendarDate()
  dueOn?: string;
}

export class ReportCycleListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REPORT_CYCLE_KINDS }) @IsOptional() @IsIn(REPORT_CYCLE_KINDS) kind?: string;
  @ApiPropertyOptional({ enum: ['OPEN', 'CONSOLIDATED'] }) @IsOptional() @IsIn(['OPEN', 'CONSOLIDATED']) status?: string;
}

export class ReportFormatQuery {
  @ApiPropertyOptional({ enum: ['docx', 'xlsx'], default: 'docx' })
  @IsOptional()
  @IsIn(['docx', 'xlsx'], { message: 'format must be docx or xlsx' })
  format?: 'docx' | 'xlsx';
}
