import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

class IssuerDto {
  @ApiProperty({ example: 'HT-UBND' }) code: string;
  @ApiProperty({ example: 'Ủy ban nhân dân tỉnh Hà Tĩnh' }) name: string;
}

class SignerDto {
  @ApiProperty({ example: 'Bùi Thanh Minh' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'Chủ tịch' }) title: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'TM. Ủy ban nhân dân', description: 'Thẩm quyền ký (TM., KT., TL., TUQ.)' })
  authority: string | null;
}

class SignatureDto {
  @ApiProperty() subject: string;
  @ApiProperty() issuer: string;
  @ApiProperty() serial: string;
  @ApiProperty({ format: 'date-time' }) signedAt: string;
  @ApiProperty() chainTrusted: boolean;
}

/** An official document of Decree 30/2020/NĐ-CP (docs/api.md "Official documents"). */
export class OfficialDocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) proposalId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) reportCycleId: string | null;
  @ApiProperty({ enum: ['DECISION', 'OFFICIAL_LETTER', 'REPORT', 'POST_SIGNING_REPORT'] }) type: string;
  @ApiProperty({ type: IssuerDto, description: 'The issuing agency (cơ quan ban hành)' }) issuer: IssuerDto;
  @ApiProperty({ nullable: true, type: Number, description: "Number in the issuer's register for the year; null until issued" })
  number: number | null;
  @ApiProperty({ example: 'QĐ-UBND', description: 'Ký hiệu' }) notation: string;
  @ApiProperty({ nullable: true, type: String, example: '15/QĐ-UBND', description: 'Số, ký hiệu: null until issued' })
  codeNumber: string | null;
  @ApiProperty({ example: 'Hà Tĩnh', description: 'Place of the place-and-date line' }) place: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-04', description: 'Date of issue (Asia/Ho_Chi_Minh); null until issued' })
  issuedOn: string | null;
  @ApiProperty({ description: 'Trích yếu' }) subject: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: SignerDto, nullable: true }) signer: SignerDto | null;
  @ApiProperty({ type: [String], description: 'Nơi nhận' }) recipients: string[];
  @ApiProperty({ enum: ['NORMAL', 'URGENT', 'VERY_URGENT', 'FLASH'], description: 'Độ khẩn' }) priority: string;
  @ApiProperty({ enum: ['DRAFT', 'ISSUED', 'SIGNED'] }) status: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'sha256 of the signed copy once there is one; from issue until then, of the unsigned PDF rendering (GET /documents/:id/content)',
  })
  sha256: string | null;
  @ApiPropertyOptional({ type: SignatureDto, description: 'The verified signature of the signed copy, once there is one' })
  signature?: SignatureDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) issuedAt: string | null;
}

export class OfficialDocumentListDto {
  @ApiProperty({ type: [OfficialDocumentDto] }) items: OfficialDocumentDto[];
}

export class RegisterEntryDto {
  @ApiProperty() number: number;
  @ApiProperty({ example: '15/QĐ-UBND' }) codeNumber: string;
  @ApiProperty({ example: '2026-12-04' }) issuedOn: string;
  @ApiProperty({ enum: ['DECISION', 'OFFICIAL_LETTER', 'REPORT', 'POST_SIGNING_REPORT'] }) type: string;
  @ApiProperty() subject: string;
  @ApiProperty({ nullable: true, type: String }) signerName: string | null;
  @ApiProperty({ type: [String] }) recipients: string[];
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) proposalId: string | null;
  @ApiProperty({ enum: ['ISSUED', 'SIGNED'] }) status: string;
}

export class RegisterDto {
  @ApiProperty({ type: IssuerDto }) agency: IssuerDto;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ type: [RegisterEntryDto], description: 'Issued documents in number order' }) items: RegisterEntryDto[];
}

export class RegisterQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be csv or json' })
  format?: 'json' | 'csv';
}
