import { Module } from '@nestjs/common';
import { PoliciesController } from './policies.controller';
import { PolicyService } from './policy.service';

/**
 * Routing policy versions (docs/domain.md "Routing policy (data, versioned)"). PolicyService is exported for
 * proposal submission and task completion; import this module rather than providing the service again: it caches
 * the current policy, and publishing through one instance would leave another's cache stale.
 */
@Module({ controllers: [PoliciesController], providers: [PolicyService], exports: [PolicyService] })
export class PoliciesModule {}
