// The English-only entry point: the main one loads every locale into the heap.
import { faker } from '@faker-js/faker/locale/en';
import { escapeCopyText } from './copy-text';

/**
 * Realistic values made by faker once per run, from the run's seed. The
 * per-row generator only draws from these arrays, so faker is off the hot
 * path and the pools cost the same whatever the number of users. Values are
 * already escaped for COPY text format.
 */
export interface ValuePools {
  readonly femaleFirstNames: readonly string[];
  readonly maleFirstNames: readonly string[];
  readonly middleNames: readonly string[];
  readonly lastNames: readonly string[];
  readonly jobDescriptions: readonly string[];
  /** Accounts of the staff who create and edit user records. */
  readonly staffAccounts: readonly string[];
}

function distinct(size: number, make: () => string): string[] {
  const values = new Set<string>();
  // Faker's name lists are finite; stop trying once new values become rare.
  for (let attempts = 0; values.size < size && attempts < size * 20; attempts++) values.add(make());
  return [...values].map(escapeCopyText);
}

export function buildValuePools(seed: number): ValuePools {
  // Seeding the shared instance right before drawing, synchronously, keeps the pools reproducible.
  faker.seed(seed);
  return {
    femaleFirstNames: distinct(800, () => faker.person.firstName('female')),
    maleFirstNames: distinct(800, () => faker.person.firstName('male')),
    middleNames: distinct(300, () => faker.person.middleName()),
    lastNames: distinct(2500, () => faker.person.lastName()),
    jobDescriptions: distinct(400, () => `${faker.person.jobTitle()}; ${faker.person.jobArea().toLowerCase()} work`),
    staffAccounts: distinct(40, () => faker.internet.username().toLowerCase()),
  };
}
