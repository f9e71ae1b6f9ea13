import { Injectable } from '@nestjs/common';
import type { EmployerShift } from '@linggong/protocol';
import { AccessService } from '../access/access.service.js';
import { ProfilesService } from '../accounts/profiles.service.js';
import { AppError } from '../common/errors.js';
import { MarketsService } from '../reference/markets.service.js';
import { ShiftsService } from '../shifts/shifts.service.js';
import type { StaffShiftInput } from './walk-ins.schemas.js';
import { WalkInsRepository } from './walk-ins.repository.js';

/**
 * A shift posted at the window for an employer who came in person: the employer's account is found by
 * phone (or is one placeholder per market and name, which cannot sign in), and the shift is posted through
 * the same path as one from the phone app, so dispatch, boards and figures treat it alike.
 */
@Injectable()
export class StaffShiftsService {
  constructor(
    private readonly repo: WalkInsRepository,
    private readonly access: AccessService,
    private readonly markets: MarketsService,
    private readonly profiles: ProfilesService,
    private readonly shifts: ShiftsService,
  ) {}

  async post(staffId: string, input: StaffShiftInput, idempotencyKey?: string): Promise<{ status: number; body: EmployerShift }> {
    if (!(await this.markets.find(input.marketId))) throw new AppError('NOT_FOUND');
    await this.access.assertServeMarket(staffId, input.marketId);
    const { employer, ...shift } = input;
    const account = await this.repo.employerAccount(input.marketId, employer.name, employer.phone);
    if (!account.hasProfile) await this.profiles.saveEmployer(account.id, { name: employer.name, contactName: employer.contactName });
    return this.shifts.post(account.id, shift, idempotencyKey);
  }
}
