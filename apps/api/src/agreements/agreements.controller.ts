import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO31661Alpha2, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { isoDateInVietnam } from '../../../../libs/domain/src';
import { decodeCursor, PageQuery, toPage } from '../common/pagination';
import { SqlConditions } from '../common/sql-conditions';
import { AgreementsExportService } from './agreements-export.service';
import { API_DATE_DOC, IsCalendarDate } from '../common/date-validators';
import { ISO_COUNTRY_PATTERN } from '../common/openapi-validation';

export const AGREEMENT_STATUSES = ['IN_FORCE', 'EXPIRED', 'TERMINATED'] as const;

export class AgreementListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES }) @IsOptional() @IsIn(AGREEMENT_STATUSES) status?: string;
  @ApiPropertyOptional({ example: 'LA', description: 'ISO 3166-1 alpha-2 code of a counterpart country', pattern: ISO_COUNTRY_PATTERN }) @IsOptional() @IsISO31661Alpha2() country?: string;
  @ApiPropertyOptional({ ...API_DATE_DOC, example: '2027-12-31' }) @IsOptional() @IsCalendarDate() expiringBefore?: string;
}

export class AgreementExportQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv'], { message: 'format must be csv or json' }) format?: 'json' | 'csv';
}

interface AgreementRow {
  id: string; proposal_id: string; reference: string; number: string | null; title: string; counterpart: unknown; country: string; fields: string[];
  signed_at: Date; place: string; signatories: unknown; term_months: number | null; expires_on: string | null; status: string;
  lead_agency_code: string; lead_agency_name: string; created_at: Date;
}

/** The registry of signed agreements (feeds the national database of international commitments, Res. 250 Art 6). */
@ApiTags('agreements')
@ApiBearerAuth()
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly db: DataSource, private readonly exporter: AgreementsExportService) {}

  // Declared before any `:id` route, so `export` is never taken for an id.
  @Get('export')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'Every registered agreement for the national database of international commitments: JSON `{items}` or CSV (UTF-8 with BOM)' })
  @ApiBadRequestResponse({ description: 'format is neither csv nor json' })
  async export(@Query() q: AgreementExportQuery) {
    const items = await this.exporter.items();
    if (q.format !== 'csv') return { items };
    return new StreamableFile(this.exporter.csv(items), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="agreements-${isoDateInVietnam(new Date())}.csv"`,
    });
  }

  @Get()
  async list(@Query() q: AgreementListQuery) {
    const limit = q.limit ?? 50;
    const c = new SqlConditions();
    if (q.status) c.where(`g.status = ${c.param(q.status)}`);
    if (q.country) c.where(`g.country = ${c.param(q.country.toUpperCase())}`);
    if (q.expiringBefore) c.where(`g.expires_on < ${c.param(q.expiringBefore)}::date`);
    c.after('g.signed_at, g.id', '<', decodeCursor(q.cursor, ['timestamptz', 'uuid']), ['timestamptz', 'uuid']);
    const rows: AgreementRow[] = await this.db.query(
      `SELECT g.*, to_char(g.expires_on, 'YYYY-MM-DD') AS expires_on, p.reference, a.name AS lead_agency_name
       FROM agreement g JOIN proposal p ON p.id = g.proposal_id JOIN agency a ON a.code = g.lead_agency_code
       WHERE ${c.sql} ORDER BY g.signed_at DESC, g.id DESC LIMIT ${c.param(limit + 1)}`,
      c.params,
    );
    return toPage(rows, limit, presentAgreement, (r) => [r.signed_at.toISOString(), r.id]);
  }
}

function presentAgreement(r: AgreementRow) {
  return {
    id: r.id, proposalId: r.proposal_id, proposalReference: r.reference, number: r.number, title: r.title, counterpart: r.counterpart,
    country: r.country, fields: r.fields, signedAt: r.signed_at.toISOString(), place: r.place, signatories: r.signatories,
    termMonths: r.term_months, expiresAt: r.expires_on, status: r.status, leadAgency: { code: r.lead_agency_code, name: r.lead_agency_name },
    createdAt: r.created_at.toISOString(),
  };
}
