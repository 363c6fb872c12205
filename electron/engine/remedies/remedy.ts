/**
 * A remedy: turns an offer the engine made into the exact plan for this machine's current
 * state. Applying, journaling, verifying and undoing are generic (remedy-runner.ts), so each
 * remedy only has to say what it would change.
 */
import type { ChangePlan } from '../../../shared/model/change-plan.js';
import type { RemedyOffer } from '../../../shared/model/finding.js';
import type { RemedyId } from '../../../shared/model/remedy-ids.js';
import type { Host, MachineIdentity } from '../../host/host.js';

export interface RemedyContext {
  readonly host: Host;
  readonly machine: MachineIdentity;
}

export interface Remedy {
  readonly id: RemedyId;
  /** Throws RemedyPreconditionError when the offer no longer applies (someone fixed it, a policy now locks it). */
  plan(offer: RemedyOffer, context: RemedyContext): Promise<ChangePlan>;
  /**
   * Why the person cannot apply this offer here (e.g. no right to write SPNs in the domain), or
   * null when they can; asked after each diagnosis, so the offer is shown unavailable with
   * the reason instead of failing half-way.
   */
  unavailableReason?(offer: RemedyOffer, context: RemedyContext): Promise<string | null>;
}

export class RemedyPreconditionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RemedyPreconditionError';
  }
}
