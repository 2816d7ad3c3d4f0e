import { Module } from '@nestjs/common';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';

/** Implementation plans: import (JSON or XLSX), the plan board, status updates; followed up by the plan's workflow. */
@Module({ controllers: [PlansController], providers: [PlansService] })
export class PlansModule {}
