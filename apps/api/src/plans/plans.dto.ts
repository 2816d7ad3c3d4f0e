import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PLAN_ITEM_STATUSES } from '@accord/domain';
import { PageQuery } from '../common/pagination';

/** A cell of the appendix: text, or a number read as its text (as a spreadsheet cell would be). */
const CELL = { oneOf: [{ type: 'string' }, { type: 'number' }] };

/** One row of the plan's appendix (documentation only: rows are checked one by one, every problem reported). */
export class PlanItemInputDto {
  @ApiProperty({
    example: 1,
    description: 'STT (No.): a whole number from 1, or its text ("1", "1.")',
    oneOf: [
      { type: 'integer', minimum: 1 },
      { type: 'string', pattern: '^[ \\t]*[0-9]{1,4}[ \\t]*[.)]?[ \\t]*$' },
    ],
  })
  no: number;
  @ApiProperty({
    example: 'Tham mưu nâng cao chất lượng công tác đề xuất, đàm phán, ký kết thỏa thuận quốc tế',
    description: 'Nhiệm vụ',
    ...CELL,
  })
  task: string;
  @ApiProperty({
    example: 'Sở Ngoại vụ',
    description:
      'Cơ quan chủ trì: an agency code or Vietnamese name, "Các sở, ban, ngành, địa phương" (ALL_AGENCIES) or "Cơ quan đề xuất ký kết ..." (PROPOSING_AGENCY)',
  })
  leadAgency: string;
  @ApiPropertyOptional({
    example: 'Sở Tư pháp và các cơ quan liên quan',
    description: 'Cơ quan phối hợp: text as written (split on commas and "và") or a list',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    nullable: true,
  })
  coordinatingAgencies?: string | string[];
  @ApiProperty({
    ...CELL,
    example: 'Quý II/2026',
    description:
      'Thời gian thực hiện: a date ("Quý II/2026", "Tháng 6/2026", "Năm 2026", "15/11/2026") or a recurrence ("Thường xuyên", "Hàng năm", "Giai đoạn 2026 - 2030 và hằng năm", "Định kỳ")',
  })
  timeFrame: string;
  @ApiPropertyOptional({
    ...CELL,
    example: 'Hồ sơ thỏa thuận quốc tế bảo đảm đúng quy định pháp luật',
    description: 'Sản phẩm đầu ra',
    nullable: true,
  })
  output?: string;
}

export class PlanImportDto {
  @ApiProperty({ example: 'Kế hoạch triển khai thực hiện Nghị quyết số 152/NQ-CP', minLength: 1, maxLength: 1000 }) title: string;
  @ApiPropertyOptional({ description: 'Where the plan comes from (document number, issuer)', maxLength: 1000 }) source?: string;
  @ApiProperty({ type: [PlanItemInputDto] }) items: PlanItemInputDto[];
}

export class PlanListQuery extends PageQuery {}

export class PlanDetailQuery {
  @ApiPropertyOptional({ description: 'Lead agency code, or ALL_AGENCIES / PROPOSING_AGENCY', maxLength: 32 })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  agency?: string;
  @ApiPropertyOptional({ enum: PLAN_ITEM_STATUSES }) @IsOptional() @IsIn(PLAN_ITEM_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
}

export class PlanItemUpdateDto {
  @ApiProperty({ enum: PLAN_ITEM_STATUSES }) @IsIn(PLAN_ITEM_STATUSES) status: (typeof PLAN_ITEM_STATUSES)[number];
  @ApiProperty({ example: 'Đã tổ chức 02 lớp tập huấn cho 120 cán bộ' }) @IsString() @IsNotEmpty() @MaxLength(10_000) note: string;
  @ApiPropertyOptional({ type: [String], description: 'Evidence: ids from POST /attachments' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}
