import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';

export const INCIDENT_STATUSES = ['OPEN', 'RETRYING', 'RESOLVED'] as const;

export class IncidentQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES, description: 'Default: every incident not yet resolved' })
  @IsOptional()
  @IsIn(INCIDENT_STATUSES)
  status?: (typeof INCIDENT_STATUSES)[number];
}

export class IncidentRetryDto {
  @ApiPropertyOptional({ example: 'Đã sửa dữ liệu gây lỗi; chạy lại bước', description: 'What was fixed (audited)' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;
}
