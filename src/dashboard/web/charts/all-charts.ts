import type { ChartDefinition } from './chart-definition';
import { usersByGroupAndStatus } from './users-by-group-and-status';
import { newRegistrationsPerMonth } from './new-registrations-per-month';
import { usersExpiringByGroup } from './users-expiring-by-group';
import { loansPerMonthByGroup } from './loans-per-month-by-group';
import { openFinesByGroup } from './open-fines-by-group';
import { borrowingRequestsFilled } from './borrowing-requests-filled';

/** The dashboard's charts, in page order. */
export const ALL_CHARTS: readonly ChartDefinition[] = [
  usersByGroupAndStatus,
  newRegistrationsPerMonth,
  usersExpiringByGroup,
  loansPerMonthByGroup,
  openFinesByGroup,
  borrowingRequestsFilled,
];
