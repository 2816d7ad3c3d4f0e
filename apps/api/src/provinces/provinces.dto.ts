import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

export class ProvinceAdminDto {
  @ApiProperty({ example: 'admin@quangtri.gov.vn', description: "The province's first ADMIN; e-mails are unique across the deployment" })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Quản trị Quảng Trị', minLength: 1, maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) fullName: string;

  @ApiProperty({ minLength: 12, maxLength: 200, description: 'A local password (at least 12 characters); single sign-on can replace it' })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;
}

export class CreateProvinceDto {
  @ApiProperty({ example: 'QT', pattern: '^[A-Z]{2,8}$', description: 'Also the prefix of its agency codes (QT-SNGV)' })
  @Matches(/^(?!PLATFORM$)[A-Z]{2,8}$/, { message: 'code must be 2 to 8 capital letters (not PLATFORM)' })
  code: string;

  @ApiProperty({ example: 'Tỉnh Quảng Trị', minLength: 1, maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ example: 'Quảng Trị Province', minLength: 1, maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) nameEn: string;

  @ApiProperty({ type: ProvinceAdminDto }) @ValidateNested() @Type(() => ProvinceAdminDto) admin: ProvinceAdminDto;
}

export class ProvinceDto {
  @ApiProperty({ example: 'DN' }) code: string;
  @ApiProperty({ example: 'Thành phố Đồng Nai' }) name: string;
  @ApiProperty({ example: 'Đồng Nai City' }) nameEn: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class CreatedAdminDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
}

export class CreatedProvinceDto extends ProvinceDto {
  @ApiProperty({ type: CreatedAdminDto }) admin: CreatedAdminDto;
}

export class ProvinceListDto {
  @ApiProperty({ type: [ProvinceDto] }) items: ProvinceDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: the list is short' }) nextCursor: null;
}
