import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/pagination';

export const INCOMING_STATUSES = ['RECEIVED', 'ACCEPTED', 'REJECTED'] as const;

export class IncomingDocumentListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INCOMING_STATUSES, description: 'Only documents with this status' })
  @IsOptional()
  @IsIn(INCOMING_STATUSES)
  status?: (typeof INCOMING_STATUSES)[number];
}

export class RejectIncomingDocumentDto {
  @ApiProperty({
    description: 'Why it is not accepted (lý do từ chối): sent back to the sender in the REJECTED status message',
    example: 'Văn bản gửi nhầm cơ quan',
    minLength: 1,
    maxLength: 2000,
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason: string;
}

class CodeNameDto {
  @ApiProperty({ example: 'HT-SNGV' }) code: string;
  @ApiProperty({ example: 'Sở Ngoại vụ' }) name: string;
}

class OrganDto {
  @ApiProperty({ example: '000.00.00.G06', description: 'The sender organ id (Decision 20/2020/QĐ-TTg)' }) organId: string;
  @ApiProperty({ example: 'Bộ Ngoại giao' }) organName: string;
}

class IncomingAttachmentDto {
  @ApiProperty() name: string;
  @ApiProperty() contentType: string;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) sha256: string;
  @ApiProperty({ type: 'integer' }) size: number;
}

class UserRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

/** A document another organ sent through edXML (văn bản đến), registered for the province's SNGV. */
export class IncomingDocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: CodeNameDto, description: 'The receiving agency' }) recipient: CodeNameDto;
  @ApiProperty({ type: OrganDto }) from: OrganDto;
  @ApiProperty({ description: "The sender's DocumentId" }) edxmlDocumentId: string;
  @ApiProperty({ example: '1234/BNG-LPQT', description: 'Số, ký hiệu as the sender numbered it' }) codeNumber: string;
  @ApiProperty({ example: '2026-12-01' }) promulgationDate: string;
  @ApiProperty({ example: 'Hà Nội' }) place: string;
  @ApiProperty({ example: 'Công văn' }) documentType: string;
  @ApiProperty({ description: 'Trích yếu' }) subject: string;
  @ApiProperty() signerName: string;
  @ApiProperty({ example: 'NORMAL' }) priority: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-15' }) dueDate: string | null;
  @ApiProperty({ type: [IncomingAttachmentDto] }) attachments: IncomingAttachmentDto[];
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'sha256 of the package as received' }) packageSha256: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Our official document it answers (ResponseFor)' })
  linkedDocumentId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) proposalId: string | null;
  @ApiProperty({ enum: INCOMING_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'The reason of a rejection' }) statusReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) statusAt: string | null;
  @ApiProperty({ nullable: true, type: UserRefDto, description: 'Who accepted or rejected it' }) statusBy: UserRefDto | null;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
}

export class IncomingDocumentListDto {
  @ApiProperty({ type: [IncomingDocumentDto], description: 'Newest first' }) items: IncomingDocumentDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}
