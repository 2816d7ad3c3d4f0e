import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { API_DATE_DOC, IsCalendarDate } from '../common/date-validators';

export class CreateSubstituteDto {
  @ApiProperty({ format: 'uuid', description: "Another user of the caller's agency" }) @IsUUID('all') substituteId: string;
  @ApiProperty({ ...API_DATE_DOC, example: '2026-12-01', description: 'First day away (Asia/Ho_Chi_Minh), not in the past' })
  @IsCalendarDate()
  startsOn: string;

  @ApiProperty({ ...API_DATE_DOC, example: '2026-12-05', description: 'Last day away, on or after startsOn and at most one year after it' })
  @IsCalendarDate()
  endsOn: string;
}

class PersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
}

export class SubstitutionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: PersonDto, description: 'Who is away' }) user: PersonDto;
  @ApiProperty({ type: PersonDto, description: 'Who stands in' }) substitute: PersonDto;
  @ApiProperty({ example: '2026-12-01' }) startsOn: string;
  @ApiProperty({ example: '2026-12-05' }) endsOn: string;
  @ApiProperty({ enum: ['ACTIVE', 'SCHEDULED', 'ENDED', 'REVOKED'], description: 'ACTIVE covers today (Asia/Ho_Chi_Minh)' }) status: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
}

export class SubstitutionListDto {
  @ApiProperty({ type: [SubstitutionDto], description: "The caller's current and coming substitutions" }) items: SubstitutionDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list is short' }) nextCursor: null;
  @ApiProperty({ type: [SubstitutionDto], description: 'Current and coming substitutions naming the caller as substitute' })
  actingFor: SubstitutionDto[];
}
