/** How the users of one group look and borrow: the knobs of the seeded population. */
export interface UserGroupProfile {
  readonly code: string;
  /** Share of the population, relative to the other groups. */
  readonly weight: number;
  readonly ages: readonly [min: number, max: number];
  /** Years since registration, for the users seeded now. */
  readonly yearsRegistered: readonly [min: number, max: number];
  /** For current members, years after the as-of date the expiry falls in (then moved to a semester end). */
  readonly yearsValid: readonly [min: number, max: number];
  /** Share of the group whose membership has ended: expiry between registration and the as-of date. */
  readonly leaverShare: number;
  /** Month and day (MM-DD) of the semester ends an expiry date falls on. */
  readonly expiryOn: readonly string[];
  readonly purgeAfterDays: number;
  /** Job category codes, weighted. */
  readonly jobs: ReadonlyArray<readonly [code: string, weight: number]>;
  readonly internalShare: number;
  readonly staffRecordShare: number;
  readonly jobDescriptionShare: number;
  readonly loansPerYear: number;
  readonly loanDays: number;
  readonly borrowingRequestShare: number;
  /** Statistical categories (1-10) users of the group have values for. */
  readonly statisticalCategories: readonly number[];
}

export const USER_GROUP_PROFILES: readonly UserGroupProfile[] = [
  {
    code: 'UGRAD', leaverShare: 0.2, weight: 58, ages: [17, 26], yearsRegistered: [0, 5], yearsValid: [0, 4], expiryOn: ['06-30'],
    purgeAfterDays: 365, jobs: [['STUDENT', 1]], internalShare: 0.02, staffRecordShare: 0, jobDescriptionShare: 0,
    loansPerYear: 1.6, loanDays: 28, borrowingRequestShare: 0.05, statisticalCategories: [1, 2, 3, 4, 5, 6, 7, 10],
  },
  {
    code: 'GRAD', leaverShare: 0.25, weight: 18, ages: [21, 45], yearsRegistered: [0, 5], yearsValid: [0, 3], expiryOn: ['01-31', '06-30', '09-30'],
    purgeAfterDays: 365, jobs: [['STUDENT', 8], ['RESEARCH_ASSISTANT', 2]], internalShare: 0.03, staffRecordShare: 0,
    jobDescriptionShare: 0.2, loansPerYear: 4, loanDays: 56, borrowingRequestShare: 0.25,
    statisticalCategories: [1, 2, 3, 4, 5, 6, 7, 10],
  },
  {
    code: 'FACULTY', leaverShare: 0.1, weight: 8, ages: [28, 72], yearsRegistered: [0, 25], yearsValid: [0, 2], expiryOn: ['08-31'],
    purgeAfterDays: 730, jobs: [['LECTURER', 5], ['PROFESSOR', 3], ['RESEARCH_ASSISTANT', 2]], internalShare: 0.05,
    staffRecordShare: 0.05, jobDescriptionShare: 0.85, loansPerYear: 5, loanDays: 120, borrowingRequestShare: 0.35,
    statisticalCategories: [1, 7, 10],
  },
  {
    code: 'STAFF', leaverShare: 0.12, weight: 7, ages: [19, 67], yearsRegistered: [0, 30], yearsValid: [0, 2], expiryOn: ['08-31'],
    purgeAfterDays: 730, jobs: [['LIBRARIAN', 3], ['ADMINISTRATOR', 4], ['TECHNICIAN', 3]], internalShare: 0.35,
    staffRecordShare: 0.3, jobDescriptionShare: 0.8, loansPerYear: 1.5, loanDays: 56, borrowingRequestShare: 0.08,
    statisticalCategories: [7, 8, 10],
  },
  {
    code: 'EXTERNAL', leaverShare: 0.35, weight: 6, ages: [18, 85], yearsRegistered: [0, 6], yearsValid: [0, 1], expiryOn: ['12-31'],
    purgeAfterDays: 180, jobs: [['VISITOR', 9], ['RETIRED', 1]], internalShare: 1, staffRecordShare: 0,
    jobDescriptionShare: 0.1, loansPerYear: 1.5, loanDays: 14, borrowingRequestShare: 0.02, statisticalCategories: [7],
  },
  {
    code: 'ALUMNI', leaverShare: 0.3, weight: 3, ages: [22, 80], yearsRegistered: [0, 10], yearsValid: [0, 1], expiryOn: ['12-31'],
    purgeAfterDays: 365, jobs: [['VISITOR', 1]], internalShare: 1, staffRecordShare: 0, jobDescriptionShare: 0.3,
    loansPerYear: 0.6, loanDays: 21, borrowingRequestShare: 0.01, statisticalCategories: [1, 7, 9],
  },
];
