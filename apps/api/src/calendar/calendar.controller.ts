import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { endOfDayInstant, isIsoDate } from '../../../../libs/domain/src';
import { badRequest, type FieldError } from '../common/problem-details.filter';
import { CalendarService } from './calendar.service';

export class DeadlineQuery {
  @ApiPropertyOptional({ example: '2026-02-13', description: 'Day of the triggering event (not counted)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  from: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 3650 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3650) workingDays?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 3650 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3650) calendarDays?: number;
}

export class HolidaysQuery {
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1900) @Max(2200) year?: number;
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

  /** Civil Code Art 147-148: the event day is not counted; a calendar-day period ending on a day off rolls to the next working day. */
  @Get('deadline')
  @ApiOkResponse({ description: '{due: YYYY-MM-DD}' })
  async deadline(@Query() query: DeadlineQuery) {
    const errors: FieldError[] = [];
    if (!isIsoDate(query.from)) errors.push({ field: 'from', message: 'from must be a real calendar date YYYY-MM-DD' });
    const both = query.workingDays !== undefined && query.calendarDays !== undefined;
    const neither = query.workingDays === undefined && query.calendarDays === undefined;
    if (both || neither) errors.push({ field: 'workingDays', message: 'give exactly one of workingDays or calendarDays' });
    if (errors.length) throw badRequest('Invalid deadline query', errors);
    const calendar = await this.calendar.calendar();
    const due = query.workingDays !== undefined ? calendar.addWorkingDays(query.from, query.workingDays) : calendar.addCalendarDays(query.from, query.calendarDays!);
    return { due, endsAt: endOfDayInstant(due), ...query };
  }
}
