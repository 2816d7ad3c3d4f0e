import type { Context } from '@temporalio/activity';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptors, Next } from '@temporalio/worker';
import { runInProvince } from '@accord/persistence';
import { provinceOfWorkflowId } from '@accord/temporal';

/**
 * Runs every activity acting for its workflow's province (issue 15, docs/provinces.md): the province is the workflow
 * id's prefix (`DN:proposal-…`; none is a legacy Hà Tĩnh id), so every connection the activity takes from the pool
 * sees that province's rows only (installTenancy). Workflows need not pass the province around, and cannot forget to.
 */
export class ProvinceActivityInboundInterceptor implements ActivityInboundCallsInterceptor {
  constructor(private readonly ctx: Context) {}

  execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const workflowId = this.ctx.info.workflowExecution?.workflowId;
    // An activity no workflow scheduled acts for no province: row-level security shows it nothing.
    if (!workflowId) return next(input);
    return runInProvince(provinceOfWorkflowId(workflowId), () => next(input));
  }
}

export const provinceActivityInterceptors = (ctx: Context): ActivityInterceptors => ({
  inbound: new ProvinceActivityInboundInterceptor(ctx),
});
