import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, Matches, MaxLength, NotEquals } from 'class-validator';

/** Versions end up in proposal.policy_version varchar(32); `current` names the current version in the URL. */
export const POLICY_VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

export class PublishPolicyDto {
  @ApiProperty({ example: '2026.2', description: 'New version; must equal document.version; published versions never change' })
  @IsString()
  @Matches(POLICY_VERSION, {
    message: 'version must be 1-32 characters: letters, digits, dot, hyphen or underscore, starting with a letter or digit',
  })
  @NotEquals('current', { message: 'version "current" is reserved' })
  version: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The routing policy: {version, routes:[{name, when, stages:[{stage, when?, tasks:[{kind, candidateAgency, externalBody?, clock, shortenedClock?, when?}]}]}], gates:{supplement, revision, pmConsent, postSigningReport}}',
  })
  @IsObject()
  document: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Why this version (shown in the version list and the audit log)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
