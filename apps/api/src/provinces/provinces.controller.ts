import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { CreatedProvinceDto, CreateProvinceDto, ProvinceListDto } from './provinces.dto';
import { ProvincesService } from './provinces.service';

/** Provinces (tenants) of this deployment: PLATFORM_ADMIN only (docs/provinces.md). */
@ApiTags('platform')
@ApiBearerAuth()
@Controller('platform/provinces')
@Roles('PLATFORM_ADMIN')
export class ProvincesController {
  constructor(private readonly provinces: ProvincesService) {}

  @Get()
  @ApiOperation({ summary: 'List provinces' })
  @ApiOkResponse({ type: ProvinceListDto })
  @ApiForbiddenResponse({ description: 'Not a platform administrator' })
  list() {
    return this.provinces.list();
  }

  @Post()
  @ApiOperation({
    summary: 'Create a province',
    description:
      'Creates the province with its core agencies (<code>-UBND, -SNGV, -STP, …), the current default routing policy and the ' +
      'annual report to MOFA under its own agency codes, and its first ADMIN; audited in its own chain.',
  })
  @ApiCreatedResponse({ type: CreatedProvinceDto })
  @ApiBadRequestResponse({ description: 'A bad code, name or administrator (field errors name it)' })
  @ApiForbiddenResponse({ description: 'Not a platform administrator' })
  @ApiConflictResponse({ description: 'The code or the e-mail is taken' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateProvinceDto) {
    return this.provinces.create(user, body);
  }
}
