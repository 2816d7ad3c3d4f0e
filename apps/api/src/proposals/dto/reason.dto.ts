import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ReasonDto {
  @ApiProperty({ example: 'Đối tác đề nghị hoãn' }) @IsString() @IsNotEmpty() @MaxLength(5000) reason: string;
}
