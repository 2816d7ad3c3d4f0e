import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO31661Alpha2, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { isoDateInVietnam } from '@accord/domain';
import { listAgreements, type AgreementRow } from '@accord/persistence';
import { decodeCursor, PageQuery, toPage } from '../common/pagination';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { AgreementsExportService } from './agreements-export.service';
import { API_DATE_DOC, IsCalendarDate } from '../common/date-validators';
import { ISO_COUNTRY_PATTERN } from '../common/openapi-validation';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const AGREEMENT_STATUSES = ['IN_FORCE', 'EXPIRED', 'TERMINATED'] as const;

export class AgreementListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AGREEMENT_STATUSES }) @IsOptional() @IsIn(AGREEMENT_STATUSES) status?: string;
  @ApiPropertyOptional({ example: 'LA', description: 'ISO 3166-1 alpha-2 code of a counterpart country', pattern: ISO_COUNTRY_PATTERN })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string;
  @ApiPropertyOptional({ ...API_DATE_DOC, example: '2027-12-31' }) @IsOptional() @IsCalendarDate() expiringBefore?: string;
}

export class AgreementExportQuery {
  @ApiPropertyOptional({
    enum: ['json', 'csv', 'docx'],
    default: 'json',
    description:
      '`json` and `csv`: the machine export (codes and names); `docx`: the registry as an official document (names, Decree 30 layout)',
  })
  @IsOptional()
  @IsIn(['json', 'csv', 'docx'], { message: 'format must be csv, json or docx' })
  format?: 'json' | 'csv' | 'docx';
}

/** The registry of signed agreements (feeds the national database of international commitments, Res. 250 Art 6). */
@ApiTags('agreements')
@ApiBearerAuth()
@Controller('agreements')
export class AgreementsController {
  constructor(
    private readonly db: DataSource,
    private readonly exporter: AgreementsExportService,
  ) {}

  // Declared before any `:id` route, so `export` is never taken for an id.
  @Get('export')
  @ApiProduces('application/json', 'text/csv', DOCX)
  @ApiOkResponse({
    description:
      'Every registered agreement for the national database of international commitments: JSON `{items}` or CSV (UTF-8 with BOM); ' +
      "or, with format=docx, the province's registry as an official document (Decree 30 layout: issuer, number and place-date " +
      'lines, agencies and countries by name, rows by lead agency then number, recipients, signature block)',
  })
  @ApiBadRequestResponse({ description: 'format is not csv, json or docx' })
  async export(@CurrentUser() user: AuthUser, @Query() q: AgreementExportQuery) {
    const items = await this.exporter.items(user.province);
    if (q.format === 'docx') {
      const now = new Date();
      return new StreamableFile(await this.exporter.docx(user.province, items, now), {
        type: DOCX,
        disposition: `attachment; filename="agreements-${isoDateInVietnam(now)}.docx"`,
      });
    }
    if (q.format !== 'csv') return { items };
    return new StreamableFile(this.exporter.csv(items), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="agreements-${isoDateInVietnam(new Date())}.csv"`,
    });
  }

  @Get()
  async list(@Query() q: AgreementListQuery) {
    const limit = q.limit ?? 50;
    const filter = { status: q.status, country: q.country?.toUpperCase(), expiringBefore: q.expiringBefore };
    const rows = await listAgreements(this.db, filter, decodeCursor(q.cursor, ['timestamptz', 'uuid']), limit + 1);
    return toPage(rows, limit, presentAgreement, (r) => [r.signed_at.toISOString(), r.id]);
  }
}

function presentAgreement(r: AgreementRow) {
  return {
    id: r.id,
    proposalId: r.proposal_id,
    proposalReference: r.reference,
    number: r.number,
    title: r.title,
    counterpart: r.counterpart,
    country: r.country,
    fields: r.fields,
    signedAt: r.signed_at.toISOString(),
    place: r.place,
    signatories: r.signatories,
    termMonths: r.term_months,
    expiresAt: r.expires_on,
    status: r.status,
    leadAgency: { code: r.lead_agency_code, name: r.lead_agency_name },
    createdAt: r.created_at.toISOString(),
  };
}
