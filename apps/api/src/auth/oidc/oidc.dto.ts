import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES } from '../auth-user';

/** What a provider group means in Accord (docs/sso.md, "Users, agencies and roles"): a role, an agency, or both. */
export class GroupMappingDto {
  @ApiPropertyOptional({ enum: ROLES, nullable: true }) @IsOptional() @IsIn([...ROLES]) role?: string | null;
  @ApiPropertyOptional({ example: 'HT-SCT', nullable: true }) @IsOptional() @IsString() @MinLength(1) @MaxLength(32) agencyCode?:
    string | null;
}

export class GroupParam {
  @ApiProperty({ example: 'chuyen-vien-sct' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/^[^/\s][^\s]*$/, { message: 'group must not start with / or contain spaces' })
  group: string;
}
