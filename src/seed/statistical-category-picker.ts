import type { SeededRandom } from './seeded-random';
import { CAMPUSES, SCHOOL_OF_CAMPUS, STATISTICAL_CATEGORIES } from '../../seeds/code-tables';
import type { UserGroupProfile } from '../../seeds/user-group-profiles';
import type { UserValues } from './user-values';

const SCHOOL_NAMES = new Map((STATISTICAL_CATEGORIES[1] ?? []).map(([code, description]) => [code, description]));
const CAMPUS_CODES = CAMPUSES.map(([code]) => code);

/**
 * Statistical category values from the code table, for the categories a
 * group uses: the school (1) follows the campus, the year of study (2) the group.
 */
export class StatisticalCategoryPicker {
  private readonly chosen: (string | null)[] = new Array<string | null>(10).fill(null);

  /** Sets statistical_category_1..10 of `values` for a user of `profile` on `campus`; null where the group has none. */
  fill(random: SeededRandom, values: UserValues, profile: UserGroupProfile, campus: string): void {
    const chosen = this.chosen;
    chosen.fill(null);
    for (const category of profile.statisticalCategories) {
      const options = STATISTICAL_CATEGORIES[category] ?? [];
      let description = random.pick(options)[1];
      if (category === 1) description = SCHOOL_NAMES.get(random.pick(SCHOOL_OF_CAMPUS[campus] ?? CAMPUS_CODES)) ?? description;
      if (category === 2) description = profile.code === 'UGRAD' ? options[random.between(0, 3)]![1] : 'Postgraduate';
      chosen[category - 1] = description;
    }
    // Named stores: a computed key per category would make this the slowest line of the generator.
    values.statistical_category_1 = chosen[0] ?? null;
    values.statistical_category_2 = chosen[1] ?? null;
    values.statistical_category_3 = chosen[2] ?? null;
    values.statistical_category_4 = chosen[3] ?? null;
    values.statistical_category_5 = chosen[4] ?? null;
    values.statistical_category_6 = chosen[5] ?? null;
    values.statistical_category_7 = chosen[6] ?? null;
    values.statistical_category_8 = chosen[7] ?? null;
    values.statistical_category_9 = chosen[8] ?? null;
    values.statistical_category_10 = chosen[9] ?? null;
  }
}
