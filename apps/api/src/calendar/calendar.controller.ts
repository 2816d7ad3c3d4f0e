import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { dayOfWeek, endOfDayInstant } from '@accord/domain';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, type FieldError } from '../common/problem-details.filter';
import { CalendarService } from './calendar.service';
import { API_DATE_DOC, IsCalendarDate, isApiDate } from '../common/date-validators';

export class DeadlineQuery {
  @ApiProperty({ ...API_DATE_DOC, example: '2026-02-13', description: 'Day of the triggering event (not counted)' })
  @IsCalendarDate()
  from: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 3650, description: 'Exactly one of workingDays and calendarDays' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  workingDays?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 3650, description: 'Exactly one of workingDays and calendarDays' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  calendarDays?: number;
}

export class HolidayBody {
  @ApiProperty({ example: 'Nghỉ bù Quốc khánh', minLength: 1, maxLength: 200 }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional({ example: 'National Day (compensation day)', description: 'Defaults to name', minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  nameEn?: string;
  @ApiProperty({ enum: ['HOLIDAY', 'MAKEUP_WORKDAY'] }) @IsIn(['HOLIDAY', 'MAKEUP_WORKDAY']) kind: 'HOLIDAY' | 'MAKEUP_WORKDAY';
}

/** A real calendar date YYYY-MM-DD in the years the calendar serves, or 400. */
function holidayDate(date: string): string {
  if (!isApiDate(date)) {
    throw badRequest('Invalid date', [{ field: 'date', message: 'date must be a real calendar date YYYY-MM-DD (years 1900-2200)' }]);
  }
  return date;
}

export class HolidaysQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1900, maximum: 2200, example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2200)
  year?: number;
}

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('holidays')
  async holidays(@Query() query: HolidaysQuery) {
    return (await this.calendar.days(query.year)).map((d) => ({ date: d.date, name: d.name, nameEn: d.nameEn, kind: d.kind }));
  }

  /** Holidays are yearly data administrators maintain (docs/domain.md "Business calendar"); deadlines computed later use the change. */
  @Put('holidays/:date')
  @Roles('ADMIN')
  @ApiOkResponse({ description: '{date, name, nameEn, kind}' })
  async upsertHoliday(@CurrentUser() user: AuthUser, @Param('date') date: string, @Body() body: HolidayBody) {
    holidayDate(date);
    const weekday = dayOfWeek(date);
    // A make-up working day replaces a weekly rest day; on Monday-Friday it would change nothing.
    if (body.kind === 'MAKEUP_WORKDAY' && weekday !== 0 && weekday !== 6) {
      throw badRequest('Invalid make-up working day', [{ field: 'kind', message: 'a MAKEUP_WORKDAY must be a Saturday or Sunday' }]);
    }
    return this.calendar.upsert(user, { date, name: body.name, nameEn: body.nameEn ?? body.name, kind: body.kind });
  }

  @Delete('holidays/:date')
  @Roles('ADMIN')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed; 404 when the day is not in the calendar' })
  async deleteHoliday(@CurrentUser() user: AuthUser, @Param('date') date: string): Promise<void> {
    await this.calendar.remove(user, holidayDate(date));
  }

  /** Civil Code Art 147-148: the event day is not counted; a calendar-day period ending on a day off rolls to the next working day. */
  @Get('deadline')
  @ApiOkResponse({ description: '{due: YYYY-MM-DD}' })
  async deadline(@Query() query: DeadlineQuery) {
    const errors: FieldError[] = [];
    const both = query.workingDays !== undefined && query.calendarDays !== undefined;
    const neither = query.workingDays === undefined && query.calendarDays === undefined;
    if (both || neither) errors.push({ field: 'workingDays', message: 'give exactly one of workingDays or calendarDays' });
    if (errors.length) throw badRequest('Invalid deadline query', errors);
    const calendar = await this.calendar.calendar();
    const due =
      query.workingDays !== undefined
        ? calendar.addWorkingDays(query.from, query.workingDays)
        : calendar.addCalendarDays(query.from, query.calendarDays!);
    return { due, endsAt: endOfDayInstant(due), ...query };
  }
}
