import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLES } from '../auth/auth-user';
import { PageQuery } from '../common/pagination';

export class UserListQuery extends PageQuery {
  @ApiPropertyOptional({
    description:
      'Words in the full name or e-mail, each of them matched ignoring case and Vietnamese diacritics (`nguyen` finds "Nguyễn"; % and _ match themselves)',
    example: 'nguyen an',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Members of this agency only (an agency code)', example: 'HT-SNGV', minLength: 1, maxLength: 32 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  agency?: string;

  @ApiPropertyOptional({ enum: ROLES, description: 'Users holding this role' })
  @IsOptional()
  @IsIn(ROLES)
  role?: (typeof ROLES)[number];
}

class UserAgencyDto {
  @ApiProperty({ example: 'HT-SNGV' }) code: string;
  @ApiProperty({ example: 'Sở Ngoại vụ' }) name: string;
}

export class DirectoryUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Lê Minh Châu' }) fullName: string;
  @ApiProperty({ example: 'officer@sngv.hatinh.gov.vn' }) email: string;
  @ApiProperty({ type: UserAgencyDto, nullable: true, description: 'Null for users of no agency (administrators, auditors)' })
  agency: UserAgencyDto | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles: string[];
}

export class UserListDto {
  @ApiProperty({ type: [DirectoryUserDto], description: 'Sorted by full name (ignoring case and diacritics), then id' })
  items: DirectoryUserDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}
